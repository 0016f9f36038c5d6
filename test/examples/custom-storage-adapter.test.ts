import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrderEngine, type Actor, type OrderEngine } from 'ordermachine';
import { describeStorageConformance } from 'ordermachine/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createJournalStorage } from '../../examples/custom-storage-adapter/createJournalStorage.js';

const directories: string[] = [];
async function freshDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'ordermachine-journal-'));
  directories.push(directory);
  return directory;
}
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

// The whole suite the shipped adapters pass, unchanged: this is what "correct" means.
describeStorageConformance(
  'examples/custom-storage-adapter (JSON-lines journal on disk)',
  async () => {
    const directory = await freshDirectory();
    return { storage: createJournalStorage({ directory }), teardown: () => rm(directory, { recursive: true, force: true }) };
  },
  { describe, it, afterEach },
);

const shopper: Actor = { kind: 'customer', id: 'c-1' };
const gateway: Actor = { kind: 'payment_provider', id: 'gateway' };
const clerk: Actor = { kind: 'staff', id: 'clerk-1' };
const courier: Actor = { kind: 'carrier', id: 'courier' };
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

async function placeOrder(engine: OrderEngine, orderId: string): Promise<void> {
  const created = await engine.create({ orderId, currency: 'EUR', items: [{ lineId: 'l1', sku: 'TEA', name: 'Green tea', quantity: 2, unitPrice: eur(450) }] }, { actor: shopper });
  expect(created.status).toBe('created');
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'anna@example.com' } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) },
    { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
    { type: 'PLACE_ORDER', total: eur(1400) },
  ]) {
    expect((await engine.send(orderId, event, { actor: shopper })).status).toBe('applied');
  }
}

describe('examples/custom-storage-adapter — an order engine on the journal store', () => {
  it('drives an order from placement to delivery; a repeated webhook writes nothing; a new instance reads it all back', async () => {
    const directory = await freshDirectory();
    const storage = createJournalStorage({ directory });
    const engine = createOrderEngine({ storage });
    await placeOrder(engine, 'o-1');

    const capture = { type: 'PAYMENT_CAPTURED', paymentId: 'o-1-P1', amount: eur(1400), providerRef: 'cap-1' };
    expect((await engine.send('o-1', capture, { actor: gateway })).status).toBe('applied');
    const bytes = (await stat(storage.file)).size;
    expect((await engine.send('o-1', capture, { actor: gateway })).status).toBe('duplicate');
    expect((await stat(storage.file)).size, 'a duplicate appends nothing').toBe(bytes);

    for (const event of [
      { type: 'STOCK_RESERVED' },
      { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 2 }] },
      { type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-1-S1' },
      { type: 'START_PICKING', shipmentId: 'o-1-S1', pickerId: 'picker-1' },
      { type: 'PACK_SHIPMENT', shipmentId: 'o-1-S1', label: { carrier: 'DHL', trackingNumber: 'DHL-1' } },
      { type: 'MARK_READY_TO_SHIP', shipmentId: 'o-1-S1' },
      { type: 'HAND_TO_CARRIER', shipmentId: 'o-1-S1' },
    ]) {
      expect((await engine.send('o-1', event, { actor: clerk })).status, event.type).toBe('applied');
    }
    // The customer may no longer cancel: a typed refusal, and nothing written.
    const late = await engine.send('o-1', { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: shopper });
    expect(late.status).toBe('rejected');
    expect((await engine.send('o-1', { type: 'CARRIER_STATUS', shipmentId: 'o-1-S1', status: 'delivered' }, { actor: courier })).status).toBe('applied');

    const order = await engine.get('o-1');
    expect(order?.statuses).toMatchObject({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', customer: 'delivered' });
    expect((await engine.list({ customerStatus: 'delivered' })).items.map((o) => o.id)).toEqual(['o-1']);

    // Another process opening the same directory sees exactly the same store.
    const reopened = createJournalStorage({ directory });
    expect(await reopened.load('o-1')).toEqual(order);
    expect(await reopened.history('o-1')).toEqual(await storage.history('o-1'));
    expect((await reopened.history('o-1')).map((h) => h.eventType)).toEqual([
      'CREATE_ORDER', 'START_CHECKOUT', 'SET_CUSTOMER', 'SET_SHIPPING_ADDRESS', 'SELECT_SHIPPING_METHOD', 'SELECT_PAYMENT_METHOD', 'PLACE_ORDER',
      'PAYMENT_CAPTURED', 'STOCK_RESERVED', 'CREATE_SHIPMENT', 'RELEASE_TO_WAREHOUSE', 'START_PICKING', 'PACK_SHIPMENT', 'MARK_READY_TO_SHIP',
      'HAND_TO_CARRIER', 'CARRIER_STATUS',
    ]);
    // …and continues it: the engine on the second instance answers the repeat from the first one's key.
    const second = createOrderEngine({ storage: reopened });
    expect((await second.send('o-1', capture, { actor: gateway })).status).toBe('duplicate');
    expect((await second.send('o-1', { type: 'CONFIRM_RECEIPT' }, { actor: shopper })).status).toBe('applied');
    expect((await engine.get('o-1'))?.version, 'the first instance reads the second one’s commit').toBe(order!.version + 1);
  }, 20_000);

  it('two instances on one directory (two processes) never both win the same version', async () => {
    const directory = await freshDirectory();
    const a = createOrderEngine({ storage: createJournalStorage({ directory }) });
    const b = createOrderEngine({ storage: createJournalStorage({ directory }) });
    await placeOrder(a, 'o-2');
    const placed = await b.get('o-2');
    expect(placed?.version).toBe(7);
    // Both decide on version 7; the lock file lets exactly one commit.
    const [first, second] = await Promise.all([
      a.send('o-2', { type: 'PAYMENT_CAPTURED', paymentId: 'o-2-P1', amount: eur(1400), providerRef: 'cap-a' }, { actor: gateway, expectedVersion: 7 }),
      b.send('o-2', { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: shopper, expectedVersion: 7 }),
    ]);
    expect([first.status, second.status].sort()).toEqual(['applied', 'conflict']);
    expect((await a.history('o-2')).length).toBe(8);
    expect(await a.get('o-2')).toEqual(await b.get('o-2'));
  }, 20_000);

  it('a line torn by a crash mid-write is cut off by the next writer, and the store goes on', async () => {
    const directory = await freshDirectory();
    const storage = createJournalStorage({ directory });
    const engine = createOrderEngine({ storage });
    await placeOrder(engine, 'o-3');
    const before = await storage.load('o-3');
    const size = (await stat(storage.file)).size;
    // What a process killed in the middle of its append leaves behind: no newline at the end.
    await appendFile(storage.file, '{"kind":"commit","order":{"id":"o-3","vers');

    const reopened = createJournalStorage({ directory });
    expect(await reopened.load('o-3')).toEqual(before);
    expect((await stat(storage.file)).size, 'the torn tail is gone').toBe(size);
    const next = createOrderEngine({ storage: reopened });
    expect((await next.send('o-3', { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: shopper })).status).toBe('applied');
    expect((await storage.load('o-3'))?.statuses.order).toBe('canceled');
  }, 20_000);

  it('a complete line that is not JSON is an error on every instance, every time — never a silently different store', async () => {
    const directory = await freshDirectory();
    const storage = createJournalStorage({ directory });
    await placeOrder(createOrderEngine({ storage }), 'o-4');
    await appendFile(storage.file, 'not json\n');
    await expect(createJournalStorage({ directory }).load('o-4')).rejects.toThrow(/not JSON; the journal is damaged/);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(storage.history('o-4')).rejects.toThrow(/not JSON; the journal is damaged/);
    }
  }, 20_000);

  it('compact() rewrites the journal as one snapshot line via rename; every instance reads the same store from it', async () => {
    const directory = await freshDirectory();
    const storage = createJournalStorage({ directory });
    const other = createJournalStorage({ directory });
    const engine = createOrderEngine({ storage });
    await placeOrder(engine, 'o-5');
    await placeOrder(engine, 'o-6');
    expect((await engine.send('o-5', { type: 'PAYMENT_CAPTURED', paymentId: 'o-5-P1', amount: eur(1400), providerRef: 'cap-5' }, { actor: gateway })).status).toBe('applied');
    // The relay delivers the first messages; they need not survive compaction.
    const now = new Date(Date.now() + 60_000).toISOString();
    for (const message of await storage.claimOutbox(now, { limit: 10, leaseMs: 30_000 })) await storage.ackOutbox(message.id, { at: now, attempt: message.attempts });
    const snapshot = { o5: await other.load('o-5'), o6: await other.load('o-6'), history: await other.history('o-5') };

    const { bytesBefore, bytesAfter } = await storage.compact();
    expect(bytesAfter).toBeLessThan(bytesBefore);
    expect((await readFile(storage.file, 'utf8')).trimEnd().split('\n')).toHaveLength(1);
    for (const reader of [storage, other, createJournalStorage({ directory })]) {
      expect(await reader.load('o-5')).toEqual(snapshot.o5);
      expect(await reader.load('o-6')).toEqual(snapshot.o6);
      expect(await reader.history('o-5')).toEqual(snapshot.history);
    }
    // Idempotency keys, outbox order and ids survive: the repeat is still a repeat, new ids go on.
    expect((await createOrderEngine({ storage: other }).send('o-5', { type: 'PAYMENT_CAPTURED', paymentId: 'o-5-P1', amount: eur(1400), providerRef: 'cap-5' }, { actor: gateway })).status).toBe('duplicate');
    const pending = await other.claimOutbox(now, { limit: 10, leaseMs: 30_000 });
    expect(pending.map((m) => m.dedupeKey)).toEqual(['o-5:8:0']);
    expect((await engine.send('o-6', { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: shopper })).status).toBe('applied');
    expect((await other.load('o-6'))?.statuses.order).toBe('canceled');
  }, 20_000);
});
