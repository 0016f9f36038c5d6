import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { addWorkingDays, type Weekday } from '../model/addWorkingDays.js';
import type { ShippingMethod } from '../model/methods.js';

/** Options of {@link estimateDelivery}. */
export interface EstimateDeliveryOptions {
  /** Count from this moment instead of the order's confirmation (e.g. the hand-over to the carrier). */
  readonly from?: Date;
  /** Business days from the start to the door, per shipping method; missing ones keep the defaults. */
  readonly transitBusinessDays?: Partial<Record<ShippingMethod, number>>;
  /** Days nobody delivers (default Saturday and Sunday; Iran: `[5]`). */
  readonly weekendDays?: readonly Weekday[];
}

// Door-to-door business days a customer is promised; `pickup` is when the parcel is ready at the pickup point.
const DEFAULT_TRANSIT_BUSINESS_DAYS: Readonly<Record<ShippingMethod, number>> = Object.freeze({
  standard: 5,
  expedited: 3,
  express: 1,
  pickup: 2,
});

const dateOf = (iso: string | null): Date | null => {
  if (iso === null) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

/**
 * The estimated delivery date of an order: working days (Monday to Friday unless
 * `options.weekendDays` says otherwise) by shipping method — standard 5, expedited 3, express 1, pickup 2 — counted
 * from `options.from`, else from the order's confirmation, else from its placement.
 *
 * @param order - the aggregate; its shipping method and its confirmation or placement time are used
 * @param options - another start (`from`), other transit times per method, another weekend
 * @throws OrderMachineError `INVALID_OPTION` for weekend days outside 0–6 or a seven-day weekend
 * @returns the estimated day (same time of day as the start), or `null` when the order has no
 *   shipping method yet or no start is known (a cart)
 * @example
 * ```ts
 * import { estimateDelivery, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate; // placed with standard shipping
 * const eta = estimateDelivery(order); // confirmation + 5 business days
 * const slowerPost = estimateDelivery(order, { transitBusinessDays: { standard: 7 } });
 * const fromHandOver = estimateDelivery(order, { from: new Date('2026-03-24T10:00:00Z') });
 * ```
 */
export function estimateDelivery(order: OrderAggregate, options: EstimateDeliveryOptions = {}): Date | null {
  const context = order.order.context;
  const method = context.shippingMethod;
  if (method === null) return null;
  const start = options.from ?? dateOf(context.confirmedAt) ?? dateOf(context.placedAt);
  if (start === null || Number.isNaN(start.getTime())) return null;
  const days = options.transitBusinessDays?.[method] ?? DEFAULT_TRANSIT_BUSINESS_DAYS[method];
  return addWorkingDays(start, days, options.weekendDays);
}
