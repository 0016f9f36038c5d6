import type {
  CommitRequest,
  CommitResult,
  DueOrder,
  HistoryEntry,
  ListPage,
  ListQuery,
  OutboxClaim,
  OutboxMessage,
  StorageAdapter,
  StoredOrder,
} from '../../ports/StorageAdapter.js';

/** Options for {@link createMemoryStorage}. */
export interface MemoryStorageOptions {
  /**
   * How values are copied on the way in and out, so that callers never share objects with the
   * store. `'structured'` (the default) uses `structuredClone`. `'json'` round-trips through JSON
   * as a `jsonb` column does — `undefined` properties vanish, a `Date` turns into a string, a
   * function is an error — so tests on memory catch what PostgreSQL would change.
   */
  readonly copy?: 'structured' | 'json';
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An outbox row as kept here: the message plus its position in write order. */
interface OutboxRow extends Mutable<OutboxMessage> {
  readonly seq: number;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** Parses an ISO 8601 time to epoch milliseconds; a bad time is the caller's bug. */
function instant(value: string, name: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be an ISO 8601 date-time, got ${JSON.stringify(value)}`);
  return ms;
}

/** The one form times come out in, whatever offset they went in with (as `timestamptz` does). */
const normalized = (value: string, name: string): string => new Date(instant(value, name)).toISOString();
/** The lease end a claim names, normalised, or `null` when it names none. */
const leaseOf = (claim: OutboxClaim): string | null => (claim.leaseUntil === undefined ? null : normalized(claim.leaseUntil, 'leaseUntil'));

function pageLimit(limit: number | undefined, name: string): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new RangeError(`${name} must be an integer from 1 to ${MAX_PAGE}, got ${String(limit)}`);
  }
  return limit;
}

/** The `attempts` of a claimed message: a positive integer (else a `RangeError`). */
function claimAttempt(attempt: number, name: string): void {
  if (typeof attempt !== 'number' || !Number.isSafeInteger(attempt) || attempt < 1) {
    throw new RangeError(`${name}: attempt must be a positive integer, got ${String(attempt)}`);
  }
}

function claimOptions(options: { readonly limit: number; readonly leaseMs: number }, name: string): void {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new RangeError(`${name}: limit must be a positive integer, got ${String(options.limit)}`);
  }
  if (!Number.isFinite(options.leaseMs) || options.leaseMs <= 0) {
    throw new RangeError(`${name}: leaseMs must be a positive number, got ${String(options.leaseMs)}`);
  }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A {@link StorageAdapter} that keeps everything in this process's memory: the default for tests,
 * prototypes and the browser demo. It passes the same conformance suite as the PostgreSQL adapter
 * (`describeStorageConformance` in `ordermachine/testing`), so code tested on it behaves the same
 * in production; it simply forgets everything when the process ends and is not shared between
 * processes.
 *
 * Every method does its whole read-check-write synchronously, without awaiting in between, so
 * each call is atomic with respect to every other call, however many run concurrently. Values are
 * deep-copied on the way in and out: mutating what you passed or got back never changes the store.
 *
 * @param options - how values are copied (`copy: 'json'` to mimic a `jsonb` column)
 * @returns a fresh, empty storage
 * @example
 * ```ts
 * import { createMemoryStorage, createOrder, deriveOrderStatuses } from 'ordermachine';
 *
 * const storage = createMemoryStorage();
 * const at = '2026-03-01T09:00:00.000Z';
 * const created = createOrder({ orderId: 'o-1001', currency: 'EUR' }, { now: at });
 * if (created.ok) {
 *   const aggregate = created.order;
 *   const result = await storage.commit({
 *     orderId: 'o-1001',
 *     expectedVersion: null, // create: the order must not exist yet
 *     order: { aggregate, statuses: deriveOrderStatuses(aggregate), timers: { fired: [] }, nextDeadlineAt: null },
 *     history: null,
 *     outbox: [],
 *     idempotency: null,
 *     at,
 *   });
 *   console.log(result); // { ok: true, version: 1 }
 *   const carts = await storage.list({ orderState: 'cart' }); // { items: [the order], nextCursor: null }
 * }
 * ```
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): StorageAdapter {
  const copy: <T>(value: T) => T =
    options.copy === 'json'
      ? <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T))
      : <T>(value: T): T => structuredClone(value);

  const orders = new Map<string, StoredOrder>();
  const histories = new Map<string, HistoryEntry[]>();
  /** orderId → idempotency key → the stored result. */
  const idempotency = new Map<string, Map<string, unknown>>();
  /** orderId → epoch ms until which a `claimDue` caller holds it. */
  const dueClaims = new Map<string, number>();
  const outboxById = new Map<string, OutboxRow>();
  /** orderId → its outbox rows in write order. */
  const outboxByOrder = new Map<string, OutboxRow[]>();
  let lastOutboxSeq = 0;

  const publicMessage = (row: OutboxRow): OutboxMessage => {
    const { seq: _seq, ...message } = row;
    return copy(message);
  };

  return {
    async load(orderId) {
      const order = orders.get(orderId);
      return order ? copy(order) : null;
    },

    async commit(request: CommitRequest): Promise<CommitResult> {
      // Everything that can throw (bad times, uncloneable values) runs before anything is
      // written, so a throw leaves the store as it was.
      const at = normalized(request.at, 'at');
      const nextDeadlineAt = request.order.nextDeadlineAt === null ? null : normalized(request.order.nextDeadlineAt, 'order.nextDeadlineAt');
      const historyAt = request.history === null ? null : normalized(request.history.at, 'history.at');

      const keys = idempotency.get(request.orderId);
      if (request.idempotency !== null && keys?.has(request.idempotency.key)) {
        return { ok: false, reason: 'idempotency_key_taken', result: copy(keys.get(request.idempotency.key)) };
      }
      const existing = orders.get(request.orderId);
      const currentVersion = existing?.version ?? null;
      if (currentVersion !== request.expectedVersion) return { ok: false, reason: 'conflict', currentVersion };

      const version = (currentVersion ?? 0) + 1;
      const order: StoredOrder = {
        id: request.orderId,
        version,
        aggregate: copy(request.order.aggregate),
        statuses: copy(request.order.statuses),
        timers: copy(request.order.timers),
        nextDeadlineAt,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      const entry: HistoryEntry | null =
        request.history === null || historyAt === null ? null : { ...copy(request.history), orderId: request.orderId, seq: version, at: historyAt };
      const effects = request.outbox.map(({ dedupeKey, effect }) => ({ dedupeKey, effect: copy(effect) }));
      const result = request.idempotency === null ? undefined : copy(request.idempotency.result);

      orders.set(request.orderId, order);
      if (entry !== null) {
        const rows = histories.get(request.orderId) ?? [];
        rows.push(entry);
        histories.set(request.orderId, rows);
      }
      if (effects.length > 0) {
        const queue = outboxByOrder.get(request.orderId) ?? [];
        for (const { dedupeKey, effect } of effects) {
          const seq = ++lastOutboxSeq;
          const row: OutboxRow = {
            seq,
            id: String(seq),
            orderId: request.orderId,
            dedupeKey,
            effect,
            status: 'pending',
            attempts: 0,
            availableAt: at,
            lastError: null,
            createdAt: at,
          };
          queue.push(row);
          outboxById.set(row.id, row);
        }
        outboxByOrder.set(request.orderId, queue);
      }
      if (request.idempotency !== null) {
        const stored = keys ?? new Map<string, unknown>();
        stored.set(request.idempotency.key, result);
        idempotency.set(request.orderId, stored);
      }
      // The decision that held the claim has been made (or someone else's has): the order is
      // free for the next sweep, at its new deadline.
      dueClaims.delete(request.orderId);
      return { ok: true, version };
    },

    async findIdempotencyResult(orderId, key) {
      const keys = idempotency.get(orderId);
      return keys?.has(key) ? copy(keys.get(key)) : undefined;
    },

    async history(orderId, historyOptions = {}) {
      const { afterSeq, limit } = historyOptions;
      if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
        throw new RangeError(`history: limit must be a positive integer, got ${String(limit)}`);
      }
      if (afterSeq !== undefined && !Number.isSafeInteger(afterSeq)) throw new RangeError(`history: afterSeq must be an integer, got ${String(afterSeq)}`);
      const rows = (histories.get(orderId) ?? []).filter((row) => afterSeq === undefined || row.seq > afterSeq);
      return copy(limit === undefined ? rows : rows.slice(0, limit));
    },

    async list(query: ListQuery): Promise<ListPage> {
      const limit = pageLimit(query.limit, 'list: limit');
      const cursor = query.cursor ?? null;
      const matching = [...orders.values()]
        .filter(
          (order) =>
            (cursor === null || order.id > cursor) &&
            (query.orderState === undefined || order.statuses.order === query.orderState) &&
            (query.paymentStatus === undefined || order.statuses.payment === query.paymentStatus) &&
            (query.fulfilmentStatus === undefined || order.statuses.fulfilment === query.fulfilmentStatus) &&
            (query.returnStatus === undefined || order.statuses.returns === query.returnStatus) &&
            (query.customerStatus === undefined || order.statuses.customer === query.customerStatus),
        )
        .sort((a, b) => byText(a.id, b.id));
      const items = matching.slice(0, limit);
      const last = items[items.length - 1];
      return { items: copy(items), nextCursor: matching.length > limit && last ? last.id : null };
    },

    async claimDue(now, claim) {
      claimOptions(claim, 'claimDue');
      const nowMs = instant(now, 'now');
      const due = [...orders.values()]
        .flatMap((order) => {
          if (order.nextDeadlineAt === null) return [];
          const deadline = Date.parse(order.nextDeadlineAt);
          const heldUntil = dueClaims.get(order.id);
          return deadline <= nowMs && (heldUntil === undefined || heldUntil <= nowMs) ? [{ order, deadline }] : [];
        })
        .sort((a, b) => a.deadline - b.deadline || byText(a.order.id, b.order.id))
        .slice(0, claim.limit);
      return due.map(({ order }): DueOrder => {
        dueClaims.set(order.id, nowMs + claim.leaseMs);
        return { orderId: order.id, version: order.version, nextDeadlineAt: order.nextDeadlineAt as string };
      });
    },

    async claimOutbox(now, claim) {
      claimOptions(claim, 'claimOutbox');
      const nowMs = instant(now, 'now');
      const heads: OutboxRow[] = [];
      for (const queue of outboxByOrder.values()) {
        const head = queue.find((row) => row.status === 'pending' || row.status === 'delivering');
        if (head && Date.parse(head.availableAt) <= nowMs) heads.push(head);
      }
      const leaseEnd = new Date(nowMs + claim.leaseMs).toISOString();
      return heads
        .sort((a, b) => a.seq - b.seq)
        .slice(0, claim.limit)
        .map((row) => {
          row.status = 'delivering';
          row.attempts += 1;
          row.availableAt = leaseEnd;
          return publicMessage(row);
        });
    },

    async ackOutbox(id, claim) {
      instant(claim.at, 'at');
      claimAttempt(claim.attempt, 'ackOutbox');
      const lease = leaseOf(claim);
      const row = outboxById.get(id);
      if (row?.status === 'delivering' && row.attempts === claim.attempt && (lease === null || row.availableAt === lease)) row.status = 'delivered';
    },

    async failOutbox(id, failure) {
      instant(failure.at, 'at');
      const retryAt = failure.retryAt === null ? null : normalized(failure.retryAt, 'retryAt');
      claimAttempt(failure.attempt, 'failOutbox');
      const lease = leaseOf(failure);
      const row = outboxById.get(id);
      // Only the current claim decides: a holder whose lease ran out changes nothing.
      if (row?.status !== 'delivering' || row.attempts !== failure.attempt || (lease !== null && row.availableAt !== lease)) return;
      row.lastError = failure.error;
      if (retryAt === null) {
        row.status = 'dead';
      } else {
        row.status = 'pending';
        row.availableAt = retryAt;
      }
    },

    async listDeadLetters(deadOptions = {}) {
      const limit = pageLimit(deadOptions.limit, 'listDeadLetters: limit');
      return [...outboxById.values()]
        .filter((row) => row.status === 'dead')
        .sort((a, b) => a.seq - b.seq)
        .slice(0, limit)
        .map(publicMessage);
    },

    async retryDeadLetter(id, at) {
      const availableAt = normalized(at, 'at');
      const row = outboxById.get(id);
      if (row?.status !== 'dead') return false;
      row.status = 'pending';
      row.attempts = 0;
      row.availableAt = availableAt;
      return true;
    },

    async discardDeadLetter(id, at) {
      instant(at, 'at');
      const row = outboxById.get(id);
      if (row?.status !== 'dead') return false;
      row.status = 'discarded';
      return true;
    },
  };
}
