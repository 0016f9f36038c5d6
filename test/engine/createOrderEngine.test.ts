import { describe, expect, it } from 'vitest';
import { DAY, HOUR, carrier, customer, eur, fakeClock, must, placed, psp, staff } from '../support/engineFixture.js';
import {
  OrderMachineError,
  createMemoryInventory,
  createMemoryStorage,
  createOrderEngine,
  type Actor,
  type OrderEngineOptions,
  type StorageAdapter,
} from '../../src/index.js';

function setup(extra: Partial<OrderEngineOptions> = {}) {
  const clock = fakeClock();
  const storage: StorageAdapter = extra.storage ?? createMemoryStorage();
  const engine = createOrderEngine({ storage, clock, retryDelayMs: () => 0, ...extra });
  return { clock, storage, engine };
}

describe('engine.send: load → validate → decide → commit, with results as values', () => {
  it('applies an event and commits state, history, outbox and statuses together', async () => {
    const { engine, storage } = setup();
    await placed(engine, 'o1');
    const result = await engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'cap-1' }, { actor: psp, correlationId: 'webhook-9', reason: 'gateway callback' });
    expect(result.status).toBe('applied');
    if (result.status !== 'applied') return;
    expect(result.order.version).toBe(8);
    expect(result.order.statuses).toMatchObject({ order: 'placed.confirmed', payment: 'paid', customer: 'processing' });
    const history = await engine.history('o1');
    expect(history.map((h) => h.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.at(-1)).toMatchObject({ actor: psp, eventType: 'PAYMENT_CAPTURED', correlationId: 'webhook-9', reason: 'gateway callback' });
    expect(history.at(-1)?.changes).toEqual([
      { machine: 'payment', id: 'o1-P1', from: 'created', to: 'captured' },
      { machine: 'order', id: 'o1', from: 'placed.awaiting_payment', to: 'placed.confirmed' },
    ]);
    const outbox = await storage.claimOutbox('2030-01-01T00:00:00.000Z', { limit: 100, leaseMs: 1000 });
    // One message per order at a time (per-order ordering): the oldest is the order_placed confirmation.
    expect(outbox.map((m) => m.dedupeKey)).toEqual(['o1:7:0']);
  });

  it('bad input, unknown orders and forged actors get typed results and write nothing', async () => {
    const { engine } = setup();
    await placed(engine, 'o1', { method: 'bank_transfer' });
    const before = await engine.get('o1');
    expect((await engine.send('nope', { type: 'START_CHECKOUT' }, { actor: customer })).status).toBe('not_found');
    expect((await engine.send('o1', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'x', amount: { amount: 1.5, currency: 'EUR' } }, { actor: staff })).status).toBe('invalid');
    expect((await engine.send('o1', { type: 'NOPE' }, { actor: staff })).status).toBe('invalid');
    expect((await engine.send('o1', { type: 'CONFIRM_ORDER' }, { actor: { kind: 'admin', id: 'x' } as unknown as Actor })).status).toBe('invalid');
    expect((await engine.send('o1', { type: 'CONFIRM_ORDER' }, { actor: staff, idempotencyKey: '' })).status).toBe('invalid');
    const forged = await engine.send('o1', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'TRX', amount: eur(2500) }, { actor: customer });
    expect(forged.status).toBe('forbidden');
    const wrongState = await engine.send('o1', { type: 'COMPLETE_ORDER' }, { actor: staff });
    expect(wrongState.status === 'rejected' && wrongState.error.reason).toBe('NOT_ALLOWED_IN_STATE');
    expect(await engine.get('o1')).toEqual(before);
    expect((await engine.history('o1')).length).toBe(before?.version);
  });

  it('a stale expectedVersion is a conflict ("someone else changed this order")', async () => {
    const { engine } = setup();
    await placed(engine, 'o1');
    const r = await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, expectedVersion: 3 });
    expect(r).toMatchObject({ status: 'conflict', reason: 'stale_version', currentVersion: 7 });
    expect((await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, expectedVersion: 7 })).status).toBe('applied');
  });

  it('create refuses an id that exists and invalid input', async () => {
    const { engine } = setup();
    await must(engine.create({ orderId: 'o1', currency: 'EUR' }));
    expect((await engine.create({ orderId: 'o1', currency: 'EUR' })).status).toBe('conflict');
    expect((await engine.create({ orderId: '', currency: 'EUR' })).status).toBe('invalid');
  });
});

describe('engine idempotency: a repeated request or fact is a no-op returning the first outcome', () => {
  it('the same idempotency key returns the first outcome and writes nothing', async () => {
    const { engine } = setup();
    await placed(engine, 'o1');
    const first = await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, idempotencyKey: 'req-1' });
    const again = await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, idempotencyKey: 'req-1' });
    expect(first.status).toBe('applied');
    expect(again).toMatchObject({ status: 'duplicate', first: { status: 'applied', version: 8, eventType: 'PUT_ON_HOLD' } });
    expect((await engine.get('o1'))?.version).toBe(8);
  });

  it('the same capture reported twice without a key is a duplicate; with another amount it is a conflict, recorded', async () => {
    const { engine } = setup();
    await placed(engine, 'o1');
    await must(engine.send('o1', { type: 'PAYMENT_AUTHORIZED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'auth-1' }, { actor: psp }));
    await must(engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(1000), providerRef: 'cap-1' }, { actor: psp }));
    const version = (await engine.get('o1'))?.version;
    const dup = await engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(1000), providerRef: 'cap-1' }, { actor: psp });
    expect(dup.status).toBe('duplicate');
    expect((await engine.get('o1'))?.version).toBe(version);
    const clash = await engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(1500), providerRef: 'cap-1' }, { actor: psp });
    expect(clash).toMatchObject({ status: 'conflict', reason: 'provider_reference_mismatch' });
    const last = (await engine.history('o1')).at(-1);
    expect(last?.reason).toMatch(/PROVIDER_REFERENCE_MISMATCH/);
    expect(last?.changes).toEqual([]);
    expect((await engine.get('o1'))?.aggregate.payments[0]?.context.captured).toBe(1000);
  });

  it('a duplicate-webhook storm applies once', async () => {
    const { engine } = setup();
    await placed(engine, 'o1');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'cap-1' }, { actor: psp })),
    );
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(49);
    expect((await engine.history('o1')).filter((h) => h.eventType === 'PAYMENT_CAPTURED')).toHaveLength(1);
  });
});

describe('engine concurrency: concurrent writers never lose an update', () => {
  it('16 concurrent writers on one order all land, versions strictly increase', async () => {
    const { engine } = setup();
    await placed(engine, 'o1');
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => engine.send('o1', { type: 'NOTIFY_DELAY', reason: 'carrier', note: `n${i}` }, { actor: staff })));
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    const history = await engine.history('o1');
    expect(history.map((h) => h.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(new Set(history.filter((h) => h.eventType === 'NOTIFY_DELAY').map((h) => (h.event as { note: string }).note)).size).toBe(16);
  });
});

describe('engine.runDue: durable deadlines fire once, from the policy', () => {
  it('an abandoned cart with a known email gets one reminder after N hours, however many sweeps run', async () => {
    const { engine, clock } = setup({ policy: { abandonedCartAfterHours: 3 } });
    await must(engine.create({ orderId: 'o1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: eur(100) }], customer: { kind: 'guest', email: 'a@example.com' } }));
    expect((await engine.runDue(new Date(clock.now().getTime() + 2 * HOUR))).fired).toEqual([]);
    const later = new Date(clock.now().getTime() + 3 * HOUR);
    const sweeps = await Promise.all([engine.runDue(later), engine.runDue(later), engine.runDue(later)]);
    expect(sweeps.flatMap((s) => s.fired)).toEqual([{ orderId: 'o1', key: 'cart_reminder', eventType: 'SEND_CART_REMINDER' }]);
    expect((await engine.runDue(new Date(later.getTime() + DAY))).fired).toEqual([]);
    expect((await engine.get('o1'))?.aggregate.order.context.cartReminderSentAt).not.toBeNull();
  });

  it('unpaid orders expire per payment method: online after 30 min, bank transfer after 3 days', async () => {
    const { engine, clock } = setup();
    await placed(engine, 'card');
    await placed(engine, 'wire', { method: 'bank_transfer' });
    const r1 = await engine.runDue(new Date(clock.now().getTime() + 31 * 60_000));
    expect(r1.fired).toEqual([{ orderId: 'card', key: 'expire_unpaid', eventType: 'EXPIRE_ORDER' }]);
    expect((await engine.get('card'))?.statuses.order).toBe('expired');
    expect((await engine.get('wire'))?.statuses.order).toBe('placed.awaiting_payment');
    await engine.runDue(new Date(clock.now().getTime() + 3 * DAY + 60_000));
    expect((await engine.get('wire'))?.statuses.order).toBe('expired');
  });

  it('an unpaid bank transfer is reminded of once, a day before it expires, with the pay-by date', async () => {
    const { engine, clock, storage } = setup();
    await placed(engine, 'wire', { method: 'bank_transfer' });
    const placedAt = clock.now().getTime();
    expect((await engine.runDue(new Date(placedAt + 2 * DAY - 60_000))).fired).toEqual([]);
    const r = await engine.runDue(new Date(placedAt + 2 * DAY + 60_000));
    expect(r.fired).toEqual([{ orderId: 'wire', key: 'payment_reminder', eventType: 'SEND_PAYMENT_REMINDER' }]);
    expect((await engine.runDue(new Date(placedAt + 2 * DAY + HOUR))).fired).toEqual([]);
    const history = await engine.history('wire');
    expect(history.at(-1)?.event).toEqual({ type: 'SEND_PAYMENT_REMINDER', payBy: new Date(placedAt + 3 * DAY).toISOString() });
    let reminder: unknown;
    for (let i = 0; i < 20 && reminder === undefined; i += 1) {
      const [m] = await storage.claimOutbox('2030-01-01T00:00:00.000Z', { limit: 1, leaseMs: 1000 });
      if (!m) break;
      if (m.effect.kind === 'notification' && m.effect.template === 'payment_reminder') reminder = m.effect;
      await storage.ackOutbox(m.id, { at: '2030-01-01T00:00:00.000Z', attempt: m.attempts });
    }
    expect(reminder).toMatchObject({ audience: 'customer', data: { amount: eur(2500), expectedAt: new Date(placedAt + 3 * DAY).toISOString() } });
  });

  it('a paid order does not expire: its deadline is gone', async () => {
    const { engine, clock } = setup();
    await placed(engine, 'o1');
    await must(engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'c' }, { actor: psp }));
    const r = await engine.runDue(new Date(clock.now().getTime() + HOUR));
    expect(r.fired).toEqual([]);
    expect((await engine.get('o1'))?.statuses.order).toBe('placed.confirmed');
  });

  it('delivery starts the feedback request and completion when the return window ends', async () => {
    const { engine, clock } = setup({ policy: { feedbackAfterDays: 3, returnWindowDays: 14 } });
    await placed(engine, 'o1');
    const steps: [unknown, Actor][] = [
      [{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'c' }, psp],
      [{ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 2 }] }, staff],
      [{ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o1-S1' }, staff],
      [{ type: 'START_PICKING', shipmentId: 'o1-S1', pickerId: 'p1' }, staff],
      [{ type: 'PACK_SHIPMENT', shipmentId: 'o1-S1', label: { carrier: 'DHL', trackingNumber: 'T1' } }, staff],
      [{ type: 'MARK_READY_TO_SHIP', shipmentId: 'o1-S1' }, staff],
      [{ type: 'HAND_TO_CARRIER', shipmentId: 'o1-S1' }, staff],
      [{ type: 'CARRIER_STATUS', shipmentId: 'o1-S1', status: 'delivered' }, carrier],
    ];
    for (const [event, actor] of steps) await must(engine.send('o1', event, { actor }));
    const delivered = clock.now().getTime();
    expect((await engine.runDue(new Date(delivered + 3 * DAY))).fired.map((f) => f.key)).toEqual(['feedback']);
    // The return window (14 days) is over, the claim window (30) is not: the order stays open for claims.
    expect((await engine.runDue(new Date(delivered + 14 * DAY))).fired).toEqual([]);
    expect((await engine.runDue(new Date(delivered + 30 * DAY))).fired.map((f) => f.key)).toEqual(['complete']);
    expect((await engine.get('o1'))?.statuses.order).toBe('completed');
    expect((await engine.get('o1'))?.nextDeadlineAt).toBeNull();
  });

  it('a late parcel tells the customer about the delay once (business days by shipping method)', async () => {
    const { engine, clock } = setup();
    await placed(engine, 'o1');
    await must(engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'c' }, { actor: psp }));
    // Confirmed on Monday 2026-04-06; standard = 3 business days → Thursday.
    expect((await engine.get('o1'))?.nextDeadlineAt).toBe('2026-04-09T09:00:00.000Z');
    const r = await engine.runDue(new Date('2026-04-09T10:00:00.000Z'));
    expect(r.fired).toEqual([{ orderId: 'o1', key: 'late_shipment', eventType: 'NOTIFY_DELAY' }]);
    expect((await engine.runDue(new Date('2026-04-20T10:00:00.000Z'))).fired).toEqual([]);
    void clock;
  });

  it('counts dispatch days over the shop\'s own weekend (an Iranian shop rests on Friday only)', async () => {
    const { engine, clock } = setup({ policy: { weekendDays: [5] } });
    clock.set('2026-04-08T09:00:00.000Z'); // Wednesday
    await placed(engine, 'o1');
    await must(engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'c' }, { actor: psp }));
    // Standard = 3 working days: Thursday, (Friday off), Saturday, Sunday. Saturday and Sunday would be skipped by default.
    expect((await engine.get('o1'))?.nextDeadlineAt).toBe('2026-04-12T09:00:00.000Z');
  });

  it('refuses a weekend that is not one, before anything runs', () => {
    expect(() => setup({ policy: { weekendDays: [0, 1, 2, 3, 4, 5, 6] } })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => setup({ policy: { weekendDays: [7 as never] } })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});

describe('engine with an inventory adapter: stock is reserved on confirmation, released on cancel', () => {
  it('reserves when an online payment confirms the order, and commits stock when the parcel leaves', async () => {
    const inventory = createMemoryInventory({ KETTLE: 5 });
    const { engine } = setup({ inventory });
    await placed(engine, 'o1');
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 5, reserved: 0 });
    await must(engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'c' }, { actor: psp }));
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 5, reserved: 2 });
    expect((await engine.get('o1'))?.aggregate.order.context.stock).toBe('reserved');
    for (const event of [
      { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 2 }] },
      { type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o1-S1' },
      { type: 'START_PICKING', shipmentId: 'o1-S1', pickerId: 'p1' },
      { type: 'PACK_SHIPMENT', shipmentId: 'o1-S1', label: { carrier: 'DHL', trackingNumber: 'T1' } },
      { type: 'MARK_READY_TO_SHIP', shipmentId: 'o1-S1' },
    ]) {
      await must(engine.send('o1', event, { actor: staff }));
    }
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 5, reserved: 2 });
    await must(engine.send('o1', { type: 'HAND_TO_CARRIER', shipmentId: 'o1-S1' }, { actor: staff }));
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 3, reserved: 0 });
  });

  it('does not reserve for an unconfirmed bank transfer (seed 002); confirming by hand does', async () => {
    const inventory = createMemoryInventory({ KETTLE: 5 });
    const { engine } = setup({ inventory });
    await placed(engine, 'o1', { method: 'bank_transfer' });
    expect(inventory.levels('KETTLE').reserved).toBe(0);
    await must(engine.send('o1', { type: 'CONFIRM_ORDER' }, { actor: staff }));
    expect(inventory.levels('KETTLE').reserved).toBe(2);
    await must(engine.send('o1', { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: staff }));
    expect(inventory.levels('KETTLE').reserved).toBe(0);
  });

  it('a failed reservation sends a backorderable order to backorder, and holds one that is not', async () => {
    const inventory = createMemoryInventory({ KETTLE: 1 });
    const { engine } = setup({ inventory });
    await placed(engine, 'back', { backorderable: true });
    await must(engine.send('back', { type: 'PAYMENT_CAPTURED', paymentId: 'back-P1', amount: eur(2500), providerRef: 'c' }, { actor: psp }));
    expect((await engine.get('back'))?.statuses.order).toBe('placed.backordered');
    await placed(engine, 'hold');
    await must(engine.send('hold', { type: 'PAYMENT_CAPTURED', paymentId: 'hold-P1', amount: eur(2500), providerRef: 'c' }, { actor: psp }));
    const held = await engine.get('hold');
    expect(held?.statuses.order).toBe('on_hold');
    expect(held?.aggregate.order.context.hold).toMatchObject({ reason: 'stock_issue' });
  });
});

describe('engine: persisted aggregates carry a schema version', () => {
  it('an unknown version is a typed error, not a crash', async () => {
    const storage = createMemoryStorage();
    const { engine } = setup({ storage });
    await must(engine.create({ orderId: 'o1', currency: 'EUR' }));
    const stored = await storage.load('o1');
    if (!stored) throw new Error('missing');
    await storage.commit({
      orderId: 'o1',
      expectedVersion: stored.version,
      order: { aggregate: { ...stored.aggregate, schemaVersion: 99 } as never, statuses: stored.statuses, timers: stored.timers, nextDeadlineAt: null },
      history: null,
      outbox: [],
      idempotency: null,
      at: new Date().toISOString(),
    });
    await expect(engine.send('o1', { type: 'START_CHECKOUT' }, { actor: customer })).rejects.toThrow(OrderMachineError);
    await expect(engine.send('o1', { type: 'START_CHECKOUT' }, { actor: customer })).rejects.toMatchObject({ code: 'UNKNOWN_SCHEMA_VERSION' });
  });
});

describe('engine: broken infrastructure throws one typed error and writes nothing', () => {
  it('a failing storage surfaces as OrderMachineError STORAGE_FAILURE with the cause; a retry then succeeds', async () => {
    const real = createMemoryStorage();
    let failNextCommit = false;
    const flaky: StorageAdapter = {
      ...real,
      commit: async (request) => {
        if (failNextCommit) {
          failNextCommit = false;
          throw new Error('connection terminated');
        }
        return real.commit(request);
      },
    };
    const { engine } = setup({ storage: flaky });
    await placed(engine, 'o1');
    const before = await engine.get('o1');
    failNextCommit = true;
    await expect(engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff })).rejects.toMatchObject({
      name: 'OrderMachineError',
      code: 'STORAGE_FAILURE',
      message: 'commit failed: connection terminated',
    });
    expect(await engine.get('o1')).toEqual(before);
    expect((await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff })).status).toBe('applied');
  });
});
