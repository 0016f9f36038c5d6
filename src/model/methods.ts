import * as z from 'zod';

/**
 * How the parcel travels: standard, expedited, express, or picked up by the customer.
 *
 * @example
 * ```ts
 * import { apply, ShippingMethod, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate; // in checkout, in EUR
 * const method: ShippingMethod = ShippingMethod.parse('express');
 * apply(order, { type: 'SELECT_SHIPPING_METHOD', method, price: { amount: 990, currency: 'EUR' } }, { actor: { kind: 'customer', id: 'c1' }, now: new Date() });
 * ```
 */
export const ShippingMethod = z.enum(['standard', 'expedited', 'express', 'pickup']);
/** How the parcel travels. */
export type ShippingMethod = z.infer<typeof ShippingMethod>;

/**
 * How the customer pays: an online gateway, cash on delivery (collected by the courier), bank
 * transfer (confirmed by staff with a reference), paying at the pickup point, or approved invoice
 * terms for business customers (paid later by transfer).
 *
 * @example
 * ```ts
 * import { apply, PaymentMethod, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate; // in checkout
 * PaymentMethod.options; // ['online', 'cash_on_delivery', 'bank_transfer', 'pay_on_pickup', 'invoice']
 * apply(order, { type: 'SELECT_PAYMENT_METHOD', method: 'cash_on_delivery' }, { actor: { kind: 'customer', id: 'c1' }, now: new Date() });
 * ```
 */
export const PaymentMethod = z.enum(['online', 'cash_on_delivery', 'bank_transfer', 'pay_on_pickup', 'invoice']);
/** How the customer pays. */
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/**
 * Payment methods settled outside an online gateway; staff confirm such orders by hand.
 *
 * @example
 * ```ts
 * import { OFFLINE_PAYMENT_METHODS, type PaymentMethod } from 'ordermachine';
 * // Show staff the "confirm order" button (CONFIRM_ORDER) only where it can apply.
 * const confirmedByHand = (method: PaymentMethod) => OFFLINE_PAYMENT_METHODS.includes(method);
 * confirmedByHand('bank_transfer'); // true
 * confirmedByHand('online'); // false
 * ```
 */
export const OFFLINE_PAYMENT_METHODS: readonly PaymentMethod[] = ['cash_on_delivery', 'bank_transfer', 'pay_on_pickup', 'invoice'];

/**
 * Payment methods that allow goods to leave before the money is in: paid at the door, or on approved terms.
 *
 * @example
 * ```ts
 * import { SHIP_BEFORE_PAYMENT_METHODS } from 'ordermachine';
 * SHIP_BEFORE_PAYMENT_METHODS.includes('cash_on_delivery'); // true
 * SHIP_BEFORE_PAYMENT_METHODS.includes('bank_transfer'); // false: the transfer must arrive first
 * ```
 */
export const SHIP_BEFORE_PAYMENT_METHODS: readonly PaymentMethod[] = ['cash_on_delivery', 'invoice'];
