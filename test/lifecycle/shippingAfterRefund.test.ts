// The rule "no parcel leaves an order whose money was all given back", seen through the public
// functions: paymentTotals / paymentAllowsShipping, and apply / can / allowedEvents with the
// PAYMENT_REFUNDED reason.
import { describe, expect, it } from 'vitest';
import { REJECTION_REASONS, allowedEvents, apply, can, paymentAllowsShipping, paymentTotals, type Actor } from '../../src/index.js';
import { eur, psp as provider, staff } from '../support/engineFixture.js';
import { NOW, readyToShip, run } from '../support/readyToShip.js';

// 2 × 1 000 + 500 shipping.
const TOTAL = 2_500;

const requestRefund = (amount: number) => [{ type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: eur(amount), reason: 'x' }, staff] as const;
const refunded = (amount: number, ref = `r-${amount}`) => [{ type: 'REFUND_SUCCEEDED', paymentId: 'o1-P1', amount: eur(amount), providerRef: ref }, provider] as const;
const handOver = { type: 'HAND_TO_CARRIER', shipmentId: 'S1' };

describe('paymentTotals and paymentAllowsShipping: money given back no longer pays for goods', () => {
  it('counts refunds asked for and not yet reported as refundPending', () => {
    const paid = readyToShip('online');
    expect(paymentTotals(paid)).toMatchObject({ total: TOTAL, captured: TOTAL, refunded: 0, refundPending: 0 });
    const asked = run(paid, [requestRefund(700)]);
    expect(paymentTotals(asked)).toMatchObject({ captured: TOTAL, refunded: 0, refundPending: 700 });
    expect(paymentTotals(run(asked, [refunded(700)]))).toMatchObject({ captured: TOTAL, refunded: 700, refundPending: 0 });
  });

  it('paid: may ship; refunded all but one cent: may still ship; refunded in full, or asked to be: may not', () => {
    const paid = readyToShip('online');
    expect(paymentAllowsShipping(paid)).toBe(true);
    expect(paymentAllowsShipping(run(paid, [requestRefund(TOTAL - 1), refunded(TOTAL - 1)]))).toBe(true);
    expect(paymentAllowsShipping(run(paid, [requestRefund(TOTAL)]))).toBe(false);
    expect(paymentAllowsShipping(run(paid, [requestRefund(TOTAL), refunded(TOTAL)]))).toBe(false);
    expect(paymentAllowsShipping(run(paid, [requestRefund(1_000), refunded(1_000), requestRefund(TOTAL - 1_000), refunded(TOTAL - 1_000, 'r-2')]))).toBe(false);
    // A full refund that failed gives the money back to the order.
    const failed = run(paid, [requestRefund(TOTAL), [{ type: 'REFUND_FAILED', paymentId: 'o1-P1', amount: eur(TOTAL), code: 'card_closed' }, provider]]);
    expect(paymentAllowsShipping(failed)).toBe(true);
  });

  it('a lost chargeback is money given back too', () => {
    const paid = readyToShip('online');
    const lost = run(paid, [
      [{ type: 'DISPUTE_OPENED', paymentId: 'o1-P1', amount: eur(TOTAL), reason: 'fraudulent' }, provider],
      [{ type: 'DISPUTE_RESOLVED', paymentId: 'o1-P1', outcome: 'lost' }, provider],
    ]);
    expect(lost.payments[0]?.state).toBe('refunded');
    expect(paymentAllowsShipping(lost)).toBe(false);
  });

  it('orders paid later are not refunded: cash on delivery and invoice terms may ship unpaid', () => {
    expect(paymentAllowsShipping(readyToShip('cash_on_delivery'))).toBe(true);
    expect(paymentAllowsShipping(readyToShip('invoice'))).toBe(true);
    expect(paymentAllowsShipping(readyToShip('bank_transfer'))).toBe(false);
  });
});

describe('apply refuses a hand-over of a fully refunded order with PAYMENT_REFUNDED (not PAYMENT_REQUIRED), and changes nothing', () => {
  const order = run(readyToShip('online'), [requestRefund(TOTAL), refunded(TOTAL)]);

  it('names the precise reason, the state and what may be sent instead; the aggregate is untouched', () => {
    const before = JSON.stringify(order);
    const result = apply(order, handOver, { actor: staff, now: NOW });
    expect(JSON.stringify(order)).toBe(before);
    if (result.ok || result.error.code === 'INVALID') throw new Error('the hand-over was not refused as a rejection');
    expect(result.error).toMatchObject({ code: 'REJECTED', reason: 'PAYMENT_REFUNDED', event: 'HAND_TO_CARRIER', machine: 'shipment', target: 'S1', state: 'ready_to_ship' });
    expect(result.error.message).toBe(`HAND_TO_CARRIER refused (PAYMENT_REFUNDED): ${REJECTION_REASONS.PAYMENT_REFUNDED}`);
    expect(REJECTION_REASONS.PAYMENT_REFUNDED).toMatch(/refunded/);
    expect(result.error.allowed).toEqual(allowedEvents(order, staff, { now: NOW }));
    expect(result.error.allowed.some((a) => a.type === 'HAND_TO_CARRIER')).toBe(false);
    expect(result.error.allowed).toContainEqual({ type: 'CANCEL_ORDER', machine: 'order', id: 'o1' });
  });

  it('the carrier cannot take it either, by hand-over or by a first scan; can() and allowedEvents agree', () => {
    const carrier: Actor = { kind: 'carrier', id: 'dhl' };
    for (const event of [handOver, { type: 'CARRIER_STATUS', shipmentId: 'S1', status: 'pre_transit' }, { type: 'CARRIER_STATUS', shipmentId: 'S1', status: 'in_transit' }]) {
      const result = apply(order, event, { actor: carrier, now: NOW });
      expect(!result.ok && result.error.code !== 'INVALID' && result.error.reason, event.type).toBe('PAYMENT_REFUNDED');
      expect(can(order, event, { actor: carrier, now: NOW })).toBe(false);
    }
    expect(allowedEvents(order, carrier, { now: NOW })).toEqual([]);
  });

  it('an order not yet paid is still refused with PAYMENT_REQUIRED', () => {
    const unpaid = readyToShip('bank_transfer');
    const result = apply(unpaid, handOver, { actor: staff, now: NOW });
    expect(!result.ok && result.error.code !== 'INVALID' && result.error.reason).toBe('PAYMENT_REQUIRED');
  });
});
