import { match } from 'ts-pattern';
import type { OrderEvent } from '../model/events.js';
import type { Money } from '../model/money.js';
import type { OrderAggregate } from './aggregate.js';
import { pendingPaymentsOf, shipmentStage } from './deriveStatuses.js';
import type { RejectionReason } from './rejectionReason.js';

/**
 * An event one accepted event implies for another of the order's machines: sent by `system`, or
 * by the sender itself when it states a fact the sender witnessed (the courier collected the cash).
 */
export interface FollowUp {
  readonly event: OrderEvent;
  readonly by: 'system' | 'sender';
}

/** The follow-ups of an event, or why they cannot happen (which refuses the event). */
export type FollowUps = { readonly events: readonly FollowUp[] } | { readonly reason: RejectionReason };

const NONE: FollowUps = { events: [] };

/** The event types `followUps` has anything to say about. */
const IMPLYING = new Set<string>(['CANCEL_ORDER', 'EXPIRE_ORDER', 'CARRIER_STATUS', 'PICKED_UP', 'RESOLVE_RETURN']);

/** Canceling or expiring an order voids open authorizations, refunds what was taken and stops unsent parcels. */
function unwind(order: OrderAggregate, why: string): FollowUps {
  const events: FollowUp[] = [];
  for (const p of order.payments) {
    const c = p.context;
    const voidable = ['created', 'requires_action', 'pending', 'authorized', 'partially_captured'].includes(p.state);
    if (voidable) events.push({ by: 'system', event: { type: 'VOID_PAYMENT', paymentId: p.id, reason: why } });
    const refundable = c.captured - c.refunded - c.refundPending - c.disputed;
    const refundState = p.state === 'partially_captured' || p.state === 'captured' || p.state === 'partially_refunded';
    if (refundState && refundable > 0) {
      events.push({ by: 'system', event: { type: 'REQUEST_REFUND', paymentId: p.id, amount: { amount: refundable, currency: c.amount.currency }, reason: why } });
    }
  }
  for (const s of order.shipments) {
    const stage = shipmentStage(s.state);
    if (stage === 'preparing' || stage === 'packed') events.push({ by: 'system', event: { type: 'CANCEL_SHIPMENT', shipmentId: s.id, reason: why } });
  }
  return { events };
}

/** Money collected at the door or counter settles the waiting payment of that method. */
function collect(order: OrderAggregate, method: 'cash_on_delivery' | 'pay_on_pickup', amount: Money | undefined): FollowUps {
  if (amount === undefined) return NONE;
  const payment = pendingPaymentsOf(order, method)[0];
  if (!payment) return { reason: 'NO_MATCHING_PAYMENT' };
  const money = { amount: amount.amount, currency: payment.context.amount.currency };
  const event: OrderEvent =
    method === 'cash_on_delivery'
      ? { type: 'COLLECT_COD', paymentId: payment.id, amount: money }
      : { type: 'COLLECT_AT_PICKUP', paymentId: payment.id, amount: money };
  return { events: [{ by: 'sender', event }] };
}

/** A refund settling a return is asked of the named payment, or spread over the payments that took money. */
function refundReturn(order: OrderAggregate, event: Extract<OrderEvent, { type: 'RESOLVE_RETURN' }>): FollowUps {
  if (event.resolution !== 'refund' || event.amount === undefined) return NONE;
  const candidates = order.payments.filter((p) => (event.paymentId === undefined || p.id === event.paymentId) && ['captured', 'partially_refunded'].includes(p.state));
  let left = event.amount.amount;
  const events: FollowUp[] = [];
  for (const p of candidates) {
    const c = p.context;
    const take = Math.min(left, c.captured - c.refunded - c.refundPending - c.disputed);
    if (take <= 0) continue;
    events.push({ by: 'system', event: { type: 'REQUEST_REFUND', paymentId: p.id, amount: { amount: take, currency: c.amount.currency }, reason: `return ${event.returnId}` } });
    left -= take;
    if (left === 0) break;
  }
  return left === 0 ? { events } : { reason: 'REFUND_EXCEEDS_CAPTURED' };
}

/**
 * What else must happen, inside the same decision, when an event is accepted. All or nothing:
 * if a follow-up is refused, the whole event is.
 *
 * @param order - the aggregate after the event's own transition
 * @param event - the accepted event
 * @example
 * ```ts
 * // Not public: `apply` runs the follow-ups inside the same decision. Seen through `apply`,
 * // canceling an order also voids its open payment authorizations:
 * import { apply, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate; // placed, with an authorized online payment
 * const result = apply(order, { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: { kind: 'customer', id: 'c1' }, now: new Date() });
 * if (result.ok) console.log(result.changes); // the order → 'canceled', and its payment → 'voided'
 * ```
 * @internal
 */
export function followUps(order: OrderAggregate, event: OrderEvent): FollowUps {
  // Most events imply nothing: answer those without matching.
  if (!IMPLYING.has(event.type)) return NONE;
  return match(event)
    .with({ type: 'CANCEL_ORDER' }, (e) => unwind(order, `order canceled: ${e.reason}`))
    .with({ type: 'EXPIRE_ORDER' }, () => unwind(order, 'order expired unpaid'))
    .with({ type: 'CARRIER_STATUS', status: 'delivered' }, (e) => collect(order, 'cash_on_delivery', e.codCollected))
    .with({ type: 'PICKED_UP' }, (e) => collect(order, 'pay_on_pickup', e.collected))
    .with({ type: 'RESOLVE_RETURN' }, (e) => refundReturn(order, e))
    .otherwise(() => NONE);
}
