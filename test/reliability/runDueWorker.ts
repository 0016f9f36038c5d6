/**
 * Child-process entry for the multi-process `runDue` reliability test. Bundled with esbuild by
 * postgres.reliability.test.ts (pg stays external) and run as `node <bundle>`.
 *
 * Env: DATABASE_URL, OM_SCHEMA, OM_NOW (ISO time), OM_BATCH (orders claimed per batch).
 * Protocol: opens its own pool and connects, prints `{"ready":…}` on stdout, waits for one line
 * on stdin (the start signal, so all workers sweep at the same moment), runs
 * `engine.runDue(OM_NOW)` and prints its report as one JSON line. Exits 1 on any error.
 */
import pg from 'pg';
import { createOrderEngine } from '../../src/index.js';
import { createPostgresStorage } from '../../src/postgres.js';

async function main(): Promise<void> {
  const { DATABASE_URL, OM_SCHEMA, OM_NOW, OM_BATCH } = process.env;
  if (!DATABASE_URL || !OM_SCHEMA || !OM_NOW) throw new Error('runDueWorker: DATABASE_URL, OM_SCHEMA and OM_NOW are required');
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  try {
    // Connect before reporting ready, so the sweep itself starts together with the others.
    const client = await pool.connect();
    client.release();
    const engine = createOrderEngine({ storage: createPostgresStorage({ db: pool, schema: OM_SCHEMA }), dueBatchSize: Number(OM_BATCH ?? 10) });
    process.stdout.write(`${JSON.stringify({ ready: process.pid })}\n`);
    await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
    process.stdin.pause();
    const started = Date.now();
    const report = await engine.runDue(new Date(OM_NOW));
    process.stdout.write(`${JSON.stringify({ pid: process.pid, ms: Date.now() - started, fired: report.fired, skipped: report.skipped })}\n`);
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`runDueWorker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
