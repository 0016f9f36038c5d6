// Seed 002 — Odoo-style web-shop orders (Persian): sales orders (quotation → quotation sent →
// sales order), abandoned carts, delivery orders, the note on offline payments, returns and
// refunds, and invoices for B2B / B2C customers.
import { describe, expect, it } from 'vitest';
import { allowedEvents, type CustomerInput, type LineItemInput, type PaymentMethod, type ShippingMethod } from '../../src/index.js';
import {
  CARRIER,
  PSP,
  STAFF,
  SYSTEM,
  Story,
  commandNames,
  customer,
  templates,
  theCommand,
  theNotification,
} from './support-002-004.js';

const IRR = 'IRR' as const;
const rial = (amount: number) => ({ amount, currency: IRR });
const START = '2026-03-01T09:00:00+03:30';
const SARA = customer('sara');

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
function placed(o: CheckoutOptions): Story {
  const items = o.items ?? [TEA];
  const story = new Story({ orderId: o.orderId, currency: IRR }, START);
  for (const item of items) story.send({ type: 'ADD_ITEM', item }, SARA);
  story.send({ type: 'START_CHECKOUT' }, SARA);
  story.send({ type: 'SET_CUSTOMER', customer: o.customer ?? B2C }, SARA);
  const method = o.shipping ?? 'standard';
  const shippingPrice = method === 'pickup' ? rial(0) : SHIPPING;
  if (method !== 'pickup') story.send({ type: 'SET_SHIPPING_ADDRESS', address: ADDRESS }, SARA);
  story.send({ type: 'SELECT_SHIPPING_METHOD', method, price: shippingPrice }, SARA);
  story.send({ type: 'SELECT_PAYMENT_METHOD', method: o.payment ?? 'online' }, SARA);
  const total = items.reduce((s, i) => s + i.quantity * i.unitPrice.amount, 0) + shippingPrice.amount;
  story.send({ type: 'PLACE_ORDER', total: rial(total) }, SARA);
  expect(story.state).toBe('placed.awaiting_payment');
  return story;
}

const totalOf = (story: Story) => {
  const totals = story.ctx.totals;
  if (totals === null) throw new Error('order has no totals');
  return totals.total.amount;
};

/** Release, pick, pack with a label, mark ready and hand over one parcel. */
function shipParcel(story: Story, shipmentId: string, trackingNumber: string): void {
  story.send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId }, SYSTEM);
  story.send({ type: 'START_PICKING', shipmentId, pickerId: 'picker-1' }, STAFF);
  story.send({ type: 'PACK_SHIPMENT', shipmentId, label: { carrier: 'Post', trackingNumber } }, STAFF);
  story.send({ type: 'MARK_READY_TO_SHIP', shipmentId }, STAFF);
  story.send({ type: 'HAND_TO_CARRIER', shipmentId }, STAFF);
}

/** An online order paid by direct capture, shipped in one parcel and delivered. */
function deliveredPaid(orderId: string, items: readonly LineItemInput[]): Story {
  const story = placed({ orderId, items });
  story.send({ type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P1`, amount: rial(totalOf(story)), providerRef: `cap-${orderId}` }, PSP);
  story.send({ type: 'CREATE_SHIPMENT', lines: items.map((i) => ({ lineId: i.lineId, quantity: i.quantity })) }, SYSTEM);
  shipParcel(story, `${orderId}-S1`, `IR-${orderId}`);
  story.send({ type: 'CARRIER_STATUS', shipmentId: `${orderId}-S1`, status: 'delivered' }, CARRIER);
  expect(story.state).toBe('placed.delivered');
  return story;
}

describe('seed 002 — Odoo sales, delivery, invoice and returns', () => {
  it('quotation → quotation sent → sales order: cart, placed awaiting payment, confirmed once paid', () => {
    // 1. Quotation: a product was added to the cart, checkout not finished.
    const story = new Story({ orderId: 'o-2001', currency: IRR }, START);
    expect(story.state).toBe('cart');
    expect(story.statuses().customer).toBe('shopping');
    const added = story.send({ type: 'ADD_ITEM', item: TEA }, SARA);
    expect(added.effects).toEqual([]);
    expect(story.ctx.items.map((i) => i.lineId)).toEqual(['l-tea']);

    story.send({ type: 'START_CHECKOUT' }, SARA);
    story.send({ type: 'SET_CUSTOMER', customer: B2C }, SARA);
    story.send({ type: 'SET_SHIPPING_ADDRESS', address: ADDRESS }, SARA);
    story.send({ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: SHIPPING }, SARA);
    story.send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' }, SARA);
    expect(story.statuses().customer).toBe('checking_out');

    // 2. Quotation sent: checkout done and the order confirmed by the customer, payment not yet confirmed.
    const place = story.send({ type: 'PLACE_ORDER', total: rial(1_050_000) }, SARA);
    expect(story.state).toBe('placed.awaiting_payment');
    expect(story.statuses()).toMatchObject({ customer: 'awaiting_payment', payment: 'unpaid', fulfilment: 'unfulfilled' });
    expect(templates(place.effects)).toEqual(['order_placed']);
    expect(theNotification(place.effects, 'order_placed')).toMatchObject({ orderId: 'o-2001', audience: 'customer', subject: { machine: 'order', id: 'o-2001' } });
    expect(commandNames(place.effects)).toEqual([]);
    expect(story.ctx.totals).toEqual({ subtotal: rial(900_000), shipping: SHIPPING, tax: rial(0), discount: rial(0), total: rial(1_050_000) });
    expect(story.payment('o-2001-P1')).toMatchObject({ state: 'created', context: { method: 'online', amount: rial(1_050_000) } });

    // Online orders are not confirmed by hand, and no delivery order exists before confirmation.
    story.refuse({ type: 'CONFIRM_ORDER' }, STAFF, { code: 'REJECTED', reason: 'NOT_OFFLINE_PAYMENT' });
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] }, SYSTEM, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    // A customer cannot mark the order paid.
    story.refuse({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2001-P1', amount: rial(1_050_000), providerRef: 'cap-1' }, SARA, {
      code: 'FORBIDDEN',
      reason: 'ACTOR_NOT_ALLOWED',
    });

    // 3. Sales order: the payment is received.
    const paid = story.send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2001-P1', amount: rial(1_050_000), providerRef: 'cap-1' }, PSP);
    expect(story.state).toBe('placed.confirmed');
    expect(story.statuses()).toMatchObject({ customer: 'processing', payment: 'paid' });
    expect(theNotification(paid.effects, 'payment_received')).toMatchObject({ subject: { machine: 'payment', id: 'o-2001-P1' }, data: { amount: rial(1_050_000) } });
    expect(theNotification(paid.effects, 'order_confirmed').subject).toEqual({ machine: 'order', id: 'o-2001' });
    expect(theCommand(paid.effects, 'reserve_stock').lines).toEqual([{ lineId: 'l-tea', quantity: 2 }]);
    // B2C: no invoice unless asked for.
    expect(commandNames(paid.effects)).not.toContain('issue_invoice');
    expect(story.ctx.confirmedAt).toBe(story.now.toISOString());
  });

  describe('abandoned cart', () => {
    it('a cart with a known email gets exactly one reminder', () => {
      const story = new Story({ orderId: 'o-2002', currency: IRR, items: [TEA] }, START);
      story.send({ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'sara@example.ir', locale: 'fa' } }, SARA);
      story.hours(3);
      expect(allowedEvents(story.order, SYSTEM, { now: story.now }).map((e) => e.type)).toContain('SEND_CART_REMINDER');
      // Only the shop's scheduler sends reminders.
      story.refuse({ type: 'SEND_CART_REMINDER' }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      story.refuse({ type: 'SEND_CART_REMINDER' }, STAFF, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

      const reminded = story.send({ type: 'SEND_CART_REMINDER' }, SYSTEM);
      expect(reminded.effects).toEqual([
        { kind: 'notification', orderId: 'o-2002', template: 'cart_reminder', audience: 'customer', subject: { machine: 'order', id: 'o-2002' }, data: {} },
      ]);
      expect(story.state).toBe('cart');
      expect(story.ctx.cartReminderSentAt).toBe(story.now.toISOString());

      // Never a second one, neither the next day nor once the customer came back to checkout.
      story.hours(24);
      story.refuse({ type: 'SEND_CART_REMINDER' }, SYSTEM, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });
      expect(allowedEvents(story.order, SYSTEM, { now: story.now }).map((e) => e.type)).not.toContain('SEND_CART_REMINDER');
      story.send({ type: 'START_CHECKOUT' }, SARA);
      story.hours(5);
      story.refuse({ type: 'SEND_CART_REMINDER' }, SYSTEM, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });
    });

    it('a reminder reaches a customer still in checkout, and never a placed order', () => {
      const story = new Story({ orderId: 'o-2003', currency: IRR, items: [TEA] }, START);
      story.send({ type: 'START_CHECKOUT' }, SARA);
      story.send({ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'left@example.ir', locale: 'fa' } }, SARA);
      story.hours(4);
      const reminded = story.send({ type: 'SEND_CART_REMINDER' }, SYSTEM);
      expect(templates(reminded.effects)).toEqual(['cart_reminder']);
      expect(story.state).toBe('checkout');

      const done = placed({ orderId: 'o-2004' });
      done.hours(4);
      done.refuse({ type: 'SEND_CART_REMINDER' }, SYSTEM, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    });

    it('a cart with no email (no customer, phone only, or nothing in it) gets no reminder', () => {
      const anonymous = new Story({ orderId: 'o-2005', currency: IRR, items: [TEA] }, START);
      anonymous.hours(6);
      anonymous.refuse({ type: 'SEND_CART_REMINDER' }, SYSTEM, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });

      const phoneOnly = new Story({ orderId: 'o-2006', currency: IRR, items: [TEA], customer: { kind: 'guest', phone: '+989121234567', locale: 'fa' } }, START);
      phoneOnly.hours(6);
      phoneOnly.refuse({ type: 'SEND_CART_REMINDER' }, SYSTEM, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });
      expect(allowedEvents(phoneOnly.order, SYSTEM, { now: phoneOnly.now }).map((e) => e.type)).not.toContain('SEND_CART_REMINDER');

      const empty = new Story({ orderId: 'o-2007', currency: IRR, customer: { kind: 'guest', email: 'x@example.ir' } }, START);
      empty.hours(6);
      empty.refuse({ type: 'SEND_CART_REMINDER' }, SYSTEM, { code: 'REJECTED', reason: 'CART_REMINDER_NOT_DUE' });
    });
  });

  it('delivery order: created after confirmation, then picking, packing, label and shipping', () => {
    const story = placed({ orderId: 'o-2010', items: [TEA, PERFUME] });
    const total = totalOf(story);
    expect(total).toBe(900_000 + 1_200_000 + 150_000);
    const authorized = story.send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-2010-P1', amount: rial(total), providerRef: 'auth-10' }, PSP);
    expect(story.state).toBe('placed.confirmed');
    expect(theCommand(authorized.effects, 'reserve_stock').lines).toEqual([
      { lineId: 'l-tea', quantity: 2 },
      { lineId: 'l-perfume', quantity: 1 },
    ]);

    // The delivery order is created once the quotation is confirmed.
    const created = story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }, { lineId: 'l-perfume', quantity: 1 }] }, SYSTEM);
    expect(created.changes).toContainEqual({ machine: 'shipment', id: 'o-2010-S1', from: null, to: 'pending' });
    expect(story.shipment('o-2010-S1').context).toMatchObject({ method: 'standard', lines: [{ lineId: 'l-tea', quantity: 2 }, { lineId: 'l-perfume', quantity: 1 }] });
    expect(story.state).toBe('placed.fulfilling');
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 1 }] }, SYSTEM, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 1 }] }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

    // Picking.
    story.send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-2010-S1' }, SYSTEM);
    story.send({ type: 'START_PICKING', shipmentId: 'o-2010-S1', pickerId: 'picker-1', pickListId: 'WH/PICK/00010' }, STAFF);
    expect(story.statuses().customer).toBe('picking');
    expect(story.shipment('o-2010-S1').context).toMatchObject({ pickerId: 'picker-1', pickListId: 'WH/PICK/00010' });

    // Packing: no label yet, so the host is asked to buy one for the shipping method.
    const packed = story.send({ type: 'PACK_SHIPMENT', shipmentId: 'o-2010-S1', packerId: 'packer-2' }, STAFF);
    expect(packed.effects).toEqual([{ kind: 'command', orderId: 'o-2010', command: 'buy_label', shipmentId: 'o-2010-S1', method: 'standard' }]);
    expect(story.statuses().customer).toBe('packing');
    story.refuse({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-2010-S1' }, STAFF, { code: 'REJECTED', reason: 'LABEL_MISSING' });

    // Label printed.
    story.send({ type: 'LABEL_CREATED', shipmentId: 'o-2010-S1', label: { carrier: 'پست', trackingNumber: 'IR-POST-778899' } }, SYSTEM);
    expect(story.shipment('o-2010-S1').context).toMatchObject({ carrier: 'پست', trackingNumber: 'IR-POST-778899' });
    story.refuse({ type: 'LABEL_CREATED', shipmentId: 'o-2010-S1', label: { carrier: 'پست', trackingNumber: 'IR-POST-000' } }, SYSTEM, {
      code: 'REJECTED',
      reason: 'LABEL_EXISTS',
    });
    story.send({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-2010-S1' }, STAFF);
    expect(story.statuses().customer).toBe('ready_to_ship');

    // Sent to the customer.
    story.refuse({ type: 'HAND_TO_CARRIER', shipmentId: 'o-2010-S1' }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    const shipped = story.send({ type: 'HAND_TO_CARRIER', shipmentId: 'o-2010-S1' }, STAFF);
    expect(theNotification(shipped.effects, 'shipment_shipped')).toMatchObject({
      subject: { machine: 'shipment', id: 'o-2010-S1' },
      data: { carrier: 'پست', trackingNumber: 'IR-POST-778899' },
    });
    expect(story.state).toBe('placed.shipped');
    expect(story.statuses()).toMatchObject({ fulfilment: 'shipped', customer: 'shipped' });

    const capture = story.send({ type: 'REQUEST_CAPTURE', paymentId: 'o-2010-P1' }, SYSTEM);
    expect(capture.effects).toEqual([{ kind: 'command', orderId: 'o-2010', command: 'capture_payment', paymentId: 'o-2010-P1', amount: rial(total) }]);
    story.send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2010-P1', amount: rial(total), providerRef: 'cap-10' }, PSP);
    expect(story.statuses().payment).toBe('paid');

    // "Done": the customer is told by email.
    const delivered = story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-2010-S1', status: 'delivered' }, CARRIER);
    expect(templates(delivered.effects)).toEqual(['shipment_delivered']);
    expect(story.state).toBe('placed.delivered');
    expect(story.statuses()).toMatchObject({ fulfilment: 'delivered', customer: 'delivered' });
  });

  it('bank transfer: not confirmed automatically, no stock reserved until staff confirm by hand', () => {
    const story = placed({ orderId: 'o-2020', payment: 'bank_transfer' });
    const total = totalOf(story);
    const placeEffects = story.steps[story.steps.length - 1]?.effects ?? [];
    expect(templates(placeEffects)).toEqual(['order_placed', 'bank_transfer_instructions']);
    expect(theNotification(placeEffects, 'bank_transfer_instructions')).toMatchObject({ subject: { machine: 'payment', id: 'o-2020-P1' }, data: { amount: rial(total) } });
    expect(story.payment('o-2020-P1').state).toBe('pending');

    // Time passes: nothing confirms it and nothing is reserved.
    story.hours(20);
    expect(story.state).toBe('placed.awaiting_payment');
    story.refuse({ type: 'CONFIRM_ORDER' }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.refuse({ type: 'CONFIRM_ORDER' }, SYSTEM, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] }, STAFF, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    expect(commandNames(story.allEffects())).not.toContain('reserve_stock');
    expect(story.ctx.stock).toBe('unreserved');

    // Staff confirm by hand: this reserves the goods.
    const confirmed = story.send({ type: 'CONFIRM_ORDER', note: 'تأیید دستی — منتظر واریز' }, STAFF);
    expect(story.state).toBe('placed.confirmed');
    expect(templates(confirmed.effects)).toEqual(['order_confirmed']);
    expect(theCommand(confirmed.effects, 'reserve_stock')).toEqual({ kind: 'command', orderId: 'o-2020', command: 'reserve_stock', lines: [{ lineId: 'l-tea', quantity: 2 }] });
    expect(story.statuses().payment).toBe('unpaid');
    story.refuse({ type: 'CONFIRM_ORDER' }, STAFF, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
    story.send({ type: 'STOCK_RESERVED' }, SYSTEM);
    expect(story.ctx.stock).toBe('reserved');

    // The goods do not leave before the transfer arrives.
    story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] }, STAFF);
    story.send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-2020-S1' }, STAFF);
    story.send({ type: 'START_PICKING', shipmentId: 'o-2020-S1', pickerId: 'picker-1' }, STAFF);
    story.send({ type: 'PACK_SHIPMENT', shipmentId: 'o-2020-S1', label: { carrier: 'Tipax', trackingNumber: 'TPX-1' } }, STAFF);
    story.send({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-2020-S1' }, STAFF);
    story.refuse({ type: 'HAND_TO_CARRIER', shipmentId: 'o-2020-S1' }, STAFF, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });

    // Only staff confirm a transfer, for the exact amount, with its reference.
    story.refuse({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2020-P1', reference: 'SATNA-42', amount: rial(total) }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.refuse({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2020-P1', reference: 'SATNA-42', amount: rial(total - 1) }, STAFF, { code: 'REJECTED', reason: 'AMOUNT_MISMATCH' });
    const transfer = story.send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2020-P1', reference: 'SATNA-42', amount: rial(total) }, STAFF);
    expect(theNotification(transfer.effects, 'payment_received').data).toEqual({ amount: rial(total) });
    expect(story.payment('o-2020-P1')).toMatchObject({ state: 'captured', context: { reference: 'SATNA-42', captured: total } });
    expect(story.statuses().payment).toBe('paid');

    story.send({ type: 'HAND_TO_CARRIER', shipmentId: 'o-2020-S1' }, STAFF);
    expect(story.state).toBe('placed.shipped');
    // Stock was reserved exactly once, at the manual confirmation.
    expect(commandNames(story.allEffects()).filter((c) => c === 'reserve_stock')).toHaveLength(1);
  });

  describe('pay on pickup', () => {
    it('pay on pickup needs the pickup shipping method', () => {
      const story = new Story({ orderId: 'o-2030', currency: IRR, items: [TEA] }, START);
      story.send({ type: 'START_CHECKOUT' }, SARA);
      story.send({ type: 'SET_CUSTOMER', customer: B2C }, SARA);
      story.send({ type: 'SET_SHIPPING_ADDRESS', address: ADDRESS }, SARA);
      story.send({ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: SHIPPING }, SARA);
      story.send({ type: 'SELECT_PAYMENT_METHOD', method: 'pay_on_pickup' }, SARA);
      story.refuse({ type: 'PLACE_ORDER', total: rial(1_050_000) }, SARA, { code: 'REJECTED', reason: 'CHECKOUT_INCOMPLETE' });
      story.send({ type: 'SELECT_SHIPPING_METHOD', method: 'pickup', price: rial(0) }, SARA);
      story.send({ type: 'PLACE_ORDER', total: rial(900_000) }, SARA);
      expect(story.state).toBe('placed.awaiting_payment');
    });

    /** A pay-at-pickup order confirmed by staff and waiting at the counter. */
    function atCounter(orderId: string): Story {
      // Pickup needs no shipping address.
      const story = placed({ orderId, shipping: 'pickup', payment: 'pay_on_pickup' });
      expect(story.ctx.shippingAddress).toBeNull();
      expect(totalOf(story)).toBe(900_000);
      expect(templates(story.allEffects())).toEqual(['order_placed']);
      expect(story.payment(`${orderId}-P1`)).toMatchObject({ state: 'pending', context: { method: 'pay_on_pickup' } });
      expect(commandNames(story.allEffects())).not.toContain('reserve_stock');

      const confirmed = story.send({ type: 'CONFIRM_ORDER' }, STAFF);
      expect(theCommand(confirmed.effects, 'reserve_stock').lines).toEqual([{ lineId: 'l-tea', quantity: 2 }]);

      story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] }, STAFF);
      const s = `${orderId}-S1`;
      expect(story.shipment(s).context.method).toBe('pickup');
      story.send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: s }, STAFF);
      story.send({ type: 'START_PICKING', shipmentId: s, pickerId: 'picker-1' }, STAFF);
      // A parcel for the counter needs no carrier label.
      const packed = story.send({ type: 'PACK_SHIPMENT', shipmentId: s }, STAFF);
      expect(commandNames(packed.effects)).toEqual([]);
      story.send({ type: 'MARK_READY_TO_SHIP', shipmentId: s }, STAFF);
      story.refuse({ type: 'HAND_TO_CARRIER', shipmentId: s }, STAFF, { code: 'REJECTED', reason: 'PICKUP_ONLY' });
      story.refuse({ type: 'READY_FOR_PICKUP', shipmentId: s }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

      const ready = story.send({ type: 'READY_FOR_PICKUP', shipmentId: s }, STAFF);
      expect(theNotification(ready.effects, 'ready_for_pickup').subject).toEqual({ machine: 'shipment', id: s });
      expect(story.shipment(s).state).toBe('available_for_pickup');
      expect(story.statuses()).toMatchObject({ customer: 'ready_for_pickup', payment: 'unpaid' });
      return story;
    }

    it('picked up without the money is refused; with it the payment is captured and the order delivered', () => {
      const story = atCounter('o-2031');
      story.refuse({ type: 'PICKED_UP', shipmentId: 'o-2031-S1' }, STAFF, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });
      story.refuse({ type: 'PICKED_UP', shipmentId: 'o-2031-S1', collected: rial(500_000) }, STAFF, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });
      story.refuse({ type: 'PICKED_UP', shipmentId: 'o-2031-S1', collected: rial(900_000) }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

      const picked = story.send({ type: 'PICKED_UP', shipmentId: 'o-2031-S1', collected: rial(900_000) }, STAFF);
      expect(picked.changes).toContainEqual({ machine: 'payment', id: 'o-2031-P1', from: 'pending', to: 'captured' });
      expect(story.payment('o-2031-P1').context).toMatchObject({ captured: 900_000, authorized: 900_000 });
      expect(theNotification(picked.effects, 'payment_received').data).toEqual({ amount: rial(900_000) });
      expect(templates(picked.effects)).toContain('shipment_delivered');
      expect(story.state).toBe('placed.delivered');
      expect(story.statuses()).toMatchObject({ payment: 'paid', fulfilment: 'delivered', customer: 'delivered' });
    });

    it('paid online, collected at the store: no money at the counter, and none may be taken', () => {
      const story = placed({ orderId: 'o-2033', shipping: 'pickup', payment: 'online' });
      story.send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2033-P1', amount: rial(900_000), providerRef: 'cap-33' }, PSP);
      expect(story.state).toBe('placed.confirmed');
      story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }] }, STAFF);
      story.send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-2033-S1' }, STAFF);
      story.send({ type: 'START_PICKING', shipmentId: 'o-2033-S1', pickerId: 'picker-1' }, STAFF);
      story.send({ type: 'PACK_SHIPMENT', shipmentId: 'o-2033-S1' }, STAFF);
      story.send({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-2033-S1' }, STAFF);
      story.send({ type: 'READY_FOR_PICKUP', shipmentId: 'o-2033-S1' }, STAFF);
      story.refuse({ type: 'PICKED_UP', shipmentId: 'o-2033-S1', collected: rial(900_000) }, STAFF, { code: 'REJECTED', reason: 'NO_MATCHING_PAYMENT' });
      const picked = story.send({ type: 'PICKED_UP', shipmentId: 'o-2033-S1' }, STAFF);
      expect(templates(picked.effects)).toEqual(['shipment_delivered']);
      expect(commandNames(picked.effects)).toEqual([]);
      expect(story.state).toBe('placed.delivered');
    });

    it('collecting more than is due at the counter is refused', () => {
      const story = atCounter('o-2032');
      story.refuse({ type: 'PICKED_UP', shipmentId: 'o-2032-S1', collected: rial(900_001) }, STAFF, { code: 'REJECTED', reason: 'AMOUNT_MISMATCH' });
    });
  });

  describe('returns and refunds', () => {
    it('returns only through an online request inside the 14-day window; non-returnable lines and over-quantities refused', () => {
      const story = placed({ orderId: 'o-2040', items: [TEA, PERFUME] });
      story.send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2040-P1', amount: rial(totalOf(story)), providerRef: 'cap-40' }, PSP);
      story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tea', quantity: 2 }, { lineId: 'l-perfume', quantity: 1 }] }, SYSTEM);
      shipParcel(story, 'o-2040-S1', 'IR-40');
      // Nothing delivered yet: nothing can come back.
      story.refuse({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'changed_mind' }, SARA, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_DELIVERED' });
      story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-2040-S1', status: 'delivered' }, CARRIER);

      story.days(10);
      story.refuse({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'changed_mind' }, CARRIER, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      story.refuse({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-perfume', quantity: 1 }], reason: 'changed_mind' }, SARA, { code: 'REJECTED', reason: 'NOT_RETURNABLE' });
      story.refuse({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }, { lineId: 'l-perfume', quantity: 1 }], reason: 'changed_mind' }, SARA, {
        code: 'REJECTED',
        reason: 'NOT_RETURNABLE',
      });
      story.refuse({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 3 }], reason: 'changed_mind' }, SARA, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_DELIVERED' });
      story.refuse({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-coffee', quantity: 1 }], reason: 'changed_mind' }, SARA, { code: 'REJECTED', reason: 'LINE_NOT_FOUND' });

      story.days(3); // day 13 after delivery: still inside the window
      const requested = story.send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'not_as_described', comment: 'طعم متفاوت بود' }, SARA);
      expect(requested.changes).toContainEqual({ machine: 'return', id: 'o-2040-R1', from: null, to: 'requested' });
      expect(theNotification(requested.effects, 'return_requested').subject).toEqual({ machine: 'return', id: 'o-2040-R1' });
      expect(story.ret('o-2040-R1').context).toMatchObject({ kind: 'return', reason: 'not_as_described', description: 'طعم متفاوت بود', lines: [{ lineId: 'l-tea', quantity: 1 }] });
      expect(story.statuses()).toMatchObject({ returns: 'requested', customer: 'return_in_progress' });
      // What is already coming back cannot be asked for twice.
      story.refuse({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 2 }], reason: 'changed_mind' }, SARA, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_DELIVERED' });

      story.days(2); // day 15: the window is over
      story.refuse({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'changed_mind' }, SARA, { code: 'REJECTED', reason: 'RETURN_WINDOW_CLOSED' });
      expect(allowedEvents(story.order, SARA, { now: story.now }).map((e) => e.type)).not.toContain('REQUEST_RETURN');
      // A shop with a longer window (policy) still takes it.
      story.policy = { returnWindowDays: 30 };
      story.send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 1 }], reason: 'changed_mind' }, SARA);
      expect(story.order.returns.map((r) => r.id)).toEqual(['o-2040-R1', 'o-2040-R2']);
    });

    it('full refund from the order: goods refunded through the return, shipping by staff, never more than captured', () => {
      const story = deliveredPaid('o-2050', [TEA]);
      expect(totalOf(story)).toBe(1_050_000);
      story.days(2);
      story.send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 2 }], reason: 'damaged' }, SARA);
      story.refuse({ type: 'APPROVE_RETURN', returnId: 'o-2050-R1' }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      expect(templates(story.send({ type: 'APPROVE_RETURN', returnId: 'o-2050-R1' }, STAFF).effects)).toEqual(['return_approved']);
      const label = story.send({ type: 'ISSUE_RETURN_LABEL', returnId: 'o-2050-R1', label: { carrier: 'پست', trackingNumber: 'RET-50', labelUrl: 'https://shop.example.ir/labels/RET-50.pdf' } }, STAFF);
      expect(theNotification(label.effects, 'return_label_issued').data).toEqual({ carrier: 'پست', trackingNumber: 'RET-50', labelUrl: 'https://shop.example.ir/labels/RET-50.pdf' });
      story.send({ type: 'RETURN_SHIPPED', returnId: 'o-2050-R1' }, SARA);
      expect(templates(story.send({ type: 'RETURN_RECEIVED', returnId: 'o-2050-R1' }, STAFF).effects)).toEqual(['return_received']);
      // Refunding before inspection is not possible.
      story.refuse({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(900_000) }, STAFF, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
      story.send({ type: 'INSPECT_RETURN', returnId: 'o-2050-R1', outcome: 'accepted' }, STAFF);
      story.refuse({ type: 'COMPLETE_ORDER' }, SYSTEM, { code: 'REJECTED', reason: 'RETURNS_OPEN' });

      // The return refunds the goods, never more than they are worth (shipping is not goods).
      story.refuse({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(1_050_000) }, STAFF, {
        code: 'REJECTED',
        reason: 'REFUND_EXCEEDS_RETURNED_VALUE',
      });
      story.refuse({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(900_000) }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      story.refuse({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund' }, STAFF, { code: 'REJECTED', reason: 'RESOLUTION_INCOMPLETE' });
      story.refuse({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(900_000), paymentId: 'o-2050-P9' }, STAFF, {
        code: 'REJECTED',
        reason: 'UNKNOWN_PAYMENT',
      });
      const resolved = story.send({ type: 'RESOLVE_RETURN', returnId: 'o-2050-R1', resolution: 'refund', amount: rial(900_000) }, STAFF);
      expect(theCommand(resolved.effects, 'refund_payment')).toEqual({
        kind: 'command',
        orderId: 'o-2050',
        command: 'refund_payment',
        paymentId: 'o-2050-P1',
        amount: rial(900_000),
        reason: 'return o-2050-R1',
      });
      expect(theNotification(resolved.effects, 'return_resolved').data).toEqual({ resolution: 'refund', amount: rial(900_000) });
      expect(story.payment('o-2050-P1').context).toMatchObject({ captured: 1_050_000, refundPending: 900_000 });

      // Staff refund the shipping too; a cent more than is left is refused.
      story.refuse({ type: 'REQUEST_REFUND', paymentId: 'o-2050-P1', amount: rial(150_001), reason: 'هزینه ارسال' }, STAFF, { code: 'REJECTED', reason: 'REFUND_EXCEEDS_CAPTURED' });
      story.refuse({ type: 'REQUEST_REFUND', paymentId: 'o-2050-P1', amount: rial(150_000), reason: 'هزینه ارسال' }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      const shipping = story.send({ type: 'REQUEST_REFUND', paymentId: 'o-2050-P1', amount: rial(150_000), reason: 'هزینه ارسال' }, STAFF);
      expect(theCommand(shipping.effects, 'refund_payment')).toMatchObject({ paymentId: 'o-2050-P1', amount: rial(150_000), reason: 'هزینه ارسال' });
      story.refuse({ type: 'REQUEST_REFUND', paymentId: 'o-2050-P1', amount: rial(1), reason: 'extra' }, STAFF, { code: 'REJECTED', reason: 'REFUND_EXCEEDS_CAPTURED' });

      const first = story.send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-2050-P1', amount: rial(900_000), providerRef: 'ref-50a' }, PSP);
      expect(theNotification(first.effects, 'refund_issued').data).toEqual({ amount: rial(900_000) });
      expect(story.statuses().payment).toBe('partially_refunded');
      const second = story.send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-2050-P1', amount: rial(150_000), providerRef: 'ref-50b' }, PSP);
      expect(theNotification(second.effects, 'refund_issued').data).toEqual({ amount: rial(150_000) });
      expect(story.payment('o-2050-P1')).toMatchObject({ state: 'refunded', context: { captured: 1_050_000, refunded: 1_050_000, refundPending: 0 } });
      expect(story.statuses().payment).toBe('refunded');

      story.send({ type: 'CLOSE_RETURN', returnId: 'o-2050-R1' }, STAFF);
      expect(story.statuses()).toMatchObject({ returns: 'returned', customer: 'returned' });
      story.send({ type: 'COMPLETE_ORDER' }, SYSTEM);
      expect(story.state).toBe('completed');
      expect(story.statuses().customer).toBe('refunded');
    });

    it('a return refund larger than what is still captured is refused as a whole', () => {
      const story = deliveredPaid('o-2060', [TEA]);
      // A goodwill refund already paid back part of the money.
      story.send({ type: 'REQUEST_REFUND', paymentId: 'o-2060-P1', amount: rial(500_000), reason: 'goodwill' }, STAFF);
      story.send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-2060-P1', amount: rial(500_000), providerRef: 'ref-60' }, PSP);
      story.send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-tea', quantity: 2 }], reason: 'defective' }, SARA);
      story.send({ type: 'APPROVE_RETURN', returnId: 'o-2060-R1' }, STAFF);
      story.send({ type: 'RETURN_RECEIVED', returnId: 'o-2060-R1' }, STAFF);
      story.send({ type: 'INSPECT_RETURN', returnId: 'o-2060-R1', outcome: 'accepted' }, STAFF);
      // 900 000 of goods came back, but only 550 000 is still refundable.
      story.refuse({ type: 'RESOLVE_RETURN', returnId: 'o-2060-R1', resolution: 'refund', amount: rial(900_000) }, STAFF, { code: 'REJECTED', reason: 'REFUND_EXCEEDS_CAPTURED' });
      expect(story.ret('o-2060-R1').state).toBe('inspected');
      const ok = story.send({ type: 'RESOLVE_RETURN', returnId: 'o-2060-R1', resolution: 'refund', amount: rial(550_000) }, STAFF);
      expect(theCommand(ok.effects, 'refund_payment').amount).toEqual(rial(550_000));
    });
  });

  describe('invoices', () => {
    it('B2B: the invoice is issued automatically when the payment is confirmed, then made available', () => {
      const story = placed({ orderId: 'o-2070', customer: B2B });
      const total = totalOf(story);
      expect(commandNames(story.allEffects())).not.toContain('issue_invoice');
      const authorized = story.send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-2070-P1', amount: rial(total), providerRef: 'auth-70' }, PSP);
      expect(story.state).toBe('placed.confirmed');
      // Authorized is not yet paid: the order is confirmed, the invoice waits for the money.
      expect(commandNames(authorized.effects)).toEqual(['reserve_stock']);
      const captured = story.send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2070-P1', amount: rial(total), providerRef: 'cap-70' }, PSP);
      expect(commandNames(captured.effects)).toEqual(['issue_invoice']);
      expect(theCommand(captured.effects, 'issue_invoice')).toEqual({ kind: 'command', orderId: 'o-2070', command: 'issue_invoice' });
      expect(story.ctx.invoice).toEqual({ requestedAt: story.now.toISOString(), number: null, url: null });

      story.refuse({ type: 'REQUEST_INVOICE' }, SARA, { code: 'REJECTED', reason: 'INVOICE_ALREADY_REQUESTED' });
      story.refuse({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00070' }, SARA, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      const issued = story.send({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00070', url: 'https://shop.example.ir/invoices/INV-2026-00070.pdf' }, SYSTEM);
      expect(issued.effects).toEqual([
        {
          kind: 'notification',
          orderId: 'o-2070',
          template: 'invoice_available',
          audience: 'customer',
          subject: { machine: 'order', id: 'o-2070' },
          data: { invoiceNumber: 'INV/2026/00070', url: 'https://shop.example.ir/invoices/INV-2026-00070.pdf' },
        },
      ]);
      expect(story.ctx.invoice).toMatchObject({ number: 'INV/2026/00070', url: 'https://shop.example.ir/invoices/INV-2026-00070.pdf' });
      story.refuse({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00071' }, SYSTEM, { code: 'REJECTED', reason: 'INVOICE_NOT_REQUESTED' });
    });

    it('B2B paying by bank transfer: confirming by hand reserves stock; the invoice comes when the transfer is confirmed', () => {
      const story = placed({ orderId: 'o-2071', customer: B2B, payment: 'bank_transfer' });
      expect(commandNames(story.allEffects())).toEqual([]);
      const confirmed = story.send({ type: 'CONFIRM_ORDER' }, STAFF);
      expect(commandNames(confirmed.effects)).toEqual(['reserve_stock']);
      const paid = story.send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2071-P1', reference: 'PAYA-9', amount: rial(totalOf(story)) }, STAFF);
      expect(commandNames(paid.effects)).toEqual(['issue_invoice']);
      expect(commandNames(story.allEffects()).filter((c) => c === 'issue_invoice')).toHaveLength(1);
    });

    it('B2B on invoice terms: the invoice is issued with the manual confirmation, since it is what they pay against', () => {
      const story = placed({ orderId: 'o-2072', customer: B2B, payment: 'invoice' });
      const confirmed = story.send({ type: 'CONFIRM_ORDER' }, STAFF);
      expect(commandNames(confirmed.effects).sort()).toEqual(['issue_invoice', 'reserve_stock']);
      // Paying the invoice later does not ask for a second one.
      const paid = story.send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2072-P1', reference: 'PAYA-10', amount: rial(totalOf(story)) }, STAFF);
      expect(commandNames(paid.effects)).toEqual([]);
    });

    it('B2C: an invoice only on the customer\'s request, and only once the order is paid', () => {
      const story = new Story({ orderId: 'o-2080', currency: IRR, items: [TEA] }, START);
      story.refuse({ type: 'REQUEST_INVOICE' }, SARA, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });
      const placedStory = placed({ orderId: 'o-2081' });
      const total = totalOf(placedStory);
      placedStory.refuse({ type: 'REQUEST_INVOICE' }, SARA, { code: 'REJECTED', reason: 'NOT_PAID' });

      const authorized = placedStory.send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-2081-P1', amount: rial(total), providerRef: 'auth-81' }, PSP);
      expect(placedStory.state).toBe('placed.confirmed');
      expect(commandNames(authorized.effects)).toEqual(['reserve_stock']);
      expect(placedStory.ctx.invoice).toBeNull();
      // Authorized is not paid.
      placedStory.refuse({ type: 'REQUEST_INVOICE' }, SARA, { code: 'REJECTED', reason: 'NOT_PAID' });
      placedStory.refuse({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00081' }, SYSTEM, { code: 'REJECTED', reason: 'INVOICE_NOT_REQUESTED' });

      placedStory.send({ type: 'REQUEST_CAPTURE', paymentId: 'o-2081-P1' }, SYSTEM);
      placedStory.send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-2081-P1', amount: rial(total), providerRef: 'cap-81' }, PSP);
      expect(placedStory.statuses().payment).toBe('paid');
      expect(commandNames(placedStory.allEffects())).not.toContain('issue_invoice');

      placedStory.refuse({ type: 'REQUEST_INVOICE' }, CARRIER, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
      const requested = placedStory.send({ type: 'REQUEST_INVOICE' }, SARA);
      expect(requested.effects).toEqual([{ kind: 'command', orderId: 'o-2081', command: 'issue_invoice' }]);
      placedStory.refuse({ type: 'REQUEST_INVOICE' }, SARA, { code: 'REJECTED', reason: 'INVOICE_ALREADY_REQUESTED' });

      const issued = placedStory.send({ type: 'INVOICE_ISSUED', invoiceNumber: 'INV/2026/00081' }, SYSTEM);
      expect(theNotification(issued.effects, 'invoice_available').data).toEqual({ invoiceNumber: 'INV/2026/00081' });
      expect(placedStory.ctx.invoice).toMatchObject({ number: 'INV/2026/00081', url: null });
    });
  });
});
