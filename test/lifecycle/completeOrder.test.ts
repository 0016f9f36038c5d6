// Completing an order ends the customer's right to return and to claim. Staff may close a delivered
// order early only when nothing could come back any more; the engine's `complete` deadline closes it
// when both windows end (`returnWindowDays`, `claimWindowDays` after the last delivery).
import { describe, expect, it } from 'vitest';
import { apply, type OrderAggregate } from '../../src/index.js';
import { carrier, customer, DAY, staff } from '../support/engineFixture.js';
import { NOW, readyToShip, run } from '../support/readyToShip.js';

const delivered = run(readyToShip('online'), [
  [{ type: 'HAND_TO_CARRIER', shipmentId: 'S1' }, staff],
  [{ type: 'CARRIER_STATUS', shipmentId: 'S1', status: 'delivered' }, carrier],
]);
const later = (days: number) => new Date(new Date(NOW).getTime() + days * DAY);
const complete = (order: OrderAggregate, days: number) => apply(order, { type: 'COMPLETE_ORDER' }, { actor: staff, now: later(days) });

describe('COMPLETE_ORDER: not while the customer may still return or claim goods', () => {
  it('is refused with RETURN_WINDOW_OPEN inside the window, and not offered to staff there', () => {
    expect(delivered.order.state).toBe('placed.delivered');
    const early = complete(delivered, 1);
    expect(!early.ok && early.error.code === 'REJECTED' && early.error.reason).toBe('RETURN_WINDOW_OPEN');
    expect(apply(delivered, { type: 'COMPLETE_ORDER' }, { actor: staff, now: later(1), policy: { returnWindowDays: 0, claimWindowDays: 0 } }).ok).toBe(true);
    // A customer's return inside the window still works, which completing would have refused.
    expect(apply(delivered, { type: 'REQUEST_RETURN', lines: [{ lineId: 'l1', quantity: 1 }], reason: 'changed_mind' }, { actor: customer, now: later(1) }).ok).toBe(true);
  });

  it('is refused while only the claim window runs (returns end after 14 days, claims after 30), accepted after both', () => {
    const claimsOnly = complete(delivered, 14);
    expect(!claimsOnly.ok && claimsOnly.error.code === 'REJECTED' && claimsOnly.error.reason).toBe('RETURN_WINDOW_OPEN');
    const claim = apply(delivered, { type: 'OPEN_CLAIM', kind: 'damaged', lines: [{ lineId: 'l1', quantity: 1 }], description: 'cracked lid' }, { actor: customer, now: later(20) });
    expect(claim.ok).toBe(true);
    const done = complete(delivered, 30);
    expect(done.ok && done.order.order.state).toBe('completed');
  });

  // Closing early once everything returnable came back is seed 002's full-refund story (test/scenarios/seed-002.test.ts).
  it('a declined return gives nothing back: still refused inside the window', () => {
    const returned = run(delivered, [
      [{ type: 'REQUEST_RETURN', returnId: 'R1', lines: [{ lineId: 'l1', quantity: 2 }], reason: 'changed_mind' }, customer],
      [{ type: 'DECLINE_RETURN', returnId: 'R1', reason: 'test' }, staff],
    ]);
    const refused = complete(returned, 2);
    expect(!refused.ok && refused.error.code === 'REJECTED' && refused.error.reason).toBe('RETURN_WINDOW_OPEN');
  });
});
