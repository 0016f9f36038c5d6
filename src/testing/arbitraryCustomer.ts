import fc from 'fast-check';
import type { Customer } from '../model/customer.js';
import { Locale } from '../model/locale.js';
import { COUNTRIES, NAMES, SCRIPT_OF_LOCALE } from './addressBook.js';
import { arbitraryPerson } from './arbitraryPersonName.js';

/** Options of {@link arbitraryCustomer}. */
export interface ArbitraryCustomerOptions {
  /** The customer's language; default: any of en, fa, ru, bn. */
  readonly locale?: Locale;
  /** `guest` or `account`; default: either. */
  readonly kind?: Customer['kind'];
  /** `true`: always a business customer (B2B, with a company); `false`: never; default: now and then. */
  readonly company?: boolean;
  /** Which contacts the customer gives; default: an e-mail, a phone, or both. */
  readonly contact?: 'email' | 'phone' | 'both';
}

/**
 * A fast-check arbitrary of customers: guests and signed-in accounts, speaking English, Persian,
 * Russian or Bengali, named in their own script (سارا احمدی, Анна Смирнова, ফাতেমা রহমান), with an
 * e-mail address and/or an E.164 mobile number of their country, and now and then a company (B2B,
 * invoiced automatically). Every value passes the `Customer` schema.
 *
 * @param options - `locale`, `kind`, `company`, `contact`
 * @returns the arbitrary
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { Customer } from 'ordermachine';
 * import { arbitraryCustomer } from 'ordermachine/testing';
 *
 * fc.assert(fc.property(arbitraryCustomer({ locale: 'ru', company: true }), (c) => Customer.safeParse(c).success && c.company !== undefined));
 * ```
 */
export function arbitraryCustomer(options: ArbitraryCustomerOptions = {}): fc.Arbitrary<Customer> {
  const locale = options.locale === undefined ? fc.constantFrom(...Locale.options) : fc.constant(options.locale);
  return locale.chain((lang) => {
    const book = NAMES[lang];
    const countries = COUNTRIES[SCRIPT_OF_LOCALE[lang]];
    return fc
      .record({
        person: arbitraryPerson(lang),
        kind: options.kind === undefined ? fc.constantFrom<Customer['kind']>('guest', 'account') : fc.constant(options.kind),
        contact: options.contact === undefined ? fc.constantFrom('email', 'phone', 'both') : fc.constant(options.contact),
        named: fc.boolean().map((b) => b || options.company === true),
        b2b: options.company === undefined ? fc.nat({ max: 4 }).map((n) => n === 0) : fc.constant(options.company),
        company: fc.constantFrom(...book.companies),
        taxId: fc.option(fc.constantFrom(...book.taxIds), { freq: 2 }),
        domain: fc.constantFrom(...book.emailDomains),
        number: fc.option(fc.integer({ min: 1, max: 99 }), { freq: 2 }),
        country: fc.constantFrom(...countries),
        account: fc.integer({ min: 1000, max: 999_999 }),
        subscriber: fc.integer({ min: 0, max: 99_999_999 }),
      })
      .map((r): Customer => {
        const email = `${r.person.latin}${r.number ?? ''}@${r.domain}`;
        const phone = `${r.country.phonePrefixes[r.subscriber % r.country.phonePrefixes.length]}${String(r.subscriber).padStart(8, '0').slice(-r.country.subscriberDigits)}`;
        const contact = {
          ...(r.contact === 'phone' ? {} : { email }),
          ...(r.contact === 'email' ? {} : { phone }),
          ...(r.named || r.kind === 'account' ? { name: r.person.native } : {}),
          locale: lang,
          ...(r.b2b ? { company: { name: r.company, ...(r.taxId === null ? {} : { taxId: r.taxId }) } } : {}),
        };
        return r.kind === 'account' ? { kind: 'account', accountId: `acc-${r.account}`, ...contact } : { kind: 'guest', ...contact };
      });
  });
}
