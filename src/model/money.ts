import * as z from 'zod';
import { CURRENCY_CODES, currencyExponent, type CurrencyCode } from './currencies.js';

/**
 * An ISO 4217 currency code, validated.
 *
 * @example
 * ```ts
 * import { Currency } from 'ordermachine';
 * Currency.parse('EUR'); // 'EUR'
 * Currency.safeParse('EURO').success; // false: unknown currency "EURO": expected an ISO 4217 code such as "USD"
 * ```
 */
export const Currency = z.enum(CURRENCY_CODES, {
  error: (issue) => `unknown currency ${JSON.stringify(issue.input)}: expected an ISO 4217 code such as "USD"`,
});

/**
 * A non-negative whole number of minor units (cents, kopecks, poisha…); never a float.
 *
 * @example
 * ```ts
 * import { MinorUnits } from 'ordermachine';
 * MinorUnits.parse(1999); // $19.99 is 1999 cents
 * MinorUnits.safeParse(19.99).success; // false: amount must be a whole number of minor units (no fractions)
 * ```
 */
export const MinorUnits = z
  .number({ error: 'amount must be a number of minor units' })
  // `int()` also refuses numbers past Number.MAX_SAFE_INTEGER (code `too_big`): those are whole but not exact.
  .int({ error: (issue) => (issue.code === 'too_big' ? 'amount is too large to be exact' : 'amount must be a whole number of minor units (no fractions)') })
  .nonnegative({ error: 'amount must not be negative' });

/**
 * An amount of money: integer minor units plus an ISO 4217 currency.
 *
 * @example
 * ```ts
 * import { Money } from 'ordermachine';
 * const price = Money.parse({ amount: 1999, currency: 'USD' }); // $19.99
 * ```
 */
export const Money = z.strictObject({ amount: MinorUnits, currency: Currency });
/** An amount of money: integer minor units plus an ISO 4217 currency. */
export type Money = z.infer<typeof Money>;

/**
 * Builds a `Money` value, checking that the amount is a safe non-negative integer.
 *
 * @param amount - minor units (e.g. 1999 for $19.99)
 * @param currency - ISO 4217 code
 * @throws RangeError when the amount is fractional, negative or unsafe (a programming error, not input)
 * @example
 * ```ts
 * import { money } from 'ordermachine';
 * const shipping = money(500, 'EUR'); // €5.00
 * ```
 */
export function money(amount: number, currency: CurrencyCode): Money {
  if (!MinorUnits.safeParse(amount).success) {
    throw new RangeError(`money(): ${amount} is not a non-negative whole number of minor units`);
  }
  return { amount, currency };
}

/**
 * Adds amounts of one currency.
 *
 * @param currency - the currency every term must share
 * @param terms - amounts to add
 * @throws RangeError on a currency mismatch (callers validate currencies first)
 * @example
 * ```ts
 * import { addMoney, money } from 'ordermachine';
 * addMoney('USD', money(100, 'USD'), money(250, 'USD')); // { amount: 350, currency: 'USD' }
 * ```
 */
export function addMoney(currency: CurrencyCode, ...terms: readonly Money[]): Money {
  let amount = 0;
  for (const term of terms) {
    if (term.currency !== currency) throw new RangeError(`addMoney(): ${term.currency} is not ${currency}`);
    amount += term.amount;
  }
  return { amount, currency };
}

/**
 * Formats money for people with `Intl.NumberFormat`: the currency's ISO minor units, except that
 * a whole amount in a currency people count without fractions (CLDR: IRR, for instance) shows
 * none; in Persian the currency follows the number, as Iranian shops write it («۳٬۱۰۰٬۰۰۰ ریال»).
 *
 * @param value - the amount
 * @param locale - a BCP 47 locale such as `'en'`, `'fa-IR'`, `'ru'`, `'bn'`
 * @example
 * ```ts
 * import { formatMoney, money } from 'ordermachine';
 * formatMoney(money(1999, 'USD'), 'en'); // "$19.99"
 * formatMoney(money(310000000, 'IRR'), 'fa-IR'); // "۳٬۱۰۰٬۰۰۰ ریال"
 * ```
 */
export function formatMoney(value: Money, locale: string): string {
  const iso = currencyExponent(value.currency);
  const usual = new Intl.NumberFormat('en', { style: 'currency', currency: value.currency }).resolvedOptions().maximumFractionDigits ?? iso;
  const digits = usual < iso && value.amount % 10 ** iso === 0 ? usual : iso;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  const amount = value.amount / 10 ** iso;
  if (!locale.toLowerCase().startsWith('fa')) return format.format(amount);
  const parts = format.formatToParts(amount).filter((p) => p.type !== 'literal' || p.value.trim() !== '');
  const currency = parts.filter((p) => p.type === 'currency').map((p) => p.value).join('');
  const number = parts.filter((p) => p.type !== 'currency').map((p) => p.value).join('').replace(/[\u200e\u200f]/g, '').trim();
  return `${number} ${currency.replace(/[\u200e\u200f]/g, '').trim()}`;
}
