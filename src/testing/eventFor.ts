import { allowedEvents } from '../lifecycle/allowedEvents.js';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { lineQuantities, paymentTotals, shipmentStage } from '../lifecycle/deriveStatuses.js';
import type { MachineKind } from '../model/effects.js';
import { ActorKind } from '../model/actor.js';
import {
  CarrierStatus,
  ORDER_EVENT_TYPES,
  PAYMENT_EVENT_TYPES,
  RETURN_EVENT_TYPES,
  SHIPMENT_EVENT_TYPES,
  type OrderEventInput,
  type OrderEventType,
} from '../model/events.js';
import type { CurrencyCode } from '../model/currencies.js';
import { PaymentMethod, ShippingMethod } from '../model/methods.js';
import { latestInstant } from './latestInstant.js';

/** How a step bends its payload: exact values, or a little off, or malformed. */
export type AmountMode = 'exact' | 'less' | 'more' | 'zero' | 'foreign';

/**
 * The random choices behind one step; `eventFor` turns them into an event for the current order.
 * Plain data, so a failing fast-check run shrinks to a readable list.
 */
export interface StepChoice {
  /** Which event among the candidates (taken modulo their number). */
  readonly pick: number;
  readonly actor: ActorKind;
  /** Pick among the events `allowedEvents` offers this actor (true) or among all events for any part (false). */
  readonly legal: boolean;
  readonly amount: AmountMode;
  /** Varies ids, methods, statuses and other enumerations. */
  readonly variant: number;
  /** Minutes the clock moves before the step. */
  readonly advanceMinutes: number;
}

const CHILD_EVENTS: Record<Exclude<MachineKind, 'order'>, readonly OrderEventType[]> = {
  payment: PAYMENT_EVENT_TYPES,
  shipment: SHIPMENT_EVENT_TYPES,
  return: RETURN_EVENT_TYPES,
};

/**
 * Events that end or stall a life (cancel, expire, hold, fail, void…): random legal lives take
 * them rarely, so that they mostly move forward.
 */
const DISRUPTIVE: ReadonlySet<OrderEventType> = new Set<OrderEventType>([
  'CANCEL_ORDER', 'EXPIRE_ORDER', 'PUT_ON_HOLD', 'RETURN_TO_CART', 'REMOVE_ITEM', 'VOID_PAYMENT', 'PAYMENT_FAILED',
  'AUTHORIZATION_EXPIRED', 'DISPUTE_OPENED', 'CANCEL_SHIPMENT', 'SHIPMENT_BACKORDERED', 'STOCK_UNAVAILABLE',
  'DECLINE_RETURN', 'CANCEL_RETURN', 'COMPLETE_ORDER',
]);

/**
 * Whether an event for one target ends, stalls or bends a life out of shape, so that legal lives
 * take it rarely: a `DISRUPTIVE` type; a delay notice once everything is delivered; cash on
 * delivery collected before any parcel left, or pay-at-pickup money before the parcel is at the
 * counter; a refund that failed; money given back again (a further refund of a payment that
 * already had one); a refund nobody asked for (reported done with none pending: by staff for cash
 * paid back by hand, or by the provider for one started in its dashboard). A first goodwill refund
 * is asked for now and then (one variant in ten), then reported done, which moves on. Without
 * this, the provider would refund at nearly every turn after a capture, staff a little more at
 * every step, and a random life would do little else.
 *
 * @param order - the order as it is now
 * @param target - the event type and the id it addresses
 * @param variant - the step's `variant` (which picks the occasional events)
 * @internal
 */
export function disrupts(order: OrderAggregate, target: { readonly type: OrderEventType; readonly id: string }, variant: number): boolean {
  if (DISRUPTIVE.has(target.type)) return true;
  // Once everything is delivered there is nothing left to be late: a delay notice then only idles.
  if (target.type === 'NOTIFY_DELAY') return order.order.state === 'placed.delivered';
  if (target.type === 'REFUND_FAILED') return true;
  // Cash on delivery is collected at the door, pay-at-pickup money at the counter: not before.
  if (target.type === 'COLLECT_COD') return !order.shipments.some((s) => ['shipped', 'delivered'].includes(shipmentStage(s.state)));
  if (target.type === 'COLLECT_AT_PICKUP') return !order.shipments.some((s) => s.state === 'available_for_pickup');
  if (target.type !== 'REQUEST_REFUND' && target.type !== 'REFUND_SUCCEEDED') return false;
  const c = order.payments.find((p) => p.id === target.id)?.context;
  if (c === undefined) return false;
  if (target.type === 'REFUND_SUCCEEDED') return c.refundPending === 0;
  return c.refunded + c.refundPending > 0 || variant % 10 !== 5;
}

const ADDRESSES = [
  { name: 'سارا احمدی', line1: 'خیابان ولیعصر، پلاک ۱۲', city: 'تهران', country: 'IR', postalCode: '1434843513' },
  { name: 'Иван Петров', line1: 'ул. Ленина, д. 5, кв. 12', city: 'Москва', country: 'RU', postalCode: '101000' },
  { name: 'রহিম উদ্দিন', line1: 'বাড়ি ১২, রোড ৫, ধানমন্ডি', city: 'ঢাকা', country: 'BD', postalCode: '1205' },
  { name: 'Jane Doe', line1: '1 Main Street', city: 'Springfield', country: 'US', postalCode: '62701' },
] as const;

function bend(value: number, mode: AmountMode): number {
  switch (mode) {
    case 'exact':
    case 'foreign':
      return value;
    case 'less':
      return Math.max(1, value - 1);
    case 'more':
      return value + 1;
    case 'zero':
      return 0;
  }
}

/**
 * Builds the event a `StepChoice` stands for, with a payload drawn from the order itself (ids of
 * its payments, shipments and returns, its lines, amounts due), bent by `choice.amount` so that
 * some events are a little wrong (too much, too little, zero, another currency).
 *
 * Legal choices pick among the events `allowedEvents` offers at `now` (the return window, for
 * one, depends on it). Without `now`, the order's own clock is used: the latest time recorded in
 * it, never the wall clock, so the same order and choice always give the same event.
 *
 * @param order - the order as it is now
 * @param choice - the random choices of this step
 * @param now - the decision time the event is meant for (default: the latest time recorded in the order)
 * @returns the event (possibly invalid on purpose) and the actor kind sending it
 * @example
 * ```ts
 * import { eventFor } from 'ordermachine/testing';
 * import type { OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const { event, actor } = eventFor(order, { pick: 3, actor: 'staff', legal: true, amount: 'exact', variant: 1, advanceMinutes: 5 }, '2026-05-01T10:00:00Z');
 * ```
 */
export function eventFor(order: OrderAggregate, choice: StepChoice, now: Date | string = new Date(latestInstant(order))): { event: OrderEventInput; actor: ActorKind } {
  let actor = choice.actor;
  let targets: { type: OrderEventType; id: string }[] = [];
  if (choice.legal) {
    // Legal lives mostly move forward: events that end or stall a life are taken about one time in
    // thirty. An actor with nothing (onward) to do hands the step to the next actor who has.
    const stall = choice.variant % 30 === 0;
    const start = ActorKind.options.indexOf(choice.actor);
    const offers = ActorKind.options.map((_, i) => {
      const kind = ActorKind.options[(start + i) % ActorKind.options.length] as ActorKind;
      return { kind, events: allowedEvents(order, { kind, id: 'fuzz' }, { now }).map((a) => ({ type: a.type, id: a.id })) };
    });
    const chosen =
      offers.find((o) => (stall ? o.events : o.events.filter((t) => !disrupts(order, t, choice.variant))).length > 0) ?? offers.find((o) => o.events.length > 0);
    if (chosen) {
      actor = chosen.kind;
      const onward = chosen.events.filter((t) => stall || !disrupts(order, t, choice.variant));
      targets = onward.length > 0 ? onward : chosen.events;
    }
  }
  if (targets.length === 0) {
    for (const type of ORDER_EVENT_TYPES) targets.push({ type, id: order.id });
    for (const p of order.payments) for (const type of CHILD_EVENTS.payment) targets.push({ type, id: p.id });
    for (const s of order.shipments) for (const type of CHILD_EVENTS.shipment) targets.push({ type, id: s.id });
    for (const r of order.returns) for (const type of CHILD_EVENTS.return) targets.push({ type, id: r.id });
  }
  const target = targets[choice.pick % targets.length] as { type: OrderEventType; id: string };
  return { event: buildEvent(order, target.type, target.id, choice), actor };
}

/**
 * The event of one type for one target (the order, or a payment, shipment or return), with a
 * payload drawn from the order and bent by `choice.amount`.
 *
 * @param order - the order as it is now
 * @param type - the event type
 * @param id - the order id, or the id of the payment, shipment or return addressed
 * @param choice - the random choices of this step
 * @internal
 */
export function buildEvent(order: OrderAggregate, type: OrderEventType, id: string, choice: StepChoice): OrderEventInput {
  const ctx = order.order.context;
  const v = choice.variant;
  const currency: CurrencyCode = choice.amount === 'foreign' ? (ctx.currency === 'EUR' ? 'USD' : 'EUR') : ctx.currency;
  const cash = (amount: number) => ({ amount: bend(amount, choice.amount), currency });
  const items = ctx.items;
  const line = items[v % Math.max(1, items.length)];
  const q = lineQuantities(order);
  const payment = order.payments.find((p) => p.id === id)?.context;
  const shipment = order.shipments.find((s) => s.id === id)?.context;
  const ret = order.returns.find((r) => r.id === id)?.context;
  const pick = <T>(list: readonly T[]): T => list[v % list.length] as T;
  const unallocated = items
    .map((i) => ({ lineId: i.lineId, quantity: i.quantity - (q.allocated.get(i.lineId) ?? 0) }))
    .filter((l) => l.quantity > 0);
  const returnable = items
    .map((i) => ({ lineId: i.lineId, quantity: (q.delivered.get(i.lineId) ?? 0) - (q.returning.get(i.lineId) ?? 0) }))
    .filter((l) => l.quantity > 0);
  const some = (lines: { lineId: string; quantity: number }[]) =>
    lines.length > 0 ? lines.map((l) => ({ ...l, quantity: choice.amount === 'more' ? l.quantity + 1 : choice.amount === 'less' ? 1 : l.quantity })) : [{ lineId: line?.lineId ?? 'none', quantity: 1 }];
  const label = { carrier: pick(['Post', 'DHL', 'Pathao', 'СДЭК']), trackingNumber: `TRK${v}` };
  const due = payment ? payment.amount.amount - payment.captured : 0;
  const t = paymentTotals(order);
  // A shop gives an order's money back in full before all its goods have left by canceling it, not
  // by hand: a refund then is a partial goodwill one (10–30 % of what is left). Staff ask for one
  // in full only on a step that may stall the life (variant % 30 = 0, as in `eventFor`); a refund
  // nobody asked for (reported done with none pending) is always partial then. Once every line has
  // shipped, refunds in full are as common as any.
  const allLeft = items.every((i) => (q.shipped.get(i.lineId) ?? 0) >= i.quantity);
  const goodwill = (left: number) => Math.floor((left * (1 + (v % 3))) / 10);
  const refundShare = (left: number, inFullWhenStalling: boolean) => (allLeft || (inFullWhenStalling && v % 30 === 0) ? left : goodwill(left));
  const codDue = order.payments.find((p) => p.state === 'pending' && p.context.method === 'cash_on_delivery')?.context.amount.amount;
  const pickupDue = order.payments.find((p) => p.state === 'pending' && p.context.method === 'pay_on_pickup')?.context.amount.amount;

  switch (type) {
    case 'ADD_ITEM':
      return { type, item: { lineId: `x${v}`, sku: `SKU-${v}`, name: `Item ${v}`, quantity: 1 + (v % 3), unitPrice: cash(100 * (1 + (v % 5))), returnable: v % 4 !== 0, backorderable: v % 2 === 0 } };
    case 'UPDATE_ITEM_QUANTITY':
      return { type, lineId: line?.lineId ?? 'none', quantity: 1 + (v % 4) };
    case 'REMOVE_ITEM':
      return { type, lineId: line?.lineId ?? 'none' };
    case 'SET_CUSTOMER':
      return {
        type,
        customer: v % 3 === 0
          ? { kind: 'account', accountId: `acc-${v}`, phone: '+989121234567', locale: 'fa', company: { name: 'Acme' } }
          : { kind: 'guest', email: `buyer${v}@example.com`, locale: pick(['en', 'fa', 'ru', 'bn'] as const) },
      };
    case 'START_CHECKOUT':
    case 'RETURN_TO_CART':
    case 'SEND_CART_REMINDER':
    case 'SEND_PAYMENT_REMINDER':
    case 'CONFIRM_ORDER':
    case 'EXPIRE_ORDER':
    case 'STOCK_RESERVED':
    case 'STOCK_AVAILABLE':
    case 'RELEASE_HOLD':
    case 'REQUEST_INVOICE':
    case 'CONFIRM_RECEIPT':
    case 'REQUEST_FEEDBACK':
    case 'COMPLETE_ORDER':
      return { type };
    case 'SET_SHIPPING_ADDRESS':
    case 'SET_BILLING_ADDRESS':
      return { type, address: pick(ADDRESSES) };
    case 'SELECT_SHIPPING_METHOD':
      return { type, method: pick(ShippingMethod.options), price: cash(v % 2 === 0 ? 500 : 0) };
    case 'SELECT_PAYMENT_METHOD':
      return { type, method: pick(PaymentMethod.options) };
    case 'PLACE_ORDER': {
      const subtotal = items.reduce((s, i) => s + i.quantity * i.unitPrice.amount, 0);
      return { type, total: cash(subtotal + (ctx.shippingPrice?.amount ?? 0)) };
    }
    case 'ADD_PAYMENT':
      return { type, method: pick(PaymentMethod.options), amount: cash(Math.max(1, t.total - t.arranged)) };
    case 'STOCK_UNAVAILABLE':
      return { type, lines: [{ lineId: line?.lineId ?? 'none', quantity: 1 }] };
    case 'CREATE_SHIPMENT':
      return { type, lines: some(v % 3 === 0 ? unallocated.slice(0, 1) : unallocated) };
    case 'PUT_ON_HOLD':
      return { type, reason: pick(['payment_review', 'fraud_check', 'address_verification', 'customer_request', 'stock_issue', 'other'] as const) };
    case 'CANCEL_ORDER':
      return { type, reason: pick(['customer_request', 'payment_failed', 'out_of_stock', 'fraud', 'address_invalid', 'duplicate', 'other'] as const) };
    case 'NOTIFY_DELAY':
      return { type, reason: pick(['stock', 'carrier', 'weather', 'holiday', 'verification', 'other'] as const) };
    case 'INVOICE_ISSUED':
      return { type, invoiceNumber: `INV-${v}` };
    case 'REQUEST_RETURN':
      return { type, lines: some(returnable), reason: pick(['changed_mind', 'wrong_size', 'not_as_described', 'damaged', 'defective', 'wrong_item', 'other'] as const) };
    case 'OPEN_CLAIM':
      return { type, kind: pick(['damaged', 'missing', 'wrong_item'] as const), lines: some(returnable), description: 'problem on arrival' };
    case 'PAYMENT_REQUIRES_ACTION':
      return { type, paymentId: id };
    case 'PAYMENT_AUTHORIZED':
      return { type, paymentId: id, amount: cash(payment?.amount.amount ?? 1), providerRef: `auth-${v % 3}` };
    case 'PAYMENT_CAPTURED':
      return { type, paymentId: id, amount: cash(payment && payment.authorized > payment.captured ? payment.authorized - payment.captured : Math.max(1, due)), providerRef: `cap-${v % 3}` };
    case 'PAYMENT_FAILED':
      return { type, paymentId: id, code: 'card_declined' };
    case 'REQUEST_CAPTURE':
      return v % 2 === 0 ? { type, paymentId: id } : { type, paymentId: id, amount: cash(Math.max(1, (payment?.authorized ?? 1) - (payment?.captured ?? 0))) };
    case 'VOID_PAYMENT':
    case 'AUTHORIZATION_EXPIRED':
      return { type, paymentId: id };
    case 'CONFIRM_BANK_TRANSFER':
      return { type, paymentId: id, reference: `BANK-${v}`, amount: cash(payment?.amount.amount ?? 1) };
    case 'COLLECT_COD':
    case 'COLLECT_AT_PICKUP':
      return { type, paymentId: id, amount: cash(payment?.amount.amount ?? 1) };
    case 'REQUEST_REFUND': {
      const refundable = payment ? payment.captured - payment.refunded - payment.refundPending - payment.disputed : 1;
      return { type, paymentId: id, amount: cash(Math.max(1, refundShare(refundable, true))), reason: 'goodwill' };
    }
    case 'REFUND_SUCCEEDED':
      return { type, paymentId: id, amount: cash(Math.max(1, payment?.refundPending || (payment ? refundShare(payment.captured - payment.refunded, false) : 1))), providerRef: `ref-${v % 3}` };
    case 'REFUND_FAILED':
      return { type, paymentId: id, amount: cash(Math.max(1, payment?.refundPending ?? 1)), code: 'insufficient_funds' };
    case 'DISPUTE_OPENED':
      return { type, paymentId: id, amount: cash(Math.max(1, payment ? payment.captured - payment.refunded : 1)), reason: 'fraudulent' };
    case 'DISPUTE_RESOLVED':
      return { type, paymentId: id, outcome: v % 2 === 0 ? 'won' : 'lost' };
    case 'RELEASE_TO_WAREHOUSE':
    case 'SHIPMENT_STOCK_ARRIVED':
    case 'MARK_READY_TO_SHIP':
    case 'READY_FOR_PICKUP':
      return { type, shipmentId: id };
    case 'SHIPMENT_BACKORDERED':
      return { type, shipmentId: id };
    case 'FINISH_PICKING':
      return { type, shipmentId: id };
    case 'START_PICKING':
      return { type, shipmentId: id, pickerId: `picker-${v % 3}`, pickListId: `PL-${v}` };
    case 'PACK_SHIPMENT':
      return v % 2 === 0 ? { type, shipmentId: id, invoiceNumber: `INV-${v}`, label } : { type, shipmentId: id, packerId: `packer-${v % 2}` };
    case 'LABEL_CREATED':
      return { type, shipmentId: id, label };
    case 'HAND_TO_CARRIER':
      return { type, shipmentId: id, carrier: label.carrier, trackingNumber: shipment?.trackingNumber ?? label.trackingNumber };
    case 'CARRIER_STATUS': {
      const status = pick(CarrierStatus.options);
      return status === 'delivered' && codDue !== undefined && v % 5 !== 0
        ? { type, shipmentId: id, status, codCollected: cash(codDue) }
        : { type, shipmentId: id, status, location: 'hub' };
    }
    case 'PICKED_UP':
      return pickupDue !== undefined && v % 5 !== 0 ? { type, shipmentId: id, collected: cash(pickupDue) } : { type, shipmentId: id };
    case 'CANCEL_SHIPMENT':
      return { type, shipmentId: id, reason: 'split differently' };
    case 'APPROVE_RETURN':
    case 'RETURN_RECEIVED':
    case 'CLOSE_RETURN':
    case 'CANCEL_RETURN':
      return { type, returnId: id };
    case 'DECLINE_RETURN':
      return { type, returnId: id, reason: 'used goods' };
    case 'ISSUE_RETURN_LABEL':
      return { type, returnId: id, label };
    case 'RETURN_SHIPPED':
      return { type, returnId: id, trackingNumber: `RET${v}` };
    case 'INSPECT_RETURN': {
      const outcome = pick(['accepted', 'rejected', 'partial'] as const);
      const first = ret?.lines[0];
      return outcome === 'partial' && first ? { type, returnId: id, outcome, acceptedLines: [{ lineId: first.lineId, quantity: 1 }] } : { type, returnId: id, outcome };
    }
    case 'RESOLVE_RETURN': {
      const resolution = pick(['refund', 'store_credit', 'exchange', 'replacement'] as const);
      const accepted = ret?.inspection?.acceptedLines ?? ret?.lines ?? [];
      const worth = accepted.reduce((s, l) => s + l.quantity * (items.find((i) => i.lineId === l.lineId)?.unitPrice.amount ?? 0), 0);
      return resolution === 'refund' || resolution === 'store_credit' ? { type, returnId: id, resolution, amount: cash(Math.max(1, worth)) } : { type, returnId: id, resolution };
    }
  }
}
