import { OrderMachineError } from '../errors.js';

/** A day of the week as `Date.getDay()` numbers it: 0 Sunday … 6 Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Saturday and Sunday, the default weekend (as date-fns `addBusinessDays` counts). Shops elsewhere
 * pass their own: Iran rests on Friday (`[5]`, or `[4, 5]` where Thursday is off too), most Gulf
 * states on Friday and Saturday (`[5, 6]`).
 *
 * @example
 * ```ts
 * import { addWorkingDays, SATURDAY_SUNDAY } from 'ordermachine';
 * addWorkingDays(new Date(2026, 2, 20), 1, SATURDAY_SUNDAY); // Friday → Monday 23 March
 * ```
 */
export const SATURDAY_SUNDAY: readonly Weekday[] = Object.freeze([6, 0] as const);

/**
 * Adds working days to a date, skipping the given weekend days (in the process time zone, like
 * date-fns). A start on a weekend day counts from the next working day (0 days: the start itself);
 * the time of day is kept.
 *
 * @param start - the first moment
 * @param days - how many working days later (a whole number, 0 or more)
 * @param weekend - the days that are not worked; default Saturday and Sunday
 * @returns the moment `days` working days after `start`
 * @throws OrderMachineError `INVALID_OPTION` for a negative or fractional `days`, a weekday outside
 *   0–6, or a weekend of all seven days
 * @example
 * ```ts
 * import { addWorkingDays } from 'ordermachine';
 * const thursday = new Date(2026, 2, 19, 10); // Thursday 19 March 2026, 10:00
 * addWorkingDays(thursday, 2); // Monday 23 March, 10:00 (Saturday and Sunday skipped)
 * addWorkingDays(thursday, 2, [5]); // Sunday 22 March, 10:00 (an Iranian shop, only Friday off: Saturday is day 1)
 * ```
 */
export function addWorkingDays(start: Date, days: number, weekend: readonly Weekday[] = SATURDAY_SUNDAY): Date {
  if (!Number.isInteger(days) || days < 0) throw new OrderMachineError('INVALID_OPTION', `working days must be a whole number of 0 or more, got ${days}`);
  const off = weekendSet(weekend);
  const result = new Date(start.getTime());
  let left = days;
  while (left > 0) {
    result.setDate(result.getDate() + 1);
    if (!off.has(result.getDay())) left -= 1;
  }
  return result;
}

/**
 * The weekend as a set of `Date.getDay()` numbers, checked: what `addWorkingDays` counts with.
 * Options that take a weekend call it up front, so a bad one fails when it is given, not at first use.
 *
 * @param weekend - the days that are not worked
 * @returns the days as a set
 * @throws OrderMachineError `INVALID_OPTION` for a weekday outside 0–6, or a weekend of all seven days
 * @internal
 */
export function weekendSet(weekend: readonly Weekday[]): ReadonlySet<number> {
  const off = new Set<number>(weekend);
  for (const day of off) {
    if (!Number.isInteger(day) || day < 0 || day > 6) throw new OrderMachineError('INVALID_OPTION', `weekend days are 0 (Sunday) to 6 (Saturday), got ${day}`);
  }
  if (off.size === 7) throw new OrderMachineError('INVALID_OPTION', 'a weekend of all seven days leaves no working day');
  return off;
}
