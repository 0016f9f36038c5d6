import type { LifecyclePolicy } from '../lifecycle/policy.js';
import { DEFAULT_LIFECYCLE_POLICY } from '../lifecycle/policy.js';
import { SATURDAY_SUNDAY, weekendSet, type Weekday } from '../model/addWorkingDays.js';
import type { PaymentMethod, ShippingMethod } from '../model/methods.js';

/** The time rules the engine's durable deadlines follow. Every field has a default; override what differs. */
export interface EnginePolicy extends LifecyclePolicy {
  /** How long an order may stay unpaid, per payment method, before it expires (minutes). */
  readonly paymentWindowMinutes: Readonly<Record<PaymentMethod, number>>;
  /** How long before an unpaid bank-transfer order expires its one reminder goes out (minutes). */
  readonly paymentReminderBeforeExpiryMinutes: number;
  /** Hours of inactivity after which a cart with a known email gets its one reminder (seed 002). */
  readonly abandonedCartAfterHours: number;
  /** Days after which an online authorization lapses if not captured. */
  readonly authorizationValidDays: number;
  /** Business days from confirmation by which each shipping method should have left; later, the customer is told of a delay (seed 003). */
  readonly dispatchBusinessDays: Readonly<Record<ShippingMethod, number>>;
  /** The days the shop does not dispatch, for `dispatchBusinessDays` (default Saturday and Sunday; an Iranian shop: `[5]`). */
  readonly weekendDays: readonly Weekday[];
  /** Days after delivery when the feedback request goes out (seed 000 step 10). */
  readonly feedbackAfterDays: number;
}

/**
 * Defaults: online 30 min, bank transfer 3 days, COD / pickup / invoice 7 days to confirm; reminder after 4 h; auths 7 days.
 *
 * @example
 * ```ts
 * import { DEFAULT_ENGINE_POLICY } from 'ordermachine';
 * DEFAULT_ENGINE_POLICY.paymentWindowMinutes.online; // 30
 * DEFAULT_ENGINE_POLICY.returnWindowDays; // 14, from DEFAULT_LIFECYCLE_POLICY
 * ```
 */
export const DEFAULT_ENGINE_POLICY: EnginePolicy = Object.freeze({
  ...DEFAULT_LIFECYCLE_POLICY,
  paymentWindowMinutes: Object.freeze({
    online: 30,
    bank_transfer: 3 * 24 * 60,
    cash_on_delivery: 7 * 24 * 60,
    pay_on_pickup: 7 * 24 * 60,
    invoice: 7 * 24 * 60,
  }),
  paymentReminderBeforeExpiryMinutes: 24 * 60,
  abandonedCartAfterHours: 4,
  authorizationValidDays: 7,
  dispatchBusinessDays: Object.freeze({ standard: 3, expedited: 2, express: 1, pickup: 2 }),
  weekendDays: SATURDAY_SUNDAY,
  feedbackAfterDays: 7,
});

/**
 * Fills a partial policy with the defaults.
 *
 * @param overrides - the fields that differ from `DEFAULT_ENGINE_POLICY`
 * @throws OrderMachineError `INVALID_OPTION` for weekend days outside 0–6 or a seven-day weekend
 * @example
 * ```ts
 * import { resolveEnginePolicy } from 'ordermachine';
 * const policy = resolveEnginePolicy({ returnWindowDays: 30, paymentWindowMinutes: { bank_transfer: 2 * 24 * 60 } });
 * ```
 */
export function resolveEnginePolicy(
  overrides: Partial<Omit<EnginePolicy, 'paymentWindowMinutes' | 'dispatchBusinessDays'>> & {
    readonly paymentWindowMinutes?: Partial<Record<PaymentMethod, number>>;
    readonly dispatchBusinessDays?: Partial<Record<ShippingMethod, number>>;
  } = {},
): EnginePolicy {
  if (overrides.weekendDays !== undefined) weekendSet(overrides.weekendDays); // a bad weekend fails here, not at the first deadline
  return {
    ...DEFAULT_ENGINE_POLICY,
    ...overrides,
    paymentWindowMinutes: { ...DEFAULT_ENGINE_POLICY.paymentWindowMinutes, ...overrides.paymentWindowMinutes },
    dispatchBusinessDays: { ...DEFAULT_ENGINE_POLICY.dispatchBusinessDays, ...overrides.dispatchBusinessDays },
  };
}
