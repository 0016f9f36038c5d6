/**
 * How the PostgreSQL storage adapter sends its statements: the hot ones (the ones `engine.send`
 * runs) as named prepared statements where the handle allows it, so the server
 * parses and plans them once per connection instead of on every call; everything else, and
 * every handle that is not recognised, as plain `query(text, params)`.
 *
 * - `pg` `Pool`, `Client` and `PoolClient`: `query({ name, text, values })`, `pg`'s own
 *   per-connection prepared statements (protocol level, so they also work inside a host's
 *   transaction and survive its rollback).
 * - A PGlite instance (not a `tx`): PGlite's `query()` has no prepared path, so the statement is
 *   prepared once with SQL `PREPARE` and run with `EXECUTE name(literal, …)` through `exec()`
 *   (one simple-protocol round trip). The values are written as SQL string literals with the
 *   escaping of `pg`'s `escapeLiteral` (quotes doubled; with a backslash, an `E'…'` literal with
 *   backslashes doubled), which reads back exactly whatever `standard_conforming_strings` is;
 *   a value with a NUL character, or of any other type than string / number / boolean / null,
 *   goes the plain way instead. `exec()` takes PGlite's transaction lock like `query()`, so the
 *   statement never runs inside another caller's `db.transaction(...)`.
 * - A PGlite `tx`, or any other `SqlClient`: plain `query(text, params)`.
 *
 * A statement the server has forgotten (`DEALLOCATE ALL`, `DISCARD ALL`, a new session) is
 * prepared again (PGlite) or sent plain (`pg`).
 *
 * @internal
 * @module
 */
import type { SqlClient } from '../../postgres/migrate.js';
import type { Compiled } from './sql.js';

/** A result row: every column the adapter reads is text (or a boolean). @internal */
export type Row = Record<string, unknown>;

/** Runs one compiled statement with its parameters in `$n` order. @internal */
export type StatementRunner = (statement: Compiled<string>, params: readonly unknown[]) => Promise<Row[]>;

/** SQLSTATE `invalid_sql_statement_name`: no prepared statement of that name in this session. */
const NO_SUCH_STATEMENT = '26000';
/** SQLSTATE `duplicate_prepared_statement`. */
const STATEMENT_EXISTS = '42P05';

/** `pg`'s `Client` / `PoolClient` (a connection) or `Pool`: both take `{ name, text, values }`. */
function isPgDriver(db: SqlClient): boolean {
  const candidate = db as { connect?: unknown; Client?: unknown };
  if (typeof candidate.connect !== 'function') return false;
  // A connection carries its parsed connection string; a pg-pool Pool its Client class and counts.
  return 'connectionParameters' in db || (typeof candidate.Client === 'function' && 'totalCount' in db && 'idleCount' in db);
}

/** The PGlite handle the prepared path needs: `exec()` for one simple-protocol statement. */
interface PGliteLike extends SqlClient {
  exec(sql: string): Promise<readonly { rows: unknown[] }[]>;
}

/** A PGlite instance (or PGliteWorker): `exec`, `transaction` and `execProtocol`; a `tx` has no `execProtocol`. */
function isPGliteInstance(db: SqlClient): db is PGliteLike {
  const candidate = db as { exec?: unknown; transaction?: unknown; execProtocol?: unknown };
  return typeof candidate.exec === 'function' && typeof candidate.transaction === 'function' && typeof candidate.execProtocol === 'function';
}

function sqlState(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** A value as an SQL literal (`null`, or a quoted string the parameter's type is read from); `null` when it cannot be one. */
function literal(value: unknown): string | null {
  if (value === null || value === undefined) return 'null';
  let text: string;
  if (typeof value === 'string') text = value;
  else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') text = String(value);
  else return null;
  if (text.includes('\0')) return null;
  const quoted = `'${text.replace(/'/g, "''")}'`;
  return text.includes('\\') ? ` E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}

/** Statements each PGlite session has prepared (or is preparing), by name. */
const preparedIn = new WeakMap<object, Map<string, Promise<void>>>();

function pgliteRunner(db: PGliteLike, plain: StatementRunner): StatementRunner {
  let prepared = preparedIn.get(db);
  if (!prepared) {
    prepared = new Map();
    preparedIn.set(db, prepared);
  }
  const sessions = prepared;
  const prepare = (name: string, text: string): Promise<void> => {
    let pending = sessions.get(name);
    if (!pending) {
      pending = db.exec(`prepare ${name} as ${text}`).then(
        () => undefined,
        (error: unknown) => {
          // Prepared by an earlier storage on this instance whose bookkeeping we do not share.
          if (sqlState(error) === STATEMENT_EXISTS) return;
          sessions.delete(name);
          throw error;
        },
      );
      sessions.set(name, pending);
    }
    return pending;
  };
  return async (statement, params) => {
    const name = statement.name;
    const literals = params.map(literal);
    if (name === undefined || literals.includes(null)) return plain(statement, params);
    const execute = `execute ${name}(${literals.join(', ')})`;
    await prepare(name, statement.text);
    try {
      return (await db.exec(execute))[0]?.rows as Row[];
    } catch (error) {
      if (sqlState(error) !== NO_SUCH_STATEMENT) throw error;
      // The session lost it (DEALLOCATE ALL, DISCARD ALL): prepare again, once.
      sessions.delete(name);
      await prepare(name, statement.text);
      return (await db.exec(execute))[0]?.rows as Row[];
    }
  };
}

/**
 * The runner for a handle.
 *
 * @param db - the adapter's handle
 * @param prepare - `false` sends every statement plain (for poolers that do not keep prepared statements)
 * @internal
 */
export function createStatementRunner(db: SqlClient, prepare: boolean): StatementRunner {
  const plain: StatementRunner = async (statement, params) => (await db.query(statement.text, [...params])).rows as Row[];
  if (!prepare) return plain;
  if (isPgDriver(db)) {
    // `query(config)` is pg's API (the SqlClient port only names `query(text, params)`).
    const pgQuery = db.query.bind(db) as unknown as (config: { name: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }>;
    return async (statement, params) => {
      if (statement.name === undefined) return plain(statement, params);
      try {
        return (await pgQuery({ name: statement.name, text: statement.text, values: [...params] })).rows as Row[];
      } catch (error) {
        // pg believes the connection has it, the server has forgotten it: go plain.
        if (sqlState(error) === NO_SUCH_STATEMENT) return plain(statement, params);
        throw error;
      }
    };
  }
  if (isPGliteInstance(db)) return pgliteRunner(db, plain);
  return plain;
}
