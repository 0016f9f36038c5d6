/**
 * The SQL schema of the PostgreSQL storage: an ordered, append-only list of migrations.
 *
 * Rules for this file:
 * - Never edit or reorder a migration that has shipped; add a new one with the next id.
 * - Every statement names its objects schema-qualified through `q(schema)`, so one database
 *   can hold several independent stores (one per schema).
 * - Each migration is a list of single statements: PGlite's `query()` runs one statement
 *   per call (extended protocol), and so does any driver that always prepares.
 *
 * @module
 */

/** The schema name used when the caller gives none. @internal */
export const DEFAULT_SCHEMA = 'ordermachine';

/**
 * One step of the PostgreSQL schema: a numbered, named list of SQL statements.
 *
 * @example
 * ```ts
 * import { postgresMigrations, type PostgresMigration } from 'ordermachine/postgres';
 * const first: PostgresMigration | undefined = postgresMigrations()[0];
 * console.log(first?.id, first?.name); // 1 'create orders, order_history, outbox, idempotency_keys'
 * ```
 */
export interface PostgresMigration {
  /** Position in the list; ids start at 1, increase by one and are never reused. */
  readonly id: number;
  /** A short human-readable description, recorded in `schema_migrations.name`. */
  readonly name: string;
  /** The whole migration as one SQL script (the statements joined with `;`), for review or for hosts that run DDL with their own tool. */
  readonly sql: string;
  /** The same SQL split into single statements, in the order {@link migrate} runs them. */
  readonly statements: readonly string[];
}

// Unquoted-identifier rules, lower case only so hosts can type the name without quotes;
// `pg_` is reserved for system schemas; 63 bytes is PostgreSQL's NAMEDATALEN - 1.
const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Check that `schema` is a safe SQL identifier and return it quoted.
 *
 * @throws TypeError when the name is not a lower-case identifier of at most 63 characters
 *   (letters, digits, `_`, not starting with a digit or `pg_`).
 * @internal
 */
export function quoteSchema(schema: string): string {
  if (typeof schema !== 'string' || !SAFE_IDENTIFIER.test(schema) || schema.startsWith('pg_')) {
    throw new TypeError(
      `ordermachine/postgres: invalid schema name ${JSON.stringify(schema)}: use 1-63 lower-case ` +
        'letters, digits and underscores, not starting with a digit or "pg_"',
    );
  }
  // Always quoted, so names that are SQL keywords (e.g. "order", "user") still work.
  return `"${schema}"`;
}

/**
 * The bookkeeping table's DDL; `migrate` runs it before reading which migrations are applied.
 *
 * @param s - the schema name, already quoted by `quoteSchema`
 * @internal
 */
export function schemaMigrationsTableSql(s: string): string {
  return `create table if not exists ${s}.schema_migrations (
  id         integer primary key,
  name       text not null,
  applied_at timestamptz not null default now()
)`;
}

type MigrationSource = {
  readonly id: number;
  readonly name: string;
  readonly statements: (s: string) => readonly string[];
};

// `s` is the quoted schema name. Timestamps other than `applied_at` have no default on
// purpose: the storage adapter writes the engine's clock, so fake clocks work in tests.
const SOURCES: readonly MigrationSource[] = [
  {
    id: 1,
    name: 'create orders, order_history, outbox, idempotency_keys',
    statements: (s) => [
      // One row per order. The status columns and next_deadline_at are derived from the
      // aggregate at commit time and exist to be queried (and indexed); the aggregate is the truth.
      // due_claimed_until: the lease of a timer sweep that claimed the order (claimDue); a
      // commit clears it. Not indexed, so taking a lease is a HOT update.
      // Ids compare byte-wise (collate "C") whatever the database's locale: list() pages in
      // that order, the same order as JavaScript's string comparison for ASCII ids.
      `create table ${s}.orders (
  id                text collate "C" primary key,
  version           bigint not null,
  schema_version    integer not null,
  order_state       text not null,
  payment_status    text not null,
  fulfilment_status text not null,
  return_status     text not null,
  customer_status   text not null,
  next_deadline_at  timestamptz null,
  due_claimed_until timestamptz null,
  aggregate         jsonb not null,
  timers            jsonb not null,
  created_at        timestamptz not null,
  updated_at        timestamptz not null
)`,
      // list(): `where <status> = $1 and id > $cursor order by id limit $n`.
      `create index orders_order_state_idx on ${s}.orders (order_state, id)`,
      `create index orders_payment_status_idx on ${s}.orders (payment_status, id)`,
      `create index orders_fulfilment_status_idx on ${s}.orders (fulfilment_status, id)`,
      `create index orders_return_status_idx on ${s}.orders (return_status, id)`,
      `create index orders_customer_status_idx on ${s}.orders (customer_status, id)`,
      // The timer sweep: `where next_deadline_at <= $now order by next_deadline_at, id`.
      `create index orders_next_deadline_at_idx on ${s}.orders (next_deadline_at, id)
  where next_deadline_at is not null`,
      // seq is the order's version after the commit that wrote the row.
      `create table ${s}.order_history (
  order_id        text collate "C" not null references ${s}.orders (id) on delete cascade,
  seq             bigint not null,
  at              timestamptz not null,
  actor_kind      text not null,
  actor_id        text not null,
  event_type      text not null,
  event           jsonb not null,
  changes         jsonb not null,
  reason          text null,
  correlation_id  text null,
  idempotency_key text null,
  primary key (order_id, seq)
)`,
      // seq: the order's version after the commit that wrote the message. available_at: when
      // it may next be tried — for a 'delivering' message, the end of the relay's lease (then
      // it may be claimed again). updated_at: the last status change.
      `create table ${s}.outbox (
  id            bigserial primary key,
  order_id      text collate "C" not null,
  seq           bigint not null,
  dedupe_key    text not null unique,
  effect        jsonb not null,
  status        text not null
                check (status in ('pending', 'delivering', 'delivered', 'dead', 'discarded')),
  attempts      integer not null default 0,
  available_at  timestamptz not null,
  last_error    text null,
  created_at    timestamptz not null,
  updated_at    timestamptz not null
)`,
      // The relay's claim walks the undelivered messages in id order (delivered, dead and
      // discarded rows are not in this index, so it stays small however long the outbox grows).
      `create index outbox_undelivered_idx on ${s}.outbox (id)
  where status in ('pending', 'delivering')`,
      // "Is there an older undelivered message of this order?", and an order's messages for hosts.
      `create index outbox_order_id_idx on ${s}.outbox (order_id, id)`,
      // listDeadLetters(): `where status = 'dead' order by id`.
      `create index outbox_dead_idx on ${s}.outbox (id) where status = 'dead'`,
      `create table ${s}.idempotency_keys (
  order_id   text collate "C" not null,
  key        text not null,
  result     jsonb not null,
  created_at timestamptz not null,
  primary key (order_id, key)
)`,
      // Lets hosts prune old keys (`delete ... where created_at < $cutoff`) without a full scan.
      `create index idempotency_keys_created_at_idx on ${s}.idempotency_keys (created_at)`,
    ],
  },
];

/**
 * The ordered list of migrations that builds the ordermachine tables in a PostgreSQL schema.
 *
 * {@link migrate} applies them for you. Use this list to review the DDL, or to run it with
 * your own migration tool instead of `migrate` (create the schema first; `migrate` would
 * not know about migrations applied that way, so pick one of the two per schema).
 *
 * @param schema - The PostgreSQL schema (namespace) to create the tables in; default
 *   `ordermachine`. Must be 1-63 lower-case letters, digits or `_`, not starting with a
 *   digit or `pg_`.
 * @returns A new array of migrations, ids 1, 2, 3, … in the order they must run.
 * @throws TypeError when `schema` is not a safe identifier (a programming error).
 *
 * @example
 * ```ts
 * import { postgresMigrations } from 'ordermachine/postgres';
 * for (const m of postgresMigrations('shop')) {
 *   console.log(`-- ${m.id}: ${m.name}\n${m.sql}\n`);
 * }
 * ```
 */
export function postgresMigrations(schema: string = DEFAULT_SCHEMA): PostgresMigration[] {
  const s = quoteSchema(schema);
  return SOURCES.map(({ id, name, statements }) => {
    const list = Object.freeze([...statements(s)]);
    return Object.freeze({ id, name, sql: `${list.join(';\n\n')};\n`, statements: list });
  });
}
