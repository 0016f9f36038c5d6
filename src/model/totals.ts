import * as z from 'zod';
import type { CurrencyCode } from './currencies.js';
import type { LineItem } from './lineItem.js';
import { Money } from './money.js';

/**
 * The money summary of an order. Always `total = subtotal + shipping + tax − discount`.
 *
 * @example
 * ```ts
 * import { Totals } from 'ordermachine';
 * const t = Totals.parse({
 *   subtotal: { amount: 900, currency: 'EUR' }, shipping: { amount: 500, currency: 'EUR' },
 *   tax: { amount: 0, currency: 'EUR' }, discount: { amount: 0, currency: 'EUR' }, total: { amount: 1400, currency: 'EUR' },
 * });
 * ```
 */
export const Totals = z.strictObject({ subtotal: Money, shipping: Money, tax: Money, discount: Money, total: Money });
/** The money summary of an order. */
export type Totals = z.infer<typeof Totals>;

/**
 * Sums the lines of an order (quantity × unit price) in minor units.
 *
 * @param items - the order lines
 * @param currency - the order currency
 * @example
 * ```ts
 * import { subtotalOf } from 'ordermachine';
 * subtotalOf([], 'USD'); // { amount: 0, currency: 'USD' }
 * ```
 */
export function subtotalOf(items: readonly LineItem[], currency: CurrencyCode): Money {
  let amount = 0;
  for (const item of items) amount += item.quantity * item.unitPrice.amount;
  return { amount, currency };
}

/**
 * Computes the totals of an order; the result is negative-free only when the discount does not
 * exceed the rest, which callers check (`total` is `null` then).
 *
 * @param input - lines, shipping price, tax and discount, all in one currency
 * @example
 * ```ts
 * import { computeTotals, money } from 'ordermachine';
 * computeTotals({ items: [], currency: 'USD', shipping: money(500, 'USD'), tax: money(0, 'USD'), discount: money(0, 'USD') });
 * ```
 */
export function computeTotals(input: {
  items: readonly LineItem[];
  currency: CurrencyCode;
  shipping: Money;
  tax: Money;
  discount: Money;
}): Totals | null {
  const subtotal = subtotalOf(input.items, input.currency);
  const amount = subtotal.amount + input.shipping.amount + input.tax.amount - input.discount.amount;
  if (amount < 0) return null;
  return { subtotal, shipping: input.shipping, tax: input.tax, discount: input.discount, total: { amount, currency: input.currency } };
}
