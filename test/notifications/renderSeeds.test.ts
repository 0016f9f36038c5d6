/**
 * Every message the seed processes produce renders in English, Persian, Russian and Bengali.
 * Representative orders from the five seeds are walked through `apply` (with the scenario
 * driver); after each step, each notification it produced is rendered in all four languages
 * against the order as it is right after that step, as the outbox relay would.
 */
import { describe, expect, it } from 'vitest';
import {
  Locale,
  renderNotification,
  type Actor,
  type CustomerInput,
  type Money,
  type NotificationTemplate,
  type OrderEventInput,
  type PaymentMethod,
  type ShippingMethod,
} from '../../src/index.js';
import { actor, scenario, type Scenario } from '../scenarios/driver.js';

const customer = actor('customer', 'customer-1');
const staff = actor('staff', 'support');
const system = actor('system', 'scheduler');
const gateway = actor('payment_provider', 'gateway');
const courier = actor('carrier', 'courier');

const rial = (rials: number): Money => ({ amount: rials * 100, currency: 'IRR' });
const TEA = { lineId: 'l1', sku: 'TEA-250', name: 'چای سبز ۲۵۰ گرمی', quantity: 2, unitPrice: rial(450_000) };
const POT = { lineId: 'l2', sku: 'POT-1', name: 'قوری سرامیکی', quantity: 1, unitPrice: rial(1_850_000) };
const SHIPPING = rial(350_000);
const TOTAL = rial(2 * 450_000 + 1_850_000 + 350_000);
const SARA: CustomerInput = { kind: 'account', accountId: 'acc-sara', name: 'سارا احمدی', email: 'sara@example.ir', phone: '+989121234567', locale: 'fa' };
const ADDRESS = { name: 'سارا احمدی', line1: 'خیابان ولیعصر، پلاک ۱۲', city: 'تهران', postalCode: '1966734561', country: 'IR' } as const;
const LINKS = {
  order: (id: string) => `https://shop.example/orders/${id}`,
  tracking: (_carrier: string, trackingNumber: string) => `https://tracking.example/${trackingNumber}`,
};

interface Rendering {
  readonly step: string;
  readonly template: NotificationTemplate;
  readonly locale: Locale;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly dir: 'ltr' | 'rtl';
}

/** A walk: each step is applied, then every notification it produced is rendered in every language. */
class Walk {
  readonly renderings: Rendering[] = [];
  readonly shop: Scenario;

  constructor(orderId: string, startAt = '2026-03-16T09:00:00Z') {
    this.shop = scenario({ orderId, currency: 'IRR', startAt });
  }

  step(who: Actor, event: OrderEventInput): this {
    this.shop.as(who).send(event);
    for (const effect of this.shop.notifications) {
      for (const locale of Locale.options) {
        const { message } = renderNotification(effect, this.shop.order, {
          locale,
          storeName: 'فروشگاه برگ سبز',
          links: LINKS,
          staff: { recipient: { name: 'Support', email: 'support@shop.example', phone: null } },
        });
        this.renderings.push({ step: event.type, template: effect.template, ...message });
      }
    }
    return this;
  }

  wait(days: number): this {
    this.shop.wait({ days });
    return this;
  }

  get templates(): Set<NotificationTemplate> {
    return new Set(this.renderings.map((r) => r.template));
  }
}

/** Cart → checkout → placed. */
function placed(orderId: string, payment: PaymentMethod, shipping: ShippingMethod = 'standard', who: CustomerInput = SARA): Walk {
  const walk = new Walk(orderId);
  walk.step(customer, { type: 'ADD_ITEM', item: TEA }).step(customer, { type: 'ADD_ITEM', item: POT }).step(customer, { type: 'START_CHECKOUT' });
  walk.step(customer, { type: 'SET_CUSTOMER', customer: who });
  if (shipping !== 'pickup') walk.step(customer, { type: 'SET_SHIPPING_ADDRESS', address: ADDRESS });
  walk.step(customer, { type: 'SELECT_SHIPPING_METHOD', method: shipping, price: shipping === 'pickup' ? rial(0) : SHIPPING });
  walk.step(customer, { type: 'SELECT_PAYMENT_METHOD', method: payment });
  walk.step(customer, { type: 'PLACE_ORDER', total: shipping === 'pickup' ? rial(2 * 450_000 + 1_850_000) : TOTAL });
  return walk;
}

/** Warehouse work up to the hand-over to the carrier. */
function ship(walk: Walk, shipmentId: string, label = { carrier: 'پست پیشتاز', trackingNumber: '284150000123456789012345' }): Walk {
  return walk
    .step(staff, { type: 'CREATE_SHIPMENT', shipmentId, lines: [{ lineId: 'l1', quantity: 2 }, { lineId: 'l2', quantity: 1 }] })
    .step(staff, { type: 'RELEASE_TO_WAREHOUSE', shipmentId })
    .step(staff, { type: 'START_PICKING', shipmentId, pickerId: 'reza' })
    .step(staff, { type: 'PACK_SHIPMENT', shipmentId, label })
    .step(staff, { type: 'MARK_READY_TO_SHIP', shipmentId })
    .step(staff, { type: 'HAND_TO_CARRIER', shipmentId });
}

const PLACEHOLDER = /undefined|null|NaN|\[object|[{}]|\$\{/;

function expectAllRendered(walk: Walk, expected: readonly NotificationTemplate[]): void {
  expect([...walk.templates].sort()).toEqual([...expected].sort());
  for (const r of walk.renderings) {
    const where = `${r.step} → ${r.template} (${r.locale})`;
    expect(r.subject.trim(), where).not.toBe('');
    expect(r.text.trim(), where).not.toBe('');
    expect(r.subject, where).not.toMatch(PLACEHOLDER);
    expect(r.text.replace(/https?:\/\/\S+/g, ''), where).not.toMatch(PLACEHOLDER);
    expect(r.html, where).toContain(`<html lang="${r.locale}" dir="${r.locale === 'fa' ? 'rtl' : 'ltr'}">`);
    expect(r.dir, where).toBe(r.locale === 'fa' ? 'rtl' : 'ltr');
  }
  // Four languages, four different texts for every message.
  const byMessage = new Map<string, Set<string>>();
  for (const r of walk.renderings) {
    const key = `${r.step}/${r.template}/${walk.renderings.indexOf(r) - Locale.options.indexOf(r.locale)}`;
    byMessage.set(key, (byMessage.get(key) ?? new Set()).add(r.subject));
  }
  for (const [key, subjects] of byMessage) expect(subjects.size, key).toBe(Locale.options.length);
}

describe('seed scenarios: every notification they produce renders in en, fa, ru and bn', () => {
  it('seed 000 — online payment through the bank gateway, delivery, receipt, feedback, a damaged item refunded', () => {
    const walk = placed('fa-1001', 'online', 'express');
    const P1 = walk.shop.payment().id;
    walk.step(gateway, { type: 'PAYMENT_CAPTURED', paymentId: P1, amount: TOTAL, providerRef: 'SHP-778812' });
    walk.step(system, { type: 'STOCK_RESERVED' });
    ship(walk, 'fa-1001-S1');
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-1001-S1', status: 'in_transit' });
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-1001-S1', status: 'out_for_delivery' });
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-1001-S1', status: 'delivered' });
    walk.step(customer, { type: 'CONFIRM_RECEIPT' });
    walk.wait(7).step(system, { type: 'REQUEST_FEEDBACK' });
    walk.step(customer, { type: 'OPEN_CLAIM', returnId: 'fa-1001-R1', kind: 'damaged', lines: [{ lineId: 'l2', quantity: 1 }], description: 'درب قوری شکسته رسید' });
    walk.step(staff, { type: 'APPROVE_RETURN', returnId: 'fa-1001-R1' });
    walk.step(staff, {
      type: 'ISSUE_RETURN_LABEL',
      returnId: 'fa-1001-R1',
      label: { carrier: 'تیپاکس', trackingNumber: '1403112233', labelUrl: 'https://labels.example/1403112233.pdf' },
    });
    walk.step(customer, { type: 'RETURN_SHIPPED', returnId: 'fa-1001-R1' });
    walk.step(staff, { type: 'RETURN_RECEIVED', returnId: 'fa-1001-R1' });
    walk.step(staff, { type: 'INSPECT_RETURN', returnId: 'fa-1001-R1', outcome: 'accepted' });
    walk.step(staff, { type: 'RESOLVE_RETURN', returnId: 'fa-1001-R1', resolution: 'refund', amount: POT.unitPrice });
    walk.step(gateway, { type: 'REFUND_SUCCEEDED', paymentId: P1, amount: POT.unitPrice, providerRef: 'SHP-RFND-1' });
    expectAllRendered(walk, [
      'order_placed',
      'payment_received',
      'order_confirmed',
      'shipment_shipped',
      'shipment_out_for_delivery',
      'shipment_delivered',
      'feedback_request',
      'claim_opened',
      'return_approved',
      'return_label_issued',
      'return_received',
      'return_resolved',
      'refund_issued',
    ]);
  });

  it('seed 000 / 003 — cash on delivery: failed delivery attempts, then the courier collects the cash', () => {
    const walk = placed('fa-2001', 'cash_on_delivery');
    walk.step(staff, { type: 'CONFIRM_ORDER', note: 'تماس تلفنی با مشتری' });
    ship(walk, 'fa-2001-S1');
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-2001-S1', status: 'out_for_delivery' });
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-2001-S1', status: 'failure', detail: 'گیرنده در منزل نبود' });
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-2001-S1', status: 'failure', detail: 'تلفن پاسخ نداد' });
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-2001-S1', status: 'out_for_delivery' });
    const outForDelivery = walk.renderings.filter((r) => r.template === 'shipment_out_for_delivery' && r.locale === 'ru');
    expect(outForDelivery.at(-1)?.text).toContain('наличными для оплаты курьеру');
    const attempts = walk.renderings.filter((r) => r.template === 'delivery_attempt_failed' && r.locale === 'ru').map((r) => r.text);
    expect(attempts.map((t) => /уже (\d+ попытк\S+)/.exec(t)?.[1])).toEqual(['1 попытка', '2 попытки']);
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-2001-S1', status: 'delivered', codCollected: TOTAL });
    expectAllRendered(walk, ['order_placed', 'order_confirmed', 'shipment_shipped', 'shipment_out_for_delivery', 'delivery_attempt_failed', 'payment_received', 'shipment_delivered']);
  });

  it('seed 003 — bank transfer ("remote payment") confirmed by staff with a reference, a delay told to the customer', () => {
    const walk = placed('fa-3001', 'bank_transfer');
    const P1 = walk.shop.payment().id;
    walk.step(staff, { type: 'CONFIRM_BANK_TRANSFER', paymentId: P1, reference: 'SATNA-771299', amount: TOTAL });
    ship(walk, 'fa-3001-S1');
    walk.step(staff, { type: 'NOTIFY_DELAY', reason: 'holiday', note: 'تعطیلات نوروز', newEstimate: '2026-04-06T12:00:00+03:30' });
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-3001-S1', status: 'delivered' });
    expectAllRendered(walk, ['order_placed', 'bank_transfer_instructions', 'payment_received', 'order_confirmed', 'shipment_shipped', 'order_delayed', 'shipment_delivered']);
    const delay = walk.renderings.find((r) => r.template === 'order_delayed' && r.locale === 'fa');
    expect(delay?.text).toContain('علت: تعطیلات رسمی');
    expect(delay?.text).toContain('۱۷ فروردین ۱۴۰۵');
  });

  it('seed 002 — a business customer gets the invoice; a return is refunded, another declined; an unpaid order expires; a cart is reminded', () => {
    const company: CustomerInput = { ...SARA, company: { name: 'شرکت بازرگانی نگین', taxId: '10320000000' } };
    const walk = placed('fa-4001', 'online', 'standard', company);
    const P1 = walk.shop.payment().id;
    walk.step(gateway, { type: 'PAYMENT_CAPTURED', paymentId: P1, amount: TOTAL, providerRef: 'ZP-1' });
    walk.step(system, { type: 'INVOICE_ISSUED', invoiceNumber: '1405-00070', url: 'https://shop.example/invoices/1405-00070.pdf' });
    ship(walk, 'fa-4001-S1');
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'fa-4001-S1', status: 'delivered' });
    walk.step(customer, { type: 'REQUEST_RETURN', returnId: 'fa-4001-R1', lines: [{ lineId: 'l1', quantity: 1 }], reason: 'changed_mind' });
    walk.step(staff, { type: 'DECLINE_RETURN', returnId: 'fa-4001-R1', reason: 'بستهٔ چای باز شده است.' });
    walk.step(customer, { type: 'REQUEST_RETURN', returnId: 'fa-4001-R2', lines: [{ lineId: 'l2', quantity: 1 }], reason: 'not_as_described' });
    walk.step(staff, { type: 'APPROVE_RETURN', returnId: 'fa-4001-R2' });
    walk.step(staff, { type: 'RETURN_RECEIVED', returnId: 'fa-4001-R2' });
    walk.step(staff, { type: 'INSPECT_RETURN', returnId: 'fa-4001-R2', outcome: 'accepted' });
    walk.step(staff, { type: 'RESOLVE_RETURN', returnId: 'fa-4001-R2', resolution: 'refund', amount: POT.unitPrice });
    walk.step(gateway, { type: 'REFUND_SUCCEEDED', paymentId: P1, amount: POT.unitPrice, providerRef: 'ZP-R1' });

    const unpaid = placed('fa-4002', 'bank_transfer');
    unpaid.wait(4).step(system, { type: 'EXPIRE_ORDER' });

    const cart = new Walk('fa-4003');
    cart.step(customer, { type: 'ADD_ITEM', item: TEA }).step(customer, { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'left@example.ir', locale: 'fa' } });
    cart.shop.wait({ hours: 5 });
    cart.step(system, { type: 'SEND_CART_REMINDER' });

    expectAllRendered(walk, [
      'order_placed',
      'payment_received',
      'order_confirmed',
      'invoice_available',
      'shipment_shipped',
      'shipment_delivered',
      'return_requested',
      'return_declined',
      'return_approved',
      // Brought back to the shop by hand (approved → received): the machine sends no "received" message then.
      'return_resolved',
      'refund_issued',
    ]);
    expectAllRendered(unpaid, ['order_placed', 'bank_transfer_instructions', 'order_expired']);
    expectAllRendered(cart, ['cart_reminder']);
    const declined = walk.renderings.find((r) => r.template === 'return_declined' && r.locale === 'en');
    expect(declined?.text).toContain('Reason: بستهٔ چای باز شده است.');
  });

  it('seed 001 — an item on backorder ("ожидание отправки"), then picking, packing and shipping; a parcel lost', () => {
    const backorderable = { ...TEA, backorderable: true };
    const walk = new Walk('ru-5001');
    walk.step(customer, { type: 'ADD_ITEM', item: backorderable }).step(customer, { type: 'START_CHECKOUT' });
    walk.step(customer, { type: 'SET_CUSTOMER', customer: { ...SARA, locale: 'ru' } });
    walk.step(customer, { type: 'SET_SHIPPING_ADDRESS', address: ADDRESS });
    walk.step(customer, { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: SHIPPING });
    walk.step(customer, { type: 'SELECT_PAYMENT_METHOD', method: 'online' });
    walk.step(customer, { type: 'PLACE_ORDER', total: rial(2 * 450_000 + 350_000) });
    walk.step(gateway, { type: 'PAYMENT_CAPTURED', paymentId: walk.shop.payment().id, amount: rial(2 * 450_000 + 350_000), providerRef: 'YK-1' });
    walk.step(system, { type: 'STOCK_UNAVAILABLE', lines: [{ lineId: 'l1', quantity: 2 }], expectedAt: '2026-03-25T12:00:00+03:00' });
    walk.step(system, { type: 'STOCK_AVAILABLE' });
    walk.step(staff, { type: 'CREATE_SHIPMENT', shipmentId: 'ru-5001-S1', lines: [{ lineId: 'l1', quantity: 2 }] });
    walk.step(staff, { type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'ru-5001-S1' });
    walk.step(staff, { type: 'START_PICKING', shipmentId: 'ru-5001-S1', pickerId: 'kladovshchik-1' });
    walk.step(staff, { type: 'PACK_SHIPMENT', shipmentId: 'ru-5001-S1', label: { carrier: 'СДЭК', trackingNumber: '1234567890' } });
    walk.step(staff, { type: 'MARK_READY_TO_SHIP', shipmentId: 'ru-5001-S1' });
    walk.step(staff, { type: 'HAND_TO_CARRIER', shipmentId: 'ru-5001-S1' });
    walk.step(courier, { type: 'CARRIER_STATUS', shipmentId: 'ru-5001-S1', status: 'lost' });
    expectAllRendered(walk, ['order_placed', 'payment_received', 'order_confirmed', 'order_backordered', 'shipment_shipped', 'shipment_lost']);
    const backorder = walk.renderings.find((r) => r.template === 'order_backordered' && r.locale === 'ru');
    expect(backorder?.text).toContain('Ожидаем поступления к 25 марта 2026 г.');
  });

  it('seed 004 — the gateway asks for the customer’s action, the payment fails; staff messages: hold, dispute, failed refund; pickup', () => {
    const walk = placed('en-6001', 'online', 'standard', { ...SARA, locale: 'en' });
    const P1 = walk.shop.payment().id;
    walk.step(gateway, { type: 'PAYMENT_REQUIRES_ACTION', paymentId: P1, actionUrl: 'https://3ds.bank.example/challenge/abc' });
    walk.step(gateway, { type: 'PAYMENT_FAILED', paymentId: P1, code: 'authentication_failed' });
    const action = walk.renderings.find((r) => r.template === 'payment_action_required' && r.locale === 'bn');
    expect(action?.text).toContain('https://3ds.bank.example/challenge/abc');
    expect(action?.html).toContain('<a href="https://3ds.bank.example/challenge/abc" dir="ltr"');
    expectAllRendered(walk, ['order_placed', 'payment_action_required', 'payment_failed']);

    const staffWalk = placed('en-6002', 'online');
    const P2 = staffWalk.shop.payment().id;
    staffWalk.step(gateway, { type: 'PAYMENT_CAPTURED', paymentId: P2, amount: TOTAL, providerRef: 'ch_1' });
    staffWalk.step(staff, { type: 'PUT_ON_HOLD', reason: 'address_verification' });
    staffWalk.step(staff, { type: 'RELEASE_HOLD' });
    staffWalk.step(staff, { type: 'REQUEST_REFUND', paymentId: P2, amount: SHIPPING, reason: 'shipping refunded as a goodwill gesture' });
    staffWalk.step(gateway, { type: 'REFUND_FAILED', paymentId: P2, amount: SHIPPING, code: 'insufficient_balance' });
    staffWalk.step(gateway, { type: 'DISPUTE_OPENED', paymentId: P2, amount: TOTAL, reason: 'fraudulent' });
    expectAllRendered(staffWalk, ['order_placed', 'payment_received', 'order_confirmed', 'order_on_hold', 'refund_failed', 'dispute_opened']);

    const pickup = placed('en-6003', 'pay_on_pickup', 'pickup');
    pickup.step(staff, { type: 'CONFIRM_ORDER' });
    pickup.step(staff, { type: 'CREATE_SHIPMENT', shipmentId: 'en-6003-S1', lines: [{ lineId: 'l1', quantity: 2 }, { lineId: 'l2', quantity: 1 }] });
    pickup.step(staff, { type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'en-6003-S1' });
    pickup.step(staff, { type: 'START_PICKING', shipmentId: 'en-6003-S1', pickerId: 'p1' });
    pickup.step(staff, { type: 'PACK_SHIPMENT', shipmentId: 'en-6003-S1' });
    pickup.step(staff, { type: 'MARK_READY_TO_SHIP', shipmentId: 'en-6003-S1' });
    pickup.step(staff, { type: 'READY_FOR_PICKUP', shipmentId: 'en-6003-S1' });
    const ready = pickup.renderings.find((r) => r.template === 'ready_for_pickup' && r.locale === 'en');
    expect(ready?.text).toMatch(/You will pay IRR\s2,750,000 when you collect it\./); // ICU puts a no-break space after the code
    expectAllRendered(pickup, ['order_placed', 'order_confirmed', 'ready_for_pickup']);
  });
});
