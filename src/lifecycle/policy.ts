/** The business rules `apply` checks that depend on time. The engine's policy extends this. */
export interface LifecyclePolicy {
  /** Days after delivery during which a customer may ask to return goods (seed 002: an online form, inside a window). */
  readonly returnWindowDays: number;
  /** Days after delivery during which a damaged, missing or wrong item may be claimed. */
  readonly claimWindowDays: number;
}

/**
 * Defaults: 14 days to return (the EU withdrawal period), 30 days to claim.
 *
 * @example
 * ```ts
 * import { can, DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * DEFAULT_LIFECYCLE_POLICY.returnWindowDays; // 14
 * const generous: LifecyclePolicy = { ...DEFAULT_LIFECYCLE_POLICY, returnWindowDays: 30 };
 * can(order, { type: 'REQUEST_RETURN', lines: [{ lineId: 'l1', quantity: 1 }], reason: 'wrong_size' }, {
 *   actor: { kind: 'customer', id: 'c1' },
 *   now: new Date(),
 *   policy: generous,
 * });
 * ```
 */
export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = Object.freeze({ returnWindowDays: 14, claimWindowDays: 30 });
