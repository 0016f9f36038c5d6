import * as z from 'zod';
import { Address } from './address.js';
import { Customer } from './customer.js';
import { LineItem, LineQuantity } from './lineItem.js';
import { PaymentMethod, ShippingMethod } from './methods.js';
import { Money } from './money.js';

const id = z.string().min(1).max(100);
const note = z.string().trim().max(2000).optional();
const isoDateTime = z.iso.datetime({ offset: true });
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });

/**
 * Why an order is held for review.
 *
 * @example
 * ```ts
 * import { apply, HoldReason, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * HoldReason.options; // ['payment_review', 'fraud_check', 'address_verification', 'customer_request', 'stock_issue', 'other']
 * apply(order, { type: 'PUT_ON_HOLD', reason: 'fraud_check', note: 'billing and shipping countries differ' }, { actor: { kind: 'staff', id: 'u7' }, now: new Date() });
 * ```
 */
export const HoldReason = z.enum(['payment_review', 'fraud_check', 'address_verification', 'customer_request', 'stock_issue', 'other']);
/** Why an order is held for review. */
export type HoldReason = z.infer<typeof HoldReason>;

/**
 * Why an order was canceled.
 *
 * @example
 * ```ts
 * import { apply, CancelReason, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const reason: CancelReason = CancelReason.parse('out_of_stock');
 * apply(order, { type: 'CANCEL_ORDER', reason }, { actor: { kind: 'staff', id: 'u7' }, now: new Date() });
 * ```
 */
export const CancelReason = z.enum(['customer_request', 'payment_failed', 'out_of_stock', 'fraud', 'address_invalid', 'duplicate', 'other']);
/** Why an order was canceled. */
export type CancelReason = z.infer<typeof CancelReason>;

/**
 * Why the customer is told about a delay.
 *
 * @example
 * ```ts
 * import { apply, type DelayReason, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const reason: DelayReason = 'carrier';
 * apply(order, { type: 'NOTIFY_DELAY', reason, newEstimate: '2026-03-05T12:00:00Z' }, { actor: { kind: 'staff', id: 'u7' }, now: new Date() });
 * ```
 */
export const DelayReason = z.enum(['stock', 'carrier', 'weather', 'holiday', 'verification', 'other']);
/** Why the customer is told about a delay. */
export type DelayReason = z.infer<typeof DelayReason>;

/**
 * Why a customer returns goods.
 *
 * @example
 * ```ts
 * import { ReturnReason } from 'ordermachine';
 * // The choices of a return form.
 * const choices = ReturnReason.options.map((value) => ({ value, label: value.replaceAll('_', ' ') }));
 * ```
 */
export const ReturnReason = z.enum(['changed_mind', 'wrong_size', 'not_as_described', 'damaged', 'defective', 'wrong_item', 'other']);
/** Why a customer returns goods. */
export type ReturnReason = z.infer<typeof ReturnReason>;

/**
 * What a support claim is about (seed 000 step 9, seed 004 post-delivery support).
 *
 * @example
 * ```ts
 * import { apply, type ClaimKind, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate; // delivered
 * const kind: ClaimKind = 'damaged';
 * apply(
 *   order,
 *   { type: 'OPEN_CLAIM', kind, lines: [{ lineId: 'l1', quantity: 1 }], description: 'The mug arrived in pieces.' },
 *   { actor: { kind: 'customer', id: 'c1' }, now: new Date() },
 * );
 * ```
 */
export const ClaimKind = z.enum(['damaged', 'missing', 'wrong_item']);
/** What a support claim is about. */
export type ClaimKind = z.infer<typeof ClaimKind>;

/**
 * How an accepted return or claim is settled.
 *
 * @example
 * ```ts
 * import { apply, type OrderAggregate, type ReturnResolution } from 'ordermachine';
 * declare const order: OrderAggregate; // with return r1 inspected
 * const resolution: ReturnResolution = 'refund';
 * apply(order, { type: 'RESOLVE_RETURN', returnId: 'r1', resolution, amount: { amount: 450, currency: 'EUR' } }, { actor: { kind: 'staff', id: 'u7' }, now: new Date() });
 * ```
 */
export const ReturnResolution = z.enum(['refund', 'store_credit', 'exchange', 'replacement']);
/** How an accepted return or claim is settled. */
export type ReturnResolution = z.infer<typeof ReturnResolution>;

/**
 * The result of inspecting returned goods.
 *
 * @example
 * ```ts
 * import { apply, type InspectionOutcome, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate; // with return r1 received
 * // Two mugs came back; one is resellable.
 * const outcome: InspectionOutcome = 'partial';
 * apply(
 *   order,
 *   { type: 'INSPECT_RETURN', returnId: 'r1', outcome, acceptedLines: [{ lineId: 'l1', quantity: 1 }] },
 *   { actor: { kind: 'staff', id: 'u7' }, now: new Date() },
 * );
 * ```
 */
export const InspectionOutcome = z.enum(['accepted', 'rejected', 'partial']);
/** The result of inspecting returned goods. */
export type InspectionOutcome = z.infer<typeof InspectionOutcome>;

/**
 * Carrier tracking vocabulary normalised across carriers; see `normalizeCarrierStatus` for the
 * mapping from carrier-specific words.
 *
 * @example
 * ```ts
 * import { CarrierStatus, normalizeCarrierStatus } from 'ordermachine';
 * CarrierStatus.safeParse('out_for_delivery').success; // true
 * CarrierStatus.safeParse('Out for delivery').success; // false: map carrier wording first
 * normalizeCarrierStatus('Out for delivery'); // 'out_for_delivery'
 * ```
 */
export const CarrierStatus = z.enum([
  'pre_transit', 'in_transit', 'out_for_delivery', 'delivered', 'failure', 'available_for_pickup',
  'return_to_sender', 'returned_to_sender', 'lost',
]);
/** Carrier tracking vocabulary normalised across carriers. */
export type CarrierStatus = z.infer<typeof CarrierStatus>;

/**
 * A shipping label bought from a carrier.
 *
 * @example
 * ```ts
 * import { ShippingLabel } from 'ordermachine';
 * const label = ShippingLabel.parse({ carrier: 'DHL', trackingNumber: '00340434161094042557', labelUrl: 'https://labels.example/00340434161094042557.pdf' });
 * ```
 */
export const ShippingLabel = z.strictObject({
  carrier: z.string().min(1).max(100),
  trackingNumber: z.string().min(1).max(100),
  labelUrl: z.url().optional(),
});
/** A shipping label bought from a carrier. */
export type ShippingLabel = z.infer<typeof ShippingLabel>;

// ── order: cart and checkout ────────────────────────────────────────────────────────────────
const orderEvents = [
  event('ADD_ITEM', { item: LineItem }),
  event('UPDATE_ITEM_QUANTITY', { lineId: id, quantity: LineItem.shape.quantity }),
  event('REMOVE_ITEM', { lineId: id }),
  event('SET_CUSTOMER', { customer: Customer }),
  event('START_CHECKOUT', {}),
  event('RETURN_TO_CART', {}),
  event('SET_SHIPPING_ADDRESS', { address: Address }),
  event('SET_BILLING_ADDRESS', { address: Address }),
  event('SELECT_SHIPPING_METHOD', { method: ShippingMethod, price: Money }),
  event('SELECT_PAYMENT_METHOD', { method: PaymentMethod }),
  event('PLACE_ORDER', {
    tax: Money.optional(),
    discount: Money.optional(),
    total: Money,
    /** Split tender: several payments that add up to the total. Defaults to one payment of the selected method. */
    payments: z.array(z.strictObject({ paymentId: id.optional(), method: PaymentMethod, amount: Money })).min(1).max(10).optional(),
  }),
  event('SEND_CART_REMINDER', {}),
  event('SEND_PAYMENT_REMINDER', { payBy: isoDateTime.optional() }),
  // ── order: after placement ────────────────────────────────────────────────────────────────
  event('ADD_PAYMENT', { paymentId: id.optional(), method: PaymentMethod, amount: Money }),
  event('CONFIRM_ORDER', { note }),
  event('EXPIRE_ORDER', {}),
  event('STOCK_RESERVED', {}),
  event('STOCK_UNAVAILABLE', { lines: z.array(LineQuantity).min(1), expectedAt: isoDateTime.optional() }),
  event('STOCK_AVAILABLE', {}),
  event('CREATE_SHIPMENT', { shipmentId: id.optional(), lines: z.array(LineQuantity).min(1), method: ShippingMethod.optional(), warehouse: id.optional() }),
  event('PUT_ON_HOLD', { reason: HoldReason, note }),
  event('RELEASE_HOLD', { note }),
  event('CANCEL_ORDER', { reason: CancelReason, note }),
  event('NOTIFY_DELAY', { reason: DelayReason, note, newEstimate: isoDateTime.optional() }),
  event('REQUEST_INVOICE', {}),
  event('INVOICE_ISSUED', { invoiceNumber: id, url: z.url().optional() }),
  event('CONFIRM_RECEIPT', {}),
  event('REQUEST_FEEDBACK', {}),
  event('REQUEST_RETURN', { returnId: id.optional(), lines: z.array(LineQuantity).min(1), reason: ReturnReason, comment: note }),
  event('OPEN_CLAIM', {
    returnId: id.optional(),
    kind: ClaimKind,
    lines: z.array(LineQuantity).min(1),
    description: z.string().trim().min(1).max(2000),
    /** Whether the goods must come back before the claim is settled (default: yes for damaged and wrong items). */
    needsInbound: z.boolean().optional(),
  }),
  event('COMPLETE_ORDER', {}),
] as const;

// ── payment ─────────────────────────────────────────────────────────────────────────────────
const providerRef = z.string().min(1).max(200);
const paymentEvents = [
  event('PAYMENT_REQUIRES_ACTION', { paymentId: id, actionUrl: z.url().optional() }),
  event('PAYMENT_AUTHORIZED', { paymentId: id, amount: Money, providerRef }),
  event('PAYMENT_CAPTURED', { paymentId: id, amount: Money, providerRef }),
  event('PAYMENT_FAILED', { paymentId: id, code: z.string().min(1).max(100), message: note }),
  event('REQUEST_CAPTURE', { paymentId: id, amount: Money.optional() }),
  event('VOID_PAYMENT', { paymentId: id, reason: note }),
  event('AUTHORIZATION_EXPIRED', { paymentId: id }),
  event('CONFIRM_BANK_TRANSFER', { paymentId: id, reference: z.string().trim().min(1).max(200), amount: Money }),
  event('COLLECT_COD', { paymentId: id, amount: Money }),
  event('COLLECT_AT_PICKUP', { paymentId: id, amount: Money }),
  event('REQUEST_REFUND', { paymentId: id, amount: Money, reason: z.string().trim().min(1).max(500) }),
  event('REFUND_SUCCEEDED', { paymentId: id, amount: Money, providerRef }),
  event('REFUND_FAILED', { paymentId: id, amount: Money, code: z.string().min(1).max(100) }),
  event('DISPUTE_OPENED', { paymentId: id, amount: Money, reason: z.string().trim().min(1).max(500) }),
  event('DISPUTE_RESOLVED', { paymentId: id, outcome: z.enum(['won', 'lost']) }),
] as const;

// ── shipment ────────────────────────────────────────────────────────────────────────────────
const shipmentEvents = [
  event('RELEASE_TO_WAREHOUSE', { shipmentId: id }),
  event('SHIPMENT_BACKORDERED', { shipmentId: id, expectedAt: isoDateTime.optional() }),
  event('SHIPMENT_STOCK_ARRIVED', { shipmentId: id }),
  event('START_PICKING', { shipmentId: id, pickerId: id, pickListId: id.optional() }),
  event('FINISH_PICKING', { shipmentId: id }),
  event('PACK_SHIPMENT', { shipmentId: id, packerId: id.optional(), invoiceNumber: id.optional(), label: ShippingLabel.optional() }),
  event('LABEL_CREATED', { shipmentId: id, label: ShippingLabel }),
  event('MARK_READY_TO_SHIP', { shipmentId: id }),
  event('HAND_TO_CARRIER', { shipmentId: id, carrier: z.string().min(1).max(100).optional(), trackingNumber: z.string().min(1).max(100).optional() }),
  event('CARRIER_STATUS', {
    shipmentId: id,
    status: CarrierStatus,
    location: z.string().max(300).optional(),
    detail: z.string().max(1000).optional(),
    /** Cash the courier collected at the door for a cash-on-delivery order (with `status: 'delivered'`). */
    codCollected: Money.optional(),
  }),
  event('READY_FOR_PICKUP', { shipmentId: id }),
  event('PICKED_UP', { shipmentId: id, collected: Money.optional() }),
  event('CANCEL_SHIPMENT', { shipmentId: id, reason: note }),
] as const;

// ── return and claim ────────────────────────────────────────────────────────────────────────
const returnEvents = [
  event('APPROVE_RETURN', { returnId: id, note }),
  event('DECLINE_RETURN', { returnId: id, reason: z.string().trim().min(1).max(1000) }),
  event('ISSUE_RETURN_LABEL', { returnId: id, label: ShippingLabel }),
  event('RETURN_SHIPPED', { returnId: id, trackingNumber: z.string().min(1).max(100).optional() }),
  event('RETURN_RECEIVED', { returnId: id }),
  event('INSPECT_RETURN', { returnId: id, outcome: InspectionOutcome, acceptedLines: z.array(LineQuantity).optional(), note }),
  event('RESOLVE_RETURN', { returnId: id, resolution: ReturnResolution, amount: Money.optional(), paymentId: id.optional() }),
  event('CLOSE_RETURN', { returnId: id }),
  event('CANCEL_RETURN', { returnId: id, reason: note }),
] as const;

/**
 * Every event an order understands, as one discriminated union on `type`. The actor is not part
 * of the event: it is passed beside it (`apply(order, event, { actor, now })`).
 *
 * @example
 * ```ts
 * import { OrderEvent } from 'ordermachine';
 * const parsed = OrderEvent.safeParse({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'TRX-77', amount: { amount: 1000, currency: 'EUR' } });
 * ```
 */
export const OrderEvent = z.discriminatedUnion('type', [...orderEvents, ...paymentEvents, ...shipmentEvents, ...returnEvents]);
/** Every event an order understands. */
export type OrderEvent = z.infer<typeof OrderEvent>;
/** What a caller passes (before defaults such as a line's `returnable: true` are filled in). */
export type OrderEventInput = z.input<typeof OrderEvent>;
/** The `type` of any event. */
export type OrderEventType = OrderEvent['type'];
/** The event of one `type`, e.g. `EventOf<'COLLECT_COD'>`. */
export type EventOf<T extends OrderEventType> = Extract<OrderEvent, { type: T }>;

const typesOf = <T extends readonly { shape: { type: z.ZodLiteral<string> } }[]>(events: T) =>
  events.map((e) => e.shape.type.value) as { [K in keyof T]: T[K]['shape']['type']['value'] };

/**
 * Event types handled by the order machine.
 *
 * @example
 * ```ts
 * import { ORDER_EVENT_TYPES } from 'ordermachine';
 * (ORDER_EVENT_TYPES as readonly string[]).includes('PLACE_ORDER'); // true
 * ORDER_EVENT_TYPES.length; // 30
 * ```
 */
export const ORDER_EVENT_TYPES = typesOf(orderEvents);
/**
 * Event types handled by a payment machine (each carries a `paymentId`).
 *
 * @example
 * ```ts
 * import { PAYMENT_EVENT_TYPES, type OrderEventType } from 'ordermachine';
 * const isPaymentEvent = (type: OrderEventType) => (PAYMENT_EVENT_TYPES as readonly OrderEventType[]).includes(type);
 * isPaymentEvent('PAYMENT_CAPTURED'); // true
 * ```
 */
export const PAYMENT_EVENT_TYPES = typesOf(paymentEvents);
/**
 * Event types handled by a shipment machine (each carries a `shipmentId`).
 *
 * @example
 * ```ts
 * import { SHIPMENT_EVENT_TYPES } from 'ordermachine';
 * type ShipmentEventType = (typeof SHIPMENT_EVENT_TYPES)[number];
 * const isShipmentEvent = (type: string): type is ShipmentEventType => (SHIPMENT_EVENT_TYPES as readonly string[]).includes(type);
 * isShipmentEvent('HAND_TO_CARRIER'); // true
 * ```
 */
export const SHIPMENT_EVENT_TYPES = typesOf(shipmentEvents);
/**
 * Event types handled by a return machine (each carries a `returnId`).
 *
 * @example
 * ```ts
 * import { RETURN_EVENT_TYPES, type OrderEventType } from 'ordermachine';
 * declare const type: OrderEventType;
 * if ((RETURN_EVENT_TYPES as readonly OrderEventType[]).includes(type)) console.log(`${type} needs a returnId`);
 * ```
 */
export const RETURN_EVENT_TYPES = typesOf(returnEvents);

/** An order-machine event. */
export type OrderLevelEvent = EventOf<(typeof ORDER_EVENT_TYPES)[number]>;
/** A payment-machine event. */
export type PaymentEvent = EventOf<(typeof PAYMENT_EVENT_TYPES)[number]>;
/** A shipment-machine event. */
export type ShipmentEvent = EventOf<(typeof SHIPMENT_EVENT_TYPES)[number]>;
/** A return-machine event. */
export type ReturnEvent = EventOf<(typeof RETURN_EVENT_TYPES)[number]>;
