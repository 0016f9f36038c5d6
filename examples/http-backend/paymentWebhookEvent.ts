import { Money } from 'ordermachine';
import { match } from 'ts-pattern';
import * as z from 'zod';
import type { UncheckedEvent } from './UncheckedEvent.js';

/**
 * The payment provider's webhook body (a made-up provider shaped like the common ones): its own
 * event id, an event type, and the object it is about. Unknown extra fields are ignored, as
 * providers add fields over time.
 */
export const PaymentWebhookBody = z.object({
  /** The provider's event id: the same delivery retried carries the same id. */
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  data: z.object({
    orderId: z.string().min(1).max(100),
    paymentId: z.string().min(1).max(100),
    /** The provider's reference for the charge or refund. */
    reference: z.string().min(1).max(200).optional(),
    amount: Money.optional(),
    failureCode: z.string().min(1).max(100).optional(),
    message: z.string().max(2000).optional(),
    actionUrl: z.string().optional(),
  }),
});
/** The payment provider's webhook body. */
export type PaymentWebhookBody = z.infer<typeof PaymentWebhookBody>;

/**
 * The order event a provider notification stands for (not yet validated: `engine.send` checks it), or `null` for a type this shop does not
 * handle (acknowledge it, so the provider stops sending it, and write nothing). Fields the event
 * needs but the notification lacks are left out: the engine then answers `invalid` naming them.
 *
 * @param body - a verified, parsed webhook body
 * @returns the event to send as the `payment_provider` actor, or `null`
 * @example
 * ```ts
 * paymentWebhookEvent({ id: 'evt_1', type: 'payment.captured', data: { orderId: 'o-1', paymentId: 'o-1-P1', reference: 'ch_9', amount: { amount: 1400, currency: 'EUR' } } });
 * // { type: 'PAYMENT_CAPTURED', paymentId: 'o-1-P1', amount: { amount: 1400, currency: 'EUR' }, providerRef: 'ch_9' }
 * ```
 */
export function paymentWebhookEvent(body: PaymentWebhookBody): UncheckedEvent | null {
  const { paymentId, amount, reference: providerRef } = body.data;
  // Spread only what is there; a missing field is the core's to report.
  const fact = { paymentId, ...(amount ? { amount } : {}), ...(providerRef ? { providerRef } : {}) };
  return match(body.type)
    .returnType<UncheckedEvent | null>()
    .with('payment.authorized', () => ({ type: 'PAYMENT_AUTHORIZED', ...fact }))
    .with('payment.captured', () => ({ type: 'PAYMENT_CAPTURED', ...fact }))
    .with('refund.succeeded', () => ({ type: 'REFUND_SUCCEEDED', ...fact }))
    .with('payment.failed', () => ({
      type: 'PAYMENT_FAILED',
      paymentId,
      code: body.data.failureCode ?? 'unknown',
      ...(body.data.message ? { message: body.data.message } : {}),
    }))
    .with('refund.failed', () => ({ type: 'REFUND_FAILED', paymentId, code: body.data.failureCode ?? 'unknown', ...(amount ? { amount } : {}) }))
    .with('payment.requires_action', () => ({ type: 'PAYMENT_REQUIRES_ACTION', paymentId, ...(body.data.actionUrl ? { actionUrl: body.data.actionUrl } : {}) }))
    .otherwise(() => null);
}
