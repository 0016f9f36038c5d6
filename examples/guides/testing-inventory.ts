// Snippets of docs/guides/testing.md: a host's own warehouse — an InventoryAdapter on its own SQL
// tables (here in PGlite) — and its conformance test (vitest). Run by test/docs/guides.test.ts.
// #region inventory
import { PGlite } from '@electric-sql/pglite';
import type { InventoryAdapter, ReservationResult, StockLine } from 'ordermachine';
import { describeInventoryConformance } from 'ordermachine/testing';
import { afterAll, afterEach, describe, it } from 'vitest';

const TABLES = `
  create table if not exists stock (sku text primary key, on_hand int not null);
  create table if not exists reservations (order_id text, sku text, quantity int not null, primary key (order_id, sku));
  create table if not exists reservation_answers (order_id text, key text, answer jsonb not null, primary key (order_id, key));
  create table if not exists committed_parcels (order_id text, shipment_id text, primary key (order_id, shipment_id));`;

const bySku = (lines: readonly StockLine[]) => {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.sku, (out.get(l.sku) ?? 0) + l.quantity);
  return [...out].sort(([a], [b]) => (a < b ? -1 : 1)); // one lock order for every transaction
};

/** The shop's warehouse: every call is one transaction, and every call is safe to repeat. */
export function createSqlWarehouse(db: PGlite): InventoryAdapter {
  return {
    reserve: (orderId, lines, key) =>
      db.transaction(async (tx) => {
        // A key seen before gets its first answer, and the stock is not touched again.
        const seen = await tx.query<{ answer: ReservationResult }>('select answer from reservation_answers where order_id = $1 and key = $2', [orderId, key ?? null]);
        if (seen.rows[0]) return seen.rows[0].answer;
        const unavailable: StockLine[] = [];
        for (const [sku, quantity] of bySku(lines)) {
          const free = await tx.query<{ free: number }>(
            `select (s.on_hand - coalesce((select sum(r.quantity) from reservations r where r.sku = s.sku and r.order_id <> $2), 0))::int as free
               from stock s where s.sku = $1 for update`,
            [sku, orderId],
          );
          const left = free.rows[0]?.free ?? 0;
          if (quantity > left) unavailable.push({ sku, quantity: quantity - Math.max(0, left) });
        }
        const answer: ReservationResult = unavailable.length === 0 ? { ok: true } : { ok: false, unavailable };
        if (answer.ok) {
          // All or nothing: the order's new reservation replaces what it held.
          await tx.query('delete from reservations where order_id = $1', [orderId]);
          for (const [sku, quantity] of bySku(lines)) await tx.query('insert into reservations values ($1, $2, $3)', [orderId, sku, quantity]);
        }
        if (key !== undefined) await tx.query('insert into reservation_answers values ($1, $2, $3)', [orderId, key, JSON.stringify(answer)]);
        return answer;
      }),
    async release(orderId) {
      await db.query('delete from reservations where order_id = $1', [orderId]);
    },
    commit: (orderId, lines, shipmentId) =>
      db.transaction(async (tx) => {
        // A parcel reported again is not taken off the shelf twice.
        const first = await tx.query('insert into committed_parcels values ($1, $2) on conflict do nothing returning order_id', [orderId, shipmentId]);
        if (first.rows.length === 0) return;
        for (const [sku, quantity] of bySku(lines)) {
          await tx.query('update stock set on_hand = on_hand - $2 where sku = $1', [sku, quantity]);
          await tx.query('update reservations set quantity = quantity - $3 where order_id = $1 and sku = $2', [orderId, sku, quantity]);
        }
        await tx.query('delete from reservations where order_id = $1 and quantity <= 0', [orderId]);
      }),
  };
}

// One embedded database for the file; every case starts from empty tables.
const db = await PGlite.create();
afterAll(() => db.close());
describeInventoryConformance(
  'SQL warehouse',
  async () => {
    await db.exec(`${TABLES} truncate stock, reservations, reservation_answers, committed_parcels;`);
    const stock = async (sku: string, quantity: number) => {
      await db.query('insert into stock values ($1, $2) on conflict (sku) do update set on_hand = stock.on_hand + excluded.on_hand', [sku, quantity]);
    };
    return { inventory: createSqlWarehouse(db), stock };
  },
  { describe, it, afterEach },
);
// #endregion inventory
