import type { Actor } from '../model/actor.js';
import type { Effect } from '../model/effects.js';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import type { OrderStatuses } from '../lifecycle/deriveOrderStatuses.js';
import type { StateChange } from '../lifecycle/results.js';

/**
 * Stock work an engine with an inventory adapter owes for an order. It is written in the same
 * commit as the change that asks for it (confirmation, cancellation, a parcel leaving), due at
 * once, and removed in the commit that records it done, so a crash in between leaves it due for
 * the next `runDue`. `key` names the task (`stock_reserve:<version>`, `stock_release:<version>`,
 * `stock_commit:<shipmentId>`); `at` is when it was asked for.
 */
export type StockTask =
  | { readonly kind: 'reserve'; readonly key: string; readonly at: string }
  | { readonly kind: 'release'; readonly key: string; readonly at: string }
  | { readonly kind: 'commit'; readonly key: string; readonly at: string; readonly shipmentId: string };

/**
 * Engine bookkeeping kept with the order: which durable deadlines have already fired, and the
 * stock work still owed. Store it as it is given (JSON) and hand it back unchanged.
 */
export interface TimerState {
  /** Keys of deadlines that fired (e.g. `'cart_reminder'`, `'late_shipment:o1-S1'`); each fires once. */
  readonly fired: readonly string[];
  /** Stock work not yet done, oldest first (only with an inventory adapter; absent when none is owed). */
  readonly stock?: readonly StockTask[];
}

/** An order as stored: the aggregate, its derived statuses (indexed columns) and its next deadline. */
export interface StoredOrder {
  readonly id: string;
  /** 1 after creation; +1 on every commit. */
  readonly version: number;
  readonly aggregate: OrderAggregate;
  /** Derived from the aggregate at commit time; stored as indexed columns so hosts can query them. */
  readonly statuses: OrderStatuses;
  readonly timers: TimerState;
  /** The earliest pending deadline (ISO 8601), or `null`; the timer sweep scans an index on it. */
  readonly nextDeadlineAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One append-only history row: who did what, which machines moved, when and why. */
export interface HistoryEntry {
  readonly orderId: string;
  /** The order's version after this commit; strictly increasing per order. */
  readonly seq: number;
  readonly at: string;
  readonly actor: Actor;
  readonly eventType: string;
  readonly event: unknown;
  readonly changes: readonly StateChange[];
  readonly reason: string | null;
  readonly correlationId: string | null;
  readonly idempotencyKey: string | null;
}

/** The delivery state of an outbox message. */
export type OutboxStatus = 'pending' | 'delivering' | 'delivered' | 'dead' | 'discarded';

/**
 * Which claim of an outbox message an ack or a failure is for: `attempt` is the message's
 * `attempts` and `leaseUntil` its `availableAt`, both as claimed; `at` is when it is reported.
 */
export interface OutboxClaim {
  readonly at: string;
  readonly attempt: number;
  /** The lease end the claim got (the claimed message's `availableAt`). Optional for callers; the relay always sends it. */
  readonly leaseUntil?: string;
}

/** An effect waiting in (or gone through) the outbox. */
export interface OutboxMessage {
  /** Storage-assigned id; increases in write order, so it also orders one order's messages. */
  readonly id: string;
  readonly orderId: string;
  /** A stable key per effect (`<orderId>:<version>:<index>`), handed to channels for de-duplication. */
  readonly dedupeKey: string;
  readonly effect: Effect;
  readonly status: OutboxStatus;
  /**
   * How many times the message has been claimed, the current claim included (0 while it waits
   * for its first). Counted at claim time, so a relay that crashes mid-send still uses up an
   * attempt and a message that keeps crashing relays ends up dead instead of looping.
   */
  readonly attempts: number;
  /** When it may next be tried: for a `delivering` message, when its lease runs out. */
  readonly availableAt: string;
  readonly lastError: string | null;
  readonly createdAt: string;
}

/**
 * Everything one decision writes, in one atomic commit: the new order (or a new order, when
 * `expectedVersion` is `null`), one history row, the outbox rows and the idempotency key.
 */
export interface CommitRequest {
  readonly orderId: string;
  /** The version the decision was made on; `null` creates the order, which must not exist yet. */
  readonly expectedVersion: number | null;
  readonly order: {
    readonly aggregate: OrderAggregate;
    readonly statuses: OrderStatuses;
    readonly timers: TimerState;
    readonly nextDeadlineAt: string | null;
  };
  /** Without `orderId` and `seq`, which the commit assigns (seq = the new version). */
  readonly history: Omit<HistoryEntry, 'orderId' | 'seq'> | null;
  /** Written as `pending`, available at `at`. */
  readonly outbox: readonly { readonly dedupeKey: string; readonly effect: Effect }[];
  /** Stored with the commit; a later commit with the same (order, key) must fail with `idempotency_key_taken`. */
  readonly idempotency: { readonly key: string; readonly result: unknown } | null;
  /** The commit time (the engine's clock), used for `updatedAt`, `createdAt` and outbox times. */
  readonly at: string;
}

/**
 * The outcome of a commit: written, or nothing written and why. When the idempotency key is taken
 * *and* the version is stale, the answer is `idempotency_key_taken`: the key proves the decision
 * was already made, so a retry on a fresh version would be wrong.
 */
export type CommitResult =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly reason: 'conflict'; readonly currentVersion: number | null }
  | { readonly ok: false; readonly reason: 'idempotency_key_taken'; readonly result: unknown };

/** Filters for `engine.list` and `StorageAdapter.list`; all given filters must match. */
export interface ListQuery {
  readonly orderState?: string;
  readonly paymentStatus?: string;
  readonly fulfilmentStatus?: string;
  readonly returnStatus?: string;
  readonly customerStatus?: string;
  /**
   * 1–1000, default 100. Anything else (0, 1001, 2.5) is a programming error: `engine.list` rejects
   * with an `OrderMachineError` coded `INVALID_OPTION` without asking the storage, and a storage
   * adapter's own `list` rejects with a `RangeError`.
   */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | null;
}

/** One page of orders, in id order. */
export interface ListPage {
  readonly items: readonly StoredOrder[];
  readonly nextCursor: string | null;
}

/** An order whose next deadline is due, claimed for a while by the caller. */
export interface DueOrder {
  readonly orderId: string;
  readonly version: number;
  readonly nextDeadlineAt: string;
}

/**
 * Where orders live. Small on purpose: one atomic `commit` per decision, reads, and the two
 * claim queues (due deadlines, outbox). The conformance suite in `ordermachine/testing`
 * (`describeStorageConformance`) defines what correct means; every adapter runs it.
 *
 * Times go in as ISO 8601 strings, are compared as instants (never as text), and come out in
 * `Date#toISOString()` form (UTC, milliseconds), whatever offset they went in with.
 */
export interface StorageAdapter {
  /** The order, or `null`. */
  load(orderId: string): Promise<StoredOrder | null>;
  /** Writes one decision atomically, or nothing (version conflict, taken idempotency key). */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** The stored result of an earlier commit with this idempotency key, or `undefined`. */
  findIdempotencyResult(orderId: string, key: string): Promise<unknown>;
  /**
   * History rows in `seq` order: those after `afterSeq` (an integer; default: from the first),
   * at most `limit` of them (a positive integer; default: all). An order without rows, or unknown,
   * has none. A non-integer `afterSeq` or a `limit` that is not a positive integer is a
   * programming error: the call rejects with a `RangeError`.
   */
  history(orderId: string, options?: { readonly afterSeq?: number; readonly limit?: number }): Promise<readonly HistoryEntry[]>;
  /** Orders matching the filters, by id, a page at a time. */
  list(query: ListQuery): Promise<ListPage>;
  /**
   * Claims up to `limit` orders whose `nextDeadlineAt <= now` and that nobody holds, most overdue
   * first: each is held until `now + leaseMs` (other callers skip it) or until a commit changes
   * the order. A crashed holder's lease runs out and the order is claimed again.
   */
  claimDue(now: string, options: { readonly limit: number; readonly leaseMs: number }): Promise<readonly DueOrder[]>;
  /**
   * Claims up to `limit` outbox messages, oldest first, that are `pending` with
   * `availableAt <= now` (or `delivering` with an expired lease), marking them `delivering` until
   * `now + leaseMs` (their new `availableAt`) and counting the attempt. Only the oldest
   * undelivered (`pending` or `delivering`) message of an order is ever claimable, so one order's
   * messages go out in order; `dead` and `discarded` messages do not hold back the ones after them.
   */
  claimOutbox(now: string, options: { readonly limit: number; readonly leaseMs: number }): Promise<readonly OutboxMessage[]>;
  /**
   * Marks a claimed message delivered. `claim.attempt` is the `attempts` of the message as the
   * caller claimed it (each claim counts one more): the message changes only if it is still
   * `delivering` under that claim, i.e. `delivering` with `attempts === claim.attempt`.
   * Otherwise the call does nothing and resolves: a repeated ack, or a late one from a holder
   * whose lease ran out and whose message another caller has claimed since, never decides for
   * the current holder or undoes another outcome. (A holder whose lease ran out while nobody
   * claimed the message since still holds the last claim, so its ack counts.) With
   * `claim.leaseUntil` (the message's `availableAt` as claimed), the message must also still
   * have that lease end: after `retryDeadLetter` restarts the count, a new claim can have the
   * same attempt number as a stalled holder from before, and only the lease tells them apart.
   * An `attempt` that is not a positive integer, or a `leaseUntil` that is not a time, is a
   * programming error: the call rejects with a `RangeError`.
   *
   * @example
   * ```ts
   * import type { StorageAdapter } from 'ordermachine';
   * declare const storage: StorageAdapter;
   * declare const now: string;
   * for (const message of await storage.claimOutbox(now, { limit: 10, leaseMs: 30_000 })) {
   *   // … send it …
   *   await storage.ackOutbox(message.id, { at: new Date().toISOString(), attempt: message.attempts, leaseUntil: message.availableAt });
   * }
   * ```
   */
  ackOutbox(id: string, claim: OutboxClaim): Promise<void>;
  /**
   * Records a failed attempt: back to `pending` at `retryAt`, or `dead` when `retryAt` is `null`.
   * Like `ackOutbox`, it changes the message only if it is `delivering` with
   * `attempts === failure.attempt` (and, when given, the lease end `failure.leaseUntil`: the
   * caller's claim); otherwise it does nothing and resolves, so a delivered message is never
   * resurrected and a holder whose lease ran out cannot put back a message another caller has
   * claimed since. `attempt` must be a positive integer (else a `RangeError`).
   *
   * @example
   * ```ts
   * import type { StorageAdapter } from 'ordermachine';
   * declare const storage: StorageAdapter;
   * declare const now: string;
   * const [message] = await storage.claimOutbox(now, { limit: 1, leaseMs: 30_000 });
   * if (message) {
   *   await storage.failOutbox(message.id, {
   *     error: 'SMTP 451: try again later',
   *     at: now,
   *     retryAt: new Date(Date.parse(now) + 60_000).toISOString(),
   *     attempt: message.attempts,
   *     leaseUntil: message.availableAt,
   *   });
   * }
   * ```
   */
  failOutbox(id: string, failure: OutboxClaim & { readonly error: string; readonly retryAt: string | null }): Promise<void>;
  /** Messages that gave up, oldest first; `limit` 1–1000, default 100 (else a `RangeError`). */
  listDeadLetters(options?: { readonly limit?: number }): Promise<readonly OutboxMessage[]>;
  /**
   * Puts a dead message back to `pending` at `at` with `attempts` reset to 0 (a fresh round of
   * retries; `lastError` stays for the record); `false` if it is not dead. Attempt numbers then
   * repeat, which is why acks and failures also name the lease end (`OutboxClaim.leaseUntil`).
   */
  retryDeadLetter(id: string, at: string): Promise<boolean>;
  /** Marks a dead message `discarded` (kept for the record, never sent); `false` if it is not dead. */
  discardDeadLetter(id: string, at: string): Promise<boolean>;
}
