/** The last conversion: callers ask again and again for the same decision time (one `now` for a whole page of orders). */
let lastTime = Number.NaN;
let lastIso = '';

/**
 * `date.toISOString()`, remembering the last answer: the conversion is slow next to everything
 * else one decision does, and its result depends on the time value alone. An invalid date throws
 * the same `RangeError` as `toISOString`.
 *
 * @param date - the date to format
 * @internal
 */
export function toIso(date: Date): string {
  // A Date subclass may format itself its own way: ask it every time.
  if (Object.getPrototypeOf(date) !== Date.prototype) return date.toISOString();
  const time = date.getTime();
  if (time !== lastTime) {
    lastIso = date.toISOString();
    lastTime = time;
  }
  return lastIso;
}
