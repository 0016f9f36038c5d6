/**
 * The migration runner for the PostgreSQL storage, and the tiny driver port it runs on.
 *
 * Nothing here imports `pg` or `@electric-sql/pglite`: both drivers are optional peer
 * dependencies and are recognised by shape at run time.
 *
 * @module
 */
import { DEFAULT_SCHEMA, postgresMigrations, quoteSchema, schemaMigrationsTableSql } from './schema.js';

/**
 * The smallest database handle ordermachine's PostgreSQL code needs: `query(text, params)`
 * resolving to `{ rows }`.
 *
 * A `pg` `Pool`, a `pg` `Client` or `PoolClient`, and an `@electric-sql/pglite` `PGlite`
 * instance all fit as they are; no wrapper or cast is needed.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { PGlite } from '@electric-sql/pglite';
 * import type { SqlClient } from 'ordermachine/postgres';
 *
 * const server: SqlClient = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const embedded: SqlClient = await PGlite.create();
 * const { rows } = await embedded.query('select 1 as one');
 * ```
 */
export interface SqlClient {
  /**
   * Run one SQL statement with `$1`, `$2`, … placeholders bound to `params`.
   *
   * @param text - The SQL statement.
   * @param params - Values for the placeholders, in order.
   * @returns The result rows.
   */
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Options for {@link migrate}.
 *
 * @example
 * ```ts
 * import { migrate, type MigrateOptions, type SqlClient } from 'ordermachine/postgres';
 * declare const db: SqlClient;
 * const options: MigrateOptions = { schema: 'shop' };
 * await migrate(db, options);
 * ```
 */
export interface MigrateOptions {
  /**
   * The PostgreSQL schema (namespace) holding the tables; created if missing. Default
   * `ordermachine`. Must be 1-63 lower-case letters, digits or `_`, not starting with a digit
   * or `pg_`.
   */
  schema?: string;
}

/**
 * What {@link migrate} did.
 *
 * @example
 * ```ts
 * import { migrate, type MigrateResult, type SqlClient } from 'ordermachine/postgres';
 * declare const db: SqlClient;
 * const result: MigrateResult = await migrate(db);
 * if (result.applied.length > 0) console.log('applied migrations', result.applied);
 * ```
 */
export interface MigrateResult {
  /** Ids of the migrations this call applied, ascending; empty when the schema was already current. */
  applied: number[];
}

/**
 * Bring the ordermachine tables in a PostgreSQL schema up to date, safely and idempotently.
 *
 * In one transaction: takes a transaction-scoped advisory lock (per schema name) so that
 * app instances starting together do not race, creates the schema and the
 * `schema_migrations` table if missing, then applies, in order, every migration from
 * {@link postgresMigrations} that is not yet recorded there. Either all of them commit or
 * none does. A second call applies nothing and returns `{ applied: [] }`.
 *
 * How the transaction is run depends on what `db` is:
 * - a `PGlite` instance (has `transaction()`): inside `db.transaction(...)`;
 * - a `pg` `Pool` (has `connect()`): on one client checked out of the pool, then released;
 * - a `pg` `Client` / `PoolClient`, or any other `SqlClient`: `BEGIN` … `COMMIT` on `db`
 *   itself, which must therefore be a single connection (checked: a handle that spreads
 *   statements over several connections gets an `Error`, and nothing is applied).
 *
 * @param db - The database: a `pg` Pool, Client or PoolClient, or a PGlite instance.
 * @param options - `schema`: the schema to migrate, default `ordermachine`.
 * @returns The ids of the migrations applied by this call.
 * @throws TypeError synchronously when `options.schema` is not a safe identifier or `db`
 *   has no `query` method (programming errors). Database errors reject the promise.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { migrate } from 'ordermachine/postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const { applied } = await migrate(pool, { schema: 'shop' });
 * console.log(applied); // [1] the first time, [] afterwards
 * ```
 */
export function migrate(db: SqlClient, options: MigrateOptions = {}): Promise<MigrateResult> {
  if (db === null || typeof db !== 'object' || typeof (db as { query?: unknown }).query !== 'function') {
    throw new TypeError('ordermachine/postgres: migrate(db) needs a database handle with a query() method');
  }
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const s = quoteSchema(schema);
  const migrations = postgresMigrations(schema);
  const [classId, objectId] = advisoryLockKey(schema);

  // Read committed, whatever the server's default_transaction_isolation: a migrator that
  // waited for the lock takes a fresh snapshot per statement, so it sees what the lock
  // holder committed and applies nothing twice.
  return withTransaction(db, { isolation: 'read committed' }, async (tx) => {
    await tx.query(`select pg_advisory_xact_lock($1::int4, $2::int4), set_config('ordermachine.migrating', 'on', true)`, [
      classId,
      objectId,
    ]);
    const check = await tx.query(`select current_setting('ordermachine.migrating', true) as migrating`);
    if ((check.rows[0] as { migrating?: unknown } | undefined)?.migrating !== 'on') {
      throw new Error(
        'ordermachine/postgres: migrate(db) ran its transaction over more than one connection; ' +
          'pass a pg Pool, a pg Client or PoolClient, or a PGlite instance',
      );
    }
    await tx.query(`create schema if not exists ${s}`);
    await tx.query(schemaMigrationsTableSql(s));
    const done = await tx.query(`select id from ${s}.schema_migrations`);
    const appliedBefore = new Set(done.rows.map((row) => Number((row as { id: unknown }).id)));

    const applied: number[] = [];
    for (const migration of migrations) {
      if (appliedBefore.has(migration.id)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`insert into ${s}.schema_migrations (id, name) values ($1, $2)`, [migration.id, migration.name]);
      applied.push(migration.id);
    }
    return { applied };
  });
}

/** `pg_advisory_xact_lock(int4, int4)` key: a fixed class id for "ordermachine migrate" and a hash of the schema name. */
function advisoryLockKey(schema: string): [number, number] {
  // FNV-1a, 32 bit, computed here (not with PostgreSQL's undocumented hashtext) so the key
  // never changes between server versions; `| 0` makes it a signed int4.
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(schema)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return [0x6f6d6967 /* "omig" */ | 0, hash | 0];
}

// ---------------------------------------------------------------------------------------
// withTransaction: one transaction on one connection, whatever kind of handle `db` is.

/** A PGlite instance (or anything with its `transaction(callback)` API). */
interface TransactionalClient extends SqlClient {
  transaction<T>(callback: (tx: SqlClient) => Promise<T>): Promise<T>;
}

/** A pool handing out single connections that go back with `release()` (pg `Pool`). */
interface PoolLike extends SqlClient {
  connect(): Promise<SqlClient & { release(destroy?: Error | boolean): void }>;
}

function isTransactional(db: SqlClient): db is TransactionalClient {
  return typeof (db as Partial<TransactionalClient>).transaction === 'function';
}

/** A PGlite `Transaction` object: already inside a transaction that its owner will end. */
function isOpenTransaction(db: SqlClient): boolean {
  const candidate = db as { rollback?: unknown; transaction?: unknown };
  return typeof candidate.rollback === 'function' && typeof candidate.transaction !== 'function';
}

function isPool(db: SqlClient): db is PoolLike {
  // pg's Client and PoolClient have connect() too, but they are connections: a PoolClient
  // has release(), and every pg Client carries connection fields such as processID.
  const candidate = db as { connect?: unknown; release?: unknown };
  return (
    typeof candidate.connect === 'function' &&
    typeof candidate.release !== 'function' &&
    !('processID' in db) &&
    !('connectionParameters' in db)
  );
}

/** Options for {@link withTransaction}. @internal */
export interface TransactionOptions {
  /** Isolation level of the transaction; the server's default when absent. Not applied when joining an open transaction. */
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

/**
 * Run `fn` inside one transaction on one connection and commit, or roll back and rethrow.
 *
 * - PGlite (`transaction()`): its own transaction API, which also serialises callers;
 * - an open PGlite `Transaction` (has `rollback()`): `fn` joins it, its owner commits;
 * - a pool (`connect()` → client with `release()`): BEGIN/COMMIT on a checked-out client,
 *   released afterwards (destroyed if even the rollback failed);
 * - otherwise (pg Client / PoolClient): BEGIN/COMMIT on `db` itself.
 *
 * @internal
 */
export async function withTransaction<T>(
  db: SqlClient,
  options: TransactionOptions,
  fn: (tx: SqlClient) => Promise<T>,
): Promise<T> {
  const isolation = options.isolation ? ` isolation level ${options.isolation}` : '';
  if (isTransactional(db)) {
    return db.transaction(async (tx) => {
      if (isolation) await tx.query(`set transaction${isolation}`);
      return fn(tx);
    });
  }
  if (isOpenTransaction(db)) return fn(db);
  if (isPool(db)) {
    const client = await db.connect();
    if (typeof client?.release !== 'function') {
      throw new TypeError('ordermachine/postgres: db.connect() did not return a client with release()');
    }
    let broken: Error | undefined;
    try {
      return await inTransactionBlock(client, isolation, fn, (error) => {
        broken = error;
      });
    } finally {
      client.release(broken);
    }
  }
  return inTransactionBlock(db, isolation, fn, () => {});
}

async function inTransactionBlock<T>(
  client: SqlClient,
  isolation: string,
  fn: (tx: SqlClient) => Promise<T>,
  onRollbackFailed: (error: Error) => void,
): Promise<T> {
  await client.query(`begin${isolation}`);
  let result: T;
  try {
    result = await fn(client);
  } catch (error) {
    try {
      await client.query('rollback');
    } catch (rollbackError) {
      onRollbackFailed(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
    }
    throw error;
  }
  await client.query('commit');
  return result;
}
