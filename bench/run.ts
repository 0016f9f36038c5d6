/**
 * `npm run bench [-- --quick | --smoke] [--out <dir>] [--pg-port <port>]`: measures every figure
 * of issue 6 against its baseline in the same run, prints the table and writes `results.md` and
 * `results.json` (to `bench/` for full and quick runs; for smoke runs to `--out` or a temporary
 * folder, so CI never overwrites the committed results).
 *
 * PostgreSQL: `DATABASE_URL` if set, else a throw-away server from `scripts/pg-up.sh` (stopped at
 * the end, also on error or Ctrl-C), else the PostgreSQL figures are reported as not measured.
 * Every run works in its own schemas, dropped at the end. A smoke run exits non-zero when any
 * figure could not be measured.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrate, type SqlClient } from 'ordermachine/postgres';
import { benchBytes } from './benchBytes.js';
import { benchContended } from './benchContended.js';
import { benchMemory } from './benchMemory.js';
import { benchPure } from './benchPure.js';
import { benchScale } from './benchScale.js';
import { benchScan } from './benchScan.js';
import { benchSend } from './benchSend.js';
import { benchSize } from './benchSize.js';
import { notMeasured, type Figure, type FigureId } from './Figure.js';
import { machineInfo } from './machineInfo.js';
import { parseBenchArgs } from './parseBenchArgs.js';
import { rawDbFromPGlite, rawDbFromPool } from './RawDb.js';
import { recordCommits } from './recordCommits.js';
import { reportConsole, reportJson, reportMarkdown } from './renderReport.js';
import { startPostgres } from './startPostgres.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const parsed = parseBenchArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`bench: ${parsed.error}\nusage: npm run bench -- [--quick | --smoke] [--out <dir>] [--pg-port <port>]`);
  process.exit(2);
}
const { mode, out, pgPort } = parsed.args;
const scale = benchScale(mode);
const startedAt = new Date();
const t0 = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);
const figures: Figure[] = [];
const databases: string[] = [];
const runId = `${startedAt.getTime().toString(36)}_${process.pid}`;

/** Runs a group of figures; if it throws, its figures are reported as not measured, with the error. */
async function group(ids: readonly FigureId[], name: string, measure: () => Promise<readonly Figure[]>): Promise<void> {
  log(`${name}…`);
  try {
    figures.push(...(await measure()));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`bench: ${name} failed: ${error instanceof Error ? (error.stack ?? reason) : reason}`);
    figures.push(...ids.map((id) => notMeasured(id, `${name} failed: ${reason}`)));
  }
}

async function serverVersion(db: SqlClient): Promise<string> {
  const { rows } = await db.query('show server_version');
  return String((rows[0] as { server_version: string }).server_version).split(' ')[0] ?? '?';
}

const PG_IDS = ['send_pg_1', 'send_pg_16', 'contended_pg_16', 'due_scan_growth', 'list_scan_growth'] as const satisfies readonly FigureId[];

log(`${mode} run`);
const recorded = await recordCommits();

await group(['can', 'apply'], 'pure figures (can, apply)', () => benchPure(scale));
// The PostgreSQL server (a separate process) starts while the sizes and the heap are measured:
// neither is a timing of this process, and the run is shorter.
const serverStarting = startPostgres(root, pgPort ?? undefined).catch((error: unknown) => ({ unavailable: `starting PostgreSQL failed: ${String(error)}` }));
await group(['core_gz_kb', 'storefront_gz_kb'], 'bundle sizes', () => benchSize(root));
await group(['heap_per_10k_orders_mb'], 'heap', async () => [await benchMemory(root, scale)]);

// PGlite: the send figure, and the stored bytes when there is no server.
const pglite = await PGlite.create();
const pgliteCompleted: string[] = [];
try {
  const pgliteVersion = (JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  const label = `PGlite ${pgliteVersion} (PostgreSQL ${await serverVersion(pglite)})`;
  databases.push(label);
  const schema = `bench_${runId}_lite`;
  await group(['send_pglite_1'], 'send on PGlite', async () => {
    await migrate(pglite, { schema });
    const plan = { id: 'send_pglite_1', clients: 1, ordersPerClient: scale.ordersPerClient.pglite, rounds: scale.rounds } as const;
    const result = await benchSend({ label: 'PGlite', sql: pglite, raw: rawDbFromPGlite(pglite), schema }, recorded, plan);
    pgliteCompleted.push(...result.completed);
    return [result.figure];
  });

  // PostgreSQL: send at 1 and 16 clients, contention, stored bytes, growth to the large table.
  const server = await serverStarting;
  if ('unavailable' in server) {
    log(`no PostgreSQL: ${server.unavailable}`);
    for (const id of PG_IDS) figures.push(notMeasured(id, server.unavailable));
    await group(['bytes_per_order'], 'stored bytes (PGlite)', async () => [await benchBytes(pglite, schema, pgliteCompleted, 'PGlite')]);
  } else {
    const pool = new pg.Pool({ connectionString: server.url, max: 20 });
    const schemas: string[] = [];
    // The run's schemas go, and a server the bench started stops, however the run ends.
    const dropSchemas = async () => {
      for (const schema of schemas.splice(0)) await pool.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      console.error(`bench: ${signal}, cleaning up`);
      const exit = () => {
        server.stop();
        // process.exit skips the runner's own clean-up of the bundle it is running (this file).
        const self = fileURLToPath(import.meta.url);
        if (/^\.run\.run-\d+\.mjs$/.test(basename(self))) rmSync(self, { force: true });
        process.exit(signal === 'SIGINT' ? 130 : 143);
      };
      setTimeout(exit, 10_000).unref();
      void dropSchemas().then(exit, exit);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      log(`PostgreSQL from ${server.origin}`);
      const label = `PostgreSQL ${await serverVersion(pool)}`;
      databases.push(label);
      const sendSchema = `bench_${runId}_send`;
      schemas.push(sendSchema);
      await migrate(pool, { schema: sendSchema });
      const target = { label: 'PostgreSQL', sql: pool, raw: rawDbFromPool(pool), schema: sendSchema };
      const completed: string[] = [];
      for (const [id, clients, ordersPerClient] of [
        ['send_pg_1', 1, scale.ordersPerClient.concurrency1],
        ['send_pg_16', 16, scale.ordersPerClient.concurrency16],
      ] as const) {
        await group([id], `send on PostgreSQL, ${clients} client(s)`, async () => {
          const result = await benchSend(target, recorded, { id, clients, ordersPerClient, rounds: scale.rounds });
          completed.push(...result.completed);
          return [result.figure];
        });
      }
      await group(['contended_pg_16'], 'contended order', async () => [await benchContended(target, recorded, scale.contendedOpsPerClient, scale.rounds)]);
      await group(['bytes_per_order'], 'stored bytes (PostgreSQL)', async () => [await benchBytes(pool, sendSchema, completed, 'PostgreSQL')]);
      const scanSchemas = [`bench_${runId}_small`, `bench_${runId}_large`] as const;
      schemas.push(...scanSchemas);
      await group(['due_scan_growth', 'list_scan_growth'], `growth ${scale.scanSizes.map((n) => n.toLocaleString('en')).join(' → ')} orders`, async () => {
        for (const schema of scanSchemas) await migrate(pool, { schema });
        return benchScan(pool, scanSchemas, 'PostgreSQL', scale, log);
      });
    } finally {
      await dropSchemas();
      await pool.end();
      server.stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
} finally {
  await pglite.close();
}

const machine = machineInfo(databases);
const meta = { mode, startedAt: startedAt.toISOString(), seconds: (performance.now() - t0) / 1000, machine };
const dir = out !== null ? resolve(out) : mode === 'smoke' ? mkdtempSync(join(tmpdir(), 'ordermachine-bench-')) : join(root, 'bench');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'results.md'), reportMarkdown(figures, meta));
writeFileSync(join(dir, 'results.json'), `${JSON.stringify(reportJson(figures, meta), null, 2)}\n`);
console.log(`\n${reportConsole(figures)}\n\nMachine: ${machine}\nWrote ${join(dir, 'results.md')} and results.json (${meta.seconds.toFixed(1)} s).`);

const unmeasured = figures.filter((f) => f.pass === null);
if (mode === 'smoke' && unmeasured.length > 0) {
  console.error(`bench: ${unmeasured.length} figure(s) could not be measured: ${unmeasured.map((f) => `${f.id} (${f.detail})`).join('; ')}`);
  process.exitCode = 1;
}
