/**
 * The send figures: persisted `engine.send` through the PostgreSQL adapter, against the raw-SQL
 * baseline writing the same rows by hand, at a number of concurrent clients, each driving its own
 * orders through the script's whole lifecycle.
 */
import { createOrderEngine, type StorageAdapter } from 'ordermachine';
import { createPostgresStorage, type SqlClient } from 'ordermachine/postgres';
import { createRawStore } from './createRawStore.js';
import { measured, type Figure, type FigureId } from './Figure.js';
import { scriptOrderInput, scriptSteps, type ScriptStep } from './lifecycleScript.js';
import { median } from './median.js';
import type { RawDb } from './RawDb.js';
import { stepKey, type RecordedScript } from './recordCommits.js';

/** A database to send on: the adapter's handle and the baseline's, on one migrated schema. */
export interface SendTarget {
  /** `PostgreSQL 15.x` or `PGlite 0.x (PostgreSQL 17.x)`, for the report. */
  readonly label: string;
  readonly sql: SqlClient;
  readonly raw: RawDb;
  readonly schema: string;
}

/** What to measure. */
export interface SendPlan {
  readonly id: FigureId;
  readonly clients: number;
  readonly ordersPerClient: number;
  readonly rounds: number;
}

/** Time spent in each storage method, summed over calls. */
type StorageTimes = Map<string, { calls: number; ms: number }>;

/** The adapter with a stopwatch on every method, to show where a send spends its time. */
function timed(storage: StorageAdapter, times: StorageTimes): StorageAdapter {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(storage)) {
    if (typeof member !== 'function') {
      wrapped[name] = member;
      continue;
    }
    wrapped[name] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await (member as (...a: unknown[]) => Promise<unknown>).apply(storage, args);
      } finally {
        const entry = times.get(name) ?? { calls: 0, ms: 0 };
        entry.calls += 1;
        entry.ms += performance.now() - start;
        times.set(name, entry);
      }
    };
  }
  // Same methods, each wrapped; the port's shape is unchanged.
  return wrapped as unknown as StorageAdapter;
}

/** Runs every client's orders through every step; the wall time in ms. */
async function drive(ids: readonly (readonly string[])[], steps: number, send: (orderId: string, step: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  await Promise.all(
    ids.map(async (orders) => {
      for (const orderId of orders) for (let i = 0; i < steps; i += 1) await send(orderId, i);
    }),
  );
  return performance.now() - start;
}

/** The rows one order has, to check that ours and the baseline wrote the same. */
async function footprint(sql: SqlClient, schema: string, orderId: string): Promise<string> {
  const s = `"${schema}"`;
  const { rows } = await sql.query(
    `select o.version::text as version, o.order_state, o.payment_status, o.fulfilment_status, o.return_status, o.customer_status,
            (select count(*) from ${s}.order_history h where h.order_id = o.id)::text as history,
            (select count(*) from ${s}.outbox m where m.order_id = o.id)::text as outbox,
            (select count(*) from ${s}.idempotency_keys k where k.order_id = o.id)::text as keys
       from ${s}.orders o where o.id = $1`,
    [orderId],
  );
  const row = rows[0] as Record<string, string> | undefined;
  if (row === undefined) return 'missing';
  return `version ${row.version}, ${row.order_state} / ${row.payment_status} / ${row.fulfilment_status} / ${row.return_status} / ${row.customer_status}, ${row.history} history rows, ${row.outbox} outbox rows, ${row.keys} keys`;
}

/**
 * Measures one send figure.
 *
 * @param target - the database
 * @param recorded - the script's writes, for the baseline
 * @param plan - figure id, clients, orders per client, rounds
 * @returns the figure and the ids of the orders ours drove through the whole lifecycle
 */
export async function benchSend(target: SendTarget, recorded: RecordedScript, plan: SendPlan): Promise<{ figure: Figure; completed: string[] }> {
  const times: StorageTimes = new Map();
  const engine = createOrderEngine({ storage: timed(createPostgresStorage({ db: target.sql, schema: target.schema }), times) });
  const raw = createRawStore(target.raw, target.schema);
  const stepCount = recorded.steps.length;
  const ids = (side: string, round: number) =>
    Array.from({ length: plan.clients }, (_, c) => Array.from({ length: plan.ordersPerClient }, (_, n) => `${plan.id}-${side}-r${round}-c${c}-n${n}`));

  /** Where ours spent its time in the last round: storage calls per send, their mean latency, their share. */
  let breakdown = '';
  const oursRound = async (round: number) => {
    const orders = ids('om', round);
    const scripts = new Map<string, ScriptStep[]>();
    await Promise.all(
      orders.map(async (list) => {
        for (const orderId of list) {
          const created = await engine.create(scriptOrderInput(orderId));
          if (created.status !== 'created') throw new Error(`bench: engine.create ${orderId}: ${created.status}`);
          scripts.set(orderId, scriptSteps(orderId));
        }
      }),
    );
    times.clear();
    const ms = await drive(orders, stepCount, async (orderId, i) => {
      const step = (scripts.get(orderId) as ScriptStep[])[i] as ScriptStep;
      const result = await engine.send(orderId, step.event, { actor: step.actor, idempotencyKey: stepKey(orderId, i) });
      if (result.status !== 'applied') throw new Error(`bench: engine.send ${orderId} step ${i + 1} ${step.event.type}: ${JSON.stringify(result).slice(0, 400)}`);
    });
    const sends = orders.flat().length * stepCount;
    // The share is of the clients' combined time (wall time × clients).
    const inStorage = [...times.values()].reduce((sum, t) => sum + t.ms, 0);
    const calls = [...times.entries()].map(([name, t]) => `${name} ${(t.calls / sends).toFixed(1)}× ${(t.ms / t.calls).toFixed(2)} ms`);
    breakdown = `${calls.join(', ')}; storage ${((100 * inStorage) / (ms * plan.clients)).toFixed(0)}% of the time`;
    return { ms, orders: orders.flat() };
  };

  const rawRound = async (round: number) => {
    const orders = ids('raw', round);
    await Promise.all(
      orders.map(async (list) => {
        for (const orderId of list) await raw.create(orderId, recorded.create);
      }),
    );
    const ms = await drive(orders, stepCount, async (orderId, i) => {
      const outcome = await raw.send(orderId, recorded.steps[i] as RecordedScript['steps'][number]);
      if (outcome !== 'applied') throw new Error(`bench: raw send ${orderId} step ${i + 1}: ${outcome}`);
    });
    return { ms, orders: orders.flat() };
  };

  const ops = plan.clients * plan.ordersPerClient * stepCount;
  const ours: number[] = [];
  const base: number[] = [];
  const completed: string[] = [];
  let rawSample = '';
  // ABBA: the side that goes first alternates, so a drift in the machine's load favours neither.
  for (let round = 0; round < plan.rounds; round += 1) {
    const order = round % 2 === 0 ? (['ours', 'raw'] as const) : (['raw', 'ours'] as const);
    for (const side of order) {
      if (side === 'ours') {
        const r = await oursRound(round);
        ours.push((ops * 1000) / r.ms);
        completed.push(...r.orders);
      } else {
        const r = await rawRound(round);
        base.push((ops * 1000) / r.ms);
        rawSample = r.orders[0] ?? '';
      }
    }
  }
  const oursRows = await footprint(target.sql, target.schema, completed[0] ?? '');
  const rawRows = await footprint(target.sql, target.schema, rawSample);
  const same = oursRows === rawRows;
  const figure = measured(
    {
      id: plan.id,
      title: `engine.send on ${target.label}, ${plan.clients} client${plan.clients === 1 ? '' : 's'}`,
      ours: median(ours),
      baseline: median(base),
      detail:
        `${plan.clients} client(s) × ${plan.ordersPerClient} order(s) × the script's ${stepCount} events (${ops} sends per round, ${plan.rounds} round(s), ABBA order, medians), each send with an idempotency key. ` +
        `Baseline: the same writes by hand — SELECT the order and whether the key was seen, then BEGIN; UPDATE … WHERE version = $seen; INSERT history; INSERT outbox (one multi-row INSERT); INSERT key; COMMIT — with the new state precomputed (recorded once from the engine); on PostgreSQL as named (prepared) statements. ` +
        `Ours: load, apply, one prepared CTE commit — per send (last round): ${breakdown}. Rows per order after the lifecycle: ${same ? `identical (${oursRows})` : `DIFFER — ours: ${oursRows}; baseline: ${rawRows}`}. ` +
        `Per-round sends/s, ours: ${ours.map((x) => x.toFixed(0)).join(', ')}; baseline: ${base.map((x) => x.toFixed(0)).join(', ')}.`,
    },
    (r) => r >= 0.8 && same,
  );
  return { figure, completed };
}
