/**
 * The outbox relay on the PostgreSQL storage adapter: one relay on PGlite (always), and four
 * relays on four connection pools working the same outbox at the same time on a real server
 * (when DATABASE_URL is set). Effects are produced by real orders through the engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryNotifier,
  createOrderEngine,
  createOutboxRelay,
  type Actor,
  type CommandHandlers,
  type MemoryNotifier,
  type NotificationRenderer,
  type OrderEngine,
  type OutboxRelay,
  type RelayReport,
} from '../../src/index.js';
import { createPostgresStorage, type SqlClient } from '../../src/postgres.js';
import { describeRealPostgres, usePGlite, usePool } from '../support/postgres.js';

const T0 = '2026-04-06T09:00:00.000Z';
const MINUTE = 60_000;
const at = (ms: number) => new Date(Date.parse(T0) + ms);
const customer: Actor = { kind: 'customer', id: 'c1' };
const psp: Actor = { kind: 'payment_provider', id: 'psp' };
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

const render: NotificationRenderer = (effect, order) => {
  const c = order.order.context.customer;
  if (c === null) throw new Error(`order ${order.id} has no customer`);
  const subject = `${effect.template} ${order.id}`;
  return { recipient: { name: null, email: c.email ?? null, phone: null }, message: { locale: c.locale, dir: 'ltr', subject, text: subject, html: subject } };
};

async function must(p: Promise<{ status: string }>) {
  const r = await p;
  if (r.status !== 'applied' && r.status !== 'created') throw new Error(JSON.stringify(r));
}

/**
 * A placed and paid order: four effects in two commits, in this write order —
 * `order_placed` (`:7:0`), then `payment_received`, `order_confirmed`, `reserve_stock` (`:8:0..2`).
 */
async function placeAndPay(engine: OrderEngine, orderId: string) {
  await must(engine.create({ orderId, currency: 'EUR', items: [{ lineId: 'l1', sku: 'KETTLE', name: 'Kettle', quantity: 2, unitPrice: eur(1000) }] }, { actor: customer }));
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: `${orderId}@example.com` } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) },
    { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
    { type: 'PLACE_ORDER', total: eur(2500) },
  ]) {
    await must(engine.send(orderId, event, { actor: customer }));
  }
  await must(engine.send(orderId, { type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P1`, amount: eur(2500), providerRef: `cap-${orderId}` }, { actor: psp }));
}

const WRITE_ORDER = (orderId: string) => [`${orderId}:7:0`, `${orderId}:8:0`, `${orderId}:8:1`, `${orderId}:8:2`];

/** Runs `items` through `fn`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i] as T);
    }),
  );
}

/** Everything the relays did, in completion order, shared by all of them. */
function recorder() {
  const notifier = createMemoryNotifier();
  const done: string[] = [];
  const commandKeys: string[] = [];
  const tracked = {
    send: async (delivery: Parameters<MemoryNotifier['send']>[0]) => {
      await notifier.send(delivery);
      done.push(delivery.dedupeKey);
    },
  };
  const handlers: CommandHandlers = {
    reserve_stock: async (_effect, { dedupeKey }) => {
      commandKeys.push(dedupeKey);
      done.push(dedupeKey);
    },
  };
  return { notifier, tracked, handlers, done, commandKeys };
}

async function outboxSummary(db: SqlClient, schema: string) {
  const { rows } = await db.query(`select status, count(*)::int as n, max(attempts)::int as max_attempts from "${schema}".outbox group by status order by status`);
  return rows as { status: string; n: number; max_attempts: number }[];
}

/** Drives one relay until a run claims nothing. */
async function drain(relay: OutboxRelay, now: Date): Promise<RelayReport[]> {
  const reports: RelayReport[] = [];
  for (;;) {
    const report = await relay.runOnce(now);
    reports.push(report);
    if (report.claimed === 0) return reports;
  }
}

const total = (reports: readonly RelayReport[], key: 'claimed' | 'delivered' | 'failed' | 'dead') => reports.reduce((sum, r) => sum + r[key], 0);

function expectDeliveredOnceInWriteOrder(orderIds: readonly string[], rec: ReturnType<typeof recorder>) {
  const notificationKeys = orderIds.flatMap((id) => WRITE_ORDER(id).slice(0, 3));
  expect(rec.notifier.sent).toHaveLength(notificationKeys.length);
  expect(new Set(rec.notifier.sent.map((d) => d.dedupeKey))).toEqual(new Set(notificationKeys));
  expect(rec.notifier.unique).toHaveLength(notificationKeys.length);
  expect([...rec.commandKeys].sort()).toEqual(orderIds.map((id) => `${id}:8:2`).sort());
  const byOrder = new Map<string, string[]>();
  for (const key of rec.done) {
    const orderId = key.split(':')[0] as string;
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), key]);
  }
  for (const id of orderIds) expect(byOrder.get(id)).toEqual(WRITE_ORDER(id));
}

// ---------------------------------------------------------------------------------------
// PGlite: always.

describe('outbox relay on PostgreSQL (PGlite): each effect delivered once, in write order, acknowledged', () => {
  const lite = usePGlite();

  async function fresh() {
    const schema = await lite.fresh('om_relay_lite');
    const db = lite.db();
    const storage = createPostgresStorage({ db, schema });
    const engine = createOrderEngine({ storage, clock: { now: () => new Date(T0) }, retryDelayMs: () => 0 });
    return { db, schema, storage, engine };
  }

  it('one relay over 25 orders × 4 effects', async () => {
    const { db, schema, storage, engine } = await fresh();
    const orderIds = Array.from({ length: 25 }, (_, i) => `o${String(i).padStart(3, '0')}`);
    for (const id of orderIds) await placeAndPay(engine, id);
    const rec = recorder();
    // The default renderer, on aggregates read back from jsonb.
    const relay = createOutboxRelay({ storage, notifier: rec.tracked, handlers: rec.handlers, batchSize: 10 });

    const reports = await drain(relay, at(0));
    expect(total(reports, 'claimed')).toBe(100);
    expect(total(reports, 'delivered')).toBe(100);
    expectDeliveredOnceInWriteOrder(orderIds, rec);
    expect(await outboxSummary(db, schema)).toEqual([{ status: 'delivered', n: 100, max_attempts: 1 }]);
    expect(rec.notifier.sent[0]).toMatchObject({ dedupeKey: 'o000:7:0', recipient: { email: 'o000@example.com' }, message: { locale: 'en', dir: 'ltr' } });
  }, 120_000);

  it('failures back off, dead-letter at the limit, and a retried dead letter is delivered', async () => {
    const { db, schema, storage, engine } = await fresh();
    await placeAndPay(engine, 'o1');
    const notifier = createMemoryNotifier();
    notifier.failAlways({ error: 'smtp: 421' });
    const relay = createOutboxRelay({ storage, notifier, render, ignore: ['reserve_stock'], maxAttempts: 2, backoff: () => MINUTE });

    expect((await relay.runOnce(at(0))).errors).toMatchObject([{ code: 'SEND_FAILED', dedupeKey: 'o1:7:0', retryAt: at(MINUTE).toISOString() }]);
    expect((await relay.runOnce(at(MINUTE - 1))).claimed).toBe(0);
    // The second attempt is the last: o1:7:0 is dead, which lets the order's next messages go — and fail too.
    const second = await relay.runOnce(at(MINUTE));
    expect(second.errors.map((e) => [e.dedupeKey, e.retryAt])).toEqual([
      ['o1:7:0', null],
      ['o1:8:0', at(2 * MINUTE).toISOString()],
    ]);
    const [dead] = await relay.deadLetters();
    expect(dead).toMatchObject({ dedupeKey: 'o1:7:0', status: 'dead', attempts: 2, lastError: 'SEND_FAILED: smtp: 421' });

    notifier.recover();
    expect(await relay.retry(dead?.id ?? '', at(2 * MINUTE))).toBe(true);
    // Back to pending, the retried message is again the order's oldest undelivered one: it goes first.
    expect(await relay.runOnce(at(2 * MINUTE))).toMatchObject({ delivered: 3, ignored: 1, failed: 0, dead: 0 });
    expect(notifier.unique.map((d) => d.dedupeKey)).toEqual(['o1:7:0', 'o1:8:0', 'o1:8:1']);
    expect(await outboxSummary(db, schema)).toEqual([{ status: 'delivered', n: 4, max_attempts: 2 }]);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------
// A real server: four relays, four pools, at the same time.

describeRealPostgres('outbox relay on a real PostgreSQL server (DATABASE_URL): four relays at once deliver each effect once', () => {
  const RELAYS = 4;
  const first = usePool(8);
  const servers = [first, ...Array.from({ length: RELAYS - 1 }, () => usePool(8))];
  let pools: SqlClient[] = [];
  let schema = '';

  beforeAll(async () => {
    pools = servers.map((server) => server.db());
    schema = await first.fresh('om_relay_pg');
  });

  it('1,000 effects (250 orders × 4), four relays on four pools: each dedupe key delivered once, in write order, all acknowledged', async () => {
    const orderIds = Array.from({ length: 250 }, (_, i) => `o${String(i).padStart(3, '0')}`);
    // Four engines on four pools write the orders, a quarter each.
    const storages = pools.map((db) => createPostgresStorage({ db, schema }));
    await Promise.all(
      storages.map((storage, r) => {
        const engine = createOrderEngine({ storage, clock: { now: () => new Date(T0) }, retryDelayMs: () => 0 });
        return inParallel(
          orderIds.filter((_, i) => i % RELAYS === r),
          4,
          (id) => placeAndPay(engine, id),
        );
      }),
    );
    expect(await outboxSummary(first.db(), schema)).toEqual([{ status: 'pending', n: 1000, max_attempts: 0 }]);

    const rec = recorder();
    const relays = storages.map((storage) => createOutboxRelay({ storage, notifier: rec.tracked, handlers: rec.handlers, render, batchSize: 20, concurrency: 4 }));
    const reports = await Promise.all(relays.map((relay) => drain(relay, at(0))));

    const all = reports.flat();
    expect(total(all, 'claimed')).toBe(1000);
    expect(total(all, 'delivered')).toBe(1000);
    expect(total(all, 'failed') + total(all, 'dead')).toBe(0);
    // Every relay took part.
    for (const perRelay of reports) expect(total(perRelay, 'delivered')).toBeGreaterThan(0);
    expectDeliveredOnceInWriteOrder(orderIds, rec);
    expect(await outboxSummary(first.db(), schema)).toEqual([{ status: 'delivered', n: 1000, max_attempts: 1 }]);
  }, 180_000);
});
