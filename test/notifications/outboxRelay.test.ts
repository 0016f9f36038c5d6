import { describe, expect, it, vi } from 'vitest';
import {
  createEmailNotifier,
  createMemoryNotifier,
  createMemoryStorage,
  createOrderEngine,
  createOutboxRelay,
  type Actor,
  type CommandContext,
  type CommandEffect,
  type MemoryNotifier,
  type NotificationDelivery,
  type NotificationRenderer,
  type Notifier,
  type OrderEngine,
  type OutboxRelayOptions,
  type RelayReport,
  type StorageAdapter,
} from '../../src/index.js';

const T0 = '2026-04-06T09:00:00.000Z';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const at = (ms: number) => new Date(Date.parse(T0) + ms);
const customer: Actor = { kind: 'customer', id: 'c1' };
const psp: Actor = { kind: 'payment_provider', id: 'psp' };
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

/** A renderer that needs nothing but the order's customer: the relay's own behaviour is under test here. */
const render: NotificationRenderer = (effect, order) => {
  const c = order.order.context.customer;
  if (c === null) throw new Error(`order ${order.id} has no customer to write to`);
  const subject = `${effect.template} ${order.id}`;
  return {
    recipient: { name: c.name ?? null, email: c.email ?? null, phone: c.phone ?? null },
    message: { locale: c.locale, dir: c.locale === 'fa' ? 'rtl' : 'ltr', subject, text: subject, html: `<p>${subject}</p>` },
  };
};

function setup(options: Partial<OutboxRelayOptions> = {}) {
  const storage = options.storage ?? createMemoryStorage({ copy: 'json' });
  const notifier = createMemoryNotifier();
  const engine = createOrderEngine({ storage, clock: { now: () => new Date(T0) }, retryDelayMs: () => 0 });
  const relay = createOutboxRelay({
    storage,
    notifier,
    render,
    ignore: ['reserve_stock', 'release_stock', 'refund_payment'],
    backoff: { baseMs: 10 * SECOND, maxMs: 10 * MINUTE },
    ...options,
  });
  return { storage, notifier, engine, relay };
}

async function must(p: Promise<{ status: string }>) {
  const r = await p;
  if (r.status !== 'applied' && r.status !== 'created') throw new Error(JSON.stringify(r));
}

/** A placed order (writes `order_placed`, dedupe key `<id>:7:0`). */
async function place(engine: OrderEngine, orderId: string) {
  await must(engine.create({ orderId, currency: 'EUR', items: [{ lineId: 'l1', sku: 'KETTLE', name: 'Kettle', quantity: 2, unitPrice: eur(1000) }] }, { actor: customer }));
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: `${orderId}@example.com`, name: 'Anna' } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) },
    { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
    { type: 'PLACE_ORDER', total: eur(2500) },
  ]) {
    await must(engine.send(orderId, event, { actor: customer }));
  }
}

/** Payment captured: writes `payment_received`, `order_confirmed` and `reserve_stock` (`<id>:8:0..2`). */
async function capture(engine: OrderEngine, orderId: string) {
  await must(engine.send(orderId, { type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P1`, amount: eur(2500), providerRef: `cap-${orderId}` }, { actor: psp }));
}

/** Canceled after capture: writes `order_canceled`, `release_stock` and `refund_payment` (`<id>:9:0..2`). */
async function cancel(engine: OrderEngine, orderId: string) {
  await must(engine.send(orderId, { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: customer }));
}

const keysOf = (deliveries: readonly NotificationDelivery[]) => deliveries.map((d) => d.dedupeKey);

function expectBalanced(report: RelayReport) {
  expect(report.delivered + report.ignored + report.failed + report.dead).toBe(report.claimed);
}

describe('outbox relay: delivers what the engine wrote, acknowledges it, and reports', () => {
  it('sends rendered notifications with their dedupe keys and acknowledges them; a second run finds nothing', async () => {
    const { engine, relay, notifier, storage } = setup();
    await place(engine, 'o1');
    await capture(engine, 'o1');

    const report = await relay.runOnce(at(0));
    expect(report).toEqual({ claimed: 4, delivered: 3, ignored: 1, failed: 0, dead: 0, errors: [] });
    expect(keysOf(notifier.sent)).toEqual(['o1:7:0', 'o1:8:0', 'o1:8:1']);
    expect(notifier.sent.map((d) => d.effect.template)).toEqual(['order_placed', 'payment_received', 'order_confirmed']);
    expect(notifier.sent[0]).toMatchObject({
      recipient: { name: 'Anna', email: 'o1@example.com', phone: null },
      message: { locale: 'en', dir: 'ltr', subject: 'order_placed o1' },
    });

    expect(await relay.runOnce(at(0))).toEqual({ claimed: 0, delivered: 0, ignored: 0, failed: 0, dead: 0, errors: [] });
    expect(await storage.claimOutbox(at(HOUR_MS).toISOString(), { limit: 100, leaseMs: MINUTE })).toEqual([]);
  });

  it('does not send what is not due yet', async () => {
    const { engine, relay, notifier } = setup();
    await place(engine, 'o1');
    expect((await relay.runOnce(at(-1))).claimed).toBe(0);
    expect(notifier.sent).toEqual([]);
  });
});

const HOUR_MS = 60 * MINUTE;

describe('outbox relay: the default renderer writes in the customer\'s language', () => {
  it('renders with renderNotification and the given renderOptions when no render is passed', async () => {
    const storage = createMemoryStorage({ copy: 'json' });
    const engine = createOrderEngine({ storage, clock: { now: () => new Date(T0) }, retryDelayMs: () => 0 });
    const notifier = createMemoryNotifier();
    const relay = createOutboxRelay({ storage, notifier, renderOptions: { storeName: 'Saffron House' }, ignore: ['reserve_stock'] });
    await must(engine.create({ orderId: 'o-fa', currency: 'EUR', items: [{ lineId: 'l1', sku: 'TEA', name: 'Tea', quantity: 1, unitPrice: eur(2000) }] }, { actor: customer }));
    for (const event of [
      { type: 'START_CHECKOUT' },
      { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'sara@example.ir', name: 'سارا', locale: 'fa' } },
      { type: 'SET_SHIPPING_ADDRESS', address: { name: 'سارا', line1: 'خیابان ولیعصر ۱', city: 'Tehran', country: 'IR' } },
      { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) },
      { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
      { type: 'PLACE_ORDER', total: eur(2500) },
    ]) {
      await must(engine.send('o-fa', event, { actor: customer }));
    }
    expect(await relay.runOnce(at(0))).toMatchObject({ delivered: 1, errors: [] });
    const [sent] = notifier.sent;
    expect(sent?.recipient).toEqual({ name: 'سارا', email: 'sara@example.ir', phone: null });
    expect(sent?.message).toMatchObject({ locale: 'fa', dir: 'rtl' });
    expect(sent?.message.text).toContain('Saffron House');
    expect(sent?.message.html).toContain('dir="rtl"');
  });
});

describe('outbox relay: a channel that fails k times, then works, delivers exactly once per dedupe key', () => {
  it('retries with growing, jittered delays and delivers once the channel is back', async () => {
    const { engine, relay, notifier } = setup({ backoff: { baseMs: 10 * SECOND, maxMs: 10 * MINUTE } });
    await place(engine, 'o1');
    await capture(engine, 'o1');
    notifier.failNext(4);

    let now = at(0);
    const delays: number[] = [];
    for (let k = 1; k <= 4; k++) {
      const report = await relay.runOnce(now);
      expectBalanced(report);
      expect(report).toMatchObject({ claimed: 1, failed: 1, dead: 0, delivered: 0 });
      const [failure] = report.errors;
      expect(failure).toMatchObject({ code: 'SEND_FAILED', dedupeKey: 'o1:7:0', attempt: k, error: 'memory notifier: failing on purpose' });
      const retryAt = new Date(failure?.retryAt ?? Number.NaN);
      const delay = retryAt.getTime() - now.getTime();
      // min(max, base * 2^(k-1)) * [0.5, 1)
      expect(delay).toBeGreaterThanOrEqual(0.5 * 10 * SECOND * 2 ** (k - 1));
      expect(delay).toBeLessThan(10 * SECOND * 2 ** (k - 1));
      delays.push(delay);
      // Not a moment before the backoff is over.
      expect((await relay.runOnce(new Date(retryAt.getTime() - 1))).claimed).toBe(0);
      now = retryAt;
    }
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(new Set(delays).size).toBe(4);

    const report = await relay.runOnce(now);
    expect(report).toMatchObject({ delivered: 3, ignored: 1, failed: 0, dead: 0, errors: [] });
    expect(notifier.attempts.filter((a) => !a.ok).map((a) => a.delivery.dedupeKey)).toEqual(['o1:7:0', 'o1:7:0', 'o1:7:0', 'o1:7:0']);
    expect(keysOf(notifier.unique)).toEqual(['o1:7:0', 'o1:8:0', 'o1:8:1']);
    expect(keysOf(notifier.sent)).toEqual(keysOf(notifier.unique));
  });

  it('caps the delay at maxMs and uses an injected backoff function as given', async () => {
    const capped = setup({ backoff: { baseMs: 10 * SECOND, maxMs: 15 * SECOND, random: () => 0.999_999 } });
    await place(capped.engine, 'o1');
    capped.notifier.failAlways();
    let now = at(0);
    const delays: number[] = [];
    for (let k = 1; k <= 4; k++) {
      const retryAt = (await capped.relay.runOnce(now)).errors[0]?.retryAt ?? '';
      delays.push(Date.parse(retryAt) - now.getTime());
      now = new Date(retryAt);
    }
    expect(delays.map((d) => Math.round(d / 100) * 100)).toEqual([10_000, 15_000, 15_000, 15_000]);

    const custom = setup({ backoff: (attempts) => attempts * MINUTE });
    await place(custom.engine, 'o1');
    custom.notifier.failAlways();
    expect((await custom.relay.runOnce(at(0))).errors[0]?.retryAt).toBe(at(MINUTE).toISOString());
    expect((await custom.relay.runOnce(at(MINUTE))).errors[0]?.retryAt).toBe(at(3 * MINUTE).toISOString());
  });
});

describe('outbox relay: a channel that always fails dead-letters after the limit; dead letters can be retried or discarded', () => {
  it('dead after maxAttempts, listed with the last error, then retried and delivered once the channel recovers', async () => {
    const { engine, relay, notifier } = setup({ maxAttempts: 3, backoff: () => MINUTE });
    await place(engine, 'o1');
    notifier.failAlways({ error: 'smtp: 421 service not available' });

    const reports = [await relay.runOnce(at(0)), await relay.runOnce(at(MINUTE)), await relay.runOnce(at(2 * MINUTE))];
    expect(reports.map((r) => [r.failed, r.dead])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(reports[2]?.errors).toEqual([
      { code: 'SEND_FAILED', id: expect.any(String), orderId: 'o1', dedupeKey: 'o1:7:0', attempt: 3, error: 'smtp: 421 service not available', retryAt: null },
    ]);
    // Dead: never claimed again, however late.
    expect((await relay.runOnce(at(100 * HOUR_MS))).claimed).toBe(0);

    const dead = await relay.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ dedupeKey: 'o1:7:0', status: 'dead', attempts: 3, lastError: 'SEND_FAILED: smtp: 421 service not available' });

    notifier.recover();
    expect(await relay.retry(dead[0]?.id ?? '', at(3 * MINUTE))).toBe(true);
    expect(await relay.retry(dead[0]?.id ?? '', at(3 * MINUTE))).toBe(false);
    expect(await relay.deadLetters()).toEqual([]);
    expect((await relay.runOnce(at(3 * MINUTE - 1))).claimed).toBe(0);
    const report = await relay.runOnce(at(3 * MINUTE));
    expect(report).toMatchObject({ claimed: 1, delivered: 1 });
    expect(keysOf(notifier.sent)).toEqual(['o1:7:0']);
    expect(notifier.attempts).toHaveLength(4);
  });

  it('a retried dead letter gets a fresh round of attempts', async () => {
    const { engine, relay, notifier } = setup({ maxAttempts: 2, backoff: () => MINUTE });
    await place(engine, 'o1');
    notifier.failAlways();
    await relay.runOnce(at(0));
    expect((await relay.runOnce(at(MINUTE))).dead).toBe(1);
    const [dead] = await relay.deadLetters();
    await relay.retry(dead?.id ?? '', at(2 * MINUTE));
    expect((await relay.runOnce(at(2 * MINUTE))).errors[0]).toMatchObject({ attempt: 1, retryAt: at(3 * MINUTE).toISOString() });
    expect((await relay.runOnce(at(3 * MINUTE))).errors[0]).toMatchObject({ attempt: 2, retryAt: null });
  });

  it('a discarded dead letter is never sent and no longer listed', async () => {
    const { engine, relay, notifier } = setup({ maxAttempts: 1 });
    await place(engine, 'o1');
    await place(engine, 'o2');
    notifier.failAlways();
    expect(await relay.runOnce(at(0))).toMatchObject({ claimed: 2, dead: 2 });
    const [first, second] = await relay.deadLetters();
    expect([first?.dedupeKey, second?.dedupeKey]).toEqual(['o1:7:0', 'o2:7:0']);

    expect(await relay.discard(first?.id ?? '', at(MINUTE))).toBe(true);
    expect(await relay.discard(first?.id ?? '', at(MINUTE))).toBe(false);
    expect(await relay.retry(first?.id ?? '', at(MINUTE))).toBe(false);
    expect((await relay.deadLetters()).map((m) => m.dedupeKey)).toEqual(['o2:7:0']);

    notifier.recover();
    await relay.retry(second?.id ?? '', at(MINUTE));
    await relay.runOnce(at(HOUR_MS));
    expect(keysOf(notifier.sent)).toEqual(['o2:7:0']);
  });
});

describe('outbox relay: a relay that dies after sending but before acknowledging → sent again with the same dedupe key', () => {
  it('an acknowledgement that fails: the row comes back when its lease ends, not before', async () => {
    const { engine, notifier, storage } = setup();
    await place(engine, 'o1');
    const crashing: StorageAdapter = {
      ...storage,
      ackOutbox: async () => {
        throw new Error('connection terminated');
      },
    };
    const first = createOutboxRelay({ storage: crashing, notifier, render, leaseMs: 5 * MINUTE });
    const report = await first.runOnce(at(0));
    expect(report).toMatchObject({ claimed: 1, delivered: 0, failed: 1 });
    expect(report.errors).toEqual([
      {
        code: 'STORAGE_FAILURE',
        id: expect.any(String),
        orderId: 'o1',
        dedupeKey: 'o1:7:0',
        attempt: 1,
        error: 'sent, but ackOutbox failed: connection terminated',
        retryAt: at(5 * MINUTE).toISOString(),
      },
    ]);

    const second = createOutboxRelay({ storage, notifier, render, leaseMs: 5 * MINUTE });
    expect((await second.runOnce(at(5 * MINUTE - 1))).claimed).toBe(0);
    expect(await second.runOnce(at(5 * MINUTE))).toMatchObject({ claimed: 1, delivered: 1 });
    expect(keysOf(notifier.sent)).toEqual(['o1:7:0', 'o1:7:0']);
    expect(keysOf(notifier.unique)).toEqual(['o1:7:0']);
    expect(notifier.sent[1]).toEqual(notifier.sent[0]);
  });

  it('a relay process that dies mid-send (its send never returns): another relay redelivers after the lease', async () => {
    const { engine, notifier, storage } = setup();
    await place(engine, 'o1');
    await capture(engine, 'o1');
    const seen: NotificationDelivery[] = [];
    // Records the message, then the process is gone: the promise never settles, nothing is acked.
    const dying: Notifier = {
      send: (delivery) => {
        seen.push(delivery);
        return new Promise<void>(() => {});
      },
    };
    void createOutboxRelay({ storage, notifier: dying, render, leaseMs: MINUTE }).runOnce(at(0));
    await new Promise((resolve) => setImmediate(resolve));
    expect(keysOf(seen)).toEqual(['o1:7:0']);

    const survivor = createOutboxRelay({ storage, notifier, render, leaseMs: MINUTE, ignore: ['reserve_stock'] });
    // The dead relay still holds the order's first message, and with it the rest of the order.
    expect((await survivor.runOnce(at(30 * SECOND))).claimed).toBe(0);
    const report = await survivor.runOnce(at(MINUTE));
    expect(report).toMatchObject({ delivered: 3, ignored: 1, failed: 0 });
    expect(keysOf(notifier.sent)).toEqual(['o1:7:0', 'o1:8:0', 'o1:8:1']);
    expect(notifier.sent[0]?.dedupeKey).toBe(seen[0]?.dedupeKey);
  });

  it('a crash on every attempt still uses up attempts (counted at claim) and ends dead, not in a loop', async () => {
    const { engine, storage } = setup();
    await place(engine, 'o1');
    const hang: Notifier = { send: () => new Promise<void>(() => {}) };
    for (let k = 0; k < 3; k++) {
      void createOutboxRelay({ storage, notifier: hang, render, leaseMs: MINUTE }).runOnce(at(k * MINUTE));
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The fourth relay sees a message on its last allowed attempt that fails: dead.
    const notifier = createMemoryNotifier();
    notifier.failAlways();
    const last = createOutboxRelay({ storage, notifier, render, leaseMs: MINUTE, maxAttempts: 4 });
    expect(await last.runOnce(at(3 * MINUTE))).toMatchObject({ claimed: 1, dead: 1, errors: [{ attempt: 4, retryAt: null }] });
  });

  it('a row claimed past maxAttempts because its holders crashed is dead-lettered unsent (ATTEMPTS_EXHAUSTED)', async () => {
    const { engine, storage } = setup();
    await place(engine, 'o1');
    const hang: Notifier = { send: () => new Promise<void>(() => {}) };
    for (let k = 0; k < 3; k++) {
      void createOutboxRelay({ storage, notifier: hang, render, leaseMs: MINUTE, maxAttempts: 3 }).runOnce(at(k * MINUTE));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const notifier = createMemoryNotifier();
    const healthy = createOutboxRelay({ storage, notifier, render, leaseMs: MINUTE, maxAttempts: 3 });
    const report = await healthy.runOnce(at(3 * MINUTE));
    expect(report).toMatchObject({ claimed: 1, delivered: 0, dead: 1, errors: [{ code: 'ATTEMPTS_EXHAUSTED', attempt: 4, retryAt: null }] });
    expect(notifier.sent).toEqual([]);
    expect((await healthy.deadLetters()).map((m) => m.dedupeKey)).toEqual(['o1:7:0']);
  });
});

describe("outbox relay: one order's messages go out in the order they were written", () => {
  it('a failing first message holds back the ones after it; other orders are not held back', async () => {
    const { engine, relay, notifier } = setup({ backoff: () => MINUTE });
    await place(engine, 'o1');
    await place(engine, 'o2');
    await capture(engine, 'o1');
    await cancel(engine, 'o1');
    await capture(engine, 'o2');
    // o1's first message fails twice; o2 goes through.
    notifier.failNext(2, { when: (d) => d.effect.orderId === 'o1' });

    const first = await relay.runOnce(at(0));
    expect(first.errors.map((e) => e.dedupeKey)).toEqual(['o1:7:0']);
    expect(notifier.sent.filter((d) => d.effect.orderId === 'o1')).toEqual([]);
    expect(keysOf(notifier.sent.filter((d) => d.effect.orderId === 'o2'))).toEqual(['o2:7:0', 'o2:8:0', 'o2:8:1']);

    // The second attempt, a minute later, fails as well: still nothing of o1.
    expect((await relay.runOnce(at(MINUTE))).errors.map((e) => e.dedupeKey)).toEqual(['o1:7:0']);
    expect(notifier.sent.filter((d) => d.effect.orderId === 'o1')).toEqual([]);

    expect(await relay.runOnce(at(2 * MINUTE))).toMatchObject({ failed: 0, dead: 0, delivered: 4, ignored: 3 });
    expect(notifier.sent.filter((d) => d.effect.orderId === 'o1').map((d) => d.effect.template)).toEqual([
      'order_placed',
      'payment_received',
      'order_confirmed',
      'order_canceled',
    ]);
  });

  it('works on several orders at once, at most `concurrency`, and never two messages of one order at once', async () => {
    const storage = createMemoryStorage();
    const engine = createOrderEngine({ storage, clock: { now: () => new Date(T0) }, retryDelayMs: () => 0 });
    for (let i = 0; i < 6; i++) {
      await place(engine, `o${i}`);
      await capture(engine, `o${i}`);
    }
    let inFlight = 0;
    let most = 0;
    const busy = new Set<string>();
    const order: string[] = [];
    const slow: Notifier = {
      async send(delivery) {
        const orderId = delivery.effect.orderId;
        expect(busy.has(orderId)).toBe(false);
        busy.add(orderId);
        inFlight += 1;
        most = Math.max(most, inFlight);
        for (let tick = 0; tick < 3; tick++) await new Promise((resolve) => setImmediate(resolve));
        order.push(delivery.dedupeKey);
        inFlight -= 1;
        busy.delete(orderId);
      },
    };
    const relay = createOutboxRelay({ storage, notifier: slow, render, concurrency: 3, ignore: ['reserve_stock'] });
    const report = await relay.runOnce(at(0));
    expect(report).toMatchObject({ claimed: 24, delivered: 18, ignored: 6, failed: 0 });
    expect(most).toBe(3);
    for (let i = 0; i < 6; i++) expect(order.filter((k) => k.startsWith(`o${i}:`))).toEqual([`o${i}:7:0`, `o${i}:8:0`, `o${i}:8:1`]);
  });
});

describe('outbox relay: host commands run through typed handlers', () => {
  it('calls the handler for each command with the effect, its dedupe key and the current order', async () => {
    const calls: { effect: CommandEffect; context: CommandContext }[] = [];
    const { engine, relay } = setup({
      ignore: [],
      handlers: {
        reserve_stock: (effect, context) => void calls.push({ effect, context }),
        release_stock: async (effect, context) => void calls.push({ effect, context }),
        refund_payment: async (effect, context) => {
          // Typed per command: a refund has a payment, an amount and a reason.
          expect(effect.amount).toEqual(eur(2500));
          calls.push({ effect, context });
        },
      },
    });
    await place(engine, 'o1');
    await capture(engine, 'o1');
    await cancel(engine, 'o1');
    expect(await relay.runOnce(at(0))).toMatchObject({ claimed: 7, delivered: 7, ignored: 0, errors: [] });
    expect(calls.map((c) => [c.effect.command, c.context.dedupeKey])).toEqual([
      ['reserve_stock', 'o1:8:2'],
      ['release_stock', 'o1:9:1'],
      ['refund_payment', 'o1:9:2'],
    ]);
    expect(calls[0]?.effect).toEqual({ kind: 'command', orderId: 'o1', command: 'reserve_stock', lines: [{ lineId: 'l1', quantity: 2 }] });
    expect(calls[2]?.effect).toMatchObject({ command: 'refund_payment', paymentId: 'o1-P1', reason: 'order canceled: customer_request' });
    // The order as it is when the relay runs: already canceled.
    expect(calls[0]?.context.order.order.state).toBe('canceled');
    expect(calls[0]?.context.message).toMatchObject({ dedupeKey: 'o1:8:2', attempts: 1, status: 'delivering' });
  });

  it('a command without a handler is not dropped: it fails with NO_HANDLER, is retried, then dead', async () => {
    const { engine, relay, notifier } = setup({ ignore: [], maxAttempts: 2, backoff: () => MINUTE });
    await place(engine, 'o1');
    await capture(engine, 'o1');
    const first = await relay.runOnce(at(0));
    expect(first).toMatchObject({ delivered: 3, failed: 1, dead: 0 });
    expect(first.errors).toEqual([
      expect.objectContaining({ code: 'NO_HANDLER', dedupeKey: 'o1:8:2', error: "no handler for command 'reserve_stock': pass handlers.reserve_stock, or list it in ignore", retryAt: at(MINUTE).toISOString() }),
    ]);
    expect(await relay.runOnce(at(MINUTE))).toMatchObject({ dead: 1 });
    expect((await relay.deadLetters()).map((m) => [m.dedupeKey, m.lastError?.split(':')[0]])).toEqual([['o1:8:2', 'NO_HANDLER']]);
    expect(keysOf(notifier.sent)).toEqual(['o1:7:0', 'o1:8:0', 'o1:8:1']);
  });

  it('a handler that throws is retried like a channel error, and its later success acknowledges the row', async () => {
    let failures = 2;
    const { engine, relay } = setup({
      backoff: () => MINUTE,
      ignore: [],
      handlers: {
        reserve_stock: () => {
          if (failures-- > 0) throw new Error('warehouse API: 503');
        },
      },
    });
    await place(engine, 'o1');
    await capture(engine, 'o1');
    expect((await relay.runOnce(at(0))).errors).toMatchObject([{ code: 'HANDLER_FAILED', error: 'warehouse API: 503', attempt: 1 }]);
    expect((await relay.runOnce(at(MINUTE))).errors).toMatchObject([{ code: 'HANDLER_FAILED', attempt: 2 }]);
    expect(await relay.runOnce(at(2 * MINUTE))).toMatchObject({ delivered: 1, errors: [] });
  });
});

describe('outbox relay: rendering and loading failures fail the row like a channel error', () => {
  it('a render that throws → RENDER_FAILED, retried, nothing sent', async () => {
    let broken = true;
    const { engine, relay, notifier } = setup({
      backoff: () => MINUTE,
      render: (effect, order, options) => {
        if (broken) throw new Error(`no ${effect.template} template`);
        return render(effect, order, options);
      },
    });
    await place(engine, 'o1');
    expect((await relay.runOnce(at(0))).errors).toMatchObject([{ code: 'RENDER_FAILED', error: 'no order_placed template', retryAt: at(MINUTE).toISOString() }]);
    expect(notifier.attempts).toEqual([]);
    broken = false;
    expect(await relay.runOnce(at(MINUTE))).toMatchObject({ delivered: 1 });
  });

  it('an order that cannot be found → ORDER_NOT_FOUND; an order that cannot be loaded → STORAGE_FAILURE', async () => {
    const { engine, storage, notifier } = setup();
    await place(engine, 'o1');
    await place(engine, 'o2');
    const lossy: StorageAdapter = {
      ...storage,
      load: async (orderId) => {
        if (orderId === 'o1') return null;
        throw new Error('connection reset');
      },
    };
    const relay = createOutboxRelay({ storage: lossy, notifier, render, backoff: () => MINUTE });
    const report = await relay.runOnce(at(0));
    expect(report.errors.map((e) => [e.dedupeKey, e.code, e.error])).toEqual([
      ['o1:7:0', 'ORDER_NOT_FOUND', 'order o1 was not found'],
      ['o2:7:0', 'STORAGE_FAILURE', 'connection reset'],
    ]);
    expect(report).toMatchObject({ claimed: 2, failed: 2 });
  });

  it('a stored effect that is not a valid effect → INVALID_EFFECT, and it ends dead rather than reaching a channel', async () => {
    const { engine, storage, notifier, relay } = setup({ maxAttempts: 1 });
    await place(engine, 'o1');
    const current = await storage.load('o1');
    if (!current) throw new Error('fixture');
    await storage.commit({
      orderId: 'o1',
      expectedVersion: current.version,
      order: { aggregate: current.aggregate, statuses: current.statuses, timers: current.timers, nextDeadlineAt: current.nextDeadlineAt },
      history: null,
      outbox: [{ dedupeKey: 'o1:x', effect: { kind: 'notification', orderId: 'o1', template: 'no_such_template' } as never }],
      idempotency: null,
      at: T0,
    });
    const report = await relay.runOnce(at(0));
    expect(report.errors).toMatchObject([{ code: 'INVALID_EFFECT', dedupeKey: 'o1:x', retryAt: null }]);
    expect(keysOf(notifier.sent)).toEqual(['o1:7:0']);
  });
});

describe('outbox relay: infrastructure and options', () => {
  it('a claim that fails rejects runOnce with STORAGE_FAILURE', async () => {
    const { storage, notifier } = setup();
    const down: StorageAdapter = {
      ...storage,
      claimOutbox: async () => {
        throw new Error('ECONNREFUSED');
      },
    };
    const relay = createOutboxRelay({ storage: down, notifier, render });
    await expect(relay.runOnce(at(0))).rejects.toMatchObject({ name: 'OrderMachineError', code: 'STORAGE_FAILURE', message: 'claimOutbox failed: ECONNREFUSED' });
  });

  it('a failure that cannot be recorded leaves the row to its lease', async () => {
    const { engine, storage, notifier } = setup();
    await place(engine, 'o1');
    const readOnly: StorageAdapter = {
      ...storage,
      failOutbox: async () => {
        throw new Error('read-only transaction');
      },
    };
    notifier.failNext(1);
    const relay = createOutboxRelay({ storage: readOnly, notifier, render, leaseMs: MINUTE });
    const report = await relay.runOnce(at(0));
    expect(report).toMatchObject({ claimed: 1, failed: 1 });
    expect(report.errors.map((e) => [e.code, e.retryAt])).toEqual([
      ['SEND_FAILED', at(MINUTE).toISOString()],
      ['STORAGE_FAILURE', at(MINUTE).toISOString()],
    ]);
    const healthy = createOutboxRelay({ storage, notifier, render });
    expect(await healthy.runOnce(at(MINUTE))).toMatchObject({ delivered: 1 });
  });

  it('reads the clock when runOnce gets no time, and at every claim', async () => {
    const { engine, storage, notifier } = setup();
    await place(engine, 'o1');
    let now = at(-MINUTE);
    const relay = createOutboxRelay({ storage, notifier, render, clock: { now: () => now } });
    expect((await relay.runOnce()).claimed).toBe(0);
    now = at(0);
    expect((await relay.runOnce()).delivered).toBe(1);
  });

  it('a send that hangs past timeoutMs fails the attempt, so the relay moves on', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { engine, storage } = setup();
      await place(engine, 'o1');
      await place(engine, 'o2');
      const sent: string[] = [];
      const hangsOnO1: Notifier = {
        send: (d) => (d.effect.orderId === 'o1' ? new Promise<void>(() => {}) : Promise.resolve(void sent.push(d.dedupeKey))),
      };
      const relay = createOutboxRelay({ storage, notifier: hangsOnO1, render, leaseMs: MINUTE, timeoutMs: 10 * SECOND, backoff: () => MINUTE });
      const run = relay.runOnce(at(0));
      await vi.advanceTimersByTimeAsync(10 * SECOND);
      const report = await run;
      expect(report).toMatchObject({ claimed: 2, delivered: 1, failed: 1 });
      expect(report.errors).toMatchObject([{ code: 'SEND_FAILED', dedupeKey: 'o1:7:0', error: 'timed out after 10000 ms' }]);
      expect(sent).toEqual(['o2:7:0']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects nonsensical options at construction, synchronously, with a RangeError naming the option', () => {
    const { storage, notifier } = setup();
    const bad: [Partial<OutboxRelayOptions>, string][] = [
      [{ batchSize: 0 }, 'batchSize must be a positive integer, got 0'],
      [{ batchSize: Number.POSITIVE_INFINITY }, 'batchSize must be a positive integer, got Infinity'],
      [{ maxAttempts: 0 }, 'maxAttempts must be a positive integer, got 0'],
      [{ maxAttempts: 1.5 }, 'maxAttempts must be a positive integer, got 1.5'],
      [{ concurrency: -1 }, 'concurrency must be a positive integer, got -1'],
      [{ leaseMs: 0 }, 'leaseMs must be a positive number, got 0'],
      [{ leaseMs: Number.NaN }, 'leaseMs must be a positive number, got NaN'],
      [{ leaseMs: 1000, timeoutMs: 1000 }, 'timeoutMs must be positive and shorter than leaseMs (1000), got 1000'],
      [{ leaseMs: 1000, timeoutMs: 5000 }, 'timeoutMs must be positive and shorter than leaseMs (1000), got 5000'],
      [{ timeoutMs: 0 }, 'timeoutMs must be positive and shorter than leaseMs (60000), got 0'],
      [{ backoff: { baseMs: -1 } }, 'backoff.baseMs must be a finite number ≥ 0, got -1'],
      [{ backoff: { maxMs: Number.NaN } }, 'backoff.maxMs must be a finite number ≥ 0, got NaN'],
    ];
    for (const [options, message] of bad) {
      let thrown: unknown;
      try {
        createOutboxRelay({ storage, notifier, ...options });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(options)).toBeInstanceOf(RangeError);
      expect((thrown as RangeError).message).toBe(`createOutboxRelay: ${message}`);
    }
    // The edges that are allowed.
    expect(() => createOutboxRelay({ storage, notifier, maxAttempts: 1, batchSize: 1, concurrency: 1, leaseMs: 2, timeoutMs: 1, backoff: { baseMs: 0, maxMs: 0 } })).not.toThrow();
  });
});

describe('outbox relay: one run tries each row at most once, however short the backoff', () => {
  /** A clock that moves on by `stepMs` every time it is read, like a real one during a run. */
  const ticking = (stepMs: number) => {
    let t = Date.parse(T0);
    return { now: () => new Date((t += stepMs) - stepMs) };
  };
  const triesPerKey = (notifier: MemoryNotifier) => {
    const counts = new Map<string, number>();
    for (const a of notifier.attempts) counts.set(a.delivery.dedupeKey, (counts.get(a.delivery.dedupeKey) ?? 0) + 1);
    return counts;
  };

  it('a row that fails with a 1 ms backoff is not claimed again by the same run (clock read as the run goes)', async () => {
    const { engine, relay, notifier } = setup({ clock: ticking(1), backoff: { baseMs: 1, maxMs: 1 } });
    await place(engine, 'o1');
    await capture(engine, 'o1');
    await place(engine, 'o2');
    notifier.failNext(1, { when: (d) => d.dedupeKey === 'o1:7:0' });

    const first = await relay.runOnce();
    expectBalanced(first);
    expect(first).toMatchObject({ delivered: 1, failed: 1, dead: 0 });
    expect(first.errors).toMatchObject([{ code: 'SEND_FAILED', dedupeKey: 'o1:7:0', attempt: 1 }]);
    expect([...triesPerKey(notifier)]).toEqual([
      ['o1:7:0', 1],
      ['o2:7:0', 1],
    ]);

    // The next run retries it, then goes on with the order's later messages.
    const second = await relay.runOnce();
    expect(second).toMatchObject({ delivered: 3, ignored: 1, failed: 0, errors: [] });
    expect(keysOf(notifier.sent)).toEqual(['o2:7:0', 'o1:7:0', 'o1:8:0', 'o1:8:1']);
    expect(triesPerKey(notifier).get('o1:7:0')).toBe(2);
  });

  it('with a fixed `now` and no backoff at all, a failing row is tried once per run, not until it is dead', async () => {
    const { engine, relay, notifier } = setup({ backoff: () => 0, maxAttempts: 3 });
    await place(engine, 'o1');
    notifier.failAlways();
    for (let run = 1; run <= 3; run++) {
      const report = await relay.runOnce(at(0));
      expect(report).toMatchObject({ claimed: 1, failed: run < 3 ? 1 : 0, dead: run < 3 ? 0 : 1 });
      expect(report.errors).toMatchObject([{ attempt: run, retryAt: run < 3 ? at(0).toISOString() : null }]);
      expect(notifier.attempts).toHaveLength(run);
    }
  });

  it('a row sent but not acknowledged is not sent again by the same run when its lease ends during it', async () => {
    const { engine, storage, notifier } = setup();
    await place(engine, 'o1');
    let failAck = true;
    const flaky: StorageAdapter = {
      ...storage,
      ackOutbox: async (id, claim) => {
        if (failAck) {
          failAck = false;
          throw new Error('connection terminated');
        }
        return storage.ackOutbox(id, claim);
      },
    };
    // Every clock read is a lease later: without the guard, the next claim would find the row again.
    const relay = createOutboxRelay({ storage: flaky, notifier, render, clock: ticking(MINUTE), leaseMs: MINUTE });
    const first = await relay.runOnce();
    expect(first).toMatchObject({ claimed: 1, delivered: 0, failed: 1, errors: [{ code: 'STORAGE_FAILURE' }] });
    expect(keysOf(notifier.sent)).toEqual(['o1:7:0']);
    expect(await relay.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(keysOf(notifier.sent)).toEqual(['o1:7:0', 'o1:7:0']);
  });

  it('a row that failed for good (dead) does not stop the run: the order\'s later messages still go out in it', async () => {
    const { engine, relay, notifier } = setup({ clock: ticking(1), maxAttempts: 1, backoff: { baseMs: 1, maxMs: 1 } });
    await place(engine, 'o1');
    await capture(engine, 'o1');
    notifier.failNext(1);
    expect(await relay.runOnce()).toMatchObject({ claimed: 4, dead: 1, delivered: 2, ignored: 1 });
    expect(keysOf(notifier.sent)).toEqual(['o1:8:0', 'o1:8:1']);
  });
});

describe('outbox relay: a message with nobody to send to is never counted as delivered', () => {
  /** o1 placed, put on hold by staff (`order_on_hold`, to staff, `o1:8:0`), then canceled (`order_canceled`, to the customer). */
  async function heldThenCanceled(engine: OrderEngine) {
    await place(engine, 'o1');
    await must(engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staffActor }));
    await must(engine.send('o1', { type: 'CANCEL_ORDER', reason: 'fraud' }, { actor: staffActor }));
  }
  const staffActor: Actor = { kind: 'staff', id: 'clerk-1' };

  it('a staff message without renderOptions.staff: NO_RECIPIENT, dead at once, and the order\'s later messages still go out', async () => {
    const storage = createMemoryStorage({ copy: 'json' });
    const engine = createOrderEngine({ storage, clock: { now: () => new Date(T0) }, retryDelayMs: () => 0 });
    const notifier = createMemoryNotifier();
    const relay = createOutboxRelay({ storage, notifier });
    await heldThenCanceled(engine);

    const report = await relay.runOnce(at(0));
    expectBalanced(report);
    expect(report).toMatchObject({ delivered: 2, failed: 0, dead: 1 });
    expect(report.errors).toEqual([
      {
        code: 'NO_RECIPIENT',
        id: expect.any(String),
        orderId: 'o1',
        dedupeKey: expect.stringMatching(/^o1:/),
        attempt: 1,
        error: expect.stringMatching(/^memory notifier: the recipient of order_on_hold for order o1 \(dedupeKey o1:\d+:\d+\) has no email address or phone number \(staff messages go to renderOptions\.staff\.recipient\)$/),
        retryAt: null,
      },
    ]);
    expect(notifier.sent.map((d) => d.effect.template)).toEqual(['order_placed', 'order_canceled']);
    const [dead] = await relay.deadLetters();
    expect(dead?.lastError).toMatch(/^NO_RECIPIENT: memory notifier: /);

    // Once the staff inbox is configured, the dead letter can be retried and goes out.
    const configured = createOutboxRelay({ storage, notifier, renderOptions: { staff: { recipient: { name: 'Ops', email: 'ops@shop.example', phone: null } } } });
    expect(await configured.retry(dead?.id ?? '', at(MINUTE))).toBe(true);
    expect(await configured.runOnce(at(MINUTE))).toMatchObject({ delivered: 1, errors: [] });
    expect(notifier.sent.at(-1)).toMatchObject({ effect: { template: 'order_on_hold' }, recipient: { email: 'ops@shop.example' } });
  });

  it('the e-mail channel refuses a recipient without an address the same way; a channel that addresses nobody (a webhook) is not second-guessed', async () => {
    const storage = createMemoryStorage({ copy: 'json' });
    const engine = createOrderEngine({ storage, clock: { now: () => new Date(T0) }, retryDelayMs: () => 0 });
    await heldThenCanceled(engine);
    const mails: string[] = [];
    const email = createEmailNotifier({ transport: { sendMail: async (m) => void mails.push(m.subject) }, from: 'orders@shop.example' });
    const viaEmail = await createOutboxRelay({ storage, notifier: email }).runOnce(at(0));
    expect(viaEmail).toMatchObject({ delivered: 2, dead: 1, errors: [{ code: 'NO_RECIPIENT', retryAt: null, error: expect.stringContaining('email notifier: the recipient of order_on_hold') }] });
    expect(mails).toHaveLength(2);

    const other = createMemoryStorage({ copy: 'json' });
    await heldThenCanceled(createOrderEngine({ storage: other, clock: { now: () => new Date(T0) }, retryDelayMs: () => 0 }));
    const posted: string[] = [];
    const webhookLike: Notifier = { send: async (d) => void posted.push(d.effect.template) };
    expect(await createOutboxRelay({ storage: other, notifier: webhookLike }).runOnce(at(0))).toMatchObject({ delivered: 3, dead: 0 });
    expect(posted).toEqual(['order_placed', 'order_on_hold', 'order_canceled']);
  });

  it("a host's own channel or renderer says it with `code: 'NO_RECIPIENT'`; any other error is retried as before", async () => {
    const { engine, storage } = setup();
    await place(engine, 'o1');
    await place(engine, 'o2');
    const refusing: Notifier = {
      send: async (d) => {
        if (d.effect.orderId === 'o1') throw Object.assign(new Error('no push token for this device'), { code: 'NO_RECIPIENT' });
        throw new Error('push service: 503');
      },
    };
    const report = await createOutboxRelay({ storage, notifier: refusing, render, backoff: () => MINUTE }).runOnce(at(0));
    expect(report.errors.map((e) => [e.dedupeKey, e.code, e.retryAt])).toEqual([
      ['o1:7:0', 'NO_RECIPIENT', null],
      ['o2:7:0', 'SEND_FAILED', at(MINUTE).toISOString()],
    ]);
    expect(report).toMatchObject({ dead: 1, failed: 1 });

    const noContact: NotificationRenderer = () => {
      throw Object.assign(new Error('order has no contact'), { code: 'NO_RECIPIENT' });
    };
    const notifier = createMemoryNotifier();
    const rendered = await createOutboxRelay({ storage, notifier, render: noContact }).runOnce(at(MINUTE));
    expect(rendered).toMatchObject({ claimed: 1, dead: 1, errors: [{ code: 'NO_RECIPIENT', dedupeKey: 'o2:7:0', error: 'order has no contact', retryAt: null }] });
    expect(notifier.attempts).toEqual([]);
  });
});

