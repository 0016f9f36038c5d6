/**
 * The PostgreSQL storage adapter: one SQL statement per operation, on a `pg` Pool, a `pg`
 * Client / PoolClient (possibly inside the host's own transaction) or a PGlite instance.
 *
 * @module
 */
import type { Actor } from '../../model/actor.js';
import type { Effect } from '../../model/effects.js';
import type { OrderAggregate } from '../../lifecycle/aggregate.js';
import type { OrderStatuses } from '../../lifecycle/deriveOrderStatuses.js';
import type { StateChange } from '../../lifecycle/results.js';
import type {
  CommitRequest,
  DueOrder,
  HistoryEntry,
  OutboxMessage,
  OutboxStatus,
  StorageAdapter,
  StoredOrder,
  TimerState,
} from '../../ports/StorageAdapter.js';
import type { SqlClient } from '../../postgres/migrate.js';
import { DEFAULT_SCHEMA, quoteSchema } from '../../postgres/schema.js';
import { createStatementRunner, type Row } from './createStatementRunner.js';
import { bind, buildStatements, type CommitParam, type Compiled, type Statements } from './sql.js';

/**
 * Options for {@link createPostgresStorage}.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStorage, type PostgresStorageOptions } from 'ordermachine/postgres';
 *
 * const options: PostgresStorageOptions = {
 *   db: new pg.Pool({ connectionString: process.env.DATABASE_URL }),
 *   schema: 'shop',
 * };
 * const storage = createPostgresStorage(options);
 * ```
 */
export interface PostgresStorageOptions {
  /**
   * Where the statements run: a `pg` `Pool`, a `pg` `Client` or `PoolClient`, a PGlite
   * instance, or a PGlite transaction (`tx` inside `db.transaction(...)`). Every operation is
   * one SQL statement, so a handle that is inside a transaction (a `PoolClient` after `BEGIN`,
   * a PGlite `tx`) makes every write part of that transaction.
   */
  readonly db: SqlClient;
  /**
   * The PostgreSQL schema holding the tables that {@link migrate} created; default
   * `ordermachine`. Must be 1-63 lower-case letters, digits or `_`, not starting with a digit
   * or `pg_`.
   */
  readonly schema?: string;
  /**
   * Run the statements of `engine.send` (load, commit, and the idempotency lookup of a refused or
   * stale send) as prepared statements, parsed and planned once per connection: `pg`'s named statements on a `pg`
   * Pool / Client / PoolClient, SQL `PREPARE` / `EXECUTE` on a PGlite instance. Default `true`.
   * Set `false` behind a connection pooler that does not keep prepared statements per client
   * (e.g. PgBouncer in transaction mode before 1.21). Other handles (a PGlite `tx`, your own
   * `SqlClient`) always get plain `query(text, params)`.
   */
  readonly prepare?: boolean;
}

/**
 * A {@link StorageAdapter} over PostgreSQL, plus {@link PostgresStorage.withClient} to run it
 * on another connection (typically one inside the host's own transaction).
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresStorage, migrate, type PostgresStorage } from 'ordermachine/postgres';
 *
 * const db = await PGlite.create();
 * await migrate(db);
 * const storage: PostgresStorage = createPostgresStorage({ db });
 * console.log(storage.schema); // 'ordermachine'
 * ```
 */
export interface PostgresStorage extends StorageAdapter {
  /** The schema name the tables live in. */
  readonly schema: string;
  /**
   * The same storage (same schema) running its statements on `db` instead: pass a connection
   * that is inside your transaction, and an order commit becomes part of it — it commits
   * or rolls back together with your own rows.
   *
   * Every operation is a single statement, so nothing here opens, commits or rolls back a
   * transaction, and no savepoint is needed: an outcome the port expects (a version conflict,
   * a taken idempotency key) is detected inside the statement and never raises an SQL
   * error, so it never aborts your transaction. A real SQL error (a lost connection, an
   * outbox `dedupeKey` used twice, a constraint you added) does abort it, as any failed
   * statement would; the commit then wrote nothing.
   *
   * Inside a transaction, row locks taken by a commit or a claim are held until you commit.
   *
   * @param db - a `pg` `PoolClient` / `Client` after `BEGIN`, or PGlite's `tx`.
   * @returns A storage bound to `db`; the original is unchanged.
   *
   * @example
   * ```ts
   * import pg from 'pg';
   * import type { CommitRequest } from 'ordermachine';
   * import { createPostgresStorage } from 'ordermachine/postgres';
   *
   * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
   * const storage = createPostgresStorage({ db: pool });
   * declare const request: CommitRequest;
   *
   * const client = await pool.connect();
   * try {
   *   await client.query('begin');
   *   const result = await storage.withClient(client).commit(request);
   *   if (!result.ok) throw new Error(result.reason);
   *   await client.query('insert into invoices (order_id) values ($1)', [request.orderId]);
   *   await client.query('commit');
   * } catch (error) {
   *   await client.query('rollback');
   *   throw error;
   * } finally {
   *   client.release();
   * }
   * ```
   */
  withClient(db: SqlClient): PostgresStorage;
}

/**
 * Keep orders in PostgreSQL: a {@link StorageAdapter} over the tables that {@link migrate}
 * creates, for a `pg` Pool / Client / PoolClient or an `@electric-sql/pglite` instance.
 *
 * - Every operation is **one SQL statement** (one round trip). A commit writes the order
 *   (version-checked update, or insert for a new order), the history row, the outbox rows
 *   and the idempotency key with data-modifying CTEs, so it is atomic on its own, also on a
 *   pooled connection outside any transaction.
 * - The order's statuses and its next deadline are real, indexed columns (`order_state`,
 *   `payment_status`, `fulfilment_status`, `return_status`, `customer_status`,
 *   `next_deadline_at`), so hosts can query them and `claimDue` is an index scan.
 * - `claimDue` and `claimOutbox` use `FOR UPDATE SKIP LOCKED` with leases
 *   (`orders.due_claimed_until`; `outbox.available_at` of a `delivering` message): any number
 *   of processes may call them at once, and a crashed caller's claims come back when the
 *   lease runs out.
 * - Times go in as ISO 8601 strings (any offset) and come out as UTC ISO strings with
 *   milliseconds (`2026-03-01T09:00:00.000Z`), whatever the session's time zone.
 * - To commit together with your own rows, pass a connection inside your transaction —
 *   `createPostgresStorage({ db: client })` or `storage.withClient(client)`.
 *
 * Run {@link migrate} on the same schema first. Neither driver is imported here.
 *
 * @param options - `db`: the database handle; `schema`: default `ordermachine`.
 * @returns The storage adapter.
 * @throws TypeError when `db` has no `query()` method or `schema` is not a safe identifier.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresStorage, migrate } from 'ordermachine/postgres';
 *
 * const db = await PGlite.create();
 * await migrate(db, { schema: 'shop' });
 * const storage = createPostgresStorage({ db, schema: 'shop' });
 *
 * const page = await storage.list({ fulfilmentStatus: 'unfulfilled', limit: 50 });
 * for (const order of page.items) console.log(order.id, order.statuses.order);
 * const due = await storage.claimDue(new Date().toISOString(), { limit: 100, leaseMs: 30_000 });
 * console.log(due.length, 'orders have a deadline due');
 * ```
 */
export function createPostgresStorage(options: PostgresStorageOptions): PostgresStorage {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('ordermachine/postgres: createPostgresStorage({ db }) needs an options object');
  }
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const statements = buildStatements(quoteSchema(schema));
  return bindStorage(options.db, schema, statements, options.prepare !== false);
}

function assertClient(db: SqlClient): void {
  if (db === null || typeof db !== 'object' || typeof (db as { query?: unknown }).query !== 'function') {
    throw new TypeError('ordermachine/postgres: createPostgresStorage needs a database handle with a query() method');
  }
}

function bindStorage(db: SqlClient, schema: string, sql: Statements, prepare: boolean): PostgresStorage {
  assertClient(db);

  const runner = createStatementRunner(db, prepare);
  const run = <TName extends string>(statement: Compiled<TName>, values: Record<TName, unknown>) => runner(statement, bind(statement, values));

  const storage: PostgresStorage = {
    schema,

    withClient(other) {
      return bindStorage(other, schema, sql, prepare);
    },

    async load(orderId) {
      const [row] = await run(sql.load, { id: orderId });
      return row ? toStoredOrder(row) : null;
    },

    async commit(request) {
      const values = commitValues(request);
      const create = request.expectedVersion === null;
      const [row] = create
        ? await run(sql.commitCreate, values)
        : await run(sql.commitUpdate, { ...values, expected: request.expectedVersion });
      if (!row) throw new Error('ordermachine/postgres: the commit statement returned no row');
      if (row.version !== null && row.version !== undefined) return { ok: true, version: toInt(row.version) };
      let outcome = row;
      // The statement's snapshot predates a commit that won a race against this one (its row
      // lock made us wait, then the version check failed): look again with a fresh snapshot,
      // so the answer names the winner's version, or the key it took. Rare; one more trip.
      const current = nullableInt(row.current_version);
      if (!isTrue(row.key_taken) && current === request.expectedVersion) {
        const [fresh] = await run(sql.commitRecheck, { id: request.orderId, idem_key: values.idem_key });
        if (fresh) outcome = fresh;
      }
      if (isTrue(outcome.key_taken)) {
        return { ok: false, reason: 'idempotency_key_taken', result: parseJson(outcome.key_result) };
      }
      return { ok: false, reason: 'conflict', currentVersion: nullableInt(outcome.current_version) };
    },

    async findIdempotencyResult(orderId, key) {
      const [row] = await run(sql.findIdempotency, { id: orderId, key });
      return row ? parseJson(row.result) : undefined;
    },

    async history(orderId, options = {}) {
      const after = options.afterSeq ?? 0;
      const limit = options.limit ?? null;
      checkInteger('history: afterSeq', after, Number.MIN_SAFE_INTEGER);
      if (limit !== null) checkInteger('history: limit', limit, 1);
      const rows = await run(sql.history, { id: orderId, after, limit });
      return rows.map((row) => toHistoryEntry(orderId, row));
    },

    async list(query) {
      const limit = query.limit ?? DEFAULT_PAGE;
      checkInteger('list: limit', limit, 1, MAX_PAGE);
      const filters: string[] = [];
      const params: unknown[] = [];
      for (const [field, column] of LIST_FILTERS) {
        const value = query[field];
        if (value === undefined) continue;
        if (typeof value !== 'string') throw new TypeError(`list: ${field} must be a string`);
        filters.push(column);
        params.push(value);
      }
      const after = query.cursor ?? null;
      if (after !== null && typeof after !== 'string') throw new TypeError('list: cursor must be a string');
      if (after !== null) params.push(after);
      params.push(limit + 1);
      const rows = (await db.query(sql.list(filters, after !== null).text, params)).rows as Row[];
      const items = rows.slice(0, limit).map(toStoredOrder);
      const last = items[items.length - 1];
      // The cursor is the last id of the page; callers treat it as opaque.
      return { items, nextCursor: rows.length > limit && last ? last.id : null };
    },

    async claimDue(now, options) {
      checkClaim('claimDue', options);
      const rows = await run(sql.claimDue, { now: isoTime(now, 'now'), limit: options.limit, lease_ms: options.leaseMs });
      return rows
        .map((row): DueOrder => ({ orderId: str(row.id), version: toInt(row.version), nextDeadlineAt: str(row.next_deadline_at) }))
        .sort((a, b) => compare(a.nextDeadlineAt, b.nextDeadlineAt) || compare(a.orderId, b.orderId));
    },

    async claimOutbox(now, options) {
      checkClaim('claimOutbox', options);
      const rows = await run(sql.claimOutbox, { now: isoTime(now, 'now'), limit: options.limit, lease_ms: options.leaseMs });
      return rows.map(toOutboxMessage).sort(byOutboxId);
    },

    async ackOutbox(id, claim) {
      const time = isoTime(claim.at, 'at');
      checkInteger('ackOutbox: attempt', claim.attempt, 1);
      const leaseUntil = claim.leaseUntil === undefined ? null : isoTime(claim.leaseUntil, 'leaseUntil');
      if (!isOutboxId(id)) return;
      await run(sql.ackOutbox, { id, at: time, attempt: claim.attempt, lease_until: leaseUntil });
    },

    async failOutbox(id, failure) {
      const at = isoTime(failure.at, 'at');
      const retryAt = failure.retryAt === null ? null : isoTime(failure.retryAt, 'retryAt');
      if (typeof failure.error !== 'string') throw new TypeError('failOutbox: error must be a string');
      checkInteger('failOutbox: attempt', failure.attempt, 1);
      const leaseUntil = failure.leaseUntil === undefined ? null : isoTime(failure.leaseUntil, 'leaseUntil');
      if (!isOutboxId(id)) return;
      await run(sql.failOutbox, { id, error: failure.error, at, retry_at: retryAt, attempt: failure.attempt, lease_until: leaseUntil });
    },

    async listDeadLetters(options = {}) {
      const limit = options.limit ?? DEFAULT_PAGE;
      checkInteger('listDeadLetters: limit', limit, 1, MAX_PAGE);
      const rows = await run(sql.listDeadLetters, { limit });
      return rows.map(toOutboxMessage);
    },

    async retryDeadLetter(id, at) {
      const time = isoTime(at, 'at');
      if (!isOutboxId(id)) return false;
      return (await run(sql.retryDeadLetter, { id, at: time })).length > 0;
    },

    async discardDeadLetter(id, at) {
      const time = isoTime(at, 'at');
      if (!isOutboxId(id)) return false;
      return (await run(sql.discardDeadLetter, { id, at: time })).length > 0;
    },
  };
  return storage;
}

// ---------------------------------------------------------------------------------------
// Values in and out.

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

type ListFilter = 'orderState' | 'paymentStatus' | 'fulfilmentStatus' | 'returnStatus' | 'customerStatus';

/** `list` filters and the indexed columns they match. */
const LIST_FILTERS: readonly (readonly [ListFilter, string])[] = [
  ['orderState', 'order_state'],
  ['paymentStatus', 'payment_status'],
  ['fulfilmentStatus', 'fulfilment_status'],
  ['returnStatus', 'return_status'],
  ['customerStatus', 'customer_status'],
];

function commitValues(request: CommitRequest): Record<Exclude<CommitParam, 'expected'>, unknown> {
  const { order, history, idempotency } = request;
  return {
    id: request.orderId,
    schema_version: order.aggregate.schemaVersion,
    order_state: order.statuses.order,
    payment_status: order.statuses.payment,
    fulfilment_status: order.statuses.fulfilment,
    return_status: order.statuses.returns,
    customer_status: order.statuses.customer,
    aggregate: json(order.aggregate),
    timers: json(order.timers),
    next_deadline_at: order.nextDeadlineAt === null ? null : isoTime(order.nextDeadlineAt, 'order.nextDeadlineAt'),
    at: isoTime(request.at, 'at'),
    h_present: history !== null,
    h_at: history ? isoTime(history.at, 'history.at') : null,
    h_actor_kind: history?.actor.kind ?? null,
    h_actor_id: history?.actor.id ?? null,
    h_event_type: history?.eventType ?? null,
    h_event: history ? json(history.event) : null,
    h_changes: history ? json(history.changes) : null,
    h_reason: history?.reason ?? null,
    h_correlation_id: history?.correlationId ?? null,
    h_idempotency_key: history?.idempotencyKey ?? null,
    outbox: json(request.outbox.map(({ dedupeKey, effect }) => ({ dedupeKey, effect }))),
    idem_key: idempotency?.key ?? null,
    idem_result: idempotency ? json(idempotency.result) : null,
  };
}

/** JSON text for a jsonb parameter; `undefined` is stored as JSON `null`. */
function json(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function parseJson(text: unknown): unknown {
  if (text === null || text === undefined) return null;
  return JSON.parse(str(text)) as unknown;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** `bigint` / `int` columns: `pg` returns bigint as a string, PGlite as a number. */
function toInt(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`ordermachine/postgres: expected an integer from the database, got ${String(value)}`);
  return n;
}

function nullableInt(value: unknown): number | null {
  return value === null || value === undefined ? null : toInt(value);
}

function nullableStr(value: unknown): string | null {
  return value === null || value === undefined ? null : str(value);
}

function isTrue(value: unknown): boolean {
  return value === true || value === 't' || value === 'true';
}

function toStoredOrder(row: Row): StoredOrder {
  const statuses = {
    order: str(row.order_state),
    payment: str(row.payment_status),
    fulfilment: str(row.fulfilment_status),
    returns: str(row.return_status),
    customer: str(row.customer_status),
  } as OrderStatuses;
  return {
    id: str(row.id),
    version: toInt(row.version),
    aggregate: parseJson(row.aggregate) as OrderAggregate,
    statuses,
    timers: parseJson(row.timers) as TimerState,
    nextDeadlineAt: nullableStr(row.next_deadline_at),
    createdAt: str(row.created_at),
    updatedAt: str(row.updated_at),
  };
}

function toHistoryEntry(orderId: string, row: Row): HistoryEntry {
  return {
    orderId,
    seq: toInt(row.seq),
    at: str(row.at),
    actor: { kind: str(row.actor_kind), id: str(row.actor_id) } as Actor,
    eventType: str(row.event_type),
    event: parseJson(row.event),
    changes: parseJson(row.changes) as StateChange[],
    reason: nullableStr(row.reason),
    correlationId: nullableStr(row.correlation_id),
    idempotencyKey: nullableStr(row.idempotency_key),
  };
}

function toOutboxMessage(row: Row): OutboxMessage {
  return {
    id: str(row.id),
    orderId: str(row.order_id),
    dedupeKey: str(row.dedupe_key),
    effect: parseJson(row.effect) as Effect,
    status: str(row.status) as OutboxStatus,
    attempts: toInt(row.attempts),
    availableAt: str(row.available_at),
    lastError: nullableStr(row.last_error),
    createdAt: str(row.created_at),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byOutboxId(a: OutboxMessage, b: OutboxMessage): number {
  return a.id.length - b.id.length || compare(a.id, b.id);
}

/** Outbox ids are positive bigints rendered as text; anything else names no message. */
function isOutboxId(id: unknown): id is string {
  return typeof id === 'string' && /^[1-9][0-9]{0,18}$/.test(id) && BigInt(id) <= 9223372036854775807n;
}

function checkInteger(what: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? (min === 1 ? 'a positive integer' : 'an integer') : `an integer from ${min} to ${max}`;
    throw new RangeError(`${what} must be ${range}, got ${String(value)}`);
  }
}

function checkClaim(what: string, options: { readonly limit: number; readonly leaseMs: number }): void {
  if (typeof options.limit !== 'number' || !Number.isSafeInteger(options.limit) || options.limit < 1) {
    throw new RangeError(`${what}: limit must be a positive integer, got ${String(options.limit)}`);
  }
  if (typeof options.leaseMs !== 'number' || !Number.isFinite(options.leaseMs) || options.leaseMs <= 0) {
    throw new RangeError(`${what}: leaseMs must be a positive number, got ${String(options.leaseMs)}`);
  }
}

/**
 * An ISO 8601 time → the UTC form `Date.prototype.toISOString` gives. Checked here, not by
 * the server, so a bad time is the same `RangeError` as with the memory storage, thrown
 * before anything is sent.
 */
function isoTime(value: unknown, name: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be an ISO 8601 date-time, got ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}
