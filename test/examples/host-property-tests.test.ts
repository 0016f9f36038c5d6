import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveOrderStatuses, type OrderAggregate, type ShippingMethod } from '../../src/index.js';
import {
  cancelButtonMatchesCan,
  checkoutTotal,
  checkoutTotalsAgree,
  orderPageButtons,
  parcelsLeaveOnlyWhenDispatchable,
  runHostPropertyTests,
  shippingFee,
} from '../../examples/host-property-tests.js';

describe('examples/host-property-tests.ts — a host tests its own code with the arbitraries', () => {
  it('the three properties hold, and none of them is vacuous', () => {
    const report = runHostPropertyTests(60);
    expect(report.placed).toBe(60);
    expect(report.cancelShown).toBeGreaterThan(20);
    expect(report.cancelHidden).toBeGreaterThan(20);
    expect(report.dispatched).toBeGreaterThan(5);
  }, 60_000);

  it('the host fee is in integer minor units, per currency exponent', () => {
    expect(shippingFee('standard', { amount: 1_000, currency: 'EUR' })).toEqual({ amount: 500, currency: 'EUR' });
    expect(shippingFee('express', { amount: 30, currency: 'JPY' })).toEqual({ amount: 10, currency: 'JPY' });
    expect(shippingFee('standard', { amount: 49_999, currency: 'KWD' })).toEqual({ amount: 5_000, currency: 'KWD' });
    expect(shippingFee('standard', { amount: 50_000, currency: 'KWD' })).toEqual({ amount: 0, currency: 'KWD' });
    expect(shippingFee('pickup', { amount: 1, currency: 'EUR' }).amount).toBe(0);
  });

  it('property 1 catches a checkout total that assumes every currency has cents (wrong for yen and dinars)', () => {
    const centsOnly = (order: OrderAggregate, method: ShippingMethod) => {
      const goods = checkoutTotal(order, 'pickup');
      const fee = method === 'pickup' || goods.amount >= 50 * 100 ? 0 : method === 'express' ? 1_000 : 500;
      return { amount: goods.amount + fee, currency: goods.currency };
    };
    const details = fc.check(checkoutTotalsAgree(centsOnly), { numRuns: 200, seed: 1, endOnFailure: true });
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/PLACE_ORDER was refused: PLACE_ORDER is invalid — total: total \d+ does not equal/);
    expect(['JPY', 'KWD', 'BHD', 'JOD', 'OMR', 'TND', 'IQD', 'LYD', 'CLF', 'UYW', 'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']).toContain(
      (details.counterexample?.[0] as OrderAggregate).order.context.currency,
    );
  });

  it('property 2 catches a storefront that shows "Cancel" from the status alone (still shown once packed)', () => {
    const byStatus = (order: OrderAggregate) => (['placed.awaiting_payment', 'placed.confirmed', 'placed.fulfilling'].includes(order.order.state) ? ['Cancel order'] : []);
    const details = fc.check(cancelButtonMatchesCan(byStatus), { numRuns: 200, seed: 1, endOnFailure: true });
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/cancel button (shown|hidden) in /);
    // The example's own page agrees with `can` on the same runs.
    expect(fc.check(cancelButtonMatchesCan(orderPageButtons), { numRuns: 60, seed: 1 }).failed).toBe(false);
  }, 60_000);

  it('property 3 catches a dispatch rule of "paid only" that forgets cash on delivery', () => {
    const paidOnly = (order: OrderAggregate) => deriveOrderStatuses(order).payment === 'paid';
    const details = fc.check(parcelsLeaveOnlyWhenDispatchable(paidOnly), { numRuns: 200, seed: 1, endOnFailure: true });
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/a parcel left .* while our rule says no/);
  }, 60_000);
});
