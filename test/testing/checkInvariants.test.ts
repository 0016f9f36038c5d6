// checkTransitionInvariants judges a step in which a parcel left by the library's own rule: not
// unpaid (unless paid later: cash on delivery, invoice terms), and not refunded in full. Fed a
// forged step (a parcel moved by hand past the rule), it must name the broken promise.
import { describe, expect, it } from 'vitest';
import type { OrderAggregate, ShipmentState } from '../../src/index.js';
import { checkInvariants, checkTransitionInvariants } from '../../src/testing.js';
import { eur, psp as provider, staff } from '../support/engineFixture.js';
import { readyToShip, run } from '../support/readyToShip.js';

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

describe('checkInvariants: ids name one payment, shipment or return each', () => {
  it('an aggregate with two payments under one id breaks unique-ids', () => {
    const order = readyToShip('online');
    expect(checkInvariants(order)).toEqual([]);
    const twice: OrderAggregate = { ...order, payments: [...order.payments, ...order.payments] };
    expect(checkInvariants(twice).map((v) => v.invariant)).toContain('unique-ids');
  });
});
