import * as z from 'zod';
import { CarrierStatus, ShippingLabel } from '../../model/events.js';
import { LineQuantity } from '../../model/lineItem.js';
import { ShippingMethod } from '../../model/methods.js';

/** How many tracking scans a shipment keeps (the newest ones). @internal */
export const TRACKING_LOG_LIMIT = 50;

/**
 * One parcel's facts: what is in it, who picked and packed it, its label and its tracking.
 *
 * @example
 * ```ts
 * import { ShipmentContext, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * for (const shipment of order.shipments) {
 *   const c: ShipmentContext = ShipmentContext.parse(shipment.context);
 *   if (c.trackingNumber !== null) console.log(`${c.carrier ?? 'carrier'} ${c.trackingNumber}: ${shipment.state}`);
 * }
 * ```
 */
export const ShipmentContext = z.strictObject({
  shipmentId: z.string().min(1),
  lines: z.array(LineQuantity),
  method: ShippingMethod,
  warehouse: z.string().nullable(),
  pickerId: z.string().nullable(),
  pickListId: z.string().nullable(),
  packerId: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  label: ShippingLabel.nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  /** Failed delivery attempts so far. */
  attempts: z.number().int().nonnegative(),
  tracking: z.array(z.strictObject({ status: CarrierStatus, at: z.string(), location: z.string().nullable(), detail: z.string().nullable() })),
  backorderExpectedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
/** One parcel's facts. */
export type ShipmentContext = z.infer<typeof ShipmentContext>;

/** What starts a shipment. */
export interface ShipmentInput {
  readonly shipmentId: string;
  readonly lines: readonly LineQuantity[];
  readonly method: ShippingMethod;
  readonly warehouse?: string | undefined;
  readonly at: string;
}

/**
 * Builds the initial shipment context; tolerant of `undefined` (XState's throw-away actor).
 *
 * @param input - id, lines, shipping method and creation time
 * @example
 * ```ts
 * import { initialShipmentContext } from 'ordermachine';
 * initialShipmentContext({ shipmentId: 's1', lines: [{ lineId: 'l1', quantity: 1 }], method: 'standard', at: '2026-01-01T00:00:00Z' });
 * ```
 */
export function initialShipmentContext(input: ShipmentInput | undefined): ShipmentContext {
  return {
    shipmentId: input?.shipmentId ?? '',
    lines: input ? [...input.lines] : [],
    method: input?.method ?? 'standard',
    warehouse: input?.warehouse ?? null,
    pickerId: null,
    pickListId: null,
    packerId: null,
    invoiceNumber: null,
    label: null,
    carrier: null,
    trackingNumber: null,
    attempts: 0,
    tracking: [],
    backorderExpectedAt: null,
    cancelReason: null,
    createdAt: input?.at ?? '',
    shippedAt: null,
    deliveredAt: null,
  };
}
