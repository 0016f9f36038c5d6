// A parcel the carrier loses (or sends back) gives its goods back to the order, as
// docs/guides/concepts.md says: the order steps back to confirmed, the shop sends the lines again
// or cancels (refunding), and a claim stays for goods that were delivered.
import { describe, expect, it } from 'vitest';
import { allowedEvents, apply, deriveOrderStatuses, type OrderAggregate } from '../../src/index.js';
import { carrier, customer, staff } from '../support/engineFixture.js';
import { NOW, readyToShip, run } from '../support/readyToShip.js';

const shipped = run(readyToShip('online'), [
  [{ type: 'HAND_TO_CARRIER', shipmentId: 'S1' }, staff],
  [{ type: 'CARRIER_STATUS', shipmentId: 'S1', status: 'in_transit' }, carrier],
]);
const types = (order: OrderAggregate) => allowedEvents(order, customer, { now: NOW }).map((e) => e.type);

describe.each([['lost'], ['return_to_sender', 'returned_to_sender']] as const)('a parcel reported %s', (...statuses) => {
  const back = run(
    shipped,
    statuses.map((status) => [{ type: 'CARRIER_STATUS', shipmentId: 'S1', status }, carrier] as const),
  );

  it('takes the order back to confirmed and the customer status back to processing', () => {
    expect(shipped.order.state).toBe('placed.shipped');
    expect(back.order.state).toBe('placed.confirmed');
    expect(deriveOrderStatuses(back)).toMatchObject({ payment: 'paid', fulfilment: 'unfulfilled', customer: 'processing' });
    expect(types(back)).toContain('CANCEL_ORDER');
    const claim = apply(back, { type: 'OPEN_CLAIM', kind: 'missing', lines: [{ lineId: 'l1', quantity: 1 }], description: 'never came' }, { actor: customer, now: NOW });
    expect(claim.ok).toBe(false);
  });

  it('lets the shop send the lines again, all the way to the door', () => {
    const again = run(back, [
      [{ type: 'CREATE_SHIPMENT', shipmentId: 'S2', lines: [{ lineId: 'l1', quantity: 2 }] }, staff],
      [{ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'S2' }, staff],
      [{ type: 'START_PICKING', shipmentId: 'S2', pickerId: 'p1' }, staff],
      [{ type: 'PACK_SHIPMENT', shipmentId: 'S2', label: { carrier: 'DHL', trackingNumber: 'T2' } }, staff],
      [{ type: 'MARK_READY_TO_SHIP', shipmentId: 'S2' }, staff],
      [{ type: 'HAND_TO_CARRIER', shipmentId: 'S2' }, staff],
      [{ type: 'CARRIER_STATUS', shipmentId: 'S2', status: 'delivered' }, carrier],
    ]);
    expect(deriveOrderStatuses(again)).toMatchObject({ order: 'placed.delivered', fulfilment: 'delivered', customer: 'delivered' });
  });

  it('or lets the customer cancel, refunding what was captured', () => {
    const canceled = apply(back, { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: customer, now: NOW });
    if (!canceled.ok) throw new Error(canceled.error.message);
    expect(canceled.order.order.state).toBe('canceled');
    expect(canceled.effects).toContainEqual(expect.objectContaining({ kind: 'command', command: 'refund_payment', amount: { amount: 2_500, currency: 'EUR' } }));
  });
});
