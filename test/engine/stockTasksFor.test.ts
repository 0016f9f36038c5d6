import { describe, expect, it } from 'vitest';
import type { Effect, StateChange } from '../../src/index.js';
import { stockTasksFor } from '../../src/engine/stockTasksFor.js';

const AT = '2026-04-06T09:00:00.000Z';
const command = (name: 'reserve_stock' | 'release_stock'): Effect => ({ kind: 'command', orderId: 'o1', command: name, lines: [{ lineId: 'l1', quantity: 2 }] });
const move = (from: string | null, to: string, id = 'o1-S1'): StateChange => ({ machine: 'shipment', id, from, to });

describe('stockTasksFor: the stock work one decision asks of the inventory adapter', () => {
  it('a reservation for reserve_stock and a release for release_stock, named by the version the decision commits', () => {
    expect(stockTasksFor({ effects: [command('reserve_stock')], changes: [] }, 9, AT)).toEqual([{ kind: 'reserve', key: 'stock_reserve:9', at: AT }]);
    expect(stockTasksFor({ effects: [command('release_stock')], changes: [] }, 12, AT)).toEqual([{ kind: 'release', key: 'stock_release:12', at: AT }]);
  });

  it('a commit for each parcel that leaves the shop in this change (handed over, or collected straight from the shelf)', () => {
    const tasks = stockTasksFor({ effects: [], changes: [move('ready_to_ship', 'handed_to_carrier'), move('packed', 'delivered', 'o1-S2')] }, 5, AT);
    expect(tasks).toEqual([
      { kind: 'commit', key: 'stock_commit:o1-S1', at: AT, shipmentId: 'o1-S1' },
      { kind: 'commit', key: 'stock_commit:o1-S2', at: AT, shipmentId: 'o1-S2' },
    ]);
  });

  it('nothing for a parcel already on its way, a new parcel, a parcel that did not leave, or another machine', () => {
    const changes: StateChange[] = [
      move('in_transit', 'delivered'),
      move(null, 'pending'),
      move('picking', 'packed'),
      move('handed_to_carrier', 'returned_to_sender'),
      { machine: 'order', id: 'o1', from: 'placed.confirmed', to: 'placed.shipped' },
    ];
    expect(stockTasksFor({ effects: [], changes }, 5, AT)).toEqual([]);
  });
});
