// checkTransitionInvariants judges a step in which a parcel left by the library's own rule: not
// unpaid (unless paid later: cash on delivery, invoice terms), and not refunded in full. Fed a
// forged step (a parcel moved by hand past the rule), it must name the broken promise.
import { describe, expect, it } from 'vitest';
import { apply, createOrder, type Actor, type OrderAggregate, type PaymentMethod, type ShipmentState } from '../../src/index.js';
import { checkTransitionInvariants } from '../../src/testing.js';

const NOW = '2026-02-01T10:00:00.000Z';
const customer: Actor = { kind: 'customer', id: 'c1' };
const staff: Actor = { kind: 'staff', id: 's1' };
const provider: Actor = { kind: 'payment_provider', id: 'psp' };
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

function run(order: OrderAggregate, steps: readonly (readonly [unknown, Actor])[]): OrderAggregate {
  for (const [event, actor] of steps) {
    const r = apply(order, event, { actor, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    order = r.order;
  }
  return order;
}

/** A confirmed order (paid online, or on cash on delivery / bank transfer) with parcel S1 ready to ship; total 2 500. */
function readyToShip(method: PaymentMethod): OrderAggregate {
  const created = createOrder({ orderId: 'o1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'Kettle', quantity: 2, unitPrice: eur(1_000) }] }, { now: NOW });
  if (!created.ok) throw new Error(created.error.message);
  const order = run(created.order, [
    [{ type: 'START_CHECKOUT' }, customer],
    [{ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'a@example.com' } }, customer],
    [{ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } }, customer],
    [{ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) }, customer],
    [{ type: 'SELECT_PAYMENT_METHOD', method }, customer],
    [{ type: 'PLACE_ORDER', total: eur(2_500) }, customer],
    method === 'online' ? [{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2_500), providerRef: 'cap-1' }, provider] : [{ type: 'CONFIRM_ORDER' }, staff],
  ]);
  return run(order, [
    [{ type: 'CREATE_SHIPMENT', shipmentId: 'S1', lines: [{ lineId: 'l1', quantity: 2 }] }, staff],
    [{ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'S1' }, staff],
    [{ type: 'START_PICKING', shipmentId: 'S1', pickerId: 'p1' }, staff],
    [{ type: 'PACK_SHIPMENT', shipmentId: 'S1', label: { carrier: 'DHL', trackingNumber: 'T1' } }, staff],
    [{ type: 'MARK_READY_TO_SHIP', shipmentId: 'S1' }, staff],
  ]);
}

const refund = (amount: number) =>
  [
    [{ type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: eur(amount), reason: 'x' }, staff],
    [{ type: 'REFUND_SUCCEEDED', paymentId: 'o1-P1', amount: eur(amount), providerRef: `r-${amount}` }, provider],
  ] as const;

/** The same aggregate with parcel S1 moved to `state` by hand, as a broken engine or storage might. */
const forged = (order: OrderAggregate, state: ShipmentState): OrderAggregate => ({
  ...order,
  shipments: order.shipments.map((s) => (s.id === 'S1' ? { ...s, state } : s)),
});

const names = (before: OrderAggregate, after: OrderAggregate) => checkTransitionInvariants(before, after).map((v) => v.invariant);

describe('checkTransitionInvariants: no parcel leaves unless payment allows it', () => {
  it('a parcel leaving an order refunded in full breaks no-shipping-after-full-refund', () => {
    const before = run(readyToShip('online'), refund(2_500));
    const violations = checkTransitionInvariants(before, forged(before, 'handed_to_carrier'));
    expect(violations).toEqual([{ invariant: 'no-shipping-after-full-refund', message: 'shipment S1 left an order whose payment was refunded in full (ready_to_ship → handed_to_carrier)' }]);
    expect(names(before, forged(before, 'in_transit'))).toEqual(['no-shipping-after-full-refund']);
  });

  it('a partial refund breaks nothing; neither does a parcel moving inside the warehouse of a refunded order', () => {
    const partly = run(readyToShip('online'), refund(500));
    expect(names(partly, forged(partly, 'handed_to_carrier'))).toEqual([]);
    const refunded = run(readyToShip('online'), refund(2_500));
    expect(names(refunded, forged(refunded, 'canceled'))).toEqual([]);
  });

  it('an unpaid bank-transfer order breaks no-unpaid-shipping; cash on delivery does not', () => {
    const unpaid = readyToShip('bank_transfer');
    expect(names(unpaid, forged(unpaid, 'handed_to_carrier'))).toEqual(['no-unpaid-shipping']);
    const cod = readyToShip('cash_on_delivery');
    expect(names(cod, forged(cod, 'handed_to_carrier'))).toEqual([]);
  });
});
