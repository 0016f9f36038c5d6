import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Address,
  CURRENCY_CODES,
  Customer,
  LineItem,
  Money,
  OrderContext,
  PaymentMethod,
  ShippingMethod,
  currencyExponent,
  deriveOrderStatuses,
  type OrderAggregate,
} from '../../src/index.js';
import { arbitraryAddress, arbitraryCurrency, arbitraryCustomer, arbitraryLineItem, arbitraryMoney, arbitraryOrder, checkInvariants } from '../../src/testing.js';

const SCRIPT_LETTERS = {
  latin: /^[\p{Script=Latin}\p{Script=Common}\s]+$/u,
  persian: /[\u0600-\u06ff]/,
  cyrillic: /[\u0400-\u04ff]/,
  bengali: /[\u0980-\u09ff]/,
} as const;

describe('arbitraryMoney: whole minor units in an ISO 4217 currency, sized by its exponent', () => {
  it('always passes the Money schema', () => {
    fc.assert(fc.property(arbitraryMoney(), (money) => void Money.parse(money)), { numRuns: 500 });
  });

  it('stays within 100 000 major units of its currency by default, and within min/max when given', () => {
    fc.assert(
      fc.property(arbitraryMoney(), (money) => {
        expect(money.amount).toBeLessThanOrEqual(100_000 * 10 ** currencyExponent(money.currency));
      }),
    );
    fc.assert(
      fc.property(arbitraryMoney({ currency: 'KWD', min: 1_000, max: 2_000 }), (money) => {
        expect(money).toMatchObject({ currency: 'KWD' });
        expect(money.amount).toBeGreaterThanOrEqual(1_000);
        expect(money.amount).toBeLessThanOrEqual(2_000);
      }),
    );
  });

  it('draws from the whole currency table, zero-, two-, three- and four-digit currencies alike', () => {
    const seen = new Set(fc.sample(arbitraryCurrency(), { numRuns: 3_000, seed: 42 }));
    expect(seen.size).toBeGreaterThan(CURRENCY_CODES.length * 0.9);
    expect(new Set([...seen].map(currencyExponent))).toEqual(new Set([0, 2, 3, 4]));
  });

  it('refuses a range that makes no sense', () => {
    expect(() => fc.sample(arbitraryMoney({ currency: 'EUR', min: 5, max: 1 }), 1)).toThrow(RangeError);
    expect(() => fc.sample(arbitraryMoney({ currency: 'EUR', min: 0.5 }), 1)).toThrow(RangeError);
  });
});

describe('arbitraryAddress: real-looking addresses in four scripts', () => {
  it('always passes the Address schema', () => {
    fc.assert(fc.property(arbitraryAddress(), (address) => void Address.parse(address)), { numRuns: 500 });
  });

  it.each([
    ['latin', ['US', 'GB', 'DE']],
    ['persian', ['IR']],
    ['cyrillic', ['RU']],
    ['bengali', ['BD']],
  ] as const)('%s addresses are written in that script, in %j', (script, countries) => {
    fc.assert(
      fc.property(arbitraryAddress({ script }), (address) => {
        expect(countries).toContain(address.country);
        for (const text of [address.name, address.line1, address.city]) expect(text).toMatch(SCRIPT_LETTERS[script]);
        if (address.phone !== undefined) expect(address.phone).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
      { numRuns: 100 },
    );
  });

  it('writes house numbers the way each country does: Persian and Bengali digits, Russian "д." and "кв."', () => {
    const [fa] = fc.sample(arbitraryAddress({ script: 'persian' }), { numRuns: 1, seed: 1 });
    const [bn] = fc.sample(arbitraryAddress({ script: 'bengali' }), { numRuns: 1, seed: 1 });
    const [ru] = fc.sample(arbitraryAddress({ script: 'cyrillic' }), { numRuns: 1, seed: 1 });
    expect(fa?.line1).toMatch(/پلاک [۰-۹]+$/);
    expect(bn?.line1).toMatch(/^বাড়ি [০-৯]+, রোড [০-৯]+/);
    expect(ru?.line1).toMatch(/, д\. \d+, кв\. \d+$/);
  });

  it('takes a fixed name', () => {
    fc.assert(fc.property(arbitraryAddress({ name: 'Anna Berg' }), (address) => void expect(address.name).toBe('Anna Berg')), { numRuns: 20 });
  });
});

describe('arbitraryLineItem: a product of a small catalogue, named in the customer language', () => {
  it('always passes the LineItem schema, in the currency asked for', () => {
    fc.assert(
      fc.property(arbitraryLineItem(), (line) => void LineItem.parse(line)),
      { numRuns: 500 },
    );
    fc.assert(fc.property(arbitraryLineItem({ currency: 'JPY', locale: 'ru' }), (line) => {
      expect(line.unitPrice.currency).toBe('JPY');
      expect(line.name).toMatch(SCRIPT_LETTERS.cyrillic);
      expect(line.unitPrice.amount).toBeGreaterThanOrEqual(1);
    }));
  });
});

describe('arbitraryCustomer: guests and accounts in four languages, sometimes a business', () => {
  it('always passes the Customer schema, with an e-mail or a phone', () => {
    fc.assert(fc.property(arbitraryCustomer(), (customer) => void Customer.parse(customer)), { numRuns: 500 });
  });

  it('covers guests and accounts, every locale, e-mail only, phone only, and companies', () => {
    const customers = fc.sample(arbitraryCustomer(), { numRuns: 400, seed: 7 });
    expect(new Set(customers.map((c) => c.kind))).toEqual(new Set(['guest', 'account']));
    expect(new Set(customers.map((c) => c.locale))).toEqual(new Set(['en', 'fa', 'ru', 'bn']));
    expect(customers.some((c) => c.email !== undefined && c.phone === undefined)).toBe(true);
    expect(customers.some((c) => c.phone !== undefined && c.email === undefined)).toBe(true);
    const companies = customers.filter((c) => c.company !== undefined).length;
    expect(companies).toBeGreaterThan(20);
    expect(companies).toBeLessThan(200);
  });

  it('names people in their own script, with family names that agree in Russian', () => {
    fc.assert(
      fc.property(arbitraryCustomer({ locale: 'ru', contact: 'both', company: false }), (customer) => {
        expect(customer.company).toBeUndefined();
        expect(customer.email).toMatch(/^[a-z.]+\d*@example\.(ru|com)$/);
        expect(customer.phone).toMatch(/^\+7\d{10}$/);
        if (customer.name !== undefined) {
          expect(customer.name).toMatch(SCRIPT_LETTERS.cyrillic);
          const [given, family] = customer.name.split(' ') as [string, string];
          const female = ['Анна', 'Мария', 'Ольга', 'Елена'].includes(given);
          expect(family.endsWith('а')).toBe(female);
        }
      }),
    );
  });
});

/** The customer's locale, from the order. */
const localeOf = (order: OrderAggregate) => order.order.context.customer?.locale;

describe('arbitraryOrder: realistic starting points made with the public API', () => {
  it('is a cart as createOrder leaves it, or a placed order, that keeps every invariant and parses as an OrderContext', () => {
    fc.assert(
      fc.property(arbitraryOrder(), (order) => {
        expect(checkInvariants(order)).toEqual([]);
        OrderContext.parse(order.order.context);
        expect(['cart', 'placed.awaiting_payment', 'placed.confirmed']).toContain(order.order.state);
        expect(deriveOrderStatuses(order).order).toBe(order.order.state);
      }),
      { numRuns: 200 },
    );
  });

  it('a placed order has its totals, one payment for the total in its method, and only methods that fit', () => {
    fc.assert(
      fc.property(arbitraryOrder({ placed: true }), (order) => {
        const ctx = order.order.context;
        expect(ctx.placedAt).not.toBeNull();
        expect(ctx.totals?.total.amount).toBe(order.payments.reduce((s, p) => s + p.context.amount.amount, 0));
        expect(order.payments.map((p) => p.context.method)).toEqual([ctx.paymentMethod]);
        if (ctx.paymentMethod === 'pay_on_pickup') expect(ctx.shippingMethod).toBe('pickup');
        if (ctx.paymentMethod === 'invoice') expect(ctx.customer?.company).toBeDefined();
        if (ctx.shippingMethod !== 'pickup') expect(ctx.shippingAddress).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('covers every payment method × shipping method that fits, and many currencies', () => {
    const orders = fc.sample(arbitraryOrder({ placed: true }), { numRuns: 600, seed: 11 });
    const pairs = new Set(orders.map((o) => `${o.order.context.paymentMethod}/${o.order.context.shippingMethod}`));
    const possible = PaymentMethod.options.flatMap((p) => ShippingMethod.options.filter((s) => p !== 'pay_on_pickup' || s === 'pickup').map((s) => `${p}/${s}`));
    expect([...pairs].sort()).toEqual(possible.sort());
    expect(new Set(orders.map((o) => o.order.context.currency)).size).toBeGreaterThan(60);
    expect(new Set(orders.map(localeOf))).toEqual(new Set(['en', 'fa', 'ru', 'bn']));
  });

  it('fixes what it is asked to fix', () => {
    fc.assert(
      fc.property(arbitraryOrder({ placed: true, currency: 'IRR', paymentMethod: 'cash_on_delivery', shippingMethod: 'express', locale: 'fa', orderId: 'o-77', now: '2026-05-01T10:00:00Z' }), (order) => {
        const ctx = order.order.context;
        expect([order.id, ctx.currency, ctx.paymentMethod, ctx.shippingMethod, ctx.customer?.locale, ctx.placedAt]).toEqual([
          'o-77',
          'IRR',
          'cash_on_delivery',
          'express',
          'fa',
          '2026-05-01T10:00:00.000Z',
        ]);
        expect(ctx.shippingAddress?.country).toBe('IR');
      }),
      { numRuns: 30 },
    );
    fc.assert(fc.property(arbitraryOrder({ placed: false }), (order) => void expect(order.order.state).toBe('cart')), { numRuns: 30 });
  });

  it('refuses impossible combinations', () => {
    expect(() => arbitraryOrder({ paymentMethod: 'pay_on_pickup', shippingMethod: 'express' })).toThrow(RangeError);
    expect(() => arbitraryOrder({ maxItems: 0 })).toThrow(RangeError);
  });
});
