/**
 * Stock work under concurrency: many orders, each driven by several writers at once (the payment
 * provider confirming, staff shipping or cancelling, timer sweeps running beside them), with a
 * warehouse whose every call takes a few milliseconds, so fast paths and sweeps race for the same
 * tasks. When everyone is done and a last sweep has run, for every order:
 * - no stock task is left owed;
 * - its SKU's stock on hand went down by exactly what left in parcels;
 * - stock is held only while the order holds a reservation, and only for what has not left;
 * - its history is numbered without gaps up to its version.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryInventory, createMemoryStorage, createOrderEngine, shipmentStage, type InventoryAdapter, type OrderEngine, type StorageAdapter } from '../../src/index.js';
import { createPostgresStorage } from '../../src/postgres.js';
import { createFakeClock } from '../../src/testing.js';
import { customer, eur, psp, staff } from '../support/engineFixture.js';
import { describeRealPostgres, usePGlite, usePool } from '../support/postgres.js';

const ORDERS = 12;
const ON_HAND = 10;

/** A deterministic pseudo-random source (mulberry32), so a failing run can be repeated. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A memory warehouse whose calls each take 0–3 ms. */
function slowWarehouse(next: () => number) {
  const real = createMemoryInventory(Object.fromEntries(Array.from({ length: ORDERS }, (_, i) => [`SKU-${i}`, ON_HAND])));
  const pause = () => new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 4)));
  const adapter: InventoryAdapter = {
    reserve: async (orderId, lines, key) => (await pause(), real.reserve(orderId, lines, key)),
    release: async (orderId) => (await pause(), real.release(orderId)),
    commit: async (orderId, lines, shipmentId) => (await pause(), real.commit(orderId, lines, shipmentId)),
  };
  return { adapter, levels: real.levels };
}

async function place(engine: OrderEngine, i: number): Promise<void> {
  const id = `o${i}`;
  await engine.create({ orderId: id, currency: 'EUR', items: [{ lineId: 'l1', sku: `SKU-${i}`, name: 'Kettle', quantity: 2, unitPrice: eur(1000) }] }, { actor: customer });
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: `buyer${i}@example.com` } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) },
    { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
    { type: 'PLACE_ORDER', total: eur(2500) },
  ]) {
    const result = await engine.send(id, event, { actor: customer });
    if (result.status !== 'applied') throw new Error(`${id} ${event.type}: ${result.status}`);
  }
}

/** Staff ship one or two parcels, step by step; refusals (the order was canceled meanwhile) end the walk. */
async function ship(engine: OrderEngine, id: string, parcels: 1 | 2): Promise<void> {
  for (let p = 1; p <= parcels; p += 1) {
    const created = await engine.send(id, { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: parcels === 1 ? 2 : 1 }] }, { actor: staff });
    if (created.status !== 'applied') return;
  }
  for (let p = 1; p <= parcels; p += 1) {
    const shipmentId = `${id}-S${p}`;
    for (const event of [
      { type: 'RELEASE_TO_WAREHOUSE', shipmentId },
      { type: 'START_PICKING', shipmentId, pickerId: 'p1' },
      { type: 'PACK_SHIPMENT', shipmentId, label: { carrier: 'DHL', trackingNumber: `T-${shipmentId}` } },
      { type: 'MARK_READY_TO_SHIP', shipmentId },
      { type: 'HAND_TO_CARRIER', shipmentId },
    ]) {
      const result = await engine.send(id, event, { actor: staff });
      if (result.status !== 'applied') return;
    }
  }
}

async function scenario(makeStorage: () => Promise<StorageAdapter>, seed: number): Promise<void> {
  const next = random(seed);
  const warehouse = slowWarehouse(next);
  const storage = await makeStorage();
  const clock = createFakeClock('2026-04-06T09:00:00Z');
  // Several engines over one storage, as several app instances would be.
  const engines = [0, 1, 2].map(() => createOrderEngine({ storage, clock, inventory: warehouse.adapter, retryDelayMs: () => Math.floor(next() * 3) }));
  const engineFor = () => engines[Math.floor(next() * engines.length)] as OrderEngine;
  for (let i = 0; i < ORDERS; i += 1) await place(engineFor(), i);

  let sweeping = true;
  const sweeper = (async () => {
    while (sweeping) {
      await engineFor().runDue().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();
  await Promise.all(
    Array.from({ length: ORDERS }, async (_, i) => {
      const id = `o${i}`;
      const capture = engineFor().send(id, { type: 'PAYMENT_CAPTURED', paymentId: `${id}-P1`, amount: eur(2500), providerRef: `cap-${id}` }, { actor: psp });
      const cancelAfter = next() < 0.4 ? Math.floor(next() * 8) : null;
      const parcels = next() < 0.5 ? 1 : 2;
      await capture;
      await Promise.all([
        ship(engineFor(), id, parcels),
        cancelAfter === null
          ? Promise.resolve()
          : new Promise((resolve) => setTimeout(resolve, cancelAfter)).then(() => engineFor().send(id, { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: staff })),
      ]);
    }),
  );
  sweeping = false;
  await sweeper;
  // The last sweep, once every claim of the racing sweeps has run out.
  clock.advance({ minutes: 2 });
  for (let round = 0; round < 5 && (await engines[0]?.runDue())?.fired.length !== 0; round += 1);

  for (let i = 0; i < ORDERS; i += 1) {
    const stored = await storage.load(`o${i}`);
    if (!stored) throw new Error(`o${i} is gone`);
    const what = `o${i} (${stored.aggregate.order.state}, stock ${stored.aggregate.order.context.stock})`;
    expect(stored.timers.stock, what).toBeUndefined();
    const shipped = stored.aggregate.shipments
      .filter((s) => ['shipped', 'delivered'].includes(shipmentStage(s.state)))
      .reduce((n, s) => n + s.context.lines.reduce((m, l) => m + l.quantity, 0), 0);
    const holds = stored.aggregate.order.context.stock === 'reserved' && stored.aggregate.order.state !== 'canceled';
    expect(warehouse.levels(`SKU-${i}`), what).toEqual({ onHand: ON_HAND - shipped, reserved: holds ? 2 - shipped : 0 });
    const history = await storage.history(`o${i}`);
    expect(history.map((h) => h.seq), what).toEqual(Array.from({ length: stored.version }, (_, k) => k + 1));
  }
}

describe('stock work under concurrency (memory storage)', () => {
  it.each([1, 2, 3, 4])('seed %i: racing writers and sweeps leave every order’s stock consistent', async (seed) => {
    await scenario(async () => createMemoryStorage(), seed);
  }, 60_000);
});

describe('stock work under concurrency (PostgreSQL storage on PGlite)', () => {
  const lite = usePGlite();
  it.each([1, 2])('seed %i: racing writers and sweeps leave every order’s stock consistent', async (seed) => {
    await scenario(async () => createPostgresStorage({ db: lite.db(), schema: await lite.fresh('om_stock_race') }), seed);
  }, 60_000);
});

describeRealPostgres('stock work under concurrency (a real PostgreSQL server, DATABASE_URL)', () => {
  const database = usePool(8);
  it.each([1, 2])('seed %i: racing writers and sweeps leave every order’s stock consistent', async (seed) => {
    await scenario(async () => createPostgresStorage({ db: database.db(), schema: await database.fresh('stock_race') }), seed);
  }, 60_000);
});
