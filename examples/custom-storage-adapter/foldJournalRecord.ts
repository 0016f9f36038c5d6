import type { HistoryEntry, OutboxMessage, StoredOrder } from 'ordermachine';
import { match } from 'ts-pattern';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An outbox message as the journal keeps it: the message plus its position in write order. */
export interface JournalOutboxRow extends Mutable<OutboxMessage> {
  readonly seq: number;
}

/** Everything the journal holds once its lines are folded, as plain JSON (what a snapshot line stores). */
export interface JournalSnapshot {
  readonly orders: readonly StoredOrder[];
  readonly history: readonly HistoryEntry[];
  readonly idempotency: readonly { readonly orderId: string; readonly key: string; readonly result?: unknown }[];
  /** Orders held by a `claimDue` caller, and until when (ISO 8601). */
  readonly dueClaims: readonly { readonly orderId: string; readonly until: string }[];
  /** Outbox messages that can still change or be read (delivered and discarded ones are dropped). */
  readonly outbox: readonly JournalOutboxRow[];
  readonly lastOutboxSeq: number;
}

/**
 * One line of the journal: a decision already made under the lock. Folding a record never
 * checks anything again — the writer decided, and wrote only what changes the store.
 */
export type JournalRecord =
  | {
      readonly kind: 'commit';
      readonly order: StoredOrder;
      readonly history: HistoryEntry | null;
      readonly outbox: readonly JournalOutboxRow[];
      readonly idempotency: { readonly key: string; readonly result?: unknown } | null;
    }
  | { readonly kind: 'claim_due'; readonly orderIds: readonly string[]; readonly until: string }
  | { readonly kind: 'claim_outbox'; readonly ids: readonly string[]; readonly until: string }
  | { readonly kind: 'ack'; readonly id: string }
  | { readonly kind: 'fail'; readonly id: string; readonly error: string; readonly retryAt: string | null }
  | { readonly kind: 'retry_dead'; readonly id: string; readonly at: string }
  | { readonly kind: 'discard_dead'; readonly id: string }
  | { readonly kind: 'snapshot'; readonly state: JournalSnapshot };

/** The store as folded from the journal: what every read and every decision looks at. */
export interface JournalState {
  readonly orders: Map<string, StoredOrder>;
  readonly histories: Map<string, HistoryEntry[]>;
  /** orderId → idempotency key → the stored result. */
  readonly idempotency: Map<string, Map<string, unknown>>;
  /** orderId → epoch ms until which a `claimDue` caller holds it. */
  readonly dueClaims: Map<string, number>;
  readonly outboxById: Map<string, JournalOutboxRow>;
  /** orderId → its outbox rows in write order. */
  readonly outboxByOrder: Map<string, JournalOutboxRow[]>;
  lastOutboxSeq: number;
}

/**
 * An empty store: what a missing or empty journal folds to.
 *
 * @returns a fresh state with nothing in it
 * @example
 * ```ts
 * const state = emptyJournalState();
 * state.orders.size; // 0
 * ```
 */
export function emptyJournalState(): JournalState {
  return {
    orders: new Map(),
    histories: new Map(),
    idempotency: new Map(),
    dueClaims: new Map(),
    outboxById: new Map(),
    outboxByOrder: new Map(),
    lastOutboxSeq: 0,
  };
}

function addOutboxRow(state: JournalState, row: JournalOutboxRow): void {
  state.outboxById.set(row.id, row);
  const queue = state.outboxByOrder.get(row.orderId) ?? [];
  queue.push(row);
  state.outboxByOrder.set(row.orderId, queue);
  state.lastOutboxSeq = Math.max(state.lastOutboxSeq, row.seq);
}

function remember(state: JournalState, orderId: string, key: string, result: unknown): void {
  const keys = state.idempotency.get(orderId) ?? new Map<string, unknown>();
  keys.set(key, result);
  state.idempotency.set(orderId, keys);
}

/**
 * Folds one journal line into the state, in place. The record was parsed from the file, so the
 * state never shares objects with a caller of the storage.
 *
 * @param state - the state folded so far
 * @param record - the next line of the journal, parsed
 * @example
 * ```ts
 * const state = emptyJournalState();
 * foldJournalRecord(state, { kind: 'claim_due', orderIds: ['o-1'], until: '2026-03-01T09:00:30.000Z' });
 * state.dueClaims.get('o-1'); // the lease's end, in epoch milliseconds
 * ```
 */
export function foldJournalRecord(state: JournalState, record: JournalRecord): void {
  const row = (id: string): JournalOutboxRow | undefined => state.outboxById.get(id);
  match(record)
    .with({ kind: 'commit' }, ({ order, history, outbox, idempotency }) => {
      state.orders.set(order.id, order);
      if (history !== null) {
        const rows = state.histories.get(order.id) ?? [];
        rows.push(history);
        state.histories.set(order.id, rows);
      }
      for (const message of outbox) addOutboxRow(state, message);
      if (idempotency !== null) remember(state, order.id, idempotency.key, idempotency.result);
      // A commit releases the order from whichever sweep held it.
      state.dueClaims.delete(order.id);
    })
    .with({ kind: 'claim_due' }, ({ orderIds, until }) => {
      for (const orderId of orderIds) state.dueClaims.set(orderId, Date.parse(until));
    })
    .with({ kind: 'claim_outbox' }, ({ ids, until }) => {
      for (const message of ids.flatMap((id) => row(id) ?? [])) {
        message.status = 'delivering';
        message.attempts += 1;
        message.availableAt = until;
      }
    })
    .with({ kind: 'ack' }, ({ id }) => {
      const message = row(id);
      if (message) message.status = 'delivered';
    })
    .with({ kind: 'fail' }, ({ id, error, retryAt }) => {
      const message = row(id);
      if (!message) return;
      message.lastError = error;
      message.status = retryAt === null ? 'dead' : 'pending';
      if (retryAt !== null) message.availableAt = retryAt;
    })
    .with({ kind: 'retry_dead' }, ({ id, at }) => {
      const message = row(id);
      if (!message) return;
      message.status = 'pending';
      message.attempts = 0;
      message.availableAt = at;
    })
    .with({ kind: 'discard_dead' }, ({ id }) => {
      const message = row(id);
      if (message) message.status = 'discarded';
    })
    .with({ kind: 'snapshot' }, ({ state: snapshot }) => {
      for (const order of snapshot.orders) state.orders.set(order.id, order);
      for (const entry of snapshot.history) {
        const rows = state.histories.get(entry.orderId) ?? [];
        rows.push(entry);
        state.histories.set(entry.orderId, rows);
      }
      for (const { orderId, key, result } of snapshot.idempotency) remember(state, orderId, key, result);
      for (const { orderId, until } of snapshot.dueClaims) state.dueClaims.set(orderId, Date.parse(until));
      for (const message of snapshot.outbox) addOutboxRow(state, message);
      state.lastOutboxSeq = Math.max(state.lastOutboxSeq, snapshot.lastOutboxSeq);
    })
    .exhaustive();
}

/**
 * The state as one snapshot, leaving out what can no longer change or be read: delivered and
 * discarded outbox messages (an ack or a failure of a missing message does nothing, exactly as it
 * does for a delivered one). Due claims are kept: whether a lease is over depends on the `now`
 * of the next caller, not on the clock at compaction.
 *
 * @param state - the folded state
 * @returns the snapshot to write as the single line of a compacted journal
 * @example
 * ```ts
 * const snapshot = snapshotOf(emptyJournalState());
 * snapshot.orders.length; // 0
 * ```
 */
export function snapshotOf(state: JournalState): JournalSnapshot {
  return {
    orders: [...state.orders.values()],
    history: [...state.histories.values()].flat(),
    idempotency: [...state.idempotency].flatMap(([orderId, keys]) => [...keys].map(([key, result]) => ({ orderId, key, result }))),
    dueClaims: [...state.dueClaims].map(([orderId, until]) => ({ orderId, until: new Date(until).toISOString() })),
    outbox: [...state.outboxById.values()].filter((row) => row.status !== 'delivered' && row.status !== 'discarded').sort((a, b) => a.seq - b.seq),
    lastOutboxSeq: state.lastOutboxSeq,
  };
}
