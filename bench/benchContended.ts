/**
 * The contended figure: 16 clients adding lines to ONE cart at once. Every write needs the one
 * before it, so most attempts lose the version race and retry; what counts is the commits per
 * second and that no committed line is lost.
 */
import { createOrderEngine, type LineItemInput } from 'ordermachine';
import { createPostgresStorage, type SqlClient } from 'ordermachine/postgres';
import { createRawStore } from './createRawStore.js';
import { measured, type Figure } from './Figure.js';
import { SCRIPT_ACTORS, scriptOrderInput } from './lifecycleScript.js';
import type { RawDb } from './RawDb.js';
import type { RecordedScript } from './recordCommits.js';

/** The engine's default wait before retry `attempt` (random 0–2^attempt ms, at most 100 ms); the baseline waits the same. */
const backoff = (attempt: number) => Math.min(100, Math.random() * 2 ** attempt);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The engine's default attempts per send; the baseline gives up after as many. */
const MAX_ATTEMPTS = 20;

const line = (client: number, op: number): LineItemInput => ({
  lineId: `c${client}-op${op}`,
  sku: `SKU-${client}-${op}`,
  name: `Item ${op} of client ${client}`,
  quantity: 1,
  unitPrice: { amount: 990, currency: 'EUR' },
});

interface SideResult {
  readonly ms: number;
  readonly committed: number;
  readonly gaveUp: number;
  /** Lines a client was told were committed but that the stored order does not have. */
  readonly lost: number;
  /** Whether the order's version is 1 + the commits and its history has one row per commit. */
  readonly consistent: boolean;
}

async function check(sql: SqlClient, schema: string, orderId: string, committedLines: readonly string[]): Promise<Pick<SideResult, 'lost' | 'consistent'>> {
  const s = `"${schema}"`;
  const { rows } = await sql.query(
    `select o.version::text as version, o.aggregate::text as aggregate,
            (select count(*) from ${s}.order_history h where h.order_id = o.id)::text as history
       from ${s}.orders o where o.id = $1`,
    [orderId],
  );
  const row = rows[0] as { version: string; aggregate: string; history: string } | undefined;
  if (row === undefined) return { lost: committedLines.length, consistent: false };
  const items = (JSON.parse(row.aggregate) as { order: { context: { items: { lineId: string }[] } } }).order.context.items;
  const present = new Set(items.map((i) => i.lineId));
  const lost = committedLines.filter((l) => !present.has(l)).length;
  const commits = committedLines.length;
  // The create wrote version 1 and one history row; every commit adds one of each.
  return { lost, consistent: Number(row.version) === 1 + commits && Number(row.history) === 1 + commits };
}

/**
 * Measures figure `contended_pg_16`.
 *
 * @param target - the database (a pg Pool of at least 16 connections, and its raw handle)
 * @param recorded - the script's writes (the baseline's cart is created from them)
 * @param opsPerClient - lines each of the 16 clients adds
 * @param rounds - rounds of ours and baseline (ABBA); sums are reported
 */
export async function benchContended(
  target: { readonly label: string; readonly sql: SqlClient; readonly raw: RawDb; readonly schema: string },
  recorded: RecordedScript,
  opsPerClient: number,
  rounds: number,
): Promise<Figure> {
  const clients = 16;
  const engine = createOrderEngine({ storage: createPostgresStorage({ db: target.sql, schema: target.schema }) });
  const raw = createRawStore(target.raw, target.schema);

  const runSide = async (side: 'ours' | 'raw', round: number): Promise<SideResult> => {
    const orderId = `contended-${side}-r${round}`;
    if (side === 'ours') {
      const created = await engine.create(scriptOrderInput(orderId));
      if (created.status !== 'created') throw new Error(`bench: engine.create ${orderId}: ${created.status}`);
    } else {
      await raw.create(orderId, recorded.create);
    }
    const committedLines: string[] = [];
    let gaveUp = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let op = 0; op < opsPerClient; op += 1) {
          const item = line(c, op);
          const key = `${orderId}:c${c}:op${op}`;
          if (side === 'ours') {
            const result = await engine.send(orderId, { type: 'ADD_ITEM', item }, { actor: SCRIPT_ACTORS.customer, idempotencyKey: key });
            if (result.status === 'applied') committedLines.push(item.lineId);
            else if (result.status === 'conflict') gaveUp += 1;
            else throw new Error(`bench: contended engine.send: ${JSON.stringify(result).slice(0, 400)}`);
            continue;
          }
          let done = false;
          for (let attempt = 1; attempt <= MAX_ATTEMPTS && !done; attempt += 1) {
            const outcome = await raw.addItem(orderId, item, SCRIPT_ACTORS.customer, new Date().toISOString(), key);
            if (outcome === 'applied') {
              committedLines.push(item.lineId);
              done = true;
            } else if (outcome === 'conflict') {
              await sleep(backoff(attempt));
            } else {
              throw new Error(`bench: contended raw add: ${outcome}`);
            }
          }
          if (!done) gaveUp += 1;
        }
      }),
    );
    const ms = performance.now() - start;
    return { ms, committed: committedLines.length, gaveUp, ...(await check(target.sql, target.schema, orderId, committedLines)) };
  };

  const ours: SideResult[] = [];
  const base: SideResult[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? (['ours', 'raw'] as const) : (['raw', 'ours'] as const);
    for (const side of order) (side === 'ours' ? ours : base).push(await runSide(side, round));
  }
  const sum = (list: SideResult[], pick: (r: SideResult) => number) => list.reduce((total, r) => total + pick(r), 0);
  const rate = (list: SideResult[]) => (sum(list, (r) => r.committed) * 1000) / sum(list, (r) => r.ms);
  const lost = sum(ours, (r) => r.lost);
  const rawLost = sum(base, (r) => r.lost);
  const consistent = ours.every((r) => r.consistent);
  const attempts = clients * opsPerClient * rounds;
  return measured(
    {
      id: 'contended_pg_16',
      title: `16 clients on one order (${target.label}): commits/s, lost updates`,
      ours: rate(ours),
      baseline: rate(base),
      detail:
        `16 clients each add ${opsPerClient} lines (ADD_ITEM, own idempotency key) to one cart, ${rounds} round(s). ` +
        `Ours: ${sum(ours, (r) => r.committed)} of ${attempts} committed, ${sum(ours, (r) => r.gaveUp)} gave up after ${MAX_ATTEMPTS} attempts (too_many_conflicts), ${lost} lost; version and history ${consistent ? 'match the commits' : 'DO NOT match the commits'}. ` +
        `Baseline: read, add the line to the JSON by hand, BEGIN; UPDATE … WHERE version = $seen; INSERT history; INSERT key; COMMIT, retried on a version conflict with the engine's default backoff: ` +
        `${sum(base, (r) => r.committed)} committed, ${sum(base, (r) => r.gaveUp)} gave up, ${rawLost} lost.`,
    },
    () => lost === 0 && consistent,
  );
}
