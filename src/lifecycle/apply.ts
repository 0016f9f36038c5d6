import type { OrderAggregate } from './aggregate.js';
import { defaultLifecycle } from './defaultLifecycle.js';
import type { ApplyContext, ApplyResult } from './results.js';

/**
 * Decides one event for an order: validates it, checks the state, the actor and the rules, and
 * returns the new aggregate with the effects to run — or a typed refusal naming the reason, the
 * current state and the events allowed now. Pure and browser-safe: no I/O, no clock, no throw for
 * expected outcomes, and the input aggregate is never modified.
 *
 * @param order - the order aggregate (as stored)
 * @param event - the event, as received (it is validated)
 * @param ctx - who sends it and when
 * @returns `{ ok: true, order, effects, changes }` or `{ ok: false, error }`
 * @example
 * ```ts
 * import { apply, createOrder } from 'ordermachine';
 * const cart = createOrder({ orderId: 'o1', currency: 'EUR' }, { now: '2026-01-01T10:00:00Z' });
 * if (cart.ok) {
 *   const result = apply(cart.order, { type: 'START_CHECKOUT' }, { actor: { kind: 'customer', id: 'c1' }, now: '2026-01-01T10:01:00Z' });
 *   if (!result.ok) console.log(result.error.code); // 'REJECTED' — the cart is empty
 * }
 * ```
 */
export function apply(order: OrderAggregate, event: unknown, ctx: ApplyContext): ApplyResult {
  return defaultLifecycle.apply(order, event, ctx);
}
