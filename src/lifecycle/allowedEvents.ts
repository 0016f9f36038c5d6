import type { Actor } from '../model/actor.js';
import type { OrderAggregate } from './aggregate.js';
import { defaultLifecycle } from './defaultLifecycle.js';
import type { LifecyclePolicy } from './policy.js';
import type { AllowedEvent } from './results.js';

/**
 * The events an actor may send now, each addressed to the order or one of its payments,
 * shipments or returns — what a storefront or admin screen shows as buttons. Checks that need the
 * event's payload (amounts, quantities) are assumed to pass; `can` checks a full event.
 *
 * @param order - the order aggregate
 * @param actor - who is looking
 * @param options - decision time (defaults to now) and policy
 * @example
 * ```ts
 * import { allowedEvents, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const buttons = allowedEvents(order, { kind: 'customer', id: 'c1' }).map((e) => e.type);
 * ```
 */
export function allowedEvents(
  order: OrderAggregate,
  actor: Actor,
  options?: { now?: Date | string; policy?: Partial<LifecyclePolicy> },
): AllowedEvent[] {
  return defaultLifecycle.allowedEvents(order, actor, options);
}
