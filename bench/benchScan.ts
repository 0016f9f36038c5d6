/**
 * The growth figures: the timer sweep (`engine.runDue`) and a status list (`engine.list`) on a
 * small and a large table of stored orders (100k and 1M in the full run), one schema each,
 * measured in turns. Orders are bulk-loaded with SQL into the adapter's own tables, with a
 * realistic mix of states and deadlines; each timed sweep fires exactly one batch of due orders,
 * with a fixed clock.
 */
import {
  computeDeadlines,
  createOrderEngine,
  DEFAULT_ENGINE_POLICY,
  deriveOrderStatuses,
  type OrderAggregate,
  type OrderEngine,
  type StorageAdapter,
} from 'ordermachine';
import type pg from 'pg';
import { createPostgresStorage, type SqlClient } from 'ordermachine/postgres';
import type { BenchScale } from './benchScale.js';
import { explainIndexUse, type IndexUse } from './explainIndexUse.js';
import { measured, type Figure } from './Figure.js';
import { median } from './median.js';
import { ORDER_MIX } from './orderMix.js';
import { TEMPLATE_ID } from './recordCommits.js';
import { scriptSnapshots } from './scriptSnapshots.js';

/** The stage the due orders are in: placed, awaiting an online payment whose window runs out. */
const DUE_STAGE = 6;
/** Deadlines of the bulk orders lie here and after, far beyond the fixed clocks of the sweeps. */
const FAR_DEADLINES = '2031-01-01T00:00:00Z';
/** The status the list figure pages through. */
const LIST_FILTER = { orderState: 'completed' } as const;
/** A state few orders are in — the due orders the sweeps expired —, whose page must take the status index. */
const RARE_STATE = 'expired';

interface Captured {
  readonly text: string;
  readonly params: readonly unknown[];
}

/** A handle that remembers the statements the adapter sends, so the bench can EXPLAIN exactly those. */
function capturing(db: SqlClient, log: Captured[]): SqlClient {
  return {
    query(text, params) {
      log.push({ text, params: params ?? [] });
      if (log.length > 50) log.splice(0, log.length - 50);
      return db.query(text, params);
    },
  };
}

async function count(db: SqlClient, s: string): Promise<number> {
  const { rows } = await db.query(`select count(*)::text as n from ${s}.orders`);
  return Number((rows[0] as { n: string }).n);
}

/** One table of the comparison: its schema, its engine and what was measured on it. */
interface Table {
  readonly schema: string;
  readonly engine: OrderEngine;
  /** Statements its adapter sent, the last 50. */
  readonly statements: Captured[];
  readonly deadlines: readonly Date[];
  rows: number;
  cursor: string | null;
  readonly runDue: number[];
  readonly fired: number[];
  readonly claim: number[];
  readonly list: number[];
}

/**
 * Measures figures `due_scan_growth` and `list_scan_growth`: two schemas are filled to the small
 * and the large size, then measured in turns (small, large, large, small, …), so a change in the
 * machine's load during the run weighs on both sizes alike.
 *
 * @param db - the database
 * @param schemas - two migrated, empty schemas: they are filled to the small and the large size
 * @param label - the database, for the report
 * @param scale - sizes, batch and repeats
 * @param log - progress lines go here (the full run loads a million orders)
 */
export async function benchScan(db: pg.Pool, schemas: readonly [string, string], label: string, scale: BenchScale, log: (line: string) => void): Promise<[Figure, Figure]> {
  const stages = scriptSnapshots(TEMPLATE_ID);
  const stageAt = (i: number) => (stages[i] as (typeof stages)[number]).order;

  // Bulk templates: the mix as percent ranges, with the stored columns of each stage.
  let lo = 0;
  const templates = ORDER_MIX.map(({ stage, percent }) => {
    const order = stageAt(stage);
    const statuses = deriveOrderStatuses(order);
    const hasDeadline = computeDeadlines(order, DEFAULT_ENGINE_POLICY, { fired: [] }).length > 0;
    const t = { lo, hi: lo + percent - 1, statuses, hasDeadline, aggregate: order };
    lo += percent;
    return t;
  });
  const templateRows = JSON.stringify(
    templates.map((t) => ({
      lo: t.lo,
      hi: t.hi,
      order_state: t.statuses.order,
      payment_status: t.statuses.payment,
      fulfilment_status: t.statuses.fulfilment,
      return_status: t.statuses.returns,
      customer_status: t.statuses.customer,
      has_deadline: t.hasDeadline,
      aggregate: t.aggregate,
    })),
  );
  // Rows g = from..to; the percent bucket is spread over ids; the aggregate's id follows the row's.
  const bulkInsert = (s: string) => `insert into ${s}.orders (id, version, schema_version, order_state, payment_status, fulfilment_status, return_status,
                             customer_status, next_deadline_at, due_claimed_until, aggregate, timers, created_at, updated_at)
select b.id, 20, 1, t.order_state, t.payment_status, t.fulfilment_status, t.return_status, t.customer_status,
       case when t.has_deadline then timestamptz '${FAR_DEADLINES}' + (g % 10007) * interval '1 minute' end,
       null, jsonb_set(t.aggregate, '{id}', to_jsonb(b.id)), '{"fired":[]}'::jsonb, now(), now()
  from generate_series($2::int, $3::int) g
 cross join lateral (select 'bulk-' || lpad(g::text, 9, '0') as id) b
  join jsonb_to_recordset($1::text::jsonb) as t(lo int, hi int, order_state text, payment_status text, fulfilment_status text,
                                                return_status text, customer_status text, has_deadline boolean, aggregate jsonb)
    on (g * 37) % 100 between t.lo and t.hi`;

  // Due orders: awaiting payment, placed so that their payment window ends at `deadline`.
  const dueOrder = stageAt(DUE_STAGE);
  const dueStatuses = deriveOrderStatuses(dueOrder);
  const windowMs = DEFAULT_ENGINE_POLICY.paymentWindowMinutes.online * 60_000;
  const dueAggregate = (id: string, deadline: Date): string => {
    // A deep copy whose placing time is moved: the only input of the expiry deadline.
    const aggregate = structuredClone(dueOrder) as unknown as { order: { context: { placedAt: string | null } } };
    aggregate.order.context.placedAt = new Date(deadline.getTime() - windowMs).toISOString();
    return JSON.stringify(aggregate).split(TEMPLATE_ID).join(id);
  };
  const insertDue = async (s: string, repeat: number, deadline: Date) => {
    const rows = Array.from({ length: scale.scanBatch }, (_, n) => {
      const id = `due-r${repeat}-${String(n).padStart(6, '0')}`;
      return { id, aggregate: dueAggregate(id, deadline) };
    });
    await db.query(
      `insert into ${s}.orders (id, version, schema_version, order_state, payment_status, fulfilment_status, return_status,
                                customer_status, next_deadline_at, due_claimed_until, aggregate, timers, created_at, updated_at)
       select r.id, 7, 1, $2, $3, $4, $5, $6, $7::timestamptz, null, r.aggregate::jsonb, '{"fired":[]}'::jsonb, now(), now()
         from jsonb_to_recordset($1::text::jsonb) as r(id text, aggregate text)`,
      [JSON.stringify(rows), dueStatuses.order, dueStatuses.payment, dueStatuses.fulfilment, dueStatuses.returns, dueStatuses.customer, deadline.toISOString()],
    );
  };
  // Check that the aggregate really is due when the stored column says so.
  const probe = JSON.parse(dueAggregate('probe', new Date('2026-06-01T00:00:00Z'))) as OrderAggregate;
  const probeDeadline = computeDeadlines(probe, DEFAULT_ENGINE_POLICY, { fired: [] })[0];
  if (probeDeadline?.dueAt.toISOString() !== '2026-06-01T00:00:00.000Z') throw new Error(`bench: due orders would not be due (${probeDeadline?.key} at ${probeDeadline?.dueAt.toISOString()})`);

  // Fill both tables: the due batches (one per repeat, an hour apart), then the bulk of the mix.
  const deadlines = Array.from({ length: scale.scanRepeats }, (_, r) => new Date(Date.parse('2026-06-01T00:00:00Z') + r * 3_600_000));
  const tables: Table[] = [];
  for (const [i, schema] of schemas.entries()) {
    const s = `"${schema}"`;
    const size = scale.scanSizes[i] as number;
    const started = performance.now();
    for (const [r, deadline] of deadlines.entries()) await insertDue(s, r, deadline);
    const bulk = size - (await count(db, s));
    const chunk = 100_000;
    for (let from = 1; from <= bulk; from += chunk) {
      const to = Math.min(bulk, from + chunk - 1);
      await db.query(bulkInsert(s), [templateRows, from, to]);
      if (bulk > chunk) log(`  ${to.toLocaleString('en')} of ${bulk.toLocaleString('en')} bulk orders loaded`);
    }
    await db.query(`analyze ${s}.orders`);
    const rows = await count(db, s);
    log(`  ${rows.toLocaleString('en')} orders stored in ${schema} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const statements: Captured[] = [];
    const storage: StorageAdapter = createPostgresStorage({ db: capturing(db, statements), schema });
    const engine = createOrderEngine({ storage, dueBatchSize: scale.scanBatch });
    tables.push({ schema, engine, statements, deadlines, rows, cursor: null, runDue: [], fired: [], claim: [], list: [] });
  }

  // The claim alone (the index scan inside runDue), timed in a transaction that is rolled back,
  // so it can be repeated on the same due orders without taking their lease.
  const claimAlone = async (schema: string, now: Date): Promise<number> => {
    const client = await db.connect();
    try {
      await client.query('begin');
      const start = performance.now();
      const due = await createPostgresStorage({ db: client, schema }).claimDue(now.toISOString(), { limit: scale.scanBatch, leaseMs: 60_000 });
      const ms = performance.now() - start;
      if (due.length !== scale.scanBatch) throw new Error(`bench: claimed ${due.length} due orders instead of ${scale.scanBatch}`);
      return ms;
    } finally {
      await client.query('rollback');
      client.release();
    }
  };
  const inTurns = (round: number): Table[] => (round % 2 === 0 ? tables : [...tables].reverse());
  const firstDue = new Date((deadlines[0] as Date).getTime() + 60_000);
  for (let round = 0; round < 2 * scale.scanRepeats + 1; round += 1) {
    for (const table of inTurns(round)) table.claim.push(await claimAlone(table.schema, firstDue));
  }
  for (const [round, deadline] of deadlines.entries()) {
    for (const table of inTurns(round)) {
      const start = performance.now();
      const report = await table.engine.runDue(new Date(deadline.getTime() + 60_000));
      table.runDue.push(performance.now() - start);
      table.fired.push(report.fired.length);
    }
  }
  // Pages in turns, each table following its own cursor; the first page of each warms up.
  for (let page = 0; page < scale.scanRepeats + 1; page += 1) {
    for (const table of inTurns(page)) {
      const start = performance.now();
      const result = await table.engine.list({ ...LIST_FILTER, limit: scale.scanBatch, cursor: table.cursor });
      if (page > 0) table.list.push(performance.now() - start);
      if (result.items.length !== scale.scanBatch) throw new Error(`bench: a page of ${result.items.length} orders instead of ${scale.scanBatch}`);
      table.cursor = result.nextCursor;
    }
  }
  const results = tables.map((t) => ({ size: t.rows, runDue: median(t.runDue), claim: median(t.claim), list: median(t.list), fired: t.fired }));

  // EXPLAIN exactly the statements the adapter sent, on the large table.
  const statements = (tables[1] as Table).statements;
  const claimStatement = [...statements].reverse().find((st) => st.text.includes('for update skip locked') && st.text.includes('due_claimed_until'));
  const listStatement = [...statements].reverse().find((st) => st.text.trimStart().startsWith('select') && st.text.includes('order by o.id limit'));
  if (!claimStatement || !listStatement) throw new Error('bench: the adapter issued no claimDue or list statement to explain');
  const duePlan: IndexUse = await explainIndexUse(db, claimStatement, 'orders', ['orders_next_deadline_at_idx']);
  // A page of a common status may walk the primary key (in id order, stopping after a page); the
  // same statement for a rare status must take the status index.
  const listPlan: IndexUse = await explainIndexUse(db, listStatement, 'orders', ['orders_order_state_idx', 'orders_pkey']);
  const rarePlan: IndexUse = await explainIndexUse(db, { text: listStatement.text, params: [RARE_STATE, ...listStatement.params.slice(1)] }, 'orders', ['orders_order_state_idx']);
  const { rows: rareRows } = await db.query(`select count(*)::text as n from "${(tables[1] as Table).schema}".orders where order_state = $1`, [RARE_STATE]);
  const rareCount = Number((rareRows[0] as { n: string }).n);

  const [small, large] = results as [(typeof results)[number], (typeof results)[number]];
  const allFired = results.every((r) => r.fired.every((n) => n === scale.scanBatch));
  const n = (x: number) => x.toLocaleString('en');
  const batch = n(scale.scanBatch);
  return [
    measured(
      {
        id: 'due_scan_growth',
        title: `runDue: one batch of ${batch} due orders at ${n(large.size)} vs ${n(small.size)} orders (${label})`,
        ours: large.runDue,
        baseline: small.runDue,
        unit: `ms per batch of ${batch}`,
        detail:
          `ours = median time of engine.runDue(fixed clock) firing exactly ${batch} due orders (EXPIRE_ORDER) in a table of ${n(large.size)} orders; baseline = the same in a table of ${n(small.size)} orders, measured in turns with it; ratio = growth. ` +
          `Fired per call: ${results.map((r) => r.fired.join('/')).join(' and ')}${allFired ? '' : ' (NOT one full batch each)'}. ` +
          `The claim alone (claimDue of ${batch}, the index scan; median of ${2 * scale.scanRepeats + 1}, each rolled back): ${small.claim.toFixed(1)} ms → ${large.claim.toFixed(1)} ms (×${(large.claim / small.claim).toFixed(2)}). ` +
          `Mix: ${ORDER_MIX.map((m) => `${m.percent}% ${m.label}`).join(', ')}; deadlines of orders not due lie in ${FAR_DEADLINES.slice(0, 4)}+. ` +
          `EXPLAIN of the claim: ${duePlan.usesIndex ? 'index used' : 'INDEX NOT USED'} — ${duePlan.summary}`,
      },
      (ratio) => ratio <= 1.5 && duePlan.usesIndex && allFired,
    ),
    measured(
      {
        id: 'list_scan_growth',
        title: `list({ orderState: 'completed', limit: ${batch} }) at ${n(large.size)} vs ${n(small.size)} orders (${label})`,
        ours: large.list,
        baseline: small.list,
        unit: `ms per page of ${batch}`,
        detail:
          `ours = median time of a page of ${batch} (pages 2–${scale.scanRepeats + 1}, following the cursor) in a table of ${n(large.size)} orders; baseline = the same in a table of ${n(small.size)}, in turns; ratio = growth. ` +
          `EXPLAIN of the page: ${listPlan.usesIndex ? 'index used' : 'INDEX NOT USED'} — ${listPlan.summary} (for a state most orders are in, walking the primary key in id order and stopping after a page is the planner's cheaper choice; either index keeps the page's cost independent of the table's size). ` +
          `The same statement for the rare state '${RARE_STATE}' (${n(rareCount)} orders, the ones the sweeps expired): ${rarePlan.usesIndex ? 'status index used' : 'STATUS INDEX NOT USED'} — ${rarePlan.summary}`,
      },
      (ratio) => ratio <= 1.5 && listPlan.usesIndex && rarePlan.usesIndex,
    ),
  ];
}
