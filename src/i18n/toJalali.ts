/** A date in the Jalali (Solar Hijri) calendar, Iran's official calendar. */
export interface JalaliDate {
  /** Solar Hijri year, e.g. 1405. */
  readonly year: number;
  /** 1 (Farvardin) … 12 (Esfand). */
  readonly month: number;
  /** 1 … 31. */
  readonly day: number;
}

// The years in which the 33-year leap pattern of the Jalali calendar restarts (Borkowski's
// algorithm, as used by jalaali-js): a purely arithmetic 33- or 2820-year cycle drifts from the
// official (astronomical) calendar, this table does not within its range.
const BREAKS = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178] as const;
const FIRST_YEAR = BREAKS[0];
const LAST_YEAR = BREAKS[BREAKS.length - 1] as number;

const div = (a: number, b: number) => Math.trunc(a / b);
const mod = (a: number, b: number) => a - Math.trunc(a / b) * b;

/** For Jalali year `jy`: the day of March (Gregorian year jy + 621) on which 1 Farvardin falls, and years since the last leap year (0 = leap). */
function jalaliYear(jy: number): { march: number; sinceLeap: number } {
  const gy = jy + 621;
  let leapJ = -14;
  let jp: number = FIRST_YEAR;
  let jump = 0;
  for (let i = 1; i < BREAKS.length; i += 1) {
    const jm = BREAKS[i] as number;
    jump = jm - jp;
    if (jy < jm) break;
    leapJ += div(jump, 33) * 8 + div(mod(jump, 33), 4);
    jp = jm;
  }
  let n = jy - jp;
  leapJ += div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
  if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
  const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
  if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
  let sinceLeap = mod(mod(n + 1, 33) - 1, 4);
  if (sinceLeap === -1) sinceLeap = 4;
  return { march: 20 + leapJ - leapG, sinceLeap };
}

/**
 * Converts a date to the Jalali (Solar Hijri) calendar. It reads the calendar day of `date` in
 * local time, as date-fns `format` does, so the Jalali day always matches the Gregorian day shown
 * beside it.
 *
 * @param date - the day to convert
 * @returns the Jalali year, month (1 = Farvardin) and day
 * @throws RangeError for an invalid date or one outside the years the algorithm covers (Gregorian 561–3798)
 * @example
 * ```ts
 * import { toJalali } from 'ordermachine';
 * toJalali(new Date(2026, 2, 21)); // { year: 1405, month: 1, day: 1 }: Nowruz 1405
 * ```
 */
export function toJalali(date: Date): JalaliDate {
  const gy = date.getFullYear();
  const gm = date.getMonth();
  const gd = date.getDate();
  let jy = gy - 621;
  if (!Number.isFinite(gy) || jy < FIRST_YEAR + 1 || jy >= LAST_YEAR) {
    throw new RangeError(`toJalali(): ${String(date)} is outside the supported years`);
  }
  const year = jalaliYear(jy);
  // Days since 1 Farvardin of jy, counted in UTC so that daylight-saving shifts cannot skew them.
  let k = Math.round((Date.UTC(gy, gm, gd) - Date.UTC(gy, 2, year.march)) / 86_400_000);
  if (k >= 0) {
    // The first six months have 31 days.
    if (k <= 185) return { year: jy, month: 1 + div(k, 31), day: mod(k, 31) + 1 };
    k -= 186;
  } else {
    // Before Nowruz: the second half of the previous year, counted from 1 Mehr.
    jy -= 1;
    k += year.sinceLeap === 1 ? 180 : 179;
  }
  return { year: jy, month: 7 + div(k, 30), day: mod(k, 30) + 1 };
}
