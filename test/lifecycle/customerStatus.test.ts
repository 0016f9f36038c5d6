// The customer's one status, for the cases seed 001 and seed 002 name: a parcel waiting for goods
// from the wholesaler is «Ожидание отправки» (awaiting_stock), and an order refunded in full before
// anything left reads refunded, not "processing".
import { describe, expect, it } from 'vitest';
import { createOrder, deriveOrderStatuses, statusLabel } from '../../src/index.js';
import { customer, eur, psp, staff } from '../support/engineFixture.js';
import { NOW, readyToShip, run } from '../support/readyToShip.js';

/** Order o1 (€25) captured online, nothing in the warehouse yet. */
function paid() {
  const created = createOrder({ orderId: 'o1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'Kettle', quantity: 2, unitPrice: eur(1_000) }] }, { now: NOW });
  if (!created.ok) throw new Error(created.error.message);
  return run(created.order, [
    [{ type: 'START_CHECKOUT' }, customer],
    [{ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'a@example.com' } }, customer],
    [{ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } }, customer],
    [{ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) }, customer],
    [{ type: 'SELECT_PAYMENT_METHOD', method: 'online' }, customer],
    [{ type: 'PLACE_ORDER', total: eur(2_500) }, customer],
    [{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2_500), providerRef: 'cap-1' }, psp],
  ]);
}

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
