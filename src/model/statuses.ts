import { z } from 'zod';

/** Order-level payment status, derived from the order's payments (never stored by hand). */
export const PaymentStatus = z.enum(['unpaid', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded']);
/** Order-level payment status. */
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** Order-level fulfilment status, derived from the order's shipments. */
export const FulfilmentStatus = z.enum(['unfulfilled', 'partially_shipped', 'shipped', 'partially_delivered', 'delivered']);
/** Order-level fulfilment status. */
export type FulfilmentStatus = z.infer<typeof FulfilmentStatus>;

/** Order-level return status, derived from the order's returns and claims. */
export const ReturnStatus = z.enum(['none', 'requested', 'in_progress', 'partially_returned', 'returned']);
/** Order-level return status. */
export type ReturnStatus = z.infer<typeof ReturnStatus>;

/** How far the furthest live shipment has got; drives what a customer may still cancel. */
export const ShipmentProgress = z.enum(['none', 'preparing', 'packed', 'shipped']);
/** How far the furthest live shipment has got. */
export type ShipmentProgress = z.infer<typeof ShipmentProgress>;

/** Where fulfilment as a whole stands; the order machine follows it after confirmation. */
export const FulfilmentPhase = z.enum(['none', 'fulfilling', 'partially_shipped', 'shipped', 'delivered']);
/** Where fulfilment as a whole stands. */
export type FulfilmentPhase = z.infer<typeof FulfilmentPhase>;

/**
 * What the order machine knows of its payments, shipments and returns. `apply` derives it from
 * the children after every event and hands it to the order machine in an internal `SYNC` event,
 * so the order's state can never disagree with its children.
 */
export const ChildSummary = z.strictObject({
  paymentStatus: PaymentStatus,
  fulfilmentStatus: FulfilmentStatus,
  returnStatus: ReturnStatus,
  /** Captured plus still-authorized money covers the total. */
  paymentSecured: z.boolean(),
  /** Nothing has been captured yet (an unpaid order may expire). */
  nothingCaptured: z.boolean(),
  shipmentProgress: ShipmentProgress,
  phase: FulfilmentPhase,
  openReturns: z.number().int().nonnegative(),
});
/** What the order machine knows of its children. */
export type ChildSummary = z.infer<typeof ChildSummary>;

/** The summary of an order that has no children yet. */
export const EMPTY_SUMMARY: ChildSummary = Object.freeze({
  paymentStatus: 'unpaid',
  fulfilmentStatus: 'unfulfilled',
  returnStatus: 'none',
  paymentSecured: false,
  nothingCaptured: true,
  shipmentProgress: 'none',
  phase: 'none',
  openReturns: 0,
});
