import assert from 'node:assert/strict';
import { apply, createOrder, deriveOrderStatuses, type Actor, type OrderAggregate, type OrderStatuses } from '../index.js';
import type { CommitRequest, CommitResult, DueOrder, HistoryEntry, ListQuery, OutboxMessage, StockTask, StorageAdapter, StoredOrder, TimerState } from '../ports/StorageAdapter.js';

/**
 * What the suite needs from a test runner. The globals of vitest and jest fit as they are:
 * pass `{ describe, it }`, and `afterEach` too if you want a storage torn down even when its test
 * times out.
 */
export interface StorageConformanceRunner {
  /** Groups tests (`describe` of vitest or jest). */
  readonly describe: (name: string, body: () => void) => void;
  /** Declares one async test (`it` or `test` of vitest or jest). */
  readonly it: (name: string, body: () => Promise<void>) => void;
  /**
   * Accepted so that `{ describe, it, beforeEach, afterEach }` can be passed as it is; not used:
   * every test builds its own storage inside its body.
   */
  readonly beforeEach?: (body: () => Promise<void>) => void;
  /** When given, also tears down the storage of a test the runner gave up on (a timeout). */
  readonly afterEach?: (body: () => Promise<void>) => void;
}

/** A fresh, empty storage for one test, and how to dispose of it afterwards. */
export interface StorageUnderTest {
  readonly storage: StorageAdapter;
  /** Called once after the test, pass or fail (close pools, drop schemas…). */
  readonly teardown?: () => Promise<void>;
}

/** Makes a fresh, empty storage; called once per test. */
export type StorageFactory = () => Promise<StorageUnderTest>;

// ── time: explicit instants, never the clock, never a sleep ─────────────────────────────────────

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
/** The instant `minutes` (and `seconds`) after the suite's epoch, in `toISOString()` form. */
const at = (minutes: number, seconds = 0): string => new Date(T0 + minutes * 60_000 + seconds * 1_000).toISOString();
const LEASE_MS = 30_000;
const HOUR_MS = 3_600_000;

// ── realistic orders, built with the public API ─────────────────────────────────────────────────

const customer: Actor = { kind: 'customer', id: 'customer-1' };
const gateway: Actor = { kind: 'payment_provider', id: 'gateway-1' };
const warehouse: Actor = { kind: 'staff', id: 'warehouse-1' };
const automation: Actor = { kind: 'system', id: 'shop-automation' };
const courier: Actor = { kind: 'carrier', id: 'courier-1' };

/** Where a fixture order stands; each stage differs from the one before in at least one status. */
type Stage = 'cart' | 'checkout' | 'awaiting_payment' | 'paid' | 'shipped' | 'delivered' | 'return_requested';
const STAGES: readonly Stage[] = ['cart', 'checkout', 'awaiting_payment', 'paid', 'shipped', 'delivered', 'return_requested'];

interface Step {
  readonly actor: Actor;
  readonly event: { readonly type: string } & Record<string, unknown>;
  /** The stage the order has reached after this step, on the last step of a stage. */
  readonly reaches?: Stage;
}

const EUR = (amount: number) => ({ amount, currency: 'EUR' as const });

/** The events that take order `id` from its cart to a requested return. */
function walk(id: string): readonly Step[] {
  const shipmentId = `${id}-S1`;
  return [
    { actor: customer, event: { type: 'START_CHECKOUT' } },
    { actor: customer, event: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna Berg', line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' } } },
    { actor: customer, event: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: EUR(500) } },
    { actor: customer, event: { type: 'SELECT_PAYMENT_METHOD', method: 'online' }, reaches: 'checkout' },
    { actor: customer, event: { type: 'PLACE_ORDER', total: EUR(1400) }, reaches: 'awaiting_payment' },
    { actor: gateway, event: { type: 'PAYMENT_CAPTURED', paymentId: `${id}-P1`, amount: EUR(1400), providerRef: `ref-${id}` }, reaches: 'paid' },
    { actor: automation, event: { type: 'STOCK_RESERVED' } },
    { actor: warehouse, event: { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 2 }] } },
    { actor: warehouse, event: { type: 'RELEASE_TO_WAREHOUSE', shipmentId } },
    { actor: warehouse, event: { type: 'START_PICKING', shipmentId, pickerId: 'picker-1' } },
    { actor: warehouse, event: { type: 'PACK_SHIPMENT', shipmentId, label: { carrier: 'DHL', trackingNumber: `DHL-${id}` } } },
    { actor: warehouse, event: { type: 'MARK_READY_TO_SHIP', shipmentId } },
    { actor: warehouse, event: { type: 'HAND_TO_CARRIER', shipmentId }, reaches: 'shipped' },
    { actor: courier, event: { type: 'CARRIER_STATUS', shipmentId, status: 'delivered' }, reaches: 'delivered' },
    { actor: customer, event: { type: 'REQUEST_RETURN', lines: [{ lineId: 'l1', quantity: 1 }], reason: 'changed_mind' }, reaches: 'return_requested' },
  ];
}

/** The step that leaves `stage` (PLACE_ORDER from `checkout` asks for one message, PAYMENT_CAPTURED for three). */
function stepAfter(id: string, stage: Exclude<Stage, 'return_requested'>): Step {
  const steps = walk(id);
  const index = stage === 'cart' ? 0 : steps.findIndex((step) => step.reaches === stage) + 1;
  const step = steps[index];
  assert.ok(step, `fixture: no step after ${stage}`);
  return step;
}

function mustApply(order: OrderAggregate, step: Step, now: string) {
  const result = apply(order, step.event, { actor: step.actor, now });
  if (!result.ok) assert.fail(`fixture: ${step.event.type} was refused: ${result.error.message}`);
  return result;
}

const fixtureCache = new Map<string, OrderAggregate>();

/** Order `id` at `stage`, as `apply` leaves it (a fresh copy every time). */
function orderAt(id: string, stage: Stage): OrderAggregate {
  const cacheKey = `${id}\u0000${stage}`;
  let aggregate = fixtureCache.get(cacheKey);
  if (!aggregate) {
    const created = createOrder(
      {
        orderId: id,
        currency: 'EUR',
        items: [{ lineId: 'l1', sku: 'TEA-GREEN', name: 'Green tea', quantity: 2, unitPrice: EUR(450) }],
        customer: { kind: 'guest', email: 'anna@example.com' },
      },
      { now: at(-120) },
    );
    if (!created.ok) assert.fail(`fixture: createOrder refused: ${created.error.message}`);
    aggregate = created.order;
    if (stage !== 'cart') {
      const steps = walk(id);
      const last = steps.findIndex((step) => step.reaches === stage);
      for (const [index, step] of steps.slice(0, last + 1).entries()) aggregate = mustApply(aggregate, step, at(-119 + index)).order;
    }
    // A precondition of the suite, not of the adapter: aggregates are plain JSON, so every
    // adapter can store them as they are (a jsonb column drops `undefined`, a deep-equal would not).
    assert.deepEqual(JSON.parse(JSON.stringify(aggregate)), aggregate, 'fixture: the aggregate is not plain JSON');
    fixtureCache.set(cacheKey, aggregate);
  }
  return structuredClone(aggregate);
}

interface CommitExtras {
  readonly nextDeadlineAt?: string | null;
  readonly fired?: readonly string[];
  readonly idempotencyKey?: string;
  readonly result?: unknown;
  readonly correlationId?: string;
}

/** A create: order `id` at `stage`, as the engine would write it (version 1, one history row). */
function creation(id: string, stage: Stage, when: string, extras: CommitExtras = {}): CommitRequest {
  const aggregate = orderAt(id, stage);
  const statuses = deriveOrderStatuses(aggregate);
  return {
    orderId: id,
    expectedVersion: null,
    order: { aggregate, statuses, timers: { fired: extras.fired ?? [] }, nextDeadlineAt: extras.nextDeadlineAt ?? null },
    history: {
      at: when,
      actor: customer,
      eventType: 'CREATE_ORDER',
      event: { type: 'CREATE_ORDER', orderId: id, currency: 'EUR' },
      changes: [{ machine: 'order', id, from: null, to: statuses.order }],
      reason: null,
      correlationId: extras.correlationId ?? null,
      idempotencyKey: extras.idempotencyKey ?? null,
    },
    outbox: [],
    idempotency: extras.idempotencyKey === undefined ? null : { key: extras.idempotencyKey, result: extras.result ?? { outcome: 'created', version: 1 } },
    at: when,
  };
}

/** A decision: `step` applied to the stored order, with its effects as outbox rows. */
function decision(stored: StoredOrder, step: Step, when: string, extras: CommitExtras = {}): CommitRequest {
  const result = mustApply(stored.aggregate, step, when);
  const version = stored.version + 1;
  return {
    orderId: stored.id,
    expectedVersion: stored.version,
    order: {
      aggregate: result.order,
      statuses: deriveOrderStatuses(result.order),
      timers: { fired: extras.fired ?? stored.timers.fired },
      nextDeadlineAt: extras.nextDeadlineAt === undefined ? stored.nextDeadlineAt : extras.nextDeadlineAt,
    },
    history: {
      at: when,
      actor: step.actor,
      eventType: step.event.type,
      event: step.event,
      changes: result.changes,
      reason: null,
      correlationId: extras.correlationId ?? null,
      idempotencyKey: extras.idempotencyKey ?? null,
    },
    outbox: result.effects.map((effect, index) => ({ dedupeKey: `${stored.id}:${version}:${index}`, effect })),
    idempotency: extras.idempotencyKey === undefined ? null : { key: extras.idempotencyKey, result: extras.result ?? { outcome: 'applied', version } },
    at: when,
  };
}

/** The cart-reminder timer firing: the aggregate moves, the key is remembered, the deadline moves on. */
function cartReminder(stored: StoredOrder, when: string, nextDeadlineAt: string | null): CommitRequest {
  return decision(stored, { actor: automation, event: { type: 'SEND_CART_REMINDER' } }, when, {
    fired: [...stored.timers.fired, 'cart_reminder'],
    nextDeadlineAt,
  });
}

async function mustCommit(storage: StorageAdapter, request: CommitRequest): Promise<StoredOrder> {
  const result = await storage.commit(request);
  assert.deepEqual(result, { ok: true, version: (request.expectedVersion ?? 0) + 1 }, `commit of ${request.orderId} failed`);
  return mustLoad(storage, request.orderId);
}

async function mustLoad(storage: StorageAdapter, orderId: string): Promise<StoredOrder> {
  const stored = await storage.load(orderId);
  assert.ok(stored, `order ${orderId} is not stored`);
  return stored;
}

/** Creates order `id` at `stage` and returns it as stored. */
const seed = (storage: StorageAdapter, id: string, stage: Stage, when = at(0), extras: CommitExtras = {}) =>
  mustCommit(storage, creation(id, stage, when, extras));

/** Order `id` placed (one message: order_placed) and paid (three more), committed at minutes 1 and 2. */
async function seedWithMessages(storage: StorageAdapter, id: string): Promise<StoredOrder> {
  const ready = await seed(storage, id, 'checkout');
  const placed = await mustCommit(storage, decision(ready, stepAfter(id, 'checkout'), at(1)));
  return mustCommit(storage, decision(placed, stepAfter(id, 'awaiting_payment'), at(2)));
}

/** Claims and acks until nothing is claimable at `now`: every deliverable message, in delivery order. */
async function drain(storage: StorageAdapter, now: string): Promise<OutboxMessage[]> {
  const out: OutboxMessage[] = [];
  for (let round = 0; round < 10_000; round++) {
    const claimed = await storage.claimOutbox(now, { limit: 1000, leaseMs: LEASE_MS });
    if (claimed.length === 0) return out;
    for (const message of claimed) await storage.ackOutbox(message.id, { at: now, attempt: message.attempts });
    out.push(...claimed);
  }
  assert.fail('drain: the outbox never ran dry');
}

async function claimOne(storage: StorageAdapter, now: string): Promise<OutboxMessage> {
  const claimed = await storage.claimOutbox(now, { limit: 1, leaseMs: LEASE_MS });
  assert.equal(claimed.length, 1, `expected one claimable message at ${now}`);
  return claimed[0] as OutboxMessage;
}

/**
 * Every page from `cursor` on. Fails fast — instead of looping forever — when a page repeats an
 * order, goes back in id order, or hands out a cursor that leads nowhere new.
 */
async function listAll(storage: StorageAdapter, query: Omit<ListQuery, 'cursor'>, cursor: string | null = null): Promise<StoredOrder[]> {
  const out: StoredOrder[] = [];
  const cursors = new Set<string>();
  for (;;) {
    const result = await storage.list({ ...query, cursor });
    for (const item of result.items) {
      const previous = out[out.length - 1];
      assert.ok(previous === undefined || previous.id < item.id, `list: ${item.id} came after ${previous?.id ?? ''} (repeated or out of id order)`);
      out.push(item);
    }
    if (result.nextCursor === null) return out;
    assert.ok(!cursors.has(result.nextCursor) && result.items.length > 0, `list: the cursor ${result.nextCursor} does not move on`);
    cursors.add(result.nextCursor);
    cursor = result.nextCursor;
  }
}

async function rejectsWithRangeError(promise: () => Promise<unknown>, what: string): Promise<void> {
  await assert.rejects(promise, RangeError, `${what} must reject with a RangeError`);
}

const byOrderId = (due: readonly DueOrder[]) => [...due].sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
const ids = (items: readonly { readonly id: string }[]) => items.map((item) => item.id);
const pad = (n: number) => `o-${String(n).padStart(3, '0')}`;
const sorted = (values: readonly string[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The conformance suite for {@link StorageAdapter}: what "correct" means for any storage of
 * orders, whatever it runs on. Every shipped adapter runs it (memory, PGlite, a real PostgreSQL),
 * and a host that writes its own adapter runs it too. It needs only `describe` and `it` from the
 * runner and asserts with `node:assert`, so it runs under vitest and jest alike.
 *
 * Each test asks `factory` for a fresh, empty storage and tears it down afterwards. Orders are
 * built with the public API (`createOrder`, `apply`, `deriveOrderStatuses`); times are explicit
 * ISO instants, so nothing sleeps and nothing reads the clock. It checks: the atomic commit with
 * its version check and idempotency key, history order and paging, listing by each status with
 * keyset pagination, claiming due deadlines (leases, release on commit, concurrent sweeps), the
 * outbox (claim, ack, retry, dead letters, per-order ordering, redelivery after a crash,
 * concurrent relays), and that stored data is isolated from the caller's objects.
 *
 * @param name - the adapter's name, shown in the test titles
 * @param factory - makes a fresh, empty storage for one test (and says how to tear it down)
 * @param runner - the test runner's `describe` and `it` (and optionally `afterEach`)
 * @example
 * ```ts
 * import { afterEach, describe, it } from 'vitest';
 * import { createMemoryStorage } from 'ordermachine';
 * import { describeStorageConformance } from 'ordermachine/testing';
 *
 * describeStorageConformance('memory', async () => ({ storage: createMemoryStorage() }), { describe, it, afterEach });
 * ```
 */
export function describeStorageConformance(name: string, factory: StorageFactory, runner: StorageConformanceRunner): void {
  const open = new Set<() => Promise<void>>();
  const test = (title: string, body: (storage: StorageAdapter) => Promise<void>): void => {
    runner.it(title, async () => {
      const { storage, teardown } = await factory();
      const dispose = async (): Promise<void> => {
        if (open.delete(dispose)) await teardown?.();
      };
      open.add(dispose);
      try {
        await body(storage);
      } finally {
        await dispose();
      }
    });
  };

  runner.describe(`StorageAdapter conformance — ${name}`, () => {
    runner.afterEach?.(async () => {
      for (const dispose of [...open]) await dispose();
    });

    runner.describe('commit and load: one decision is written whole, on the version it was made on, or not at all', () => {
      test('load returns null for an order that was never written', async (storage) => {
        assert.equal(await storage.load('o-missing'), null);
        assert.deepEqual(await storage.history('o-missing'), []);
      });

      test('a create round-trips: load returns exactly what was committed, at version 1', async (storage) => {
        const request = creation('o-1', 'paid', at(0), { nextDeadlineAt: at(90), fired: ['cart_reminder'] });
        assert.deepEqual(await storage.commit(request), { ok: true, version: 1 });
        const stored = await storage.load('o-1');
        assert.deepEqual(stored, {
          id: 'o-1',
          version: 1,
          aggregate: request.order.aggregate,
          statuses: request.order.statuses,
          timers: { fired: ['cart_reminder'] },
          nextDeadlineAt: at(90),
          createdAt: at(0),
          updatedAt: at(0),
        });
        assert.equal(stored?.statuses.payment, 'paid');
      });

      test('creating an order that exists is a conflict naming its version, and changes nothing', async (storage) => {
        const first = await seed(storage, 'o-1', 'cart', at(0));
        const again = creation('o-1', 'checkout', at(5), { idempotencyKey: 'create-again' });
        assert.deepEqual(await storage.commit(again), { ok: false, reason: 'conflict', currentVersion: 1 });
        assert.deepEqual(await storage.load('o-1'), first);
        assert.equal((await storage.history('o-1')).length, 1);
        assert.equal(await storage.findIdempotencyResult('o-1', 'create-again'), undefined);
      });

      test('a commit on the current version writes version + 1 with its history row, outbox rows and statuses', async (storage) => {
        const created = await seed(storage, 'o-1', 'awaiting_payment', at(0));
        const request = decision(created, stepAfter('o-1', 'awaiting_payment'), at(3), { correlationId: 'webhook-77', nextDeadlineAt: at(60) });
        assert.equal(request.outbox.length, 3, 'fixture: PAYMENT_CAPTURED asks for three effects');
        assert.deepEqual(await storage.commit(request), { ok: true, version: 2 });

        const stored = await mustLoad(storage, 'o-1');
        assert.deepEqual(stored, {
          id: 'o-1',
          version: 2,
          aggregate: request.order.aggregate,
          statuses: request.order.statuses,
          timers: request.order.timers,
          nextDeadlineAt: at(60),
          createdAt: at(0),
          updatedAt: at(3),
        });
        assert.deepEqual(stored.statuses, deriveOrderStatuses(request.order.aggregate));
        assert.equal(stored.statuses.order, 'placed.confirmed');

        const history = await storage.history('o-1');
        assert.equal(history.length, 2);
        assert.deepEqual(history[1], { ...request.history, orderId: 'o-1', seq: 2 });

        const messages = await drain(storage, at(3));
        assert.deepEqual(
          messages.map(({ orderId, dedupeKey, effect, status, attempts, lastError, createdAt }) => ({ orderId, dedupeKey, effect, status, attempts, lastError, createdAt })),
          request.outbox.map(({ dedupeKey, effect }) => ({ orderId: 'o-1', dedupeKey, effect, status: 'delivering', attempts: 1, lastError: null, createdAt: at(3) })),
        );
        assert.equal(new Set(ids(messages)).size, 3, 'each outbox row has its own id');
      });

      test('a stale version is a conflict naming the current version, and writes nothing at all', async (storage) => {
        const created = await seed(storage, 'o-1', 'checkout', at(0));
        const placed = await mustCommit(storage, decision(created, stepAfter('o-1', 'checkout'), at(1)));
        const before = { order: placed, history: await storage.history('o-1') };

        // The same order placed a second time by a decision made on version 1, while version 2 was being written.
        const stale = decision(created, stepAfter('o-1', 'checkout'), at(2), { idempotencyKey: 'stale-key', nextDeadlineAt: at(30) });
        assert.equal(stale.outbox.length, 1, 'fixture: the stale decision carries an outbox row');
        assert.deepEqual(await storage.commit(stale), { ok: false, reason: 'conflict', currentVersion: 2 });

        assert.deepEqual(await storage.load('o-1'), before.order);
        assert.deepEqual(await storage.history('o-1'), before.history);
        assert.equal(await storage.findIdempotencyResult('o-1', 'stale-key'), undefined);
        assert.deepEqual(await storage.claimDue(at(60), { limit: 10, leaseMs: LEASE_MS }), [], 'the stale deadline was not written');
        const messages = await drain(storage, at(10));
        assert.deepEqual(
          messages.map((m) => [m.dedupeKey, m.createdAt]),
          [['o-1:2:0', at(1)]],
          'only the message of the commit that won is in the outbox',
        );
      });

      test('a commit on an order that does not exist is a conflict with currentVersion null, and creates nothing', async (storage) => {
        const ghost = { ...creation('o-1', 'cart', at(0), { idempotencyKey: 'k' }), expectedVersion: 1 };
        assert.deepEqual(await storage.commit(ghost), { ok: false, reason: 'conflict', currentVersion: null });
        assert.equal(await storage.load('o-1'), null);
        assert.deepEqual(await storage.history('o-1'), []);
        assert.equal(await storage.findIdempotencyResult('o-1', 'k'), undefined);
      });

      test('of concurrent commits on one version exactly one wins; the others are conflicts naming the winner', async (storage) => {
        const created = await seed(storage, 'o-1', 'checkout', at(0));
        const methods = ['online', 'bank_transfer', 'cash_on_delivery', 'invoice', 'online', 'bank_transfer', 'cash_on_delivery', 'invoice'];
        const results: CommitResult[] = await Promise.all(
          methods.map((method, index) =>
            storage.commit(decision(created, { actor: customer, event: { type: 'SELECT_PAYMENT_METHOD', method } }, at(1, index))),
          ),
        );
        assert.equal(results.filter((r) => r.ok).length, 1, `one winner: ${JSON.stringify(results)}`);
        for (const result of results) if (!result.ok) assert.deepEqual(result, { ok: false, reason: 'conflict', currentVersion: 2 });
        assert.equal((await storage.history('o-1')).length, 2);
        assert.equal((await mustLoad(storage, 'o-1')).version, 2);
      });

      test('times come back in toISOString() form and are compared as instants, not as text', async (storage) => {
        const request = creation('o-1', 'cart', '2026-03-01T10:00:00+01:00', { nextDeadlineAt: '2026-03-01T12:00:00Z' });
        await storage.commit(request);
        const stored = await mustLoad(storage, 'o-1');
        assert.equal(stored.createdAt, '2026-03-01T09:00:00.000Z');
        assert.equal(stored.updatedAt, '2026-03-01T09:00:00.000Z');
        assert.equal(stored.nextDeadlineAt, '2026-03-01T12:00:00.000Z');
        assert.equal((await storage.history('o-1'))[0]?.at, '2026-03-01T09:00:00.000Z');
        // 11:30 at -01:00 is 12:30Z: due, although the text "11:30" sorts before "12:00".
        const due = await storage.claimDue('2026-03-01T11:30:00-01:00', { limit: 10, leaseMs: LEASE_MS });
        assert.deepEqual(due, [{ orderId: 'o-1', version: 1, nextDeadlineAt: '2026-03-01T12:00:00.000Z' }]);
      });
    });

    runner.describe('idempotency: a key is used once per order; a repeat writes nothing and gets the first result', () => {
      test('a taken key answers idempotency_key_taken with the first result, and nothing is written', async (storage) => {
        const created = await seed(storage, 'o-1', 'checkout', at(0));
        const first = decision(created, stepAfter('o-1', 'checkout'), at(1), { idempotencyKey: 'place-1', result: { outcome: 'applied', version: 2, note: 'first' } });
        const placed = await mustCommit(storage, first);
        const before = { history: await storage.history('o-1'), messages: 1 };

        // The same request again, now on the fresh version: still a repeat.
        const repeat = decision(placed, { actor: customer, event: { type: 'CANCEL_ORDER', reason: 'customer_request' } }, at(2), {
          idempotencyKey: 'place-1',
          result: { outcome: 'applied', version: 3, note: 'second' },
        });
        assert.ok(repeat.outbox.length > 0, 'fixture: the repeat carries effects');
        assert.deepEqual(await storage.commit(repeat), { ok: false, reason: 'idempotency_key_taken', result: { outcome: 'applied', version: 2, note: 'first' } });

        assert.deepEqual(await storage.load('o-1'), placed);
        assert.deepEqual(await storage.history('o-1'), before.history);
        assert.equal((await drain(storage, at(10))).length, before.messages);
        assert.deepEqual(await storage.findIdempotencyResult('o-1', 'place-1'), { outcome: 'applied', version: 2, note: 'first' });
      });

      test('a taken key wins over a stale version: the repeat learns the first result at once', async (storage) => {
        const created = await seed(storage, 'o-1', 'checkout', at(0));
        await mustCommit(storage, decision(created, stepAfter('o-1', 'checkout'), at(1), { idempotencyKey: 'place-1', result: 'first' }));
        const repeat = decision(created, stepAfter('o-1', 'checkout'), at(2), { idempotencyKey: 'place-1', result: 'second' });
        assert.deepEqual(await storage.commit(repeat), { ok: false, reason: 'idempotency_key_taken', result: 'first' });
      });

      test('findIdempotencyResult returns the stored result, or undefined; keys belong to one order', async (storage) => {
        await seed(storage, 'o-1', 'cart', at(0), { idempotencyKey: 'create-o-1', result: { outcome: 'created', id: 'o-1' } });
        const other = await seed(storage, 'o-2', 'checkout', at(0));
        assert.deepEqual(await storage.findIdempotencyResult('o-1', 'create-o-1'), { outcome: 'created', id: 'o-1' });
        assert.equal(await storage.findIdempotencyResult('o-1', 'never-used'), undefined);
        assert.equal(await storage.findIdempotencyResult('o-2', 'create-o-1'), undefined);
        assert.equal(await storage.findIdempotencyResult('o-missing', 'create-o-1'), undefined);
        // The same key on another order is a different request.
        await mustCommit(storage, decision(other, stepAfter('o-2', 'checkout'), at(1), { idempotencyKey: 'create-o-1', result: 'o-2 placed' }));
        assert.equal(await storage.findIdempotencyResult('o-2', 'create-o-1'), 'o-2 placed');
      });

      test('of concurrent commits with one key exactly one is written; the others get its result', async (storage) => {
        const created = await seed(storage, 'o-1', 'checkout', at(0));
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            storage.commit(decision(created, stepAfter('o-1', 'checkout'), at(1, index), { idempotencyKey: 'webhook-1', result: { attempt: index } })),
          ),
        );
        const winners = results.flatMap((r, index) => (r.ok ? [index] : []));
        assert.equal(winners.length, 1, `one winner: ${JSON.stringify(results)}`);
        const taken = results.filter((r) => !r.ok && r.reason === 'idempotency_key_taken');
        for (const r of taken) assert.deepEqual(r, { ok: false, reason: 'idempotency_key_taken', result: { attempt: winners[0] } });
        for (const r of results) if (!r.ok && r.reason === 'conflict') assert.equal(r.currentVersion, 2);
        assert.equal((await storage.history('o-1')).length, 2);
        assert.equal((await drain(storage, at(10))).length, 1);
      });
    });

    runner.describe('history: append-only rows in seq order, seq = the version written', () => {
      test('rows come back in seq order; a commit without a row leaves a gap, not a renumbering', async (storage) => {
        let stored = await seed(storage, 'o-1', 'cart', at(0));
        const steps = walk('o-1').slice(0, 5);
        for (const [index, step] of steps.entries()) {
          const request = decision(stored, step, at(index + 1));
          // Version 4 is bookkeeping only (say, a timer with nothing to record).
          stored = await mustCommit(storage, stored.version === 3 ? { ...request, history: null } : request);
        }
        const history = await storage.history('o-1');
        assert.deepEqual(history.map((row) => row.seq), [1, 2, 3, 5, 6]);
        assert.deepEqual(history.map((row) => row.eventType), ['CREATE_ORDER', 'START_CHECKOUT', 'SET_SHIPPING_ADDRESS', 'SELECT_PAYMENT_METHOD', 'PLACE_ORDER']);
        assert.ok(history.every((row) => row.orderId === 'o-1'));
        assert.deepEqual(history[4]?.changes, [
          { machine: 'order', id: 'o-1', from: 'checkout', to: 'placed.awaiting_payment' },
          { machine: 'payment', id: 'o-1-P1', from: null, to: 'created' },
        ]);
        assert.deepEqual(history[4]?.actor, customer);
      });

      test('afterSeq and limit page through the rows', async (storage) => {
        let stored = await seed(storage, 'o-1', 'cart', at(0));
        for (const [index, step] of walk('o-1').slice(0, 6).entries()) stored = await mustCommit(storage, decision(stored, step, at(index + 1)));
        await seed(storage, 'o-2', 'cart', at(0));
        const seqs = (rows: readonly HistoryEntry[]) => rows.map((row) => row.seq);
        assert.deepEqual(seqs(await storage.history('o-1')), [1, 2, 3, 4, 5, 6, 7]);
        assert.deepEqual(seqs(await storage.history('o-1', { afterSeq: 2 })), [3, 4, 5, 6, 7]);
        assert.deepEqual(seqs(await storage.history('o-1', { limit: 2 })), [1, 2]);
        assert.deepEqual(seqs(await storage.history('o-1', { afterSeq: 2, limit: 3 })), [3, 4, 5]);
        assert.deepEqual(seqs(await storage.history('o-1', { afterSeq: 7 })), []);
        assert.deepEqual(seqs(await storage.history('o-2')), [1], 'rows of other orders are not mixed in');
        const pages: number[] = [];
        for (let after = 0, round = 0; round < 10; round++) {
          const page = await storage.history('o-1', { afterSeq: after, limit: 3 });
          if (page.length === 0) break;
          pages.push(...seqs(page));
          after = page[page.length - 1]?.seq ?? after;
        }
        assert.deepEqual(pages, [1, 2, 3, 4, 5, 6, 7]);
      });

      test('a non-integer afterSeq or a limit that is not a positive integer rejects with a RangeError', async (storage) => {
        await seed(storage, 'o-1', 'cart', at(0));
        for (const options of [{ afterSeq: 1.5 }, { afterSeq: Number.NaN }, { afterSeq: '1' as unknown as number }, { limit: 0 }, { limit: 2.5 }, { limit: -1 }]) {
          await assert.rejects(storage.history('o-1', options), RangeError, JSON.stringify(options));
        }
      });
    });

    runner.describe('list: orders by status, in id order, a page at a time', () => {
      /** 25 orders, o-001…o-025, cycling through the stages, written in a scrambled order. */
      async function seedMany(storage: StorageAdapter): Promise<Map<string, OrderStatuses>> {
        const statuses = new Map<string, OrderStatuses>();
        for (let i = 0; i < 25; i++) {
          const n = ((i * 7) % 25) + 1;
          const stage = STAGES[n % STAGES.length] as Stage;
          statuses.set(pad(n), (await seed(storage, pad(n), stage, at(0, i))).statuses);
        }
        return statuses;
      }

      test('pages of 10 over 25 orders return every order once, in id order, then a null cursor — the same every time', async (storage) => {
        await seedMany(storage);
        const read = async () => {
          const pages: string[][] = [];
          let cursor: string | null = null;
          do {
            const page = await storage.list({ limit: 10, cursor });
            pages.push(ids(page.items));
            cursor = page.nextCursor;
          } while (cursor !== null && pages.length < 10);
          return pages;
        };
        const pages = await read();
        assert.deepEqual(pages.map((p) => p.length), [10, 10, 5]);
        assert.deepEqual(pages.flat(), Array.from({ length: 25 }, (_, i) => pad(i + 1)));
        assert.deepEqual(await read(), pages, 'a second pass gives the same pages');
      });

      test('a filter on each status field returns exactly the matching orders', async (storage) => {
        const statuses = await seedMany(storage);
        const fields = [
          ['orderState', 'order'],
          ['paymentStatus', 'payment'],
          ['fulfilmentStatus', 'fulfilment'],
          ['returnStatus', 'returns'],
          ['customerStatus', 'customer'],
        ] as const;
        for (const [filter, field] of fields) {
          const values = new Set([...statuses.values()].map((s) => s[field]));
          assert.ok(values.size >= 2, `fixture: ${field} takes several values`);
          for (const value of values) {
            const expected = sorted([...statuses].filter(([, s]) => s[field] === value).map(([id]) => id));
            const found = await listAll(storage, { [filter]: value, limit: 4 } as ListQuery);
            assert.deepEqual(ids(found), expected, `list({ ${filter}: '${value}' })`);
            assert.ok(found.every((order) => order.statuses[field] === value));
          }
        }
      });

      test('combined filters must all match; a filter that matches nothing is an empty last page', async (storage) => {
        const statuses = await seedMany(storage);
        const expect = (predicate: (s: OrderStatuses) => boolean) => sorted([...statuses].filter(([, s]) => predicate(s)).map(([id]) => id));

        const paidNotShipped = await listAll(storage, { paymentStatus: 'paid', fulfilmentStatus: 'unfulfilled', limit: 2 });
        assert.deepEqual(ids(paidNotShipped), expect((s) => s.payment === 'paid' && s.fulfilment === 'unfulfilled'));
        assert.ok(paidNotShipped.length > 0 && paidNotShipped.every((o) => o.statuses.order === 'placed.confirmed'));

        const deliveredWithReturn = await listAll(storage, { orderState: 'placed.delivered', returnStatus: 'requested', customerStatus: 'return_in_progress' });
        assert.deepEqual(ids(deliveredWithReturn), expect((s) => s.order === 'placed.delivered' && s.returns === 'requested'));
        assert.ok(deliveredWithReturn.length > 0);
        const deliveredNoReturn = await listAll(storage, { orderState: 'placed.delivered', returnStatus: 'none' });
        assert.deepEqual(ids(deliveredNoReturn), expect((s) => s.order === 'placed.delivered' && s.returns === 'none'));
        assert.ok(deliveredNoReturn.length > 0);

        assert.deepEqual(await storage.list({ orderState: 'canceled' }), { items: [], nextCursor: null });
        assert.deepEqual(await storage.list({ orderState: 'cart', paymentStatus: 'paid' }), { items: [], nextCursor: null });
      });

      test('a commit that changes statuses moves the order between filters', async (storage) => {
        const created = await seed(storage, 'o-001', 'awaiting_payment');
        await seed(storage, 'o-002', 'awaiting_payment');
        assert.deepEqual(ids((await storage.list({ customerStatus: 'awaiting_payment' })).items), ['o-001', 'o-002']);
        await mustCommit(storage, decision(created, stepAfter('o-001', 'awaiting_payment'), at(1)));
        assert.deepEqual(ids((await storage.list({ customerStatus: 'awaiting_payment' })).items), ['o-002']);
        const paid = await storage.list({ paymentStatus: 'paid', orderState: 'placed.confirmed' });
        assert.deepEqual(ids(paid.items), ['o-001']);
        assert.equal(paid.items[0]?.version, 2);
      });

      test('pagination is by id: orders written between pages are neither repeated nor skipped', async (storage) => {
        await seedMany(storage);
        const first = await storage.list({ limit: 10 });
        assert.deepEqual(ids(first.items), Array.from({ length: 10 }, (_, i) => pad(i + 1)));
        await seed(storage, 'o-005a', 'cart'); // before the cursor: belongs to a page already read
        await seed(storage, 'o-030', 'cart'); // after it: still to come
        assert.notEqual(first.nextCursor, null);
        const pages = ids(await listAll(storage, { limit: 10 }, first.nextCursor));
        assert.deepEqual(pages, [...Array.from({ length: 15 }, (_, i) => pad(i + 11)), 'o-030']);
      });

      test('the default page is 100 orders', async (storage) => {
        for (let n = 1; n <= 105; n++) await seed(storage, pad(n), 'cart');
        const page = await storage.list({});
        assert.equal(page.items.length, 100);
        assert.notEqual(page.nextCursor, null);
        const next = await storage.list({ cursor: page.nextCursor });
        assert.deepEqual(ids(next.items), ['o-101', 'o-102', 'o-103', 'o-104', 'o-105']);
        assert.equal(next.nextCursor, null);
      });

      test('a limit outside 1–1000 is a programming error: RangeError', async (storage) => {
        await seed(storage, 'o-001', 'cart');
        for (const limit of [0, -1, 1001, 2.5, Number.NaN]) await rejectsWithRangeError(() => storage.list({ limit }), `list({ limit: ${limit} })`);
        for (const limit of [0, 1001]) await rejectsWithRangeError(() => storage.listDeadLetters({ limit }), `listDeadLetters({ limit: ${limit} })`);
        assert.equal((await storage.list({ limit: 1 })).items.length, 1);
        assert.equal((await storage.list({ limit: 1000 })).items.length, 1);
      });
    });

    runner.describe('claimDue: each due deadline goes to one sweeper at a time, until its lease runs out or the order changes', () => {
      test('claims only orders whose deadline has come, most overdue first, with the version to decide on', async (storage) => {
        await seed(storage, 'o-late', 'cart', at(0), { nextDeadlineAt: at(20) });
        await seed(storage, 'o-early', 'cart', at(0), { nextDeadlineAt: at(10) });
        await seed(storage, 'o-future', 'cart', at(0), { nextDeadlineAt: at(30) });
        await seed(storage, 'o-none', 'cart', at(0), { nextDeadlineAt: null });
        const early = await mustLoad(storage, 'o-early');
        await mustCommit(storage, decision(early, walk('o-early')[0] as Step, at(1)));

        assert.deepEqual(await storage.claimDue(at(5), { limit: 10, leaseMs: LEASE_MS }), []);
        assert.deepEqual(byOrderId(await storage.claimDue(at(20), { limit: 10, leaseMs: HOUR_MS })), [
          { orderId: 'o-early', version: 2, nextDeadlineAt: at(10) },
          { orderId: 'o-late', version: 1, nextDeadlineAt: at(20) },
        ]);
        assert.deepEqual(await storage.claimDue(at(45), { limit: 10, leaseMs: HOUR_MS }), [{ orderId: 'o-future', version: 1, nextDeadlineAt: at(30) }]);
        assert.deepEqual(await storage.claimDue(at(9999), { limit: 10, leaseMs: HOUR_MS }).then(byOrderId).then((due) => due.map((d) => d.orderId)), ['o-early', 'o-future', 'o-late'], 'the order without a deadline never');
      });

      test('takes at most limit orders, the most overdue', async (storage) => {
        for (const [index, id] of ['o-c', 'o-a', 'o-e', 'o-b', 'o-d'].entries()) await seed(storage, id, 'cart', at(0), { nextDeadlineAt: at(10 + index) });
        const sweep = async () => sorted((await storage.claimDue(at(60), { limit: 2, leaseMs: LEASE_MS })).map((d) => d.orderId));
        assert.deepEqual(await sweep(), ['o-a', 'o-c']);
        assert.deepEqual(await sweep(), ['o-b', 'o-e']);
        assert.deepEqual(await sweep(), ['o-d']);
        assert.deepEqual(await sweep(), []);
      });

      test('a claimed order is skipped while its lease lasts, and claimed again once it has run out', async (storage) => {
        await seed(storage, 'o-1', 'cart', at(0), { nextDeadlineAt: at(10) });
        const now = at(10);
        assert.equal((await storage.claimDue(now, { limit: 10, leaseMs: LEASE_MS })).length, 1);
        assert.deepEqual(await storage.claimDue(now, { limit: 10, leaseMs: LEASE_MS }), [], 'same instant');
        assert.deepEqual(await storage.claimDue(at(10, 29), { limit: 10, leaseMs: LEASE_MS }), [], 'one second before the lease runs out');
        // The holder crashed: nobody committed, the lease ran out.
        assert.deepEqual(await storage.claimDue(at(10, 31), { limit: 10, leaseMs: LEASE_MS }), [{ orderId: 'o-1', version: 1, nextDeadlineAt: at(10) }]);
        assert.deepEqual(await storage.claimDue(at(10, 40), { limit: 10, leaseMs: LEASE_MS }), [], 'the new claim holds a new lease');
      });

      test('timer bookkeeping comes back as it was committed: fired deadlines and owed stock tasks, added and removed', async (storage) => {
        const o1 = await seed(storage, 'o-1', 'cart', at(0));
        const owed: TimerState = {
          fired: ['cart_reminder'],
          stock: [
            { kind: 'release', key: 'stock_release:2', at: at(1) },
            { kind: 'commit', key: 'stock_commit:o-1-S1', at: at(1), shipmentId: 'o-1-S1' },
          ],
        };
        const request = cartReminder(o1, at(1), at(1));
        const written = await mustCommit(storage, { ...request, order: { ...request.order, timers: owed } });
        assert.deepEqual(written.timers, owed);
        // The task done: the commit that records it writes the list without it.
        const done: TimerState = { fired: ['cart_reminder'], stock: [owed.stock?.[1] as StockTask] };
        const note: CommitRequest = {
          orderId: 'o-1',
          expectedVersion: written.version,
          order: { aggregate: written.aggregate, statuses: written.statuses, timers: done, nextDeadlineAt: at(1) },
          history: { at: at(2), actor: automation, eventType: 'release_stock', event: owed.stock?.[0], changes: [], reason: 'reserved stock released', correlationId: null, idempotencyKey: null },
          outbox: [],
          idempotency: null,
          at: at(2),
        };
        assert.deepEqual((await mustCommit(storage, note)).timers, done);
      });

      test('a commit releases the claim and moves the deadline', async (storage) => {
        await seed(storage, 'o-1', 'cart', at(0), { nextDeadlineAt: at(10) });
        await seed(storage, 'o-2', 'cart', at(0), { nextDeadlineAt: at(11) });
        const [claimed] = await storage.claimDue(at(11), { limit: 1, leaseMs: HOUR_MS });
        assert.deepEqual(claimed, { orderId: 'o-1', version: 1, nextDeadlineAt: at(10) });

        // The sweeper fires the cart reminder; the next deadline is an hour away.
        const o1 = await mustLoad(storage, 'o-1');
        const fired = await mustCommit(storage, cartReminder(o1, at(11), at(70)));
        assert.deepEqual(fired.timers.fired, ['cart_reminder']);
        assert.equal(fired.nextDeadlineAt, at(70));
        assert.deepEqual((await drain(storage, at(11))).map((m) => (m.effect as { template?: string }).template), ['cart_reminder']);
        assert.deepEqual((await storage.claimDue(at(12), { limit: 10, leaseMs: HOUR_MS })).map((d) => d.orderId), ['o-2']);
        // The hour-long lease of the first claim no longer holds o-1: the commit released it.
        assert.deepEqual(await storage.claimDue(at(70), { limit: 10, leaseMs: LEASE_MS }), [{ orderId: 'o-1', version: 2, nextDeadlineAt: at(70) }]);
      });

      test('a commit that leaves the order due makes it claimable again at once, at its new version', async (storage) => {
        const stored = await seed(storage, 'o-1', 'checkout', at(0), { nextDeadlineAt: at(10) });
        assert.equal((await storage.claimDue(at(20), { limit: 10, leaseMs: HOUR_MS })).length, 1);
        // Someone else changed the order meanwhile; its deadline is still due.
        await mustCommit(storage, decision(stored, { actor: customer, event: { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' } }, at(15)));
        assert.deepEqual(await storage.claimDue(at(20), { limit: 10, leaseMs: LEASE_MS }), [{ orderId: 'o-1', version: 2, nextDeadlineAt: at(10) }]);
        // A commit that clears the deadline takes the order out of the sweep.
        await mustCommit(storage, decision(await mustLoad(storage, 'o-1'), stepAfter('o-1', 'checkout'), at(21), { nextDeadlineAt: null }));
        assert.deepEqual(await storage.claimDue(at(9999), { limit: 10, leaseMs: LEASE_MS }), []);
      });

      test('8 concurrent sweeps never claim one order twice within a lease, and together claim every due order', async (storage) => {
        const due = Array.from({ length: 10 }, (_, i) => pad(i + 1));
        for (const [index, id] of due.entries()) await seed(storage, id, 'cart', at(0), { nextDeadlineAt: at(index) });
        await seed(storage, 'o-later', 'cart', at(0), { nextDeadlineAt: at(500) });
        const sweeps = await Promise.all(Array.from({ length: 8 }, () => storage.claimDue(at(60), { limit: 3, leaseMs: LEASE_MS })));
        const claimed = sweeps.flat().map((d) => d.orderId);
        assert.equal(new Set(claimed).size, claimed.length, `an order was claimed twice: ${JSON.stringify(sweeps)}`);
        assert.deepEqual(sorted(claimed), due);
        assert.ok(sweeps.every((sweep) => sweep.length <= 3));
        const again = await Promise.all(Array.from({ length: 8 }, () => storage.claimDue(at(60, 10), { limit: 3, leaseMs: LEASE_MS })));
        assert.deepEqual(again.flat(), [], 'all still leased');
      });
    });

    runner.describe('outbox: at-least-once delivery, in order per order, with retries and dead letters', () => {
      test('a claim marks the message delivering, counts the attempt and leases it until now + leaseMs', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        assert.deepEqual(await storage.claimOutbox(at(0, 59), { limit: 10, leaseMs: LEASE_MS }), [], 'not available before it was written');
        const message = await claimOne(storage, at(5));
        assert.equal(message.orderId, 'o-1');
        assert.equal(message.dedupeKey, 'o-1:2:0');
        assert.equal((message.effect as { template?: string }).template, 'order_placed');
        assert.equal(message.status, 'delivering');
        assert.equal(message.attempts, 1);
        assert.equal(message.lastError, null);
        assert.equal(message.createdAt, at(1));
        assert.equal(Date.parse(message.availableAt), Date.parse(at(5)) + LEASE_MS);
      });

      test('ack marks it delivered: never claimed again; a repeated ack changes nothing', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const first = await claimOne(storage, at(5));
        await storage.ackOutbox(first.id, { at: at(5), attempt: first.attempts });
        await storage.ackOutbox(first.id, { at: at(6), attempt: first.attempts });
        const rest = await drain(storage, at(9999));
        assert.deepEqual(rest.map((m) => m.dedupeKey), ['o-1:3:0', 'o-1:3:1', 'o-1:3:2']);
        assert.ok(!ids(rest).includes(first.id));
        assert.deepEqual(await storage.claimOutbox(at(99999), { limit: 10, leaseMs: LEASE_MS }), []);
      });

      test('fail with retryAt: pending again, claimable only from retryAt, with lastError and the attempt counted', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const first = await claimOne(storage, at(5));
        await storage.failOutbox(first.id, { error: 'SMTP 451: try again later', at: at(5), retryAt: at(15), attempt: first.attempts });
        assert.deepEqual(await storage.claimOutbox(at(14, 59), { limit: 10, leaseMs: LEASE_MS }), [], 'not before retryAt — and it holds back the messages after it');
        const retried = await claimOne(storage, at(15));
        assert.equal(retried.id, first.id);
        assert.equal(retried.dedupeKey, first.dedupeKey);
        assert.equal(retried.attempts, first.attempts + 1);
        assert.equal(retried.lastError, 'SMTP 451: try again later');
        assert.equal(retried.status, 'delivering');
        await storage.ackOutbox(retried.id, { at: at(15), attempt: retried.attempts });
        assert.equal((await claimOne(storage, at(15))).dedupeKey, 'o-1:3:0');
      });

      test('fail with retryAt null: dead, listed by listDeadLetters oldest first, and it no longer holds back the rest', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        await seedWithMessages(storage, 'o-2');
        const a = await claimOne(storage, at(5));
        assert.equal(a.orderId, 'o-1');
        await storage.failOutbox(a.id, { error: 'template missing', at: at(5), retryAt: null, attempt: a.attempts });
        const next = await storage.claimOutbox(at(6), { limit: 10, leaseMs: LEASE_MS });
        assert.deepEqual(next.map((m) => m.dedupeKey).sort(), ['o-1:3:0', 'o-2:2:0']);
        const b = next.find((m) => m.orderId === 'o-2') as OutboxMessage;
        await storage.failOutbox(b.id, { error: 'mailbox unavailable', at: at(6), retryAt: null, attempt: b.attempts });

        const dead = await storage.listDeadLetters();
        assert.deepEqual(dead.map((m) => [m.id, m.status, m.lastError, m.attempts]), [
          [a.id, 'dead', 'template missing', 1],
          [b.id, 'dead', 'mailbox unavailable', 1],
        ]);
        assert.deepEqual(ids(await storage.listDeadLetters({ limit: 1 })), [a.id]);
        assert.ok(!ids(await drain(storage, at(9999))).some((id) => id === a.id || id === b.id), 'dead messages are never claimed');
      });

      test('retryDeadLetter puts it back to pending at `at` with attempts reset; false for a message that is not dead', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const first = await claimOne(storage, at(5));
        assert.equal(await storage.retryDeadLetter(first.id, at(6)), false, 'delivering is not dead');
        await storage.failOutbox(first.id, { error: 'boom', at: at(5), retryAt: null, attempt: first.attempts });
        // While it is dead, the messages after it go out.
        assert.deepEqual((await drain(storage, at(6))).map((m) => m.dedupeKey), ['o-1:3:0', 'o-1:3:1', 'o-1:3:2']);
        assert.equal(await storage.retryDeadLetter(first.id, at(20)), true);
        assert.equal(await storage.retryDeadLetter(first.id, at(20)), false, 'no longer dead');
        assert.deepEqual(await storage.listDeadLetters(), []);
        assert.equal(await storage.retryDeadLetter('no-such-id', at(20)), false);

        assert.deepEqual(await storage.claimOutbox(at(19), { limit: 10, leaseMs: LEASE_MS }), [], 'not before `at`');
        const retried = await claimOne(storage, at(20));
        assert.equal(retried.id, first.id);
        assert.equal(retried.dedupeKey, first.dedupeKey);
        assert.equal(retried.attempts, 1, 'a fresh round of attempts');
        assert.equal(retried.lastError, 'boom', 'the last error stays for the record');
      });

      test('discardDeadLetter marks it discarded: never sent, not listed; false for a message that is not dead', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const first = await claimOne(storage, at(5));
        assert.equal(await storage.discardDeadLetter(first.id, at(5)), false, 'delivering is not dead');
        await storage.failOutbox(first.id, { error: 'customer unsubscribed', at: at(5), retryAt: null, attempt: first.attempts });
        assert.equal(await storage.discardDeadLetter(first.id, at(6)), true);
        assert.equal(await storage.discardDeadLetter(first.id, at(6)), false, 'no longer dead');
        assert.equal(await storage.retryDeadLetter(first.id, at(6)), false, 'a discarded message cannot be retried');
        assert.deepEqual(await storage.listDeadLetters(), []);
        const rest = await drain(storage, at(9999));
        assert.deepEqual(rest.map((m) => m.dedupeKey), ['o-1:3:0', 'o-1:3:1', 'o-1:3:2']);
      });

      test("one order's messages go out in write order: the next waits until the one before is delivered, dead or discarded", async (storage) => {
        await seedWithMessages(storage, 'o-1');
        await seedWithMessages(storage, 'o-2');
        const claim = (now: string) => storage.claimOutbox(now, { limit: 100, leaseMs: LEASE_MS });
        const keys = (messages: readonly OutboxMessage[]) => sorted(messages.map((m) => m.dedupeKey));
        const of = (messages: readonly OutboxMessage[], orderId: string) => {
          const found = messages.find((m) => m.orderId === orderId);
          assert.ok(found, `no message of ${orderId} among ${JSON.stringify(keys(messages))}`);
          return found;
        };

        const heads = await claim(at(5));
        assert.deepEqual(keys(heads), ['o-1:2:0', 'o-2:2:0'], 'only the oldest message of each order');
        assert.deepEqual(await claim(at(5, 10)), [], 'the heads are leased and the rest wait behind them');
        await storage.ackOutbox(of(heads, 'o-1').id, { at: at(5, 20), attempt: of(heads, 'o-1').attempts });
        await storage.failOutbox(of(heads, 'o-2').id, { error: 'bounced', at: at(5, 20), retryAt: null, attempt: of(heads, 'o-2').attempts });

        const second = await claim(at(6));
        assert.deepEqual(keys(second), ['o-1:3:0', 'o-2:3:0'], 'a delivered or dead message holds nothing back');
        await storage.failOutbox(of(second, 'o-1').id, { error: 'timeout', at: at(6), retryAt: at(10), attempt: of(second, 'o-1').attempts });
        await storage.failOutbox(of(second, 'o-2').id, { error: 'bounced', at: at(6), retryAt: null, attempt: of(second, 'o-2').attempts });
        assert.equal(await storage.discardDeadLetter(of(second, 'o-2').id, at(6)), true);

        const third = await claim(at(7));
        assert.deepEqual(keys(third), ['o-2:3:1'], "o-1 waits for its retry; o-2's discarded message holds nothing back");
        await storage.ackOutbox(of(third, 'o-2').id, { at: at(7), attempt: of(third, 'o-2').attempts });

        const rest = await drain(storage, at(10));
        assert.deepEqual(rest.filter((m) => m.orderId === 'o-1').map((m) => m.dedupeKey), ['o-1:3:0', 'o-1:3:1', 'o-1:3:2']);
        assert.deepEqual(rest.filter((m) => m.orderId === 'o-2').map((m) => m.dedupeKey), ['o-2:3:2']);
      });

      test('a message whose lease ran out is delivered again with the same id and dedupeKey (crash after send, before ack)', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const sent = await claimOne(storage, at(5));
        // The relay sent it and died before acking.
        assert.deepEqual(await storage.claimOutbox(at(5, 29), { limit: 10, leaseMs: LEASE_MS }), []);
        const again = await claimOne(storage, at(5, 31));
        assert.equal(again.id, sent.id);
        assert.equal(again.dedupeKey, sent.dedupeKey);
        assert.deepEqual(again.effect, sent.effect);
        assert.equal(again.attempts, sent.attempts + 1, 'the crashed attempt counts');
        // The second relay holds it now: its ack delivers it, and a repeated one is harmless.
        await storage.ackOutbox(again.id, { at: at(5, 40), attempt: again.attempts });
        await storage.ackOutbox(again.id, { at: at(5, 41), attempt: again.attempts });
        assert.deepEqual((await drain(storage, at(9999))).map((m) => m.dedupeKey), ['o-1:3:0', 'o-1:3:1', 'o-1:3:2']);
      });

      test("ack and fail only count for the current claim: a holder whose lease ran out cannot decide for the next one", async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const a = await claimOne(storage, at(5));
        assert.equal(a.attempts, 1);
        // Relay A is slow; its lease runs out and relay B claims the message.
        const b = await claimOne(storage, at(5, 31));
        assert.equal(b.id, a.id);
        assert.equal(b.attempts, 2);

        // A's late failure (attempt 1) changes nothing: not pending again, not dead, no lastError.
        await storage.failOutbox(a.id, { error: 'A: timeout', at: at(5, 32), retryAt: at(5, 33), attempt: a.attempts });
        await storage.failOutbox(a.id, { error: 'A: gave up', at: at(5, 32), retryAt: null, attempt: a.attempts });
        assert.deepEqual(await storage.listDeadLetters(), [], 'a late failure does not kill the message');
        assert.deepEqual(await storage.claimOutbox(at(5, 34), { limit: 10, leaseMs: LEASE_MS }), [], "still B's: neither pending again nor released");
        // A's late ack (attempt 1) does not mark B's claim delivered: the messages after it still wait.
        await storage.ackOutbox(a.id, { at: at(5, 35), attempt: a.attempts });
        assert.deepEqual(await storage.claimOutbox(at(5, 36), { limit: 10, leaseMs: LEASE_MS }), [], "a late ack does not deliver B's claim");

        // B's ack (attempt 2) delivers it: never claimed again, and the next message goes out.
        await storage.ackOutbox(b.id, { at: at(5, 40), attempt: b.attempts });
        const next = await claimOne(storage, at(5, 41));
        assert.equal(next.dedupeKey, 'o-1:3:0');
        assert.equal(next.lastError, null);
        // After the delivery, A's late failure still changes nothing.
        await storage.failOutbox(a.id, { error: 'A: too late', at: at(5, 42), retryAt: at(5, 43), attempt: a.attempts });
        await storage.failOutbox(a.id, { error: 'A: too late', at: at(5, 42), retryAt: null, attempt: a.attempts });
        assert.deepEqual(await storage.listDeadLetters(), []);
        await storage.ackOutbox(next.id, { at: at(5, 44), attempt: next.attempts });
        const rest = await drain(storage, at(9999));
        assert.deepEqual(rest.map((m) => m.dedupeKey), ['o-1:3:1', 'o-1:3:2']);
        assert.ok(!ids(rest).includes(a.id), 'the message B delivered is never sent again');
      });

      test('after a dead letter is retried, a stalled holder from before cannot ack or fail the new claim that has its attempt number: the lease end tells them apart', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const stalled = await claimOne(storage, at(5));
        assert.equal(stalled.attempts, 1);
        // Its lease runs out; another relay claims the message and gives up on it.
        const b = await claimOne(storage, at(5, 31));
        await storage.failOutbox(b.id, { error: 'B: gave up', at: at(5, 32), retryAt: null, attempt: b.attempts, leaseUntil: b.availableAt });
        assert.deepEqual(ids(await storage.listDeadLetters()), [b.id]);
        // An operator retries it: the count starts again, so the next claim is attempt 1 again.
        assert.equal(await storage.retryDeadLetter(b.id, at(6)), true);
        const c = await claimOne(storage, at(6));
        assert.equal(c.id, stalled.id);
        assert.equal(c.attempts, stalled.attempts);
        assert.notEqual(c.availableAt, stalled.availableAt);

        // The stalled holder wakes up: its failure and its ack name its own lease, and change nothing.
        await storage.failOutbox(stalled.id, { error: 'stalled: timeout', at: at(6, 1), retryAt: null, attempt: stalled.attempts, leaseUntil: stalled.availableAt });
        assert.deepEqual(await storage.listDeadLetters(), [], "a stalled holder does not kill the new claim's message");
        await storage.ackOutbox(stalled.id, { at: at(6, 2), attempt: stalled.attempts, leaseUntil: stalled.availableAt });
        assert.deepEqual(await storage.claimOutbox(at(6, 3), { limit: 10, leaseMs: LEASE_MS }), [], "a stalled ack does not deliver the new claim's message");
        // The new claim's ack counts: the next message goes out.
        await storage.ackOutbox(c.id, { at: at(6, 4), attempt: c.attempts, leaseUntil: c.availableAt });
        assert.equal((await claimOne(storage, at(6, 5))).dedupeKey, 'o-1:3:0');
      });

      test('a leaseUntil that is not a time is a programming error: RangeError', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const first = await claimOne(storage, at(5));
        await assert.rejects(storage.ackOutbox(first.id, { at: at(5), attempt: first.attempts, leaseUntil: 'soon' }), RangeError);
        await assert.rejects(storage.failOutbox(first.id, { error: 'x', at: at(5), retryAt: null, attempt: first.attempts, leaseUntil: 'soon' }), RangeError);
        await storage.ackOutbox(first.id, { at: at(5), attempt: first.attempts, leaseUntil: first.availableAt });
        assert.equal((await claimOne(storage, at(6))).dedupeKey, 'o-1:3:0', 'the bad calls changed nothing; the good one delivered');
      });

      test('a lease that ran out unclaimed still counts: a late ack or failure of the same claim is honoured', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const a = await claimOne(storage, at(5));
        // The lease is over but nobody claimed the message since: A's claim is still the last one.
        await storage.failOutbox(a.id, { error: 'slow SMTP', at: at(6), retryAt: at(7), attempt: a.attempts });
        assert.deepEqual(await storage.claimOutbox(at(6, 59), { limit: 10, leaseMs: LEASE_MS }), [], 'pending again, from retryAt');
        const b = await claimOne(storage, at(7));
        assert.equal(b.attempts, 2);
        assert.equal(b.lastError, 'slow SMTP');
      });

      test('ack and fail do nothing to a message that is not delivering', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const first = await claimOne(storage, at(5));
        await storage.ackOutbox(first.id, { at: at(5), attempt: first.attempts });
        await storage.failOutbox(first.id, { error: 'late failure', at: at(6), retryAt: at(7), attempt: first.attempts });
        await storage.failOutbox(first.id, { error: 'late failure', at: at(6), retryAt: null, attempt: first.attempts });
        assert.deepEqual(await storage.listDeadLetters(), [], 'a delivered message is never resurrected or killed');
        const second = await claimOne(storage, at(8));
        assert.equal(second.dedupeKey, 'o-1:3:0');
        await storage.failOutbox(second.id, { error: 'down', at: at(8), retryAt: null, attempt: second.attempts });
        await storage.ackOutbox(second.id, { at: at(9), attempt: second.attempts });
        assert.deepEqual(ids(await storage.listDeadLetters()), [second.id], 'a dead message stays dead when acked late');
        await storage.ackOutbox('no-such-id', { at: at(9), attempt: 1 });
        await storage.failOutbox('no-such-id', { error: 'x', at: at(9), retryAt: null, attempt: 1 });
      });

      test('an attempt that is not a positive integer is a programming error: RangeError', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const first = await claimOne(storage, at(5));
        for (const attempt of [0, -1, 1.5, Number.NaN]) {
          await rejectsWithRangeError(() => storage.ackOutbox(first.id, { at: at(6), attempt }), `ackOutbox(id, { attempt: ${attempt} })`);
          await rejectsWithRangeError(
            () => storage.failOutbox(first.id, { error: 'x', at: at(6), retryAt: null, attempt }),
            `failOutbox(id, { attempt: ${attempt} })`,
          );
        }
        assert.deepEqual(await storage.listDeadLetters(), [], 'nothing changed');
        await storage.ackOutbox(first.id, { at: at(6), attempt: first.attempts });
        assert.equal((await claimOne(storage, at(7))).dedupeKey, 'o-1:3:0');
      });

      test('claimOutbox takes at most limit messages, oldest first across orders', async (storage) => {
        for (const id of ['o-1', 'o-2', 'o-3', 'o-4']) await seedWithMessages(storage, id);
        const first = await storage.claimOutbox(at(5), { limit: 3, leaseMs: LEASE_MS });
        assert.deepEqual(sorted(first.map((m) => m.orderId)), ['o-1', 'o-2', 'o-3'], 'the three oldest heads');
        const second = await storage.claimOutbox(at(5), { limit: 3, leaseMs: LEASE_MS });
        assert.equal(second.length, 1);
        assert.deepEqual(sorted([...first, ...second].map((m) => m.orderId)), ['o-1', 'o-2', 'o-3', 'o-4']);
      });

      test('8 concurrent relays never get the same message, and every message is delivered exactly once when all ack', async (storage) => {
        const orders = Array.from({ length: 10 }, (_, i) => pad(i + 1));
        for (const id of orders) await seedWithMessages(storage, id);
        const wave = await Promise.all(Array.from({ length: 8 }, () => storage.claimOutbox(at(5), { limit: 2, leaseMs: LEASE_MS })));
        const claimed = wave.flat();
        assert.equal(new Set(ids(claimed)).size, claimed.length, `a message was handed out twice: ${JSON.stringify(wave.map(ids))}`);
        assert.deepEqual(sorted(claimed.map((m) => m.orderId)), orders, 'one head per order, all of them');

        // Relays loop concurrently until the outbox is empty.
        const delivered: OutboxMessage[] = [...claimed];
        await Promise.all(claimed.map((m) => storage.ackOutbox(m.id, { at: at(5), attempt: m.attempts })));
        const relay = async () => {
          for (let round = 0; round < 100; round++) {
            const batch = await storage.claimOutbox(at(6), { limit: 3, leaseMs: LEASE_MS });
            if (batch.length === 0) return;
            delivered.push(...batch);
            for (const m of batch) await storage.ackOutbox(m.id, { at: at(6), attempt: m.attempts });
          }
        };
        await Promise.all(Array.from({ length: 8 }, relay));
        assert.equal(delivered.length, 40);
        assert.equal(new Set(ids(delivered)).size, 40, 'no message delivered twice');
        for (const id of orders) {
          assert.deepEqual(
            delivered.filter((m) => m.orderId === id).map((m) => m.dedupeKey),
            [`${id}:2:0`, `${id}:3:0`, `${id}:3:1`, `${id}:3:2`],
            `${id}'s messages in write order`,
          );
        }
      });
    });

    runner.describe('isolation: the store never shares objects with its callers', () => {
      test('mutating a committed request or anything read back never changes what is stored', async (storage) => {
        const request = creation('o-1', 'awaiting_payment', at(0), { idempotencyKey: 'k-1', result: { outcome: 'created', tags: ['a'] }, fired: ['x'] });
        await mustCommit(storage, request);
        // Snapshots, so that an adapter handing out its own objects cannot mutate the baseline too.
        const pristine = structuredClone(await mustLoad(storage, 'o-1'));
        const history = structuredClone(await storage.history('o-1'));
        // A careless caller, deliberately ignoring `readonly`.
        const cut = (value: unknown) => value as any;

        // The caller keeps editing its own objects after the commit…
        cut(request.order.aggregate.order).state = 'canceled';
        cut(request.order.timers.fired).push('y');
        cut(request.history).eventType = 'TAMPERED';
        cut(cut(request.idempotency).result).tags.push('b');
        // …and edits what it read back.
        const loaded = cut(await mustLoad(storage, 'o-1'));
        loaded.version = 99;
        loaded.aggregate.order.context.items.push('junk');
        loaded.statuses.order = 'canceled';
        cut((await storage.history('o-1'))[0]).changes.push('junk');
        cut(await storage.findIdempotencyResult('o-1', 'k-1')).tags.push('c');
        cut((await storage.list({})).items[0]).aggregate.payments.push('junk');

        assert.deepEqual(await storage.load('o-1'), pristine);
        assert.deepEqual(await storage.history('o-1'), history);
        assert.deepEqual(await storage.findIdempotencyResult('o-1', 'k-1'), { outcome: 'created', tags: ['a'] });
        assert.deepEqual((await storage.list({})).items, [pristine]);
      });

      test('mutating an outbox message read back never changes what is delivered', async (storage) => {
        await seedWithMessages(storage, 'o-1');
        const message = await claimOne(storage, at(5));
        const original = structuredClone(message);
        const cut = message as unknown as { effect: { orderId: string }; dedupeKey: string };
        cut.effect.orderId = 'o-evil';
        cut.dedupeKey = 'tampered';
        await storage.failOutbox(message.id, { error: 'boom', at: at(5), retryAt: null, attempt: message.attempts });
        const [dead] = await storage.listDeadLetters();
        assert.deepEqual(dead?.effect, original.effect);
        assert.equal(dead?.dedupeKey, original.dedupeKey);
        (dead as unknown as { effect: { orderId: string } }).effect.orderId = 'o-evil';
        assert.equal(await storage.retryDeadLetter(original.id, at(6)), true);
        const again = await claimOne(storage, at(6));
        assert.deepEqual(again.effect, original.effect);
      });
    });
  });
}
