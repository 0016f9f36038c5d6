import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryInventory, createMemoryStorage, createOrderEngine, INVENTORY_ACTOR, type InventoryAdapter, type StorageAdapter } from '../../src/index.js';
import { createPostgresStorage } from '../../src/postgres.js';
import { createFakeClock, orderEngineCommands, runEngineModel, type EngineFactory } from '../../src/testing.js';
import { describeRealPostgres, usePGlite, usePool } from '../support/postgres.js';

/** An engine over `storage` and a fresh fake clock. */
function engineOver(storage: StorageAdapter): Awaited<ReturnType<EngineFactory>> {
  const clock = createFakeClock('2026-04-06T09:00:00Z');
  return { engine: createOrderEngine({ storage, clock }), storage, clock };
}

const memoryFactory: EngineFactory = async () => engineOver(createMemoryStorage());

describe('runEngineModel on memory storage: random command lists against the engine and the pure model', () => {
  it('every command keeps the engine equal to the model, with all invariants — and the runs meet every outcome', async () => {
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    // The engine as built, watched from outside: which answers did the random commands get? (Seeded, so the tally is stable.)
    const watched: EngineFactory = async () => {
      const real = await memoryFactory();
      const engine = {
        ...real.engine,
        send: async (...args: Parameters<typeof real.engine.send>) => {
          const result = await real.engine.send(...args);
          count(result.status === 'conflict' ? `conflict:${result.reason}` : result.status);
          return result;
        },
        runDue: async (now?: Date) => {
          const report = await real.engine.runDue(now);
          for (const f of report.fired) count(`fired:${f.key.split(':')[0]}`);
          return report;
        },
      };
      return { ...real, engine };
    };
    await fc.assert(fc.asyncProperty(orderEngineCommands({ maxCommands: 40 }), (commands) => runEngineModel(watched, commands)), { numRuns: 60, seed: 20260406 });
    for (const outcome of ['applied', 'rejected', 'forbidden', 'invalid', 'duplicate', 'not_found', 'conflict:stale_version', 'conflict:provider_reference_mismatch']) {
      expect(outcomes.get(outcome) ?? 0, `${outcome} in ${JSON.stringify([...outcomes])}`).toBeGreaterThan(0);
    }
    expect([...outcomes.keys()].filter((k) => k.startsWith('fired:')).length).toBeGreaterThan(1);
    expect(outcomes.get('applied')).toBeGreaterThan(500);
  }, 60_000);

  it('with a host policy (a 60-minute online payment window, 7-day returns) given to the engine and the model alike, in yen', async () => {
    const policy = { paymentWindowMinutes: { online: 60 }, returnWindowDays: 7 };
    const factory: EngineFactory = async () => {
      const storage = createMemoryStorage();
      const clock = createFakeClock();
      return { engine: createOrderEngine({ storage, clock, policy }), storage, clock };
    };
    await fc.assert(fc.asyncProperty(orderEngineCommands({ maxCommands: 25, currency: 'JPY' }), (commands) => runEngineModel(factory, commands, { policy })), { numRuns: 15 });
  }, 60_000);

  it('tears the engine down after every run, pass or fail', async () => {
    let open = 0;
    const factory: EngineFactory = async () => {
      open += 1;
      return { ...engineOver(createMemoryStorage()), teardown: async () => void (open -= 1) };
    };
    await fc.assert(fc.asyncProperty(orderEngineCommands({ maxCommands: 5 }), (commands) => runEngineModel(factory, commands)), { numRuns: 5 });
    expect(open).toBe(0);
  });
});

/**
 * A memory inventory that stocks each SKU the first time it is asked for: 0, 3, 6, 9 or 12 pieces, fixed by
 * the SKU's name, so some reservations succeed, some lines go to backorder and some orders go on hold.
 */
function scarceInventory() {
  const inventory = createMemoryInventory();
  const seen = new Set<string>();
  const stock = (sku: string) => {
    if (seen.has(sku)) return;
    seen.add(sku);
    const pieces = ([...sku].reduce((n, c) => n + c.charCodeAt(0), 0) % 5) * 3;
    if (pieces > 0) inventory.restock(sku, pieces);
  };
  const adapter: InventoryAdapter = {
    reserve: async (orderId, lines, key) => {
      for (const l of lines) stock(l.sku);
      return inventory.reserve(orderId, lines, key);
    },
    release: (orderId) => inventory.release(orderId),
    commit: (orderId, lines, shipmentId) => inventory.commit(orderId, lines, shipmentId),
  };
  return adapter;
}

/** An engine over `storage` that keeps stock through `inventory`, as the model expects it (`inventory: true`). */
function stockKeepingEngine(storage: StorageAdapter, inventory: InventoryAdapter = scarceInventory()): Awaited<ReturnType<EngineFactory>> {
  const clock = createFakeClock('2026-04-06T09:00:00Z');
  return { engine: createOrderEngine({ storage, clock, inventory }), storage, clock, inventory: true };
}

describe('runEngineModel with an inventory adapter: the engine does the stock work, the model checks every piece of it', () => {
  it('every reservation is answered with an event the order accepts, every release and leaving parcel is noted, nothing is left owed', async () => {
    const answers = new Map<string, number>();
    const factory: EngineFactory = async () => {
      const real = stockKeepingEngine(createMemoryStorage());
      const { engine, storage } = real;
      const watched = {
        ...engine,
        send: async (...args: Parameters<typeof engine.send>) => {
          const result = await engine.send(...args);
          if (result.status === 'applied') {
            for (const row of await storage.history(args[0], { afterSeq: result.order.version })) {
              if (row.actor.id === INVENTORY_ACTOR.id) answers.set(row.eventType, (answers.get(row.eventType) ?? 0) + 1);
            }
          }
          return result;
        },
      };
      return { ...real, engine: watched };
    };
    await fc.assert(fc.asyncProperty(orderEngineCommands({ maxCommands: 80, maxOrders: 1 }), (commands) => runEngineModel(factory, commands)), { numRuns: 300, seed: 20261124 });
    for (const kind of ['STOCK_RESERVED', 'STOCK_UNAVAILABLE', 'PUT_ON_HOLD', 'release_stock', 'commit_stock']) {
      expect(answers.get(kind) ?? 0, `${kind} in ${JSON.stringify([...answers])}`).toBeGreaterThan(0);
    }
  }, 60_000);

  it('can fail: a warehouse that never answers leaves stock work owed, and the model says so', async () => {
    const down: InventoryAdapter = {
      reserve: async () => Promise.reject(new Error('warehouse unreachable')),
      release: async () => undefined,
      commit: async () => undefined,
    };
    const factory: EngineFactory = async () => stockKeepingEngine(createMemoryStorage(), down);
    const details = await fc.check(fc.asyncProperty(orderEngineCommands({ maxCommands: 40, maxOrders: 1 }), (commands) => runEngineModel(factory, commands)), { numRuns: 200, seed: 3 });
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/stock work (left owed|asked for)/);
  }, 60_000);

  it('on PostgreSQL (PGlite)', async () => {
    const factory: EngineFactory = async () => stockKeepingEngine(createPostgresStorage({ db: lite.db(), schema: await lite.fresh('om_model_inv') }));
    await fc.assert(fc.asyncProperty(orderEngineCommands({ maxCommands: 25 }), (commands) => runEngineModel(factory, commands)), { numRuns: 8, seed: 11 });
  }, 60_000);
  const lite = usePGlite();
});

describe('runEngineModel can fail: it catches a storage that breaks its contract', () => {
  it('a storage that forgets idempotency keys applies a repeated request twice: the model says it must be a duplicate', async () => {
    const forgetful: EngineFactory = async () => {
      const inner = createMemoryStorage();
      const storage: StorageAdapter = { ...inner, commit: (request) => inner.commit({ ...request, idempotency: null }), findIdempotencyResult: async () => undefined };
      return engineOver(storage);
    };
    const run = fc.check(fc.asyncProperty(orderEngineCommands({ maxCommands: 40 }), (commands) => runEngineModel(forgetful, commands)), { numRuns: 200, seed: 7 });
    const details = await run;
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/the engine answered applied, the model expects duplicate|the engine answered (rejected|applied).*the model expects (duplicate|conflict)/);
  }, 60_000);

  it('a storage that drops outbox rows loses messages: the model says which effects are missing', async () => {
    const lossy: EngineFactory = async () => {
      const inner = createMemoryStorage();
      return engineOver({ ...inner, commit: (request) => inner.commit({ ...request, outbox: request.outbox.slice(1) }) });
    };
    const details = await fc.check(fc.asyncProperty(orderEngineCommands({ maxCommands: 20 }), (commands) => runEngineModel(lossy, commands)), { numRuns: 100, seed: 7 });
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/the outbox rows written differ from the effects of the applied events/);
  }, 60_000);
});

describe('runEngineModel on PostgreSQL (embedded PGlite)', () => {
  const database = usePGlite();

  it('every command keeps the engine equal to the model, with all invariants (a fresh schema per run)', async () => {
    const factory: EngineFactory = async () => {
      const schema = await database.fresh('model');
      return engineOver(createPostgresStorage({ db: database.db(), schema }));
    };
    await fc.assert(fc.asyncProperty(orderEngineCommands({ maxCommands: 30 }), (commands) => runEngineModel(factory, commands)), { numRuns: 12 });
  }, 60_000);
});

describeRealPostgres('runEngineModel on a real PostgreSQL server (DATABASE_URL)', () => {
  const database = usePool(4);

  it('every command keeps the engine equal to the model, with all invariants (a fresh schema per run)', async () => {
    const factory: EngineFactory = async () => {
      const schema = await database.fresh('model');
      return engineOver(createPostgresStorage({ db: database.db(), schema }));
    };
    await fc.assert(fc.asyncProperty(orderEngineCommands({ maxCommands: 30 }), (commands) => runEngineModel(factory, commands)), { numRuns: 8 });
  }, 60_000);

  it('with an inventory adapter: every piece of stock work done and recorded, nothing left owed', async () => {
    const factory: EngineFactory = async () => stockKeepingEngine(createPostgresStorage({ db: database.db(), schema: await database.fresh('model_inv') }));
    await fc.assert(fc.asyncProperty(orderEngineCommands({ maxCommands: 40, maxOrders: 1 }), (commands) => runEngineModel(factory, commands)), { numRuns: 8, seed: 5 });
  }, 60_000);
});
