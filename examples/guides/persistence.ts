// Snippets of docs/guides/persistence.md, run by test/docs/guides.test.ts (on PGlite, and on a
// PostgreSQL server through `pg` when DATABASE_URL is set).
// #region adapters
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  createMemoryStorage,
  createOrderEngine,
  createOutboxRelay,
  type Actor,
  type AggregateMigration,
  type Notifier,
  type OrderEngine,
  type StoredOrder,
} from 'ordermachine';
import { createPostgresStorage, migrate, postgresMigrations, type PostgresStorage, type SqlClient } from 'ordermachine/postgres';

/** In memory: tests and prototypes. Nothing survives a restart. */
export function inMemory(): OrderEngine {
  return createOrderEngine({ storage: createMemoryStorage() });
}

/** Embedded PostgreSQL (PGlite), no server to run: in memory without a directory, on disk with one. */
export async function embedded(dataDir?: string) {
  const db = await PGlite.create(dataDir);
  await migrate(db);
  return { db, engine: createOrderEngine({ storage: createPostgresStorage({ db }) }) };
}

/** Your PostgreSQL server through a `pg` Pool, in a schema of its own. */
export async function onServer(connectionString: string, schema = 'shop') {
  const pool = new pg.Pool({ connectionString, max: 10 });
  await migrate(pool, { schema });
  return { pool, engine: createOrderEngine({ storage: createPostgresStorage({ db: pool, schema }) }) };
}
// #endregion adapters

// #region migrate
/** Safe at every start, from every instance at once: an advisory lock serialises them, and what is applied is recorded. */
export async function upgradeSchema(db: SqlClient, schema: string) {
  const first = await migrate(db, { schema }); // { applied: [1, …] } on an empty database
  const again = await migrate(db, { schema }); // { applied: [] } once it is current
  return { first: first.applied, again: again.applied };
}

/** Or, instead of calling migrate, hand the same SQL to your own migration tool. */
export function migrationScripts(schema: string) {
  return postgresMigrations(schema).map((m) => ({ file: `V${m.id}__ordermachine_${m.id}.sql`, sql: m.sql }));
}
// #endregion migrate

// #region aggregate-migrations
/**
 * Steps that upgrade orders stored by an older release, one version at a time. Hypothetical
 * example: a version 0 that called the order's record `main`.
 */
export const migrations: AggregateMigration[] = [{ from: 0, to: 1, migrate: ({ main, ...rest }) => ({ ...rest, order: main }) }];

export function engineWithMigrations(db: SqlClient, schema = 'ordermachine'): OrderEngine {
  return createOrderEngine({ storage: createPostgresStorage({ db, schema }), migrations });
}
// #endregion aggregate-migrations

// #region transaction
/**
 * Inside your transaction, with its handle: the order's change and your own row commit together, or
 * neither does. Throwing rolls everything back.
 */
export async function sendAndAudit(tx: SqlClient, storage: PostgresStorage, orderId: string, event: unknown, actor: Actor) {
  const engine = createOrderEngine({ storage: storage.withClient(tx) }); // engines hold no state: build one per transaction
  const result = await engine.send(orderId, event, { actor });
  if (result.status !== 'applied') throw new Error(`${orderId}: ${result.status}`);
  await tx.query('insert into shop_audit (order_id, version, actor) values ($1, $2, $3)', [orderId, result.order.version, actor.id]);
  return result.order.version;
}

/** With `pg`: a client from the pool, BEGIN, COMMIT or ROLLBACK. */
export async function withPg(pool: pg.Pool, work: (tx: SqlClient) => Promise<number>): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const version = await work(client);
    await client.query('commit');
    return version;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** With PGlite: its transaction callback. */
export function withPglite(db: PGlite, work: (tx: SqlClient) => Promise<number>): Promise<number> {
  return db.transaction((tx) => work(tx));
}
// #endregion transaction

// #region scale-out
/**
 * One app instance: its own connection pool, an engine and an outbox relay. Start as many as you
 * like; they share nothing but the database.
 */
export function startInstance(db: SqlClient, notifier: Notifier, schema = 'ordermachine') {
  const storage = createPostgresStorage({ db, schema });
  const engine = createOrderEngine({ storage });
  const relay = createOutboxRelay({ storage, notifier, ignore: ['reserve_stock', 'release_stock'] });
  // Every instance may run the timer sweep and the relay: claims are leased (FOR UPDATE SKIP LOCKED).
  const tick = async (now = new Date()) => ({ due: await engine.runDue(now), outbox: await relay.runOnce(now) });
  return { engine, relay, tick };
}
// #endregion scale-out

// #region expected-version
/** A clerk's form carries the version it showed: a change in between is a conflict, never a silent overwrite. */
export async function saveFromForm(engine: OrderEngine, orderId: string, shownVersion: number, event: unknown, clerk: Actor) {
  const result = await engine.send(orderId, event, { actor: clerk, expectedVersion: shownVersion });
  if (result.status === 'conflict') return `changed meanwhile (now version ${result.currentVersion}): reload and check`;
  return result.status;
}
// #endregion expected-version

// #region query
/** Every order in one customer-facing status, page by page (an index scan on the status column). */
export async function allIn(engine: OrderEngine, customerStatus: string): Promise<StoredOrder[]> {
  const all: StoredOrder[] = [];
  let cursor: string | null = null;
  do {
    const page = await engine.list({ customerStatus, limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return all;
}

/** Or plain SQL for reports: the status columns are text, one row per order. */
export async function countByStatus(db: SqlClient, schema = 'ordermachine') {
  const { rows } = await db.query(`select customer_status, count(*)::int as orders from ${schema}.orders group by 1 order by 1`);
  return rows as { customer_status: string; orders: number }[];
}
// #endregion query
