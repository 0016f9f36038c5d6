/**
 * The database handle of the raw-SQL baseline: single statements, and transactions on one
 * connection — over a `pg` Pool or a PGlite instance, as a host writing SQL by hand would use them.
 */
import type { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** What one statement returns: the rows, and how many rows it changed. */
export interface RawResult {
  // Rows of hand-written SELECTs are read field by field where they are used.
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number;
}

/** A statement runner. */
export type RawQuery = (text: string, params?: unknown[]) => Promise<RawResult>;

/** The baseline's database: one-off statements, and `transaction(fn)` (rolled back when `fn` returns `false` or throws). */
export interface RawDb {
  readonly query: RawQuery;
  transaction(fn: (query: RawQuery) => Promise<boolean>): Promise<boolean>;
}

const names = new Map<string, string>();
/** A stable statement name per statement text. */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) names.set(text, (name = `raw_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
  return name;
}

/**
 * A raw handle on a `pg` Pool: a statement takes any connection; a transaction holds one from BEGIN to COMMIT.
 *
 * @param pool - the pool
 */
export function rawDbFromPool(pool: pg.Pool): RawDb {
  const run =
    (client: pg.Pool | pg.PoolClient): RawQuery =>
    async (text, params) => {
      // Named (prepared) statements, as a careful hand-written data layer would use them; our
      // adapter prepares its hot statements too, so neither side pays for parsing and planning.
      const result = params === undefined ? await client.query(text) : await client.query({ name: statementName(text), text, values: params });
      return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
    };
  return {
    query: run(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const ok = await fn(run(client));
        await client.query(ok ? 'commit' : 'rollback');
        return ok;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/**
 * A raw handle on PGlite: its own `transaction()`.
 *
 * @param db - the PGlite instance
 */
export function rawDbFromPGlite(db: PGlite): RawDb {
  const run =
    (handle: Pick<PGlite, 'query'>): RawQuery =>
    async (text, params) => {
      const result = await handle.query<Record<string, unknown>>(text, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    };
  return {
    query: run(db),
    async transaction(fn) {
      return db.transaction(async (tx) => {
        const ok = await fn(run(tx));
        if (!ok) await tx.rollback();
        return ok;
      });
    },
  };
}
