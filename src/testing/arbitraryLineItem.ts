import fc from 'fast-check';
import { currencyExponent, type CurrencyCode } from '../model/currencies.js';
import type { LineItem } from '../model/lineItem.js';
import { Locale } from '../model/locale.js';
import { PRODUCTS } from './addressBook.js';
import { arbitraryCurrency } from './arbitraryMoney.js';

/** Options of {@link arbitraryLineItem}. */
export interface ArbitraryLineItemOptions {
  /** The price's currency; default: any ISO 4217 currency. */
  readonly currency?: CurrencyCode;
  /** The language of the product name; default: any of en, fa, ru, bn. */
  readonly locale?: Locale;
  /** A fixed line id; default `l1`…`l99`. */
  readonly lineId?: string;
  /** Most units of the line (default 5). */
  readonly maxQuantity?: number;
}

/**
 * A fast-check arbitrary of order lines: a product from a small catalogue named in English,
 * Persian, Russian or Bengali (food is not returnable, goods are), 1–5 units, a unit price of
 * 1–5 000 major units of the currency in whole minor units, sometimes backorderable. Every value
 * passes the `LineItem` schema.
 *
 * @param options - `currency`, `locale`, `lineId`, `maxQuantity`
 * @returns the arbitrary
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { LineItem } from 'ordermachine';
 * import { arbitraryLineItem } from 'ordermachine/testing';
 *
 * fc.assert(fc.property(arbitraryLineItem({ currency: 'IRR', locale: 'fa' }), (line) => LineItem.safeParse(line).success));
 * ```
 */
export function arbitraryLineItem(options: ArbitraryLineItemOptions = {}): fc.Arbitrary<LineItem> {
  const maxQuantity = options.maxQuantity ?? 5;
  if (!Number.isInteger(maxQuantity) || maxQuantity < 1 || maxQuantity > 100_000) throw new RangeError(`arbitraryLineItem: maxQuantity must be a whole number 1–100000, got ${String(options.maxQuantity)}`);
  const currency = options.currency === undefined ? arbitraryCurrency() : fc.constant(options.currency);
  return fc
    .record({
      product: fc.constantFrom(...PRODUCTS),
      locale: options.locale === undefined ? fc.constantFrom(...Locale.options) : fc.constant(options.locale),
      lineId: options.lineId === undefined ? fc.integer({ min: 1, max: 99 }).map((n) => `l${n}`) : fc.constant(options.lineId),
      quantity: fc.integer({ min: 1, max: maxQuantity }),
      currency,
      major: fc.integer({ min: 1, max: 5_000 }),
      cents: fc.nat({ max: 99 }),
      backorderable: fc.boolean(),
    })
    .map(({ product, locale, lineId, quantity, currency: code, major, cents, backorderable }): LineItem => {
      const exponent = currencyExponent(code);
      // Prices end in .00, .50, .99…: a whole number of major units plus (when the currency has cents) a few.
      const minor = exponent === 0 ? major : major * 10 ** exponent + (cents % 10 ** exponent);
      return {
        lineId,
        sku: product.sku,
        name: product.name[locale],
        quantity,
        unitPrice: { amount: minor, currency: code },
        returnable: product.returnable,
        backorderable,
      };
    });
}
