/**
 * Reads go through the migration registry like decisions do: `engine.get` and `engine.list` hand
 * back an aggregate stored by an older release upgraded (statuses derived from it), write nothing
 * back, and refuse a version they have no path from with `UNKNOWN_SCHEMA_VERSION`. On memory
 * storage and on PGlite.
 */
import { describe, expect, it } from 'vitest';
import {
  AGGREGATE_SCHEMA_VERSION,
  createMemoryStorage,
  createOrderEngine,
  deriveOrderStatuses,
  type AggregateMigration,
  type OrderEngine,
  type StorageAdapter,
  type StoredOrder,
} from '../../src/index.js';
import { createPostgresStorage } from '../../src/postgres.js';
import { customer, eur, fakeClock, must } from '../support/engineFixture.js';
import { usePGlite } from '../support/postgres.js';

/**
 * A hypothetical version 0 that called the order machine's record `main` and the cart state
 * `basket` (the persistence guide's example, plus a renamed state, so the statuses move too).
 */
const migrations: AggregateMigration[] = [
  {
    from: 0,
    to: 1,
    migrate: ({ main, ...rest }) => {
      const record = main as { state: string };
      return { ...rest, order: { ...record, state: record.state === 'basket' ? 'cart' : record.state } };
    },
  },
];

/** The stored aggregate of `order` in the version-0 shape, and the statuses the old release derived. */
function asVersion0(order: StoredOrder) {
  const { order: record, ...rest } = order.aggregate;
  return {
    aggregate: { ...rest, schemaVersion: 0, main: { ...record, state: 'basket' } } as never,
    statuses: { ...order.statuses, order: 'basket' } as never,
  };
}

/** Overwrites the stored order's aggregate (and statuses) as another release would have written it. */
async function overwrite(storage: StorageAdapter, orderId: string, row: { aggregate: never; statuses?: never }) {
  const stored = await storage.load(orderId);
  if (!stored) throw new Error(`no order ${orderId}`);
  const result = await storage.commit({
    orderId,
    expectedVersion: stored.version,
    order: { aggregate: row.aggregate, statuses: row.statuses ?? stored.statuses, timers: stored.timers, nextDeadlineAt: stored.nextDeadlineAt },
    history: null,
    outbox: [],
    idempotency: null,
    at: '2026-04-06T10:00:00.000Z',
  });
  if (!result.ok) throw new Error(`overwrite ${orderId}: ${result.reason}`);
}

const cart = (orderId: string) => ({ orderId, currency: 'EUR' as const, items: [{ lineId: 'l1', sku: 'KETTLE', name: 'Kettle', quantity: 1, unitPrice: eur(1000) }] });

/** The checks both storages share: `storage` holds `old` in the version-0 shape, `current` as it is, `newer` at version 99. */
async function expectUpgradedReads(storage: StorageAdapter, upgrading: OrderEngine, plain: OrderEngine, rawOld: () => Promise<unknown>) {
  const rowBefore = await rawOld();

  const old = await upgrading.get('old');
  expect(old?.aggregate.schemaVersion).toBe(AGGREGATE_SCHEMA_VERSION);
  expect(old?.aggregate.order.state).toBe('cart');
  expect(old?.aggregate).not.toHaveProperty('main');
  expect(old?.aggregate.order.context.items.map((i) => i.sku)).toEqual(['KETTLE']);
  // The statuses are those of the upgraded aggregate, not the old release's columns.
  expect(old?.statuses.order).toBe('cart');
  expect(old?.statuses).toEqual(deriveOrderStatuses(old!.aggregate));

  // A current row comes back exactly as stored.
  expect(await upgrading.get('current')).toEqual(await storage.load('current'));
  expect(await upgrading.get('missing')).toBeNull();

  // list: the filter matches the stored column; the items are upgraded like get returns them.
  const page = await upgrading.list({ orderState: 'basket' });
  expect(page.items).toEqual([old]);
  const first = await plain.list({ orderState: 'cart', limit: 1 }); // `current`, then `newer` on the next page
  expect(first.items).toEqual([await storage.load('current')]);

  // Nothing was written back on read.
  expect(await rawOld()).toEqual(rowBefore);
  expect((await storage.load('old'))?.aggregate.schemaVersion).toBe(0);

  // No path from version 0 without the migrations, and none from a newer release's version.
  await expect(plain.get('old')).rejects.toMatchObject({ name: 'OrderMachineError', code: 'UNKNOWN_SCHEMA_VERSION' });
  await expect(plain.list({ orderState: 'basket' })).rejects.toMatchObject({ name: 'OrderMachineError', code: 'UNKNOWN_SCHEMA_VERSION' });
  for (const engine of [upgrading, plain]) {
    await expect(engine.get('newer')).rejects.toMatchObject({ name: 'OrderMachineError', code: 'UNKNOWN_SCHEMA_VERSION', message: expect.stringContaining('99') });
    await expect(engine.list({})).rejects.toMatchObject({ name: 'OrderMachineError', code: 'UNKNOWN_SCHEMA_VERSION' });
    // The history holds events and changes, not aggregates: it reads as before.
    expect((await engine.history('newer')).map((h) => h.eventType)).toEqual(['CREATE_ORDER']);
  }

  // A change then stores the upgraded shape.
  const sent = await must(upgrading.send('old', { type: 'START_CHECKOUT' }, { actor: customer }));
  expect(sent.status === 'applied' && sent.order.aggregate.schemaVersion).toBe(AGGREGATE_SCHEMA_VERSION);
  expect((await storage.load('old'))?.aggregate).toMatchObject({ schemaVersion: AGGREGATE_SCHEMA_VERSION, order: { state: 'checkout' } });
  expect(await plain.get('old')).toEqual(await upgrading.get('old'));
}

describe('engine reads upgrade stored aggregates: memory storage', () => {
  it('get and list return older rows upgraded (statuses derived from them), write nothing, and refuse unknown versions', async () => {
    const storage = createMemoryStorage();
    const clock = fakeClock();
    const upgrading = createOrderEngine({ storage, clock, migrations });
    const plain = createOrderEngine({ storage, clock });
    for (const id of ['current', 'old', 'newer']) await must(upgrading.create(cart(id), { actor: customer }));
    const old = await storage.load('old');
    const newer = await storage.load('newer');
    if (!old || !newer) throw new Error('setup');
    await overwrite(storage, 'old', asVersion0(old));
    await overwrite(storage, 'newer', { aggregate: { ...newer.aggregate, schemaVersion: 99 } as never });
    await expectUpgradedReads(storage, upgrading, plain, () => storage.load('old'));
  });
});

describe('engine reads upgrade stored aggregates: PGlite', () => {
  const lite = usePGlite();

  it('get and list return older rows upgraded (statuses derived from them), write nothing, and refuse unknown versions', async () => {
    const db = lite.db();
    const schema = await lite.fresh('om_read_upgrades');
    const storage = createPostgresStorage({ db, schema });
    const clock = fakeClock();
    const upgrading = createOrderEngine({ storage, clock, migrations });
    const plain = createOrderEngine({ storage, clock });
    for (const id of ['current', 'old', 'newer']) await must(upgrading.create(cart(id), { actor: customer }));
    // Rewrite the rows in SQL, as an older and a newer release would have stored them.
    await db.query(
      `update "${schema}".orders set order_state = 'basket', aggregate = (aggregate - 'order') || jsonb_build_object('main', jsonb_set(aggregate->'order', '{state}', '"basket"'), 'schemaVersion', 0) where id = 'old'`,
    );
    await db.query(`update "${schema}".orders set aggregate = jsonb_set(aggregate, '{schemaVersion}', '99') where id = 'newer'`);
    const rawOld = async () => (await db.query(`select aggregate, version, updated_at from "${schema}".orders where id = 'old'`)).rows;
    await expectUpgradedReads(storage, upgrading, plain, rawOld);
  });
});
