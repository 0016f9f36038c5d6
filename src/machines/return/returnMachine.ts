import { and, assertEvent, assign, setup } from 'xstate';
import type { CommandParams, NotifyParams } from '../../model/effects.js';
import type { ReturnResolution } from '../../model/events.js';
import type { LineQuantity } from '../../model/lineItem.js';
import { by, byActor, effectPlaceholder } from '../envelope.js';
import { initialReturnContext, type ReturnContext, type ReturnInput } from './context.js';
import type { ReturnMachineEvent } from './events.js';

const CANCEL = {
  guard: by('customer', 'staff'),
  target: 'canceled',
  actions: 'recordCancellation',
} as const;

/** Accepted lines must be some of the returned lines, no more than returned. */
function within(accepted: readonly LineQuantity[], returned: readonly LineQuantity[]): boolean {
  return accepted.every((a) => returned.some((r) => r.lineId === a.lineId && a.quantity <= r.quantity));
}

const RESOLVED = [
  'recordResolution',
  {
    type: 'notify',
    params: ({ event }: { event: ReturnMachineEvent }): NotifyParams => ({
      template: 'return_resolved',
      data: event.type === 'RESOLVE_RETURN' ? { resolution: event.resolution, ...(event.amount ? { amount: event.amount } : {}) } : {},
    }),
  },
] as const;

/** What the host must do for each resolution; a refund is asked of the payments by `apply`. */
const SETTLE = {
  refund: [],
  store_credit: [
    {
      type: 'command',
      params: ({ context, event }: { context: ReturnContext; event: ReturnMachineEvent }): CommandParams => ({
        command: 'issue_store_credit',
        returnId: context.returnId,
        amount: event.type === 'RESOLVE_RETURN' && event.amount ? event.amount : { amount: 0, currency: 'USD' },
      }),
    },
  ],
  exchange: [EXCHANGE('exchange')],
  replacement: [EXCHANGE('replacement')],
} as const;

function EXCHANGE(resolution: 'exchange' | 'replacement') {
  return {
    type: 'command',
    params: ({ context }: { context: ReturnContext }): CommandParams => ({
      command: 'create_exchange_order',
      returnId: context.returnId,
      lines: context.inspection?.acceptedLines ?? context.lines,
      resolution,
    }),
  } as const;
}

/** `RESOLVE_RETURN`, one transition per resolution so each declares the host command it needs. */
function resolve(condition: 'noInboundNeeded' | 'somethingAccepted', before: readonly 'acceptWithoutInspection'[]) {
  return (['refund', 'store_credit', 'exchange', 'replacement'] as const).map((kind) => ({
    guard: and([by('staff'), condition, 'resolutionComplete', { type: 'resolutionIs' as const, params: { kind } }]),
    target: 'resolved' as const,
    actions: [...before, ...RESOLVED, ...SETTLE[kind]],
  }));
}

/**
 * A return or a claim: requested → approved (or declined) → awaiting items (label issued) → in
 * transit → received → inspected (accepted, rejected or partly) → resolved by refund, store credit,
 * exchange or replacement → closed; or canceled. A claim for a missing item needs no inbound
 * parcel and may be resolved as soon as it is approved.
 *
 * @example
 * ```ts
 * import { returnMachine } from 'ordermachine';
 * import { initialTransition } from 'xstate';
 * const [r] = initialTransition(returnMachine, { returnId: 'r1', kind: 'return', lines: [{ lineId: 'l1', quantity: 1 }], needsInbound: true, at: '2026-01-01T00:00:00Z' });
 * r.value; // 'requested'
 * ```
 */
export const returnMachine = setup({
  types: {
    context: {} as ReturnContext,
    events: {} as ReturnMachineEvent,
    input: {} as ReturnInput,
  },
  guards: {
    byActor,
    needsInbound: ({ context }) => context.needsInbound,
    noInboundNeeded: ({ context }) => !context.needsInbound,
    inspectionValid: ({ context, event }) =>
      event.type === 'INSPECT_RETURN' &&
      (event.outcome !== 'partial' || (event.acceptedLines !== undefined && event.acceptedLines.length > 0 && within(event.acceptedLines, context.lines))),
    somethingAccepted: ({ context }) => context.inspection !== null && context.inspection.outcome !== 'rejected',
    allRejected: ({ context }) => context.inspection?.outcome === 'rejected',
    resolutionIs: ({ event }, params: { kind: ReturnResolution }) => event.type === 'RESOLVE_RETURN' && event.resolution === params.kind,
    resolutionComplete: ({ event }) =>
      event.type === 'RESOLVE_RETURN' &&
      ((event.resolution !== 'refund' && event.resolution !== 'store_credit') || (event.amount !== undefined && event.amount.amount > 0)),
  },
  actions: {
    notify: (_, _params: NotifyParams) => effectPlaceholder(),
    command: (_, _params: CommandParams) => effectPlaceholder(),
    recordApproval: assign({
      decisionNote: ({ event }) => {
        assertEvent(event, 'APPROVE_RETURN');
        return event.note ?? null;
      },
    }),
    recordDecline: assign({
      declineReason: ({ event }) => {
        assertEvent(event, 'DECLINE_RETURN');
        return event.reason;
      },
    }),
    recordLabel: assign(({ event }) => {
      assertEvent(event, 'ISSUE_RETURN_LABEL');
      return { label: event.label, trackingNumber: event.label.trackingNumber };
    }),
    recordInboundTracking: assign({
      trackingNumber: ({ context, event }) => {
        assertEvent(event, 'RETURN_SHIPPED');
        return event.trackingNumber ?? context.trackingNumber;
      },
    }),
    recordReceipt: assign({ receivedAt: ({ event }) => event.at }),
    recordInspection: assign({
      inspection: ({ context, event }) => {
        assertEvent(event, 'INSPECT_RETURN');
        const acceptedLines = event.outcome === 'accepted' ? context.lines : event.outcome === 'rejected' ? [] : (event.acceptedLines ?? []);
        return { outcome: event.outcome, acceptedLines: [...acceptedLines], note: event.note ?? null };
      },
    }),
    acceptWithoutInspection: assign({
      inspection: ({ context }) => ({ outcome: 'accepted' as const, acceptedLines: [...context.lines], note: null }),
    }),
    recordResolution: assign({
      resolution: ({ event }) => {
        assertEvent(event, 'RESOLVE_RETURN');
        return { kind: event.resolution, amount: event.amount ?? null, paymentId: event.paymentId ?? null };
      },
    }),
    recordCancellation: assign({
      cancelReason: ({ event }) => {
        assertEvent(event, 'CANCEL_RETURN');
        return event.reason ?? null;
      },
    }),
    close: assign({ closedAt: ({ event }) => event.at }),
  },
}).createMachine({
  id: 'return',
  context: ({ input }) => initialReturnContext(input),
  initial: 'requested',
  states: {
    requested: {
      entry: {
        type: 'notify',
        params: ({ context }) => ({ template: context.kind === 'claim' ? 'claim_opened' : 'return_requested' }),
      },
      on: {
        APPROVE_RETURN: {
          guard: by('staff'),
          target: 'approved',
          actions: ['recordApproval', { type: 'notify', params: { template: 'return_approved' } }],
        },
        DECLINE_RETURN: {
          guard: by('staff'),
          target: 'declined',
          actions: [
            'recordDecline',
            {
              type: 'notify',
              params: ({ event }) => ({ template: 'return_declined', data: event.type === 'DECLINE_RETURN' ? { reason: event.reason } : {} }),
            },
          ],
        },
        CANCEL_RETURN: CANCEL,
      },
    },
    approved: {
      on: {
        ISSUE_RETURN_LABEL: {
          guard: and([by('staff', 'system'), 'needsInbound']),
          target: 'awaiting_items',
          actions: [
            'recordLabel',
            {
              type: 'notify',
              params: ({ context }) => ({
                template: 'return_label_issued',
                data: {
                  ...(context.label ? { carrier: context.label.carrier, trackingNumber: context.label.trackingNumber } : {}),
                  ...(context.label?.labelUrl ? { labelUrl: context.label.labelUrl } : {}),
                },
              }),
            },
          ],
        },
        // Brought back to the shop by hand.
        RETURN_RECEIVED: { guard: and([by('staff'), 'needsInbound']), target: 'received', actions: 'recordReceipt' },
        // A claim that needs nothing back (a missing item) is settled straight away.
        RESOLVE_RETURN: resolve('noInboundNeeded', ['acceptWithoutInspection']),
        CANCEL_RETURN: CANCEL,
      },
    },
    awaiting_items: {
      on: {
        RETURN_SHIPPED: { guard: by('customer', 'carrier'), target: 'in_transit', actions: 'recordInboundTracking' },
        RETURN_RECEIVED: {
          guard: by('staff'),
          target: 'received',
          actions: ['recordReceipt', { type: 'notify', params: { template: 'return_received' } }],
        },
        CANCEL_RETURN: CANCEL,
      },
    },
    in_transit: {
      on: {
        RETURN_RECEIVED: {
          guard: by('staff'),
          target: 'received',
          actions: ['recordReceipt', { type: 'notify', params: { template: 'return_received' } }],
        },
      },
    },
    received: {
      on: {
        INSPECT_RETURN: { guard: and([by('staff'), 'inspectionValid']), target: 'inspected', actions: 'recordInspection' },
      },
    },
    inspected: {
      on: {
        RESOLVE_RETURN: resolve('somethingAccepted', []),
        // Nothing accepted: the goods go back to the customer and the case is closed.
        CLOSE_RETURN: {
          guard: and([by('staff', 'system'), 'allRejected']),
          target: 'closed',
          actions: ['close', { type: 'notify', params: { template: 'return_rejected' } }],
        },
      },
    },
    resolved: {
      on: {
        CLOSE_RETURN: { guard: by('staff', 'system'), target: 'closed', actions: 'close' },
      },
    },
    declined: { type: 'final' },
    closed: { type: 'final' },
    canceled: { type: 'final' },
  },
});
