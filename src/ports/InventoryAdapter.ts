/** A quantity of one SKU, as the warehouse sees it. */
export interface StockLine {
  readonly sku: string;
  readonly quantity: number;
}

/** What a reservation attempt returns: all reserved, or nothing reserved and what is short. */
export type ReservationResult = { readonly ok: true } | { readonly ok: false; readonly unavailable: readonly StockLine[] };

/**
 * The optional stock port. The engine calls it at least once per piece of stock work (a crash
 * between the call and the commit that records it done means a second call), so every method
 * must be safe to repeat: reserving an order that holds a reservation replaces it; releasing one
 * that holds none does nothing; committing the same parcel (`shipmentId`) twice commits it once.
 */
export interface InventoryAdapter {
  /** Reserves all the lines or none. */
  reserve(orderId: string, lines: readonly StockLine[]): Promise<ReservationResult>;
  /** Gives an order's reserved stock back (cancellation, expiry). */
  release(orderId: string): Promise<void>;
  /**
   * Turns reserved stock into shipped stock when a parcel leaves. A repeat for the same order and
   * `shipmentId` must do nothing (keep the ids you committed, e.g. a unique key in your stock table).
   */
  commit(orderId: string, lines: readonly StockLine[], shipmentId: string): Promise<void>;
}
