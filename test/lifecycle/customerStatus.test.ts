// The customer's one status, for the cases seed 001 and seed 002 name: a parcel waiting for goods
// from the wholesaler is «Ожидание отправки» (awaiting_stock), and an order refunded in full before
// anything left reads refunded, not "processing".
import { describe, expect, it } from 'vitest';
import { deriveOrderStatuses, statusLabel } from '../../src/index.js';
import { eur, psp, staff } from '../support/engineFixture.js';
import { placed, readyToShip, run } from '../support/readyToShip.js';

/** Order o1 (€25) captured online, nothing in the warehouse yet. */
const paid = () => run(placed('online'), [[{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2_500), providerRef: 'cap-1' }, psp]]);

describe('customer status', () => {
  it('a parcel backordered in the warehouse reads awaiting_stock («Ожидание отправки»)', () => {
    const waiting = run(paid(), [
      [{ type: 'CREATE_SHIPMENT', shipmentId: 'S1', lines: [{ lineId: 'l1', quantity: 2 }] }, staff],
      [{ type: 'SHIPMENT_BACKORDERED', shipmentId: 'S1' }, staff],
    ]);
    expect(waiting.shipments[0]?.state).toBe('backordered');
    expect(deriveOrderStatuses(waiting).customer).toBe('awaiting_stock');
    expect(statusLabel('awaiting_stock', 'ru')).toBe('Ожидание отправки');
  });

  it('an order refunded in full before anything left reads refunded', () => {
    const refunded = run(paid(), [
      [{ type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: eur(2_500), reason: 'goodwill' }, staff],
      [{ type: 'REFUND_SUCCEEDED', paymentId: 'o1-P1', amount: eur(2_500), providerRef: 'ref-1' }, psp],
    ]);
    expect(deriveOrderStatuses(refunded)).toMatchObject({ order: 'placed.confirmed', payment: 'refunded', customer: 'refunded' });
    // A partial refund leaves it processing.
    const partly = run(readyToShip('online'), [
      [{ type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: eur(500), reason: 'goodwill' }, staff],
      [{ type: 'REFUND_SUCCEEDED', paymentId: 'o1-P1', amount: eur(500), providerRef: 'ref-2' }, psp],
    ]);
    expect(deriveOrderStatuses(partly).customer).toBe('ready_to_ship');
  });
});
