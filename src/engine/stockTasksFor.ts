import { shipmentStage } from '../lifecycle/deriveStatuses.js';
import type { Applied } from '../lifecycle/results.js';
import type { ShipmentState } from '../lifecycle/states.js';
import type { StockTask } from '../ports/StorageAdapter.js';

const hasLeft = (state: string) => {
  const stage = shipmentStage(state as ShipmentState);
  return stage === 'shipped' || stage === 'delivered';
};

/**
 * The stock work one applied decision asks of the inventory adapter: a reservation when the order
 * was confirmed (`reserve_stock`), a release when a confirmed order was canceled or expired
 * (`release_stock`), and a commit for every parcel that left the shop in this change.
 *
 * @param applied - the decision's effects and state changes
 * @param version - the version the decision commits (names the reserve and release tasks)
 * @param at - the commit time
 * @internal the engine's own bookkeeping, not part of the public API
 */
export function stockTasksFor(applied: Pick<Applied, 'effects' | 'changes'>, version: number, at: string): StockTask[] {
  const tasks: StockTask[] = [];
  for (const effect of applied.effects) {
    if (effect.kind !== 'command') continue;
    if (effect.command === 'reserve_stock') tasks.push({ kind: 'reserve', key: `stock_reserve:${version}`, at });
    if (effect.command === 'release_stock') tasks.push({ kind: 'release', key: `stock_release:${version}`, at });
  }
  for (const change of applied.changes) {
    if (change.machine !== 'shipment' || change.from === null || hasLeft(change.from) || !hasLeft(change.to)) continue;
    tasks.push({ kind: 'commit', key: `stock_commit:${change.id}`, at, shipmentId: change.id });
  }
  return tasks;
}
