/**
 * Seed 003 — "How to work with the orders section in PrestaShop": a staff member's answer on what
 * to do with an order from payment to the customer's door. Online payment; remote payment (bank
 * transfer) confirmed by hand with the receipt; delays told to the customer. Each `it` continues
 * the walk of its `describe`.
 */
import { describe, expect, it } from 'vitest';
import type { Money, PaymentMethod } from '../../src/index.js';
import { actor, carrier, customer, payment_provider, scenario, system, type Scenario } from './driver.js';

const rial = (rials: number): Money => ({ amount: rials * 100, currency: 'IRR' });

const TEAPOT = { lineId: 'l1', sku: 'TEA-POT-07', name: 'کتری و قوری لعابی', quantity: 1, unitPrice: rial(12_500_000) };
const TEA = { lineId: 'l2', sku: 'TEA-LAH-500', name: 'چای سیاه لاهیجان ۵۰۰ گرمی', quantity: 3, unitPrice: rial(2_800_000) };
const POST = rial(750_000);
const TOTAL = rial(12_500_000 + 3 * 2_800_000 + 750_000);

const ALI = { kind: 'account', accountId: 'ps-customer-318', name: 'علی رضایی', email: 'ali.rezaei@example.ir', phone: '+989351112233', locale: 'fa' } as const;
const ADDRESS = {
  name: 'علی رضایی',
  line1: 'اصفهان، خیابان چهارباغ عباسی، کوچه ۸، پلاک ۲۴',
  city: 'اصفهان',
  postalCode: '8174673441',
  country: 'IR',
  phone: '+989351112233',
} as const;

const clerk = actor('staff', 'amirhossein-rezazadeh');
const gateway = actor('payment_provider', 'zarinpal');
const post = actor('carrier', 'iran-post');

/** The customer's side: a cart checked out and placed with a payment method. */
function placedOrder(orderId: string, method: PaymentMethod): Scenario {
  const shop = scenario({ orderId, currency: 'IRR', items: [TEAPOT, TEA], startAt: '2026-05-10T06:00:00Z' });
  shop.as(customer).send({ type: 'START_CHECKOUT' });
  shop.as(customer).send({ type: 'SET_CUSTOMER', customer: ALI });
  shop.as(customer).send({ type: 'SET_SHIPPING_ADDRESS', address: ADDRESS });
  shop.as(customer).send({ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: POST });
  shop.as(customer).send({ type: 'SELECT_PAYMENT_METHOD', method });
  shop.as(customer).send({ type: 'PLACE_ORDER', total: TOTAL });
  return shop;
}

/** The warehouse's side: one parcel with everything, packed with a post label, waiting for the courier. */
function prepareParcel(shop: Scenario, shipmentId: string, trackingNumber: string): void {
  shop.as(clerk).send({ type: 'CREATE_SHIPMENT', shipmentId, lines: [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 3 }] });
  shop.as(clerk).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId });
  shop.as(clerk).send({ type: 'START_PICKING', shipmentId, pickerId: 'amirhossein-rezazadeh' });
  shop.as(clerk).send({ type: 'PACK_SHIPMENT', shipmentId, label: { carrier: 'پست', trackingNumber } });
  shop.as(clerk).send({ type: 'MARK_READY_TO_SHIP', shipmentId });
}

const PARCEL = [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 3 }];

describe('seed 003 — PrestaShop staff practice', () => {
  describe('online payment', () => {
    const shop = placedOrder('ps-3001', 'online');
    const P1 = 'ps-3001-P1';
    const S1 = 'ps-3001-S1';

    it('every order is visible to staff at any stage — here still awaiting payment', () => {
      // "Every order the customer places, at whatever stage (payment confirmed or awaiting payment), is visible under Orders > Orders."
      expect(shop.statuses).toMatchObject({ order: 'placed.awaiting_payment', payment: 'unpaid', customer: 'awaiting_payment' });
      expect(shop.as(clerk).allowedTypes()).toEqual(['CANCEL_ORDER', 'NOTIFY_DELAY', 'PUT_ON_HOLD', 'VOID_PAYMENT']);
      // Confirming by hand is for remote payments only; an online order waits for the gateway.
      shop.as(clerk).refused({ type: 'CONFIRM_ORDER' }, { code: 'REJECTED', reason: 'NOT_OFFLINE_PAYMENT' });
    });

    it('۱. the status becomes «payment confirmed»; staff check the gateway receipt number', () => {
      // "…the order status becomes something like «payment confirmed»."
      shop.as(gateway).send({ type: 'PAYMENT_AUTHORIZED', paymentId: P1, amount: TOTAL, providerRef: 'A00000000000000000000000000412345678' });
      expect(shop.templates).toEqual(['order_confirmed']);
      expect(shop.commandNames).toEqual(['reserve_stock']);
      expect(shop.statuses).toMatchObject({ order: 'placed.confirmed', payment: 'authorized', customer: 'processing' });
      // The money is taken once staff have checked the receipt number in the gateway's panel.
      shop.as(customer).refused({ type: 'REQUEST_CAPTURE', paymentId: P1 }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(clerk).refused({ type: 'REQUEST_CAPTURE', paymentId: P1, amount: rial(30_000_000) }, { code: 'REJECTED', reason: 'CAPTURE_EXCEEDS_AUTHORIZED' });
      shop.as(clerk).send({ type: 'REQUEST_CAPTURE', paymentId: P1 });
      expect(shop.commands).toEqual([{ kind: 'command', orderId: 'ps-3001', command: 'capture_payment', paymentId: P1, amount: TOTAL }]);
      shop.as(gateway).send({ type: 'PAYMENT_CAPTURED', paymentId: P1, amount: TOTAL, providerRef: 'ZP-REF-99812' });
      expect(shop.notification('payment_received').data).toEqual({ amount: TOTAL });
      expect(shop.payment()).toMatchObject({ state: 'captured', context: { providerRefs: ['A00000000000000000000000000412345678', 'ZP-REF-99812'] } });
      expect(shop.statuses).toMatchObject({ payment: 'paid', customer: 'processing' });
    });

    it('۲. «در حال آماده سازی» — in preparation: the customer sees the shop is working on it', () => {
      // The customer was told when the order was confirmed (order_confirmed above); preparing keeps "processing".
      shop.as(system).send({ type: 'STOCK_RESERVED' });
      shop.as(clerk).send({ type: 'CREATE_SHIPMENT', shipmentId: S1, lines: PARCEL });
      expect(shop.statuses).toMatchObject({ order: 'placed.fulfilling', customer: 'processing' });
      // The customer may still cancel (nothing is packed yet) and, the order being paid, ask for an invoice.
      expect(shop.as(customer).allowedTypes()).toEqual(['CANCEL_ORDER', 'REQUEST_INVOICE']);
    });

    it('۳. packed and sent by the chosen method; «ارسال شد» with the tracking code sent in a message', () => {
      shop.as(clerk).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: S1 });
      shop.as(clerk).send({ type: 'START_PICKING', shipmentId: S1, pickerId: 'amirhossein-rezazadeh' });
      shop.as(clerk).send({ type: 'PACK_SHIPMENT', shipmentId: S1 });
      expect(shop.commands).toEqual([{ kind: 'command', orderId: 'ps-3001', command: 'buy_label', shipmentId: S1, method: 'standard' }]);
      shop.as(system).send({ type: 'LABEL_CREATED', shipmentId: S1, label: { carrier: 'پست', trackingNumber: '284150000123456789012345' } });
      shop.as(clerk).send({ type: 'MARK_READY_TO_SHIP', shipmentId: S1 });
      // "…change the order status to «shipped», and it is very good to send the tracking code in a message."
      shop.as(clerk).send({ type: 'HAND_TO_CARRIER', shipmentId: S1 });
      expect(shop.notifications).toEqual([
        {
          kind: 'notification',
          orderId: 'ps-3001',
          template: 'shipment_shipped',
          audience: 'customer',
          subject: { machine: 'shipment', id: S1 },
          data: { carrier: 'پست', trackingNumber: '284150000123456789012345' },
        },
      ]);
      expect(shop.statuses).toMatchObject({ order: 'placed.shipped', fulfilment: 'shipped', customer: 'shipped' });
    });

    it('۴. once sure the parcel reached the customer, «به دست مشتری رسیده» — delivered', () => {
      // Staff may record the delivery themselves (the shop's own courier, or a phone call).
      shop.as(customer).refused({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(clerk).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered', detail: 'تحویل با تماس تلفنی تایید شد' });
      expect(shop.templates).toEqual(['shipment_delivered']);
      expect(shop.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    });
  });

  describe('remote payment: bank transfer confirmed by staff with the receipt', () => {
    const shop = placedOrder('ps-3002', 'bank_transfer');
    const P1 = 'ps-3002-P1';
    const S1 = 'ps-3002-S1';
    const RECEIPT = 'پیگیری ساتنا ۱۴۰۵۰۲۲۰۷۷۱۲۳۴';

    it('the customer places the order and is told how to pay; nothing is reserved yet', () => {
      // "If the payment method is different, you wait until the customer pays…"
      expect(shop.templates).toEqual(['order_placed', 'bank_transfer_instructions']);
      expect(shop.notification('bank_transfer_instructions')).toMatchObject({ audience: 'customer', subject: { machine: 'payment', id: P1 }, data: { amount: TOTAL } });
      expect(shop.commands).toEqual([]);
      expect(shop.payment()).toMatchObject({ state: 'pending', context: { method: 'bank_transfer', amount: TOTAL, reference: null } });
      expect(shop.statuses).toMatchObject({ order: 'placed.awaiting_payment', payment: 'unpaid', customer: 'awaiting_payment' });
      // Staff see the confirmation among their actions; the customer does not.
      expect(shop.as(clerk).allowed()).toContainEqual({ type: 'CONFIRM_BANK_TRANSFER', machine: 'payment', id: P1 });
      expect(shop.as(customer).allowedTypes()).not.toContain('CONFIRM_BANK_TRANSFER');
    });

    it('only staff confirm a transfer — not the customer, the carrier or the gateway', () => {
      const transfer = { type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: RECEIPT, amount: TOTAL } as const;
      for (const who of [customer, carrier, payment_provider, system]) {
        const refusal = shop.as(who).refused(transfer, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
        expect(refusal).toMatchObject({ allowedActors: ['staff'], machine: 'payment', target: P1, state: 'pending' });
      }
    });

    it('a receipt for a different amount is refused; malformed receipts are invalid', () => {
      expect(TOTAL).toEqual(rial(21_650_000));
      // 50 000 rials short, and 50 000 rials over.
      shop.as(clerk).refused({ type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: RECEIPT, amount: rial(21_600_000) }, { code: 'REJECTED', reason: 'AMOUNT_MISMATCH' });
      shop.as(clerk).refused({ type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: RECEIPT, amount: rial(21_700_000) }, { code: 'REJECTED', reason: 'AMOUNT_MISMATCH' });
      shop.as(clerk).refused({ type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: '   ', amount: TOTAL }, { code: 'INVALID', path: 'reference' });
      shop.as(clerk).refused({ type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: RECEIPT, amount: { amount: TOTAL.amount + 0.5, currency: 'IRR' } }, { code: 'INVALID', path: 'amount.amount' });
      shop.as(clerk).refused({ type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: RECEIPT, amount: { amount: TOTAL.amount, currency: 'USD' } }, { code: 'INVALID', path: 'amount.currency' });
      shop.as(clerk).refused({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'ps-3002-P9', reference: RECEIPT, amount: TOTAL }, { code: 'REJECTED', reason: 'UNKNOWN_PAYMENT' });
      expect(shop.payment().state).toBe('pending');
    });

    it('after the customer pays and shows the receipt, staff set «پرداخت از راه دور تایید شده»', () => {
      shop.wait({ days: 1 });
      // "…after payment and the customer presenting the receipt, you change the status by hand to «remote payment confirmed»."
      shop.as(clerk).send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: RECEIPT, amount: TOTAL });
      expect(shop.templates).toEqual(['payment_received', 'order_confirmed']);
      expect(shop.notification('payment_received')).toMatchObject({ subject: { machine: 'payment', id: P1 }, data: { amount: TOTAL } });
      expect(shop.commands).toEqual([{ kind: 'command', orderId: 'ps-3002', command: 'reserve_stock', lines: PARCEL }]);
      expect(shop.payment()).toMatchObject({
        state: 'captured',
        context: { reference: RECEIPT, captured: TOTAL.amount, authorized: TOTAL.amount, settledAt: shop.now.toISOString() },
      });
      expect(shop.statuses).toMatchObject({ order: 'placed.confirmed', payment: 'paid', customer: 'processing' });
      // A second confirmation of the same transfer is refused.
      shop.as(clerk).refused({ type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: RECEIPT, amount: TOTAL }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    });

    it('"the rest is exactly like above": prepared and shipped with the tracking code', () => {
      prepareParcel(shop, S1, '284150000123456789099999');
      shop.as(clerk).send({ type: 'HAND_TO_CARRIER', shipmentId: S1 });
      expect(shop.notification('shipment_shipped').data).toEqual({ carrier: 'پست', trackingNumber: '284150000123456789099999' });
      expect(shop.customerStatus).toBe('shipped');
    });

    it('a delay the customer would feel is told to them', () => {
      // "If at any step you run into a problem that makes the customer feel a delay, be sure to tell them."
      shop.as(customer).refused({ type: 'NOTIFY_DELAY', reason: 'carrier' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(clerk).send({ type: 'NOTIFY_DELAY', reason: 'carrier', note: 'تاخیر پست به دلیل تعطیلات', newEstimate: '2026-05-16T12:00:00+03:30' });
      expect(shop.notifications).toEqual([
        {
          kind: 'notification',
          orderId: 'ps-3002',
          template: 'order_delayed',
          audience: 'customer',
          subject: { machine: 'order', id: 'ps-3002' },
          data: { reason: 'carrier', expectedAt: '2026-05-16T12:00:00+03:30' },
        },
      ]);
      expect(shop.commands).toEqual([]);
      // Telling changes no status.
      expect(shop.statuses).toMatchObject({ order: 'placed.shipped', customer: 'shipped' });
      shop.as(post).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered' });
      expect(shop.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    });
  });

  describe('an unpaid bank-transfer order confirmed by hand (seed 002 note) cannot leave', () => {
    const shop = placedOrder('ps-3003', 'bank_transfer');
    const P1 = 'ps-3003-P1';
    const S1 = 'ps-3003-S1';

    it('staff confirm the order by hand before the money is in, which reserves the stock', () => {
      shop.as(customer).refused({ type: 'CONFIRM_ORDER' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(clerk).send({ type: 'CONFIRM_ORDER', note: 'مشتری گفت فردا واریز می‌کند' });
      expect(shop.templates).toEqual(['order_confirmed']);
      expect(shop.commands).toEqual([{ kind: 'command', orderId: 'ps-3003', command: 'reserve_stock', lines: PARCEL }]);
      expect(shop.statuses).toMatchObject({ order: 'placed.confirmed', payment: 'unpaid', customer: 'processing' });
      expect(shop.payment().state).toBe('pending');
    });

    it('the parcel is prepared, but neither staff nor the courier can take it away unpaid', () => {
      prepareParcel(shop, S1, '284150000123456789077777');
      expect(shop.customerStatus).toBe('ready_to_ship');
      shop.as(clerk).refused({ type: 'HAND_TO_CARRIER', shipmentId: S1 }, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });
      shop.as(post).refused({ type: 'HAND_TO_CARRIER', shipmentId: S1 }, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });
      // The carrier's first scan is a hand-over too.
      shop.as(post).refused({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'in_transit' }, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });
      shop.as(post).refused({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'pre_transit' }, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });
      expect(shop.shipment().state).toBe('ready_to_ship');
    });

    it('once the transfer is confirmed the parcel leaves, without confirming or reserving twice', () => {
      shop.as(clerk).send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: 'SATNA-771299', amount: TOTAL });
      expect(shop.templates).toEqual(['payment_received']);
      expect(shop.commands).toEqual([]);
      expect(shop.statuses).toMatchObject({ order: 'placed.fulfilling', payment: 'paid', customer: 'ready_to_ship' });
      shop.as(clerk).send({ type: 'HAND_TO_CARRIER', shipmentId: S1 });
      expect(shop.templates).toEqual(['shipment_shipped']);
      expect(shop.customerStatus).toBe('shipped');
    });

    it('if the customer never pays, staff cancel: the stock is released and the transfer voided', () => {
      const unpaid = placedOrder('ps-3004', 'bank_transfer');
      unpaid.as(clerk).send({ type: 'CONFIRM_ORDER' });
      unpaid.wait({ days: 5 });
      // Expiry is for orders nobody confirmed.
      unpaid.as(system).refused({ type: 'EXPIRE_ORDER' }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
      unpaid.as(clerk).send({ type: 'CANCEL_ORDER', reason: 'payment_failed', note: 'واریز انجام نشد' });
      expect(unpaid.notification('order_canceled').data).toEqual({ reason: 'payment_failed' });
      expect(unpaid.commands).toEqual([{ kind: 'command', orderId: 'ps-3004', command: 'release_stock', lines: PARCEL }]);
      expect(unpaid.payment('ps-3004-P1').state).toBe('voided');
      expect(unpaid.statuses).toMatchObject({ order: 'canceled', payment: 'unpaid', customer: 'canceled' });
    });

    it('an order nobody confirmed expires unpaid, and nothing was reserved to release', () => {
      const forgotten = placedOrder('ps-3005', 'bank_transfer');
      forgotten.wait({ days: 7 });
      forgotten.as(customer).refused({ type: 'EXPIRE_ORDER' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      forgotten.as(system).send({ type: 'EXPIRE_ORDER' });
      expect(forgotten.templates).toEqual(['order_expired']);
      expect(forgotten.commands).toEqual([]);
      expect(forgotten.payment().state).toBe('voided');
      expect(forgotten.statuses).toMatchObject({ order: 'expired', customer: 'expired' });
      forgotten.as(clerk).refused(
        { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'ps-3005-P1', reference: 'SATNA-LATE', amount: TOTAL },
        { code: 'REJECTED', reason: 'TERMINAL_STATE' },
      );
    });
  });
});
