// Seed 002 — Odoo-style web-shop orders (Persian): sales orders (quotation → quotation sent →
// sales order), abandoned carts, delivery orders, the note on offline payments, returns and
// refunds, and invoices for B2B / B2C customers.
import { describe, expect, it } from 'vitest';
import { type CustomerInput, type LineItemInput, type PaymentMethod, type ShippingMethod } from '../../src/index.js';
import { actor, scenario, type Scenario } from './driver.js';

const SYSTEM = actor('system', 'scheduler');
const STAFF = actor('staff', 'staff-7');
const PSP = actor('payment_provider', 'gateway');
const CARRIER = actor('carrier', 'courier');

const IRR = 'IRR' as const;
const rial = (amount: number) => ({ amount, currency: IRR });
const START = '2026-03-01T09:00:00+03:30';
const SARA = actor('customer', 'sara');

const TEA: LineItemInput = { lineId: 'l-tea', sku: 'TEA-GREEN-250', name: 'چای سبز ۲۵۰ گرمی', quantity: 2, unitPrice: rial(450_000) };
// Hygiene product: the shop does not take it back (seed 002: "depending on the product type, returns may not be possible").
const PERFUME: LineItemInput = { lineId: 'l-perfume', sku: 'PERFUME-50', name: 'عطر ۵۰ میلی‌لیتر', quantity: 1, unitPrice: rial(1_200_000), returnable: false };
const SHIPPING = rial(150_000);

const ADDRESS = { name: 'سارا احمدی', line1: 'خیابان ولیعصر، پلاک ۱۲', city: 'تهران', postalCode: '1593645911', country: 'IR' } as const;
const B2C: CustomerInput = { kind: 'account', accountId: 'acc-sara', email: 'sara@example.ir', phone: '+989121234567', name: 'سارا احمدی', locale: 'fa' };
const B2B: CustomerInput = {
  kind: 'account',
  accountId: 'acc-negin',
  email: 'buy@negin.example.ir',
  name: 'نگین',
  locale: 'fa',
  company: { name: 'شرکت بازرگانی نگین', taxId: '10320000000' },
};

interface CheckoutOptions {
  readonly orderId: string;
  readonly items?: readonly LineItemInput[];
  readonly customer?: CustomerInput;
  readonly shipping?: ShippingMethod;
  readonly payment?: PaymentMethod;
}

/** A quotation (cart) walked through checkout and placed: seed 002 "quotation sent". */
function placed(o: CheckoutOptions): Scenario {
  const items = o.items ?? [TEA];
  const story = scenario({ orderId: o.orderId, currency: IRR, startAt: START });
  for (const item of items) story.as(SARA).send({ type: 'ADD_ITEM', item });
  story.as(SARA).send({ type: 'START_CHECKOUT' });
  story.as(SARA).send({ type: 'SET_CUSTOMER', customer: o.customer ?? B2C });
  const method = o.shipping ?? 'standard';
  const shippingPrice = method === 'pickup' ? rial(0) : SHIPPING;
  if (method !== 'pickup') story.as(SARA).send({ type: 'SET_SHIPPING_ADDRESS', address: ADDRESS });
  story.as(SARA).send({ type: 'SELECT_SHIPPING_METHOD', method, price: shippingPrice });
  story.as(SARA).send({ type: 'SELECT_PAYMENT_METHOD', method: o.payment ?? 'online' });
  const total = items.reduce((s, i) => s + i.quantity * i.unitPrice.amount, 0) + shippingPrice.amount;
  story.as(SARA).send({ type: 'PLACE_ORDER', total: rial(total) });
  expect(story.state).toBe('placed.awaiting_payment');
  return story;
}

const totalOf = (story: Scenario) => {
  const totals = story.context.totals;
  if (totals === null) throw new Error('order has no totals');
  return totals.total.amount;
};

/** Release, pick, pack with a label, mark ready and hand over one parcel. */
function shipParcel(story: Scenario, shipmentId: string, trackingNumber: string): void {
  story.as(SYSTEM).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId });
  story.as(STAFF).send({ type: 'START_PICKING', shipmentId, pickerId: 'picker-1' });
  story.as(STAFF).send({ type: 'PACK_SHIPMENT', shipmentId, label: { carrier: 'Post', trackingNumber } });
  story.as(STAFF).send({ type: 'MARK_READY_TO_SHIP', shipmentId });
  story.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId });
}

/** An online order paid by direct capture, shipped in one parcel and delivered. */
function deliveredPaid(orderId: string, items: readonly LineItemInput[]): Scenario {
  const story = placed({ orderId, items });
  story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P1`, amount: rial(totalOf(story)), providerRef: `cap-${orderId}` });
  story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', lines: items.map((i) => ({ lineId: i.lineId, quantity: i.quantity })) });
  shipParcel(story, `${orderId}-S1`, `IR-${orderId}`);
  story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: `${orderId}-S1`, status: 'delivered' });
  expect(story.state).toBe('placed.delivered');
  return story;
}

describe('seed 002 — Odoo sales, delivery, invoice and returns', () => {
  it('quotation → quotation sent → sales order: cart, placed awaiting payment, confirmed once paid', () => {
    // 1. Quotation: a product was added to the cart, checkout not finished.
    const story = scenario({ orderId: 'o-2001', currency: IRR, startAt: START });
    expect(story.state).toBe('cart');
    expect(story.statuses.customer).toBe('shopping');
    story.as(SARA).send({ type: 'ADD_ITEM', item: TEA });
    expect(story.effects).toEqual([]);
    expect(story.context.items.map((i) => i.lineId)).toEqual(['l-tea']);

    story.as(SARA).send({ type: 'START_CHECKOUT' });
    story.as(SARA).send({ type: 'SET_CUSTOMER', customer: B2C });
    story.as(SARA).send({ type: 'SET_SHIPPING_ADDRESS', address: ADDRESS });
    story.as(SARA).send({ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: SHIPPING });
    story.as(SARA).send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' });
    expect(story.statuses.customer).toBe('checking_out');

    // 2. Quotation sent: checkout done and the order confirmed by the customer, payment not yet confirmed.
    story.as(SARA).send({ type: 'PLACE_ORDER', total: rial(1_050_000) });
    expect(story.state).toBe('placed.awaiting_payment');
    expect(story.statuses).toMatchObject({ customer: 'awaiting_payment', payment: 'unpaid', fulfilment: 'unfulfilled' });
    expect(story.templates).toEqual(['order_placed']);
    expect(story.notification('order_placed')).toMatchObject({ orderId: 'o-2001', audience: 'customer', subject: { machine: 'order', id: 'o-2001' } });
    expect(story.commandNames).toEqual([]);
    expect(story.context.totals).toEqual({ subtotal: rial(900_000), shipping: SHIPPING, tax: rial(0), discount: rial(0), total: rial(1_050_000) });
    expect(story.payment('o-2001-P1')).toMatchObject({ state: 'created', context: { method: 'online', amount: rial(1_050_000) } });

    // Online orders are not confirmed by hand, and no delivery order exists before confirmation.
    story.as(STAFF).refused({ type: 'CONFIRM_ORDER' }, { code: 'REJECTED', reason: 'NOT_OFFLINE_PAYMENT' });
    story.as(SYSTEM).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    // A customer cannot mark the order paid.
    story.as(SARA).refused({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2001-P1', amount: rial(1_050_000), providerRef: 'cap-1' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

    // 3. Sales order: the payment is received.
    story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2001-P1', amount: rial(1_050_000), providerRef: 'cap-1' });
    expect(story.state).toBe('placed.confirmed');
    expect(story.statuses).toMatchObject({ customer: 'processing', payment: 'paid' });
    expect(story.notification('payment_received')).toMatchObject({ subject: { machine: 'payment', id: 'o-2001-P1' }, data: { amount: rial(1_050_000) } });
    expect(story.notification('order_confirmed').subject).toEqual({ machine: 'order', id: 'o-2001' });
    expect(story.command('reserve_stock').lines).toEqual([{ lineId: 'l-tea', quantity: 2 }]);
    // B2C: no invoice unless asked for.
    expect(story.commandNames).not.toContain('issue_invoice');
    expect(story.context.confirmedAt).toBe(story.now.toISOString());
  });

  describe('abandoned cart', () => {
    it('a cart with a known email gets exactly one reminder', () => {
      const story = scenario({ orderId: 'o-2002', currency: IRR, items: [TEA], startAt: START });
      story.as(SARA).send({ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'sara@example.ir', locale: 'fa' } });
      story.wait({ hours: 3 });
      expect(story.as(SYSTEM).allowedTypes()).toContain('SEND_CART_REMINDER');
      // Only the shop's scheduler sends reminders.
      story.as(SARA).refused({ type: 'SEND_CART_REMINDER' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      story.as(STAFF).refused({ type: 'SEND_CART_REMINDER' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

      story.as(SYSTEM).send({ type: 'SEND_CART_REMINDER' });
      expect(story.effects).toEqual([
        { kind: 'notification', orderId: 'o-2002', template: 'cart_reminder', audience: 'customer', subject: { machine: 'order', id: 'o-2002' }, data: {} },
      ]);
      expect(story.state).toBe('cart');
      expect(story.context.cartReminderSentAt).toBe(story.now.toISOString());

      // Never a second one, neither the next day nor once the customer came back to checkout.
      story.wait({ hours: 24 });
      story.as(SYSTEM).refused({ type: 'SEND_CART_REMINDER' }, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });
      expect(story.as(SYSTEM).allowedTypes()).not.toContain('SEND_CART_REMINDER');
      story.as(SARA).send({ type: 'START_CHECKOUT' });
      story.wait({ hours: 5 });
      story.as(SYSTEM).refused({ type: 'SEND_CART_REMINDER' }, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });
    });

    it('a reminder reaches a customer still in checkout, and never a placed order', () => {
      const story = scenario({ orderId: 'o-2003', currency: IRR, items: [TEA], startAt: START });
      story.as(SARA).send({ type: 'START_CHECKOUT' });
      story.as(SARA).send({ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'left@example.ir', locale: 'fa' } });
      story.wait({ hours: 4 });
      story.as(SYSTEM).send({ type: 'SEND_CART_REMINDER' });
      expect(story.templates).toEqual(['cart_reminder']);
      expect(story.state).toBe('checkout');

      const done = placed({ orderId: 'o-2004' });
      done.wait({ hours: 4 });
      done.as(SYSTEM).refused({ type: 'SEND_CART_REMINDER' }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    });

    it('a cart with no email (no customer, phone only, or nothing in it) gets no reminder', () => {
      const anonymous = scenario({ orderId: 'o-2005', currency: IRR, items: [TEA], startAt: START });
      anonymous.wait({ hours: 6 });
      anonymous.as(SYSTEM).refused({ type: 'SEND_CART_REMINDER' }, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });

      const phoneOnly = scenario({ orderId: 'o-2006', currency: IRR, items: [TEA], customer: { kind: 'guest', phone: '+989121234567', locale: 'fa' }, startAt: START });
      phoneOnly.wait({ hours: 6 });
      phoneOnly.as(SYSTEM).refused({ type: 'SEND_CART_REMINDER' }, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });
      expect(phoneOnly.as(SYSTEM).allowedTypes()).not.toContain('SEND_CART_REMINDER');

      const empty = scenario({ orderId: 'o-2007', currency: IRR, customer: { kind: 'guest', email: 'x@example.ir' }, startAt: START });
      empty.wait({ hours: 6 });
      empty.as(SYSTEM).refused({ type: 'SEND_CART_REMINDER' }, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });
    });
  });

  it('delivery order: created after confirmation, then picking, packing, label and shipping', () => {
    const story = placed({ orderId: 'o-2010', items: [TEA, PERFUME] });
    const total = totalOf(story);
    expect(total).toBe(900_000 + 1_200_000 + 150_000);
    story.as(PSP).send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-2010-P1', amount: rial(total), providerRef: 'auth-10' });
    expect(story.state).toBe('placed.confirmed');
    expect(story.command('reserve_stock').lines).toEqual([
      { lineId: 'l-tea', quantity: 2 },
      { lineId: 'l-perfume', quantity: 1 },
    ]);

    // The delivery order is created once the quotation is confirmed.
    story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }, { lineId: 'l-perfume', quantity: 1 }] });
    expect(story.changes).toContainEqual({ machine: 'shipment', id: 'o-2010-S1', from: null, to: 'pending' });
    expect(story.shipment('o-2010-S1').context).toMatchObject({ method: 'standard', lines: [{ lineId: 'l-tea', quantity: 2 }, { lineId: 'l-perfume', quantity: 1 }] });
    expect(story.state).toBe('placed.fulfilling');
    story.as(SYSTEM).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 1 }] }, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    story.as(SARA).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 1 }] }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

    // Picking.
    story.as(SYSTEM).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-2010-S1' });
    story.as(STAFF).send({ type: 'START_PICKING', shipmentId: 'o-2010-S1', pickerId: 'picker-1', pickListId: 'WH/PICK/00010' });
    expect(story.statuses.customer).toBe('picking');
    expect(story.shipment('o-2010-S1').context).toMatchObject({ pickerId: 'picker-1', pickListId: 'WH/PICK/00010' });

    // Packing: no label yet, so the host is asked to buy one for the shipping method.
    story.as(STAFF).send({ type: 'PACK_SHIPMENT', shipmentId: 'o-2010-S1', packerId: 'packer-2' });
    expect(story.effects).toEqual([{ kind: 'command', orderId: 'o-2010', command: 'buy_label', shipmentId: 'o-2010-S1', method: 'standard' }]);
    expect(story.statuses.customer).toBe('packing');

    // Label printed.
    story.as(SYSTEM).send({ type: 'LABEL_CREATED', shipmentId: 'o-2010-S1', label: { carrier: 'پست', trackingNumber: 'IR-POST-778899' } });
    expect(story.shipment('o-2010-S1').context).toMatchObject({ carrier: 'پست', trackingNumber: 'IR-POST-778899' });
    story.as(SYSTEM).refused({ type: 'LABEL_CREATED', shipmentId: 'o-2010-S1', label: { carrier: 'پست', trackingNumber: 'IR-POST-000' } }, { code: 'REJECTED', reason: 'LABEL_EXISTS' });
    story.as(STAFF).send({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-2010-S1' });
    expect(story.statuses.customer).toBe('ready_to_ship');

    // Sent to the customer.
    story.as(SARA).refused({ type: 'HAND_TO_CARRIER', shipmentId: 'o-2010-S1' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'o-2010-S1' });
    expect(story.notification('shipment_shipped')).toMatchObject({
      subject: { machine: 'shipment', id: 'o-2010-S1' },
      data: { carrier: 'پست', trackingNumber: 'IR-POST-778899' },
    });
    expect(story.state).toBe('placed.shipped');
    expect(story.statuses).toMatchObject({ fulfilment: 'shipped', customer: 'shipped' });

    story.as(SYSTEM).send({ type: 'REQUEST_CAPTURE', paymentId: 'o-2010-P1' });
    expect(story.effects).toEqual([{ kind: 'command', orderId: 'o-2010', command: 'capture_payment', paymentId: 'o-2010-P1', amount: rial(total) }]);
    story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2010-P1', amount: rial(total), providerRef: 'cap-10' });
    expect(story.statuses.payment).toBe('paid');

    // "Done": the customer is told by email.
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-2010-S1', status: 'delivered' });
    expect(story.templates).toEqual(['shipment_delivered']);
    expect(story.state).toBe('placed.delivered');
    expect(story.statuses).toMatchObject({ fulfilment: 'delivered', customer: 'delivered' });
  });

  it('bank transfer: not confirmed automatically, no stock reserved until staff confirm by hand', () => {
    const story = placed({ orderId: 'o-2020', payment: 'bank_transfer' });
    const total = totalOf(story);
    expect(story.templates).toEqual(['order_placed', 'bank_transfer_instructions']);
    expect(story.notification('bank_transfer_instructions')).toMatchObject({ subject: { machine: 'payment', id: 'o-2020-P1' }, data: { amount: rial(total) } });
    expect(story.payment('o-2020-P1').state).toBe('pending');

    // Time passes: nothing confirms it and nothing is reserved.
    story.wait({ hours: 20 });
    expect(story.state).toBe('placed.awaiting_payment');
    story.as(SARA).refused({ type: 'CONFIRM_ORDER' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.as(SYSTEM).refused({ type: 'CONFIRM_ORDER' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.as(STAFF).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    expect(story.sentCommandNames).not.toContain('reserve_stock');
    expect(story.context.stock).toBe('unreserved');

    // Staff confirm by hand: this reserves the goods.
    story.as(STAFF).send({ type: 'CONFIRM_ORDER', note: 'تأیید دستی — منتظر واریز' });
    expect(story.state).toBe('placed.confirmed');
    expect(story.templates).toEqual(['order_confirmed']);
    expect(story.command('reserve_stock')).toEqual({ kind: 'command', orderId: 'o-2020', command: 'reserve_stock', lines: [{ lineId: 'l-tea', quantity: 2 }] });
    expect(story.statuses.payment).toBe('unpaid');
    story.as(STAFF).refused({ type: 'CONFIRM_ORDER' }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    story.as(SYSTEM).send({ type: 'STOCK_RESERVED' });
    expect(story.context.stock).toBe('reserved');

    // The goods do not leave before the transfer arrives.
    story.as(STAFF).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] });
    story.as(STAFF).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-2020-S1' });
    story.as(STAFF).send({ type: 'START_PICKING', shipmentId: 'o-2020-S1', pickerId: 'picker-1' });
    story.as(STAFF).send({ type: 'PACK_SHIPMENT', shipmentId: 'o-2020-S1', label: { carrier: 'Tipax', trackingNumber: 'TPX-1' } });
    story.as(STAFF).send({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-2020-S1' });
    story.as(STAFF).refused({ type: 'HAND_TO_CARRIER', shipmentId: 'o-2020-S1' }, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });

    // Only staff confirm a transfer, for the exact amount, with its reference.
    story.as(SARA).refused({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2020-P1', reference: 'SATNA-42', amount: rial(total) }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.as(STAFF).refused({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2020-P1', reference: 'SATNA-42', amount: rial(total - 1) }, { code: 'REJECTED', reason: 'AMOUNT_MISMATCH' });
    story.as(STAFF).send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2020-P1', reference: 'SATNA-42', amount: rial(total) });
    expect(story.notification('payment_received').data).toEqual({ amount: rial(total) });
    expect(story.payment('o-2020-P1')).toMatchObject({ state: 'captured', context: { reference: 'SATNA-42', captured: total } });
    expect(story.statuses.payment).toBe('paid');

    story.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'o-2020-S1' });
    expect(story.state).toBe('placed.shipped');
    // Stock was reserved exactly once, at the manual confirmation.
    expect(story.sentCommandNames.filter((c) => c === 'reserve_stock')).toHaveLength(1);
  });

  describe('pay on pickup', () => {
    it('pay on pickup needs the pickup shipping method', () => {
      const story = scenario({ orderId: 'o-2030', currency: IRR, items: [TEA], startAt: START });
      story.as(SARA).send({ type: 'START_CHECKOUT' });
      story.as(SARA).send({ type: 'SET_CUSTOMER', customer: B2C });
      story.as(SARA).send({ type: 'SET_SHIPPING_ADDRESS', address: ADDRESS });
      story.as(SARA).send({ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: SHIPPING });
      story.as(SARA).send({ type: 'SELECT_PAYMENT_METHOD', method: 'pay_on_pickup' });
      story.as(SARA).refused({ type: 'PLACE_ORDER', total: rial(1_050_000) }, { code: 'REJECTED', reason: 'CHECKOUT_INCOMPLETE' });
      story.as(SARA).send({ type: 'SELECT_SHIPPING_METHOD', method: 'pickup', price: rial(0) });
      story.as(SARA).send({ type: 'PLACE_ORDER', total: rial(900_000) });
      expect(story.state).toBe('placed.awaiting_payment');
    });

    /** A pay-at-pickup order confirmed by staff and waiting at the counter. */
    function atCounter(orderId: string): Scenario {
      // Pickup needs no shipping address.
      const story = placed({ orderId, shipping: 'pickup', payment: 'pay_on_pickup' });
      expect(story.context.shippingAddress).toBeNull();
      expect(totalOf(story)).toBe(900_000);
      expect(story.sentTemplates).toEqual(['order_placed']);
      expect(story.payment(`${orderId}-P1`)).toMatchObject({ state: 'pending', context: { method: 'pay_on_pickup' } });
      expect(story.sentCommandNames).not.toContain('reserve_stock');

      story.as(STAFF).send({ type: 'CONFIRM_ORDER' });
      expect(story.command('reserve_stock').lines).toEqual([{ lineId: 'l-tea', quantity: 2 }]);

      story.as(STAFF).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] });
      const s = `${orderId}-S1`;
      expect(story.shipment(s).context.method).toBe('pickup');
      story.as(STAFF).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: s });
      story.as(STAFF).send({ type: 'START_PICKING', shipmentId: s, pickerId: 'picker-1' });
      // A parcel for the counter needs no carrier label.
      story.as(STAFF).send({ type: 'PACK_SHIPMENT', shipmentId: s });
      expect(story.commandNames).toEqual([]);
      story.as(STAFF).send({ type: 'MARK_READY_TO_SHIP', shipmentId: s });
      story.as(STAFF).refused({ type: 'HAND_TO_CARRIER', shipmentId: s }, { code: 'REJECTED', reason: 'PICKUP_ONLY' });
      story.as(SARA).refused({ type: 'READY_FOR_PICKUP', shipmentId: s }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

      story.as(STAFF).send({ type: 'READY_FOR_PICKUP', shipmentId: s });
      expect(story.notification('ready_for_pickup').subject).toEqual({ machine: 'shipment', id: s });
      expect(story.shipment(s).state).toBe('available_for_pickup');
      expect(story.statuses).toMatchObject({ customer: 'ready_for_pickup', payment: 'unpaid' });
      return story;
    }

    it('picked up without the money is refused; with it the payment is captured and the order delivered', () => {
      const story = atCounter('o-2031');
      story.as(STAFF).refused({ type: 'PICKED_UP', shipmentId: 'o-2031-S1' }, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });
      story.as(STAFF).refused({ type: 'PICKED_UP', shipmentId: 'o-2031-S1', collected: rial(500_000) }, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });
      story.as(SARA).refused({ type: 'PICKED_UP', shipmentId: 'o-2031-S1', collected: rial(900_000) }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

      story.as(STAFF).send({ type: 'PICKED_UP', shipmentId: 'o-2031-S1', collected: rial(900_000) });
      expect(story.changes).toContainEqual({ machine: 'payment', id: 'o-2031-P1', from: 'pending', to: 'captured' });
      expect(story.payment('o-2031-P1').context).toMatchObject({ captured: 900_000, authorized: 900_000 });
      expect(story.notification('payment_received').data).toEqual({ amount: rial(900_000) });
      expect(story.templates).toContain('shipment_delivered');
      expect(story.state).toBe('placed.delivered');
      expect(story.statuses).toMatchObject({ payment: 'paid', fulfilment: 'delivered', customer: 'delivered' });
    });

    it('paid online, collected at the store: no money at the counter, and none may be taken', () => {
      const story = placed({ orderId: 'o-2033', shipping: 'pickup', payment: 'online' });
      story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2033-P1', amount: rial(900_000), providerRef: 'cap-33' });
      expect(story.state).toBe('placed.confirmed');
      story.as(STAFF).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] });
      story.as(STAFF).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-2033-S1' });
      story.as(STAFF).send({ type: 'START_PICKING', shipmentId: 'o-2033-S1', pickerId: 'picker-1' });
      story.as(STAFF).send({ type: 'PACK_SHIPMENT', shipmentId: 'o-2033-S1' });
      story.as(STAFF).send({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-2033-S1' });
      story.as(STAFF).send({ type: 'READY_FOR_PICKUP', shipmentId: 'o-2033-S1' });
      story.as(STAFF).refused({ type: 'PICKED_UP', shipmentId: 'o-2033-S1', collected: rial(900_000) }, { code: 'REJECTED', reason: 'NO_MATCHING_PAYMENT' });
      story.as(STAFF).send({ type: 'PICKED_UP', shipmentId: 'o-2033-S1' });
      expect(story.templates).toEqual(['shipment_delivered']);
      expect(story.commandNames).toEqual([]);
      expect(story.state).toBe('placed.delivered');
    });

    it('collecting more than is due at the counter is refused', () => {
      const story = atCounter('o-2032');
      story.as(STAFF).refused({ type: 'PICKED_UP', shipmentId: 'o-2032-S1', collected: rial(900_001) }, { code: 'REJECTED', reason: 'AMOUNT_MISMATCH' });
    });
  });

  describe('returns and refunds', () => {
    it('returns only through an online request inside the 14-day window; non-returnable lines and over-quantities refused', () => {
      const story = placed({ orderId: 'o-2040', items: [TEA, PERFUME] });
      story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2040-P1', amount: rial(totalOf(story)), providerRef: 'cap-40' });
      story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }, { lineId: 'l-perfume', quantity: 1 }] });
      shipParcel(story, 'o-2040-S1', 'IR-40');
      // Nothing delivered yet: nothing can come back.
      story.as(SARA).refused({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'changed_mind' }, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_DELIVERED' });
      story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-2040-S1', status: 'delivered' });

      story.wait({ days: 10 });
      story.as(CARRIER).refused({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'changed_mind' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      story.as(SARA).refused({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-perfume', quantity: 1 }], reason: 'changed_mind' }, { code: 'REJECTED', reason: 'NOT_RETURNABLE' });
      story.as(SARA).refused({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }, { lineId: 'l-perfume', quantity: 1 }], reason: 'changed_mind' }, {
        code: 'REJECTED',
        reason: 'NOT_RETURNABLE',
      });
      story.as(SARA).refused({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 3 }], reason: 'changed_mind' }, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_DELIVERED' });
      story.as(SARA).refused({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-coffee', quantity: 1 }], reason: 'changed_mind' }, { code: 'REJECTED', reason: 'LINE_NOT_FOUND' });

      story.wait({ days: 3 }); // day 13 after delivery: still inside the window
      story.as(SARA).send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'not_as_described', comment: 'طعم متفاوت بود' });
      expect(story.changes).toContainEqual({ machine: 'return', id: 'o-2040-R1', from: null, to: 'requested' });
      expect(story.notification('return_requested').subject).toEqual({ machine: 'return', id: 'o-2040-R1' });
      expect(story.returnCase('o-2040-R1').context).toMatchObject({ kind: 'return', reason: 'not_as_described', description: 'طعم متفاوت بود', lines: [{ lineId: 'l-tea', quantity: 1 }] });
      expect(story.statuses).toMatchObject({ returns: 'requested', customer: 'return_in_progress' });
      // What is already coming back cannot be asked for twice.
      story.as(SARA).refused({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 2 }], reason: 'changed_mind' }, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_DELIVERED' });

      story.wait({ days: 2 }); // day 15: the window is over
      story.as(SARA).refused({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'changed_mind' }, { code: 'REJECTED', reason: 'RETURN_WINDOW_CLOSED' });
      expect(story.as(SARA).allowedTypes()).not.toContain('REQUEST_RETURN');
      // A shop with a longer window (policy) still takes it.
      const lenient = story.fork({ policy: { returnWindowDays: 30 } });
      lenient.as(SARA).send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'changed_mind' });
      expect(lenient.order.returns.map((r) => r.id)).toEqual(['o-2040-R1', 'o-2040-R2']);
    });

    it('full refund from the order: goods refunded through the return, shipping by staff, never more than captured', () => {
      const story = deliveredPaid('o-2050', [TEA]);
      expect(totalOf(story)).toBe(1_050_000);
      story.wait({ days: 2 });
      story.as(SARA).send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 2 }], reason: 'damaged' });
      story.as(SARA).refused({ type: 'APPROVE_RETURN', returnId: 'o-2050-R1' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      story.as(STAFF).send({ type: 'APPROVE_RETURN', returnId: 'o-2050-R1' });
      expect(story.templates).toEqual(['return_approved']);
      story.as(STAFF).send({ type: 'ISSUE_RETURN_LABEL', returnId: 'o-2050-R1', label: { carrier: 'پست', trackingNumber: 'RET-50', labelUrl: 'https://shop.example.ir/labels/RET-50.pdf' } });
      expect(story.notification('return_label_issued').data).toEqual({ carrier: 'پست', trackingNumber: 'RET-50', labelUrl: 'https://shop.example.ir/labels/RET-50.pdf' });
      story.as(SARA).send({ type: 'RETURN_SHIPPED', returnId: 'o-2050-R1' });
      story.as(STAFF).send({ type: 'RETURN_RECEIVED', returnId: 'o-2050-R1' });
      expect(story.templates).toEqual(['return_received']);
      // Refunding before inspection is not possible.
      story.as(STAFF).refused({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(900_000) }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
      story.as(STAFF).send({ type: 'INSPECT_RETURN', returnId: 'o-2050-R1', outcome: 'accepted' });
      story.as(SYSTEM).refused({ type: 'COMPLETE_ORDER' }, { code: 'REJECTED', reason: 'RETURNS_OPEN' });

      // The return refunds the goods, never more than they are worth (shipping is not goods).
      story.as(STAFF).refused({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(1_050_000) }, { code: 'REJECTED', reason: 'REFUND_EXCEEDS_RETURNED_VALUE' });
      story.as(SARA).refused({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(900_000) }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      story.as(STAFF).refused({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund' }, { code: 'REJECTED', reason: 'RESOLUTION_INCOMPLETE' });
      story.as(STAFF).refused({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(900_000), paymentId: 'o-2050-P9' }, { code: 'REJECTED', reason: 'UNKNOWN_PAYMENT' });
      story.as(STAFF).send({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(900_000) });
      expect(story.command('refund_payment')).toEqual({
        kind: 'command',
        orderId: 'o-2050',
        command: 'refund_payment',
        paymentId: 'o-2050-P1',
        amount: rial(900_000),
        reason: 'return o-2050-R1',
      });
      expect(story.notification('return_resolved').data).toEqual({ resolution: 'refund', amount: rial(900_000) });
      expect(story.payment('o-2050-P1').context).toMatchObject({ captured: 1_050_000, refundPending: 900_000 });

      // Staff refund the shipping too; a cent more than is left is refused.
      story.as(STAFF).refused({ type: 'REQUEST_REFUND', paymentId: 'o-2050-P1', amount: rial(150_001), reason: 'هزینه ارسال' }, { code: 'REJECTED', reason: 'REFUND_EXCEEDS_CAPTURED' });
      story.as(SARA).refused({ type: 'REQUEST_REFUND', paymentId: 'o-2050-P1', amount: rial(150_000), reason: 'هزینه ارسال' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      story.as(STAFF).send({ type: 'REQUEST_REFUND', paymentId: 'o-2050-P1', amount: rial(150_000), reason: 'هزینه ارسال' });
      expect(story.command('refund_payment')).toMatchObject({ paymentId: 'o-2050-P1', amount: rial(150_000), reason: 'هزینه ارسال' });
      story.as(STAFF).refused({ type: 'REQUEST_REFUND', paymentId: 'o-2050-P1', amount: rial(1), reason: 'extra' }, { code: 'REJECTED', reason: 'REFUND_EXCEEDS_CAPTURED' });

      story.as(PSP).send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-2050-P1', amount: rial(900_000), providerRef: 'ref-50a' });
      expect(story.notification('refund_issued').data).toEqual({ amount: rial(900_000) });
      expect(story.statuses.payment).toBe('partially_refunded');
      story.as(PSP).send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-2050-P1', amount: rial(150_000), providerRef: 'ref-50b' });
      expect(story.notification('refund_issued').data).toEqual({ amount: rial(150_000) });
      expect(story.payment('o-2050-P1')).toMatchObject({ state: 'refunded', context: { captured: 1_050_000, refunded: 1_050_000, refundPending: 0 } });
      expect(story.statuses.payment).toBe('refunded');

      story.as(STAFF).send({ type: 'CLOSE_RETURN', returnId: 'o-2050-R1' });
      expect(story.statuses).toMatchObject({ returns: 'returned', customer: 'returned' });
      story.as(SYSTEM).send({ type: 'COMPLETE_ORDER' });
      expect(story.state).toBe('completed');
      expect(story.statuses.customer).toBe('refunded');
    });

    it('a return refund larger than what is still captured is refused as a whole', () => {
      const story = deliveredPaid('o-2060', [TEA]);
      // A goodwill refund already paid back part of the money.
      story.as(STAFF).send({ type: 'REQUEST_REFUND', paymentId: 'o-2060-P1', amount: rial(500_000), reason: 'goodwill' });
      story.as(PSP).send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-2060-P1', amount: rial(500_000), providerRef: 'ref-60' });
      story.as(SARA).send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 2 }], reason: 'defective' });
      story.as(STAFF).send({ type: 'APPROVE_RETURN', returnId: 'o-2060-R1' });
      story.as(STAFF).send({ type: 'RETURN_RECEIVED', returnId: 'o-2060-R1' });
      story.as(STAFF).send({ type: 'INSPECT_RETURN', returnId: 'o-2060-R1', outcome: 'accepted' });
      // 900 000 of goods came back, but only 550 000 is still refundable.
      story.as(STAFF).refused({ type: 'RESOLVE_RETURN', returnId: 'o-2060-R1', resolution: 'refund', amount: rial(900_000) }, { code: 'REJECTED', reason: 'REFUND_EXCEEDS_CAPTURED' });
      expect(story.returnCase('o-2060-R1').state).toBe('inspected');
      story.as(STAFF).send({ type: 'RESOLVE_RETURN', returnId: 'o-2060-R1', resolution: 'refund', amount: rial(550_000) });
      expect(story.command('refund_payment').amount).toEqual(rial(550_000));
    });
  });

  describe('invoices', () => {
    it('B2B: the invoice is issued automatically when the payment is confirmed, then made available', () => {
      const story = placed({ orderId: 'o-2070', customer: B2B });
      const total = totalOf(story);
      expect(story.sentCommandNames).not.toContain('issue_invoice');
      story.as(PSP).send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-2070-P1', amount: rial(total), providerRef: 'auth-70' });
      expect(story.state).toBe('placed.confirmed');
      // Authorized is not yet paid: the order is confirmed, the invoice waits for the money.
      expect(story.commandNames).toEqual(['reserve_stock']);
      story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2070-P1', amount: rial(total), providerRef: 'cap-70' });
      expect(story.commandNames).toEqual(['issue_invoice']);
      expect(story.command('issue_invoice')).toEqual({ kind: 'command', orderId: 'o-2070', command: 'issue_invoice' });
      expect(story.context.invoice).toEqual({ requestedAt: story.now.toISOString(), number: null, url: null });

      story.as(SARA).refused({ type: 'REQUEST_INVOICE' }, { code: 'REJECTED', reason: 'INVOICE_ALREADY_REQUESTED' });
      story.as(SARA).refused({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00070' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      story.as(SYSTEM).send({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00070', url: 'https://shop.example.ir/invoices/INV-2026-00070.pdf' });
      expect(story.effects).toEqual([
        {
          kind: 'notification',
          orderId: 'o-2070',
          template: 'invoice_available',
          audience: 'customer',
          subject: { machine: 'order', id: 'o-2070' },
          data: { invoiceNumber: 'INV/2026/00070', url: 'https://shop.example.ir/invoices/INV-2026-00070.pdf' },
        },
      ]);
      expect(story.context.invoice).toMatchObject({ number: 'INV/2026/00070', url: 'https://shop.example.ir/invoices/INV-2026-00070.pdf' });
      story.as(SYSTEM).refused({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00071' }, { code: 'REJECTED', reason: 'INVOICE_NOT_REQUESTED' });
    });

    it('B2B paying by bank transfer: confirming by hand reserves stock; the invoice comes when the transfer is confirmed', () => {
      const story = placed({ orderId: 'o-2071', customer: B2B, payment: 'bank_transfer' });
      expect(story.sentCommandNames).toEqual([]);
      story.as(STAFF).send({ type: 'CONFIRM_ORDER' });
      expect(story.commandNames).toEqual(['reserve_stock']);
      story.as(STAFF).send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2071-P1', reference: 'PAYA-9', amount: rial(totalOf(story)) });
      expect(story.commandNames).toEqual(['issue_invoice']);
      expect(story.sentCommandNames.filter((c) => c === 'issue_invoice')).toHaveLength(1);
    });

    it('B2B on invoice terms: the invoice is issued with the manual confirmation, since it is what they pay against', () => {
      const story = placed({ orderId: 'o-2072', customer: B2B, payment: 'invoice' });
      story.as(STAFF).send({ type: 'CONFIRM_ORDER' });
      expect(story.commandNames.sort()).toEqual(['issue_invoice', 'reserve_stock']);
      // Paying the invoice later does not ask for a second one.
      story.as(STAFF).send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2072-P1', reference: 'PAYA-10', amount: rial(totalOf(story)) });
      expect(story.commandNames).toEqual([]);
    });

    it('B2C: an invoice only on the customer\'s request, and only once the order is paid', () => {
      const story = scenario({ orderId: 'o-2080', currency: IRR, items: [TEA], startAt: START });
      story.as(SARA).refused({ type: 'REQUEST_INVOICE' }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
      const placedStory = placed({ orderId: 'o-2081' });
      const total = totalOf(placedStory);
      placedStory.as(SARA).refused({ type: 'REQUEST_INVOICE' }, { code: 'REJECTED', reason: 'NOT_PAID' });

      placedStory.as(PSP).send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-2081-P1', amount: rial(total), providerRef: 'auth-81' });
      expect(placedStory.state).toBe('placed.confirmed');
      expect(placedStory.commandNames).toEqual(['reserve_stock']);
      expect(placedStory.context.invoice).toBeNull();
      // Authorized is not paid.
      placedStory.as(SARA).refused({ type: 'REQUEST_INVOICE' }, { code: 'REJECTED', reason: 'NOT_PAID' });
      placedStory.as(SYSTEM).refused({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00081' }, { code: 'REJECTED', reason: 'INVOICE_NOT_REQUESTED' });

      placedStory.as(SYSTEM).send({ type: 'REQUEST_CAPTURE', paymentId: 'o-2081-P1' });
      placedStory.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2081-P1', amount: rial(total), providerRef: 'cap-81' });
      expect(placedStory.statuses.payment).toBe('paid');
      expect(placedStory.sentCommandNames).not.toContain('issue_invoice');

      placedStory.as(CARRIER).refused({ type: 'REQUEST_INVOICE' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      placedStory.as(SARA).send({ type: 'REQUEST_INVOICE' });
      expect(placedStory.effects).toEqual([{ kind: 'command', orderId: 'o-2081', command: 'issue_invoice' }]);
      placedStory.as(SARA).refused({ type: 'REQUEST_INVOICE' }, { code: 'REJECTED', reason: 'INVOICE_ALREADY_REQUESTED' });

      placedStory.as(SYSTEM).send({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00081' });
      expect(placedStory.notification('invoice_available').data).toEqual({ invoiceNumber: 'INV/2026/00081' });
      expect(placedStory.context.invoice).toMatchObject({ number: 'INV/2026/00081', url: null });
    });
  });
});
