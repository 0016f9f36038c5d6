/**
 * Every resting state of each machine as a dotted path (`'placed.confirmed'`). These lists are
 * what hosts store and index; a test proves they equal the machines' leaf states, so a state added
 * to a machine fails the build until every exhaustive `match()` over these unions handles it.
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

/** Every resting state of the payment machine. */
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

/** Every resting state of the shipment machine. */
export const SHIPMENT_STATES = [
  'pending',
  'backordered',
  'ready',
  'picking',
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

/** Every resting state of the return machine. */
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

/** States that accept nothing more. */
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
