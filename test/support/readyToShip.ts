/** Pure-function order fixtures: events applied one by one, and an order with a parcel about to leave. */
import { apply, createOrder, type Actor, type OrderAggregate, type PaymentMethod } from '../../src/index.js';
import { customer, eur, psp, staff } from './engineFixture.js';

/** The time every step of these fixtures is applied at. */
export const NOW = '2026-02-01T10:00:00.000Z';

/** Applies `[event, actor]` steps in order at NOW, failing with the refusal's message if one is refused. */
export function run(order: OrderAggregate, steps: readonly (readonly [unknown, Actor])[]): OrderAggregate {
  for (const [event, actor] of steps) {
    const r = apply(order, event, { actor, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    order = r.order;
  }
  return order;
}

/**
 * Order `o1` (2 × €10 and €5 shipping, total €25) placed with `method`, its payment `o1-P1` not
 * yet paid. An `invoice` order is placed by a business account.
 */
export function placed(method: PaymentMethod): OrderAggregate {
  const created = createOrder({ orderId: 'o1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'Kettle', quantity: 2, unitPrice: eur(1_000) }] }, { now: NOW });
  if (!created.ok) throw new Error(created.error.message);
  const business = method === 'invoice';
  return run(created.order, [
    [{ type: 'START_CHECKOUT' }, customer],
    [{ type: 'SET_CUSTOMER', customer: business ? { kind: 'account', accountId: 'b2b', email: 'buying@acme.example', company: { name: 'Acme' } } : { kind: 'guest', email: 'a@example.com' } }, customer],
    [{ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } }, customer],
    [{ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) }, customer],
    [{ type: 'SELECT_PAYMENT_METHOD', method }, customer],
    [{ type: 'PLACE_ORDER', total: eur(2_500) }, customer],
  ]);
}

/**
 * Order `o1` placed with `method` (see {@link placed}) and confirmed (captured in full as `o1-P1`
 * when online, confirmed by staff otherwise), with parcel S1 ready to ship.
 */
export function readyToShip(method: PaymentMethod): OrderAggregate {
  return run(placed(method), [
    method === 'online' ? [{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2_500), providerRef: 'cap-1' }, psp] : [{ type: 'CONFIRM_ORDER' }, staff],
    [{ type: 'CREATE_SHIPMENT', shipmentId: 'S1', lines: [{ lineId: 'l1', quantity: 2 }] }, staff],
    [{ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'S1' }, staff],
    [{ type: 'START_PICKING', shipmentId: 'S1', pickerId: 'p1' }, staff],
    [{ type: 'PACK_SHIPMENT', shipmentId: 'S1', label: { carrier: 'DHL', trackingNumber: 'T1' } }, staff],
    [{ type: 'MARK_READY_TO_SHIP', shipmentId: 'S1' }, staff],
  ]);
}
