// Snippets of docs/guides/getting-started.md, run by test/docs/guides.test.ts.
// #region setup
import pg from 'pg';
import { createConsoleNotifier, createOrderEngine, createOutboxRelay, type Actor, type OrderEngine, type OutboxRelay } from 'ordermachine';
import { createPostgresStorage, migrate, type SqlClient } from 'ordermachine/postgres';

/** Your PostgreSQL, through a `pg` Pool: DATABASE_URL=postgres://user:password@host:5432/shop */
export function connect(): pg.Pool {
  return new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
}

/** Creates or upgrades the tables (safe on every start, from every instance), then builds the engine. */
export async function startEngine(db: SqlClient, schema = 'ordermachine'): Promise<OrderEngine> {
  await migrate(db, { schema }); // tables orders, order_history, outbox, idempotency_keys in that schema
  return createOrderEngine({ storage: createPostgresStorage({ db, schema }) });
}
// #endregion setup

// #region place
const shopper: Actor = { kind: 'customer', id: 'c-42' };

/** What your checkout API sends, one request after another: a cart, checkout, then the order. */
export async function placeOrder(engine: OrderEngine, orderId: string) {
  const created = await engine.create({
    orderId,
    currency: 'EUR',
    items: [{ lineId: 'l1', sku: 'TEA-GREEN', name: 'Green tea', quantity: 2, unitPrice: { amount: 450, currency: 'EUR' } }],
  });
  if (created.status !== 'created') throw new Error(`create: ${created.status}`); // 'conflict' if the id exists
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'guest', name: 'Anna Weber', email: 'anna@example.com' } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna Weber', line1: 'Hauptstr. 1', postalCode: '10115', city: 'Berlin', country: 'DE' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 500, currency: 'EUR' } },
    { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
    { type: 'PLACE_ORDER', total: { amount: 1400, currency: 'EUR' } }, // 2 × 4.50 + 5.00 shipping
  ]) {
    const result = await engine.send(orderId, event, { actor: shopper });
    // Expected outcomes are values, never throws: applied, rejected, forbidden, invalid, duplicate, conflict, not_found.
    if (result.status !== 'applied') throw new Error(`${event.type}: ${result.status}`);
  }
  const stored = await engine.get(orderId);
  const paymentId = stored?.aggregate.payments[0]?.id; // payments are numbered <orderId>-P1, -P2…
  if (stored === null || paymentId === undefined) throw new Error(`${orderId} has no payment`);
  return { state: stored.aggregate.order.state, paymentId };
}
// #endregion place

// #region webhook
const gateway: Actor = { kind: 'payment_provider', id: 'my-gateway' };

/** Your payment provider's webhook: the money was captured. Providers retry webhooks; a repeat changes nothing. */
export async function onCaptured(engine: OrderEngine, orderId: string, paymentId: string, providerRef: string) {
  const result = await engine.send(
    orderId,
    { type: 'PAYMENT_CAPTURED', paymentId, amount: { amount: 1400, currency: 'EUR' }, providerRef },
    { actor: gateway },
  );
  return result.status; // 'applied' the first time, 'duplicate' for the same providerRef again
}
// #endregion webhook

// #region worker
/** The outbox relay: sends what the orders asked for. Here to the console; use email, SMS or webhooks later. */
export function createRelay(db: SqlClient, schema = 'ordermachine'): OutboxRelay {
  return createOutboxRelay({
    storage: createPostgresStorage({ db, schema }),
    notifier: createConsoleNotifier(),
    ignore: ['reserve_stock', 'release_stock'], // no stock keeping yet: acknowledge these without a handler
  });
}

/** One tick of a worker: fire due deadlines (unpaid orders expire, reminders…) and deliver the outbox. */
export async function tick(engine: OrderEngine, relay: OutboxRelay, now = new Date()) {
  const due = await engine.runDue(now);
  const sent = await relay.runOnce(now);
  return { fired: due.fired.length, delivered: sent.delivered, ignored: sent.ignored, failed: sent.failed };
}
// In a worker process: setInterval(() => void tick(engine, relay), 5_000);
// #endregion worker

// #region query
/**
 * What the warehouse should pick next: confirmed orders with no parcel started (indexed status
 * columns). `placed.confirmed` is paid, authorized, or confirmed by staff for cash on delivery or a
 * bank transfer, and not on hold; `paymentStatus: 'paid'` would miss cash on delivery and include held orders.
 */
export async function toFulfil(engine: OrderEngine) {
  const page = await engine.list({ orderState: 'placed.confirmed', limit: 50 });
  return page.items.map((order) => ({ id: order.id, customerStatus: order.statuses.customer, version: order.version }));
}
// #endregion query

// #region main
/** All of it in one go. As a script: `const pool = connect(); await main(pool); await pool.end();` */
export async function main(db: SqlClient) {
  const engine = await startEngine(db);
  const orderId = `o-${Date.now()}`;
  const { paymentId } = await placeOrder(engine, orderId);
  console.log(await onCaptured(engine, orderId, paymentId, `pi_${orderId}`)); // 'applied'
  console.log(await tick(engine, createRelay(db))); // { fired: 0, delivered: 3, ignored: 1, failed: 0 }, after printing 3 messages
  console.log(await toFulfil(engine)); // [{ id: 'o-…', customerStatus: 'processing', version: 8 }]
}
// #endregion main
