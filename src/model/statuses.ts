import * as z from 'zod';

/**
 * Order-level payment status, derived from the order's payments (never stored by hand).
 *
 * @example
 * ```ts
 * import { derivePaymentStatus, PaymentStatus, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * PaymentStatus.options; // ['unpaid', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded']
 * const status: PaymentStatus = derivePaymentStatus(order);
 * ```
 */
export const PaymentStatus = z.enum(['unpaid', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded']);
/** Order-level payment status. */
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/**
 * Order-level fulfilment status, derived from the order's shipments.
 *
 * @example
 * ```ts
 * import { deriveFulfilmentStatus, FulfilmentStatus, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const status: FulfilmentStatus = deriveFulfilmentStatus(order);
 * FulfilmentStatus.options.indexOf(status); // 0 (unfulfilled) … 4 (delivered)
 * ```
 */
export const FulfilmentStatus = z.enum(['unfulfilled', 'partially_shipped', 'shipped', 'partially_delivered', 'delivered']);
/** Order-level fulfilment status. */
export type FulfilmentStatus = z.infer<typeof FulfilmentStatus>;

/**
 * Order-level return status, derived from the order's returns and claims.
 *
 * @example
 * ```ts
 * import { deriveReturnStatus, ReturnStatus, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const status: ReturnStatus = deriveReturnStatus(order);
 * ReturnStatus.safeParse('returned').success; // true
 * ```
 */
export const ReturnStatus = z.enum(['none', 'requested', 'in_progress', 'partially_returned', 'returned']);
/** Order-level return status. */
export type ReturnStatus = z.infer<typeof ReturnStatus>;

/**
 * How far the furthest live shipment has got; drives what a customer may still cancel.
 *
 * @example
 * ```ts
 * import { deriveSummary, ShipmentProgress, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const progress: ShipmentProgress = deriveSummary(order).shipmentProgress;
 * ShipmentProgress.options; // ['none', 'preparing', 'packed', 'shipped']
 * ```
 */
export const ShipmentProgress = z.enum(['none', 'preparing', 'packed', 'shipped']);
/** How far the furthest live shipment has got. */
export type ShipmentProgress = z.infer<typeof ShipmentProgress>;

/**
 * Where fulfilment as a whole stands; the order machine follows it after confirmation.
 *
 * @example
 * ```ts
 * import { deriveSummary, FulfilmentPhase, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const phase: FulfilmentPhase = deriveSummary(order).phase;
 * FulfilmentPhase.options; // ['none', 'fulfilling', 'partially_shipped', 'shipped', 'delivered']
 * ```
 */
export const FulfilmentPhase = z.enum(['none', 'fulfilling', 'partially_shipped', 'shipped', 'delivered']);
/** Where fulfilment as a whole stands. */
export type FulfilmentPhase = z.infer<typeof FulfilmentPhase>;

/**
 * What the order machine knows of its payments, shipments and returns. `apply` derives it from
 * the children after every event and hands it to the order machine in an internal `SYNC` event,
 * so the order's state can never disagree with its children.
 *
 * @example
 * ```ts
 * import { ChildSummary, deriveSummary, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const summary: ChildSummary = deriveSummary(order);
 * ChildSummary.parse(summary); // never throws: a derived summary always validates
 * ```
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

/**
 * The summary of an order that has no children yet.
 *
 * @example
 * ```ts
 * import { createOrder, deriveSummary, EMPTY_SUMMARY } from 'ordermachine';
 * const created = createOrder({ orderId: 'o1', currency: 'EUR' }, { now: '2026-01-01T00:00:00Z' });
 * if (created.ok) deriveSummary(created.order); // equal to EMPTY_SUMMARY: no payments, shipments or returns yet
 * EMPTY_SUMMARY.paymentStatus; // 'unpaid'
 * ```
 */
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
