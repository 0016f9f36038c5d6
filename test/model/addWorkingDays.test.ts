import { addBusinessDays } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, type Weekday } from '../../src/index.js';

const day = (y: number, m: number, d: number, h = 10) => new Date(y, m - 1, d, h);

describe('addWorkingDays — working days over a shop\'s own weekend', () => {
  it('with the default Saturday–Sunday weekend, agrees with date-fns addBusinessDays from any start', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.nat(60), (start, n) => {
        expect(addWorkingDays(start, n)).toEqual(addBusinessDays(start, n));
      }),
      { numRuns: 500 },
    );
  });

  it('skips only Friday for an Iranian shop, and Friday–Saturday in the Gulf', () => {
    const wednesday = day(2026, 4, 8);
    expect(addWorkingDays(wednesday, 3, [5])).toEqual(day(2026, 4, 12)); // Thu, Sat, Sun
    expect(addWorkingDays(wednesday, 3, [5, 6])).toEqual(day(2026, 4, 13)); // Thu, Sun, Mon
    expect(addWorkingDays(wednesday, 3)).toEqual(day(2026, 4, 13)); // Thu, Fri, Mon
  });

  it('never lands on a weekend day and counts exactly n working days, whatever the weekend', () => {
    const weekday = fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<Weekday>;
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 40 }), fc.uniqueArray(weekday, { maxLength: 6 }), (start, n, weekend) => {
        const end = addWorkingDays(start, n, weekend);
        expect(weekend).not.toContain(end.getDay());
        let worked = 0;
        for (const d = new Date(start); d < end; ) {
          d.setDate(d.getDate() + 1);
          if (!weekend.includes(d.getDay() as Weekday)) worked += 1;
        }
        expect(worked).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the days its TSDoc example says', () => {
    const thursday = new Date(2026, 2, 19, 10);
    expect(addWorkingDays(thursday, 2)).toEqual(new Date(2026, 2, 23, 10)); // Monday
    expect(addWorkingDays(thursday, 2, [5])).toEqual(new Date(2026, 2, 22, 10)); // Sunday: only Friday is off
  });

  it('refuses bad input with a typed error', () => {
    const start = day(2026, 4, 8);
    for (const [days, weekend] of [[-1, [0, 6]], [1.5, [0, 6]], [1, [7]], [1, [0, 1, 2, 3, 4, 5, 6]]] as const) {
      expect(() => addWorkingDays(start, days, weekend as readonly Weekday[])).toThrow(expect.objectContaining({ name: 'OrderMachineError', code: 'INVALID_OPTION' }));
    }
  });
});
