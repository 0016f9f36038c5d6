import * as z from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A postal address in any script (Persian, Cyrillic, Bengali, Latin…).
 *
 * @example
 * ```ts
 * import { Address } from 'ordermachine';
 * const home = Address.parse({ name: 'Sara Ahmadi', line1: 'خیابان ولیعصر ۱۲', city: 'تهران', country: 'IR' });
 * ```
 */
export const Address = z.strictObject({
  name: text(200),
  line1: text(300),
  line2: text(300).optional(),
  city: text(120),
  region: text(120).optional(),
  postalCode: text(20).optional(),
  /** ISO 3166-1 alpha-2 country code, upper case. */
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'country must be an ISO 3166-1 alpha-2 code such as "IR"' }),
  phone: text(40).optional(),
});
/** A postal address. */
export type Address = z.infer<typeof Address>;
