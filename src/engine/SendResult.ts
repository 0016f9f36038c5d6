import type { Effect } from '../model/effects.js';
import type { InvalidInput, Rejection, StateChange } from '../lifecycle/results.js';
import type { StoredOrder } from '../ports/StorageAdapter.js';

/** What the engine remembers of an applied event under its idempotency key: the first outcome. */
export interface AppliedRecord {
  readonly status: 'applied';
  readonly version: number;
  readonly eventType: string;
  /** The effects written to the outbox (those the `applied` result listed). */
  readonly effects: readonly Effect[];
  readonly changes: readonly StateChange[];
  /** The event's amount (minor units), so a repeated provider fact can be compared with the first. */
  readonly amount: number | null;
}

/**
 * The outcome of `engine.send`: expected outcomes are values, never throws.
 * - `applied`: committed; the new stored order, exactly the effects written to the outbox (with an
 *   inventory adapter without `reserve_stock` / `release_stock`, which the engine does itself),
 *   what changed. Each effect's outbox `dedupeKey` is `<orderId>:<version>:<index>`, its index
 *   among all the effects of the decision (so with an inventory adapter the indexes can have gaps).
 * - `rejected` / `forbidden`: the order refused the event (see `error.reason`); nothing written.
 * - `invalid`: malformed event or options; nothing written.
 * - `duplicate`: this idempotency key (or this provider fact) was applied before: the first outcome.
 * - `conflict`: a stale `expectedVersion`, a provider reference reported again with another
 *   amount (recorded in the history), or too many concurrent writers.
 * - `not_found`: no order with this id.
 */
export type SendResult =
  | { readonly status: 'applied'; readonly order: StoredOrder; readonly effects: readonly Effect[]; readonly changes: readonly StateChange[] }
  | { readonly status: 'rejected' | 'forbidden'; readonly error: Rejection }
  | { readonly status: 'invalid'; readonly error: InvalidInput }
  | { readonly status: 'duplicate'; readonly first: AppliedRecord }
  | {
      readonly status: 'conflict';
      readonly reason: 'stale_version' | 'provider_reference_mismatch' | 'too_many_conflicts';
      readonly currentVersion: number | null;
      readonly message: string;
    }
  | { readonly status: 'not_found'; readonly orderId: string };

/** The outcome of `engine.create`. */
export type CreateResult =
  | { readonly status: 'created'; readonly order: StoredOrder }
  | { readonly status: 'invalid'; readonly error: InvalidInput }
  | { readonly status: 'conflict'; readonly reason: 'exists'; readonly currentVersion: number | null; readonly message: string };

/** What one `runDue` sweep did. */
export interface RunDueReport {
  /**
   * Deadlines whose event was applied, and stock work done (with an inventory adapter: work the
   * `send` that asked for it could not finish). For stock work `key` is the task's key and
   * `eventType` the reservation's answer (`STOCK_RESERVED`, `STOCK_UNAVAILABLE`, `PUT_ON_HOLD`),
   * `release_stock` or `commit_stock`.
   */
  readonly fired: readonly { readonly orderId: string; readonly key: string; readonly eventType: string }[];
  /** Deadlines whose event the order refused, and stock work the order no longer wanted (recorded, and not tried again). */
  readonly skipped: readonly { readonly orderId: string; readonly key: string; readonly reason: string }[];
}
