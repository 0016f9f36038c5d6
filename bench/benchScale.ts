/** How much work each figure does in each mode of `npm run bench`. */
import { match } from 'ts-pattern';

/** `full` (by hand, results committed), `quick` (under a minute), `smoke` (seconds, for CI). */
export type BenchMode = 'full' | 'quick' | 'smoke';

/** The sizes of one run. */
export interface BenchScale {
  readonly mode: BenchMode;
  /** tinybench time per task and round, ms (pure figures). */
  readonly pureTimeMs: number;
  /** Rounds of ours-then-baseline; the median is reported. */
  readonly rounds: number;
  /** Orders per client and round whose whole lifecycle is sent (send figures). */
  readonly ordersPerClient: { readonly concurrency1: number; readonly concurrency16: number; readonly pglite: number };
  /** Events each of the 16 clients sends to the one contended order, per round. */
  readonly contendedOpsPerClient: number;
  /** Orders in the table for the growth figures: the small and the large size. */
  readonly scanSizes: readonly [number, number];
  /** Orders claimed per runDue batch and listed per page. */
  readonly scanBatch: number;
  /** Timed batches (and pages) per size. */
  readonly scanRepeats: number;
  /** Aggregates held for the heap figure (reported per 10,000). */
  readonly heapOrders: number;
  /** Child processes per side for the heap figure. */
  readonly heapRounds: number;
}

/**
 * The sizes for a mode.
 *
 * @param mode - full, quick or smoke
 * @example
 * ```ts
 * benchScale('quick').scanSizes; // [1_000, 10_000]
 * ```
 */
export function benchScale(mode: BenchMode): BenchScale {
  return match(mode)
    .returnType<BenchScale>()
    .with('full', () => ({
      mode,
      pureTimeMs: 1_500,
      rounds: 3,
      ordersPerClient: { concurrency1: 40, concurrency16: 8, pglite: 20 },
      contendedOpsPerClient: 25,
      scanSizes: [100_000, 1_000_000],
      scanBatch: 1_000,
      scanRepeats: 5,
      heapOrders: 10_000,
      heapRounds: 3,
    }))
    .with('quick', () => ({
      mode,
      pureTimeMs: 400,
      rounds: 2,
      ordersPerClient: { concurrency1: 6, concurrency16: 2, pglite: 4 },
      contendedOpsPerClient: 6,
      scanSizes: [1_000, 10_000],
      scanBatch: 100,
      scanRepeats: 3,
      heapOrders: 10_000,
      heapRounds: 1,
    }))
    .with('smoke', () => ({
      mode,
      pureTimeMs: 30,
      rounds: 1,
      ordersPerClient: { concurrency1: 1, concurrency16: 1, pglite: 1 },
      contendedOpsPerClient: 2,
      scanSizes: [200, 1_000],
      scanBatch: 20,
      scanRepeats: 1,
      heapOrders: 1_000,
      heapRounds: 1,
    }))
    .exhaustive();
}
