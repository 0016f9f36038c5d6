import { z } from 'zod';

/** How the parcel travels: standard, expedited, express, or picked up by the customer. */
export const ShippingMethod = z.enum(['standard', 'expedited', 'express', 'pickup']);
/** How the parcel travels. */
export type ShippingMethod = z.infer<typeof ShippingMethod>;

/**
 * How the customer pays: an online gateway, cash on delivery (collected by the courier), bank
 * transfer (confirmed by staff with a reference), paying at the pickup point, or approved invoice
 * terms for business customers (paid later by transfer).
 */
export const PaymentMethod = z.enum(['online', 'cash_on_delivery', 'bank_transfer', 'pay_on_pickup', 'invoice']);
/** How the customer pays. */
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** Payment methods settled outside an online gateway; staff confirm such orders by hand. */
export const OFFLINE_PAYMENT_METHODS: readonly PaymentMethod[] = ['cash_on_delivery', 'bank_transfer', 'pay_on_pickup', 'invoice'];

/** Payment methods that allow goods to leave before the money is in: paid at the door, or on approved terms. */
export const SHIP_BEFORE_PAYMENT_METHODS: readonly PaymentMethod[] = ['cash_on_delivery', 'invoice'];
