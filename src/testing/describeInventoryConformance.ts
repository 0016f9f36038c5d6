import assert from 'node:assert/strict';
import type { InventoryAdapter, ReservationResult, StockLine } from '../ports/InventoryAdapter.js';
import type { StorageConformanceRunner } from './describeStorageConformance.js';

/** What the inventory suite needs from a test runner: `describe` and `it` (and optionally `afterEach`), as for the storage suite. */
export type InventoryConformanceRunner = StorageConformanceRunner;

/** A fresh stock for one test: the adapter, and a way to put goods on the shelf first. */
export interface InventoryUnderTest {
  readonly inventory: InventoryAdapter;
  /** Puts `quantity` more pieces of `sku` on hand (a delivery from a supplier). Called before the test's first reservation. */
  stock(sku: string, quantity: number): void | Promise<void>;
  /** Called once after the test, pass or fail (close connections, drop tables…). */
  readonly teardown?: () => Promise<void>;
}

/** Makes a fresh, empty stock; called once per test. */
export type InventoryFactory = () => Promise<InventoryUnderTest>;

const line = (sku: string, quantity: number): StockLine => ({ sku, quantity });

function assertReserved(result: ReservationResult, what: string): void {
  assert.deepEqual(result, { ok: true }, `${what}: expected { ok: true }, got ${JSON.stringify(result)}`);
}

/** A refusal that names exactly `skus` as short, each by a positive whole quantity no larger than was asked. */
function assertShort(result: ReservationResult, asked: readonly StockLine[], skus: readonly string[], what: string): void {
  assert.equal(result.ok, false, `${what}: expected a refusal, got ${JSON.stringify(result)}`);
  if (result.ok) return;
  assert.deepEqual([...new Set(result.unavailable.map((u) => u.sku))].sort(), [...skus].sort(), `${what}: the SKUs named short`);
  for (const u of result.unavailable) {
    const wanted = asked.filter((l) => l.sku === u.sku).reduce((n, l) => n + l.quantity, 0);
    assert.ok(Number.isSafeInteger(u.quantity) && u.quantity > 0 && u.quantity <= wanted, `${what}: ${u.sku} short by ${u.quantity}, asked ${wanted}`);
  }
}

/**
 * The conformance suite for {@link InventoryAdapter}: what the engine relies on when it does an
 * order's stock work through your warehouse. The engine calls the adapter *at least once* per
 * piece of work — after a crash, or when two processes do the same work, a call comes again,
 * possibly late — so besides reserving all or nothing, the suite checks that every call is safe to
 * repeat: a reservation repeated under its key answers as the first time and touches no stock
 * (not even after a parcel left or the order was released), a release of nothing does nothing,
 * and a parcel (`shipmentId`) is committed once. The stock is observed only through what the port
 * answers (a second order's reservation tells what is still free), so any adapter can run it.
 *
 * @param name - the adapter's name, shown in the test titles
 * @param factory - makes a fresh, empty stock for one test, with a way to put goods on the shelf
 * @param runner - the test runner's `describe` and `it` (and optionally `afterEach`)
 * @example
 * ```ts
 * import { afterEach, describe, it } from 'vitest';
 * import { createMemoryInventory } from 'ordermachine';
 * import { describeInventoryConformance } from 'ordermachine/testing';
 *
 * describeInventoryConformance(
 *   'memory',
 *   async () => {
 *     const inventory = createMemoryInventory();
 *     return { inventory, stock: (sku, quantity) => inventory.restock(sku, quantity) };
 *   },
 *   { describe, it, afterEach },
 * );
 * ```
 */
export function describeInventoryConformance(name: string, factory: InventoryFactory, runner: InventoryConformanceRunner): void {
  const test = (
    title: string,
    shelf: Readonly<Record<string, number>>,
    body: (inventory: InventoryAdapter, stock: InventoryUnderTest['stock']) => Promise<void>,
  ): void => {
    runner.it(title, async () => {
      const { inventory, stock, teardown } = await factory();
      try {
        for (const [sku, quantity] of Object.entries(shelf)) await stock(sku, quantity);
        await body(inventory, stock);
      } finally {
        await teardown?.();
      }
    });
  };

  runner.describe(`InventoryAdapter conformance — ${name}`, () => {
    runner.describe('reserve: all the lines or none, held against every other order', () => {
      test('a reservation that fits is made, and holds its stock against the next order', { KETTLE: 5 }, async (inventory) => {
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 3)], 'o1:r1'), 'o1 reserves 3 of 5');
        assertShort(await inventory.reserve('o2', [line('KETTLE', 3)], 'o2:r1'), [line('KETTLE', 3)], ['KETTLE'], 'o2 asks 3 of the 2 left');
        assertReserved(await inventory.reserve('o3', [line('KETTLE', 2)], 'o3:r1'), 'o3 reserves the 2 left');
      });

      test('a reservation that does not fit names only the short SKUs, and reserves nothing at all', { KETTLE: 5, MUG: 1 }, async (inventory) => {
        const asked = [line('KETTLE', 2), line('MUG', 2)];
        assertShort(await inventory.reserve('o1', asked, 'o1:r1'), asked, ['MUG'], 'o1 asks 2 mugs of 1');
        assertReserved(await inventory.reserve('o2', [line('KETTLE', 5), line('MUG', 1)], 'o2:r1'), 'o1 holds nothing: o2 gets everything');
      });

      test('a SKU the warehouse does not know is short', {}, async (inventory) => {
        const asked = [line('UNKNOWN-SKU', 1)];
        assertShort(await inventory.reserve('o1', asked, 'o1:r1'), asked, ['UNKNOWN-SKU'], 'o1 asks for a SKU never stocked');
      });

      test('lines of the same SKU add up', { KETTLE: 3 }, async (inventory) => {
        const asked = [line('KETTLE', 2), line('KETTLE', 2)];
        assertShort(await inventory.reserve('o1', asked, 'o1:r1'), asked, ['KETTLE'], 'two lines of 2 kettles, 3 on hand');
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 1), line('KETTLE', 2)], 'o1:r2'), 'two lines of 1 and 2, 3 on hand');
      });

      test('a new reservation (another key) of the same order replaces what it held', { KETTLE: 5 }, async (inventory) => {
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 3)], 'o1:r1'), 'o1 reserves 3');
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 1)], 'o1:r2'), 'o1 reserves 1 instead');
        assertReserved(await inventory.reserve('o2', [line('KETTLE', 4)], 'o2:r1'), 'o1 holds 1 now: 4 are free');
      });
    });

    runner.describe('every call is safe to repeat, even late', () => {
      test('a reservation repeated under its key gives the first answer and touches no stock', { KETTLE: 5 }, async (inventory) => {
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 3)], 'o1:r1'), 'o1 reserves 3');
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 3)], 'o1:r1'), 'the repeat answers as the first time');
        assertReserved(await inventory.reserve('o2', [line('KETTLE', 2)], 'o2:r1'), 'still only 3 held by o1');
        assertShort(await inventory.reserve('o3', [line('KETTLE', 1)], 'o3:r1'), [line('KETTLE', 1)], ['KETTLE'], 'all 5 held');
      });

      test('a refusal repeated under its key is refused again, even when the goods have arrived since', { KETTLE: 1 }, async (inventory, stock) => {
        assertShort(await inventory.reserve('o1', [line('KETTLE', 2)], 'o1:r1'), [line('KETTLE', 2)], ['KETTLE'], 'o1 asks 2 of 1');
        await stock('KETTLE', 5);
        // The engine may already have recorded the first answer (a backorder): the repeat must agree with it.
        assertShort(await inventory.reserve('o1', [line('KETTLE', 2)], 'o1:r1'), [line('KETTLE', 2)], ['KETTLE'], 'the repeat answers as the first time');
        assertReserved(await inventory.reserve('o2', [line('KETTLE', 6)], 'o2:r1'), 'o1 holds nothing: all 6 are free');
      });

      test('a late repeat of a reservation after its parcel left does not reserve the goods again', { KETTLE: 5 }, async (inventory) => {
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 2)], 'o1:r1'), 'o1 reserves 2');
        await inventory.commit('o1', [line('KETTLE', 2)], 'o1-S1');
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 2)], 'o1:r1'), 'the late repeat answers as the first time');
        assertReserved(await inventory.reserve('o2', [line('KETTLE', 3)], 'o2:r1'), '3 left on hand, none held: o2 gets 3');
      });

      test('a late repeat of a reservation after the order was released does not hold the goods again', { KETTLE: 2 }, async (inventory) => {
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 2)], 'o1:r1'), 'o1 reserves 2');
        await inventory.release('o1');
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 2)], 'o1:r1'), 'the late repeat answers as the first time');
        assertReserved(await inventory.reserve('o2', [line('KETTLE', 2)], 'o2:r1'), 'o1 holds nothing: o2 gets both');
      });

      test('release gives an order’s stock back; releasing again, or an order that holds nothing, does nothing', { KETTLE: 2 }, async (inventory) => {
        await inventory.release('never-reserved');
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 2)], 'o1:r1'), 'o1 reserves 2');
        assertShort(await inventory.reserve('o2', [line('KETTLE', 1)], 'o2:r1'), [line('KETTLE', 1)], ['KETTLE'], 'both held by o1');
        await inventory.release('o1');
        await inventory.release('o1');
        assertReserved(await inventory.reserve('o2', [line('KETTLE', 2)], 'o2:r2'), 'released: o2 gets both');
      });

      test('a parcel is committed once, however often it is reported; another parcel of the order is committed too', { KETTLE: 4 }, async (inventory) => {
        assertReserved(await inventory.reserve('o1', [line('KETTLE', 4)], 'o1:r1'), 'o1 reserves 4');
        await inventory.commit('o1', [line('KETTLE', 1)], 'o1-S1');
        await inventory.commit('o1', [line('KETTLE', 1)], 'o1-S1');
        await inventory.commit('o1', [line('KETTLE', 1)], 'o1-S2');
        // Two kettles left the shelf; o1 still holds the other two until it is released.
        assertShort(await inventory.reserve('o2', [line('KETTLE', 1)], 'o2:r1'), [line('KETTLE', 1)], ['KETTLE'], 'the 2 on hand are held by o1');
        await inventory.release('o1');
        assertReserved(await inventory.reserve('o2', [line('KETTLE', 2)], 'o2:r2'), 'released: the 2 on hand are free');
        assertShort(await inventory.reserve('o3', [line('KETTLE', 1)], 'o3:r1'), [line('KETTLE', 1)], ['KETTLE'], 'nothing more on hand: 2 left in parcels, once each');
      });
    });
  });
}
