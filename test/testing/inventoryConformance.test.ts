import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryInventory, type InventoryAdapter } from '../../src/index.js';
import { describeInventoryConformance, type InventoryFactory } from '../../src/testing.js';
import { runCollected } from '../support/runCollected.js';

const memory: InventoryFactory = async () => {
  const inventory = createMemoryInventory();
  return { inventory, stock: (sku, quantity) => inventory.restock(sku, quantity) };
};

describeInventoryConformance('memory', memory, { describe, it, afterEach });

/** Runs the suite with a runner that collects results instead of registering tests. */
const runSuite = (factory: InventoryFactory) => runCollected((runner) => describeInventoryConformance('under test', factory, runner));

describe('describeInventoryConformance catches warehouses the engine cannot rely on', () => {
  it('passes the shipped memory inventory on every test', async () => {
    const results = await runSuite(memory);
    expect(results.size).toBeGreaterThan(8);
    expect([...results].filter(([, error]) => error !== null)).toEqual([]);
  });

  it('a warehouse that forgets keys and parcels (every call acts anew) fails exactly the repeat tests, saying what went wrong', async () => {
    const forgetful: InventoryFactory = async () => {
      const real = createMemoryInventory();
      let parcel = 0;
      const inventory: InventoryAdapter = {
        reserve: (orderId, lines) => real.reserve(orderId, lines),
        release: (orderId) => real.release(orderId),
        commit: (orderId, lines) => real.commit(orderId, lines, `parcel-${(parcel += 1)}`),
      };
      return { inventory, stock: (sku, quantity) => real.restock(sku, quantity) };
    };
    const results = await runSuite(forgetful);
    const failed = [...results].filter(([, error]) => error !== null).map(([title]) => title);
    expect(failed).toEqual([
      'a refusal repeated under its key is refused again, even when the goods have arrived since',
      'a late repeat of a reservation after its parcel left does not reserve the goods again',
      'a late repeat of a reservation after the order was released does not hold the goods again',
      'a parcel is committed once, however often it is reported; another parcel of the order is committed too',
    ]);
    expect(results.get(failed[1] as string)).toMatch(/3 left on hand, none held: o2 gets 3/);
  });

  it('a warehouse that reserves what it can (not all or nothing) fails the all-or-nothing test', async () => {
    const greedy: InventoryFactory = async () => {
      const real = createMemoryInventory();
      const inventory: InventoryAdapter = {
        reserve: async (orderId, lines, key) => {
          const answer = await real.reserve(orderId, lines, key);
          if (!answer.ok) await real.reserve(orderId, lines.filter((l) => !answer.unavailable.some((u) => u.sku === l.sku)), `${key}:partial`);
          return answer;
        },
        release: (orderId) => real.release(orderId),
        commit: (orderId, lines, shipmentId) => real.commit(orderId, lines, shipmentId),
      };
      return { inventory, stock: (sku, quantity) => real.restock(sku, quantity) };
    };
    const results = await runSuite(greedy);
    expect(results.get('a reservation that does not fit names only the short SKUs, and reserves nothing at all')).toMatch(/o1 holds nothing: o2 gets everything/);
  });
});
