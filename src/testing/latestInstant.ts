/**
 * The latest ISO 8601 instant anywhere in a value (an order aggregate: when it was last touched),
 * in epoch milliseconds; `0` when it holds none. Walks of random events use it as the order's own
 * clock, so that what they do never depends on the wall clock.
 *
 * @param value - any plain JSON value
 * @param latest - the latest instant found so far
 * @internal
 */
export function latestInstant(value: unknown, latest = 0): number {
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
      const t = Date.parse(value);
      if (Number.isFinite(t) && t > latest) return t;
    }
    return latest;
  }
  if (typeof value !== 'object' || value === null) return latest;
  let out = latest;
  for (const v of Object.values(value)) out = latestInstant(v, out);
  return out;
}
