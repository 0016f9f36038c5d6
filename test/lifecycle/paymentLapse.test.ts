// An authorization that lapses (or is voided) after the order was confirmed leaves money due on a
// confirmed order. The customer is asked to pay again, and a new payment for
// what is still due puts the order back on its way — instead of an order stuck unpaid.
import { describe, expect, it } from 'vitest';
import { allowedEvents, apply, deriveOrderStatuses, type Actor, type OrderAggregate } from '../../src/index.js';
import { customer, eur, psp, staff } from '../support/engineFixture.js';
import { NOW, placed, run } from '../support/readyToShip.js';

/** Order o1 (2 × €10 + €5 shipping = €25), card payment o1-P1 authorized (so confirmed), parcel S1 packed. */
function authorizedAndPacked(): OrderAggregate {
  return run(placed('online'), [
    [{ type: 'PAYMENT_AUTHORIZED', paymentId: 'o1-P1', amount: eur(2_500), providerRef: 'auth-1' }, psp],
    [{ type: 'CREATE_SHIPMENT', shipmentId: 'S1', lines: [{ lineId: 'l1', quantity: 2 }] }, staff],
    [{ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'S1' }, staff],
    [{ type: 'START_PICKING', shipmentId: 'S1', pickerId: 'p1' }, staff],
    [{ type: 'PACK_SHIPMENT', shipmentId: 'S1', label: { carrier: 'DHL', trackingNumber: 'T1' } }, staff],
  ]);
}

const types = (order: OrderAggregate, actor: Actor) => allowedEvents(order, actor, { now: NOW }).map((e) => e.type);

describe('money that falls away after confirmation is paid again, not left stuck', () => {
  it('a lapsed authorization tells the customer, and a new payment for what is due lets the parcel leave', () => {
    const before = authorizedAndPacked();
    expect(before.order.state).toBe('placed.fulfilling');
    expect(types(before, customer)).not.toContain('ADD_PAYMENT'); // nothing is due

    const lapse = apply(before, { type: 'AUTHORIZATION_EXPIRED', paymentId: 'o1-P1' }, { actor: psp, now: NOW });
    if (!lapse.ok) throw new Error(lapse.error.message);
    expect(lapse.effects).toContainEqual(expect.objectContaining({ kind: 'notification', template: 'payment_authorization_expired', audience: 'customer', data: { amount: eur(2_500) } }));
    expect(deriveOrderStatuses(lapse.order).payment).toBe('unpaid');
    const ready = run(lapse.order, [[{ type: 'MARK_READY_TO_SHIP', shipmentId: 'S1' }, staff]]);
    const shipRefused = apply(ready, { type: 'HAND_TO_CARRIER', shipmentId: 'S1' }, { actor: staff, now: NOW });
    expect(!shipRefused.ok && shipRefused.error.code === 'REJECTED' && shipRefused.error.reason).toBe('PAYMENT_REQUIRED');

    // Customer and staff are offered a new payment — for at most what is due.
    expect(types(ready, customer)).toContain('ADD_PAYMENT');
    expect(types(ready, staff)).toContain('ADD_PAYMENT');
    const tooMuch = apply(ready, { type: 'ADD_PAYMENT', method: 'online', amount: eur(2_501) }, { actor: customer, now: NOW });
    expect(!tooMuch.ok && tooMuch.error.code === 'REJECTED' && tooMuch.error.reason).toBe('AMOUNT_EXCEEDS_OUTSTANDING');

    const paid = run(ready, [
      [{ type: 'ADD_PAYMENT', paymentId: 'o1-P2', method: 'online', amount: eur(2_500) }, customer],
      [{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P2', amount: eur(2_500), providerRef: 'cap-2' }, psp],
      [{ type: 'HAND_TO_CARRIER', shipmentId: 'S1' }, staff],
    ]);
    expect(deriveOrderStatuses(paid)).toMatchObject({ payment: 'paid', fulfilment: 'shipped' });
    expect(types(paid, customer)).not.toContain('ADD_PAYMENT');
  });

  it('the rest of a partial capture released by staff is paid again the same way', () => {
    const partly = run(authorizedAndPacked(), [
      [{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(1_500), providerRef: 'cap-1' }, psp],
      [{ type: 'VOID_PAYMENT', paymentId: 'o1-P1', reason: 'card limit' }, staff],
    ]);
    expect(deriveOrderStatuses(partly).payment).toBe('partially_paid');
    const rest = apply(partly, { type: 'ADD_PAYMENT', method: 'bank_transfer', amount: eur(1_000) }, { actor: customer, now: NOW });
    expect(rest.ok && rest.order.payments.map((p) => [p.id, p.state])).toEqual([
      ['o1-P1', 'captured'],
      ['o1-P2', 'pending'],
    ]);
  });
});
