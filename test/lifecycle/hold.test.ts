// A hold (fraud check, payment review, address check) stops goods leaving: no hand-over, no first
// carrier scan, no pickup. Work inside the warehouse and money may go on; releasing the hold lets
// the parcel leave.
import { describe, expect, it } from 'vitest';
import { allowedEvents, apply, type OrderAggregate } from '../../src/index.js';
import { checkTransitionInvariants } from '../../src/testing.js';
import { carrier, customer, staff } from '../support/engineFixture.js';
import { NOW, readyToShip, run } from '../support/readyToShip.js';

const held = run(readyToShip('online'), [[{ type: 'PUT_ON_HOLD', reason: 'fraud_check' }, staff]]);
const refusal = (order: OrderAggregate, event: unknown, actor = staff) => {
  const r = apply(order, event, { actor, now: NOW });
  return !r.ok && r.error.code === 'REJECTED' ? r.error.reason : r.ok ? 'applied' : r.error.code;
};

describe('an order on hold lets nothing leave', () => {
  it('refuses the hand-over and the first carrier scan with ORDER_ON_HOLD, and offers neither', () => {
    expect(held.order.state).toBe('on_hold');
    expect(held.shipments[0]?.state).toBe('ready_to_ship');
    expect(refusal(held, { type: 'HAND_TO_CARRIER', shipmentId: 'S1' })).toBe('ORDER_ON_HOLD');
    expect(refusal(held, { type: 'CARRIER_STATUS', shipmentId: 'S1', status: 'in_transit' }, carrier)).toBe('ORDER_ON_HOLD');
    const offered = allowedEvents(held, staff, { now: NOW }).map((e) => e.type);
    expect(offered).toContain('RELEASE_HOLD');
    expect(offered).not.toContain('HAND_TO_CARRIER');
  });

  it('lets the parcel leave once the hold is released', () => {
    const released = run(held, [
      [{ type: 'RELEASE_HOLD' }, staff],
      [{ type: 'HAND_TO_CARRIER', shipmentId: 'S1' }, staff],
    ]);
    expect(released.shipments[0]?.state).toBe('handed_to_carrier');
  });

  it('does not stop a parcel already on its way: its scans go on', () => {
    const onTheWay = run(readyToShip('online'), [
      [{ type: 'HAND_TO_CARRIER', shipmentId: 'S1' }, staff],
      [{ type: 'PUT_ON_HOLD', reason: 'address_verification' }, staff],
    ]);
    expect(refusal(onTheWay, { type: 'CARRIER_STATUS', shipmentId: 'S1', status: 'delivered' }, carrier)).toBe('applied');
    expect(refusal(onTheWay, { type: 'CANCEL_ORDER', reason: 'customer_request' }, customer)).not.toBe('applied');
  });

  it('checkTransitionInvariants names a parcel that left an order on hold (no-shipping-on-hold)', () => {
    const forged: OrderAggregate = { ...held, shipments: held.shipments.map((s) => ({ ...s, state: 'handed_to_carrier' as const })) };
    expect(checkTransitionInvariants(held, forged).map((v) => v.invariant)).toContain('no-shipping-on-hold');
  });
});
