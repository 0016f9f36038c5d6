import * as z from 'zod';
import { PaymentMethod } from '../../model/methods.js';
import { Money, MinorUnits } from '../../model/money.js';

/**
 * One payment's own facts. Amounts are minor units in the currency of `amount`:
 * `authorized ≥ captured ≥ refunded + refundPending`, always.
 *
 * @example
 * ```ts
 * import { PaymentContext, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * for (const payment of order.payments) {
 *   const c: PaymentContext = PaymentContext.parse(payment.context);
 *   console.log(payment.id, c.method, `${c.captured - c.refunded} of ${c.amount.amount} kept`);
 * }
 * ```
 */
export const PaymentContext = z.strictObject({
  paymentId: z.string().min(1),
  method: PaymentMethod,
  /** What this payment is meant to collect. */
  amount: Money,
  authorized: MinorUnits,
  captured: MinorUnits,
  refunded: MinorUnits,
  /** Refunds asked of the provider and not yet confirmed. */
  refundPending: MinorUnits,
  /** Money held back by an open dispute (chargeback). */
  disputed: MinorUnits,
  /** Provider references already seen: the same capture or refund reported twice is refused. */
  providerRefs: z.array(z.string()),
  /** Bank-transfer reference recorded by the staff member who confirmed it (seed 003). */
  reference: z.string().nullable(),
  actionUrl: z.string().nullable(),
  failure: z.strictObject({ code: z.string(), message: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  /** When the provider authorized it; authorizations lapse after a provider-specific time. */
  authorizedAt: z.string().nullable(),
  settledAt: z.string().nullable(),
});
/** One payment's own facts. */
export type PaymentContext = z.infer<typeof PaymentContext>;

/** What starts a payment. */
export interface PaymentInput {
  readonly paymentId: string;
  readonly method: PaymentMethod;
  readonly amount: Money;
  readonly at: string;
}

/**
 * Builds the initial payment context; tolerant of `undefined` (XState's throw-away actor).
 *
 * @param input - id, method, amount and creation time
 * @example
 * ```ts
 * import { initialPaymentContext } from 'ordermachine';
 * initialPaymentContext({ paymentId: 'p1', method: 'online', amount: { amount: 100, currency: 'USD' }, at: '2026-01-01T00:00:00Z' });
 * ```
 */
export function initialPaymentContext(input: PaymentInput | undefined): PaymentContext {
  return {
    paymentId: input?.paymentId ?? '',
    method: input?.method ?? 'online',
    amount: input?.amount ?? { amount: 0, currency: 'USD' },
    authorized: 0,
    captured: 0,
    refunded: 0,
    refundPending: 0,
    disputed: 0,
    providerRefs: [],
    reference: null,
    actionUrl: null,
    failure: null,
    createdAt: input?.at ?? '',
    authorizedAt: null,
    settledAt: null,
  };
}
