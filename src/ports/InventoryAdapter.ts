/** A quantity of one SKU, as the warehouse sees it. */
export interface StockLine {
  readonly sku: string;
  readonly quantity: number;
}

/** What a reservation attempt returns: all reserved, or nothing reserved and what is short. */
export type ReservationResult = { readonly ok: true } | { readonly ok: false; readonly unavailable: readonly StockLine[] };

/**
 * The optional stock port. Reservations are per order and idempotent: reserving an order that
 * holds a reservation replaces it; releasing or committing one that holds none does nothing.
 */
export interface InventoryAdapter {
  /** Reserves all the lines or none. */
  reserve(orderId: string, lines: readonly StockLine[]): Promise<ReservationResult>;
  /** Gives an order's reserved stock back (cancellation, expiry). */
  release(orderId: string): Promise<void>;
  /** Turns reserved stock into shipped stock when a parcel leaves. */
  commit(orderId: string, lines: readonly StockLine[]): Promise<void>;
}
