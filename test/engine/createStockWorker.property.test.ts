/**
 * Property: whatever fails and wherever the process dies during an order's life — the warehouse
 * call for a reservation, a release or a parcel's commit, or the storage commit that records one of
 * them — once the failures stop and `runDue` has swept, the stock agrees with the order:
 * - no stock task is left owed;
 * - every parcel that left took its stock off the shelf exactly once (on hand = start − shipped);
 * - stock is held only for an order that holds a reservation, and only for what has not left;
 * - the order's history is numbered 1, 2, 3 … without a gap, ending at its version.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryInventory, createMemoryStorage, createOrderEngine, shipmentStage, type InventoryAdapter, type OrderEventInput, type StorageAdapter } from '../../src/index.js';
import { carrier, eur, fakeClock, placed, psp, staff } from '../support/engineFixture.js';

type Fault = 'reserve' | 'release' | 'commit' | 'STOCK_RESERVED' | 'release_stock' | 'commit_stock';
const FAULTS: readonly Fault[] = ['reserve', 'release', 'commit', 'STOCK_RESERVED', 'release_stock', 'commit_stock'];
const ON_HAND = 5;

/** One order's life: one parcel of 2 or two of 1, and maybe a cancellation somewhere. */
function life(parcels: 1 | 2, cancelAt: number | null): { event: OrderEventInput; actor: typeof staff }[] {
  const steps: { event: OrderEventInput; actor: typeof staff }[] = [
    { event: { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'cap-1' }, actor: psp },
  ];
  for (let p = 1; p <= parcels; p += 1) steps.push({ event: { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: parcels === 1 ? 2 : 1 }] }, actor: staff });
  for (let p = 1; p <= parcels; p += 1) {
    const shipmentId = `o1-S${p}`;
    steps.push(
      { event: { type: 'RELEASE_TO_WAREHOUSE', shipmentId }, actor: staff },
      { event: { type: 'START_PICKING', shipmentId, pickerId: 'p1' }, actor: staff },
      { event: { type: 'PACK_SHIPMENT', shipmentId, label: { carrier: 'DHL', trackingNumber: `T${p}` } }, actor: staff },
      { event: { type: 'MARK_READY_TO_SHIP', shipmentId }, actor: staff },
      { event: { type: 'HAND_TO_CARRIER', shipmentId }, actor: staff },
      { event: { type: 'CARRIER_STATUS', shipmentId, status: 'delivered' }, actor: carrier },
    );
  }
  if (cancelAt !== null) steps.splice(Math.min(cancelAt, steps.length), 0, { event: { type: 'CANCEL_ORDER', reason: 'customer_request' }, actor: staff });
  return steps;
}

/** An inventory and a storage that fail where they are told to, once per fault. */
function faulty() {
  const real = createMemoryInventory({ KETTLE: ON_HAND });
  const armed = new Set<Fault>();
  const trip = (fault: Fault) => {
    if (armed.delete(fault)) throw new Error(`${fault}: connection reset`);
  };
  const inventory: InventoryAdapter = {
    reserve: async (orderId, lines, key) => (trip('reserve'), real.reserve(orderId, lines, key)),
    release: async (orderId) => (trip('release'), real.release(orderId)),
    commit: async (orderId, lines, shipmentId) => (trip('commit'), real.commit(orderId, lines, shipmentId)),
  };
  const memory = createMemoryStorage();
  const storage: StorageAdapter = {
    ...memory,
    commit: async (request) => {
      const type = request.history?.eventType as Fault | undefined;
      if (type !== undefined && FAULTS.includes(type)) trip(type);
      return memory.commit(request);
    },
  };
  return { inventory, storage, armed, levels: () => real.levels('KETTLE') };
}

const step = fc.record({
  faults: fc.subarray([...FAULTS], { maxLength: 3 }),
  sweepAfter: fc.boolean(),
  sweepFaults: fc.subarray([...FAULTS], { maxLength: 2 }),
});

describe('stock work under faults (property)', () => {
  it('after the faults stop and runDue has swept, the stock agrees with the order, whatever failed where', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<1 | 2>(1, 2), fc.option(fc.nat({ max: 14 }), { nil: null }), fc.array(step, { minLength: 16, maxLength: 16 }), async (parcels, cancelAt, plan) => {
        const { inventory, storage, armed, levels } = faulty();
        const clock = fakeClock();
        const engine = createOrderEngine({ storage, clock, inventory, retryDelayMs: () => 0 });
        await placed(engine, 'o1');
        const steps = life(parcels, cancelAt);
        for (const [i, { event, actor }] of steps.entries()) {
          const faults = plan[i % plan.length];
          if (!faults) continue;
          armed.clear();
          for (const f of faults.faults) armed.add(f);
          // Refusals are fine (e.g. a cancel after packing): the property is about the stock.
          await engine.send('o1', event, { actor }).catch(() => undefined);
          if (faults.sweepAfter) {
            armed.clear();
            for (const f of faults.sweepFaults) armed.add(f);
            clock.advance(61_000);
            await engine.runDue().catch(() => undefined);
          }
        }
        armed.clear();
        for (let round = 0; round < 5; round += 1) {
          clock.advance(61_000);
          if ((await engine.runDue()).fired.length === 0) break;
        }

        const stored = await engine.get('o1');
        if (!stored) throw new Error('order o1 is gone');
        expect(stored.timers.stock).toBeUndefined();
        const shipped = stored.aggregate.shipments
          .filter((s) => ['shipped', 'delivered'].includes(shipmentStage(s.state)))
          .reduce((n, s) => n + s.context.lines.reduce((m, l) => m + l.quantity, 0), 0);
        const holds = stored.aggregate.order.context.stock === 'reserved' && stored.aggregate.order.state !== 'canceled';
        expect(levels()).toEqual({ onHand: ON_HAND - shipped, reserved: holds ? 2 - shipped : 0 });
        const history = await engine.history('o1');
        expect(history.map((h) => h.seq)).toEqual(Array.from({ length: stored.version }, (_, i) => i + 1));
      }),
      { numRuns: 150, seed: 20261124 },
    );
  });
});
