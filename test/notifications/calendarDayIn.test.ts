import { describe, expect, it } from 'vitest';
import { calendarDayIn } from '../../src/index.js';

describe('calendarDayIn — the day an instant falls on in a time zone', () => {
  it('moves late-evening UTC instants to the next day east of UTC, and earlier ones west of it', () => {
    const instant = new Date('2026-03-23T21:00:00Z');
    const tehran = calendarDayIn(instant, 'Asia/Tehran'); // 00:30 on the 24th
    expect([tehran.getFullYear(), tehran.getMonth(), tehran.getDate()]).toEqual([2026, 2, 24]);
    const honolulu = calendarDayIn(new Date('2026-01-01T05:00:00Z'), 'Pacific/Honolulu'); // 19:00 on 31 December
    expect([honolulu.getFullYear(), honolulu.getMonth(), honolulu.getDate()]).toEqual([2025, 11, 31]);
  });

  it('returns the instant itself without a zone', () => {
    const instant = new Date('2026-03-23T21:00:00Z');
    expect(calendarDayIn(instant, undefined)).toBe(instant);
  });

  it('refuses an unknown zone with a typed error', () => {
    expect(() => calendarDayIn(new Date(), 'Asia/Atlantis')).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
