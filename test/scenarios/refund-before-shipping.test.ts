// No parcel leaves an order whose money was all given back. Staff refund the whole payment of a
// paid order before it ships (the customer changed their mind by phone, stock turned out to be
// gone…): handing the parcel over, its first carrier scan, shelving it for pickup and handing it
// over at the counter are refused with PAYMENT_REFUNDED, and the order is canceled instead. A
// partial goodwill refund does not stop the parcel, a refund that failed does not either, and
// orders paid later (cash on delivery, invoice terms, pay at pickup) ship as before.
import { describe, expect, it } from 'vitest';
import { REJECTION_REASONS, type CustomerInput, type LineItemInput, type PaymentMethod, type ShippingMethod } from '../../src/index.js';
import { eur } from '../support/engineFixture.js';
import { actor, scenario, type Scenario } from './driver.js';

const SHOPPER = actor('customer', 'anna');
const STAFF = actor('staff', 'support-jonas');
const SYSTEM = actor('system', 'shop-automation');
const PSP = actor('payment_provider', 'gateway');
const COURIER = actor('carrier', 'dhl');

const BOOK: LineItemInput = { lineId: 'l-book', sku: 'BOOK-1', name: 'Atlas of Remote Islands', quantity: 1, unitPrice: eur(4_000) };
const MUG: LineItemInput = { lineId: 'l-mug', sku: 'MUG-2', name: 'Enamel mug', quantity: 2, unitPrice: eur(1_000) };
const ADDRESS = { name: 'Anna Schmidt', line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' } as const;
const GUEST: CustomerInput = { kind: 'guest', email: 'anna@example.de', locale: 'en' };
const BUSINESS: CustomerInput = { kind: 'account', accountId: 'acc-acme', email: 'buying@acme.example', company: { name: 'Acme GmbH' } };
// 4 000 + 2 × 1 000 + 500 shipping.
const TOTAL = 6_500;

interface Placing {
  readonly orderId: string;
  readonly payment?: PaymentMethod;
  readonly shipping?: ShippingMethod;
  readonly customer?: CustomerInput;
  readonly payments?: readonly { method: PaymentMethod; amount: number }[];
}

/** A cart taken through checkout and placed (a book and two mugs, 5.00 shipping unless picked up). */
function placed(o: Placing): Scenario {
  const story = scenario({ orderId: o.orderId, currency: 'EUR', items: [BOOK, MUG], startAt: '2026-04-06T08:00:00Z' });
  const method = o.shipping ?? 'standard';
  story.as(SHOPPER).send({ type: 'START_CHECKOUT' });
  story.as(SHOPPER).send({ type: 'SET_CUSTOMER', customer: o.customer ?? GUEST });
  if (method !== 'pickup') story.as(SHOPPER).send({ type: 'SET_SHIPPING_ADDRESS', address: ADDRESS });
  story.as(SHOPPER).send({ type: 'SELECT_SHIPPING_METHOD', method, price: eur(method === 'pickup' ? 0 : 500) });
  story.as(SHOPPER).send({ type: 'SELECT_PAYMENT_METHOD', method: o.payment ?? 'online' });
  const total = method === 'pickup' ? TOTAL - 500 : TOTAL;
  story.as(SHOPPER).send({
    type: 'PLACE_ORDER',
    total: eur(total),
    ...(o.payments ? { payments: o.payments.map((p) => ({ method: p.method, amount: eur(p.amount) })) } : {}),
  });
  expect(story.state).toBe('placed.awaiting_payment');
  return story;
}

/** An online order paid in full by direct capture: confirmed. */
function paidOnline(orderId: string, shipping: ShippingMethod = 'standard'): Scenario {
  const story = placed({ orderId, shipping });
  const total = shipping === 'pickup' ? TOTAL - 500 : TOTAL;
  story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P1`, amount: eur(total), providerRef: `cap-${orderId}` });
  expect(story.state).toBe('placed.confirmed');
  expect(story.statuses.payment).toBe('paid');
  return story;
}

/** One parcel with every line, taken to the dispatch area (or, for pickup, packed and ready). */
function readyParcel(story: Scenario, shipmentId: string): void {
  story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', shipmentId, lines: [BOOK, MUG].map((i) => ({ lineId: i.lineId, quantity: i.quantity })) });
  toDispatch(story, shipmentId);
}

/** A created parcel through the warehouse (released, picked, packed with a label unless for pickup) to the dispatch area. */
function toDispatch(story: Scenario, shipmentId: string): void {
  story.as(SYSTEM).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId });
  story.as(STAFF).send({ type: 'START_PICKING', shipmentId, pickerId: 'picker-3' });
  const pickup = story.shipment(shipmentId).context.method === 'pickup';
  story.as(STAFF).send({ type: 'PACK_SHIPMENT', shipmentId, ...(pickup ? {} : { label: { carrier: 'DHL', trackingNumber: `DHL-${shipmentId}` } }) });
  story.as(STAFF).send({ type: 'MARK_READY_TO_SHIP', shipmentId });
  expect(story.shipment(shipmentId).state).toBe('ready_to_ship');
}

/** Staff refund an amount of a payment; the provider reports it done (or staff, for cash paid back by hand). */
function refund(story: Scenario, paymentId: string, amount: number, reason: string, reporter = PSP): void {
  story.as(STAFF).send({ type: 'REQUEST_REFUND', paymentId, amount: eur(amount), reason });
  expect(story.command('refund_payment')).toMatchObject({ paymentId, amount: eur(amount) });
  story.as(reporter).send({ type: 'REFUND_SUCCEEDED', paymentId, amount: eur(amount), providerRef: `ref-${paymentId}-${amount}` });
  expect(story.templates).toContain('refund_issued');
}

const typesFor = (story: Scenario, who: Parameters<Scenario['allowed']>[0], id: string) =>
  story
    .allowed(who)
    .filter((a) => a.id === id)
    .map((a) => a.type);

describe('a paid order refunded in full before it ships', () => {
  it('no parcel leaves: hand-over and first scans are refused with PAYMENT_REFUNDED, nothing changes, and the order is canceled instead', () => {
    const story = paidOnline('rf-1');
    readyParcel(story, 'rf-1-S1');
    refund(story, 'rf-1-P1', TOTAL, 'customer cancelled by phone before dispatch');
    expect(story.payment('rf-1-P1')).toMatchObject({ state: 'refunded', context: { captured: TOTAL, refunded: TOTAL } });
    expect(story.statuses.payment).toBe('refunded');

    // Neither staff nor the courier can take the parcel out, and the reason says why (not "not paid").
    const refusal = story.as(STAFF).refused({ type: 'HAND_TO_CARRIER', shipmentId: 'rf-1-S1' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
    expect(refusal.message).toBe(`HAND_TO_CARRIER refused (PAYMENT_REFUNDED): ${REJECTION_REASONS.PAYMENT_REFUNDED}`);
    story.as(COURIER).refused({ type: 'HAND_TO_CARRIER', shipmentId: 'rf-1-S1', carrier: 'DHL' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
    story.as(COURIER).refused({ type: 'CARRIER_STATUS', shipmentId: 'rf-1-S1', status: 'pre_transit' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
    story.as(COURIER).refused({ type: 'CARRIER_STATUS', shipmentId: 'rf-1-S1', status: 'in_transit' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
    expect(story.shipment('rf-1-S1').state).toBe('ready_to_ship');
    expect(story.state).toBe('placed.fulfilling');

    // The storefront and the warehouse screen do not offer what would be refused.
    expect(typesFor(story, STAFF, 'rf-1-S1')).toEqual(['CANCEL_SHIPMENT']);
    expect(typesFor(story, COURIER, 'rf-1-S1')).toEqual([]);

    // Cancel instead: the unsent parcel is stopped and the stock released; nothing is left to refund.
    story.as(STAFF).send({ type: 'CANCEL_ORDER', reason: 'customer_request' });
    expect(story.state).toBe('canceled');
    expect(story.shipment('rf-1-S1').state).toBe('canceled');
    expect(story.commandNames).toEqual(['release_stock']);
  });

  it('a full refund still under way already stops the parcel; once it fails, the parcel may go', () => {
    const story = paidOnline('rf-2');
    readyParcel(story, 'rf-2-S1');
    story.as(STAFF).send({ type: 'REQUEST_REFUND', paymentId: 'rf-2-P1', amount: eur(TOTAL), reason: 'out of stock at the supplier' });
    // The provider has not answered yet: the payment still reads as paid, but its money is going back.
    expect(story.statuses.payment).toBe('paid');
    story.as(STAFF).refused({ type: 'HAND_TO_CARRIER', shipmentId: 'rf-2-S1' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });

    const failed = story.fork();
    failed.as(PSP).send({ type: 'REFUND_FAILED', paymentId: 'rf-2-P1', amount: eur(TOTAL), code: 'card_closed' });
    failed.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'rf-2-S1' });
    expect(failed.state).toBe('placed.shipped');

    story.as(PSP).send({ type: 'REFUND_SUCCEEDED', paymentId: 'rf-2-P1', amount: eur(TOTAL), providerRef: 'ref-rf-2' });
    story.as(STAFF).refused({ type: 'HAND_TO_CARRIER', shipmentId: 'rf-2-S1' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
  });

  it('refunded in two parts that add up to everything is refunded in full', () => {
    const story = paidOnline('rf-3');
    readyParcel(story, 'rf-3-S1');
    refund(story, 'rf-3-P1', 500, 'shipping fee waived');
    // After the first part alone, the parcel could still go.
    const partly = story.fork();
    partly.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'rf-3-S1' });
    refund(story, 'rf-3-P1', TOTAL - 500, 'customer withdrew');
    story.as(STAFF).refused({ type: 'HAND_TO_CARRIER', shipmentId: 'rf-3-S1' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
  });
});

describe('what a full refund does not stop', () => {
  it('a partial goodwill refund: the parcel ships and the order goes on', () => {
    const story = paidOnline('pg-1');
    readyParcel(story, 'pg-1-S1');
    refund(story, 'pg-1-P1', 1_000, 'goodwill: one mug arrives a week late');
    expect(story.statuses.payment).toBe('partially_refunded');
    story.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'pg-1-S1' });
    expect(story.templates).toEqual(['shipment_shipped']);
    story.as(COURIER).send({ type: 'CARRIER_STATUS', shipmentId: 'pg-1-S1', status: 'delivered' });
    expect(story.state).toBe('placed.delivered');
    expect(story.statuses).toMatchObject({ payment: 'partially_refunded', fulfilment: 'delivered' });
  });

  it('a refund in full after every parcel left: nothing is held back (there is nothing left to leave)', () => {
    const story = paidOnline('pg-2');
    readyParcel(story, 'pg-2-S1');
    story.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'pg-2-S1' });
    refund(story, 'pg-2-P1', TOTAL, 'parcel damaged in transit, customer keeps it');
    // Scans of a parcel already on its way go on.
    story.as(COURIER).send({ type: 'CARRIER_STATUS', shipmentId: 'pg-2-S1', status: 'in_transit' });
    story.as(COURIER).send({ type: 'CARRIER_STATUS', shipmentId: 'pg-2-S1', status: 'delivered' });
    expect(story.state).toBe('placed.delivered');
  });

  it('cash on delivery: the parcel leaves unpaid and the courier collects at the door', () => {
    const story = placed({ orderId: 'cod-1', payment: 'cash_on_delivery' });
    story.as(STAFF).send({ type: 'CONFIRM_ORDER' });
    readyParcel(story, 'cod-1-S1');
    story.as(COURIER).send({ type: 'HAND_TO_CARRIER', shipmentId: 'cod-1-S1' });
    expect(story.statuses.payment).toBe('unpaid');
    story.as(COURIER).send({ type: 'CARRIER_STATUS', shipmentId: 'cod-1-S1', status: 'delivered', codCollected: eur(TOTAL) });
    expect(story.statuses).toMatchObject({ payment: 'paid', fulfilment: 'delivered' });
  });

  it('cash on delivery once collected counts as paid: refunded in full, the next parcel stays', () => {
    const story = placed({ orderId: 'cod-2', payment: 'cash_on_delivery' });
    story.as(STAFF).send({ type: 'CONFIRM_ORDER' });
    story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', shipmentId: 'cod-2-S1', lines: [{ lineId: 'l-book', quantity: 1 }] });
    toDispatch(story, 'cod-2-S1');
    story.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'cod-2-S1' });
    story.as(COURIER).send({ type: 'CARRIER_STATUS', shipmentId: 'cod-2-S1', status: 'delivered', codCollected: eur(TOTAL) });
    expect(story.payment('cod-2-P1').state).toBe('captured');
    story.as(STAFF).send({ type: 'CREATE_SHIPMENT', shipmentId: 'cod-2-S2', lines: [{ lineId: 'l-mug', quantity: 2 }] });
    toDispatch(story, 'cod-2-S2');
    refund(story, 'cod-2-P1', TOTAL, 'customer cancelled the mugs and was paid back in cash', STAFF);
    story.as(STAFF).refused({ type: 'HAND_TO_CARRIER', shipmentId: 'cod-2-S2' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
    // A parcel has left, so the order cannot be canceled: the unsent parcel is.
    story.as(STAFF).refused({ type: 'CANCEL_ORDER', reason: 'customer_request' }, { code: 'REJECTED', reason: 'ALREADY_SHIPPED' });
    story.as(STAFF).send({ type: 'CANCEL_SHIPMENT', shipmentId: 'cod-2-S2', reason: 'refunded in full' });
    expect(story.shipment('cod-2-S2').state).toBe('canceled');
  });

  it('invoice terms: a business order confirmed on terms ships before it is paid', () => {
    const story = placed({ orderId: 'inv-1', payment: 'invoice', customer: BUSINESS });
    story.as(STAFF).send({ type: 'CONFIRM_ORDER' });
    expect(story.commandNames).toContain('issue_invoice');
    readyParcel(story, 'inv-1-S1');
    story.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'inv-1-S1' });
    expect(story.state).toBe('placed.shipped');
    expect(story.statuses.payment).toBe('unpaid');
  });

  it('split tender: the online part refunded in full while cash is still due at the door — the parcel leaves and the courier collects', () => {
    const story = placed({
      orderId: 'split-1',
      payment: 'cash_on_delivery',
      payments: [
        { method: 'online', amount: 5_000 },
        { method: 'cash_on_delivery', amount: 1_500 },
      ],
    });
    story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'split-1-P1', amount: eur(5_000), providerRef: 'cap-split-1' });
    story.as(STAFF).send({ type: 'CONFIRM_ORDER' });
    readyParcel(story, 'split-1-S1');
    refund(story, 'split-1-P1', 5_000, 'card part charged twice by the bank, paid again by transfer');
    story.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'split-1-S1' });
    story.as(COURIER).send({ type: 'CARRIER_STATUS', shipmentId: 'split-1-S1', status: 'delivered', codCollected: eur(1_500) });
    expect(story.payment('split-1-P2').state).toBe('captured');
  });
});

describe('the pickup counter', () => {
  it('refunded in full before the parcel is shelved: READY_FOR_PICKUP is refused, so the customer is not called in for nothing', () => {
    const story = paidOnline('pu-1', 'pickup');
    readyParcel(story, 'pu-1-S1');
    refund(story, 'pu-1-P1', TOTAL - 500, 'customer bought it in another branch');
    story.as(STAFF).refused({ type: 'READY_FOR_PICKUP', shipmentId: 'pu-1-S1' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
    expect(story.sentTemplates).not.toContain('ready_for_pickup');
    story.as(STAFF).send({ type: 'CANCEL_ORDER', reason: 'customer_request' });
    expect(story.shipment('pu-1-S1').state).toBe('canceled');
  });

  it('refunded in full while it waits on the shelf: the counter may not hand it over', () => {
    const story = paidOnline('pu-2', 'pickup');
    readyParcel(story, 'pu-2-S1');
    story.as(STAFF).send({ type: 'READY_FOR_PICKUP', shipmentId: 'pu-2-S1' });
    refund(story, 'pu-2-P1', TOTAL - 500, 'not collected in time, refunded');
    story.as(STAFF).refused({ type: 'PICKED_UP', shipmentId: 'pu-2-S1' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
    // There is no pay-at-pickup payment to take fresh money for.
    story.as(STAFF).refused({ type: 'PICKED_UP', shipmentId: 'pu-2-S1', collected: eur(TOTAL - 500) }, { code: 'REJECTED', reason: 'NO_MATCHING_PAYMENT' });
    expect(typesFor(story, STAFF, 'pu-2-S1')).toEqual([]);
  });

  it('pay at pickup is unaffected: shelved unpaid, handed over against the money at the counter', () => {
    const story = placed({ orderId: 'pu-3', payment: 'pay_on_pickup', shipping: 'pickup' });
    story.as(STAFF).send({ type: 'CONFIRM_ORDER' });
    readyParcel(story, 'pu-3-S1');
    story.as(STAFF).send({ type: 'READY_FOR_PICKUP', shipmentId: 'pu-3-S1' });
    story.as(STAFF).refused({ type: 'PICKED_UP', shipmentId: 'pu-3-S1' }, { code: 'REJECTED', reason: 'PAYMENT_REQUIRED' });
    story.as(STAFF).send({ type: 'PICKED_UP', shipmentId: 'pu-3-S1', collected: eur(TOTAL - 500) });
    expect(story.statuses).toMatchObject({ payment: 'paid', fulfilment: 'delivered' });
  });
});

describe('a lost parcel', () => {
  it('refunded in full after the loss, a replacement parcel may not leave; not refunded, it does', () => {
    const story = paidOnline('lost-1');
    readyParcel(story, 'lost-1-S1');
    story.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'lost-1-S1' });
    story.as(COURIER).send({ type: 'CARRIER_STATUS', shipmentId: 'lost-1-S1', status: 'lost' });
    expect(story.templates).toEqual(['shipment_lost']);

    const replaced = story.fork();
    readyParcel(replaced, 'lost-1-S2');
    replaced.as(STAFF).send({ type: 'HAND_TO_CARRIER', shipmentId: 'lost-1-S2' });
    expect(replaced.state).toBe('placed.shipped');

    refund(story, 'lost-1-P1', TOTAL, 'parcel lost by the carrier');
    readyParcel(story, 'lost-1-S2');
    story.as(STAFF).refused({ type: 'HAND_TO_CARRIER', shipmentId: 'lost-1-S2' }, { code: 'REJECTED', reason: 'PAYMENT_REFUNDED' });
  });
});
