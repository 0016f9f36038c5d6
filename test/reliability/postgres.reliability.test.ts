/**
 * Reliability of the engine on a real PostgreSQL server (issue 3, "Reliability tests"):
 * concurrent writers on separate connections, a duplicate-webhook storm, several OS processes
 * sweeping deadlines at once, commits that die midway, and bad input. Runs only when
 * DATABASE_URL is set (`.ci/run` sets it; locally: `bash scripts/pg-up.sh 54345`).
 *
 * Every test works in its own freshly migrated schema with a random name, dropped afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apply,
  createOrder,
  createOrderEngine,
  deriveOrderStatuses,
  OrderMachineError,
  resolveEnginePolicy,
  type Actor,
  type HistoryEntry,
  type OrderAggregate,
  type OrderInputRaw,
  type SendResult,
  type StorageAdapter,
} from '../../src/index.js';
import { createPostgresStorage, migrate, type SqlClient } from '../../src/postgres.js';
import { DATABASE_URL, describeRealPostgres, randomSchema } from '../support/postgres.js';
import { MINUTE, T0, customer, eur, must, placed, psp, staff } from '../support/engineFixture.js';

const TABLES = ['orders', 'order_history', 'outbox', 'idempotency_keys'] as const;
const noop = () => undefined;

/** Runs `fn` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/** JSON with object keys sorted (jsonb does not keep key order), for comparing aggregates. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A serial replay with the pure core: the CREATE_ORDER input from a fresh `createOrder`, then every
 * later history row's event with its actor and time through `apply` (with the engine's default
 * policy). Each must be accepted again and move the same machines the same way.
 */
function replay(history: readonly HistoryEntry[]): OrderAggregate {
  const [first, ...rest] = history;
  if (!first || first.eventType !== 'CREATE_ORDER') throw new Error('replay: history does not start with CREATE_ORDER');
  const created = createOrder(first.event as OrderInputRaw, { now: first.at });
  if (!created.ok) throw new Error(`replay: createOrder refused ${JSON.stringify(created.error)}`);
  const policy = resolveEnginePolicy();
  let order = created.order;
  for (const h of rest) {
    const result = apply(order, h.event, { actor: h.actor, now: h.at, policy });
    if (!result.ok) throw new Error(`replay: seq ${h.seq} ${h.eventType} refused: ${JSON.stringify(result.error)}`);
    expect(canonical(result.changes), `changes of seq ${h.seq}`).toBe(canonical(h.changes));
    order = result.order;
  }
  return order;
}

const isCommitUpdate = (text: string) => /^with w as \(\s*update /.test(text);

describeRealPostgres('reliability on a real PostgreSQL server (DATABASE_URL)', () => {
  let admin: pg.Pool;
  let pools: pg.Pool[] = [];
  let clients: pg.Client[] = [];
  let schemas: string[] = [];

  beforeAll(() => {
    admin = new pg.Pool({ connectionString: DATABASE_URL, max: 16 });
    admin.on('error', noop);
  });
  afterEach(async () => {
    await Promise.all(pools.map((p) => p.end().catch(noop)));
    await Promise.all(clients.map((c) => c.end().catch(noop)));
    for (const schema of schemas) await admin.query(`drop schema if exists "${schema}" cascade`);
    pools = [];
    clients = [];
    schemas = [];
  });
  afterAll(async () => {
    await admin?.end();
  });

  /** A pool of its own (killed connections must not crash the test process). */
  function newPool(max: number): pg.Pool {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max });
    pool.on('error', noop);
    pools.push(pool);
    return pool;
  }

  /** Opens `count` connections now, so the test's concurrency is not staggered by connection set-up. */
  async function warm(pool: pg.Pool, count: number): Promise<void> {
    const held = await Promise.all(Array.from({ length: count }, () => pool.connect()));
    for (const c of held) c.release();
  }

  async function newClient(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    client.on('error', noop);
    await client.connect();
    clients.push(client);
    return client;
  }

  async function fresh(prefix: string) {
    const schema = randomSchema(prefix);
    schemas.push(schema);
    await migrate(admin, { schema });
    const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await admin.query(text.replaceAll('$S', `"${schema}"`), params)).rows as T[];
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of TABLES) out[table] = Number((await sql<{ n: unknown }>(`select count(*)::int as n from $S.${table}`))[0]?.n);
      return out;
    };
    /** Every row of the four tables, as text: "nothing written" means this did not change at all. */
    const snapshot = async () => {
      const out: Record<string, string[]> = {};
      for (const table of TABLES) out[table] = (await sql<{ r: string }>(`select t::text as r from $S.${table} t order by 1`)).map((x) => x.r);
      return out;
    };
    const engineOn = (db: SqlClient, extra: Partial<Parameters<typeof createOrderEngine>[0]> = {}) =>
      createOrderEngine({ storage: createPostgresStorage({ db, schema }), ...extra });
    return { schema, sql, counts, snapshot, engineOn };
  }

  // -------------------------------------------------------------------------------------
  it('16 concurrent writers (own pool, own engine) on the same 3 orders: no lost update, versions 1..N, final state = serial replay', async () => {
    const { schema, sql, engineOn } = await fresh('om_rel_writers');
    const setupEngine = engineOn(admin);
    const orders = ['w0', 'w1', 'w2'];
    // Four split online payments of €6.25 each, authorized: partial captures add up per payment.
    await Promise.all(orders.map((id) => placed(setupEngine, id, { split: 4 })));
    const setupRows = Object.fromEntries(await Promise.all(orders.map(async (id) => [id, (await setupEngine.history(id)).length] as const)));

    interface Op {
      orderId: string;
      event: { type: string } & Record<string, unknown>;
      actor: Actor;
      key: string | undefined;
    }
    /** Each writer's sends, in its order: notes, hold/release pairs, and partial captures with distinct references. */
    const plan = (w: number): Op[] =>
      Array.from({ length: 6 }, (_, i): Op[] => {
        const orderId = orders[(w + i) % orders.length] as string;
        const tag = `w${w}.${i}`;
        switch ((w + i) % 4) {
          case 0:
            return [{ orderId, event: { type: 'NOTIFY_DELAY', reason: 'carrier', note: tag }, actor: staff, key: tag }];
          case 1:
            return [
              { orderId, event: { type: 'PUT_ON_HOLD', reason: 'fraud_check', note: tag }, actor: staff, key: `${tag}.hold` },
              { orderId, event: { type: 'RELEASE_HOLD', note: tag }, actor: staff, key: `${tag}.release` },
            ];
          case 2:
            // A provider fact: no explicit key, the engine keys it by (payment, reference).
            return [{ orderId, event: { type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P${(w % 4) + 1}`, amount: eur(10), providerRef: `cap.${tag}` }, actor: psp, key: undefined }];
          default:
            return [{ orderId, event: { type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P${((w + i) % 4) + 1}`, amount: eur(7), providerRef: `cap.${tag}` }, actor: psp, key: undefined }];
        }
      }).flat();

    let collisions = 0;
    const writers = await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        const pool = newPool(1);
        await warm(pool, 1);
        const base = createPostgresStorage({ db: pool, schema });
        // Counts commits that lost a race, to show the writers really collided.
        const storage: StorageAdapter = {
          ...base,
          async commit(request) {
            const result = await base.commit(request);
            if (!result.ok && result.reason === 'conflict') collisions += 1;
            return result;
          },
        };
        return { w, engine: createOrderEngine({ storage }) };
      }),
    );

    const started = Date.now();
    const outcomes = (
      await Promise.all(
        writers.map(async ({ w, engine }) => {
          const done: { op: Op; key: string; result: SendResult }[] = [];
          for (const op of plan(w)) {
            const result = await engine.send(op.orderId, op.event, { actor: op.actor, ...(op.key ? { idempotencyKey: op.key } : {}) });
            const key = op.key ?? `fact:PAYMENT_CAPTURED:${String(op.event.paymentId)}:${String(op.event.providerRef)}`;
            done.push({ op, key, result });
          }
          return done;
        }),
      )
    ).flat();
    const elapsed = Date.now() - started;

    const byStatus = (status: string) => outcomes.filter((o) => o.result.status === status);
    const statuses = ['applied', 'rejected', 'conflict', 'duplicate', 'invalid', 'forbidden', 'not_found'] as const;
    const tally = Object.fromEntries(statuses.map((s) => [s, byStatus(s).length])) as Record<(typeof statuses)[number], number>;
    console.info(`[writers] ${outcomes.length} sends in ${elapsed} ms: ${JSON.stringify(tally)}; ${collisions} commits lost a race and were re-decided`);
    expect(collisions).toBeGreaterThan(0);
    // Refusals are fine (a RELEASE_HOLD after someone else's release); anything else is not expected.
    expect(tally.duplicate + tally.invalid + tally.forbidden + tally.not_found).toBe(0);
    for (const o of byStatus('conflict')) expect(o.result).toMatchObject({ reason: 'too_many_conflicts' });
    expect(tally.applied).toBeGreaterThan(outcomes.length / 2);
    for (const o of byStatus('rejected')) expect(o.result).toMatchObject({ error: { reason: 'NOT_ALLOWED_IN_STATE' } });

    for (const orderId of orders) {
      const history = await setupEngine.history(orderId);
      const stored = await setupEngine.get(orderId);
      if (!stored) throw new Error(`order ${orderId} vanished`);
      // Versions: 1..N without gaps, N the stored version.
      expect(history.map((h) => h.seq)).toEqual(Array.from({ length: stored.version }, (_, i) => i + 1));

      const mine = outcomes.filter((o) => o.op.orderId === orderId);
      const applied = mine.filter((o) => o.result.status === 'applied');
      // No lost update: every applied send has exactly one history row (found by its key), with its
      // event and actor; a send that was not applied has none; and no other rows exist.
      for (const o of mine) {
        const rows = history.filter((h) => h.idempotencyKey === o.key);
        expect(rows, `${o.key}: ${o.result.status}`).toHaveLength(o.result.status === 'applied' ? 1 : 0);
        if (o.result.status !== 'applied') continue;
        const row = rows[0] as HistoryEntry;
        expect(row.event).toEqual(o.op.event);
        expect(row.actor).toEqual(o.op.actor);
        expect(row.changes).toEqual(o.result.changes);
        expect(row.seq).toBeLessThanOrEqual(o.result.order.version);
        // ... and exactly its effects in the outbox, under that version.
        const outbox = await sql<{ dedupe_key: string }>(`select dedupe_key from $S.outbox where order_id = $1 and seq = $2 order by id`, [orderId, row.seq]);
        expect(outbox.map((m) => m.dedupe_key)).toEqual(o.result.effects.map((_, i) => `${orderId}:${row.seq}:${i}`));
      }
      expect(history.length).toBe(setupRows[orderId]! + applied.length);
      const keys = await sql<{ n: number }>(`select count(*)::int as n from $S.idempotency_keys where order_id = $1 and (key like 'w%' or key like 'fact:PAYMENT_CAPTURED:%:cap.w%')`, [orderId]);
      expect(keys[0]?.n).toBe(applied.length);

      // The final state is what a serial replay of the accepted events, in history order, gives.
      const replayed = replay(history);
      expect(canonical(stored.aggregate)).toBe(canonical(replayed));
      expect(stored.statuses).toEqual(deriveOrderStatuses(replayed));
      // The partial captures all landed: captured money = the applied captures' amounts.
      const capturedByEvents = applied.filter((o) => o.op.event.type === 'PAYMENT_CAPTURED').reduce((s, o) => s + (o.op.event.amount as { amount: number }).amount, 0);
      expect(stored.aggregate.payments.reduce((s, p) => s + p.context.captured, 0)).toBe(capturedByEvents);
    }
  }, 30_000);

  // -------------------------------------------------------------------------------------
  /** Places o1 and delivers the same capture 50 times at once, spread over 5 pools (10 connections each). */
  async function storm() {
    const env = await fresh('om_rel_storm');
    const setupEngine = env.engineOn(admin);
    await placed(setupEngine, 'o1');
    const before = await env.counts();
    const engines = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const pool = newPool(10);
        await warm(pool, 10);
        return env.engineOn(pool);
      }),
    );
    const capture = { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'psp-cap-777' };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => engines[i % engines.length]!.send('o1', capture, { actor: psp, correlationId: `delivery-${i}` })));
    const tally: Record<string, number> = {};
    for (const r of results) tally[r.status] = (tally[r.status] ?? 0) + 1;
    console.info(`[storm] 50 deliveries: ${JSON.stringify(tally)}`);
    return { ...env, setupEngine, before, results, tally };
  }

  it('duplicate-webhook storm: one capture delivered 50 times at once over 5 pools → applied once: one history row, one key, one set of outbox effects', async () => {
    const { sql, counts, setupEngine, before, results } = await storm();
    const applied = results.filter((r) => r.status === 'applied');
    expect(applied).toHaveLength(1);
    const winner = applied[0];
    if (winner?.status !== 'applied') throw new Error('unreachable');
    expect(winner.effects.length).toBeGreaterThan(0);
    // Every repeat, however it raced the first delivery, is answered as a duplicate.
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(49);
    // Every duplicate answers with the stored first outcome.
    const [stored] = await sql<{ result: string }>(`select result::text as result from $S.idempotency_keys where order_id = 'o1' and key = 'fact:PAYMENT_CAPTURED:o1-P1:psp-cap-777'`);
    const first = JSON.parse(stored?.result ?? 'null') as unknown;
    expect(first).toMatchObject({ status: 'applied', version: 8, eventType: 'PAYMENT_CAPTURED', amount: 2500 });
    for (const r of results) if (r.status === 'duplicate') expect(r.first).toEqual(first);

    // Exactly one history row, one key and one set of outbox rows were written.
    const history = await setupEngine.history('o1');
    expect(history.filter((h) => h.eventType === 'PAYMENT_CAPTURED')).toHaveLength(1);
    expect(history.map((h) => h.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await counts()).toEqual({
      orders: before.orders,
      order_history: before.order_history! + 1,
      outbox: before.outbox! + winner.effects.length,
      idempotency_keys: before.idempotency_keys! + 1,
    });
    const outbox = await sql<{ dedupe_key: string }>(`select dedupe_key from $S.outbox where seq = 8 order by id`);
    expect(outbox.map((m) => m.dedupe_key)).toEqual(winner.effects.map((_, i) => `o1:8:${i}`));
    const order = await setupEngine.get('o1');
    expect(order).toMatchObject({ version: 8, statuses: { payment: 'paid' } });
    expect(order?.aggregate.payments[0]?.context.captured).toBe(2500);
  }, 30_000);

  // A repeat that decides on an order loaded before the first delivery committed meets the first
  // delivery's key at commit; one that loads after it is refused and then finds the key. Both
  // are duplicates. This pins the first interleaving down (the storm above meets both).
  it('a repeated capture that races the first delivery is answered `duplicate` (fixed interleaving)', async () => {
    const { schema, engineOn, counts } = await fresh('om_rel_race');
    const first = engineOn(admin);
    await placed(first, 'o1');
    const capture = { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'psp-cap-777' };
    const base = createPostgresStorage({ db: newPool(2), schema });
    let interleaved = false;
    const storage: StorageAdapter = {
      ...base,
      // The repeat loads the order before the capture; the first delivery commits right then; the
      // repeat decides on what it loaded and its commit meets the first delivery's key.
      async load(orderId) {
        const loaded = await base.load(orderId);
        if (!interleaved) {
          interleaved = true;
          expect((await first.send('o1', capture, { actor: psp })).status).toBe('applied');
        }
        return loaded;
      },
    };
    const repeat = await createOrderEngine({ storage }).send('o1', capture, { actor: psp });
    expect(interleaved).toBe(true);
    // Nothing extra was written either way.
    expect((await first.history('o1')).filter((h) => h.eventType === 'PAYMENT_CAPTURED')).toHaveLength(1);
    expect((await counts()).order_history).toBe(8);
    expect(repeat).toMatchObject({ status: 'duplicate', first: { status: 'applied', version: 8, eventType: 'PAYMENT_CAPTURED' } });
  }, 30_000);

  // -------------------------------------------------------------------------------------
  describe('4 OS processes sweeping deadlines at once', () => {
    let bundleDir = '';
    let bundle = '';

    beforeAll(async () => {
      bundleDir = mkdtempSync(join(tmpdir(), 'om-rundue-'));
      bundle = join(bundleDir, 'runDueWorker.mjs');
      // The bundle lives outside the repository, where `pg` cannot be found by name: keep it
      // external but point it at this repository's copy.
      const pgEntry = createRequire(import.meta.url).resolve('pg');
      await build({
        entryPoints: [fileURLToPath(new URL('./runDueWorker.ts', import.meta.url))],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        external: ['pg'],
        outfile: bundle,
        logLevel: 'silent',
        plugins: [{ name: 'pg-from-repo', setup: (b) => b.onResolve({ filter: /^pg$/ }, () => ({ path: pgEntry, external: true })) }],
      });
    }, 30_000);
    afterAll(() => {
      if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
    });

    interface WorkerReport {
      pid: number;
      ms: number;
      fired: { orderId: string; key: string; eventType: string }[];
      skipped: { orderId: string; key: string; reason: string }[];
    }

    /** Starts `count` workers, waits until each is connected, starts them together, collects their reports. */
    async function sweepInProcesses(count: number, env: Record<string, string>): Promise<WorkerReport[]> {
      const children = Array.from({ length: count }, () => {
        const child = spawn(process.execPath, [bundle], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        const ready = new Promise<void>((resolve, reject) => {
          const check = () => (out.includes('"ready"') ? resolve() : undefined);
          child.stdout.on('data', check);
          void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready: ${err}`)));
        });
        return { child, exited, ready, output: () => out, errors: () => err };
      });
      try {
        await Promise.all(children.map((c) => c.ready));
        for (const c of children) c.child.stdin.end('go\n');
        const codes = await Promise.all(children.map((c) => c.exited));
        codes.forEach((code, i) => expect(code, `worker ${i} stderr: ${children[i]?.errors()}`).toBe(0));
        return children.map((c) => {
          const lines = c.output().trim().split('\n');
          return JSON.parse(lines[lines.length - 1] as string) as WorkerReport;
        });
      } finally {
        for (const c of children) if (c.child.exitCode === null) c.child.kill();
      }
    }

    it('200 due unpaid-expiry deadlines: each fires exactly once across the processes', async () => {
      const { schema, sql, engineOn } = await fresh('om_rel_due');
      const clock = { now: () => new Date(T0) };
      const setupEngine = engineOn(admin, { clock });
      const due = Array.from({ length: 200 }, (_, i) => `due${String(i).padStart(3, '0')}`);
      const notDue = Array.from({ length: 10 }, (_, i) => `wire${i}`);
      await inParallel([...due, ...notDue], 16, (id) => placed(setupEngine, id, { method: id.startsWith('wire') ? 'bank_transfer' : 'online' }));
      const now = new Date(Date.parse(T0) + 31 * MINUTE).toISOString();

      const started = Date.now();
      const reports = await sweepInProcesses(4, { DATABASE_URL: DATABASE_URL as string, OM_SCHEMA: schema, OM_NOW: now, OM_BATCH: '10' });
      const elapsed = Date.now() - started;
      console.info(`[runDue] 4 processes, ${elapsed} ms (incl. start): fired per process ${JSON.stringify(reports.map((r) => `${r.fired.length} in ${r.ms} ms`))}`);

      const fired = reports.flatMap((r) => r.fired);
      expect(fired).toHaveLength(200);
      expect(new Set(fired.map((f) => f.orderId))).toEqual(new Set(due));
      expect(fired.every((f) => f.key === 'expire_unpaid' && f.eventType === 'EXPIRE_ORDER')).toBe(true);
      expect(reports.flatMap((r) => r.skipped)).toEqual([]);
      // The sweep really was shared.
      expect(reports.filter((r) => r.fired.length > 0).length).toBeGreaterThanOrEqual(2);

      // In the database: one EXPIRE_ORDER history row per due order (a second firing, even a
      // refused one, would add a row), none for the others; every due order expired.
      const rows = await sql<{ order_id: string; n: number }>(`select order_id, count(*)::int as n from $S.order_history where event_type = 'EXPIRE_ORDER' group by order_id order by order_id`);
      expect(rows).toEqual(due.map((order_id) => ({ order_id, n: 1 })));
      const states = await sql<{ order_state: string; n: number }>(`select order_state, count(*)::int as n from $S.orders group by order_state order by 1`);
      expect(states).toEqual([
        { order_state: 'expired', n: 200 },
        { order_state: 'placed.awaiting_payment', n: 10 },
      ]);
      const keys = await sql<{ n: number }>(`select count(*)::int as n from $S.idempotency_keys where key = 'timer:expire_unpaid'`);
      expect(keys[0]?.n).toBe(200);

      // A later sweep (a restart, another process) finds nothing left to fire.
      const again = await engineOn(admin).runDue(new Date(now));
      expect(again).toEqual({ fired: [], skipped: [] });
    }, 45_000);
  });

  // -------------------------------------------------------------------------------------
  describe('fault injection: a commit that dies midway writes nothing; the engine throws STORAGE_FAILURE; a retry succeeds', () => {
    const capture = { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'cap-fault' };

    async function placedOrder(prefix: string) {
      const env = await fresh(prefix);
      const healthy = env.engineOn(admin);
      await placed(healthy, 'o1');
      return { ...env, healthy, before: await env.snapshot() };
    }

    /** After a failed commit: the order, its history, outbox and keys are exactly as before; a healthy retry applies once. */
    async function expectNothingWrittenThenRetry(env: Awaited<ReturnType<typeof placedOrder>>) {
      expect(await env.snapshot()).toEqual(env.before);
      expect((await env.healthy.get('o1'))?.version).toBe(7);
      const retry = await env.healthy.send('o1', capture, { actor: psp });
      expect(retry.status).toBe('applied');
      if (retry.status !== 'applied') return;
      expect(retry.order).toMatchObject({ version: 8, statuses: { payment: 'paid' } });
      const outbox = await env.sql<{ dedupe_key: string }>(`select dedupe_key from $S.outbox where seq = 8 order by id`);
      expect(outbox.map((m) => m.dedupe_key)).toEqual(retry.effects.map((_, i) => `o1:8:${i}`));
      expect((await env.healthy.history('o1')).filter((h) => h.eventType === 'PAYMENT_CAPTURED')).toHaveLength(1);
    }

    it('(a) the connection is killed while the commit statement waits, after it updated the order row', async () => {
      const env = await placedOrder('om_rel_kill');
      // Another session holds an uncommitted outbox row with the key the commit's first effect
      // will use (o1:8:0): the commit statement updates the order row, then waits on that unique key.
      const blocker = await newClient();
      await blocker.query('begin');
      await blocker.query(
        `insert into "${env.schema}".outbox (order_id, seq, dedupe_key, effect, status, attempts, available_at, created_at, updated_at)
         values ('o1', 8, 'o1:8:0', '{}', 'pending', 0, now(), now(), now())`,
      );
      const victim = await newClient();
      const pid = Number((await victim.query('select pg_backend_pid() as pid')).rows[0].pid);
      const engine = env.engineOn(victim);
      const sending = engine.send('o1', capture, { actor: psp }).then(
        (result) => ({ result, error: null }),
        (error: unknown) => ({ result: null, error: error as OrderMachineError }),
      );

      // Wait until the commit statement is blocked on the lock...
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [row] = await env.sql<{ wait_event_type: string | null; query: string }>(`select wait_event_type, query from pg_stat_activity where pid = $1`, [pid]);
        if (row?.wait_event_type === 'Lock' && isCommitUpdate(row.query)) break;
        if (Date.now() > deadline) throw new Error(`the commit never blocked: ${JSON.stringify(row)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      // ...having already written the new order row (it holds that row's lock)...
      await expect(env.sql(`select 1 from $S.orders where id = 'o1' for update nowait`)).rejects.toMatchObject({ code: '55P03' });
      // ...and kill its connection.
      await env.sql(`select pg_terminate_backend($1)`, [pid]);
      const outcome = await sending;
      await blocker.query('rollback');

      // An infrastructure failure is not a result: send() rejects with STORAGE_FAILURE, the driver's error as cause.
      expect(outcome.result).toBeNull();
      expect(outcome.error).toBeInstanceOf(OrderMachineError);
      expect(outcome.error).toMatchObject({ code: 'STORAGE_FAILURE', message: expect.stringMatching(/^commit failed: /) });
      expect(outcome.error?.cause).toMatchObject({ code: '57P01', message: 'terminating connection due to administrator command' });
      console.info(`[fault a] send() rejected: ${outcome.error?.code} ${outcome.error?.message}`);
      await expectNothingWrittenThenRetry(env);
    }, 30_000);

    it('(a′) the server ends the session just as the commit statement is sent', async () => {
      const env = await placedOrder('om_rel_kill2');
      const victim = await newClient();
      let killed = false;
      const dying: SqlClient = {
        async query(text, params) {
          if (!killed && isCommitUpdate(text)) {
            killed = true;
            await victim.query('select pg_terminate_backend(pg_backend_pid())').catch(noop);
          }
          return victim.query(text, params);
        },
      };
      const error = await env.engineOn(dying).send('o1', capture, { actor: psp }).then(
        (result) => {
          throw new Error(`expected send() to reject, got ${JSON.stringify(result)}`);
        },
        (e: unknown) => e as OrderMachineError,
      );
      expect(killed).toBe(true);
      expect(error).toBeInstanceOf(OrderMachineError);
      expect(error).toMatchObject({ code: 'STORAGE_FAILURE', message: expect.stringMatching(/^commit failed: /) });
      expect((error.cause as Error).message).toMatch(/not queryable|Connection terminated|terminating connection/);
      console.info(`[fault a′] send() rejected: ${error.code} ${error.message}`);
      await expectNothingWrittenThenRetry(env);
    }, 30_000);

    it('(b) a statement error after the state write (an outbox key that collides) rolls back the whole commit', async () => {
      const env = await placedOrder('om_rel_stmt');
      const [existing] = await env.sql<{ dedupe_key: string }>(`select dedupe_key from $S.outbox where order_id = 'o1' order by id limit 1`);
      expect(existing?.dedupe_key).toMatch(/^o1:\d+:\d+$/);
      // A SqlClient that appends one outbox message reusing an existing dedupe key to the commit:
      // the order update and the history insert run, then the outbox insert violates the unique
      // key. (The outbox insert reads the order update's output, so the violation itself proves
      // the order row had been written in the statement.)
      let tampered = false;
      const faulty: SqlClient = {
        query(text, params = []) {
          if (!isCommitUpdate(text)) return admin.query(text, params);
          const i = params.findIndex((p) => typeof p === 'string' && p.startsWith('[{"dedupeKey"'));
          expect(i).toBeGreaterThanOrEqual(0);
          const outbox = JSON.parse(params[i] as string) as { dedupeKey: string; effect: unknown }[];
          const bad = [...params];
          bad[i] = JSON.stringify([...outbox, { dedupeKey: existing?.dedupe_key, effect: outbox[0]?.effect }]);
          tampered = true;
          return admin.query(text, bad);
        },
      };
      const error = await env.engineOn(faulty).send('o1', capture, { actor: psp }).then(
        (result) => {
          throw new Error(`expected send() to reject, got ${JSON.stringify(result)}`);
        },
        (e: unknown) => e as OrderMachineError,
      );
      expect(tampered).toBe(true);
      expect(error).toBeInstanceOf(OrderMachineError);
      expect(error).toMatchObject({ code: 'STORAGE_FAILURE', message: expect.stringMatching(/^commit failed: duplicate key/) });
      expect(error.cause).toMatchObject({ code: '23505', constraint: 'outbox_dedupe_key_key' });
      console.info(`[fault b] send() rejected: ${error.code} ${error.message}`);
      await expectNothingWrittenThenRetry(env);
    }, 30_000);
  });

  // -------------------------------------------------------------------------------------
  describe('bad input through the engine', () => {
    it('invalid events, unknown order ids and forged actors get typed results; no table changes', async () => {
      const { snapshot, engineOn } = await fresh('om_rel_bad');
      const engine = engineOn(admin);
      await placed(engine, 'bank', { method: 'bank_transfer' });
      await placed(engine, 'card');
      await must(engine.send('card', { type: 'PAYMENT_CAPTURED', paymentId: 'card-P1', amount: eur(2500), providerRef: 'cap-1' }, { actor: psp }));
      const before = await snapshot();

      const cases: [name: string, orderId: string, event: unknown, actor: Actor, options?: object][] = [
        ['unknown order', 'nope', { type: 'CONFIRM_ORDER' }, staff],
        ['unknown order, provider fact', 'nope', { type: 'PAYMENT_CAPTURED', paymentId: 'nope-P1', amount: eur(1), providerRef: 'r' }, psp],
        ['unknown order, keyed', 'nope', { type: 'CONFIRM_ORDER' }, staff, { idempotencyKey: 'k-nope' }],
        ['unknown event type', 'bank', { type: 'DROP_TABLE' }, staff],
        ['event is null', 'bank', null, staff],
        ['event is a string', 'bank', 'CONFIRM_ORDER', staff],
        ['fractional amount', 'bank', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'bank-P1', reference: 'TRX', amount: { amount: 2500.5, currency: 'EUR' } }, staff],
        ['negative amount', 'bank', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'bank-P1', reference: 'TRX', amount: { amount: -1, currency: 'EUR' } }, staff],
        ['other currency', 'bank', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'bank-P1', reference: 'TRX', amount: { amount: 2500, currency: 'USD' } }, staff],
        ['missing field', 'bank', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'bank-P1', amount: eur(2500) }, staff],
        ['unknown field', 'bank', { type: 'CONFIRM_ORDER', sql: "'; drop table orders; --" }, staff],
        ['huge note', 'bank', { type: 'PUT_ON_HOLD', reason: 'other', note: 'x'.repeat(100_000) }, staff],
        ['unknown actor kind', 'bank', { type: 'CONFIRM_ORDER' }, { kind: 'root', id: 'x' } as unknown as Actor],
        ['actor without id', 'bank', { type: 'CONFIRM_ORDER' }, { kind: 'staff' } as unknown as Actor],
        ['empty idempotency key', 'bank', { type: 'CONFIRM_ORDER' }, staff, { idempotencyKey: '' }],
        ['idempotency key too long', 'bank', { type: 'CONFIRM_ORDER' }, staff, { idempotencyKey: 'k'.repeat(201) }],
        ['expectedVersion 1.5', 'bank', { type: 'CONFIRM_ORDER' }, staff, { expectedVersion: 1.5 }],
        ['invalid capture (new reference)', 'card', { type: 'PAYMENT_CAPTURED', paymentId: 'card-P1', amount: { amount: -5, currency: 'EUR' }, providerRef: 'cap-2' }, psp],
        ['customer confirms a bank transfer', 'bank', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'bank-P1', reference: 'TRX', amount: eur(2500) }, customer, { idempotencyKey: 'forged' }],
        ['customer confirms the order', 'bank', { type: 'CONFIRM_ORDER' }, customer],
        ['carrier cancels', 'bank', { type: 'CANCEL_ORDER', reason: 'fraud' }, { kind: 'carrier', id: 'post' }],
        ['provider refunds by request', 'card', { type: 'REQUEST_REFUND', paymentId: 'card-P1', amount: eur(100), reason: 'x' }, psp],
        ['wrong state', 'bank', { type: 'COMPLETE_ORDER' }, staff, { idempotencyKey: 'k-rejected' }],
      ];
      const got: Record<string, string> = {};
      for (const [name, orderId, event, actor, options] of cases) got[name] = (await engine.send(orderId, event, { actor, ...options })).status;
      expect(got).toEqual({
        'unknown order': 'not_found',
        'unknown order, provider fact': 'not_found',
        'unknown order, keyed': 'not_found',
        'unknown event type': 'invalid',
        'event is null': 'invalid',
        'event is a string': 'invalid',
        'fractional amount': 'invalid',
        'negative amount': 'invalid',
        'other currency': 'invalid',
        'missing field': 'invalid',
        'unknown field': 'invalid',
        'huge note': 'invalid',
        'unknown actor kind': 'invalid',
        'actor without id': 'invalid',
        'empty idempotency key': 'invalid',
        'idempotency key too long': 'invalid',
        'expectedVersion 1.5': 'invalid',
        'invalid capture (new reference)': 'invalid',
        'customer confirms a bank transfer': 'forbidden',
        'customer confirms the order': 'forbidden',
        'carrier cancels': 'forbidden',
        'provider refunds by request': 'forbidden',
        'wrong state': 'rejected',
      });
      // Not a row changed in any table: orders (versions, statuses, updated_at), history, outbox, keys.
      expect(await snapshot()).toEqual(before);
      // The forged request did not take its key: staff can use it.
      expect((await engine.send('bank', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'bank-P1', reference: 'TRX', amount: eur(2500) }, { actor: staff, idempotencyKey: 'forged' })).status).toBe('applied');
    }, 30_000);

    // A repeated provider reference is compared with the first report only after the event is
    // validated and its sender may report it: a customer knowing a capture reference cannot write
    // history rows, and a malformed repeat is `invalid`, not a recorded `conflict`.
    it('a forged or invalid repeat of a known provider reference is refused and writes nothing', async () => {
      const { snapshot, engineOn } = await fresh('om_rel_bad_fact');
      const engine = engineOn(admin);
      await placed(engine, 'card');
      await must(engine.send('card', { type: 'PAYMENT_CAPTURED', paymentId: 'card-P1', amount: eur(2500), providerRef: 'cap-1' }, { actor: psp }));
      const before = await snapshot();
      const forged = await engine.send('card', { type: 'PAYMENT_CAPTURED', paymentId: 'card-P1', amount: eur(1), providerRef: 'cap-1' }, { actor: customer });
      const invalid = await engine.send('card', { type: 'PAYMENT_CAPTURED', paymentId: 'card-P1', amount: { amount: -7.5, currency: 'XXX' }, providerRef: 'cap-1', junk: true }, { actor: psp });
      const after = await snapshot();
      const written = (table: (typeof TABLES)[number]) => after[table]!.length - before[table]!.length;
      expect({ forged: forged.status, invalid: invalid.status, historyRowsWritten: written('order_history') }).toEqual({ forged: 'forbidden', invalid: 'invalid', historyRowsWritten: 0 });
      expect(after).toEqual(before);
    }, 30_000);
  });
});
