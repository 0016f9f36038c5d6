/**
 * The storage figure: bytes PostgreSQL keeps per order after the script's whole lifecycle —
 * the order row (snapshot and indexed statuses) and its history rows — against the plain event
 * log of the same lifecycle (each event with its actor and time, as JSON text).
 */
import type { SqlClient } from 'ordermachine/postgres';
import { measured, type Figure } from './Figure.js';
import { scriptOrderInput, scriptSteps } from './lifecycleScript.js';
import { SCRIPT_START } from './scriptSnapshots.js';

/**
 * Measures figure `bytes_per_order`.
 *
 * @param db - the database the orders were sent on
 * @param schema - their schema
 * @param orderIds - orders that went through the whole script with `engine.send`
 * @param label - the database, for the report
 */
export async function benchBytes(db: SqlClient, schema: string, orderIds: readonly string[], label: string): Promise<Figure> {
  if (orderIds.length === 0) throw new Error('bench: no completed orders to measure');
  const s = `"${schema}"`;
  // pg_column_size of a whole row: its stored size (header and columns, compressed as stored).
  const { rows } = await db.query(
    `select (select coalesce(sum(pg_column_size(o.*)), 0) from ${s}.orders o where o.id = any($1::text[]))::text as orders,
            (select coalesce(sum(pg_column_size(h.*)), 0) from ${s}.order_history h where h.order_id = any($1::text[]))::text as history,
            (select coalesce(sum(pg_column_size(m.*)), 0) from ${s}.outbox m where m.order_id = any($1::text[]))::text as outbox,
            (select coalesce(sum(pg_column_size(k.*)), 0) from ${s}.idempotency_keys k where k.order_id = any($1::text[]))::text as keys,
            (select count(*) from ${s}.orders o where o.id = any($1::text[]) and o.order_state = 'completed')::text as completed`,
    [[...orderIds]],
  );
  const row = rows[0] as Record<'orders' | 'history' | 'outbox' | 'keys' | 'completed', string>;
  const n = orderIds.length;
  if (Number(row.completed) !== n) throw new Error(`bench: only ${row.completed} of ${n} orders completed the lifecycle`);
  const per = (column: 'orders' | 'history' | 'outbox' | 'keys') => Number(row[column]) / n;
  const ours = per('orders') + per('history');

  // The event log of one order: the create input and every event, with actor and time, as JSON.
  const id = orderIds[0] as string;
  const at = (i: number) => new Date(Date.parse(SCRIPT_START) + i * 60_000).toISOString();
  const log = [
    JSON.stringify({ at: at(0), actor: { kind: 'customer', id: 'customer-1' }, event: { type: 'CREATE_ORDER', ...scriptOrderInput(id) } }),
    ...scriptSteps(id).map((step, i) => JSON.stringify({ at: at(i + 1), actor: step.actor, event: step.event })),
  ];
  const baseline = log.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
  return measured(
    {
      id: 'bytes_per_order',
      title: `Stored bytes per order after its whole lifecycle (${label})`,
      ours,
      baseline,
      detail:
        `ours = pg_column_size of the order row (${per('orders').toFixed(0)} B: aggregate jsonb, timers, indexed statuses) + its ${log.length} history rows (${per('history').toFixed(0)} B), averaged over ${n} orders that went through the script with engine.send. ` +
        `Also kept per order, not counted: outbox rows ${per('outbox').toFixed(0)} B, idempotency keys ${per('keys').toFixed(0)} B; indexes not counted. ` +
        `Baseline: the bare event log of the same lifecycle — the create input and the ${log.length - 1} events, each with actor and time, as JSON text (${baseline} B).`,
    },
    (ratio) => ratio <= 4,
  );
}
