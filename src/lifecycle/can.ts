import type { OrderAggregate } from './aggregate.js';
import { defaultLifecycle } from './defaultLifecycle.js';
import type { ApplyContext } from './results.js';

/**
 * Whether `apply` would accept this exact event (payload included) from this actor now.
 *
 * @param order - the order aggregate
 * @param event - the full event
 * @param ctx - who would send it and when
 * @example
 * ```ts
 * import { can, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * can(order, { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: { kind: 'customer', id: 'c1' }, now: new Date() });
 * ```
 */
export function can(order: OrderAggregate, event: unknown, ctx: ApplyContext): boolean {
  return defaultLifecycle.can(order, event, ctx);
}
