/**
 * Every resting state of each machine as a dotted path (`'placed.confirmed'`). These lists are
 * what hosts store and index; a test proves they equal the machines' leaf states, so a state added
 * to a machine fails the build until every exhaustive `match()` over these unions handles it.
 *
 * @example
 * ```ts
 * import { ORDER_STATES, type OrderState } from 'ordermachine';
 * // Check a state read from a query string before using it in a filter.
 * const isOrderState = (s: string): s is OrderState => (ORDER_STATES as readonly string[]).includes(s);
 * isOrderState('placed.confirmed'); // true
 * isOrderState('confirmed'); // false: states are full dotted paths
 * ```
 */
export const ORDER_STATES = [
  'cart',
  'checkout',
  'placed.awaiting_payment',
  'placed.confirmed',
  'placed.backordered',
  'placed.fulfilling',
  'placed.partially_shipped',
  'placed.shipped',
  'placed.delivered',
  'on_hold',
  'completed',
  'canceled',
  'expired',
] as const;
/** A resting state of the order machine. */
export type OrderState = (typeof ORDER_STATES)[number];

/**
 * Every resting state of the payment machine.
 *
 * @example
 * ```ts
 * import { PAYMENT_STATES } from 'ordermachine';
 * // A CHECK constraint for a column holding payment states.
 * const check = `check (state in (${PAYMENT_STATES.map((s) => `'${s}'`).join(', ')}))`;
 * ```
 */
export const PAYMENT_STATES = [
  'created',
  'requires_action',
  'pending',
  'authorized',
  'partially_captured',
  'captured',
  'partially_refunded',
  'refunded',
  'disputed',
  'failed',
  'voided',
  'authorization_expired',
] as const;
/** A resting state of a payment. */
export type PaymentState = (typeof PAYMENT_STATES)[number];

/**
 * Every resting state of the shipment machine.
 *
 * @example
 * ```ts
 * import { SHIPMENT_STATES, shipmentStage } from 'ordermachine';
 * SHIPMENT_STATES.filter((s) => shipmentStage(s) === 'shipped');
 * // ['handed_to_carrier', 'in_transit', 'out_for_delivery', 'delivery_failed', 'available_for_pickup', 'returning_to_sender']
 * ```
 */
export const SHIPMENT_STATES = [
  'pending',
  'backordered',
  'ready',
  'picking',
  'picked',
  'packed',
  'ready_to_ship',
  'handed_to_carrier',
  'in_transit',
  'out_for_delivery',
  'delivery_failed',
  'available_for_pickup',
  'delivered',
  'returning_to_sender',
  'returned_to_sender',
  'lost',
  'canceled',
] as const;
/** A resting state of a shipment. */
export type ShipmentState = (typeof SHIPMENT_STATES)[number];

/**
 * Every resting state of the return machine.
 *
 * @example
 * ```ts
 * import { RETURN_STATES, returnIsOpen } from 'ordermachine';
 * RETURN_STATES.filter((s) => returnIsOpen(s)); // ['requested', 'approved', 'awaiting_items', 'in_transit', 'received', 'inspected']
 * ```
 */
export const RETURN_STATES = [
  'requested',
  'approved',
  'declined',
  'awaiting_items',
  'in_transit',
  'received',
  'inspected',
  'resolved',
  'closed',
  'canceled',
] as const;
/** A resting state of a return or claim. */
export type ReturnState = (typeof RETURN_STATES)[number];

/**
 * States that accept nothing more.
 *
 * @example
 * ```ts
 * import { FINAL_STATES, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const finished = (FINAL_STATES.order as readonly string[]).includes(order.order.state);
 * const openShipments = order.shipments.filter((s) => !(FINAL_STATES.shipment as readonly string[]).includes(s.state));
 * ```
 */
export const FINAL_STATES = {
  order: ['completed', 'canceled', 'expired'],
  payment: ['refunded', 'failed', 'voided', 'authorization_expired'],
  shipment: ['delivered', 'returned_to_sender', 'lost', 'canceled'],
  return: ['declined', 'closed', 'canceled'],
} as const satisfies {
  order: readonly OrderState[];
  payment: readonly PaymentState[];
  shipment: readonly ShipmentState[];
  return: readonly ReturnState[];
};
