import { match } from 'ts-pattern';
import type { OrderAggregate } from './aggregate.js';
import { derivePaymentStatus, deriveReturnStatus } from './deriveStatuses.js';

/**
 * The one status a customer sees, in the words of the seed status lists: "unprocessed /
 * processing", "awaiting shipment" (backorder), picking, packing, "ready to ship", "shipped",
 * "delivered"… Translated labels live in `i18n/`.
 *
 * @example
 * ```ts
 * import { CUSTOMER_STATUSES } from 'ordermachine';
 * // The options of an order-status filter in an account page.
 * const options = CUSTOMER_STATUSES.map((status) => ({ value: status, label: status.replaceAll('_', ' ') }));
 * ```
 */
export const CUSTOMER_STATUSES = [
  'shopping',
  'checking_out',
  'awaiting_payment',
  'on_hold',
  'processing',
  'awaiting_stock',
  'picking',
  'picked',
  'packing',
  'ready_to_ship',
  'partially_shipped',
  'shipped',
  'out_for_delivery',
  'delivery_attempt_failed',
  'ready_for_pickup',
  'delivered',
  'return_in_progress',
  'returned',
  'completed',
  'refunded',
  'canceled',
  'expired',
] as const;
/** The one status a customer sees. */
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/**
 * Derives the customer-facing status from the order and its children. Exhaustive over the order
 * states: a new state breaks the build here until it has a customer-facing meaning. A parcel
 * waiting for goods (`backordered`) reads "awaiting shipment" (`awaiting_stock`) until another
 * parcel is picked or packed; an order whose money was all given back before anything left reads
 * `refunded`.
 *
 * @param order - the aggregate
 * @example
 * ```ts
 * import { customerStatus, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * customerStatus(order); // e.g. 'out_for_delivery'
 * ```
 */
export function customerStatus(order: OrderAggregate): CustomerStatus {
  const shipmentStates = new Set(order.shipments.map((s) => s.state));
  const state = order.order.state;
  // All the money given back before anything left: the order is refunded, whatever waits in the warehouse.
  if ((state === 'placed.confirmed' || state === 'placed.backordered' || state === 'placed.fulfilling') && derivePaymentStatus(order) === 'refunded') return 'refunded';
  return match(state)
    .returnType<CustomerStatus>()
    .with('cart', () => 'shopping')
    .with('checkout', () => 'checking_out')
    .with('placed.awaiting_payment', () => 'awaiting_payment')
    .with('on_hold', () => 'on_hold')
    .with('placed.confirmed', () => 'processing')
    .with('placed.backordered', () => 'awaiting_stock')
    .with('placed.fulfilling', () =>
      shipmentStates.has('ready_to_ship')
        ? 'ready_to_ship'
        : shipmentStates.has('packed')
          ? 'packing'
          : shipmentStates.has('picked')
            ? 'picked'
            : shipmentStates.has('picking')
              ? 'picking'
              : shipmentStates.has('backordered')
                ? 'awaiting_stock'
                : 'processing',
    )
    .with('placed.partially_shipped', () => 'partially_shipped')
    .with('placed.shipped', () =>
      shipmentStates.has('out_for_delivery')
        ? 'out_for_delivery'
        : shipmentStates.has('delivery_failed')
          ? 'delivery_attempt_failed'
          : shipmentStates.has('available_for_pickup')
            ? 'ready_for_pickup'
            : 'shipped',
    )
    .with('placed.delivered', () =>
      match(deriveReturnStatus(order))
        .returnType<CustomerStatus>()
        .with('requested', 'in_progress', () => 'return_in_progress')
        .with('returned', () => 'returned')
        .with('none', 'partially_returned', () => 'delivered')
        .exhaustive(),
    )
    .with('completed', () => (derivePaymentStatus(order) === 'refunded' ? 'refunded' : 'completed'))
    .with('canceled', () => 'canceled')
    .with('expired', () => 'expired')
    .exhaustive();
}
