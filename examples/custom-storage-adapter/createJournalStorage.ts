import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommitRequest, CommitResult, DueOrder, HistoryEntry, ListPage, ListQuery, OutboxMessage, StorageAdapter, StoredOrder } from 'ordermachine';
import { createFileLock, type FileLockOptions } from './createFileLock.js';
import { emptyJournalState, foldJournalRecord, snapshotOf, type JournalOutboxRow, type JournalRecord, type JournalState } from './foldJournalRecord.js';

/** Options for {@link createJournalStorage}. */
export interface JournalStorageOptions {
  /** The directory holding `orders.jsonl` and its lock file; created if missing. */
  readonly directory: string;
  /** `fdatasync` after every append, so a commit that returned survives a power cut (default true). */
  readonly fsync?: boolean;
  /** How the cross-process lock treats a leftover lock file and how long it waits. */
  readonly lock?: FileLockOptions;
}

/** The journal store: a {@link StorageAdapter}, plus where it writes and how to compact it. */
export interface JournalStorage extends StorageAdapter {
  /** The journal file. */
  readonly file: string;
  /**
   * Rewrites the journal as one snapshot line (written to a temporary file, synced, then renamed
   * over the journal, so a crash leaves either the old journal or the new one). Other processes
   * notice the new file and read it from the start.
   */
  compact(): Promise<{ readonly bytesBefore: number; readonly bytesAfter: number }>;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const NEWLINE = 0x0a;

function instant(value: string, name: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be an ISO 8601 date-time, got ${JSON.stringify(value)}`);
  return ms;
}

const normalized = (value: string, name: string): string => new Date(instant(value, name)).toISOString();

function pageLimit(limit: number | undefined, name: string): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new RangeError(`${name} must be an integer from 1 to ${MAX_PAGE}, got ${String(limit)}`);
  return limit;
}

function claimOptions(options: { readonly limit: number; readonly leaseMs: number }, name: string): void {
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError(`${name}: limit must be a positive integer, got ${String(options.limit)}`);
  if (!Number.isFinite(options.leaseMs) || options.leaseMs <= 0) throw new RangeError(`${name}: leaseMs must be a positive number, got ${String(options.leaseMs)}`);
}

function claimAttempt(attempt: number, name: string): void {
  if (typeof attempt !== 'number' || !Number.isSafeInteger(attempt) || attempt < 1) {
    throw new RangeError(`${name}: attempt must be a positive integer, got ${String(attempt)}`);
  }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const copy = <T>(value: T): T => structuredClone(value);
const publicMessage = ({ seq: _seq, ...message }: JournalOutboxRow): OutboxMessage => copy(message);
const isMissing = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'ENOENT';

/** A promise chain: calls of one storage instance run one at a time, in call order. */
function createQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * A {@link StorageAdapter} written by a host: an append-only JSON-lines journal on the local file
 * system. Every decision (a commit, a claim, an ack…) is made under a lock file and appended as
 * one line; the store is the fold of all lines. Each instance keeps the fold in memory and, before
 * every operation, reads only the lines appended since — by itself or by any other process using
 * the same directory — so several processes on one machine share one store safely.
 *
 * Why it is correct: every operation runs "lock → catch up with the file → check (version,
 * idempotency key, claim) → append → unlock", so checks and writes of different callers never
 * interleave. A line is appended with one write and synced before the call returns; a process
 * that crashes mid-write leaves a line without its newline, which the next lock holder cuts off
 * (that call never returned, so nothing acknowledged is lost).
 *
 * It passes `describeStorageConformance` from `ordermachine/testing` unchanged, like the shipped
 * memory and PostgreSQL adapters.
 *
 * @param options - the directory, whether to sync, and the lock's patience
 * @returns the storage (nothing touches the disk until the first call)
 * @example
 * ```ts
 * import { createOrderEngine } from 'ordermachine';
 * import { createJournalStorage } from './createJournalStorage.js';
 *
 * const storage = createJournalStorage({ directory: '/var/lib/shop/orders' });
 * const engine = createOrderEngine({ storage });
 * await engine.create({ orderId: 'o-1', currency: 'EUR' });
 * // Now and then, e.g. nightly: shrink the journal to one snapshot line.
 * await storage.compact();
 * ```
 */
export function createJournalStorage(options: JournalStorageOptions): JournalStorage {
  const file = join(options.directory, 'orders.jsonl');
  const lock = createFileLock(join(options.directory, 'orders.lock'), options.lock);
  const fsync = options.fsync ?? true;
  const queue = createQueue();

  let state: JournalState = emptyJournalState();
  /** Bytes of the journal already folded into `state`, and which file (inode) they came from. */
  let offset = 0;
  let inode: number | null = null;
  let directoryReady = false;

  /** Folds the lines other processes (or a compaction) wrote since we last looked. Runs under the lock. */
  async function catchUp(): Promise<void> {
    let handle;
    try {
      handle = await open(file, 'r+');
    } catch (error) {
      if (!isMissing(error)) throw error;
      state = emptyJournalState();
      offset = 0;
      inode = null;
      return;
    }
    try {
      const info = await handle.stat();
      if (info.ino !== inode || info.size < offset) {
        // A new file (first read, or someone compacted): fold it from the start.
        state = emptyJournalState();
        offset = 0;
        inode = info.ino;
      }
      if (info.size === offset) return;
      const fresh = Buffer.alloc(info.size - offset);
      await handle.read(fresh, 0, fresh.length, offset);
      const complete = fresh.lastIndexOf(NEWLINE) + 1;
      const lines = fresh.subarray(0, complete).toString('utf8').split('\n');
      for (const [index, line] of lines.entries()) {
        if (line === '') continue;
        let record: JournalRecord;
        try {
          record = JSON.parse(line) as JournalRecord;
        } catch (error) {
          const damaged = new Error(`${file}: line ${index + 1} after byte ${offset} is not JSON; the journal is damaged`, { cause: error });
          // Part of the new lines is folded already: forget everything, so the next call starts over.
          state = emptyJournalState();
          offset = 0;
          inode = null;
          throw damaged;
        }
        foldJournalRecord(state, record);
      }
      if (complete < fresh.length) {
        // The tail of a write whose process died before finishing the line. We hold the lock, so
        // nobody is writing it now, and the caller of that write never got an answer: cut it off.
        await handle.truncate(offset + complete);
        if (fsync) await handle.datasync();
      }
      offset += complete;
    } finally {
      await handle.close();
    }
  }

  /** Appends one decided record and folds it (as parsed back, so the state shares no objects). */
  async function append(record: JournalRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const handle = await open(file, 'a');
    try {
      await handle.write(line);
      if (fsync) await handle.datasync();
      inode = (await handle.stat()).ino;
    } finally {
      await handle.close();
    }
    offset += Buffer.byteLength(line);
    foldJournalRecord(state, JSON.parse(line) as JournalRecord);
  }

  /** Runs `task` alone: first among this instance's calls, then across processes, on a state that is up to date. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    return queue(async () => {
      if (!directoryReady) {
        await mkdir(options.directory, { recursive: true });
        directoryReady = true;
      }
      const release = await lock.acquire();
      try {
        await catchUp();
        return await task();
      } finally {
        await release();
      }
    });
  }

  return {
    file,

    load: (orderId) =>
      exclusive(async () => {
        const order = state.orders.get(orderId);
        return order ? copy(order) : null;
      }),

    async commit(request: CommitRequest): Promise<CommitResult> {
      // Bad times throw before anything is locked or written.
      const at = normalized(request.at, 'at');
      const nextDeadlineAt = request.order.nextDeadlineAt === null ? null : normalized(request.order.nextDeadlineAt, 'order.nextDeadlineAt');
      const historyAt = request.history === null ? null : normalized(request.history.at, 'history.at');
      return exclusive(async () => {
        const keys = state.idempotency.get(request.orderId);
        if (request.idempotency !== null && keys?.has(request.idempotency.key)) {
          return { ok: false, reason: 'idempotency_key_taken', result: copy(keys.get(request.idempotency.key)) };
        }
        const existing = state.orders.get(request.orderId);
        const currentVersion = existing?.version ?? null;
        if (currentVersion !== request.expectedVersion) return { ok: false, reason: 'conflict', currentVersion };

        const version = (currentVersion ?? 0) + 1;
        const order: StoredOrder = {
          id: request.orderId,
          version,
          aggregate: request.order.aggregate,
          statuses: request.order.statuses,
          timers: request.order.timers,
          nextDeadlineAt,
          createdAt: existing?.createdAt ?? at,
          updatedAt: at,
        };
        const history: HistoryEntry | null =
          request.history === null || historyAt === null ? null : { ...request.history, orderId: request.orderId, seq: version, at: historyAt };
        const outbox = request.outbox.map(({ dedupeKey, effect }, index): JournalOutboxRow => {
          const seq = state.lastOutboxSeq + index + 1;
          return { seq, id: String(seq), orderId: request.orderId, dedupeKey, effect, status: 'pending', attempts: 0, availableAt: at, lastError: null, createdAt: at };
        });
        // JSON.stringify copies everything the caller passed: later edits of its objects change nothing here.
        await append({ kind: 'commit', order, history, outbox, idempotency: request.idempotency });
        return { ok: true, version };
      });
    },

    findIdempotencyResult: (orderId, key) =>
      exclusive(async () => {
        const keys = state.idempotency.get(orderId);
        return keys?.has(key) ? copy(keys.get(key)) : undefined;
      }),

    async history(orderId, historyOptions = {}) {
      const { afterSeq, limit } = historyOptions;
      if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) throw new RangeError(`history: limit must be a positive integer, got ${String(limit)}`);
      if (afterSeq !== undefined && !Number.isSafeInteger(afterSeq)) throw new RangeError(`history: afterSeq must be an integer, got ${String(afterSeq)}`);
      return exclusive(async () => {
        const rows = (state.histories.get(orderId) ?? []).filter((row) => afterSeq === undefined || row.seq > afterSeq);
        return copy(limit === undefined ? rows : rows.slice(0, limit));
      });
    },

    async list(query: ListQuery): Promise<ListPage> {
      const limit = pageLimit(query.limit, 'list: limit');
      const cursor = query.cursor ?? null;
      return exclusive(async () => {
        const matching = [...state.orders.values()]
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
      });
    },

    async claimDue(now, claim): Promise<readonly DueOrder[]> {
      claimOptions(claim, 'claimDue');
      const nowMs = instant(now, 'now');
      return exclusive(async () => {
        const due = [...state.orders.values()]
          .flatMap((order) => {
            if (order.nextDeadlineAt === null) return [];
            const deadline = Date.parse(order.nextDeadlineAt);
            const heldUntil = state.dueClaims.get(order.id);
            return deadline <= nowMs && (heldUntil === undefined || heldUntil <= nowMs) ? [{ order, deadline }] : [];
          })
          .sort((a, b) => a.deadline - b.deadline || byText(a.order.id, b.order.id))
          .slice(0, claim.limit)
          .map(({ order }): DueOrder => ({ orderId: order.id, version: order.version, nextDeadlineAt: order.nextDeadlineAt as string }));
        if (due.length > 0) await append({ kind: 'claim_due', orderIds: due.map((d) => d.orderId), until: new Date(nowMs + claim.leaseMs).toISOString() });
        return due;
      });
    },

    async claimOutbox(now, claim) {
      claimOptions(claim, 'claimOutbox');
      const nowMs = instant(now, 'now');
      return exclusive(async () => {
        const heads: JournalOutboxRow[] = [];
        for (const queued of state.outboxByOrder.values()) {
          const head = queued.find((row) => row.status === 'pending' || row.status === 'delivering');
          if (head && Date.parse(head.availableAt) <= nowMs) heads.push(head);
        }
        const claimed = heads.sort((a, b) => a.seq - b.seq).slice(0, claim.limit);
        if (claimed.length === 0) return [];
        await append({ kind: 'claim_outbox', ids: claimed.map((row) => row.id), until: new Date(nowMs + claim.leaseMs).toISOString() });
        return claimed.map((row) => publicMessage(state.outboxById.get(row.id) as JournalOutboxRow));
      });
    },

    async ackOutbox(id, claim) {
      instant(claim.at, 'at');
      claimAttempt(claim.attempt, 'ackOutbox');
      const lease = claim.leaseUntil === undefined ? null : normalized(claim.leaseUntil, 'leaseUntil');
      await exclusive(async () => {
        const row = state.outboxById.get(id);
        // The claim's attempt and, when named, its lease end (attempts restart when a dead letter is retried).
        if (row?.status === 'delivering' && row.attempts === claim.attempt && (lease === null || row.availableAt === lease)) await append({ kind: 'ack', id });
      });
    },

    async failOutbox(id, failure) {
      instant(failure.at, 'at');
      const retryAt = failure.retryAt === null ? null : normalized(failure.retryAt, 'retryAt');
      claimAttempt(failure.attempt, 'failOutbox');
      const lease = failure.leaseUntil === undefined ? null : normalized(failure.leaseUntil, 'leaseUntil');
      await exclusive(async () => {
        const row = state.outboxById.get(id);
        // Only the current claim decides: a holder whose lease ran out changes nothing.
        if (row?.status === 'delivering' && row.attempts === failure.attempt && (lease === null || row.availableAt === lease)) {
          await append({ kind: 'fail', id, error: failure.error, retryAt });
        }
      });
    },

    async listDeadLetters(deadOptions = {}) {
      const limit = pageLimit(deadOptions.limit, 'listDeadLetters: limit');
      return exclusive(async () =>
        [...state.outboxById.values()]
          .filter((row) => row.status === 'dead')
          .sort((a, b) => a.seq - b.seq)
          .slice(0, limit)
          .map(publicMessage),
      );
    },

    async retryDeadLetter(id, at) {
      const availableAt = normalized(at, 'at');
      return exclusive(async () => {
        if (state.outboxById.get(id)?.status !== 'dead') return false;
        await append({ kind: 'retry_dead', id, at: availableAt });
        return true;
      });
    },

    async discardDeadLetter(id, at) {
      instant(at, 'at');
      return exclusive(async () => {
        if (state.outboxById.get(id)?.status !== 'dead') return false;
        await append({ kind: 'discard_dead', id });
        return true;
      });
    },

    compact: () =>
      exclusive(async () => {
        const bytesBefore = offset;
        const line = `${JSON.stringify({ kind: 'snapshot', state: snapshotOf(state) } satisfies JournalRecord)}\n`;
        const temporary = `${file}.compacting-${process.pid}`;
        const handle = await open(temporary, 'w');
        try {
          await handle.write(line);
          if (fsync) await handle.sync();
        } finally {
          await handle.close();
        }
        // rename() replaces the journal atomically: readers see the old file or the new one, never a mix.
        await rename(temporary, file);
        if (fsync) {
          const directory = await open(options.directory, 'r');
          await directory.sync().finally(() => directory.close());
        }
        // Fold the new file from the start, exactly as another process will.
        inode = null;
        await catchUp();
        return { bytesBefore, bytesAfter: offset };
      }),
  };
}
