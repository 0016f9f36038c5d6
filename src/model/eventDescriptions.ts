import type { OrderEventType } from './events.js';

/**
 * One sentence per event saying what it means in the shop, for docs, admin tooltips and logs.
 * Typed as a full record: an event without a description fails to compile.
 *
 * @example
 * ```ts
 * import { allowedEvents, EVENT_DESCRIPTIONS, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * // Tooltips for the buttons of an admin screen.
 * const buttons = allowedEvents(order, { kind: 'staff', id: 'u7' }).map((e) => ({ label: e.type, tooltip: EVENT_DESCRIPTIONS[e.type] }));
 * EVENT_DESCRIPTIONS.REMOVE_ITEM; // 'Takes a line out of the cart.'
 * ```
 */
export const EVENT_DESCRIPTIONS: Readonly<Record<OrderEventType, string>> = {
  ADD_ITEM: 'Puts a product line (SKU, quantity, unit price) into the cart.',
  UPDATE_ITEM_QUANTITY: 'Changes the quantity of a line in the cart.',
  REMOVE_ITEM: 'Takes a line out of the cart.',
  SET_CUSTOMER: 'Says who is buying: a guest or a signed-in account, with email and/or phone and language.',
  START_CHECKOUT: 'Moves from the cart to checkout (the cart must not be empty).',
  RETURN_TO_CART: 'Goes back from checkout to the cart.',
  SET_SHIPPING_ADDRESS: 'Sets where the parcel goes (not needed for pickup).',
  SET_BILLING_ADDRESS: 'Sets the billing address (defaults to the shipping address).',
  SELECT_SHIPPING_METHOD: 'Chooses standard, expedited, express or pickup, with its price.',
  SELECT_PAYMENT_METHOD: 'Chooses online payment, cash on delivery, bank transfer, pay at pickup or invoice terms.',
  PLACE_ORDER: 'Places the order with its tax, discount and total (which must add up); creates its payment(s) and sends the confirmation.',
  SEND_CART_REMINDER: 'Sends the one reminder for an abandoned cart whose email is known (sent by the timer).',
  SEND_PAYMENT_REMINDER: 'Reminds a customer paying by bank transfer that the order is still unpaid, before it expires (sent by the timer), once.',
  ADD_PAYMENT: 'Adds a payment for what is still due, at any point of a placed order: split tender, a retry after a declined card, or paying again after an authorization lapsed or was released before capture.',
  CONFIRM_ORDER: 'Staff confirm an order paid offline (bank transfer, cash on delivery, pickup, invoice) by hand; stock is reserved then.',
  EXPIRE_ORDER: 'Ends an order that stayed unpaid past its payment window (sent by the timer).',
  STOCK_RESERVED: 'The warehouse reports the order\'s stock reserved.',
  STOCK_UNAVAILABLE: 'The warehouse reports lines out of stock; backorderable lines put the order on backorder ("awaiting shipment").',
  STOCK_AVAILABLE: 'Backordered goods have arrived and are reserved.',
  CREATE_SHIPMENT: 'Creates a parcel (delivery order) for some or all of the unallocated lines; several make a split shipment.',
  PUT_ON_HOLD: 'Holds the order for a reason (payment review, fraud or address check…); it resumes where it was. While held, no parcel leaves and no pickup is offered (`ORDER_ON_HOLD`); warehouse work, payments and scans of parcels already on their way go on.',
  RELEASE_HOLD: 'Releases a held order back to where it was.',
  CANCEL_ORDER: 'Cancels the order with a reason: voids or refunds payments, cancels unsent parcels, releases stock.',
  NOTIFY_DELAY: 'Tells the customer about a delay, with a reason and possibly a new estimate.',
  REQUEST_INVOICE: 'Asks for the invoice of a paid order (automatic for business customers).',
  INVOICE_ISSUED: 'The invoicing system reports the invoice number (and link); the customer is told.',
  CONFIRM_RECEIPT: 'The customer confirms receipt (on the website, or by phone to support).',
  REQUEST_FEEDBACK: 'Asks the customer for feedback some days after delivery, once (sent by the timer).',
  REQUEST_RETURN: 'The customer asks to return delivered, returnable lines inside the return window.',
  OPEN_CLAIM: 'Opens a support claim for a damaged, missing or wrong delivered item, inside the claim window. `needsInbound` (does the item come back?) defaults to true, except for `missing` items; with it, the claim is received and inspected before it is resolved.',
  COMPLETE_ORDER: 'Closes a delivered order when the return and claim windows are over and no return is open (the timer sends it then). Staff may close it earlier only once nothing delivered could still be returned or claimed for.',
  PAYMENT_REQUIRES_ACTION: 'The gateway needs the customer to act (3-D Secure, bank app).',
  PAYMENT_AUTHORIZED: 'The gateway authorized the amount (to be captured later). `providerRef` names this one fact: every authorization, capture and refund of a payment needs its own (a gateway that keeps one id for all, such as a payment intent, is sent e.g. `pi_123:auth`, `pi_123:capture`), and a reference seen again is refused (`DUPLICATE_PROVIDER_REFERENCE`).',
  PAYMENT_CAPTURED: 'The gateway captured money (direct sale, or capture of an authorization). `providerRef` must differ from the authorization\'s and from earlier captures\' (see `PAYMENT_AUTHORIZED`).',
  PAYMENT_FAILED: 'The gateway declined the payment or it failed.',
  REQUEST_CAPTURE: 'Asks the host to capture an authorization (all or part).',
  VOID_PAYMENT: 'Voids a payment that has not taken money, or releases the rest of an authorization.',
  AUTHORIZATION_EXPIRED: 'An authorization lapsed before it was captured (sent by the timer `authorizationValidDays` after it, or by the gateway). The customer is asked to pay again (`payment_authorization_expired`); what is due is paid with `ADD_PAYMENT`.',
  CONFIRM_BANK_TRANSFER: 'Staff confirm a bank transfer ("remote payment") with the bank\'s reference.',
  COLLECT_COD: 'Cash on delivery was collected at the door.',
  COLLECT_AT_PICKUP: 'The customer paid at the pickup counter.',
  REQUEST_REFUND: 'Asks the host to refund an amount, never more than is still refundable.',
  REFUND_SUCCEEDED: 'A refund went through (reported by the gateway, or by staff for cash or transfer refunds). `providerRef` names this refund: a new one for each (see `PAYMENT_AUTHORIZED`).',
  REFUND_FAILED: 'A requested refund failed; it no longer counts as pending.',
  DISPUTE_OPENED: 'The customer\'s bank opened a dispute (chargeback).',
  DISPUTE_RESOLVED: 'A dispute was won (money kept) or lost (money returned).',
  RELEASE_TO_WAREHOUSE: 'Sends a parcel to the warehouse queue.',
  SHIPMENT_BACKORDERED: 'A parcel waits for goods to arrive.',
  SHIPMENT_STOCK_ARRIVED: 'Goods for a backordered parcel arrived.',
  START_PICKING: 'A picker, assigned to the parcel, starts collecting it from a pick list.',
  FINISH_PICKING: 'The picker has collected every item of the parcel (seed 001 «Выполнено — товары собраны»); it waits for the packing table. Optional: a parcel may be packed straight from picking.',
  PACK_SHIPMENT: 'The parcel is packed, with the invoice and (if given) the label and tracking number.',
  LABEL_CREATED: 'The carrier label and tracking number were bought for a packed parcel.',
  MARK_READY_TO_SHIP: 'The packed parcel waits for the courier in the dispatch area.',
  HAND_TO_CARRIER: 'The parcel is handed to the carrier; the customer gets the tracking number: its label\'s, or the one the carrier gives when it collects the parcel (`trackingNumber`, seed 004). Without either it is refused (`LABEL_MISSING`), as is a first carrier scan.',
  CARRIER_STATUS: 'A carrier scan in the normalised vocabulary (in transit, out for delivery, delivered, failed attempt, pickup point, return to sender, lost).',
  READY_FOR_PICKUP: 'A pickup parcel is ready at the counter.',
  PICKED_UP: 'The customer collected the pickup parcel (paying at the counter if due).',
  CANCEL_SHIPMENT: 'Cancels a parcel that has not left.',
  APPROVE_RETURN: 'Staff approve a return or claim.',
  DECLINE_RETURN: 'Staff decline a return or claim, with a reason.',
  ISSUE_RETURN_LABEL: 'A return label is issued to the customer.',
  RETURN_SHIPPED: 'The customer sent the goods back.',
  RETURN_RECEIVED: 'The returned goods arrived at the shop.',
  INSPECT_RETURN: 'The returned goods were inspected: accepted, rejected or partly accepted.',
  RESOLVE_RETURN: 'Settles a return or claim by refund, store credit, exchange or replacement.',
  CLOSE_RETURN: 'Closes a settled (or fully rejected) return.',
  CANCEL_RETURN: 'Withdraws a return before the goods arrive.',
};
