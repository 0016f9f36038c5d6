// A travelling parcel leaves with a tracking number: its label's (bought when it was packed), or
// the one the carrier gives when it collects the parcel (seed 004: "the carrier scans the package,
// … and a tracking number is generated"). Without either it cannot leave (LABEL_MISSING).
import { describe, expect, it } from 'vitest';
import { apply, deriveOrderStatuses } from '../../src/index.js';
import { carrier, eur, psp, staff } from '../support/engineFixture.js';
import { NOW, placed, run } from '../support/readyToShip.js';

/** Order o1 paid online, parcel S1 packed without a label and waiting in the dispatch area. */
const waiting = run(placed('online'), [
  [{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2_500), providerRef: 'cap-1' }, psp],
  [{ type: 'CREATE_SHIPMENT', shipmentId: 'S1', lines: [{ lineId: 'l1', quantity: 2 }] }, staff],
  [{ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'S1' }, staff],
  [{ type: 'START_PICKING', shipmentId: 'S1', pickerId: 'p1' }, staff],
  [{ type: 'PACK_SHIPMENT', shipmentId: 'S1' }, staff],
  [{ type: 'MARK_READY_TO_SHIP', shipmentId: 'S1' }, staff],
]);

describe('a parcel leaves with a tracking number', () => {
  it('without a label or a tracking number, neither the hand-over nor a first scan is accepted', () => {
    expect(waiting.shipments[0]).toMatchObject({ state: 'ready_to_ship', context: { label: null, trackingNumber: null } });
    for (const [event, actor] of [
      [{ type: 'HAND_TO_CARRIER', shipmentId: 'S1' }, staff],
      [{ type: 'CARRIER_STATUS', shipmentId: 'S1', status: 'in_transit' }, carrier],
    ] as const) {
      const r = apply(waiting, event, { actor, now: NOW });
      expect(!r.ok && r.error.code === 'REJECTED' && r.error.reason).toBe('LABEL_MISSING');
    }
  });

  it('the tracking number the carrier gives at collection is the one the customer gets', () => {
    const r = apply(waiting, { type: 'HAND_TO_CARRIER', shipmentId: 'S1', carrier: 'Pathao', trackingNumber: 'PTH-123' }, { actor: carrier, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.order.shipments[0]?.context).toMatchObject({ carrier: 'Pathao', trackingNumber: 'PTH-123' });
    expect(r.effects).toContainEqual(expect.objectContaining({ kind: 'notification', template: 'shipment_shipped' }));
    expect(deriveOrderStatuses(r.order).customer).toBe('shipped');
  });

  it('a label bought after the parcel reached the dispatch area still arrives in time', () => {
    const labelled = run(waiting, [[{ type: 'LABEL_CREATED', shipmentId: 'S1', label: { carrier: 'DHL', trackingNumber: 'T1' } }, staff]]);
    const r = apply(labelled, { type: 'HAND_TO_CARRIER', shipmentId: 'S1' }, { actor: staff, now: NOW });
    expect(r.ok && r.order.shipments[0]?.context.trackingNumber).toBe('T1');
  });
});
