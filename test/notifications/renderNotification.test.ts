import { describe, expect, it } from 'vitest';
import {
  createOrder,
  estimateDelivery,
  renderNotification,
  type CustomerInput,
  type NotificationEffect,
  type PaymentMethod,
  type ShippingMethod,
} from '../../src/index.js';
import { actor, customer, scenario, type Scenario } from '../scenarios/driver.js';

const staff = actor('staff', 'staff-1');
const courier = actor('carrier', 'courier');
const gateway = actor('payment_provider', 'gateway');
const usd = (amount: number) => ({ amount, currency: 'USD' as const });

const EMILY: CustomerInput = { kind: 'account', accountId: 'acc-1', name: 'Emily Carter', email: 'emily@example.com', phone: '+14155550123', locale: 'en' };
const SARA: CustomerInput = { kind: 'guest', name: 'سارا احمدی', email: 'sara@example.ir', phone: '+989121234567', locale: 'fa' };

/** An order walked to placement: one $40 teapot, shipping $5; Friday 20 March 2026, 09:00 UTC. */
function placed(options: { payment?: PaymentMethod; shipping?: ShippingMethod; customer?: CustomerInput } = {}): Scenario {
  const shop = scenario({ orderId: 'o-77', currency: 'USD', startAt: '2026-03-20T09:00:00Z' });
  shop.as(customer).send({ type: 'ADD_ITEM', item: { lineId: 'l1', sku: 'POT', name: 'Ceramic teapot', quantity: 1, unitPrice: usd(4000) } });
  shop.as(customer).send({ type: 'START_CHECKOUT' });
  shop.as(customer).send({ type: 'SET_CUSTOMER', customer: options.customer ?? EMILY });
  const method = options.shipping ?? 'standard';
  if (method !== 'pickup') {
    shop.as(customer).send({ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Emily Carter', line1: '1 Main St', city: 'Springfield', country: 'US' } });
  }
  shop.as(customer).send({ type: 'SELECT_SHIPPING_METHOD', method, price: usd(method === 'pickup' ? 0 : 500) });
  shop.as(customer).send({ type: 'SELECT_PAYMENT_METHOD', method: options.payment ?? 'online' });
  shop.as(customer).send({ type: 'PLACE_ORDER', total: usd(method === 'pickup' ? 4000 : 4500) });
  return shop;
}

/** Confirms, packs with a label and hands the parcel to the carrier. */
function shipped(shop: Scenario, confirm: 'staff' | 'gateway'): Scenario {
  if (confirm === 'staff') shop.as(staff).send({ type: 'CONFIRM_ORDER' });
  else shop.as(gateway).send({ type: 'PAYMENT_CAPTURED', paymentId: shop.payment().id, amount: usd(4500), providerRef: 'ch_1' });
  shop.as(staff).send({ type: 'CREATE_SHIPMENT', shipmentId: 'o-77-S1', lines: [{ lineId: 'l1', quantity: 1 }] });
  shop.as(staff).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-77-S1' });
  shop.as(staff).send({ type: 'START_PICKING', shipmentId: 'o-77-S1', pickerId: 'p1' });
  shop.as(staff).send({ type: 'PACK_SHIPMENT', shipmentId: 'o-77-S1', label: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } });
  shop.as(staff).send({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-77-S1' });
  shop.as(staff).send({ type: 'HAND_TO_CARRIER', shipmentId: 'o-77-S1' });
  return shop;
}

describe('renderNotification: the right person, in the right language, with the facts of the order', () => {
  it('sends customer messages to the customer, in the customer’s language', () => {
    const shop = placed({ customer: SARA });
    const { recipient, message } = renderNotification(shop.notification('order_placed'), shop.order);
    expect(recipient).toEqual({ name: 'سارا احمدی', email: 'sara@example.ir', phone: '+989121234567' });
    expect(message.locale).toBe('fa');
    expect(message.dir).toBe('rtl');
    expect(message.subject).toBe('سفارش o-77 ثبت شد'); // a code with Latin letters is copied, not read: it keeps its digits
    expect(message.text.startsWith('سلام سارا احمدی عزیز،')).toBe(true);
    expect(message.html).toContain('<html lang="fa" dir="rtl">');
  });

  it('falls back to English and a neutral greeting when the order knows no customer', () => {
    const created = createOrder({ orderId: 'o-1', currency: 'USD' }, { now: new Date('2026-03-20T09:00:00Z') });
    if (!created.ok) throw new Error('createOrder refused');
    const effect: NotificationEffect = { kind: 'notification', orderId: 'o-1', template: 'cart_reminder', audience: 'customer', subject: { machine: 'order', id: 'o-1' }, data: {} };
    const { recipient, message } = renderNotification(effect, created.order);
    expect(recipient).toEqual({ name: null, email: null, phone: null });
    expect(message.locale).toBe('en');
    expect(message.text).toMatch(/^Hello,\n\nThe items you added to your cart are still waiting for you\./);
    expect(message.text).toContain('Best regards,\nCustomer Service');
  });

  it('renders in options.locale when given, to the same recipient', () => {
    const shop = placed({ customer: SARA });
    const { recipient, message } = renderNotification(shop.notification('order_placed'), shop.order, { locale: 'ru', storeName: 'Чайная лавка' });
    expect(recipient.email).toBe('sara@example.ir');
    expect(message.locale).toBe('ru');
    expect(message.dir).toBe('ltr');
    expect(message.subject).toBe('Заказ № o-77 принят');
    expect(message.text).toContain('Здравствуйте, سارا احمدی!');
    expect(message.text.endsWith('С уважением,\nЧайная лавка')).toBe(true);
  });

  it('sends staff messages to options.staff in the staff’s language, and to nobody in English by default', () => {
    const shop = placed({ customer: SARA });
    shop.as(staff).send({ type: 'PUT_ON_HOLD', reason: 'fraud_check' });
    const effect = shop.notification('order_on_hold');
    expect(effect.audience).toBe('staff');

    const desk = { name: 'واحد پشتیبانی', email: 'support@shop.example', phone: null };
    const toDesk = renderNotification(effect, shop.order, { staff: { recipient: desk, locale: 'fa' }, links: { order: (id) => `https://shop.example/orders/${id}` } });
    expect(toDesk.recipient).toBe(desk);
    expect(toDesk.message.locale).toBe('fa');
    // The reason comes from the order (the effect carries none), translated.
    expect(toDesk.message.text).toContain('علت: بررسی احتمال تقلب');
    // Staff get the facts: no customer greeting, no signature, no link to the customer's order page.
    expect(toDesk.message.text).not.toContain('سارا');
    expect(toDesk.message.text).not.toContain('https://shop.example/orders/');

    const byDefault = renderNotification(effect, shop.order);
    expect(byDefault.recipient).toEqual({ name: null, email: null, phone: null });
    expect(byDefault.message.locale).toBe('en');
    expect(byDefault.message.text).toContain('Reason: Fraud check');
  });

  it('tells a cash-on-delivery customer how much cash to have ready when the parcel is out for delivery', () => {
    const shop = shipped(placed({ payment: 'cash_on_delivery' }), 'staff');
    shop.as(courier).send({ type: 'CARRIER_STATUS', shipmentId: 'o-77-S1', status: 'out_for_delivery' });
    const { message } = renderNotification(shop.notification('shipment_out_for_delivery'), shop.order);
    expect(message.text).toContain('Please have $45.00 in cash ready to pay the courier.');

    const fa = renderNotification(shop.notification('shipment_out_for_delivery'), shop.order, { locale: 'fa' });
    expect(fa.message.text).toMatch(/مبلغ .*۴۵٫۰۰.* را برای پرداخت در محل آماده داشته باشید/);

    // Paid online: nothing to pay at the door.
    const paid = shipped(placed({ payment: 'online' }), 'gateway');
    paid.as(courier).send({ type: 'CARRIER_STATUS', shipmentId: 'o-77-S1', status: 'out_for_delivery' });
    expect(renderNotification(paid.notification('shipment_out_for_delivery'), paid.order).message.text).not.toContain('cash');
  });

  it('shows the carrier, the tracking number and the host’s tracking link', () => {
    const shop = shipped(placed({ customer: SARA }), 'gateway');
    const effect = shop.notification('shipment_shipped');
    const calls: [string, string][] = [];
    const links = {
      tracking: (carrier: string, trackingNumber: string) => {
        calls.push([carrier, trackingNumber]);
        return `https://www.ups.com/track?tracknum=${trackingNumber}`;
      },
    };
    const { message } = renderNotification(effect, shop.order, { links, locale: 'en' });
    // The link builder gets the raw tracking number, never the display form.
    expect(calls).toEqual([['UPS', '1Z999AA10123456784']]);
    expect(message.text).toContain('Your order has been shipped with UPS.');
    expect(message.text).toContain('Tracking number: 1Z999AA10123456784');
    expect(message.text).toContain('Track your parcel: https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(message.html).toContain('<a href="https://www.ups.com/track?tracknum=1Z999AA10123456784" dir="ltr"');

    const fa = renderNotification(effect, shop.order, { links });
    // An alphanumeric tracking number stays as the carrier wrote it, so it can be typed into the carrier's site.
    expect(fa.message.text).toContain('کد رهگیری: 1Z999AA10123456784');
    expect(fa.message.text).toContain('https://www.ups.com/track?tracknum=1Z999AA10123456784');

    expect(renderNotification(effect, shop.order, { locale: 'en' }).message.text).not.toContain('Track your parcel');
  });

  it('promises delivery in business days by shipping method, from confirmation, then from the hand-over', () => {
    // Confirmed on Friday 20 March 2026: standard 5 business days → Friday 27 March.
    const shop = placed({ payment: 'bank_transfer' });
    expect(estimateDelivery(shop.order)?.getDate()).toBe(27); // not confirmed yet: from placement, also on Friday
    shop.as(staff).send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: shop.payment().id, reference: 'TRX-1', amount: usd(4500) });
    const confirmed = shop.notification('order_confirmed');
    expect(renderNotification(confirmed, shop.order).message.text).toContain('Estimated delivery: Friday, March 27, 2026');
    const eta = estimateDelivery(shop.order);
    expect([eta?.getFullYear(), eta?.getMonth(), eta?.getDate(), eta?.getDay()]).toEqual([2026, 2, 27, 5]);
    expect(estimateDelivery(shop.order, { transitBusinessDays: { standard: 7 } })?.getDate()).toBe(31); // Tuesday 31 March
    expect(estimateDelivery(shop.order, { from: new Date('2026-03-23T10:00:00Z') })?.getDate()).toBe(30); // Monday + 5 → Monday 30 March

    const expected: Record<ShippingMethod, number> = { express: 23, expedited: 25, pickup: 24, standard: 27 };
    for (const method of ['express', 'expedited', 'pickup', 'standard'] as const) {
      const other = placed({ shipping: method, payment: 'online' });
      other.as(gateway).send({ type: 'PAYMENT_CAPTURED', paymentId: other.payment().id, amount: usd(method === 'pickup' ? 4000 : 4500), providerRef: 'ch_9' });
      expect([method, estimateDelivery(other.order)?.getDate()]).toEqual([method, expected[method]]);
    }

    // Once the parcel has left, the estimate counts from the hand-over (Friday + 5 business days).
    const left = shipped(placed(), 'gateway');
    expect(renderNotification(left.notification('shipment_shipped'), left.order).message.text).toContain('Estimated delivery: Friday, March 27, 2026');
    expect(estimateDelivery(scenario({ orderId: 'cart', currency: 'USD', startAt: '2026-03-20T09:00:00Z' }).order)).toBeNull();
  });

  it('counts the estimate from options.now when the order has no confirmation or placement time', () => {
    const created = createOrder({ orderId: 'o-2', currency: 'USD' }, { now: new Date('2026-03-20T09:00:00Z') });
    if (!created.ok) throw new Error('createOrder refused');
    const order = { ...created.order, order: { ...created.order.order, context: { ...created.order.order.context, shippingMethod: 'express' as const } } };
    const effect: NotificationEffect = { kind: 'notification', orderId: 'o-2', template: 'order_placed', audience: 'customer', subject: { machine: 'order', id: 'o-2' }, data: {} };
    expect(renderNotification(effect, order).message.text).not.toContain('Estimated delivery');
    expect(renderNotification(effect, order, { now: new Date('2026-03-20T12:00:00Z') }).message.text).toContain('Estimated delivery: Monday, March 23, 2026');
  });

  it('shows calendar days in options.timeZone and counts over options.weekendDays, and refuses a bad zone or weekend before rendering', () => {
    const created = createOrder({ orderId: 'o-3', currency: 'USD' }, { now: new Date('2026-03-20T09:00:00Z') });
    if (!created.ok) throw new Error('createOrder refused');
    const order = { ...created.order, order: { ...created.order.order, context: { ...created.order.order.context, shippingMethod: 'express' as const } } };
    const effect: NotificationEffect = { kind: 'notification', orderId: 'o-3', template: 'order_placed', audience: 'customer', subject: { machine: 'order', id: 'o-3' }, data: {} };
    const now = new Date('2026-03-20T22:00:00Z'); // Friday 22:00 UTC; express: Monday 22:00 UTC = Tuesday 01:30 in Tehran
    expect(renderNotification(effect, order, { now }).message.text).toContain('Estimated delivery: Monday, March 23, 2026');
    expect(renderNotification(effect, order, { now, timeZone: 'Asia/Tehran' }).message.text).toContain('Estimated delivery: Tuesday, March 24, 2026');
    expect(renderNotification(effect, order, { now, timeZone: 'Asia/Tehran', locale: 'fa' }).message.text).toContain('سه‌شنبه ۴ فروردین ۱۴۰۵');
    // Standard shipping from Wednesday: 5 working days end Tuesday with a Saturday–Sunday weekend, Monday with only Friday off.
    const standard = { ...order, order: { ...order.order, context: { ...order.order.context, shippingMethod: 'standard' as const } } };
    const wednesday = new Date('2026-03-18T09:00:00Z');
    expect(renderNotification(effect, standard, { now: wednesday }).message.text).toContain('Estimated delivery: Wednesday, March 25, 2026');
    expect(renderNotification(effect, standard, { now: wednesday, weekendDays: [5] }).message.text).toContain('Estimated delivery: Tuesday, March 24, 2026');
    expect(() => renderNotification(effect, standard, { weekendDays: [0, 1, 2, 3, 4, 5, 6] })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => renderNotification(effect, order, { now, timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ name: 'OrderMachineError', code: 'INVALID_OPTION', message: expect.stringContaining('Mars/Olympus') }),
    );
  });

  it('shows a provider’s failure code as it is, and a staff note as written', () => {
    const shop = placed({ customer: SARA });
    shop.as(gateway).send({ type: 'PAYMENT_FAILED', paymentId: shop.payment().id, code: '51', message: 'insufficient funds' });
    const failed = shop.notification('payment_failed');
    expect(renderNotification(failed, shop.order).message.text).toContain('کد خطا: ۵۱');
    expect(renderNotification(failed, shop.order, { locale: 'en' }).message.text).toContain('Error code: 51');
  });

  it('signs customer messages with the store name and adds the order link', () => {
    const shop = placed();
    const { message } = renderNotification(shop.notification('order_placed'), shop.order, {
      storeName: 'Leaf & Kettle',
      links: { order: (id) => `https://leaf.example/orders/${id}` },
    });
    expect(message.text).toContain('View your order: https://leaf.example/orders/o-77');
    expect(message.text.endsWith('Best regards,\nLeaf & Kettle')).toBe(true);
    expect(message.html).toContain('<a href="https://leaf.example/orders/o-77" style=');
    expect(message.html).toContain('Leaf &amp; Kettle');
  });
});
