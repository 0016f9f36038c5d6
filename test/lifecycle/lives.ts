/** Shared by the lifecycle property tests: how a random life starts. */
import fc from 'fast-check';
import { defaultLifecycle } from '../../src/lifecycle/defaultLifecycle.js';
import type { Actor, ActorKind, Lifecycle, OrderAggregate, PaymentMethod, ShippingMethod } from '../../src/index.js';

/** When every random life starts. */
export const START = Date.parse('2026-05-01T08:00:00Z');

/** An actor of a kind, with a stable id. */
export const actor = (kind: ActorKind): Actor => ({ kind, id: `${kind}-1` });

/** How a random life starts: in the cart, or placed with these methods and lines. */
export interface LifeStart {
  readonly placed: boolean;
  readonly payment: PaymentMethod;
  readonly shipping: ShippingMethod;
  readonly lines: number;
}

/** Random starts. */
export const arbitraryStart: fc.Arbitrary<LifeStart> = fc.record({
  placed: fc.boolean(),
  payment: fc.constantFrom<PaymentMethod>('online', 'cash_on_delivery', 'bank_transfer', 'pay_on_pickup', 'invoice'),
  shipping: fc.constantFrom<ShippingMethod>('standard', 'expedited', 'express', 'pickup'),
  lines: fc.integer({ min: 1, max: 3 }),
});

/** An order in the cart, or taken through checkout with the given methods, by a lifecycle (the default one unless given). */
export function startOrder(start: LifeStart, lifecycle: Lifecycle = defaultLifecycle): OrderAggregate {
  const { placed, payment, shipping, lines } = start;
  const items = Array.from({ length: lines }, (_, i) => ({
    lineId: `l${i + 1}`,
    sku: `SKU-${i + 1}`,
    name: `Item ${i + 1}`,
    quantity: 1 + (i % 2),
    unitPrice: { amount: 1000 * (i + 1), currency: 'EUR' as const },
    returnable: i !== 2,
    backorderable: i === 1,
  }));
  const created = lifecycle.createOrder({ orderId: 'o1', currency: 'EUR', items }, { now: new Date(START) });
  if (!created.ok) throw new Error(created.error.message);
  let order = created.order;
  if (!placed) return order;
  const pay: PaymentMethod = payment === 'pay_on_pickup' && shipping !== 'pickup' ? 'online' : payment;
  const customer = pay === 'invoice' ? { kind: 'account' as const, accountId: 'b2b', email: 'buyer@acme.example', company: { name: 'Acme' } } : { kind: 'guest' as const, email: 'g@example.com' };
  const steps = [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Jane Doe', line1: '1 Main St', city: 'Berlin', country: 'DE' } },
    { type: 'SELECT_SHIPPING_METHOD', method: shipping, price: { amount: 500, currency: 'EUR' } },
    { type: 'SELECT_PAYMENT_METHOD', method: pay },
  ];
  for (const event of steps) {
    const r = lifecycle.apply(order, event, { actor: actor('customer'), now: new Date(START) });
    if (!r.ok) throw new Error(r.error.message);
    order = r.order;
  }
  const total = items.reduce((s, i) => s + i.quantity * i.unitPrice.amount, 0) + 500;
  const r = lifecycle.apply(order, { type: 'PLACE_ORDER', total: { amount: total, currency: 'EUR' } }, { actor: actor('customer'), now: new Date(START) });
  if (!r.ok) throw new Error(r.error.message);
  return r.order;
}
