import * as z from 'zod';
import type { LifecyclePolicy } from '../lifecycle/policy.js';
import { DEFAULT_LIFECYCLE_POLICY } from '../lifecycle/policy.js';
import { SATURDAY_SUNDAY, weekendSet, type Weekday } from '../model/addWorkingDays.js';
import { PaymentMethod, ShippingMethod } from '../model/methods.js';
import { checkOption } from './checkOption.js';

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

const WHOLE = 'must be a whole number, 0 or more';
const AMOUNT = 'must be a finite number, 0 or more';
/** Days and business days are whole (`addDays` would drop a fraction); hours and minutes may have one. */
const wholeNumber = z.int({ error: WHOLE }).min(0, { error: WHOLE });
const amount = z.number({ error: AMOUNT }).min(0, { error: AMOUNT });

/** The numbers of a resolved policy (the weekend is checked by `weekendSet`). */
const PolicyNumbers = z.object({
  returnWindowDays: wholeNumber,
  claimWindowDays: wholeNumber,
  paymentWindowMinutes: z.record(PaymentMethod, amount),
  paymentReminderBeforeExpiryMinutes: amount,
  abandonedCartAfterHours: amount,
  authorizationValidDays: wholeNumber,
  dispatchBusinessDays: z.record(ShippingMethod, wholeNumber),
  feedbackAfterDays: wholeNumber,
});

/**
 * Fills a partial policy with the defaults, and checks the result, so a mistake fails when the
 * engine is built instead of at the first deadline (or as a silently wrong one).
 *
 * @param overrides - the fields that differ from `DEFAULT_ENGINE_POLICY`
 * @throws OrderMachineError `INVALID_OPTION`, naming the field (e.g. `policy.returnWindowDays`), for
 *   a number that is negative, not finite (`NaN`, `Infinity`) or not a number; for a fraction where
 *   the unit is days (`returnWindowDays`, `claimWindowDays`, `authorizationValidDays`,
 *   `feedbackAfterDays`, `dispatchBusinessDays`; minutes and hours may have fractions); for a
 *   payment or shipping method that does not exist; and for weekend days outside 0–6 or a seven-day
 *   weekend
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
  const policy: EnginePolicy = {
    ...DEFAULT_ENGINE_POLICY,
    ...overrides,
    paymentWindowMinutes: { ...DEFAULT_ENGINE_POLICY.paymentWindowMinutes, ...overrides.paymentWindowMinutes },
    dispatchBusinessDays: { ...DEFAULT_ENGINE_POLICY.dispatchBusinessDays, ...overrides.dispatchBusinessDays },
  };
  checkOption(PolicyNumbers, policy, 'policy');
  return policy;
}
