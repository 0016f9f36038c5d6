import type { InventoryAdapter, ReservationResult, StockLine } from '../../ports/InventoryAdapter.js';

/** A memory inventory, with a look at its counts for tests and demos. */
export interface MemoryInventory extends InventoryAdapter {
  /** On hand (not yet shipped) and reserved quantities of a SKU. */
  levels(sku: string): { readonly onHand: number; readonly reserved: number };
  /** Adds stock that arrived. */
  restock(sku: string, quantity: number): void;
}

const sumBySku = (lines: readonly StockLine[]) => {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.sku, (out.get(l.sku) ?? 0) + l.quantity);
  return out;
};

/**
 * An in-memory inventory: stock on hand per SKU, reservations per order. It remembers the answer
 * to each reservation key and each committed parcel, so the engine's repeated calls are safe
 * (it passes `describeInventoryConformance`).
 *
 * @param stock - initial quantities on hand, by SKU
 * @example
 * ```ts
 * import { createMemoryInventory } from 'ordermachine';
 * const inventory = createMemoryInventory({ 'TEA-1': 10 });
 * await inventory.reserve('o1', [{ sku: 'TEA-1', quantity: 2 }], 'stock_reserve:5'); // { ok: true }
 * await inventory.reserve('o1', [{ sku: 'TEA-1', quantity: 2 }], 'stock_reserve:5'); // the same answer; still 2 held
 * inventory.levels('TEA-1'); // { onHand: 10, reserved: 2 }
 * ```
 */
export function createMemoryInventory(stock: Readonly<Record<string, number>> = {}): MemoryInventory {
  const onHand = new Map(Object.entries(stock));
  const reservations = new Map<string, Map<string, number>>();
  /** Parcels already committed, so a repeated commit does nothing. */
  const committed = new Set<string>();
  const reserved = (sku: string) => [...reservations.values()].reduce((s, r) => s + (r.get(sku) ?? 0), 0);
  /** The first answer to each keyed reservation, so a repeat changes nothing. */
  const answered = new Map<string, ReservationResult>();

  /** Reserves all the lines or none, replacing what the order held. */
  const reserveNow = (orderId: string, lines: readonly StockLine[]): ReservationResult => {
    const previous = reservations.get(orderId);
    reservations.delete(orderId);
    const wanted = sumBySku(lines);
    const unavailable: StockLine[] = [];
    for (const [sku, quantity] of wanted) {
      const free = (onHand.get(sku) ?? 0) - reserved(sku);
      if (quantity > free) unavailable.push({ sku, quantity: quantity - Math.max(0, free) });
    }
    if (unavailable.length > 0) {
      if (previous) reservations.set(orderId, previous);
      return { ok: false, unavailable };
    }
    reservations.set(orderId, wanted);
    return { ok: true };
  };

  return {
    async reserve(orderId, lines, key): Promise<ReservationResult> {
      const asked = key === undefined ? undefined : `${orderId}\u0000${key}`;
      const first = asked === undefined ? undefined : answered.get(asked);
      if (first !== undefined) return first;
      const result = reserveNow(orderId, lines);
      if (asked !== undefined) answered.set(asked, result);
      return result;
    },
    async release(orderId) {
      reservations.delete(orderId);
    },
    async commit(orderId, lines, shipmentId) {
      const parcel = `${orderId}\u0000${shipmentId}`;
      if (committed.has(parcel)) return;
      committed.add(parcel);
      const held = reservations.get(orderId);
      for (const [sku, quantity] of sumBySku(lines)) {
        onHand.set(sku, (onHand.get(sku) ?? 0) - quantity);
        if (held) {
          const left = (held.get(sku) ?? 0) - quantity;
          if (left > 0) held.set(sku, left);
          else held.delete(sku);
        }
      }
      if (held && held.size === 0) reservations.delete(orderId);
    },
    levels: (sku) => ({ onHand: onHand.get(sku) ?? 0, reserved: reserved(sku) }),
    restock(sku, quantity) {
      onHand.set(sku, (onHand.get(sku) ?? 0) + quantity);
    },
  };
}
