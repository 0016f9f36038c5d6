import { and, assertEvent, assign, setup } from 'xstate';
import type { CommandParams, NotifyParams } from '../../model/effects.js';
import type { CarrierStatus } from '../../model/events.js';
import { by, byActor, effectPlaceholder } from '../envelope.js';
import { initialShipmentContext, TRACKING_LOG_LIMIT, type ShipmentContext, type ShipmentInput } from './context.js';
import type { ShipmentMachineEvent } from './events.js';

/** The `carrierStatusIs` guard reference for one normalised carrier status. */
function reported(status: CarrierStatus): { type: 'carrierStatusIs'; params: { status: CarrierStatus } } {
  return { type: 'carrierStatusIs', params: { status } };
}

/** Carriers report tracking; staff may report it too when the shop delivers with its own couriers (seed 003). */
const TRACKERS = ['carrier', 'staff'] as const;

const SHIPPED = {
  type: 'notify',
  params: ({ context }: { context: ShipmentContext }): NotifyParams => ({
    template: 'shipment_shipped',
    data: {
      ...(context.carrier ? { carrier: context.carrier } : {}),
      ...(context.trackingNumber ? { trackingNumber: context.trackingNumber } : {}),
    },
  }),
} as const;

/** A carrier status moves the parcel to the state of the same name, with its message. */
const ON_STATUS = {
  pre_transit: { target: 'handed_to_carrier', actions: ['logScan'] },
  in_transit: { target: 'in_transit', actions: ['logScan'] },
  out_for_delivery: { target: 'out_for_delivery', actions: ['logScan', { type: 'notify', params: { template: 'shipment_out_for_delivery' } }] },
  delivered: { target: 'delivered', actions: ['logScan', 'recordDelivery', { type: 'notify', params: { template: 'shipment_delivered' } }] },
  failure: {
    target: 'delivery_failed',
    actions: [
      'logScan',
      'countAttempt',
      {
        type: 'notify',
        params: ({ context }: { context: ShipmentContext }): NotifyParams => ({ template: 'delivery_attempt_failed', data: { attempts: context.attempts } }),
      },
    ],
  },
  available_for_pickup: { target: 'available_for_pickup', actions: ['logScan', { type: 'notify', params: { template: 'ready_for_pickup' } }] },
  return_to_sender: { target: 'returning_to_sender', actions: ['logScan'] },
  returned_to_sender: { target: 'returned_to_sender', actions: ['logScan', { type: 'notify', params: { template: 'shipment_returned_to_sender' } }] },
  lost: { target: 'lost', actions: ['logScan', { type: 'notify', params: { template: 'shipment_lost' } }] },
} as const;

/**
 * `CARRIER_STATUS` handling for a state: the listed statuses move the parcel on; the state's own
 * status (`repeat`) is a scan that is logged without a move; every other status is refused.
 */
function tracking(repeat: CarrierStatus, moves: readonly CarrierStatus[]) {
  return [
    { guard: and([by(...TRACKERS), reported(repeat)]), actions: ['logScan'] as const },
    ...moves.map((status) => ({ guard: and([by(...TRACKERS), reported(status)]), ...ON_STATUS[status] })),
  ];
}

const DELAYED = {
  type: 'notify',
  params: ({ event }: { event: ShipmentMachineEvent }): NotifyParams => ({
    template: 'order_delayed',
    data: { reason: 'stock', ...(event.type === 'SHIPMENT_BACKORDERED' && event.expectedAt ? { expectedAt: event.expectedAt } : {}) },
  }),
} as const;

const CANCEL = {
  guard: by('staff', 'system'),
  target: 'canceled',
  actions: 'recordCancellation',
} as const;

/** Packing, from picking or once picked; a travelling parcel that came without a label asks the host to buy one. */
const PACK = [
  {
    guard: and([by('staff'), 'needsLabel']),
    target: 'packed',
    actions: [
      'recordPacking',
      { type: 'command', params: ({ context }: { context: ShipmentContext }): CommandParams => ({ command: 'buy_label', shipmentId: context.shipmentId, method: context.method }) },
    ],
  },
  { guard: by('staff'), target: 'packed', actions: 'recordPacking' },
] as const;

/**
 * One parcel from the warehouse to the door: pending → ready (sent to the warehouse) → picking
 * (pick list, assigned picker) → picked (optional) → packed (invoice, label, tracking number) → ready to ship →
 * handed to carrier → in transit → out for delivery → delivered; with backorder, failed delivery
 * attempts, pickup points, return to sender, lost parcels and cancellation. Carrier scans arrive
 * as one normalised `CARRIER_STATUS` event.
 *
 * @example
 * ```ts
 * import { shipmentMachine } from 'ordermachine';
 * import { initialTransition } from 'xstate';
 * const [s] = initialTransition(shipmentMachine, { shipmentId: 's1', lines: [{ lineId: 'l1', quantity: 1 }], method: 'express', at: '2026-01-01T00:00:00Z' });
 * s.value; // 'pending'
 * ```
 */
export const shipmentMachine = setup({
  types: {
    context: {} as ShipmentContext,
    events: {} as ShipmentMachineEvent,
    input: {} as ShipmentInput,
  },
  guards: {
    byActor,
    carrierStatusIs: ({ event }, params: { status: CarrierStatus }) => event.type === 'CARRIER_STATUS' && event.status === params.status,
    isPickup: ({ context }) => context.method === 'pickup',
    isNotPickup: ({ context }) => context.method !== 'pickup',
    labelMissing: ({ context }) => context.label === null,
    needsLabel: ({ context, event }) =>
      event.type === 'PACK_SHIPMENT' && event.label === undefined && context.label === null && context.method !== 'pickup',
    // A travelling parcel leaves with a tracking number: its label's, or the one the carrier gives at collection (seed 004).
    trackable: ({ context, event }) => context.label !== null || context.trackingNumber !== null || (event.type === 'HAND_TO_CARRIER' && event.trackingNumber !== undefined),
  },
  actions: {
    notify: (_, _params: NotifyParams) => effectPlaceholder(),
    command: (_, _params: CommandParams) => effectPlaceholder(),
    recordBackorder: assign({
      backorderExpectedAt: ({ event }) => {
        assertEvent(event, 'SHIPMENT_BACKORDERED');
        return event.expectedAt ?? null;
      },
    }),
    assignPicker: assign(({ event }) => {
      assertEvent(event, 'START_PICKING');
      return { pickerId: event.pickerId, pickListId: event.pickListId ?? null };
    }),
    recordPacking: assign(({ context, event }) => {
      assertEvent(event, 'PACK_SHIPMENT');
      const label = event.label ?? context.label;
      return {
        packerId: event.packerId ?? null,
        invoiceNumber: event.invoiceNumber ?? null,
        label,
        carrier: label?.carrier ?? null,
        trackingNumber: label?.trackingNumber ?? null,
      };
    }),
    recordLabel: assign(({ event }) => {
      assertEvent(event, 'LABEL_CREATED');
      return { label: event.label, carrier: event.label.carrier, trackingNumber: event.label.trackingNumber };
    }),
    recordHandover: assign(({ context, event }) => ({
      shippedAt: event.at,
      carrier: (event.type === 'HAND_TO_CARRIER' ? event.carrier : undefined) ?? context.carrier,
      trackingNumber: (event.type === 'HAND_TO_CARRIER' ? event.trackingNumber : undefined) ?? context.trackingNumber,
    })),
    logScan: assign({
      tracking: ({ context, event }) => {
        assertEvent(event, 'CARRIER_STATUS');
        const scan = { status: event.status, at: event.at, location: event.location ?? null, detail: event.detail ?? null };
        return [...context.tracking, scan].slice(-TRACKING_LOG_LIMIT);
      },
    }),
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    recordDelivery: assign({ deliveredAt: ({ event }) => event.at }),
    recordCancellation: assign({
      cancelReason: ({ event }) => {
        assertEvent(event, 'CANCEL_SHIPMENT');
        return event.reason ?? null;
      },
    }),
  },
}).createMachine({
  id: 'shipment',
  context: ({ input }) => initialShipmentContext(input),
  initial: 'pending',
  states: {
    // Seed 001 "необработанный": created, not yet sent to the warehouse.
    pending: {
      on: {
        RELEASE_TO_WAREHOUSE: { guard: by('staff', 'system'), target: 'ready' },
        SHIPMENT_BACKORDERED: { guard: by('staff', 'system'), target: 'backordered', actions: ['recordBackorder', DELAYED] },
        CANCEL_SHIPMENT: CANCEL,
      },
    },
    backordered: {
      on: {
        SHIPMENT_STOCK_ARRIVED: { guard: by('staff', 'system'), target: 'ready' },
        CANCEL_SHIPMENT: CANCEL,
      },
    },
    // In the warehouse's queue (seed 004 "order sent to warehouse").
    ready: {
      on: {
        START_PICKING: { guard: by('staff'), target: 'picking', actions: 'assignPicker' },
        SHIPMENT_BACKORDERED: { guard: by('staff', 'system'), target: 'backordered', actions: ['recordBackorder', DELAYED] },
        CANCEL_SHIPMENT: CANCEL,
      },
    },
    picking: {
      on: {
        FINISH_PICKING: { guard: by('staff'), target: 'picked' },
        PACK_SHIPMENT: PACK,
        CANCEL_SHIPMENT: CANCEL,
      },
    },
    // Seed 001 «Выполнено — товары собраны»: everything collected, waiting for the packing table.
    picked: {
      on: {
        PACK_SHIPMENT: PACK,
        CANCEL_SHIPMENT: CANCEL,
      },
    },
    packed: {
      on: {
        LABEL_CREATED: { guard: and([by('staff', 'system'), 'labelMissing']), actions: 'recordLabel' },
        MARK_READY_TO_SHIP: { guard: by('staff'), target: 'ready_to_ship' },
        CANCEL_SHIPMENT: CANCEL,
      },
    },
    // Seed 001 "готов к отправке": waiting for the courier in the dispatch area.
    ready_to_ship: {
      on: {
        HAND_TO_CARRIER: { guard: and([by('staff', 'carrier'), 'isNotPickup', 'trackable']), target: 'handed_to_carrier', actions: ['recordHandover', SHIPPED] },
        // A label bought after the parcel reached the dispatch area still arrives before the courier does.
        LABEL_CREATED: { guard: and([by('staff', 'system'), 'labelMissing']), actions: 'recordLabel' },
        CARRIER_STATUS: [
          { guard: and([by(...TRACKERS), 'isNotPickup', 'trackable', reported('pre_transit')]), target: 'handed_to_carrier', actions: ['recordHandover', 'logScan', SHIPPED] },
          { guard: and([by(...TRACKERS), 'isNotPickup', 'trackable', reported('in_transit')]), target: 'in_transit', actions: ['recordHandover', 'logScan', SHIPPED] },
        ],
        READY_FOR_PICKUP: {
          guard: and([by('staff'), 'isPickup']),
          target: 'available_for_pickup',
          actions: { type: 'notify', params: { template: 'ready_for_pickup' } },
        },
        CANCEL_SHIPMENT: CANCEL,
      },
    },
    handed_to_carrier: {
      on: { CARRIER_STATUS: tracking('pre_transit', ['in_transit', 'out_for_delivery', 'delivered', 'failure', 'available_for_pickup', 'return_to_sender', 'lost']) },
    },
    in_transit: {
      on: { CARRIER_STATUS: tracking('in_transit', ['out_for_delivery', 'delivered', 'failure', 'available_for_pickup', 'return_to_sender', 'lost']) },
    },
    out_for_delivery: {
      on: { CARRIER_STATUS: tracking('out_for_delivery', ['in_transit', 'delivered', 'failure', 'available_for_pickup', 'return_to_sender', 'lost']) },
    },
    delivery_failed: {
      on: {
        CARRIER_STATUS: [
          // A further failed attempt counts and is told to the customer again.
          { guard: and([by(...TRACKERS), reported('failure')]), actions: ON_STATUS.failure.actions },
          ...tracking('failure', ['in_transit', 'out_for_delivery', 'delivered', 'available_for_pickup', 'return_to_sender', 'lost']).slice(1),
        ],
      },
    },
    available_for_pickup: {
      on: {
        PICKED_UP: { guard: by('staff'), target: 'delivered', actions: ['recordDelivery', { type: 'notify', params: { template: 'shipment_delivered' } }] },
        // A carrier's pickup point reports scans; the shop's own counter hands over with PICKED_UP.
        CARRIER_STATUS: tracking('available_for_pickup', ['delivered', 'return_to_sender', 'lost']).map((t) => ({
          ...t,
          guard: and([by(...TRACKERS), 'isNotPickup', t.guard]),
        })),
      },
    },
    returning_to_sender: {
      on: { CARRIER_STATUS: tracking('return_to_sender', ['returned_to_sender', 'lost']) },
    },
    delivered: { type: 'final' },
    returned_to_sender: { type: 'final' },
    lost: { type: 'final' },
    canceled: { type: 'final' },
  },
});
