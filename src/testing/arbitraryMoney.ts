import fc from 'fast-check';
import { CURRENCY_CODES, currencyExponent, type CurrencyCode } from '../model/currencies.js';
import type { Money } from '../model/money.js';

/** Options of {@link arbitraryMoney}. */
export interface ArbitraryMoneyOptions {
  /** Only this currency; default: any ISO 4217 currency the library knows. */
  readonly currency?: CurrencyCode;
  /** Fewest minor units (default 0). */
  readonly min?: number;
  /** Most minor units; default 100 000 major units of the currency (10^exponent × 100 000). */
  readonly max?: number;
}

/**
 * A fast-check arbitrary of the currencies the library accepts (the ISO 4217 table, JPY and
 * KWD included).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { currencyExponent } from 'ordermachine';
 * import { arbitraryCurrency } from 'ordermachine/testing';
 * fc.assert(fc.property(arbitraryCurrency(), (code) => currencyExponent(code) <= 4));
 * ```
 */
export function arbitraryCurrency(): fc.Arbitrary<CurrencyCode> {
  return fc.constantFrom(...CURRENCY_CODES);
}

/**
 * A fast-check arbitrary of `Money`: whole minor units in a currency of the ISO 4217 table, sized
 * by the currency's exponent (up to 100 000 yen, 100 000.00 euros or 100 000.000 dinars by
 * default). Every value passes the `Money` schema.
 *
 * @param options - `currency` (default: any), `min` and `max` in minor units
 * @returns the arbitrary
 * @throws RangeError when `min`/`max` are not whole, non-negative and in order
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { Money } from 'ordermachine';
 * import { arbitraryMoney } from 'ordermachine/testing';
 *
 * fc.assert(fc.property(arbitraryMoney({ currency: 'JPY' }), (price) => Money.safeParse(price).success));
 * ```
 */
export function arbitraryMoney(options: ArbitraryMoneyOptions = {}): fc.Arbitrary<Money> {
  const currency = options.currency === undefined ? arbitraryCurrency() : fc.constant(options.currency);
  return currency.chain((code) => {
    const min = options.min ?? 0;
    const max = options.max ?? 10 ** currencyExponent(code) * 100_000;
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < min) {
      throw new RangeError(`arbitraryMoney: min ${String(options.min)} and max ${String(options.max)} must be whole numbers with 0 ≤ min ≤ max`);
    }
    return fc.integer({ min, max }).map((amount): Money => ({ amount, currency: code }));
  });
}
