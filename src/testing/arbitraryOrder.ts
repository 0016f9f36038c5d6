import fc from 'fast-check';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { apply } from '../lifecycle/apply.js';
import { createOrder } from '../lifecycle/createOrder.js';
import type { OrderInputRaw } from '../machines/order/context.js';
import type { Actor } from '../model/actor.js';
import { currencyExponent, type CurrencyCode } from '../model/currencies.js';
import type { Customer } from '../model/customer.js';
import { Locale } from '../model/locale.js';
import { PaymentMethod, ShippingMethod } from '../model/methods.js';
import type { Money } from '../model/money.js';
import { SCRIPT_OF_LOCALE } from './addressBook.js';
import { arbitraryAddress } from './arbitraryAddress.js';
import { arbitraryCustomer } from './arbitraryCustomer.js';
import { arbitraryLineItem } from './arbitraryLineItem.js';
import { arbitraryCurrency } from './arbitraryMoney.js';

/** Options of {@link arbitraryOrder}. */
export interface ArbitraryOrderOptions {
  /** `true`: placed (checkout done, PLACE_ORDER applied); `false`: a cart as `createOrder` leaves it; default: either. */
  readonly placed?: boolean;
  /** The order's currency; default: any ISO 4217 currency. */
  readonly currency?: CurrencyCode;
  /** The payment method chosen at checkout; default: any that fits the rest. */
  readonly paymentMethod?: PaymentMethod;
  /** The shipping method chosen at checkout; default: any that fits the payment method. */
  readonly shippingMethod?: ShippingMethod;
  /** The customer's language (and the script of names, addresses and product names); default: any. */
  readonly locale?: Locale;
  /** Most lines in the cart (1–20, default 4). */
  readonly maxItems?: number;
  /** The order id; default `o-1000`…`o-99999`. */
  readonly orderId?: string;
  /** When the order is created (and placed); default `2026-03-01T09:00:00.000Z`. */
  readonly now?: Date | string;
}

/** One step of a checkout: the event and who sends it. @internal */
export interface PlanStep {
  readonly event: { readonly type: string } & Record<string, unknown>;
  readonly actor: Actor;
}

/** How a random order comes about: the input of `createOrder`, then the checkout events. @internal */
export interface OrderPlan {
  readonly input: OrderInputRaw;
  readonly steps: readonly PlanStep[];
}

const DEFAULT_NOW = '2026-03-01T09:00:00.000Z';

/** A few major units in a currency, in minor units. */
const major = (units: number, currency: CurrencyCode) => units * 10 ** currencyExponent(currency);

/**
 * A random order plan: a cart (and maybe a customer), and for a placed order the checkout
 * events that take it to PLACE_ORDER with a payment method that fits (pay on pickup only with
 * pickup, invoice terms only for a business customer).
 *
 * @param options - as for `arbitraryOrder`
 * @internal
 */
export function arbitraryOrderPlan(options: ArbitraryOrderOptions = {}): fc.Arbitrary<OrderPlan> {
  const maxItems = options.maxItems ?? 4;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 20) throw new RangeError(`arbitraryOrder: maxItems must be a whole number 1–20, got ${String(options.maxItems)}`);
  if (options.paymentMethod === 'pay_on_pickup' && options.shippingMethod !== undefined && options.shippingMethod !== 'pickup') {
    throw new RangeError('arbitraryOrder: pay_on_pickup needs the pickup shipping method');
  }
  const pick = <T>(fixed: T | undefined, all: fc.Arbitrary<T>) => (fixed === undefined ? all : fc.constant(fixed));
  return fc
    .record({
      placed: pick(options.placed, fc.boolean()),
      currency: pick(options.currency, arbitraryCurrency()),
      locale: pick(options.locale, fc.constantFrom(...Locale.options)),
      payment: pick(options.paymentMethod, fc.constantFrom(...PaymentMethod.options)),
      orderId: pick(options.orderId, fc.integer({ min: 1000, max: 99_999 }).map((n) => `o-${n}`)),
    })
    .chain(({ placed, currency, locale, payment, orderId }) => {
      const shipping =
        options.shippingMethod !== undefined ? fc.constant(options.shippingMethod) : payment === 'pay_on_pickup' ? fc.constant<ShippingMethod>('pickup') : fc.constantFrom(...ShippingMethod.options);
      const b2b = payment === 'invoice' ? true : undefined;
      return fc.record({
        placed: fc.constant(placed),
        currency: fc.constant(currency),
        orderId: fc.constant(orderId),
        payment: fc.constant(payment),
        shipping,
        items: fc.array(arbitraryLineItem({ currency, locale }), { minLength: 1, maxLength: maxItems }),
        customer: arbitraryCustomer({ locale, ...(b2b ? { company: true } : {}) }),
        customerInInput: fc.boolean(),
        address: arbitraryAddress({ script: SCRIPT_OF_LOCALE[locale] }),
        billing: fc.option(arbitraryAddress({ script: SCRIPT_OF_LOCALE[locale] }), { freq: 3 }),
        shippingPrice: fc.integer({ min: 0, max: 25 }),
        taxPercent: fc.option(fc.constantFrom(5, 9, 10, 19, 20), { freq: 2 }),
        discountPercent: fc.option(fc.constantFrom(5, 10, 15, 50), { freq: 3 }),
      });
    })
    .map((r): OrderPlan => {
      const items = r.items.map((item, i) => ({ ...item, lineId: `l${i + 1}` }));
      const customer: Customer = r.customer;
      const input: OrderInputRaw = { orderId: r.orderId, currency: r.currency, items, ...(r.customerInInput ? { customer } : {}) };
      if (!r.placed) return { input, steps: [] };
      const actor: Actor = { kind: 'customer', id: customer.kind === 'account' ? customer.accountId : 'guest' };
      const money = (amount: number): Money => ({ amount, currency: r.currency });
      const subtotal = items.reduce((s, i) => s + i.quantity * i.unitPrice.amount, 0);
      const shippingPrice = r.shipping === 'pickup' ? 0 : major(r.shippingPrice, r.currency);
      const tax = r.taxPercent === null ? null : Math.floor((subtotal * r.taxPercent) / 100);
      const discount = r.discountPercent === null ? null : Math.floor((subtotal * r.discountPercent) / 100);
      const total = subtotal + shippingPrice + (tax ?? 0) - (discount ?? 0);
      const name = customer.name;
      const steps: PlanStep['event'][] = [
        { type: 'START_CHECKOUT' },
        ...(r.customerInInput ? [] : [{ type: 'SET_CUSTOMER', customer }]),
        ...(r.shipping === 'pickup' ? [] : [{ type: 'SET_SHIPPING_ADDRESS', address: name === undefined ? r.address : { ...r.address, name } }]),
        ...(r.billing === null ? [] : [{ type: 'SET_BILLING_ADDRESS', address: r.billing }]),
        { type: 'SELECT_SHIPPING_METHOD', method: r.shipping, price: money(shippingPrice) },
        { type: 'SELECT_PAYMENT_METHOD', method: r.payment },
        {
          type: 'PLACE_ORDER',
          total: money(total),
          ...(tax === null ? {} : { tax: money(tax) }),
          ...(discount === null ? {} : { discount: money(discount) }),
        },
      ];
      return { input, steps: steps.map((event) => ({ event, actor })) };
    });
}

/**
 * Plays a plan with the pure API: `createOrder`, then `apply` for each step, all at `now`.
 *
 * @param plan - the plan
 * @param now - the time of every step
 * @throws Error when a step is refused (a plan is always valid: this is a bug)
 */
function playPlan(plan: OrderPlan, now: Date | string): OrderAggregate {
  const created = createOrder(plan.input, { now });
  if (!created.ok) throw new Error(`arbitraryOrder: createOrder refused the plan: ${created.error.message}`);
  let order = created.order;
  for (const step of plan.steps) {
    const result = apply(order, step.event, { actor: step.actor, now });
    if (!result.ok) throw new Error(`arbitraryOrder: ${step.event.type} was refused: ${result.error.message}`);
    order = result.order;
  }
  return order;
}

/**
 * A fast-check arbitrary of realistic starting points: an order aggregate as `createOrder` leaves
 * it (a cart of 1–4 lines, sometimes with its customer), or taken through checkout and placed —
 * any payment method × any shipping method that fits it × any ISO 4217 currency × any lines, a
 * guest or an account (a company for invoice terms) writing in English, Persian, Russian or
 * Bengali, a shipping address in that script (none for pickup), sometimes a billing address, tax
 * and a discount. Built with the public API, so every value is an order the library itself made.
 *
 * @param options - fix any of `placed`, `currency`, `paymentMethod`, `shippingMethod`, `locale`, `orderId`, `now`; `maxItems`
 * @returns the arbitrary
 * @throws RangeError for an impossible combination (pay on pickup without pickup) or a bad `maxItems`
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { can } from 'ordermachine';
 * import { arbitraryOrder } from 'ordermachine/testing';
 *
 * // Nobody but staff confirms a bank transfer, whatever the order.
 * fc.assert(
 *   fc.property(arbitraryOrder({ placed: true, paymentMethod: 'bank_transfer' }), (order) =>
 *     !can(order, { type: 'CONFIRM_BANK_TRANSFER', paymentId: order.payments[0]!.id, reference: 'TRX-1', amount: order.payments[0]!.context.amount },
 *       { actor: { kind: 'customer', id: 'c1' }, now: new Date('2026-03-01T10:00:00Z') }),
 *   ),
 * );
 * ```
 */
export function arbitraryOrder(options: ArbitraryOrderOptions = {}): fc.Arbitrary<OrderAggregate> {
  const now = options.now ?? DEFAULT_NOW;
  return arbitraryOrderPlan(options).map((plan) => playPlan(plan, now));
}
