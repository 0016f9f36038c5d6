/**
 * Why an event was refused, with a sentence a developer can log or show staff. Reason codes are
 * the contract; the sentences may change.
 *
 * @example
 * ```ts
 * import { REJECTION_REASONS, type RejectionReason } from 'ordermachine';
 * REJECTION_REASONS.CART_EMPTY; // 'the cart is empty'
 * // Branch on the code, never on the sentence.
 * const conflict = (reason: RejectionReason) => reason === 'DUPLICATE_ID' || reason === 'DUPLICATE_PROVIDER_REFERENCE';
 * ```
 */
export const REJECTION_REASONS = {
  NOT_ALLOWED_IN_STATE: 'the event is not accepted in the current state',
  ACTOR_NOT_ALLOWED: 'this actor may not send this event',
  TERMINAL_STATE: 'the order (or the part addressed) is finished and accepts nothing',
  UNKNOWN_PAYMENT: 'no payment with this id belongs to the order',
  UNKNOWN_SHIPMENT: 'no shipment with this id belongs to the order',
  UNKNOWN_RETURN: 'no return or claim with this id belongs to the order',
  DUPLICATE_ID: 'a payment, shipment or return with this id already exists',
  CONDITIONS_NOT_MET: 'the conditions for this event are not met',
  // cart and checkout
  CART_EMPTY: 'the cart is empty',
  LINE_EXISTS: 'a line with this id is already in the cart',
  LINE_NOT_FOUND: 'no line with this id is in the order',
  CHECKOUT_INCOMPLETE: 'checkout needs items, a customer, a shipping address (unless pickup), a shipping method and a payment method that fits it',
  CART_REMINDER_NOT_DUE: 'a cart reminder needs items, a known email, and is sent only once',
  PAYMENT_REMINDER_NOT_DUE: 'a payment reminder is for an unpaid bank-transfer order, and is sent only once',
  // order
  PAYMENT_NOT_SECURED: 'the payment does not yet cover the order total',
  NOT_OFFLINE_PAYMENT: 'only orders paid offline (bank transfer, cash on delivery, pickup, invoice) are confirmed by hand',
  PAYMENT_ALREADY_CAPTURED: 'money has been captured, so the order cannot expire',
  STOCK_ALREADY_RESERVED: 'stock is already reserved',
  NOT_BACKORDERABLE: 'some of these lines may not be backordered (or the quantity exceeds the line)',
  ALREADY_PACKED: 'a parcel is already packed: the customer can no longer cancel',
  ALREADY_SHIPPED: 'a parcel has already left: the order can no longer be canceled',
  NOT_CONFIRMED: 'the order was never confirmed',
  INVOICE_ALREADY_REQUESTED: 'an invoice was already requested',
  INVOICE_NOT_REQUESTED: 'no invoice is awaited',
  NOT_PAID: 'the order is not paid',
  RECEIPT_ALREADY_CONFIRMED: 'receipt was already confirmed',
  FEEDBACK_ALREADY_REQUESTED: 'feedback was already requested',
  RETURNS_OPEN: 'returns or claims are still open',
  ORDER_ON_HOLD: 'the order is on hold: nothing leaves and no one is called to the counter until the hold is released',
  RETURN_WINDOW_OPEN: 'the customer may still return or claim delivered goods: the order completes when the return and claim windows end',
  AMOUNT_EXCEEDS_OUTSTANDING: 'the amount is more than is still due on the order',
  // payment
  WRONG_PAYMENT_METHOD: 'this event does not fit the payment method',
  DUPLICATE_PROVIDER_REFERENCE: 'this provider reference was already recorded',
  AMOUNT_EXCEEDS_PAYMENT: 'the amount is more than the payment is for',
  CAPTURE_EXCEEDS_AUTHORIZED: 'the capture is more than the remaining authorization',
  AMOUNT_MISMATCH: 'the amount must equal the amount due',
  REFUND_EXCEEDS_CAPTURED: 'the refund is more than was captured and not yet refunded',
  NO_PENDING_REFUND: 'no refund of this amount is pending',
  DISPUTE_EXCEEDS_CAPTURED: 'the disputed amount is more than was captured',
  NO_MATCHING_PAYMENT: 'no payment of the right method is waiting for this money',
  // shipment
  CARRIER_STATUS_NOT_APPLICABLE: 'this carrier status does not follow from where the parcel is',
  NOT_A_PICKUP: 'the shipment is not for pickup',
  PICKUP_ONLY: 'a pickup shipment is not handed to a carrier',
  LABEL_EXISTS: 'the parcel already has a label',
  LABEL_MISSING: 'the parcel needs a tracking number to leave: a shipping label, or the one the carrier gives when it collects the parcel',
  PAYMENT_REQUIRED: 'the order must be paid (or its payment method must allow paying later) before goods leave',
  PAYMENT_REFUNDED: 'all the money paid for the order has been refunded (or a refund of it is under way): no more goods may leave; cancel the order, or its unsent parcels, instead',
  COD_NOT_COLLECTED: 'cash on delivery must be collected at delivery (send codCollected)',
  QUANTITY_EXCEEDS_ORDERED: 'more would ship than was ordered and not yet allocated',
  // returns
  QUANTITY_EXCEEDS_DELIVERED: 'more would come back than was delivered and not yet returned',
  NOT_RETURNABLE: 'a line is not returnable',
  RETURN_WINDOW_CLOSED: 'the return window is over',
  INBOUND_REQUIRED: 'the goods must come back first',
  NO_INBOUND_NEEDED: 'this claim needs no parcel back',
  INSPECTION_INVALID: 'a partial inspection must list accepted lines within the returned ones',
  NOTHING_ACCEPTED: 'nothing was accepted at inspection',
  NOT_REJECTED: 'only a fully rejected return is closed without a resolution',
  RESOLUTION_INCOMPLETE: 'a refund or store credit needs a positive amount',
  REFUND_EXCEEDS_RETURNED_VALUE: 'the refund is more than the accepted goods are worth',
} as const;

/** Why an event was refused. */
export type RejectionReason = keyof typeof REJECTION_REASONS;
