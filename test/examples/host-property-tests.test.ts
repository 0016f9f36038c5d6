import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, can, createOrder, deriveOrderStatuses, type Actor, type OrderAggregate, type PaymentMethod, type ShippingMethod } from '../../src/index.js';
import {
  cancelButtonMatchesCan,
  checkoutTotal,
  checkoutTotalsAgree,
  orderPageButtons,
  parcelsLeaveOnlyWhenDispatchable,
  runHostPropertyTests,
  shippingFee,
  warehouseMayDispatch,
} from '../../examples/host-property-tests.js';

describe('examples/host-property-tests.ts — a host tests its own code with the arbitraries', () => {
  it('the three properties hold, and none of them is vacuous', () => {
    const report = runHostPropertyTests(60);
    expect(report.placed).toBe(60);
    expect(report.cancelShown).toBeGreaterThan(20);
    expect(report.cancelHidden).toBeGreaterThan(20);
    expect(report.dispatched).toBeGreaterThan(5);
    // Parcels after a goodwill refund are among them: the property sees refunded orders too.
    expect(report.dispatchedAfterPartialRefund).toBeGreaterThan(0);
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

  it('property 3 catches a dispatch rule of "paid only" (it forgets authorized payments, goodwill refunds, cash on delivery…)', () => {
    const paidOnly = (order: OrderAggregate) => deriveOrderStatuses(order).payment === 'paid';
    const details = fc.check(parcelsLeaveOnlyWhenDispatchable(paidOnly), { numRuns: 200, seed: 1, endOnFailure: true });
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/a parcel left .* while our rule says no/);
  }, 60_000);

  it('property 3 catches a dispatch rule that forgets cash on delivery and invoice terms', () => {
    const moneyOnly = (order: OrderAggregate) => ['authorized', 'paid', 'partially_refunded'].includes(deriveOrderStatuses(order).payment);
    const details = fc.check(parcelsLeaveOnlyWhenDispatchable(moneyOnly), { numRuns: 200, seed: 1, endOnFailure: true });
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/a parcel left .* while our rule says no: payment unpaid, (cash_on_delivery|invoice)/);
  }, 60_000);

  it('the dashboard rule and the library agree on refunds: a goodwill refund ships, a refund in full does not', () => {
    const staff: Actor = { kind: 'staff', id: 'warehouse-1' };
    const now = '2026-03-01T09:00:00.000Z';
    const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
    const run = (order: OrderAggregate, events: readonly (readonly [unknown, Actor['kind']])[]) =>
      events.reduce((o, [event, kind]) => {
        const r = apply(o, event, { actor: { kind, id: `${kind}-1` }, now });
        if (!r.ok) throw new Error(r.error.message);
        return r.order;
      }, order);
    const ready = (method: PaymentMethod) => {
      const created = createOrder({ orderId: 'h1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'K', name: 'Kettle', quantity: 1, unitPrice: eur(3_000) }] }, { now });
      if (!created.ok) throw new Error(created.error.message);
      return run(created.order, [
        [{ type: 'START_CHECKOUT' }, 'customer'],
        [{ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'k@example.com' } }, 'customer'],
        [{ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Kim', line1: 'Main St 1', city: 'Berlin', country: 'DE' } }, 'customer'],
        [{ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(0) }, 'customer'],
        [{ type: 'SELECT_PAYMENT_METHOD', method }, 'customer'],
        [{ type: 'PLACE_ORDER', total: eur(3_000) }, 'customer'],
        method === 'online' ? [{ type: 'PAYMENT_CAPTURED', paymentId: 'h1-P1', amount: eur(3_000), providerRef: 'c1' }, 'payment_provider'] : [{ type: 'CONFIRM_ORDER' }, 'staff'],
        [{ type: 'CREATE_SHIPMENT', shipmentId: 'S1', lines: [{ lineId: 'l1', quantity: 1 }] }, 'staff'],
        [{ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'S1' }, 'staff'],
        [{ type: 'START_PICKING', shipmentId: 'S1', pickerId: 'p1' }, 'staff'],
        [{ type: 'PACK_SHIPMENT', shipmentId: 'S1', label: { carrier: 'DHL', trackingNumber: 'T1' } }, 'staff'],
        [{ type: 'MARK_READY_TO_SHIP', shipmentId: 'S1' }, 'staff'],
      ]);
    };
    const refund = (amount: number) =>
      [
        [{ type: 'REQUEST_REFUND', paymentId: 'h1-P1', amount: eur(amount), reason: 'goodwill' }, 'staff'],
        [{ type: 'REFUND_SUCCEEDED', paymentId: 'h1-P1', amount: eur(amount), providerRef: `r${amount}` }, 'payment_provider'],
      ] as const;
    const cases: [string, OrderAggregate, boolean][] = [
      ['paid', ready('online'), true],
      ['partly refunded', run(ready('online'), refund(300)), true],
      ['refunded in full', run(ready('online'), refund(3_000)), false],
      ['cash on delivery, unpaid', ready('cash_on_delivery'), true],
      ['bank transfer, unpaid', ready('bank_transfer'), false],
    ];
    for (const [what, order, ships] of cases) {
      expect(can(order, { type: 'HAND_TO_CARRIER', shipmentId: 'S1' }, { actor: staff, now }), `library, ${what}`).toBe(ships);
      expect(warehouseMayDispatch(order), `dashboard, ${what}`).toBe(ships);
    }
  });
});
