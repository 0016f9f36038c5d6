/** A quantity of one SKU, as the warehouse sees it. */
export interface StockLine {
  readonly sku: string;
  readonly quantity: number;
}

/** What a reservation attempt returns: all reserved, or nothing reserved and what is short. */
export type ReservationResult = { readonly ok: true } | { readonly ok: false; readonly unavailable: readonly StockLine[] };

/**
 * The optional stock port. The engine calls it at least once per piece of stock work (a crash
 * between the call and the commit that records it done, or two processes doing the same work at
 * once, means a second call, possibly late), so every method must be safe to repeat: a
 * reservation with a `key` already answered changes nothing and gives the first answer again;
 * releasing an order that holds nothing does nothing; committing the same parcel (`shipmentId`)
 * twice commits it once.
 */
export interface InventoryAdapter {
  /**
   * Reserves all the lines or none, replacing what the order held. The engine always passes a
   * `key` (one per reservation it asks for, e.g. `stock_reserve:7`): remember the keys you
   * answered, with the answer, and give that answer to a repeat without touching the stock — a
   * late repeat must not undo a commit or a release made since.
   */
  reserve(orderId: string, lines: readonly StockLine[], key?: string): Promise<ReservationResult>;
  /** Gives an order's reserved stock back (cancellation, expiry). */
  release(orderId: string): Promise<void>;
  /**
   * Turns reserved stock into shipped stock when a parcel leaves. A repeat for the same order and
   * `shipmentId` must do nothing (keep the ids you committed, e.g. a unique key in your stock table).
   */
  commit(orderId: string, lines: readonly StockLine[], shipmentId: string): Promise<void>;
}
