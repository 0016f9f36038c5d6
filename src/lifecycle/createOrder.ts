import type { OrderInputRaw } from '../machines/order/context.js';
import type { OrderAggregate } from './aggregate.js';
import { defaultLifecycle } from './defaultLifecycle.js';
import type { InvalidInput } from './results.js';

/**
 * Starts an order in the `cart` state with its id, currency and any lines and customer known.
 *
 * @param input - `{ orderId, currency, items?, customer? }`
 * @param options - creation time
 * @returns the new aggregate, or an `INVALID` error naming the bad field
 * @example
 * ```ts
 * import { createOrder } from 'ordermachine';
 * const created = createOrder(
 *   { orderId: 'o-1001', currency: 'RUB', items: [{ lineId: 'l1', sku: 'TEA', name: 'Чай', quantity: 2, unitPrice: { amount: 45000, currency: 'RUB' } }] },
 *   { now: '2026-03-01T09:00:00Z' },
 * );
 * ```
 */
export function createOrder(
  input: OrderInputRaw,
  options: { now: Date | string },
): { ok: true; order: OrderAggregate } | { ok: false; error: InvalidInput } {
  return defaultLifecycle.createOrder(input, options);
}
