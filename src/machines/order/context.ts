import * as z from 'zod';
import { Address } from '../../model/address.js';
import { Currency } from '../../model/money.js';
import { Customer } from '../../model/customer.js';
import { CancelReason, HoldReason } from '../../model/events.js';
import { LineItem, LineQuantity } from '../../model/lineItem.js';
import { PaymentMethod, ShippingMethod } from '../../model/methods.js';
import { Money } from '../../model/money.js';
import { ActorKind } from '../../model/actor.js';
import { ChildSummary, EMPTY_SUMMARY } from '../../model/statuses.js';
import { Totals } from '../../model/totals.js';

const timestamp = z.string();

/**
 * The order machine's context: the cart, the checkout choices and the order's own facts.
 *
 * @example
 * ```ts
 * import { OrderContext, type OrderAggregate } from 'ordermachine';
 * declare const stored: OrderAggregate; // read back from storage
 * const context = OrderContext.parse(stored.order.context); // throws if the stored JSON was damaged
 * console.log(context.items.length, context.totals?.total);
 * ```
 */
export const OrderContext = z.strictObject({
  orderId: z.string().min(1),
  currency: Currency,
  items: z.array(LineItem),
  customer: Customer.nullable(),
  shippingAddress: Address.nullable(),
  billingAddress: Address.nullable(),
  shippingMethod: ShippingMethod.nullable(),
  shippingPrice: Money.nullable(),
  paymentMethod: PaymentMethod.nullable(),
  totals: Totals.nullable(),
  createdAt: timestamp,
  /** Last time the customer touched the cart; abandonment is measured from here. */
  lastActivityAt: timestamp,
  cartReminderSentAt: timestamp.nullable(),
  paymentReminderSentAt: timestamp.nullable(),
  placedAt: timestamp.nullable(),
  confirmedAt: timestamp.nullable(),
  stock: z.enum(['unreserved', 'reserved', 'backordered']),
  backorder: z.strictObject({ lines: z.array(LineQuantity), expectedAt: timestamp.nullable() }).nullable(),
  hold: z.strictObject({ reason: HoldReason, note: z.string().nullable(), since: timestamp }).nullable(),
  cancellation: z.strictObject({ reason: CancelReason, note: z.string().nullable(), by: ActorKind, at: timestamp }).nullable(),
  invoice: z.strictObject({ requestedAt: timestamp, number: z.string().nullable(), url: z.string().nullable() }).nullable(),
  receiptConfirmedAt: timestamp.nullable(),
  feedbackRequestedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  summary: ChildSummary,
});
/** The order machine's context. */
export type OrderContext = z.infer<typeof OrderContext>;

/**
 * What starts an order: its id, currency and whatever is known of the cart and customer.
 *
 * @example
 * ```ts
 * import { OrderInput } from 'ordermachine';
 * const input = OrderInput.parse({ orderId: 'o-1001', currency: 'EUR' });
 * input.items; // [] (the default)
 * ```
 */
export const OrderInput = z.strictObject({
  orderId: z.string().min(1).max(100),
  currency: Currency,
  items: z.array(LineItem).max(500).default([]),
  customer: Customer.optional(),
});
/** What starts an order. */
export type OrderInput = z.infer<typeof OrderInput>;
/** What a caller passes to start an order. */
export type OrderInputRaw = z.input<typeof OrderInput>;

/**
 * Builds the initial order context. XState runs a machine's context factory with no input
 * whenever it makes an actor for a machine (each call of its pure `transition()`, which the
 * lifecycle uses where its plans do not reach), so this must stay cheap and accept `undefined`.
 *
 * @param input - the order's id, currency and cart, or nothing (XState's throw-away actor)
 * @param at - creation time, ISO 8601
 * @example
 * ```ts
 * import { initialOrderContext } from 'ordermachine';
 * const ctx = initialOrderContext({ orderId: 'o1', currency: 'EUR', items: [] }, '2026-01-01T00:00:00.000Z');
 * ```
 */
export function initialOrderContext(input: (OrderInput & { at?: string }) | undefined, at = input?.at ?? ''): OrderContext {
  return {
    orderId: input?.orderId ?? '',
    currency: input?.currency ?? 'USD',
    items: input?.items ?? [],
    customer: input?.customer ?? null,
    shippingAddress: null,
    billingAddress: null,
    shippingMethod: null,
    shippingPrice: null,
    paymentMethod: null,
    totals: null,
    createdAt: at,
    lastActivityAt: at,
    cartReminderSentAt: null,
    paymentReminderSentAt: null,
    placedAt: null,
    confirmedAt: null,
    stock: 'unreserved',
    backorder: null,
    hold: null,
    cancellation: null,
    invoice: null,
    receiptConfirmedAt: null,
    feedbackRequestedAt: null,
    closedAt: null,
    summary: EMPTY_SUMMARY,
  };
}
