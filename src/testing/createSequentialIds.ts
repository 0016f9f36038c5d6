/**
 * Creates a deterministic id generator: `prefix-1`, `prefix-2`, … (or zero-padded to `width`
 * digits, `prefix-0001`, so that ids sort in the order they were made, as storage lists them).
 * Each generator counts on its own; two generators with the same prefix give the same ids.
 *
 * @param prefix - what every id starts with (1–80 characters)
 * @param options - `width`: pad the number with zeros to this many digits (default: no padding)
 * @returns a function that returns the next id each time it is called
 * @throws RangeError when the prefix is empty or too long, or `width` is not a whole number 1–20
 * @example
 * ```ts
 * import { createMemoryStorage, createOrderEngine } from 'ordermachine';
 * import { createSequentialIds } from 'ordermachine/testing';
 *
 * const nextOrderId = createSequentialIds('order', { width: 4 });
 * const engine = createOrderEngine({ storage: createMemoryStorage() });
 * await engine.create({ orderId: nextOrderId(), currency: 'EUR' }); // 'order-0001'
 * await engine.create({ orderId: nextOrderId(), currency: 'EUR' }); // 'order-0002'
 * ```
 */
export function createSequentialIds(prefix: string, options: { readonly width?: number } = {}): () => string {
  if (typeof prefix !== 'string' || prefix.length === 0 || prefix.length > 80) {
    throw new RangeError(`createSequentialIds: the prefix must be a string of 1–80 characters, got ${JSON.stringify(prefix)}`);
  }
  const width = options.width ?? 1;
  if (!Number.isInteger(width) || width < 1 || width > 20) throw new RangeError(`createSequentialIds: width must be a whole number 1–20, got ${String(options.width)}`);
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}-${String(n).padStart(width, '0')}`;
  };
}
