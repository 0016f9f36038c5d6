import * as z from 'zod';
import { Locale } from './locale.js';

const contact = {
  email: z.email({ error: 'email must be a valid e-mail address' }).optional(),
  /** E.164 phone number, e.g. `+989121234567`. */
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'phone must be an E.164 number such as +989121234567' }).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  locale: Locale.default('en'),
  /** Set for business customers (B2B): invoices are issued automatically once payment is confirmed. */
  company: z.strictObject({ name: z.string().trim().min(1).max(200), taxId: z.string().trim().max(50).optional() }).optional(),
};

/**
 * The person ordering: a guest or a signed-in account, reachable by email and/or phone.
 *
 * @example
 * ```ts
 * import { Customer } from 'ordermachine';
 * const guest = Customer.parse({ kind: 'guest', email: 'ivan@example.ru', locale: 'ru' });
 * ```
 */
export const Customer = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('guest'), ...contact }),
    z.strictObject({ kind: z.literal('account'), accountId: z.string().min(1).max(200), ...contact }),
  ])
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    error: 'a customer needs an email or a phone number',
    path: ['email'],
  });
/** The person ordering. */
export type Customer = z.infer<typeof Customer>;
/** What a caller passes for a customer (the locale may be left out and defaults to `en`). */
export type CustomerInput = z.input<typeof Customer>;
