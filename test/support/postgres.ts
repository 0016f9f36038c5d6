/**
 * Shared set-up for the tests on the PostgreSQL storage adapter: PGlite always, a real server
 * (a `pg` Pool) when DATABASE_URL is set, and fresh schemas with random names on either.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrate, type SqlClient } from '../../src/postgres.js';

/** The real server's connection string; unset, the tests on a real server are skipped. */
export const DATABASE_URL = process.env.DATABASE_URL;

/** The title the skipped real-server suites carry when DATABASE_URL is not set. */
export const SKIPPED_TITLE = 'real PostgreSQL: skipped because DATABASE_URL is not set (.ci/run sets it)';

/** `describe(title, fn)` when DATABASE_URL is set; otherwise skipped, under SKIPPED_TITLE. */
export function describeRealPostgres(title: string, fn: () => void): void {
  if (DATABASE_URL) describe(title, fn);
  // Skipped on purpose without a server (a developer's laptop); .ci/run always starts one.
  else describe.skip(SKIPPED_TITLE, fn);
}

/** A schema name no earlier run has used, so tests on a shared server never see leftovers. */
export function randomSchema(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A fresh, migrated schema with a random name on `db`, and how to drop it again. */
export async function freshSchema(db: SqlClient, prefix: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = randomSchema(prefix);
  await migrate(db, { schema });
  return { schema, drop: () => dropSchema(db, schema) };
}

async function dropSchema(db: SqlClient, schema: string): Promise<void> {
  await db.query(`drop schema if exists "${schema}" cascade`);
}

/** A database opened for the enclosing `describe`, with schemas that are dropped before it closes. */
export interface TestDatabase<D extends SqlClient> {
  /** The handle; open from `beforeAll` until `afterAll`. */
  db(): D;
  /** A random schema name, not yet created; dropped in `afterAll`. */
  name(prefix: string): string;
  /** A fresh, migrated schema with a random name; dropped in `afterAll`. */
  fresh(prefix: string): Promise<string>;
}

function useDatabase<D extends SqlClient>(open: () => D | Promise<D>, close: (db: D) => Promise<void>): TestDatabase<D> {
  let handle: D | undefined;
  const schemas: string[] = [];
  beforeAll(async () => {
    handle = await open();
  }, 60_000);
  afterAll(async () => {
    if (handle === undefined) return;
    for (const schema of schemas) await dropSchema(handle, schema);
    await close(handle);
  });
  const db = (): D => {
    if (handle === undefined) throw new Error('the test database is open only from beforeAll until afterAll');
    return handle;
  };
  const name = (prefix: string): string => {
    const schema = randomSchema(prefix);
    schemas.push(schema);
    return schema;
  };
  return {
    db,
    name,
    async fresh(prefix) {
      const schema = name(prefix);
      await migrate(db(), { schema });
      return schema;
    },
  };
}

/** One in-memory PGlite instance for the enclosing `describe`. Call it in the `describe` body. */
export function usePGlite(): TestDatabase<PGlite> {
  return useDatabase(
    () => PGlite.create(),
    (db) => db.close(),
  );
}

/** A `pg` Pool of at most `max` connections on DATABASE_URL for the enclosing `describe`. Call it in the `describe` body. */
export function usePool(max: number): TestDatabase<pg.Pool> {
  return useDatabase(
    () => new pg.Pool({ connectionString: DATABASE_URL, max }),
    (pool) => pool.end(),
  );
}
