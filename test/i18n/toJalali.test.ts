import { describe, expect, it } from 'vitest';
import { toJalali } from '../../src/index.js';

/** Noon local time, so that no time zone moves the calendar day. */
const day = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12);

describe('toJalali: Gregorian → Jalali (Solar Hijri) matches the official Iranian calendar', () => {
  it.each([
    // Nowruz, the first of Farvardin, on the days Iran celebrated it.
    [day(2026, 3, 21), { year: 1405, month: 1, day: 1 }],
    [day(2025, 3, 21), { year: 1404, month: 1, day: 1 }],
    [day(2024, 3, 20), { year: 1403, month: 1, day: 1 }],
    [day(2023, 3, 21), { year: 1402, month: 1, day: 1 }],
    [day(2016, 3, 20), { year: 1395, month: 1, day: 1 }],
    // The last day of a leap year (1403 has 30 Esfand) and of a common one (1402 ends on 29 Esfand).
    [day(2025, 3, 20), { year: 1403, month: 12, day: 30 }],
    [day(2024, 3, 19), { year: 1402, month: 12, day: 29 }],
    // Month boundaries: the first six months have 31 days, the next five 30.
    [day(2026, 9, 22), { year: 1405, month: 6, day: 31 }],
    [day(2026, 9, 23), { year: 1405, month: 7, day: 1 }],
    // Well-known dates.
    [day(1979, 2, 11), { year: 1357, month: 11, day: 22 }],
    [day(2000, 1, 1), { year: 1378, month: 10, day: 11 }],
    [day(2026, 3, 24), { year: 1405, month: 1, day: 4 }],
  ])('%s → %o', (date, expected) => {
    expect(toJalali(date)).toEqual(expected);
  });

  it('agrees with the Persian calendar of ICU (Intl) on every day from 1950 to 2100', () => {
    const icu = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', month: 'numeric', day: 'numeric' });
    const mismatches: string[] = [];
    for (let d = day(1950, 1, 1); d.getFullYear() <= 2100; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 12)) {
      const parts = Object.fromEntries(icu.formatToParts(d).map((p) => [p.type, p.value]));
      const expected = { year: Number.parseInt(parts.year ?? '', 10), month: Number(parts.month), day: Number(parts.day) };
      const actual = toJalali(d);
      if (actual.year !== expected.year || actual.month !== expected.month || actual.day !== expected.day) {
        mismatches.push(`${d.toDateString()}: ${JSON.stringify(actual)} vs ICU ${JSON.stringify(expected)}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('refuses an invalid date', () => {
    expect(() => toJalali(new Date(Number.NaN))).toThrow(RangeError);
  });
});
