// Snippets of docs/guides/testing.md: a host's tests (vitest) of its engine and storage. Run by
// test/docs/guides.test.ts.
// #region imports
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { createMemoryStorage, type Actor, type OrderEngine } from 'ordermachine';
import { createPostgresStorage, migrate } from 'ordermachine/postgres';
import { checkInvariants, createFakeClock, createSequentialIds, orderEngineCommands, runEngineModel, type EngineFactory } from 'ordermachine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_POLICY, createShopEngine } from './testing-shop.js';
// #endregion imports

// #region invariants
/** Every order the engine stored keeps the library's promises: page through them all. */
export async function expectSoundOrders(engine: OrderEngine): Promise<number> {
  let checked = 0;
  let cursor: string | null = null;
  do {
    const page = await engine.list({ limit: 100, cursor });
    for (const stored of page.items) expect(checkInvariants(stored.aggregate), stored.id).toEqual([]);
    checked += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return checked;
}
// #endregion invariants

// #region fake-clock
const shopper: Actor = { kind: 'customer', id: 'c-1' };
const EUR = (amount: number) => ({ amount, currency: 'EUR' as const });

/** Places a bank-transfer order of €14.00, as the shop's checkout API does. */
async function placeTransfer(engine: OrderEngine, orderId: string) {
  await engine.create({ orderId, currency: 'EUR', items: [{ lineId: 'l1', sku: 'TEA', name: 'Green tea', quantity: 2, unitPrice: EUR(450) }] });
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: `${orderId}@example.com` } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Иван Петров', line1: 'ул. Ленина, д. 5, кв. 12', city: 'Москва', country: 'RU' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: EUR(500) },
    { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' },
    { type: 'PLACE_ORDER', total: EUR(1400) },
  ]) {
    const result = await engine.send(orderId, event, { actor: shopper });
    expect(result.status, event.type).toBe('applied');
  }
}

describe('unpaid bank transfers', () => {
  it('expire after the shop’s 2 days, without anybody waiting for them', async () => {
    const clock = createFakeClock('2026-03-02T10:00:00Z'); // stands still until the test moves it
    const engine = createShopEngine(createMemoryStorage(), clock);
    const nextOrderId = createSequentialIds('order', { width: 4 });
    const [first, second] = [nextOrderId(), nextOrderId()]; // 'order-0001', 'order-0002': the same in every run
    await placeTransfer(engine, first);
    clock.advance({ days: 1 });
    await placeTransfer(engine, second);
    clock.advance({ days: 1, minutes: 1 }); // two days after the first order, one after the second

    await engine.runDue(); // fires every deadline due at clock.now()
    expect((await engine.get(first))?.aggregate.order.state).toBe('expired');
    expect((await engine.get(second))?.aggregate.order.state).toBe('placed.awaiting_payment');
    expect(await expectSoundOrders(engine)).toBe(2);
  });
});
// #endregion fake-clock

// #region model
describe('the shop’s engine on PostgreSQL, against the library’s model', () => {
  let db: PGlite;
  beforeAll(async () => void (db = await PGlite.create()));
  afterAll(() => db.close());

  /** One fresh engine per run (and per shrink): the shop's engine over an empty schema, and a fake clock. */
  const factory: EngineFactory = async () => {
    await migrate(db, { schema: 'model_run' });
    const storage = createPostgresStorage({ db, schema: 'model_run' });
    const clock = createFakeClock();
    const teardown = async () => void (await db.query('drop schema model_run cascade'));
    return { engine: createShopEngine(storage, clock), storage, clock, teardown };
  };

  it('stores what the model expects after every command', async () => {
    const runs = orderEngineCommands({ maxCommands: 25 }); // create, send (legal, illegal, hostile; keys, versions), replay, advance…
    await fc.assert(fc.asyncProperty(runs, (commands) => runEngineModel(factory, commands, { policy: SHOP_POLICY })), { numRuns: 20 });
  }, 60_000);
});
// #endregion model
