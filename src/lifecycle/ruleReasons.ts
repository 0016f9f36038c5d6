import type { OrderEventType } from '../model/events.js';
import type { RejectionReason } from './rejectionReason.js';

const SHIPPABLE = ['ORDER_ON_HOLD', 'PAYMENT_REQUIRED', 'PAYMENT_REFUNDED'] as const satisfies readonly RejectionReason[];
const NEW_CHILD = ['DUPLICATE_ID', 'LINE_NOT_FOUND'] as const satisfies readonly RejectionReason[];
const RETURNABLE = [...NEW_CHILD, 'QUANTITY_EXCEEDS_DELIVERED', 'RETURN_WINDOW_CLOSED'] as const satisfies readonly RejectionReason[];

/**
 * The reasons an event may be refused for beyond the guards of the machine it addresses: rules
 * that look across the order (quantities, payment before shipping, the return window, unique
 * ids) and the events it implies inside the same decision (a delivery scan with cash collected
 * settles the cash-on-delivery payment; a refund settling a return is asked of the payments).
 * docs/events.md lists them per event; a property test holds every refusal met in random lives
 * to these lists and the machines' guards.
 *
 * @example
 * ```ts
 * // Not public: docs/events.md shows these lists. Seen through `apply`:
 * import { apply, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate; // delivered yesterday
 * const r = apply(order, { type: 'COMPLETE_ORDER' }, { actor: { kind: 'staff', id: 's1' }, now: new Date() });
 * if (!r.ok && r.error.code === 'REJECTED') console.log(r.error.reason); // 'RETURN_WINDOW_OPEN'
 * ```
 * @internal
 */
export const RULE_REASONS: Readonly<Partial<Record<OrderEventType, readonly RejectionReason[]>>> = {
  PLACE_ORDER: ['DUPLICATE_ID'],
  ADD_PAYMENT: ['DUPLICATE_ID', 'AMOUNT_EXCEEDS_OUTSTANDING'],
  COMPLETE_ORDER: ['RETURN_WINDOW_OPEN'],
  CREATE_SHIPMENT: [...NEW_CHILD, 'QUANTITY_EXCEEDS_ORDERED'],
  HAND_TO_CARRIER: SHIPPABLE,
  // The first scan of a parcel still in the dispatch area is its hand-over; cash collected at the door settles the COD payment.
  CARRIER_STATUS: [...SHIPPABLE, 'COD_NOT_COLLECTED', 'NO_MATCHING_PAYMENT', 'AMOUNT_MISMATCH'],
  READY_FOR_PICKUP: ['ORDER_ON_HOLD', 'PAYMENT_REFUNDED'],
  PICKED_UP: [...SHIPPABLE, 'NO_MATCHING_PAYMENT', 'AMOUNT_MISMATCH'],
  REQUEST_RETURN: [...RETURNABLE, 'NOT_RETURNABLE'],
  OPEN_CLAIM: RETURNABLE,
  RESOLVE_RETURN: ['UNKNOWN_PAYMENT', 'REFUND_EXCEEDS_RETURNED_VALUE', 'REFUND_EXCEEDS_CAPTURED'],
};
