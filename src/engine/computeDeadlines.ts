import { addDays, addHours, addMinutes } from 'date-fns';
import { addWorkingDays } from '../model/addWorkingDays.js';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import type { OrderEventInput } from '../model/events.js';
import type { TimerState } from '../ports/StorageAdapter.js';
import type { EnginePolicy } from './EnginePolicy.js';

/** A durable deadline: when it is due, the engine sends `event` as `system`, once. */
export interface Deadline {
  /** Unique within the order (`'expire_unpaid'`, `'auth_expiry:o1-P1'`…); a fired key never fires again. */
  readonly key: string;
  readonly dueAt: Date;
  readonly event: OrderEventInput;
}

function lastDelivery(order: OrderAggregate): Date | null {
  let latest: Date | null = null;
  for (const s of order.shipments) {
    if (s.context.deliveredAt === null) continue;
    const at = new Date(s.context.deliveredAt);
    if (latest === null || at > latest) latest = at;
  }
  return latest;
}

/**
 * Every deadline an order has now, derived from its state and the policy (deadlines are never
 * stored by hand, so they cannot disagree with the order): the abandoned-cart reminder, expiry of
 * an unpaid order, authorization lapse, the late-dispatch notice, the feedback request and
 * completion when the return window ends. Fired keys are left out.
 *
 * @param order - the aggregate
 * @param policy - the engine policy
 * @param timers - which deadlines already fired
 * @example
 * ```ts
 * import { computeDeadlines, DEFAULT_ENGINE_POLICY, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const next = computeDeadlines(order, DEFAULT_ENGINE_POLICY, { fired: [] })[0];
 * ```
 */
export function computeDeadlines(order: OrderAggregate, policy: EnginePolicy, timers: TimerState): Deadline[] {
  const ctx = order.order.context;
  const state = order.order.state;
  const out: Deadline[] = [];

  if ((state === 'cart' || state === 'checkout') && ctx.cartReminderSentAt === null && ctx.items.length > 0 && ctx.customer?.email !== undefined) {
    out.push({ key: 'cart_reminder', dueAt: addHours(new Date(ctx.lastActivityAt), policy.abandonedCartAfterHours), event: { type: 'SEND_CART_REMINDER' } });
  }
  if (state === 'placed.awaiting_payment' && ctx.summary.nothingCaptured && ctx.placedAt !== null && ctx.paymentMethod !== null) {
    const expiry = addMinutes(new Date(ctx.placedAt), policy.paymentWindowMinutes[ctx.paymentMethod]);
    out.push({ key: 'expire_unpaid', dueAt: expiry, event: { type: 'EXPIRE_ORDER' } });
    const remindAt = addMinutes(expiry, -policy.paymentReminderBeforeExpiryMinutes);
    if (ctx.paymentMethod === 'bank_transfer' && ctx.paymentReminderSentAt === null && remindAt > new Date(ctx.placedAt)) {
      out.push({ key: 'payment_reminder', dueAt: remindAt, event: { type: 'SEND_PAYMENT_REMINDER', payBy: expiry.toISOString() } });
    }
  }
  for (const p of order.payments) {
    if (p.state === 'authorized' && p.context.authorizedAt !== null) {
      out.push({
        key: `auth_expiry:${p.id}`,
        dueAt: addDays(new Date(p.context.authorizedAt), policy.authorizationValidDays),
        event: { type: 'AUTHORIZATION_EXPIRED', paymentId: p.id },
      });
    }
  }
  const waitingToLeave = state === 'placed.confirmed' || state === 'placed.backordered' || state === 'placed.fulfilling' || state === 'placed.partially_shipped';
  if (waitingToLeave && ctx.confirmedAt !== null && ctx.shippingMethod !== null) {
    out.push({
      key: 'late_shipment',
      dueAt: addWorkingDays(new Date(ctx.confirmedAt), policy.dispatchBusinessDays[ctx.shippingMethod], policy.weekendDays),
      event: { type: 'NOTIFY_DELAY', reason: state === 'placed.backordered' ? 'stock' : 'other' },
    });
  }
  const delivered = lastDelivery(order);
  if (state === 'placed.delivered' && delivered !== null) {
    if (ctx.feedbackRequestedAt === null) out.push({ key: 'feedback', dueAt: addDays(delivered, policy.feedbackAfterDays), event: { type: 'REQUEST_FEEDBACK' } });
    // Completion ends returns and claims, so it waits for both windows; an open return holds it back
    // (closing it recomputes the deadlines).
    const windowDays = Math.max(policy.returnWindowDays, policy.claimWindowDays);
    if (ctx.summary.openReturns === 0) out.push({ key: 'complete', dueAt: addDays(delivered, windowDays), event: { type: 'COMPLETE_ORDER' } });
  }
  return out.filter((d) => !timers.fired.includes(d.key)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
