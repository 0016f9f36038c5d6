/**
 * What `engine.send` asks of the storage: one `load` and one `commit` per applied send (no key
 * lookup up front, no read-back), and still every idempotency guarantee — a repeated key is
 * answered with the first outcome and writes nothing, whether the order would accept the event
 * again, refuse it, or has moved past the caller's expected version.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStorage, createOrderEngine, type CreateResult, type SendResult, type StorageAdapter, type StoredOrder } from '../../src/index.js';
import { createPostgresStorage } from '../../src/postgres.js';
import { carrier, customer, eur, fakeClock, must, placed, psp, staff } from '../support/engineFixture.js';
import { usePGlite } from '../support/postgres.js';

/** The order an engine call stored; fails the test with the whole result when it stored none. */
async function stored(call: Promise<SendResult | CreateResult>): Promise<StoredOrder> {
  const result = await call;
  if (result.status !== 'applied' && result.status !== 'created') throw new Error(JSON.stringify(result));
  return result.order;
}

/** The storage with a log of the methods called on it. */
function counted(storage: StorageAdapter) {
  const calls: string[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(storage).map(([name, member]) => [
      name,
      typeof member === 'function'
        ? (...args: unknown[]) => {
            calls.push(name);
            return (member as (...a: unknown[]) => unknown).apply(storage, args);
          }
        : member,
    ]),
  ) as unknown as StorageAdapter;
  return { storage: wrapped, calls };
}

function setup(inner: StorageAdapter = createMemoryStorage({ copy: 'json' })) {
  const { storage, calls } = counted(inner);
  const engine = createOrderEngine({ storage, clock: fakeClock(), retryDelayMs: () => 0 });
  /** The order and its history (the outbox rows go in the same atomic commit as the history row): to compare before and after a repeat. */
  const written = async (orderId: string) => ({ order: await inner.load(orderId), history: await inner.history(orderId) });
  return { engine, calls, written, inner };
}

describe('engine.send: one read and one write per applied event', () => {
  it('loads once and commits once, with or without a key; create only commits', async () => {
    const { engine, calls } = setup();
    await must(engine.create({ orderId: 'o1', currency: 'EUR' }));
    expect(calls).toEqual(['commit']);
    calls.length = 0;
    await must(engine.send('o1', { type: 'ADD_ITEM', item: { lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: eur(100) } }, { actor: customer, idempotencyKey: 'add-1' }));
    expect(calls).toEqual(['load', 'commit']);
    calls.length = 0;
    await must(engine.send('o1', { type: 'START_CHECKOUT' }, { actor: customer }));
    expect(calls).toEqual(['load', 'commit']);
  });

  it('returns the order exactly as a later load reads it, at every step (memory with JSON copies)', async () => {
    const { engine, inner } = setup();
    const created = await stored(engine.create({ orderId: 'o1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'K', name: 'Kettle', quantity: 2, unitPrice: eur(1000) }] }, { actor: customer }));
    expect(created).toStrictEqual(await inner.load('o1'));
    for (const event of [
      { type: 'START_CHECKOUT' },
      { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'anna@example.com' } },
      { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } },
      { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) },
      { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
      { type: 'PLACE_ORDER', total: eur(2500) },
    ]) {
      const order = await stored(engine.send('o1', event, { actor: customer, idempotencyKey: `k-${event.type}` }));
      expect(order).toStrictEqual(await inner.load('o1'));
    }
    const captured = await stored(engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'cap-1' }, { actor: psp }));
    expect(captured).toStrictEqual(await inner.load('o1'));
  });
});

describe('a repeated key is answered by the commit or a lookup after deciding: the first outcome, nothing written', () => {
  it('an event the order would accept again: duplicate, and the commit wrote nothing', async () => {
    const { engine, calls, written } = setup();
    await placed(engine, 'o1');
    const first = await stored(engine.send('o1', { type: 'NOTIFY_DELAY', reason: 'carrier', note: 'one' }, { actor: staff, idempotencyKey: 'delay-1' }));
    const before = await written('o1');
    calls.length = 0;
    const again = await engine.send('o1', { type: 'NOTIFY_DELAY', reason: 'carrier', note: 'one' }, { actor: staff, idempotencyKey: 'delay-1' });
    expect(again).toMatchObject({ status: 'duplicate', first: { status: 'applied', version: first.version, eventType: 'NOTIFY_DELAY' } });
    expect(calls).toEqual(['load', 'commit']);
    expect(await written('o1')).toEqual(before);
  });

  it('an event the order now refuses, or another event under the same key: the first outcome', async () => {
    const { engine, written } = setup();
    await placed(engine, 'o1');
    await must(engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, idempotencyKey: 'hold-1' }));
    const before = await written('o1');
    // On hold already: PUT_ON_HOLD is refused now, but the key names a request that was applied.
    const refusedNow = await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, idempotencyKey: 'hold-1' });
    expect(refusedNow).toMatchObject({ status: 'duplicate', first: { version: 8, eventType: 'PUT_ON_HOLD' } });
    const malformed = await engine.send('o1', { type: 'NOPE' }, { actor: staff, idempotencyKey: 'hold-1' });
    expect(malformed).toMatchObject({ status: 'duplicate', first: { version: 8, eventType: 'PUT_ON_HOLD' } });
    const forbidden = await engine.send('o1', { type: 'RELEASE_HOLD' }, { actor: carrier, idempotencyKey: 'hold-1' });
    expect(forbidden).toMatchObject({ status: 'duplicate', first: { version: 8, eventType: 'PUT_ON_HOLD' } });
    expect(await written('o1')).toEqual(before);
    // A fresh key is refused as usual.
    const fresh = await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, idempotencyKey: 'hold-2' });
    expect(fresh.status).toBe('rejected');
  });

  it('a retry with the expected version it was first sent with: the first outcome, not a conflict', async () => {
    const { engine, written } = setup();
    await placed(engine, 'o1');
    await must(engine.send('o1', { type: 'NOTIFY_DELAY', reason: 'carrier' }, { actor: staff, idempotencyKey: 'delay-1', expectedVersion: 7 }));
    const before = await written('o1');
    const retry = await engine.send('o1', { type: 'NOTIFY_DELAY', reason: 'carrier' }, { actor: staff, idempotencyKey: 'delay-1', expectedVersion: 7 });
    expect(retry).toMatchObject({ status: 'duplicate', first: { version: 8 } });
    expect(await written('o1')).toEqual(before);
    const stale = await engine.send('o1', { type: 'NOTIFY_DELAY', reason: 'carrier' }, { actor: staff, idempotencyKey: 'delay-2', expectedVersion: 7 });
    expect(stale).toMatchObject({ status: 'conflict', reason: 'stale_version', currentVersion: 8 });
  });

  it('concurrent retries of one request: applied once, every other answer is the first outcome', async () => {
    const { engine, written } = setup();
    await placed(engine, 'o1');
    const results = await Promise.all(
      Array.from({ length: 12 }, () => engine.send('o1', { type: 'NOTIFY_DELAY', reason: 'carrier', note: 'storm' }, { actor: staff, idempotencyKey: 'storm-1' })),
    );
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(11);
    for (const r of results) if (r.status === 'duplicate') expect(r.first.version).toBe(8);
    expect((await written('o1')).history.filter((h) => h.idempotencyKey === 'storm-1')).toHaveLength(1);
  });
});

describe('the same on PGlite: one load and one commit, and the order returned is the order stored', () => {
  const lite = usePGlite();

  it('applied sends return what load reads back; a repeat writes nothing', async () => {
    const schema = await lite.fresh('om_eng_calls');
    const { engine, calls, written, inner } = setup(createPostgresStorage({ db: lite.db(), schema }));
    await placed(engine, 'o1');
    calls.length = 0;
    const applied = await stored(engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'cap-1' }, { actor: psp, idempotencyKey: 'cap' }));
    expect(calls).toEqual(['load', 'commit']);
    expect(applied).toStrictEqual(await inner.load('o1'));
    const before = await written('o1');
    const again = await engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'cap-1' }, { actor: psp, idempotencyKey: 'cap' });
    expect(again).toMatchObject({ status: 'duplicate', first: { version: 8, eventType: 'PAYMENT_CAPTURED' } });
    expect(await written('o1')).toEqual(before);
  });
});
