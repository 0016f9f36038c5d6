import type { OrderContext } from '../machines/order/context.js';
import type { PaymentContext } from '../machines/payment/context.js';
import type { ReturnContext } from '../machines/return/context.js';
import type { ShipmentContext } from '../machines/shipment/context.js';
import type { OrderState, PaymentState, ReturnState, ShipmentState } from './states.js';

/** The persisted form of one machine: its state path, its context and, if any, its history. */
export interface MachineRecord<TState extends string, TContext> {
  readonly state: TState;
  readonly context: TContext;
  /** History-state memory (`'order.placed.hist' → ['order.placed.confirmed']`), present only when set. */
  readonly history?: Readonly<Record<string, readonly string[]>>;
}

/** A payment of the order. */
export type PaymentRecord = MachineRecord<PaymentState, PaymentContext> & { readonly id: string };
/** A shipment (parcel) of the order. */
export type ShipmentRecord = MachineRecord<ShipmentState, ShipmentContext> & { readonly id: string };
/** A return or claim of the order. */
export type ReturnRecord = MachineRecord<ReturnState, ReturnContext> & { readonly id: string };

/**
 * The version of the aggregate's persisted shape; the engine's migration registry upgrades older ones.
 *
 * @example
 * ```ts
 * import { AGGREGATE_SCHEMA_VERSION } from 'ordermachine';
 * declare const stored: { schemaVersion: number };
 * if (stored.schemaVersion !== AGGREGATE_SCHEMA_VERSION) {
 *   throw new Error(`aggregate version ${stored.schemaVersion} must be upgraded to ${AGGREGATE_SCHEMA_VERSION} first`);
 * }
 * ```
 */
export const AGGREGATE_SCHEMA_VERSION = 1;

/**
 * An order and everything that hangs off it: the order machine's record plus its payments
 * (split tender, retries), shipments (split shipments) and returns/claims. Plain JSON: store it as
 * it is. Order-level statuses are derived from it (`deriveStatuses`), never stored in it.
 */
export interface OrderAggregate {
  readonly schemaVersion: typeof AGGREGATE_SCHEMA_VERSION;
  readonly id: string;
  readonly order: MachineRecord<OrderState, OrderContext>;
  readonly payments: readonly PaymentRecord[];
  readonly shipments: readonly ShipmentRecord[];
  readonly returns: readonly ReturnRecord[];
}
