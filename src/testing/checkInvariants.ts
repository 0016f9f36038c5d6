import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { deriveSummary, lineQuantities, paymentIsLive, paymentTotals, shipmentStage, shippingBlockedBy } from '../lifecycle/deriveStatuses.js';
import { FINAL_STATES, ORDER_STATES, PAYMENT_STATES, RETURN_STATES, SHIPMENT_STATES, type ShipmentState } from '../lifecycle/states.js';
import type { ShippingMethod } from '../model/methods.js';
import type { FulfilmentPhase } from '../model/statuses.js';

/**
 * Plain-JSON equality that ignores the order of object keys (a `jsonb` column hands keys back
 * in its own order).
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** One broken promise, with the invariant's name and what was found. */
export interface InvariantViolation {
  readonly invariant: string;
  readonly message: string;
}

const PHASE_STATES: Readonly<Record<string, readonly FulfilmentPhase[]>> = {
  'placed.confirmed': ['none'],
  'placed.backordered': ['none'],
  'placed.fulfilling': ['fulfilling'],
  'placed.partially_shipped': ['partially_shipped'],
  'placed.shipped': ['shipped'],
  'placed.delivered': ['delivered'],
};

/**
 * Checks the promises that must hold for any order aggregate, after any sequence of events:
 * captured ≤ authorized ≤ the payment's amount; refunded (and refunds pending, and disputes) ≤
 * captured; captured in total ≤ the order total; per line, allocated to parcels ≤ ordered and
 * coming back ≤ delivered; every state is a known state; no two payments, shipments or returns
 * share an id; and the order's view of its children
 * equals what they derive to. Returns the violations (empty when all hold).
 *
 * @param order - any aggregate
 * @example
 * ```ts
 * import { checkInvariants } from 'ordermachine/testing';
 * import type { OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const broken = checkInvariants(order); // [] when all promises hold
 * ```
 */
export function checkInvariants(order: OrderAggregate): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const fail = (invariant: string, message: string) => out.push({ invariant, message });
  const ctx = order.order.context;

  if (!(ORDER_STATES as readonly string[]).includes(order.order.state)) fail('known-states', `order state ${order.order.state}`);
  for (const p of order.payments) if (!(PAYMENT_STATES as readonly string[]).includes(p.state)) fail('known-states', `payment ${p.id} state ${p.state}`);
  for (const s of order.shipments) if (!(SHIPMENT_STATES as readonly string[]).includes(s.state)) fail('known-states', `shipment ${s.id} state ${s.state}`);
  for (const r of order.returns) if (!(RETURN_STATES as readonly string[]).includes(r.state)) fail('known-states', `return ${r.id} state ${r.state}`);
  const ids = new Set<string>();
  for (const child of [...order.payments, ...order.shipments, ...order.returns]) {
    if (ids.has(child.id)) fail('unique-ids', `two payments, shipments or returns are called ${child.id}`);
    ids.add(child.id);
  }

  let captured = 0;
  for (const p of order.payments) {
    const c = p.context;
    for (const [name, value] of Object.entries({ authorized: c.authorized, captured: c.captured, refunded: c.refunded, refundPending: c.refundPending, disputed: c.disputed })) {
      if (!Number.isSafeInteger(value) || value < 0) fail('integer-money', `payment ${p.id} ${name} = ${value}`);
    }
    if (c.amount.currency !== ctx.currency) fail('one-currency', `payment ${p.id} in ${c.amount.currency}, order in ${ctx.currency}`);
    if (c.captured > c.authorized) fail('captured-within-authorized', `payment ${p.id}: captured ${c.captured} > authorized ${c.authorized}`);
    if (c.authorized > c.amount.amount) fail('authorized-within-amount', `payment ${p.id}: authorized ${c.authorized} > amount ${c.amount.amount}`);
    if (c.refunded + c.disputed > c.captured) fail('refunded-within-captured', `payment ${p.id}: refunded ${c.refunded} + disputed ${c.disputed} > captured ${c.captured}`);
    if (c.refunded + c.refundPending + c.disputed > c.captured) fail('refunds-asked-within-captured', `payment ${p.id}: refunded ${c.refunded} + pending ${c.refundPending} + disputed ${c.disputed} > captured ${c.captured}`);
    if (paymentIsLive(p.state)) captured += c.captured;
  }
  if (ctx.totals !== null && captured > ctx.totals.total.amount) fail('captured-within-total', `captured ${captured} > total ${ctx.totals.total.amount}`);

  const q = lineQuantities(order);
  for (const [lineId, allocated] of q.allocated) {
    if (allocated > (q.ordered.get(lineId) ?? 0)) fail('shipped-within-ordered', `line ${lineId}: ${allocated} in parcels, ${q.ordered.get(lineId) ?? 0} ordered`);
  }
  for (const [lineId, returning] of q.returning) {
    if (returning > (q.delivered.get(lineId) ?? 0)) fail('returned-within-delivered', `line ${lineId}: ${returning} coming back, ${q.delivered.get(lineId) ?? 0} delivered`);
  }

  if (!(FINAL_STATES.order as readonly string[]).includes(order.order.state)) {
    const derived = deriveSummary(order);
    if (!sameJson(derived, ctx.summary)) fail('summary-in-sync', `stored ${JSON.stringify(ctx.summary)} ≠ derived ${JSON.stringify(derived)}`);
    const phases = PHASE_STATES[order.order.state];
    if (phases !== undefined && !phases.includes(derived.phase)) fail('state-follows-shipments', `order in ${order.order.state} while fulfilment is ${derived.phase}`);
  }
  return out;
}

/**
 * Goods leave the shop when a parcel is handed to a carrier, or when a pickup parcel is handed to
 * the customer at the counter; putting it on the pickup shelf is not leaving.
 */
function leavesTheShop(from: ShipmentState, to: ShipmentState, method: ShippingMethod): boolean {
  const before = shipmentStage(from);
  if ((before === 'preparing' || before === 'packed') && to !== 'available_for_pickup') return ['shipped', 'delivered'].includes(shipmentStage(to));
  return method === 'pickup' && from === 'available_for_pickup' && to === 'delivered';
}

/**
 * Checks the promises about one accepted event: finished machines did not change, and no parcel
 * left the warehouse unless payment allowed it — paid, authorized, or cash on delivery / invoice
 * terms (`no-unpaid-shipping`), and not refunded in full (`no-shipping-after-full-refund`: once
 * all the money captured is refunded or being refunded, and nothing else is authorized or
 * promised, no parcel leaves; a partial refund does not stop one). Payment is judged before and
 * after the event, so money collected at the pickup counter with the hand-over counts. Nor does a
 * parcel leave an order on hold (`no-shipping-on-hold`).
 *
 * @param before - the aggregate before the event
 * @param after - the aggregate `apply` returned
 * @example
 * ```ts
 * import { checkTransitionInvariants } from 'ordermachine/testing';
 * import type { OrderAggregate } from 'ordermachine';
 * declare const before: OrderAggregate;
 * declare const after: OrderAggregate;
 * checkTransitionInvariants(before, after); // [] when all promises hold
 * ```
 */
export function checkTransitionInvariants(before: OrderAggregate, after: OrderAggregate): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  if ((FINAL_STATES.order as readonly string[]).includes(before.order.state) && !sameJson(before.order, after.order)) {
    out.push({ invariant: 'terminal-absorbs', message: `order changed after ${before.order.state}` });
  }
  const kinds = [
    ['payment', 'payments'],
    ['shipment', 'shipments'],
    ['return', 'returns'],
  ] as const;
  for (const [kind, key] of kinds) {
    for (const old of before[key]) {
      if (!(FINAL_STATES[kind] as readonly string[]).includes(old.state)) continue;
      const now = (after[key] as readonly { id: string }[]).find((r) => r.id === old.id);
      if (!sameJson(old, now)) out.push({ invariant: 'terminal-absorbs', message: `${kind} ${old.id} changed after ${old.state}` });
    }
  }
  for (const s of after.shipments) {
    const from = before.shipments.find((b) => b.id === s.id)?.state;
    if (from === undefined || !leavesTheShop(from, s.state, s.context.method)) continue;
    if (before.order.state === 'on_hold') out.push({ invariant: 'no-shipping-on-hold', message: `shipment ${s.id} left an order on hold (${from} → ${s.state})` });
    const blockedBefore = shippingBlockedBy(before, paymentTotals(before));
    if (blockedBefore === null || shippingBlockedBy(after, paymentTotals(after)) === null) continue;
    out.push(
      blockedBefore === 'PAYMENT_REFUNDED'
        ? { invariant: 'no-shipping-after-full-refund', message: `shipment ${s.id} left an order whose payment was refunded in full (${from} → ${s.state})` }
        : { invariant: 'no-unpaid-shipping', message: `shipment ${s.id} left unpaid (${from} → ${s.state})` },
    );
  }
  return out;
}
