/**
 * Stock work survives a crash. With an inventory adapter, the reservation on confirmation, the
 * release on cancel and the commit when a parcel leaves are written as stock tasks in the same
 * commit as the change that asks for them. `send` does them at once; a process that dies (here:
 * an adapter or a storage call that fails once) between that commit and the adapter call leaves
 * the task due, and the next `runDue` does it. Each is done once as far as the stock can tell, and
 * the order's history stays gap-free.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryInventory, createMemoryStorage, createOrderEngine, type InventoryAdapter, type OrderEngine, type StorageAdapter } from '../../src/index.js';
import { createPostgresStorage } from '../../src/postgres.js';
import { carrier, eur, fakeClock, must, placed, psp, staff } from '../support/engineFixture.js';
import { usePGlite } from '../support/postgres.js';

type Call = 'reserve' | 'release' | 'commit';

/**
 * A memory inventory whose next call of a kind can be made to fail (the process "dies" there),
 * with a hook that runs while a reservation is being made; records the calls that went through.
 */
function flakyInventory(stock: Record<string, number>) {
  const real = createMemoryInventory(stock);
  const failNext = new Set<Call>();
  const done: Call[] = [];
  const hooks: { whileReserving?: () => Promise<void> } = {};
  const guard = (call: Call) => {
    if (failNext.delete(call)) throw new Error(`${call}: connection reset`);
    done.push(call);
  };
  const adapter: InventoryAdapter = {
    async reserve(orderId, lines, key) {
      guard('reserve');
      const hook = hooks.whileReserving;
      hooks.whileReserving = undefined;
      await hook?.();
      return real.reserve(orderId, lines, key);
    },
    async release(orderId) {
      guard('release');
      return real.release(orderId);
    },
    async commit(orderId, lines, shipmentId) {
      guard('commit');
      return real.commit(orderId, lines, shipmentId);
    },
  };
  return { adapter, levels: real.levels, failNext, hooks, done, count: (call: Call) => done.filter((c) => c === call).length };
}

/** A storage whose next commit writing a history row of `eventType` fails once (after the adapter call, before its record). */
function dropNextCommit(real: StorageAdapter) {
  const drop = new Set<string>();
  const storage: StorageAdapter = {
    ...real,
    commit: async (request) => {
      const type = request.history?.eventType;
      if (type !== undefined && drop.delete(type)) throw new Error('connection reset');
      return real.commit(request);
    },
  };
  return { storage, drop };
}

const SHIP = [
  { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 2 }] },
  { type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o1-S1' },
  { type: 'START_PICKING', shipmentId: 'o1-S1', pickerId: 'p1' },
  { type: 'PACK_SHIPMENT', shipmentId: 'o1-S1', label: { carrier: 'DHL', trackingNumber: 'T1' } },
  { type: 'MARK_READY_TO_SHIP', shipmentId: 'o1-S1' },
];
const capture = { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'cap-1' };

/** The history is numbered 1, 2, 3 … without gaps: every commit, the engine's own included, wrote one row. */
async function expectGapFreeHistory(engine: OrderEngine, orderId: string) {
  const history = await engine.history(orderId);
  const stored = await engine.get(orderId);
  expect(history.map((h) => h.seq)).toEqual(Array.from({ length: history.length }, (_, i) => i + 1));
  expect(history.at(-1)?.seq).toBe(stored?.version);
}

function scenarios(makeStorage: () => Promise<StorageAdapter>) {
  async function setup() {
    const inventory = flakyInventory({ KETTLE: 5 });
    const clock = fakeClock();
    const { storage, drop } = dropNextCommit(await makeStorage());
    const engine = createOrderEngine({ storage, clock, inventory: inventory.adapter, retryDelayMs: () => 0 });
    return { inventory, clock, engine, drop };
  }

  it('a reservation that fails after the confirmation was committed: send still answers applied; the next runDue reserves, STOCK_RESERVED once', async () => {
    const { engine, inventory, clock } = await setup();
    await placed(engine, 'o1');
    inventory.failNext.add('reserve');
    const confirmed = await must(engine.send('o1', capture, { actor: psp }));
    expect(confirmed.status).toBe('applied');
    const crashed = await engine.get('o1');
    expect(crashed?.statuses.order).toBe('placed.confirmed');
    expect(crashed?.aggregate.order.context.stock).toBe('unreserved');
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 5, reserved: 0 });
    // The task was written with the confirmation and is due at once, so the order is in the next due scan.
    const task = { kind: 'reserve', key: `stock_reserve:${crashed?.version}`, at: crashed?.updatedAt };
    expect(crashed?.timers.stock).toEqual([task]);
    expect(crashed?.nextDeadlineAt).toBe(crashed?.updatedAt);

    clock.advance(60_000);
    const report = await engine.runDue();
    expect(report).toEqual({ fired: [{ orderId: 'o1', key: task.key, eventType: 'STOCK_RESERVED' }], skipped: [] });
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 5, reserved: 2 });
    const after = await engine.get('o1');
    expect(after?.aggregate.order.context.stock).toBe('reserved');
    expect(after?.timers.stock).toBeUndefined();
    const history = await engine.history('o1');
    expect(history.filter((h) => h.eventType === 'STOCK_RESERVED')).toHaveLength(1);

    expect(await engine.runDue()).toEqual({ fired: [], skipped: [] });
    expect(inventory.count('reserve')).toBe(1);
    expect((await engine.history('o1')).length).toBe(history.length);
    await expectGapFreeHistory(engine, 'o1');
  });

  it('a reservation whose answer was never committed is asked again under the same key by runDue: the warehouse answers as before and holds it once', async () => {
    const { engine, inventory, drop } = await setup();
    await placed(engine, 'o1');
    drop.add('STOCK_RESERVED');
    await must(engine.send('o1', capture, { actor: psp }));
    expect(inventory.levels('KETTLE').reserved).toBe(2);
    expect((await engine.get('o1'))?.aggregate.order.context.stock).toBe('unreserved');

    const report = await engine.runDue();
    expect(report.fired.map((f) => f.eventType)).toEqual(['STOCK_RESERVED']);
    expect(inventory.count('reserve')).toBe(2);
    expect(inventory.levels('KETTLE').reserved).toBe(2);
    expect((await engine.history('o1')).filter((h) => h.eventType === 'STOCK_RESERVED')).toHaveLength(1);
    expect(await engine.runDue()).toEqual({ fired: [], skipped: [] });
    await expectGapFreeHistory(engine, 'o1');
  });

  it('a release that fails after the cancel was committed is done by the next runDue, once, and noted in the history', async () => {
    const { engine, inventory } = await setup();
    await placed(engine, 'o1', { method: 'bank_transfer' });
    await must(engine.send('o1', { type: 'CONFIRM_ORDER' }, { actor: staff }));
    expect(inventory.levels('KETTLE').reserved).toBe(2);
    inventory.failNext.add('release');
    const canceled = await must(engine.send('o1', { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: staff }));
    expect(canceled.status).toBe('applied');
    expect((await engine.get('o1'))?.statuses.order).toBe('canceled');
    expect(inventory.levels('KETTLE').reserved).toBe(2);

    const report = await engine.runDue();
    expect(report).toEqual({ fired: [{ orderId: 'o1', key: expect.stringMatching(/^stock_release:\d+$/), eventType: 'release_stock' }], skipped: [] });
    expect(inventory.levels('KETTLE').reserved).toBe(0);
    expect(inventory.count('release')).toBe(1);
    expect(await engine.runDue()).toEqual({ fired: [], skipped: [] });
    expect(inventory.count('release')).toBe(1);
    const stored = await engine.get('o1');
    expect(stored?.nextDeadlineAt).toBeNull();
    expect(stored?.statuses.order).toBe('canceled');
    const note = (await engine.history('o1')).at(-1);
    expect(note).toMatchObject({ eventType: 'release_stock', actor: { kind: 'system', id: 'ordermachine-inventory' }, changes: [], reason: 'reserved stock released' });
    await expectGapFreeHistory(engine, 'o1');
  });

  it('a parcel whose stock commit fails as it leaves is committed by the next runDue; a commit repeated after a crash takes the stock once', async () => {
    const { engine, inventory, drop, clock } = await setup();
    await placed(engine, 'o1');
    await must(engine.send('o1', capture, { actor: psp }));
    for (const event of SHIP) await must(engine.send('o1', event, { actor: staff }));
    inventory.failNext.add('commit');
    await must(engine.send('o1', { type: 'HAND_TO_CARRIER', shipmentId: 'o1-S1' }, { actor: staff }));
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 5, reserved: 2 });
    expect((await engine.get('o1'))?.timers.stock).toEqual([expect.objectContaining({ kind: 'commit', key: 'stock_commit:o1-S1', shipmentId: 'o1-S1' })]);

    // This time the adapter commits, and the process dies before the commit is recorded.
    drop.add('commit_stock');
    await expect(engine.runDue()).rejects.toMatchObject({ code: 'STORAGE_FAILURE' });
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 3, reserved: 0 });

    // The sweep that died held the order for its claim (60 s); the next one after that does the work.
    clock.advance(61_000);
    const report = await engine.runDue();
    expect(report).toEqual({ fired: [{ orderId: 'o1', key: 'stock_commit:o1-S1', eventType: 'commit_stock' }], skipped: [] });
    expect(inventory.count('commit')).toBe(2);
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 3, reserved: 0 });
    await must(engine.send('o1', { type: 'CARRIER_STATUS', shipmentId: 'o1-S1', status: 'delivered' }, { actor: carrier }));
    expect(await engine.runDue()).toEqual({ fired: [], skipped: [] });
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 3, reserved: 0 });
    await expectGapFreeHistory(engine, 'o1');
  });

  it('without a crash the fast path does the work at once and leaves nothing due', async () => {
    const { engine, inventory } = await setup();
    await placed(engine, 'o1');
    await must(engine.send('o1', capture, { actor: psp }));
    expect(inventory.levels('KETTLE').reserved).toBe(2);
    for (const event of [...SHIP, { type: 'HAND_TO_CARRIER', shipmentId: 'o1-S1' }]) await must(engine.send('o1', event, { actor: staff }));
    const now = await engine.get('o1');
    expect(now?.aggregate.order.context.stock).toBe('reserved');
    expect(now?.timers.stock).toBeUndefined();
    expect(now?.nextDeadlineAt).not.toBe(now?.updatedAt);
    expect(await engine.runDue()).toEqual({ fired: [], skipped: [] });
    expect(inventory.done).toEqual(['reserve', 'commit']);
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 3, reserved: 0 });
    const history = await engine.history('o1');
    expect(history.map((h) => h.eventType).filter((t) => t.endsWith('_stock') || t.startsWith('STOCK'))).toEqual(['STOCK_RESERVED', 'commit_stock']);
    await expectGapFreeHistory(engine, 'o1');
  });

  it('an order canceled while its stock is being reserved gets the reservation given back', async () => {
    const { engine, inventory } = await setup();
    await placed(engine, 'o1');
    // Staff cancel the order between the confirmation's commit and the warehouse's answer.
    inventory.hooks.whileReserving = async () => {
      await must(engine.send('o1', { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: staff }));
    };
    await must(engine.send('o1', capture, { actor: psp }));
    const stored = await engine.get('o1');
    expect(stored?.statuses.order).toBe('canceled');
    expect(stored?.timers.stock).toBeUndefined();
    expect(inventory.levels('KETTLE')).toEqual({ onHand: 5, reserved: 0 });
    expect(await engine.runDue()).toEqual({ fired: [], skipped: [] });
    const notes = (await engine.history('o1')).filter((h) => h.actor.id === 'ordermachine-inventory').map((h) => `${h.eventType}: ${h.reason}`);
    expect(notes).toEqual([
      expect.stringMatching(/^reserve_stock: stock_reserve:\d+ skipped: nothing to reserve: the order is canceled/),
      'release_stock: reserved stock released',
    ]);
    await expectGapFreeHistory(engine, 'o1');
  });
}

describe('stock work survives a crash (memory storage)', () => {
  scenarios(async () => createMemoryStorage());

  it('a failing inventory holds back only its own order: runDue does the others, then throws INVENTORY_FAILURE', async () => {
    const inventory = flakyInventory({ KETTLE: 5 });
    const clock = fakeClock();
    const engine = createOrderEngine({ storage: createMemoryStorage(), clock, inventory: inventory.adapter, retryDelayMs: () => 0 });
    await placed(engine, 'o1');
    await placed(engine, 'o2');
    inventory.failNext.add('reserve');
    await must(engine.send('o1', capture, { actor: psp }));
    inventory.failNext.add('reserve');
    await must(engine.send('o2', { ...capture, paymentId: 'o2-P1', providerRef: 'cap-2' }, { actor: psp }));
    inventory.failNext.add('reserve');
    await expect(engine.runDue()).rejects.toMatchObject({ code: 'INVENTORY_FAILURE' });
    const stocks = [(await engine.get('o1'))?.aggregate.order.context.stock, (await engine.get('o2'))?.aggregate.order.context.stock];
    expect(stocks.sort()).toEqual(['reserved', 'unreserved']);
    // The one held back is left alone while the failed sweep's claim (dueLeaseMs, 60 s) lasts, as the effects guide says…
    clock.advance(30_000);
    expect((await engine.runDue()).fired).toEqual([]);
    // …and done by the first sweep after it has run out.
    clock.advance(31_000);
    const report = await engine.runDue();
    expect(report.fired.map((f) => f.eventType)).toEqual(['STOCK_RESERVED']);
  });
});

describe('stock tasks and an engine without an inventory adapter', () => {
  it('an engine without an adapter leaves stock tasks alone: the order is not kept due for work it cannot do', async () => {
    const storage = createMemoryStorage();
    const inventory = flakyInventory({ KETTLE: 5 });
    const clock = fakeClock();
    const withStock = createOrderEngine({ storage, clock, inventory: inventory.adapter, retryDelayMs: () => 0 });
    await placed(withStock, 'o1');
    inventory.failNext.add('reserve');
    await must(withStock.send('o1', capture, { actor: psp }));
    expect((await storage.load('o1'))?.timers.stock).toHaveLength(1);

    const without = createOrderEngine({ storage, clock });
    clock.advance(60_000);
    expect(await without.runDue()).toEqual({ fired: [], skipped: [] });
    const after = await storage.load('o1');
    expect(after?.timers.stock).toHaveLength(1);
    const next = after?.nextDeadlineAt ?? null;
    expect(next === null || next > clock.now().toISOString()).toBe(true);
    expect(await without.runDue()).toEqual({ fired: [], skipped: [] });
    expect((await storage.load('o1'))?.version).toBe(after?.version);
  });
});

describe('an inventory adapter that answers nonsense', () => {
  const answers: [string, unknown][] = [
    ['nothing', undefined],
    ['ok as a string', { ok: 'yes' }],
    ['a SKU the order does not have', { ok: false, unavailable: [{ sku: 'NOPE', quantity: 1 }] }],
    ['a negative quantity', { ok: false, unavailable: [{ sku: 'KETTLE', quantity: -1 }] }],
    ['no list of what is short', { ok: false }],
  ];
  it.each(answers)('answering %s to reserve is a typed INVENTORY_FAILURE from runDue that changes nothing; once it answers properly the task is done', async (_, answer) => {
    let broken = true;
    const real = createMemoryInventory({ KETTLE: 5 });
    const adapter: InventoryAdapter = {
      reserve: async (orderId, lines, key) => (broken ? (answer as never) : real.reserve(orderId, lines, key)),
      release: (orderId) => real.release(orderId),
      commit: (orderId, lines, shipmentId) => real.commit(orderId, lines, shipmentId),
    };
    const clock = fakeClock();
    const engine = createOrderEngine({ storage: createMemoryStorage(), clock, inventory: adapter, retryDelayMs: () => 0 });
    await placed(engine, 'o1');
    expect((await must(engine.send('o1', capture, { actor: psp }))).status).toBe('applied');
    const before = await engine.get('o1');
    clock.advance(61_000);
    const failure = await engine.runDue().catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'OrderMachineError', code: 'INVENTORY_FAILURE', message: expect.stringMatching(/^reserve answered .*: expected \{ ok: true \}/) });
    const after = await engine.get('o1');
    expect(after?.version).toBe(before?.version);
    expect(after?.aggregate.order.context.stock).toBe('unreserved');
    expect(after?.timers.stock).toHaveLength(1);

    broken = false;
    clock.advance(61_000);
    expect((await engine.runDue()).fired.map((f) => f.eventType)).toEqual(['STOCK_RESERVED']);
    expect(real.levels('KETTLE').reserved).toBe(2);
  });
});

describe('stock work survives a crash (PostgreSQL storage on PGlite)', () => {
  const lite = usePGlite();
  scenarios(async () => createPostgresStorage({ db: lite.db(), schema: await lite.fresh('om_inv') }));
});
