// Snippets of docs/guides/testing.md: a host's test file (vitest) for the shop's code in
// testing-shop.ts. Run by test/docs/guides.test.ts.
// #region imports
import fc from 'fast-check';
import { apply } from 'ordermachine';
import {
  arbitraryAddress,
  arbitraryEventSequence,
  arbitraryMoney,
  arbitraryOrder,
  checkInvariants,
  checkTransitionInvariants,
  expectTransition,
  type SequenceStepKind,
  type TransitionStep,
} from 'ordermachine/testing';
import { describe, expect, it } from 'vitest';
import { SHOP_POLICY, fromCsvRow, httpAnswer, toCsvRow } from './testing-shop.js';
// #endregion imports

// #region given-when-then
const EUR = (amount: number) => ({ amount, currency: 'EUR' as const });
const parcel = 'order-1-S1';

/** The default cart of expectTransition (order-1: 2 × green tea at €4.50), paid, shipped and delivered to Tehran. */
export const delivered: TransitionStep[] = [
  { event: { type: 'START_CHECKOUT' }, actor: 'customer' },
  { event: { type: 'SET_CUSTOMER', customer: { kind: 'guest', name: 'سارا احمدی', email: 'sara@example.ir', locale: 'fa' } }, actor: 'customer' },
  { event: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'سارا احمدی', line1: 'خیابان ولیعصر، کوچه نسترن، پلاک ۱۲', city: 'تهران', country: 'IR' } }, actor: 'customer' },
  { event: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: EUR(500) }, actor: 'customer' },
  { event: { type: 'SELECT_PAYMENT_METHOD', method: 'online' }, actor: 'customer' },
  { event: { type: 'PLACE_ORDER', total: EUR(1400) }, actor: 'customer' },
  { event: { type: 'PAYMENT_CAPTURED', paymentId: 'order-1-P1', amount: EUR(1400), providerRef: 'pi_1' }, actor: 'payment_provider' },
  { event: { type: 'STOCK_RESERVED' }, actor: 'system' },
  { event: { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 2 }] }, actor: 'staff' },
  { event: { type: 'RELEASE_TO_WAREHOUSE', shipmentId: parcel }, actor: 'staff' },
  { event: { type: 'START_PICKING', shipmentId: parcel, pickerId: 'picker-1' }, actor: 'staff' },
  { event: { type: 'PACK_SHIPMENT', shipmentId: parcel, label: { carrier: 'Post', trackingNumber: 'IR123' } }, actor: 'staff' },
  { event: { type: 'MARK_READY_TO_SHIP', shipmentId: parcel }, actor: 'staff' },
  { event: { type: 'HAND_TO_CARRIER', shipmentId: parcel }, actor: 'staff' },
  { event: { type: 'CARRIER_STATUS', shipmentId: parcel, status: 'delivered' }, actor: 'carrier', at: '2026-03-02T12:00:00Z' },
];
export const returnOne = { type: 'REQUEST_RETURN', lines: [{ lineId: 'l1', quantity: 1 }], reason: 'changed_mind' };

describe('our 30-day return window', () => {
  it('takes a return 20 days after delivery (the library default would refuse it)', () => {
    expectTransition({
      given: { events: delivered },
      when: { event: returnOne, actor: 'customer', at: '2026-03-22T12:00:00Z' },
      then: { outcome: 'applied', statuses: { returns: 'requested' }, notifications: ['return_requested'] },
      policy: SHOP_POLICY,
    });
  });

  it('refuses it on day 31, and says why', () => {
    expectTransition({
      given: { events: delivered },
      when: { event: returnOne, actor: 'customer', at: '2026-04-02T12:00:01Z' },
      then: { reason: 'RETURN_WINDOW_CLOSED', state: 'placed.delivered' },
      policy: SHOP_POLICY,
    });
  });
});
// #endregion given-when-then

// #region properties
describe('the carrier CSV export', () => {
  it('reads back every label it writes: any script, any currency', () => {
    const labels = fc.record({
      address: arbitraryAddress(), // Latin (US, GB, DE), Persian (IR), Cyrillic (RU) or Bengali (BD); { script: 'persian' } fixes one
      collect: arbitraryMoney(), // any ISO 4217 currency: 0 decimals (JPY), 2 (EUR), 3 (KWD)
    });
    fc.assert(
      fc.property(labels, (label) => {
        expect(fromCsvRow(toCsvRow(label))).toEqual(label);
      }),
    );
  });
});
// #endregion properties

// #region legal-lives
const lives = (legalOnly: boolean) =>
  arbitraryOrder({ placed: true }).chain((order) => arbitraryEventSequence(order, { legalOnly, maxLength: 25, policy: SHOP_POLICY }).map((steps) => ({ order, steps })));

describe('our policy keeps the library’s promises', () => {
  it('along any life, every step is accepted and every invariant holds', () => {
    fc.assert(
      fc.property(lives(true), ({ order, steps }) => {
        let current = order;
        for (const step of steps) {
          const result = apply(current, step.event, { actor: step.actor, now: step.at, policy: SHOP_POLICY });
          if (!result.ok) throw new Error(`${step.note} was refused: ${result.error.message}`);
          expect(checkInvariants(result.order)).toEqual([]); // money, quantities, states, the order's view of its parts
          expect(checkTransitionInvariants(current, result.order)).toEqual([]); // finished parts stay finished, nothing ships unpaid
          current = result.order;
        }
      }),
    );
  });
});
// #endregion legal-lives

// #region hostile-lives
const STATUS_FOR: Record<SequenceStepKind, readonly number[]> = { legal: [200], illegal: [409], forbidden: [403], hostile: [422, 409, 403] };

describe('the storefront API under attack', () => {
  it('answers every request with 200 or the 4xx that fits what was wrong, and never changes the order it was given', () => {
    fc.assert(
      fc.property(lives(false), ({ order, steps }) => {
        let current = order;
        for (const step of steps) {
          const before = structuredClone(current);
          const result = apply(current, step.event, { actor: step.actor, now: step.at, policy: SHOP_POLICY });
          const answer = httpAnswer(result);
          expect(STATUS_FOR[step.kind], `${step.kind} ${step.note} → ${answer.status}`).toContain(answer.status);
          expect(current).toEqual(before); // apply never mutates what it was given
          if (result.ok) current = result.order;
        }
      }),
    );
  });
});
// #endregion hostile-lives
