import { match } from 'ts-pattern';
import type { FulfilmentPhase, FulfilmentStatus, PaymentStatus, ReturnStatus, ShipmentProgress } from '../model/statuses.js';
import type { ChildSummary } from '../model/statuses.js';
import type { OrderAggregate, PaymentRecord, ShipmentRecord } from './aggregate.js';
import type { RejectionReason } from './rejectionReason.js';
import { PAYMENT_STATES, RETURN_STATES, SHIPMENT_STATES, type PaymentState, type ReturnState, type ShipmentState } from './states.js';

/** Where a parcel stands for the order's arithmetic. */
export type ShipmentStage = 'inactive' | 'preparing' | 'packed' | 'shipped' | 'delivered';

/**
 * Classifies a shipment state for the order-level statuses. Exhaustive: a new shipment state
 * breaks the build here until it is placed.
 *
 * @param state - a shipment state
 * @example
 * ```ts
 * import { shipmentStage } from 'ordermachine';
 * shipmentStage('out_for_delivery'); // 'shipped'
 * ```
 */
export function shipmentStage(state: ShipmentState): ShipmentStage {
  return STAGES.get(state) ?? classifyShipment(state);
}

function classifyShipment(state: ShipmentState): ShipmentStage {
  return match(state)
    .returnType<ShipmentStage>()
    .with('canceled', 'lost', 'returned_to_sender', () => 'inactive')
    .with('pending', 'backordered', 'ready', 'picking', 'picked', () => 'preparing')
    .with('packed', 'ready_to_ship', () => 'packed')
    .with('handed_to_carrier', 'in_transit', 'out_for_delivery', 'delivery_failed', 'available_for_pickup', 'returning_to_sender', () => 'shipped')
    .with('delivered', () => 'delivered')
    .exhaustive();
}

// The classifications are looked up, not re-matched: they are asked for on every decision.
const STAGES = new Map<string, ShipmentStage>(SHIPMENT_STATES.map((s) => [s, classifyShipment(s)]));

/**
 * Whether a payment still counts towards the order (failed, voided and expired ones do not).
 *
 * @param state - a payment state
 * @example
 * ```ts
 * import { paymentIsLive } from 'ordermachine';
 * paymentIsLive('failed'); // false
 * ```
 */
export function paymentIsLive(state: PaymentState): boolean {
  return LIVE.get(state) ?? classifyPayment(state);
}

function classifyPayment(state: PaymentState): boolean {
  return match(state)
    .with('failed', 'voided', 'authorization_expired', () => false)
    .with('created', 'requires_action', 'pending', 'authorized', 'partially_captured', 'captured', 'partially_refunded', 'refunded', 'disputed', () => true)
    .exhaustive();
}

const LIVE = new Map<string, boolean>(PAYMENT_STATES.map((s) => [s, classifyPayment(s)]));

/**
 * Whether a return or claim is still being worked on (it blocks completing the order).
 *
 * @param state - a return state
 * @example
 * ```ts
 * import { returnIsOpen } from 'ordermachine';
 * returnIsOpen('inspected'); // true
 * ```
 */
export function returnIsOpen(state: ReturnState): boolean {
  return OPEN.get(state) ?? classifyReturn(state);
}

function classifyReturn(state: ReturnState): boolean {
  return match(state)
    .with('requested', 'approved', 'awaiting_items', 'in_transit', 'received', 'inspected', () => true)
    .with('resolved', 'closed', 'declined', 'canceled', () => false)
    .exhaustive();
}

const OPEN = new Map<string, boolean>(RETURN_STATES.map((s) => [s, classifyReturn(s)]));

/** Money of the order's live payments, in minor units. */
export interface PaymentTotals {
  readonly total: number;
  readonly captured: number;
  readonly refunded: number;
  /** Refunds asked for (of the provider, or by the cancellation of the order) and not yet reported back. */
  readonly refundPending: number;
  /** Authorized and not yet captured. */
  readonly authorizedOutstanding: number;
  /** Promised by offline payments that allow goods to leave first (cash on delivery, invoice terms). */
  readonly payLater: number;
  /** What the live payments bring: the amounts of those still open, what the settled ones took (what is already arranged to be paid). */
  readonly arranged: number;
}

/** Payment states in which no more money can come in. */
const SETTLED = new Set<string>(['captured', 'partially_refunded', 'refunded', 'disputed']);

/**
 * Adds up the order's live payments.
 *
 * @param order - the aggregate
 * @example
 * ```ts
 * import { paymentTotals, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * paymentTotals(order).captured;
 * ```
 */
export function paymentTotals(order: OrderAggregate): PaymentTotals {
  let captured = 0;
  let refunded = 0;
  let refundPending = 0;
  let authorizedOutstanding = 0;
  let payLater = 0;
  let arranged = 0;
  for (const p of order.payments) {
    if (!paymentIsLive(p.state)) continue;
    const c = p.context;
    captured += c.captured;
    refunded += c.refunded;
    refundPending += c.refundPending;
    authorizedOutstanding += c.authorized - c.captured;
    // A settled payment brings no more than it took (the rest of a released authorization is due again).
    arranged += SETTLED.has(p.state) ? c.captured : c.amount.amount;
    if (p.state === 'pending' && (c.method === 'cash_on_delivery' || c.method === 'invoice')) payLater += c.amount.amount;
  }
  return { total: order.order.context.totals?.total.amount ?? 0, captured, refunded, refundPending, authorizedOutstanding, payLater, arranged };
}

/**
 * The order-level payment status: unpaid, authorized, partially paid, paid, partially refunded
 * or refunded.
 *
 * @param order - the aggregate
 * @example
 * ```ts
 * import { derivePaymentStatus, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * derivePaymentStatus(order); // e.g. 'paid'
 * ```
 */
export function derivePaymentStatus(order: OrderAggregate): PaymentStatus {
  return paymentStatusOf(order, paymentTotals(order));
}

function paymentStatusOf(order: OrderAggregate, t: PaymentTotals): PaymentStatus {
  if (t.refunded > 0) return t.refunded >= t.captured ? 'refunded' : 'partially_refunded';
  // A placed order with nothing to pay (a 100 % discount) is paid.
  if (order.order.context.totals !== null && t.captured >= t.total) return 'paid';
  if (t.captured > 0) return 'partially_paid';
  if (t.total > 0 && t.authorizedOutstanding >= t.total) return 'authorized';
  return 'unpaid';
}

/** Per-line quantities the order's rules are checked against. */
export interface LineQuantities {
  readonly ordered: ReadonlyMap<string, number>;
  /** In shipments that are not canceled, lost or returned to sender. */
  readonly allocated: ReadonlyMap<string, number>;
  readonly shipped: ReadonlyMap<string, number>;
  readonly delivered: ReadonlyMap<string, number>;
  /** In returns and claims that were not declined or canceled. */
  readonly returning: ReadonlyMap<string, number>;
}

/**
 * Per-line quantities: ordered, allocated to parcels, shipped, delivered and coming back.
 *
 * @param order - the aggregate
 * @example
 * ```ts
 * import { lineQuantities, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * lineQuantities(order).delivered.get('l1');
 * ```
 */
export function lineQuantities(order: OrderAggregate): LineQuantities {
  const ordered = new Map(order.order.context.items.map((i) => [i.lineId, i.quantity] as const));
  const returning = new Map<string, number>();
  for (const r of order.returns) {
    if (r.state === 'declined' || r.state === 'canceled') continue;
    for (const l of r.context.lines) returning.set(l.lineId, (returning.get(l.lineId) ?? 0) + l.quantity);
  }
  // One pass over the parcels: allocated ⊇ shipped ⊇ delivered, by the stage of each.
  const allocated = new Map<string, number>();
  const shipped = new Map<string, number>();
  const delivered = new Map<string, number>();
  const add = (m: Map<string, number>, lineId: string, quantity: number) => m.set(lineId, (m.get(lineId) ?? 0) + quantity);
  for (const s of order.shipments) {
    const stage = shipmentStage(s.state);
    if (stage === 'inactive') continue;
    const isShipped = stage === 'shipped' || stage === 'delivered';
    for (const l of s.context.lines) {
      add(allocated, l.lineId, l.quantity);
      if (isShipped) add(shipped, l.lineId, l.quantity);
      if (stage === 'delivered') add(delivered, l.lineId, l.quantity);
    }
  }
  return { ordered, allocated, shipped, delivered, returning };
}

const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/**
 * The order-level fulfilment status from the shipments.
 *
 * @param order - the aggregate
 * @example
 * ```ts
 * import { deriveFulfilmentStatus, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * deriveFulfilmentStatus(order); // e.g. 'partially_shipped'
 * ```
 */
export function deriveFulfilmentStatus(order: OrderAggregate): FulfilmentStatus {
  return fulfilmentStatusOf(lineQuantities(order));
}

function fulfilmentStatusOf(q: LineQuantities): FulfilmentStatus {
  const ordered = sum(q.ordered);
  const delivered = sum(q.delivered);
  const shipped = sum(q.shipped);
  if (ordered > 0 && delivered >= ordered) return 'delivered';
  if (delivered > 0) return 'partially_delivered';
  if (ordered > 0 && shipped >= ordered) return 'shipped';
  if (shipped > 0) return 'partially_shipped';
  return 'unfulfilled';
}

/**
 * The order-level return status from the returns and claims.
 *
 * @param order - the aggregate
 * @example
 * ```ts
 * import { deriveReturnStatus, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * deriveReturnStatus(order); // e.g. 'none'
 * ```
 */
export function deriveReturnStatus(order: OrderAggregate): ReturnStatus {
  return returnStatusOf(order, () => lineQuantities(order));
}

function returnStatusOf(order: OrderAggregate, quantities: () => LineQuantities): ReturnStatus {
  if (order.returns.some((r) => r.state === 'requested')) return 'requested';
  if (order.returns.some((r) => returnIsOpen(r.state))) return 'in_progress';
  let returned = 0;
  for (const r of order.returns) {
    if (r.context.kind !== 'return' || (r.state !== 'resolved' && r.state !== 'closed')) continue;
    for (const l of r.context.inspection?.acceptedLines ?? []) returned += l.quantity;
  }
  if (returned === 0) return 'none';
  return returned >= sum(quantities().delivered) ? 'returned' : 'partially_returned';
}

function shipmentProgress(shipments: readonly ShipmentRecord[]): ShipmentProgress {
  let progress: ShipmentProgress = 'none';
  for (const s of shipments) {
    const stage = shipmentStage(s.state);
    if (stage === 'shipped' || stage === 'delivered') return 'shipped';
    if (stage === 'packed') progress = 'packed';
    else if (stage === 'preparing' && progress === 'none') progress = 'preparing';
  }
  return progress;
}

function phaseOf(order: OrderAggregate, q: LineQuantities): FulfilmentPhase {
  const ordered = sum(q.ordered);
  if (ordered > 0 && sum(q.delivered) >= ordered) return 'delivered';
  if (ordered > 0 && sum(q.shipped) >= ordered) return 'shipped';
  if (sum(q.shipped) > 0) return 'partially_shipped';
  if (order.shipments.some((s) => shipmentStage(s.state) !== 'inactive')) return 'fulfilling';
  return 'none';
}

/**
 * Everything the order machine needs to know of the children, derived fresh from them.
 *
 * @param order - the aggregate
 * @example
 * ```ts
 * import { deriveSummary, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * deriveSummary(order).paymentSecured;
 * ```
 */
export function deriveSummary(order: OrderAggregate): ChildSummary {
  // Totals and quantities are worked out once and shared by every status below.
  const t = paymentTotals(order);
  const q = lineQuantities(order);
  return {
    paymentStatus: paymentStatusOf(order, t),
    fulfilmentStatus: fulfilmentStatusOf(q),
    returnStatus: returnStatusOf(order, () => q),
    paymentSecured: order.order.context.totals !== null && t.captured + t.authorizedOutstanding >= t.total,
    nothingCaptured: t.captured === 0,
    shipmentProgress: shipmentProgress(order.shipments),
    phase: phaseOf(order, q),
    openReturns: order.returns.filter((r) => returnIsOpen(r.state)).length,
  };
}

/**
 * Whether the goods of an order may leave the warehouse: paid or authorized in full, or the rest
 * is promised by a method that is paid later (cash on delivery, approved invoice terms) — and the
 * money has not all been given back: once everything captured is refunded (or a refund of it is
 * under way) and nothing else is authorized or promised, no parcel may leave; the order is
 * canceled instead (or its unsent parcels are). A partial (goodwill) refund does not stop the parcel.
 * `apply` refuses a hand-over this forbids with `PAYMENT_REQUIRED` or `PAYMENT_REFUNDED`.
 *
 * @param order - the aggregate
 * @param extra - money being collected right now (e.g. paid at the pickup counter)
 * @example
 * ```ts
 * import { paymentAllowsShipping, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * paymentAllowsShipping(order);
 * ```
 */
export function paymentAllowsShipping(order: OrderAggregate, extra = 0): boolean {
  return shippingBlockedBy(order, paymentTotals(order), extra) === null;
}

/**
 * Whether everything captured has been refunded, or is being refunded, while nothing else is
 * authorized, promised (cash on delivery, invoice terms) or being collected right now: the order
 * holds none of the customer's money any more. Chargebacks of a lost dispute count as refunds.
 *
 * @param t - the order's payment totals (`paymentTotals(order)`)
 * @param extra - money being collected right now (e.g. paid at the pickup counter)
 * @internal
 */
export function refundedInFull(t: PaymentTotals, extra = 0): boolean {
  const givenBack = t.refunded + t.refundPending;
  return givenBack > 0 && t.captured - givenBack + t.authorizedOutstanding + t.payLater + extra <= 0;
}

/**
 * Why payment keeps an order's goods from leaving, or `null` when they may leave:
 * `PAYMENT_REFUNDED` when the money was all given back (`refundedInFull`), `PAYMENT_REQUIRED` when
 * what is captured, authorized, promised and being collected does not cover the total.
 *
 * @param order - the aggregate
 * @param t - its payment totals (`paymentTotals(order)`)
 * @param extra - money being collected right now
 * @internal
 */
export function shippingBlockedBy(order: OrderAggregate, t: PaymentTotals, extra = 0): Extract<RejectionReason, 'PAYMENT_REQUIRED' | 'PAYMENT_REFUNDED'> | null {
  if (order.order.context.totals === null) return 'PAYMENT_REQUIRED';
  // Money given back no longer pays for goods (checked first: a refund in full is the precise reason).
  if (refundedInFull(t, extra)) return 'PAYMENT_REFUNDED';
  return t.captured + t.authorizedOutstanding + t.payLater + extra >= t.total ? null : 'PAYMENT_REQUIRED';
}

/**
 * The payments of an order still waiting for money of one method.
 *
 * @param order - the aggregate
 * @param method - the payment method
 * @example
 * ```ts
 * import { pendingPaymentsOf, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * pendingPaymentsOf(order, 'cash_on_delivery').length;
 * ```
 */
export function pendingPaymentsOf(order: OrderAggregate, method: PaymentRecord['context']['method']): readonly PaymentRecord[] {
  return order.payments.filter((p) => p.state === 'pending' && p.context.method === method);
}
