import { OrderMachineError } from '../errors.js';

/**
 * The calendar day an instant falls on in an IANA time zone, as a local-time `Date` at noon of that
 * day, so that date formatting in any process time zone prints the zone's day (a parcel shipped at
 * 23:30 UTC is shipped "tomorrow" in Tehran). Without a zone the instant is returned unchanged.
 *
 * @param instant - the moment to place on a calendar
 * @param timeZone - an IANA zone such as `Asia/Tehran`; `undefined` keeps the process zone
 * @returns a `Date` whose local year, month and day are the zone's
 * @throws OrderMachineError `INVALID_OPTION` when the zone is not a known IANA time zone
 * @example
 * ```ts
 * import { calendarDayIn } from 'ordermachine';
 * const day = calendarDayIn(new Date('2026-03-23T21:00:00Z'), 'Asia/Tehran');
 * day.getDate(); // 24 — already the next day in Tehran (UTC+3:30)
 * ```
 */
export function calendarDayIn(instant: Date, timeZone: string | undefined): Date {
  if (timeZone === undefined) return instant;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(instant);
  } catch {
    throw new OrderMachineError('INVALID_OPTION', `unknown time zone "${timeZone}" (expected an IANA zone such as "Asia/Tehran")`);
  }
  const part = (type: 'year' | 'month' | 'day') => Number(parts.find((p) => p.type === type)?.value);
  return new Date(part('year'), part('month') - 1, part('day'), 12);
}
