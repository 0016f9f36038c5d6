import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPostgresStorage, migrate, type PostgresStorage } from 'ordermachine/postgres';

/** An opened order store and how to close its database handle. */
export interface OpenedStorage {
  readonly storage: PostgresStorage;
  /** `'postgres'` for a server through a `pg` Pool, `'pglite'` for the embedded one. */
  readonly driver: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/**
 * The backend's storage: PostgreSQL through a `pg` Pool when `databaseUrl` is given, otherwise
 * PGlite (real PostgreSQL compiled to WebAssembly, in this process, in memory — nothing to
 * install). Both go through the same `createPostgresStorage`, after `migrate` created (or
 * upgraded) the tables.
 *
 * @param databaseUrl - e.g. `process.env.DATABASE_URL`; empty or undefined → PGlite
 * @param schema - the PostgreSQL schema for the tables (default `ordermachine`)
 * @returns the storage, which driver it uses, and `close`
 * @example
 * ```ts
 * const { storage, driver, close } = await openStorage(process.env.DATABASE_URL);
 * const engine = createOrderEngine({ storage });
 * console.log(`orders in ${driver}`);
 * process.on('SIGTERM', () => void close());
 * ```
 */
export async function openStorage(databaseUrl: string | undefined, schema?: string): Promise<OpenedStorage> {
  const options = schema === undefined ? {} : { schema };
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    await migrate(pool, options);
    return { storage: createPostgresStorage({ db: pool, ...options }), driver: 'postgres', close: () => pool.end() };
  }
  const db = await PGlite.create();
  await migrate(db, options);
  return { storage: createPostgresStorage({ db, ...options }), driver: 'pglite', close: () => db.close() };
}
