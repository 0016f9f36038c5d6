import { addDays } from 'date-fns';
import type { OrderEvent, OrderEventType } from '../model/events.js';
import type { LineQuantity } from '../model/lineItem.js';
import type { OrderAggregate, ShipmentRecord } from './aggregate.js';
import { lineQuantities, paymentTotals, pendingPaymentsOf, refundedInFull, shippingBlockedBy, type LineQuantities, type PaymentTotals } from './deriveStatuses.js';
import type { LifecyclePolicy } from './policy.js';
import type { RejectionReason } from './rejectionReason.js';

/**
 * What the rules read of an order, each worked out at most once per question: `allowedEvents`
 * asks the rules of many event types about the same order.
 *
 * @internal
 */
export interface RuleFacts {
  quantities(): LineQuantities;
  totals(): PaymentTotals;
  /** When any of the order's goods were last delivered. */
  lastDelivery(): Date | null;
}

/**
 * Facts of one order, computed on first use and kept for the rest of one question.
 *
 * @param order - the aggregate the rules are asked about
 * @internal
 */
export function ruleFacts(order: OrderAggregate): RuleFacts {
  let quantities: LineQuantities | undefined;
  let totals: PaymentTotals | undefined;
  let delivered: { at: Date | null } | undefined;
  return {
    quantities: () => (quantities ??= lineQuantities(order)),
    totals: () => (totals ??= paymentTotals(order)),
    lastDelivery: () => (delivered ??= { at: lastDelivery(order.shipments, null) }).at,
  };
}

/**
 * A rule that spans the order's machines (quantities, payment before shipping, the return
 * window). `event` is `null` when asked without a payload (by `allowedEvents`): the rule then
 * checks only what it can, so storefronts hide buttons that could never work.
 */
type CrossRule = (
  order: OrderAggregate,
  event: OrderEvent | null,
  now: Date,
  policy: LifecyclePolicy,
  childId: string | null,
  facts: RuleFacts,
) => RejectionReason | null;

function totalsByLine(lines: readonly LineQuantity[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.lineId, (out.get(l.lineId) ?? 0) + l.quantity);
  return out;
}

function idTaken(order: OrderAggregate, id: string | undefined): boolean {
  if (id === undefined) return false;
  return order.payments.some((p) => p.id === id) || order.shipments.some((s) => s.id === id) || order.returns.some((r) => r.id === id);
}

/** When the given lines were last delivered (the latest delivery of a parcel holding any of them). */
function lastDelivery(shipments: readonly ShipmentRecord[], lineIds: ReadonlySet<string> | null): Date | null {
  let latest: Date | null = null;
  for (const s of shipments) {
    if (s.state !== 'delivered' || s.context.deliveredAt === null) continue;
    if (lineIds !== null && !s.context.lines.some((l) => lineIds.has(l.lineId))) continue;
    const at = new Date(s.context.deliveredAt);
    if (latest === null || at > latest) latest = at;
  }
  return latest;
}

function returnRule(kind: 'return' | 'claim'): CrossRule {
  return (order, event, now, policy, _childId, facts) => {
    const q = facts.quantities();
    const items = order.order.context.items;
    const windowDays = kind === 'return' ? policy.returnWindowDays : policy.claimWindowDays;
    const closed = (ids: ReadonlySet<string> | null) => {
      const delivered = ids === null ? facts.lastDelivery() : lastDelivery(order.shipments, ids);
      return delivered === null || addDays(delivered, windowDays) < now;
    };
    const left = (lineId: string) => (q.delivered.get(lineId) ?? 0) - (q.returning.get(lineId) ?? 0);
    if (event === null || (event.type !== 'REQUEST_RETURN' && event.type !== 'OPEN_CLAIM')) {
      const open = items.filter((i) => (kind === 'claim' || i.returnable) && left(i.lineId) > 0);
      if (open.length === 0) return kind === 'return' && items.some((i) => left(i.lineId) > 0) ? 'NOT_RETURNABLE' : 'QUANTITY_EXCEEDS_DELIVERED';
      return closed(null) ? 'RETURN_WINDOW_CLOSED' : null;
    }
    if (idTaken(order, event.returnId)) return 'DUPLICATE_ID';
    const wanted = totalsByLine(event.lines);
    for (const [lineId, quantity] of wanted) {
      const item = items.find((i) => i.lineId === lineId);
      if (!item) return 'LINE_NOT_FOUND';
      if (kind === 'return' && !item.returnable) return 'NOT_RETURNABLE';
      if (quantity > left(lineId)) return 'QUANTITY_EXCEEDS_DELIVERED';
    }
    return closed(new Set(wanted.keys())) ? 'RETURN_WINDOW_CLOSED' : null;
  };
}

/**
 * Payment must allow the goods to leave: paid, authorized, or promised by COD / invoice terms
 * (`PAYMENT_REQUIRED`), and not all given back (`PAYMENT_REFUNDED`).
 */
const mustBeShippable: CrossRule = (order, _event, _now, _policy, _childId, facts) => heldBack(order) ?? shippingBlockedBy(order, facts.totals());

/** A held order (fraud check, payment review, address check…) lets nothing leave and calls no one to the counter. */
const heldBack = (order: OrderAggregate): 'ORDER_ON_HOLD' | null => (order.order.state === 'on_hold' ? 'ORDER_ON_HOLD' : null);

/** What the pickup counter is still to collect: every payment due there. */
function dueAtCounter(order: OrderAggregate): number {
  return pendingPaymentsOf(order, 'pay_on_pickup').reduce((s, p) => s + p.context.amount.amount, 0);
}

const RULES: Partial<Record<OrderEventType, CrossRule>> = {
  // Each payment of the plan needs its own id: two payments under one id would be settled as one.
  PLACE_ORDER: (order, event) => {
    if (event?.type !== 'PLACE_ORDER' || event.payments === undefined) return null;
    const ids = event.payments.flatMap((p) => (p.paymentId === undefined ? [] : [p.paymentId]));
    return new Set(ids).size !== ids.length || ids.some((id) => idTaken(order, id)) ? 'DUPLICATE_ID' : null;
  },
  ADD_PAYMENT: (order, event, _now, _policy, _childId, facts) => {
    const t = facts.totals();
    if (event === null) return t.total - t.arranged > 0 ? null : 'AMOUNT_EXCEEDS_OUTSTANDING';
    if (event.type !== 'ADD_PAYMENT') return null;
    if (idTaken(order, event.paymentId)) return 'DUPLICATE_ID';
    return event.amount.amount <= t.total - t.arranged ? null : 'AMOUNT_EXCEEDS_OUTSTANDING';
  },
  CREATE_SHIPMENT: (order, event, _now, _policy, _childId, facts) => {
    const q = facts.quantities();
    const free = (lineId: string) => (q.ordered.get(lineId) ?? 0) - (q.allocated.get(lineId) ?? 0);
    if (event === null || event.type !== 'CREATE_SHIPMENT') {
      return [...q.ordered.keys()].some((id) => free(id) > 0) ? null : 'QUANTITY_EXCEEDS_ORDERED';
    }
    if (idTaken(order, event.shipmentId)) return 'DUPLICATE_ID';
    for (const [lineId, quantity] of totalsByLine(event.lines)) {
      if (!q.ordered.has(lineId)) return 'LINE_NOT_FOUND';
      if (quantity > free(lineId)) return 'QUANTITY_EXCEEDS_ORDERED';
    }
    return null;
  },
  HAND_TO_CARRIER: mustBeShippable,
  CARRIER_STATUS: (order, event, _now, _policy, childId, facts) => {
    const shipment = order.shipments.find((s) => s.id === childId);
    // The first scan of a parcel still in the dispatch area is its hand-over.
    if (shipment?.state === 'ready_to_ship') {
      const blocked = heldBack(order) ?? shippingBlockedBy(order, facts.totals());
      if (blocked !== null) return blocked;
    }
    if (event === null || event.type !== 'CARRIER_STATUS' || event.status !== 'delivered') return null;
    const cod = pendingPaymentsOf(order, 'cash_on_delivery');
    if (cod.length > 0 && event.codCollected === undefined) return 'COD_NOT_COLLECTED';
    if (cod.length === 0 && event.codCollected !== undefined) return 'NO_MATCHING_PAYMENT';
    return null;
  },
  // Shelving a parcel for the counter tells the customer to come: not for an order whose money was all given back.
  READY_FOR_PICKUP: (order, _event, _now, _policy, _childId, facts) => heldBack(order) ?? (refundedInFull(facts.totals(), dueAtCounter(order)) ? 'PAYMENT_REFUNDED' : null),
  PICKED_UP: (order, event, _now, _policy, _childId, facts) => {
    const collected = event?.type === 'PICKED_UP' ? event.collected : undefined;
    if (event !== null && collected !== undefined && pendingPaymentsOf(order, 'pay_on_pickup').length === 0) return 'NO_MATCHING_PAYMENT';
    return heldBack(order) ?? shippingBlockedBy(order, facts.totals(), event === null ? dueAtCounter(order) : (collected?.amount ?? 0));
  },
  // Completing ends the customer's right to return and to claim: not while a window runs for goods that could still come back.
  COMPLETE_ORDER: (order, _event, now, policy, _childId, facts) => {
    const delivered = facts.lastDelivery();
    if (delivered === null) return null;
    const q = facts.quantities();
    const kept = order.order.context.items.filter((i) => (q.delivered.get(i.lineId) ?? 0) > (q.returning.get(i.lineId) ?? 0));
    const open = (days: number) => addDays(delivered, days) > now;
    const returnOpen = open(policy.returnWindowDays) && kept.some((i) => i.returnable);
    return returnOpen || (open(policy.claimWindowDays) && kept.length > 0) ? 'RETURN_WINDOW_OPEN' : null;
  },
  REQUEST_RETURN: returnRule('return'),
  OPEN_CLAIM: returnRule('claim'),
  RESOLVE_RETURN: (order, event, _now, _policy, childId) => {
    if (event === null || event.type !== 'RESOLVE_RETURN' || event.amount === undefined) return null;
    if (event.paymentId !== undefined && !order.payments.some((p) => p.id === event.paymentId)) return 'UNKNOWN_PAYMENT';
    const ret = order.returns.find((r) => r.id === childId);
    if (!ret) return null;
    const accepted = ret.context.inspection?.acceptedLines ?? ret.context.lines;
    const prices = new Map(order.order.context.items.map((i) => [i.lineId, i.unitPrice.amount] as const));
    const worth = accepted.reduce((s, l) => s + l.quantity * (prices.get(l.lineId) ?? 0), 0);
    return event.amount.amount <= worth ? null : 'REFUND_EXCEEDS_RETURNED_VALUE';
  },
};

/**
 * Checks the rules that span machines for one event (or, with `event: null`, for an event type
 * without its payload).
 *
 * @param order - the aggregate before the event
 * @param type - the event type
 * @param event - the parsed event, or `null` when only the type is known
 * @param now - decision time
 * @param policy - time windows
 * @param childId - the addressed payment, shipment or return, if any
 * @param facts - what the rules read of the order, shared between questions about the same order
 * @example
 * ```ts
 * // Not public: `apply`, `can` and `allowedEvents` run these rules. Seen through `apply`:
 * import { apply, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate; // delivered, and the return window is over
 * const result = apply(
 *   order,
 *   { type: 'REQUEST_RETURN', lines: [{ lineId: 'l1', quantity: 1 }], reason: 'changed_mind' },
 *   { actor: { kind: 'customer', id: 'c1' }, now: new Date() },
 * );
 * if (!result.ok && result.error.code !== 'INVALID') console.log(result.error.reason); // 'RETURN_WINDOW_CLOSED'
 * ```
 * @internal
 */
export function checkCrossRules(
  order: OrderAggregate,
  type: OrderEventType,
  event: OrderEvent | null,
  now: Date,
  policy: LifecyclePolicy,
  childId: string | null,
  facts: RuleFacts = ruleFacts(order),
): RejectionReason | null {
  const rule = RULES[type];
  return rule ? rule(order, event, now, policy, childId, facts) : null;
}
