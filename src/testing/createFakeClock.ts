import type { Clock } from '../engine/createOrderEngine.js';

/**
 * A span of time for {@link FakeClock.advance}: fixed lengths in milliseconds (a day is 24 hours,
 * a week 7 days; no months or years, whose length depends on the calendar).
 */
export interface ClockDuration {
  readonly weeks?: number;
  readonly days?: number;
  readonly hours?: number;
  readonly minutes?: number;
  readonly seconds?: number;
  readonly milliseconds?: number;
}

/** A clock a test moves by hand; pass it as the engine's (or the relay's) `clock`. */
export interface FakeClock extends Clock {
  /** The current instant, as a fresh `Date` (changing it does not move the clock). */
  now(): Date;
  /** Moves the clock forward by `by` (milliseconds, or a duration) and returns the new instant. */
  advance(by: number | ClockDuration): Date;
  /** Puts the clock at `to` (forward or back) and returns the new instant. */
  set(to: Date | string): Date;
}

/** The instant a fake clock starts at when none is given: 2026-03-01T09:00:00.000Z. */
const DEFAULT_START = '2026-03-01T09:00:00.000Z';

const UNIT_MS: Readonly<Record<keyof ClockDuration, number>> = {
  weeks: 7 * 24 * 3_600_000,
  days: 24 * 3_600_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
  milliseconds: 1,
};

function instant(value: Date | string, what: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: ${String(value)} is not a valid date`);
  return ms;
}

function lengthOf(by: number | ClockDuration): number {
  if (typeof by === 'number') return by;
  if (typeof by !== 'object' || by === null) return Number.NaN;
  let ms = 0;
  for (const [unit, value] of Object.entries(by)) {
    const size = UNIT_MS[unit as keyof ClockDuration];
    if (size === undefined) throw new RangeError(`FakeClock.advance: unknown unit "${unit}" (use weeks, days, hours, minutes, seconds, milliseconds)`);
    if (typeof value !== 'number') return Number.NaN;
    ms += value * size;
  }
  return ms;
}

/**
 * Creates a clock that stands still until the test moves it: `now()`, `advance(ms | duration)` and
 * `set(date)`. It fits the `clock` option of `createOrderEngine` and `createOutboxRelay`, so a test
 * can let an unpaid order expire or a feedback request fall due without sleeping. Time only moves
 * forward with `advance` (a negative or non-finite step is a `RangeError`); `set` may go anywhere.
 *
 * @param start - the first instant (a `Date` or an ISO 8601 string); default `2026-03-01T09:00:00.000Z`
 * @returns the clock
 * @throws RangeError when `start` is not a valid date
 * @example
 * ```ts
 * import { createMemoryStorage, createOrderEngine } from 'ordermachine';
 * import { createFakeClock } from 'ordermachine/testing';
 *
 * const clock = createFakeClock('2026-03-01T09:00:00Z');
 * const engine = createOrderEngine({ storage: createMemoryStorage(), clock });
 * clock.advance({ hours: 5 }); // an abandoned cart's reminder is due after 4 hours
 * const report = await engine.runDue(); // runs at clock.now()
 * ```
 */
export function createFakeClock(start: Date | string = DEFAULT_START): FakeClock {
  let t = instant(start, 'createFakeClock');
  return {
    now: () => new Date(t),
    advance(by) {
      const ms = lengthOf(by);
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`FakeClock.advance: ${JSON.stringify(by)} is not a forward step (use set() to go back)`);
      t += ms;
      return new Date(t);
    },
    set(to) {
      t = instant(to, 'FakeClock.set');
      return new Date(t);
    },
  };
}
