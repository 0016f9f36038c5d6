/**
 * The raw-SQL baseline of the send figures: the same tables and the same rows as
 * `engine.send` on the PostgreSQL adapter, written with the statements a developer would write by
 * hand — read the order (and whether the request's key was seen), then one transaction:
 * UPDATE with a version check, INSERT the history row, INSERT the outbox rows, INSERT the key.
 */
import type { LineItemInput } from 'ordermachine';
import type { RawDb, RawQuery } from './RawDb.js';
import { TEMPLATE_ID, type RecordedCommit } from './recordCommits.js';

/** What a raw write did. */
export type RawOutcome = 'applied' | 'conflict' | 'duplicate' | 'not_found';

/** The baseline's operations. */
export interface RawStore {
  /** Inserts a new order with its first history row, as `engine.create` does (used to set up, not timed). */
  create(orderId: string, commit: RecordedCommit): Promise<void>;
  /** Writes one recorded commit for `orderId`: read, then the transaction. */
  send(orderId: string, commit: RecordedCommit): Promise<RawOutcome>;
  /** Adds a line to a cart by hand (read, change the JSON, write with a version check): the contended figure's baseline. */
  addItem(orderId: string, item: LineItemInput, actor: { kind: string; id: string }, at: string, key: string): Promise<RawOutcome>;
}

/**
 * The hand-written SQL baseline on one schema.
 *
 * @param db - a raw handle (pg Pool or PGlite)
 * @param schema - the schema `migrate` created (unquoted, a safe identifier)
 */
export function createRawStore(db: RawDb, schema: string): RawStore {
  const s = `"${schema}"`;
  const read = `select o.version::text as version, o.aggregate,
       exists (select 1 from ${s}.idempotency_keys k where k.order_id = o.id and k.key = $2) as seen
  from ${s}.orders o where o.id = $1`;
  const update = `update ${s}.orders
   set version = version + 1, schema_version = $3, order_state = $4, payment_status = $5, fulfilment_status = $6,
       return_status = $7, customer_status = $8, next_deadline_at = $9, due_claimed_until = null,
       aggregate = $10, timers = $11, updated_at = $12
 where id = $1 and version = $2`;
  const history = `insert into ${s}.order_history
  (order_id, seq, at, actor_kind, actor_id, event_type, event, changes, reason, correlation_id, idempotency_key)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
  const key = `insert into ${s}.idempotency_keys (order_id, key, result, created_at) values ($1, $2, $3, $4)`;
  const outbox = (rows: number) => {
    const values = Array.from({ length: rows }, (_, i) => `($1, $2, $${4 + 2 * i}, $${5 + 2 * i}, 'pending', 0, $3, $3, $3)`);
    return `insert into ${s}.outbox (order_id, seq, dedupe_key, effect, status, attempts, available_at, created_at, updated_at)
  values ${values.join(', ')}`;
  };

  const writeHistory = (q: RawQuery, orderId: string, seq: number, h: NonNullable<RecordedCommit['history']>, fill: (text: string) => string) =>
    q(history, [orderId, seq, h.at, h.actorKind, h.actorId, h.eventType, fill(h.event), fill(h.changes), h.reason, h.correlationId, h.idempotencyKey && fill(h.idempotencyKey)]);

  return {
    async create(orderId, c) {
      const fill = (text: string) => text.split(TEMPLATE_ID).join(orderId);
      await db.transaction(async (q) => {
        await q(
          `insert into ${s}.orders (id, version, schema_version, order_state, payment_status, fulfilment_status, return_status,
             customer_status, next_deadline_at, due_claimed_until, aggregate, timers, created_at, updated_at)
           values ($1, 1, $2, $3, $4, $5, $6, $7, $8, null, $9, $10, $11, $11)`,
          [orderId, c.schemaVersion, c.orderState, c.paymentStatus, c.fulfilmentStatus, c.returnStatus, c.customerStatus, c.nextDeadlineAt, fill(c.aggregate), c.timers, c.at],
        );
        if (c.history) await writeHistory(q, orderId, 1, c.history, fill);
        return true;
      });
    },

    async send(orderId, c) {
      // The new state, serialised for this order (the recording carries a placeholder id).
      const fill = (text: string) => text.split(TEMPLATE_ID).join(orderId);
      const idem = c.idempotency && { key: fill(c.idempotency.key), result: fill(c.idempotency.result) };
      const [row] = (await db.query(read, [orderId, idem?.key ?? null])).rows;
      if (row === undefined) return 'not_found';
      if (row.seen === true) return 'duplicate';
      const version = Number(row.version);
      const seq = version + 1;
      const ok = await db.transaction(async (q) => {
        const updated = await q(update, [
          orderId,
          version,
          c.schemaVersion,
          c.orderState,
          c.paymentStatus,
          c.fulfilmentStatus,
          c.returnStatus,
          c.customerStatus,
          c.nextDeadlineAt,
          fill(c.aggregate),
          c.timers,
          c.at,
        ]);
        if (updated.rowCount !== 1) return false;
        if (c.history) await writeHistory(q, orderId, seq, c.history, fill);
        if (c.outbox.length > 0) {
          await q(outbox(c.outbox.length), [orderId, seq, c.at, ...c.outbox.flatMap((m) => [fill(m.dedupeKey), fill(m.effect)])]);
        }
        if (idem) await q(key, [orderId, idem.key, idem.result, c.at]);
        return true;
      });
      return ok ? 'applied' : 'conflict';
    },

    async addItem(orderId, item, actor, at, idempotencyKey) {
      const [row] = (await db.query(read, [orderId, idempotencyKey])).rows;
      if (row === undefined) return 'not_found';
      if (row.seen === true) return 'duplicate';
      const version = Number(row.version);
      // The drivers hand jsonb back parsed; the change a hand-written "add to cart" makes.
      const aggregate = row.aggregate as { order: { context: { items: unknown[]; lastActivityAt: string } } };
      aggregate.order.context.items.push({ returnable: true, backorderable: false, ...item });
      aggregate.order.context.lastActivityAt = at;
      const ok = await db.transaction(async (q) => {
        const updated = await q(
          `update ${s}.orders set version = version + 1, aggregate = $3, updated_at = $4 where id = $1 and version = $2`,
          [orderId, version, JSON.stringify(aggregate), at],
        );
        if (updated.rowCount !== 1) return false;
        const event = JSON.stringify({ type: 'ADD_ITEM', item });
        await q(history, [orderId, version + 1, at, actor.kind, actor.id, 'ADD_ITEM', event, '[]', null, null, idempotencyKey]);
        await q(key, [orderId, idempotencyKey, JSON.stringify({ status: 'applied', version: version + 1 }), at]);
        return true;
      });
      return ok ? 'applied' : 'conflict';
    },
  };
}
