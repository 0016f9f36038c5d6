/**
 * Seed 000 — a Persian web shop's ten steps of an order, from the cart to the feedback request.
 * Two walks: online payment through the bank gateway with express shipping, and cash on delivery
 * (پرداخت در محل) with standard post. Each `it` continues the walk of its `describe`.
 */
import { describe, expect, it } from 'vitest';
import type { Money } from '../../src/index.js';
import { actor, customer, scenario, system, type Scenario } from './driver.js';

/** Rials as IRR minor units (ISO 4217 gives IRR two decimals). */
const rial = (rials: number): Money => ({ amount: rials * 100, currency: 'IRR' });

const PHONE = { lineId: 'l1', sku: 'PHN-A54', name: 'گوشی موبایل سامسونگ A54', quantity: 1, unitPrice: rial(185_000_000) };
const CASE = { lineId: 'l2', sku: 'CASE-A54', name: 'قاب محافظ گوشی', quantity: 2, unitPrice: rial(3_500_000) };
const SUBTOTAL = 185_000_000 + 2 * 3_500_000;

const SARA = {
  kind: 'account',
  accountId: 'acc-7781',
  name: 'سارا احمدی',
  email: 'sara.ahmadi@example.ir',
  phone: '+989121234567',
  locale: 'fa',
} as const;
const HOME = {
  name: 'سارا احمدی',
  line1: 'خیابان ولیعصر، کوچه نسترن، پلاک ۱۲',
  line2: 'طبقه سوم، واحد ۷',
  city: 'تهران',
  region: 'استان تهران',
  postalCode: '1966734561',
  country: 'IR',
  phone: '+989121234567',
} as const;

const support = actor('staff', 'support-fatemeh');
const storekeeper = actor('staff', 'warehouse-reza');
const bankGateway = actor('payment_provider', 'shaparak-gateway');
const courier = actor('carrier', 'tipax');

/** Step 1 up to the final confirmation: the cart and the checkout form, filled in by the customer. */
function checkout(orderId: string, shipping: { method: 'express' | 'standard'; price: Money }, method: 'online' | 'cash_on_delivery'): Scenario {
  const shop = scenario({ orderId, currency: 'IRR', startAt: '2026-03-01T08:00:00Z' });
  // The customer picks products from the categories or the search and adds them to the cart.
  shop.as(customer).send({ type: 'ADD_ITEM', item: PHONE });
  shop.as(customer).send({ type: 'ADD_ITEM', item: CASE });
  shop.as(customer).send({ type: 'START_CHECKOUT' });
  // On the checkout page: shipping details (address, phone number…) and the payment method.
  shop.as(customer).send({ type: 'SET_CUSTOMER', customer: SARA });
  shop.as(customer).send({ type: 'SET_SHIPPING_ADDRESS', address: HOME });
  shop.as(customer).send({ type: 'SELECT_SHIPPING_METHOD', method: shipping.method, price: shipping.price });
  shop.as(customer).send({ type: 'SELECT_PAYMENT_METHOD', method });
  return shop;
}

describe('seed 000 — Persian store, ten steps', () => {
  describe('online payment through the bank gateway, express shipping', () => {
    const EXPRESS = rial(1_200_000);
    const TOTAL = rial(SUBTOTAL + 1_200_000);
    const shop = scenario({ orderId: 'fa-1001', currency: 'IRR', startAt: '2026-03-01T08:00:00Z' });
    const P1 = 'fa-1001-P1';
    const S1 = 'fa-1001-S1';
    const R1 = 'fa-1001-R1';
    let deliveredAt = '';
    /** The walk right after the damaged phone was inspected, for the refund variant. */
    let inspected: Scenario | undefined;
    /** The walk right after delivery, before the customer confirmed receipt. */
    let justDelivered: Scenario | undefined;

    it('۱. ثبت سفارش توسط مشتری — 1. the customer places the order', () => {
      // "The customer comes to the website and chooses the product from the categories or the search."
      shop.as(customer).refused({ type: 'START_CHECKOUT' }, { code: 'REJECTED', reason: 'CART_EMPTY' });
      shop.as(customer).send({ type: 'ADD_ITEM', item: PHONE });
      shop.as(customer).send({ type: 'ADD_ITEM', item: CASE });
      expect(shop.customerStatus).toBe('shopping');
      // "After adding the goods to the cart, the customer is taken to the checkout page…"
      shop.as(customer).send({ type: 'START_CHECKOUT' });
      expect(shop.customerStatus).toBe('checking_out');
      // "…where they enter the shipping details (address, phone number, etc.) and the payment method."
      shop.as(customer).send({ type: 'SET_CUSTOMER', customer: SARA });
      shop.as(customer).send({ type: 'SELECT_SHIPPING_METHOD', method: 'express', price: EXPRESS });
      shop.as(customer).send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' });
      // Without a shipping address the order cannot be placed.
      shop.as(customer).refused({ type: 'PLACE_ORDER', total: TOTAL }, { code: 'REJECTED', reason: 'CHECKOUT_INCOMPLETE' });
      shop.as(customer).send({ type: 'SET_SHIPPING_ADDRESS', address: HOME });
      // A total that does not add up is bad input, not a decision.
      shop.as(customer).refused({ type: 'PLACE_ORDER', total: rial(SUBTOTAL) }, { code: 'INVALID', path: 'total' });
      // "Then, after the final confirmation, the order is registered."
      shop.as(customer).send({ type: 'PLACE_ORDER', total: TOTAL });

      expect(shop.state).toBe('placed.awaiting_payment');
      expect(shop.templates).toEqual(['order_placed']);
      expect(shop.notification('order_placed')).toMatchObject({ audience: 'customer', subject: { machine: 'order', id: 'fa-1001' } });
      expect(shop.commands).toEqual([]);
      const ctx = shop.order.order.context;
      expect(ctx.customer).toMatchObject({ name: 'سارا احمدی', phone: '+989121234567', locale: 'fa' });
      expect(ctx.shippingAddress).toEqual(HOME);
      expect(ctx.billingAddress).toEqual(HOME);
      expect(ctx.totals).toEqual({ subtotal: rial(SUBTOTAL), shipping: EXPRESS, tax: rial(0), discount: rial(0), total: TOTAL });
      expect(shop.payment().id).toBe(P1);
      expect(shop.payment()).toMatchObject({ state: 'created', context: { method: 'online', amount: TOTAL } });
      expect(shop.statuses).toEqual({ order: 'placed.awaiting_payment', payment: 'unpaid', fulfilment: 'unfulfilled', returns: 'none', customer: 'awaiting_payment' });
    });

    it('۲. پرداخت آنلاین یا انتخاب روش پرداخت — 2. pays at the bank gateway and sees the confirmation', () => {
      // "If online payment was chosen, the customer is sent to the bank gateway…"
      // A customer cannot report the payment themselves: only the gateway's callback can.
      const forbidden = shop.as(customer).refused(
        { type: 'PAYMENT_CAPTURED', paymentId: P1, amount: TOTAL, providerRef: 'SHP-REF-1' },
        { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' },
      );
      expect(forbidden).toMatchObject({ allowedActors: ['payment_provider'], machine: 'payment', target: P1, state: 'created' });
      // A capture for more than the payment is refused.
      shop.as(bankGateway).refused(
        { type: 'PAYMENT_CAPTURED', paymentId: P1, amount: rial(SUBTOTAL + 2_000_000), providerRef: 'SHP-REF-1' },
        { code: 'REJECTED', reason: 'AMOUNT_EXCEEDS_PAYMENT' },
      );
      // "…and after the payment is completed, the payment confirmation is shown to the customer."
      shop.as(bankGateway).send({ type: 'PAYMENT_CAPTURED', paymentId: P1, amount: TOTAL, providerRef: 'SHP-REF-1' });
      expect(shop.notification('payment_received')).toMatchObject({ audience: 'customer', subject: { machine: 'payment', id: P1 }, data: { amount: TOTAL } });
      // Step 3 starts at once for a paid order: the system confirms it and asks for the stock.
      expect(shop.templates).toEqual(['payment_received', 'order_confirmed']);
      expect(shop.command('reserve_stock').lines).toEqual([
        { lineId: 'l1', quantity: 1 },
        { lineId: 'l2', quantity: 2 },
      ]);
      expect(shop.payment()).toMatchObject({ state: 'captured', context: { captured: TOTAL.amount, providerRefs: ['SHP-REF-1'] } });
      expect(shop.statuses).toMatchObject({ order: 'placed.confirmed', payment: 'paid', customer: 'processing' });
      // The same callback arriving again changes nothing.
      shop.as(bankGateway).refused(
        { type: 'PAYMENT_CAPTURED', paymentId: P1, amount: TOTAL, providerRef: 'SHP-REF-1' },
        { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' },
      );
    });

    it('۲. (variant) the bank declines the card and the customer pays again', () => {
      const retry = checkout('fa-1003', { method: 'express', price: EXPRESS }, 'online');
      retry.as(customer).send({ type: 'PLACE_ORDER', total: TOTAL });
      retry.as(bankGateway).send({ type: 'PAYMENT_FAILED', paymentId: 'fa-1003-P1', code: 'INSUFFICIENT_FUNDS', message: 'موجودی کافی نیست' });
      expect(retry.notification('payment_failed')).toMatchObject({ audience: 'customer', data: { reason: 'INSUFFICIENT_FUNDS' } });
      expect(retry.payment().state).toBe('failed');
      expect(retry.customerStatus).toBe('awaiting_payment');
      retry.as(bankGateway).refused(
        { type: 'PAYMENT_CAPTURED', paymentId: 'fa-1003-P1', amount: TOTAL, providerRef: 'SHP-LATE' },
        { code: 'REJECTED', reason: 'TERMINAL_STATE' },
      );
      // A second payment may not ask for more than is still due.
      retry.as(customer).refused({ type: 'ADD_PAYMENT', method: 'online', amount: rial(SUBTOTAL + 5_000_000) }, { code: 'REJECTED', reason: 'AMOUNT_EXCEEDS_OUTSTANDING' });
      retry.as(customer).send({ type: 'ADD_PAYMENT', method: 'online', amount: TOTAL });
      expect(retry.payment(1)).toMatchObject({ id: 'fa-1003-P2', state: 'created', context: { amount: TOTAL } });
      retry.as(bankGateway).send({ type: 'PAYMENT_CAPTURED', paymentId: 'fa-1003-P2', amount: TOTAL, providerRef: 'SHP-REF-2' });
      expect(retry.templates).toEqual(['payment_received', 'order_confirmed']);
      expect(retry.statuses).toMatchObject({ order: 'placed.confirmed', payment: 'paid', customer: 'processing' });
    });

    it('۳. تأیید و پردازش سفارش — 3. the system confirms; stock and the address are checked', () => {
      // "After payment the support team or the site's automatic system confirms the order" — done by
      // the payment above; confirming by hand is only for orders paid offline.
      shop.as(support).refused({ type: 'CONFIRM_ORDER' }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
      // "This step may include checking the stock…": the warehouse reports the reservation.
      shop.as(system).send({ type: 'STOCK_RESERVED' });
      expect(shop.effects).toEqual([]);
      expect(shop.order.order.context.stock).toBe('reserved');
      shop.as(system).refused({ type: 'STOCK_RESERVED' }, { code: 'REJECTED', reason: 'STOCK_ALREADY_RESERVED' });
      // "…confirming the shipping address and matching the order details": support holds the order to check.
      shop.as(support).send({ type: 'PUT_ON_HOLD', reason: 'address_verification', note: 'پلاک با کد پستی همخوانی ندارد' });
      expect(shop.notification('order_on_hold')).toMatchObject({ audience: 'staff' });
      expect(shop.statuses).toMatchObject({ order: 'on_hold', customer: 'on_hold' });
      shop.as(customer).refused({ type: 'RELEASE_HOLD' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(support).send({ type: 'RELEASE_HOLD', note: 'آدرس تلفنی با مشتری تایید شد' });
      expect(shop.statuses).toMatchObject({ order: 'placed.confirmed', customer: 'processing' });
      expect(shop.order.order.context.hold).toBeNull();
    });

    it('۴. بسته‌بندی و آماده‌سازی کالا — 4. collected, packed with invoice, label and tracking number (express)', () => {
      // "The ordered goods are collected…"
      shop.as(support).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 2 }] });
      expect(shop.shipment()).toMatchObject({ id: S1, state: 'pending', context: { method: 'express' } });
      expect(shop.statuses).toMatchObject({ order: 'placed.fulfilling', customer: 'processing' });
      // Nothing more than was ordered can go into parcels.
      shop.as(support).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l2', quantity: 1 }] }, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
      shop.as(support).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: S1 });
      shop.as(customer).refused({ type: 'START_PICKING', shipmentId: S1, pickerId: 'warehouse-reza' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(storekeeper).send({ type: 'START_PICKING', shipmentId: S1, pickerId: 'warehouse-reza' });
      expect(shop.customerStatus).toBe('picking');
      // "…packed properly and safely, with the invoice, the address label and the tracking number."
      shop.as(storekeeper).send({
        type: 'PACK_SHIPMENT',
        shipmentId: S1,
        packerId: 'warehouse-reza',
        invoiceNumber: 'INV-1404-0087',
        label: { carrier: 'تیپاکس', trackingNumber: 'TPX-884120' },
      });
      // An express label came with the parcel, so nothing has to be bought.
      expect(shop.effects).toEqual([]);
      expect(shop.shipment()).toMatchObject({
        state: 'packed',
        context: { method: 'express', invoiceNumber: 'INV-1404-0087', carrier: 'تیپاکس', trackingNumber: 'TPX-884120', pickerId: 'warehouse-reza' },
      });
      expect(shop.customerStatus).toBe('packing');
      // Once packed, the customer can no longer cancel.
      shop.as(customer).refused({ type: 'CANCEL_ORDER', reason: 'customer_request' }, { code: 'REJECTED', reason: 'ALREADY_PACKED' });
      shop.as(storekeeper).send({ type: 'MARK_READY_TO_SHIP', shipmentId: S1 });
      expect(shop.statuses).toMatchObject({ order: 'placed.fulfilling', customer: 'ready_to_ship' });
    });

    it('۵. ارسال کالا به شرکت حمل و نقل — 5. handed to the carrier; the tracking number is sent to the customer', () => {
      // "After packing, the goods are handed to the transport company (post, courier…)."
      shop.as(support).send({ type: 'HAND_TO_CARRIER', shipmentId: S1 });
      // "At this step the tracking number is sent to the customer so they can follow the shipment."
      expect(shop.templates).toEqual(['shipment_shipped']);
      expect(shop.notification('shipment_shipped')).toMatchObject({
        audience: 'customer',
        subject: { machine: 'shipment', id: S1 },
        data: { carrier: 'تیپاکس', trackingNumber: 'TPX-884120' },
      });
      expect(shop.statuses).toEqual({ order: 'placed.shipped', payment: 'paid', fulfilment: 'shipped', returns: 'none', customer: 'shipped' });
      shop.as(support).refused({ type: 'CANCEL_ORDER', reason: 'customer_request' }, { code: 'REJECTED', reason: 'ALREADY_SHIPPED' });
    });

    it('۶. پیگیری وضعیت ارسال — 6. the customer follows the shipment', () => {
      // "The customer can follow the shipment through online tracking or by SMS/e-mail."
      shop.as(courier).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'in_transit', location: 'هاب تیپاکس، تهران', detail: 'تحویل تقریبی: فردا' });
      expect(shop.effects).toEqual([]);
      expect(shop.customerStatus).toBe('shipped');
      shop.as(customer).refused({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(courier).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'out_for_delivery', location: 'تهران، منطقه ۶' });
      expect(shop.notification('shipment_out_for_delivery')).toMatchObject({ audience: 'customer', subject: { machine: 'shipment', id: S1 } });
      expect(shop.customerStatus).toBe('out_for_delivery');
      expect(shop.shipment().context.tracking.map((t) => [t.status, t.location, t.detail])).toEqual([
        ['in_transit', 'هاب تیپاکس، تهران', 'تحویل تقریبی: فردا'],
        ['out_for_delivery', 'تهران، منطقه ۶', null],
      ]);
      shop.as(courier).refused({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'pre_transit' }, { code: 'REJECTED', reason: 'CARRIER_STATUS_NOT_APPLICABLE' });
    });

    it('۷. تحویل کالا به مشتری — 7. delivered to the customer’s address', () => {
      // Nothing is due at the door of a paid order.
      shop.as(courier).refused(
        { type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered', codCollected: TOTAL },
        { code: 'REJECTED', reason: 'NO_MATCHING_PAYMENT' },
      );
      shop.as(courier).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered', location: 'تهران، خیابان ولیعصر' });
      deliveredAt = shop.now.toISOString();
      justDelivered = shop.fork();
      expect(shop.templates).toEqual(['shipment_delivered']);
      expect(shop.commands).toEqual([]);
      expect(shop.shipment()).toMatchObject({ state: 'delivered', context: { deliveredAt } });
      expect(shop.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    });

    it('۸. تأیید دریافت کالا — 8. the delivery confirmation message, and the customer confirms receipt', () => {
      // "After delivery the customer usually gets a confirmation message by e-mail or SMS."
      expect(shop.notification('shipment_delivered')).toMatchObject({ audience: 'customer', subject: { machine: 'shipment', id: S1 } });
      shop.as(courier).refused({ type: 'CONFIRM_RECEIPT' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      // "…the customer may confirm through the website or the app that the goods arrived correctly."
      shop.as(customer).send({ type: 'CONFIRM_RECEIPT' });
      expect(shop.effects).toEqual([]);
      expect(shop.order.order.context.receiptConfirmedAt).toBe(shop.now.toISOString());
      expect(shop.customerStatus).toBe('delivered');
      shop.as(customer).refused({ type: 'CONFIRM_RECEIPT' }, { code: 'REJECTED', reason: 'RECEIPT_ALREADY_CONFIRMED' });
    });

    it('۸. (variant) the customer confirms receipt by phone and support records it', () => {
      // "…or by a phone call with the support team." Support enters the confirmation for the customer,
      // as staff do for phone orders, returns and claims.
      if (justDelivered === undefined) throw new Error('step 7 did not deliver');
      const byPhone = justDelivered.fork();
      byPhone.as(support).send({ type: 'CONFIRM_RECEIPT' });
      expect(byPhone.effects).toEqual([]);
      expect(byPhone.order.order.context.receiptConfirmedAt).toBe(byPhone.now.toISOString());
      byPhone.as(customer).refused({ type: 'CONFIRM_RECEIPT' }, { code: 'REJECTED', reason: 'RECEIPT_ALREADY_CONFIRMED' });
    });

    it('۹. پیگیری در صورت بروز مشکلات — 9. a damaged item is claimed, approved and replaced', () => {
      shop.wait({ days: 2 });
      // "If the customer has a problem with the goods — damage or anything else — they contact support…"
      shop.as(customer).refused(
        { type: 'OPEN_CLAIM', kind: 'damaged', lines: [{ lineId: 'l1', quantity: 2 }], description: 'صفحه نمایش گوشی شکسته رسید' },
        { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_DELIVERED' },
      );
      shop.as(customer).send({ type: 'OPEN_CLAIM', kind: 'damaged', lines: [{ lineId: 'l1', quantity: 1 }], description: 'صفحه نمایش گوشی شکسته رسید' });
      expect(shop.notification('claim_opened')).toMatchObject({ audience: 'customer', subject: { machine: 'return', id: R1 } });
      expect(shop.returnCase()).toMatchObject({
        id: R1,
        state: 'requested',
        context: { kind: 'claim', claimKind: 'damaged', needsInbound: true, lines: [{ lineId: 'l1', quantity: 1 }], description: 'صفحه نمایش گوشی شکسته رسید' },
      });
      expect(shop.statuses).toMatchObject({ order: 'placed.delivered', returns: 'requested', customer: 'return_in_progress' });
      // "…the shop must solve the problem according to its terms of service."
      shop.as(customer).refused({ type: 'APPROVE_RETURN', returnId: R1 }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(support).send({ type: 'APPROVE_RETURN', returnId: R1, note: 'عکس‌های مشتری بررسی شد' });
      expect(shop.templates).toEqual(['return_approved']);
      expect(shop.statuses).toMatchObject({ returns: 'in_progress', customer: 'return_in_progress' });
      // A damaged phone comes back before it is settled.
      shop.as(support).refused({ type: 'RESOLVE_RETURN', returnId: R1, resolution: 'replacement' }, { code: 'REJECTED', reason: 'INBOUND_REQUIRED' });
      shop.as(support).send({ type: 'ISSUE_RETURN_LABEL', returnId: R1, label: { carrier: 'تیپاکس', trackingNumber: 'TPX-RET-5521' } });
      expect(shop.notification('return_label_issued')).toMatchObject({ data: { carrier: 'تیپاکس', trackingNumber: 'TPX-RET-5521' } });
      shop.as(customer).send({ type: 'RETURN_SHIPPED', returnId: R1 });
      shop.as(support).send({ type: 'RETURN_RECEIVED', returnId: R1 });
      expect(shop.templates).toEqual(['return_received']);
      shop.as(support).send({ type: 'INSPECT_RETURN', returnId: R1, outcome: 'accepted', note: 'شکستگی تایید شد' });
      inspected = shop.fork();
      // The order cannot be closed while the claim is open.
      shop.as(support).refused({ type: 'COMPLETE_ORDER' }, { code: 'REJECTED', reason: 'RETURNS_OPEN' });
      shop.as(support).send({ type: 'RESOLVE_RETURN', returnId: R1, resolution: 'replacement' });
      expect(shop.templates).toEqual(['return_resolved']);
      expect(shop.notification('return_resolved').data).toEqual({ resolution: 'replacement' });
      expect(shop.commands).toEqual([
        { kind: 'command', orderId: 'fa-1001', command: 'create_exchange_order', returnId: R1, lines: [{ lineId: 'l1', quantity: 1 }], resolution: 'replacement' },
      ]);
      shop.as(support).send({ type: 'CLOSE_RETURN', returnId: R1 });
      expect(shop.returnCase().state).toBe('closed');
      // A replaced item was not returned: the order is simply delivered again, and still paid in full.
      expect(shop.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    });

    it('۹. (variant) the damaged phone is refunded instead of replaced', () => {
      if (inspected === undefined) throw new Error('step 9 did not reach the inspection');
      const refund = inspected.fork();
      const PHONE_PRICE = rial(185_000_000);
      // Never more than the accepted goods are worth, and a refund needs an amount.
      refund.as(support).refused(
        { type: 'RESOLVE_RETURN', returnId: R1, resolution: 'refund', amount: rial(185_000_001) },
        { code: 'REJECTED', reason: 'REFUND_EXCEEDS_RETURNED_VALUE' },
      );
      refund.as(support).refused({ type: 'RESOLVE_RETURN', returnId: R1, resolution: 'refund' }, { code: 'REJECTED', reason: 'RESOLUTION_INCOMPLETE' });
      refund.as(support).send({ type: 'RESOLVE_RETURN', returnId: R1, resolution: 'refund', amount: PHONE_PRICE });
      expect(refund.templates).toEqual(['return_resolved']);
      expect(refund.notification('return_resolved').data).toEqual({ resolution: 'refund', amount: PHONE_PRICE });
      // The money goes back to the card it came from, through the gateway.
      expect(refund.commands).toEqual([
        { kind: 'command', orderId: 'fa-1001', command: 'refund_payment', paymentId: P1, amount: PHONE_PRICE, reason: `return ${R1}` },
      ]);
      expect(refund.payment().context).toMatchObject({ refundPending: PHONE_PRICE.amount, refunded: 0 });
      refund.as(customer).refused(
        { type: 'REFUND_SUCCEEDED', paymentId: P1, amount: PHONE_PRICE, providerRef: 'SHP-RFND-1' },
        { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' },
      );
      refund.as(bankGateway).send({ type: 'REFUND_SUCCEEDED', paymentId: P1, amount: PHONE_PRICE, providerRef: 'SHP-RFND-1' });
      expect(refund.notification('refund_issued')).toMatchObject({ audience: 'customer', subject: { machine: 'payment', id: P1 }, data: { amount: PHONE_PRICE } });
      expect(refund.payment()).toMatchObject({ state: 'partially_refunded', context: { refunded: PHONE_PRICE.amount, refundPending: 0 } });
      refund.as(support).send({ type: 'CLOSE_RETURN', returnId: R1 });
      expect(refund.statuses).toEqual({ order: 'placed.delivered', payment: 'partially_refunded', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
      // The walk itself is untouched by the fork.
      expect(shop.returnCase().context.resolution).toMatchObject({ kind: 'replacement' });
    });

    it('۱۰. نظرسنجی و بازخورد مشتری — 10. asked for feedback, exactly once', () => {
      shop.wait({ days: 1 });
      // "After receiving the goods, the website sends an e-mail or SMS asking the customer to rate the purchase."
      shop.as(customer).refused({ type: 'REQUEST_FEEDBACK' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(system).send({ type: 'REQUEST_FEEDBACK' });
      expect(shop.notifications).toEqual([
        { kind: 'notification', orderId: 'fa-1001', template: 'feedback_request', audience: 'customer', subject: { machine: 'order', id: 'fa-1001' }, data: {} },
      ]);
      expect(shop.order.order.context.feedbackRequestedAt).toBe(shop.now.toISOString());
      expect(Date.parse(shop.now.toISOString()) - Date.parse(deliveredAt)).toBeGreaterThan(3 * 24 * 3600_000);
      shop.as(system).refused({ type: 'REQUEST_FEEDBACK' }, { code: 'REJECTED', reason: 'FEEDBACK_ALREADY_REQUESTED' });
      expect(shop.sentTemplates.filter((t) => t === 'feedback_request')).toHaveLength(1);
      // When the claim window is over, the shop's timer closes the order.
      shop.wait({ days: 30 });
      shop.as(system).send({ type: 'COMPLETE_ORDER' });
      expect(shop.statuses).toEqual({ order: 'completed', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'completed' });
      shop.as(system).refused({ type: 'REQUEST_FEEDBACK' }, { code: 'REJECTED', reason: 'TERMINAL_STATE' });
    });
  });

  describe('cash on delivery (پرداخت در محل), standard post', () => {
    const POST = rial(600_000);
    const TOTAL = rial(SUBTOTAL + 600_000);
    const shop = checkout('fa-2001', { method: 'standard', price: POST }, 'cash_on_delivery');
    const P1 = 'fa-2001-P1';
    const S1 = 'fa-2001-S1';

    it('۱–۲. the order is registered with cash on delivery and waits', () => {
      // "If another method such as payment on delivery was chosen, the order is registered and waits."
      shop.as(customer).send({ type: 'PLACE_ORDER', total: TOTAL });
      expect(shop.templates).toEqual(['order_placed']);
      expect(shop.commands).toEqual([]);
      expect(shop.payment()).toMatchObject({ id: P1, state: 'pending', context: { method: 'cash_on_delivery', amount: TOTAL, captured: 0 } });
      expect(shop.statuses).toEqual({ order: 'placed.awaiting_payment', payment: 'unpaid', fulfilment: 'unfulfilled', returns: 'none', customer: 'awaiting_payment' });
      // Nothing is reserved yet: the warehouse cannot start on an unconfirmed order.
      shop.as(support).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 1 }] }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    });

    it('۳. support confirms the cash-on-delivery order by hand, which reserves the stock', () => {
      shop.as(customer).refused({ type: 'CONFIRM_ORDER' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      shop.as(support).send({ type: 'CONFIRM_ORDER', note: 'تماس تلفنی با مشتری؛ سفارش تایید شد' });
      expect(shop.templates).toEqual(['order_confirmed']);
      expect(shop.commands).toEqual([
        { kind: 'command', orderId: 'fa-2001', command: 'reserve_stock', lines: [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 2 }] },
      ]);
      shop.as(system).send({ type: 'STOCK_RESERVED' });
      expect(shop.statuses).toMatchObject({ order: 'placed.confirmed', payment: 'unpaid', customer: 'processing' });
    });

    it('۴. packed for standard post: the label is bought for the chosen shipping type', () => {
      shop.as(support).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 2 }] });
      expect(shop.shipment()).toMatchObject({ id: S1, context: { method: 'standard' } });
      shop.as(support).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: S1 });
      shop.as(storekeeper).send({ type: 'START_PICKING', shipmentId: S1, pickerId: 'warehouse-reza', pickListId: 'PL-0301' });
      shop.as(storekeeper).send({ type: 'PACK_SHIPMENT', shipmentId: S1, invoiceNumber: 'INV-1404-0102' });
      expect(shop.commands).toEqual([{ kind: 'command', orderId: 'fa-2001', command: 'buy_label', shipmentId: S1, method: 'standard' }]);
      expect(shop.customerStatus).toBe('packing');
      shop.as(system).send({ type: 'LABEL_CREATED', shipmentId: S1, label: { carrier: 'پست پیشتاز', trackingNumber: '123456789012345678901234' } });
      shop.as(system).refused(
        { type: 'LABEL_CREATED', shipmentId: S1, label: { carrier: 'پست پیشتاز', trackingNumber: '999999999999999999999999' } },
        { code: 'REJECTED', reason: 'LABEL_EXISTS' },
      );
      shop.as(storekeeper).send({ type: 'MARK_READY_TO_SHIP', shipmentId: S1 });
      expect(shop.customerStatus).toBe('ready_to_ship');
    });

    it('۵–۶. handed to the post unpaid (the money is due at the door) and tracked', () => {
      shop.as(actor('carrier', 'iran-post')).send({ type: 'HAND_TO_CARRIER', shipmentId: S1 });
      expect(shop.notification('shipment_shipped').data).toEqual({ carrier: 'پست پیشتاز', trackingNumber: '123456789012345678901234' });
      expect(shop.statuses).toMatchObject({ order: 'placed.shipped', payment: 'unpaid', customer: 'shipped' });
      shop.as(actor('carrier', 'iran-post')).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'out_for_delivery' });
      expect(shop.templates).toEqual(['shipment_out_for_delivery']);
    });

    it('۷. the courier cannot hand over the parcel without collecting the money', () => {
      // "If the customer chose payment on delivery, at this step they pay for the order and then receive the goods."
      shop.as(actor('carrier', 'iran-post')).refused({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered' }, { code: 'REJECTED', reason: 'COD_NOT_COLLECTED' });
      expect(shop.payment().state).toBe('pending');
    });

    it('۷. a short payment at the door is refused', () => {
      shop.as(actor('carrier', 'iran-post')).refused(
        { type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered', codCollected: rial(SUBTOTAL) },
        { code: 'REJECTED', reason: 'AMOUNT_MISMATCH' },
      );
    });

    it('۷. the courier collects the money at the door and delivers', () => {
      shop.as(actor('carrier', 'iran-post')).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered', codCollected: TOTAL });
      expect(shop.templates).toEqual(['shipment_delivered', 'payment_received']);
      expect(shop.notification('payment_received')).toMatchObject({ subject: { machine: 'payment', id: P1 }, data: { amount: TOTAL } });
      expect(shop.payment()).toMatchObject({ state: 'captured', context: { captured: TOTAL.amount } });
      expect(shop.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    });
  });
});
