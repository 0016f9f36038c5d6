/**
 * `ordermachine/postgres`: keep orders in PostgreSQL (a server through `pg`, or embedded
 * through `@electric-sql/pglite`).
 *
 * This entry never imports either driver: both are optional peer dependencies, and you
 * pass in the handle you already have.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresStorage, migrate } from 'ordermachine/postgres';
 *
 * const db = await PGlite.create();
 * await migrate(db); // creates schema "ordermachine" and its tables
 * const storage = createPostgresStorage({ db }); // a StorageAdapter for the engine
 * ```
 *
 * @packageDocumentation
 */
export { migrate } from './postgres/migrate.js';
export type { MigrateOptions, MigrateResult, SqlClient } from './postgres/migrate.js';
export { postgresMigrations } from './postgres/schema.js';
export type { PostgresMigration } from './postgres/schema.js';
export { createPostgresStorage } from './adapters/postgres/createPostgresStorage.js';
export type { PostgresStorage, PostgresStorageOptions } from './adapters/postgres/createPostgresStorage.js';
