import * as z from 'zod';
import { Money } from './money.js';

/**
 * One line of an order: a SKU, a quantity and a unit price.
 *
 * @example
 * ```ts
 * import { LineItem } from 'ordermachine';
 * const line = LineItem.parse({ lineId: 'l1', sku: 'TEA-1', name: 'Green tea', quantity: 2, unitPrice: { amount: 450, currency: 'EUR' } });
 * ```
 */
export const LineItem = z.strictObject({
  lineId: z.string().min(1).max(100),
  sku: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(300),
  quantity: z.number().int({ error: 'quantity must be a whole number' }).positive({ error: 'quantity must be at least 1' }).max(100_000),
  unitPrice: Money,
  /** False for products the shop does not take back (hygiene items, custom-made goods…). */
  returnable: z.boolean().default(true),
  /** True when the line may be sold while out of stock and sourced later. */
  backorderable: z.boolean().default(false),
});
/** One line of an order. */
export type LineItem = z.infer<typeof LineItem>;
/** What a caller passes for a line (`returnable` and `backorderable` have defaults). */
export type LineItemInput = z.input<typeof LineItem>;

/**
 * A quantity of one order line, as used by shipments and returns.
 *
 * @example
 * ```ts
 * import { LineQuantity } from 'ordermachine';
 * const lines = LineQuantity.array().parse([{ lineId: 'l1', quantity: 2 }]);
 * LineQuantity.safeParse({ lineId: 'l1', quantity: 0 }).success; // false: quantity must be at least 1
 * ```
 */
export const LineQuantity = z.strictObject({
  lineId: z.string().min(1).max(100),
  quantity: z.number().int({ error: 'quantity must be a whole number' }).positive({ error: 'quantity must be at least 1' }),
});
/** A quantity of one order line. */
export type LineQuantity = z.infer<typeof LineQuantity>;
