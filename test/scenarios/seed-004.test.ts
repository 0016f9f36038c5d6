// Seed 004 — "আমি একজন ভোক্তা আমিই উদ্যোক্তা": a generic OMS customer journey (steps 1–7) and the
// business's fulfilment pipeline (steps 1–8), plus what goes wrong on the road: split shipments,
// failed delivery attempts, lost parcels and returns to sender. One customer shops in Bengali and
// pays in taka (bn / BDT), another in English and dollars (en / USD).
import { describe, expect, it } from 'vitest';
import { type CustomerInput, type LineItemInput, type OrderStatuses, type ShippingMethod } from '../../src/index.js';
import { actor, scenario, type Scenario } from './driver.js';

const SYSTEM = actor('system', 'scheduler');
const STAFF = actor('staff', 'staff-7');
const PSP = actor('payment_provider', 'gateway');
const CARRIER = actor('carrier', 'courier');

// ── the Bengali customer, paying in taka ──────────────────────────────────────────────────────
const BDT = 'BDT' as const;
const taka = (amount: number) => ({ amount, currency: BDT });
const RAHIM = actor('customer', 'rahim');
const RAHIM_GUEST: CustomerInput = { kind: 'guest', email: 'rahim@example.com.bd', phone: '+8801712345678', name: 'রহিম উদ্দিন', locale: 'bn' };
const DHAKA_HOME = { name: 'রহিম উদ্দিন', line1: 'বাড়ি ১২, রোড ৫, ধানমন্ডি', city: 'ঢাকা', postalCode: '1205', country: 'BD', phone: '+8801712345678' } as const;
const DHAKA_OFFICE = { name: 'রহিম উদ্দিন', line1: 'লেভেল ৪, গুলশান এভিনিউ ৭৫', city: 'ঢাকা', postalCode: '1212', country: 'BD' } as const;
// Step 2: options (size, colour) make separate lines of the same product.
const TEE_M_RED: LineItemInput = { lineId: 'l-tee-m-red', sku: 'TEE-M-RED', name: 'টি-শার্ট (M, লাল)', quantity: 1, unitPrice: taka(45_000) };
const TEE_L_BLUE: LineItemInput = { lineId: 'l-tee-l-blue', sku: 'TEE-L-BLU', name: 'টি-শার্ট (L, নীল)', quantity: 1, unitPrice: taka(45_000) };

// ── the English customer, paying in dollars ───────────────────────────────────────────────────
const USD = 'USD' as const;
const usd = (amount: number) => ({ amount, currency: USD });
const JANE = actor('customer', 'jane');
const JANE_ACCOUNT: CustomerInput = { kind: 'account', accountId: 'acc-42', email: 'jane@example.com', name: 'Jane Doe', locale: 'en' };
const JANE_HOME = { name: 'Jane Doe', line1: '500 Market St', line2: 'Apt 4', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' } as const;
const HOODIE_S: LineItemInput = { lineId: 'l-hoodie-s-grey', sku: 'HOODIE-S-GRY', name: 'Hoodie (S, grey)', quantity: 1, unitPrice: usd(3_500) };
const SOCKS: LineItemInput = { lineId: 'l-socks', sku: 'SOCKS-3PK', name: 'Socks (pack of 3)', quantity: 1, unitPrice: usd(900) };

const START = '2026-04-10T10:00:00+06:00';

/** Rahim's taka order: two t-shirt lines (1 × M/red, 2 × L/blue), express, placed and authorized. */
function rahimConfirmed(orderId: string): Scenario {
  const story = scenario({ orderId, currency: BDT, items: [TEE_M_RED, { ...TEE_L_BLUE, quantity: 2 }], customer: RAHIM_GUEST, startAt: START });
  story.as(RAHIM).send({ type: 'START_CHECKOUT' });
  story.as(RAHIM).send({ type: 'SET_SHIPPING_ADDRESS', address: DHAKA_HOME });
  story.as(RAHIM).send({ type: 'SELECT_SHIPPING_METHOD', method: 'express', price: taka(15_000) });
  story.as(RAHIM).send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' });
  story.as(RAHIM).send({ type: 'PLACE_ORDER', total: taka(150_000) });
  story.as(PSP).send({ type: 'PAYMENT_AUTHORIZED', paymentId: `${orderId}-P1`, amount: taka(150_000), providerRef: `bkash-${orderId}` });
  expect(story.state).toBe('placed.confirmed');
  return story;
}

/** Jane's dollar order: hoodie and socks, the given shipping method, placed (payment not yet in). */
function janePlaced(orderId: string, method: ShippingMethod = 'expedited'): Scenario {
  const story = scenario({ orderId, currency: USD, startAt: START });
  story.as(JANE).send({ type: 'ADD_ITEM', item: HOODIE_S });
  story.as(JANE).send({ type: 'ADD_ITEM', item: SOCKS });
  story.as(JANE).send({ type: 'START_CHECKOUT' });
  story.as(JANE).send({ type: 'SET_CUSTOMER', customer: JANE_ACCOUNT });
  story.as(JANE).send({ type: 'SET_SHIPPING_ADDRESS', address: JANE_HOME });
  story.as(JANE).send({ type: 'SELECT_SHIPPING_METHOD', method, price: usd(1_200) });
  story.as(JANE).send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' });
  story.as(JANE).send({ type: 'PLACE_ORDER', total: usd(5_600) });
  return story;
}

/** Jane's order paid by direct capture (sale) and confirmed. */
function janePaid(orderId: string): Scenario {
  const story = janePlaced(orderId);
  story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P1`, amount: usd(5_600), providerRef: `ch_${orderId}` });
  expect(story.state).toBe('placed.confirmed');
  return story;
}

/** Warehouse to carrier for one parcel, with the label bought at packing. */
function handOver(story: Scenario, shipmentId: string, carrier: string, trackingNumber: string): void {
  story.as(SYSTEM).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId });
  story.as(STAFF).send({ type: 'START_PICKING', shipmentId, pickerId: 'picker-3' });
  story.as(STAFF).send({ type: 'PACK_SHIPMENT', shipmentId, label: { carrier, trackingNumber } });
  story.as(STAFF).send({ type: 'MARK_READY_TO_SHIP', shipmentId });
  story.as(CARRIER).send({ type: 'HAND_TO_CARRIER', shipmentId });
}

/** Jane's paid order in one parcel (hoodie and socks), handed to the carrier. */
function janeShipped(orderId: string, carrier: string, trackingNumber: string): Scenario {
  const story = janePaid(orderId);
  story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }, { lineId: 'l-socks', quantity: 1 }] });
  handOver(story, `${orderId}-S1`, carrier, trackingNumber);
  return story;
}

const fulfilment = (s: Scenario): OrderStatuses['fulfilment'] => s.statuses.fulfilment;

describe('seed 004 — OMS customer journey and fulfilment pipeline', () => {
  it('customer journey 1–7 as a guest in Bengali (BDT): option lines, addresses, express, 3-D Secure, confirmation', () => {
    // 2. Add to cart: each size/colour is its own line.
    const story = scenario({ orderId: 'o-4001', currency: BDT, startAt: START });
    story.as(RAHIM).refused({ type: 'START_CHECKOUT' }, { code: 'REJECTED', reason: 'CART_EMPTY' });
    story.as(RAHIM).send({ type: 'ADD_ITEM', item: TEE_M_RED });
    story.as(RAHIM).send({ type: 'ADD_ITEM', item: TEE_L_BLUE });
    story.as(RAHIM).refused({ type: 'ADD_ITEM', item: TEE_L_BLUE }, { code: 'REJECTED', reason: 'LINE_EXISTS' });
    story.as(PSP).refused({ type: 'ADD_ITEM', item: { ...TEE_M_RED, lineId: 'l-x' } }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.as(RAHIM).refused({ type: 'ADD_ITEM', item: { ...TEE_M_RED, lineId: 'l-usd', unitPrice: usd(500) } }, { code: 'INVALID', path: 'item.unitPrice.currency' });
    story.as(RAHIM).refused({ type: 'UPDATE_ITEM_QUANTITY', lineId: 'l-tee-l-blue', quantity: 1.5 }, { code: 'INVALID', path: 'quantity' });
    story.as(RAHIM).send({ type: 'UPDATE_ITEM_QUANTITY', lineId: 'l-tee-l-blue', quantity: 2 });
    story.as(RAHIM).refused({ type: 'REMOVE_ITEM', lineId: 'l-tee-s-green' }, { code: 'REJECTED', reason: 'LINE_NOT_FOUND' });
    expect(story.context.items.map((i) => [i.sku, i.quantity])).toEqual([
      ['TEE-M-RED', 1],
      ['TEE-L-BLU', 2],
    ]);

    // 3. Checkout initiation.
    story.as(RAHIM).send({ type: 'START_CHECKOUT' });
    expect(story.statuses.customer).toBe('checking_out');
    story.as(RAHIM).refused({ type: 'PLACE_ORDER', total: taka(135_000) }, { code: 'REJECTED', reason: 'CHECKOUT_INCOMPLETE' });

    // 4. Guest checkout, with separate billing and shipping addresses.
    story.as(RAHIM).refused({ type: 'SET_CUSTOMER', customer: { kind: 'guest', locale: 'bn' } }, { code: 'INVALID', path: 'customer.email' });
    story.as(RAHIM).send({ type: 'SET_CUSTOMER', customer: RAHIM_GUEST });
    story.as(RAHIM).send({ type: 'SET_SHIPPING_ADDRESS', address: DHAKA_HOME });
    story.as(RAHIM).send({ type: 'SET_BILLING_ADDRESS', address: DHAKA_OFFICE });
    story.as(RAHIM).refused({ type: 'SET_SHIPPING_ADDRESS', address: { ...DHAKA_HOME, country: 'Bangladesh' } }, { code: 'INVALID', path: 'address.country' });

    // 5. Shipping method: standard first, then express instead.
    story.as(RAHIM).send({ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: taka(6_000) });
    story.as(RAHIM).send({ type: 'SELECT_SHIPPING_METHOD', method: 'express', price: taka(15_000) });
    expect(story.context).toMatchObject({ shippingMethod: 'express', shippingPrice: taka(15_000) });

    // 6. Payment through the gateway.
    story.as(RAHIM).send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' });
    story.as(RAHIM).refused({ type: 'PLACE_ORDER', total: taka(141_000) }, { code: 'INVALID', path: 'total' });
    story.as(RAHIM).refused({ type: 'PLACE_ORDER', total: usd(150_000) }, { code: 'INVALID', path: 'total.currency' });
    story.as(RAHIM).send({ type: 'PLACE_ORDER', total: taka(150_000) });
    expect(story.state).toBe('placed.awaiting_payment');
    expect(story.context.totals).toEqual({ subtotal: taka(135_000), shipping: taka(15_000), tax: taka(0), discount: taka(0), total: taka(150_000) });
    expect(story.context.billingAddress).toEqual(DHAKA_OFFICE);
    expect(story.context.shippingAddress).toEqual(DHAKA_HOME);
    expect(story.context.customer).toMatchObject({ kind: 'guest', locale: 'bn', email: 'rahim@example.com.bd' });
    // 7. (first half) The order is acknowledged at once.
    expect(story.effects).toEqual([
      { kind: 'notification', orderId: 'o-4001', template: 'order_placed', audience: 'customer', subject: { machine: 'order', id: 'o-4001' }, data: { amount: { amount: 150000, currency: 'BDT' } } },
    ]);
    expect(story.payment('o-4001-P1')).toMatchObject({ state: 'created', context: { method: 'online', amount: taka(150_000) } });
    // Checkout is closed once the order is placed.
    story.as(RAHIM).refused({ type: 'ADD_ITEM', item: { ...TEE_M_RED, lineId: 'l-late' } }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });

    // 3-D Secure: the bank wants the customer to confirm.
    story.as(PSP).send({ type: 'PAYMENT_REQUIRES_ACTION', paymentId: 'o-4001-P1', actionUrl: 'https://3ds.bank.example.bd/challenge/4001' });
    expect(story.templates).toEqual(['payment_action_required']);
    expect(story.payment('o-4001-P1')).toMatchObject({ state: 'requires_action', context: { actionUrl: 'https://3ds.bank.example.bd/challenge/4001' } });
    expect(story.state).toBe('placed.awaiting_payment');
    story.as(RAHIM).refused({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4001-P1', amount: taka(150_000), providerRef: 'auth-4001' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.as(PSP).refused({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4001-P1', amount: taka(150_001), providerRef: 'auth-4001' }, { code: 'REJECTED', reason: 'AMOUNT_EXCEEDS_PAYMENT' });
    story.as(PSP).refused({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4001-P7', amount: taka(150_000), providerRef: 'auth-4001' }, { code: 'REJECTED', reason: 'UNKNOWN_PAYMENT' });

    // Authorized: 7. (second half) confirmation, and fulfilment step 1 reserves the goods.
    story.as(PSP).send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4001-P1', amount: taka(150_000), providerRef: 'auth-4001' });
    expect(story.state).toBe('placed.confirmed');
    expect(story.payment('o-4001-P1')).toMatchObject({ state: 'authorized', context: { authorized: 150_000, captured: 0 } });
    expect(story.templates).toEqual(['order_confirmed']);
    expect(story.command('reserve_stock')).toEqual({
      kind: 'command',
      orderId: 'o-4001',
      command: 'reserve_stock',
      lines: [
        { lineId: 'l-tee-m-red', quantity: 1 },
        { lineId: 'l-tee-l-blue', quantity: 2 },
      ],
    });
    expect(story.statuses).toMatchObject({ payment: 'authorized', customer: 'processing', fulfilment: 'unfulfilled' });
    expect(story.sentTemplates).toEqual(['order_placed', 'payment_action_required', 'order_confirmed']);
    // Every amount in every effect is in taka.
    for (const effect of story.outbox) {
      const amount = effect.kind === 'notification' ? effect.data.amount : 'amount' in effect ? effect.amount : undefined;
      if (amount !== undefined) expect(amount.currency).toBe('BDT');
    }
  });

  it('account checkout in English (USD): billing defaults to shipping, a declined card, then a retry with ADD_PAYMENT', () => {
    const story = janePlaced('o-4002', 'expedited');
    expect(story.context.customer).toMatchObject({ kind: 'account', accountId: 'acc-42', locale: 'en' });
    expect(story.context.shippingMethod).toBe('expedited');
    // No billing address given: the shipping address is used.
    expect(story.context.billingAddress).toEqual(JANE_HOME);

    story.as(PSP).send({ type: 'PAYMENT_FAILED', paymentId: 'o-4002-P1', code: 'card_declined', message: 'Your card was declined.' });
    expect(story.effects).toEqual([
      {
        kind: 'notification',
        orderId: 'o-4002',
        template: 'payment_failed',
        audience: 'customer',
        subject: { machine: 'payment', id: 'o-4002-P1' },
        data: { reason: 'card_declined' },
      },
    ]);
    expect(story.payment('o-4002-P1')).toMatchObject({ state: 'failed', context: { failure: { code: 'card_declined', message: 'Your card was declined.' } } });
    expect(story.state).toBe('placed.awaiting_payment');
    expect(story.statuses).toMatchObject({ payment: 'unpaid', customer: 'awaiting_payment' });
    story.as(PSP).refused({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4002-P1', amount: usd(5_600), providerRef: 'late' }, { code: 'REJECTED', reason: 'TERMINAL_STATE' });

    // Retry with another card.
    story.as(JANE).refused({ type: 'ADD_PAYMENT', method: 'online', amount: usd(5_601) }, { code: 'REJECTED', reason: 'AMOUNT_EXCEEDS_OUTSTANDING' });
    story.as(PSP).refused({ type: 'ADD_PAYMENT', method: 'online', amount: usd(5_600) }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.as(JANE).refused({ type: 'ADD_PAYMENT', method: 'online', amount: usd(-5) }, { code: 'INVALID', path: 'amount.amount' });
    story.as(JANE).refused({ type: 'ADD_PAYMENT', method: 'online', amount: usd(56.5) }, { code: 'INVALID', path: 'amount.amount' });
    story.as(JANE).send({ type: 'ADD_PAYMENT', method: 'online', amount: usd(5_600) });
    expect(story.changes).toContainEqual({ machine: 'payment', id: 'o-4002-P2', from: null, to: 'created' });
    story.as(JANE).refused({ type: 'ADD_PAYMENT', method: 'online', amount: usd(100) }, { code: 'REJECTED', reason: 'AMOUNT_EXCEEDS_OUTSTANDING' });

    story.as(PSP).send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4002-P2', amount: usd(5_600), providerRef: 'pi_4002_b' });
    expect(story.state).toBe('placed.confirmed');
    expect(story.templates).toEqual(['order_confirmed']);
    expect(story.commandNames).toEqual(['reserve_stock']);
    expect(story.statuses.payment).toBe('authorized');
    // The same authorization reported again is refused, not double counted.
    story.as(PSP).refused({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4002-P2', amount: usd(5_600), providerRef: 'pi_4002_b' }, { code: 'REJECTED', reason: 'DUPLICATE_PROVIDER_REFERENCE' });
  });

  it('fulfilment pipeline 1–8 (USD): verify, warehouse, pick list, pack, hand over with tracking, deliver, exchange and a missing-item claim', () => {
    const story = janePlaced('o-4003', 'expedited');
    story.as(PSP).send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4003-P1', amount: usd(5_600), providerRef: 'pi_4003' });

    // 1. Received and verified: stock reserved, payment verified.
    expect(story.command('reserve_stock').lines).toEqual([
      { lineId: 'l-hoodie-s-grey', quantity: 1 },
      { lineId: 'l-socks', quantity: 1 },
    ]);
    story.as(SYSTEM).send({ type: 'STOCK_RESERVED' });
    expect(story.context.stock).toBe('reserved');
    story.as(SYSTEM).refused({ type: 'STOCK_RESERVED' }, { code: 'REJECTED', reason: 'STOCK_ALREADY_RESERVED' });
    expect(story.statuses.payment).toBe('authorized');

    // 2. Sent to the warehouse.
    story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }, { lineId: 'l-socks', quantity: 1 }], warehouse: 'wh-oakland' });
    expect(story.shipment('o-4003-S1').context).toMatchObject({ method: 'expedited', warehouse: 'wh-oakland' });
    story.as(JANE).refused({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-4003-S1' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.as(SYSTEM).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-4003-S1' });
    expect(story.shipment('o-4003-S1').state).toBe('ready');

    // 3. Picking, from a pick list, by an assigned picker.
    story.as(SYSTEM).refused({ type: 'START_PICKING', shipmentId: 'o-4003-S1', pickerId: 'bot' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.as(STAFF).send({ type: 'START_PICKING', shipmentId: 'o-4003-S1', pickerId: 'picker-3', pickListId: 'PL-2026-0410-017' });
    expect(story.shipment('o-4003-S1').context).toMatchObject({ pickerId: 'picker-3', pickListId: 'PL-2026-0410-017' });
    expect(story.statuses.customer).toBe('picking');
    // A customer may still cancel while goods are being picked, but not once packed.
    expect(story.order.order.context.summary.shipmentProgress).toBe('preparing');

    // 4. Packing: sealed, labelled with the address.
    story.as(STAFF).send({ type: 'PACK_SHIPMENT', shipmentId: 'o-4003-S1', packerId: 'packer-1', invoiceNumber: 'INV-4003', label: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } });
    expect(story.commandNames).toEqual([]); // the label came with the parcel
    expect(story.shipment('o-4003-S1').context).toMatchObject({ packerId: 'packer-1', invoiceNumber: 'INV-4003', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(story.statuses.customer).toBe('packing');
    story.as(JANE).refused({ type: 'CANCEL_ORDER', reason: 'customer_request' }, { code: 'REJECTED', reason: 'ALREADY_PACKED' });
    story.as(STAFF).send({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-4003-S1' });
    expect(story.statuses.customer).toBe('ready_to_ship');

    // 5–6. Shipping: the carrier scans the parcel; the tracking number goes to the customer by email.
    story.as(CARRIER).send({ type: 'HAND_TO_CARRIER', shipmentId: 'o-4003-S1', carrier: 'UPS' });
    expect(story.effects).toEqual([
      {
        kind: 'notification',
        orderId: 'o-4003',
        template: 'shipment_shipped',
        audience: 'customer',
        subject: { machine: 'shipment', id: 'o-4003-S1' },
        data: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' },
      },
    ]);
    expect(story.state).toBe('placed.shipped');
    expect(story.statuses).toMatchObject({ fulfilment: 'shipped', customer: 'shipped' });
    story.as(STAFF).refused({ type: 'CANCEL_ORDER', reason: 'customer_request' }, { code: 'REJECTED', reason: 'ALREADY_SHIPPED' });
    story.as(SYSTEM).send({ type: 'REQUEST_CAPTURE', paymentId: 'o-4003-P1' });
    expect(story.command('capture_payment')).toMatchObject({ paymentId: 'o-4003-P1', amount: usd(5_600) });
    story.as(PSP).refused({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4003-P1', amount: usd(5_601), providerRef: 'ch_4003' }, { code: 'REJECTED', reason: 'CAPTURE_EXCEEDS_AUTHORIZED' });
    story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4003-P1', amount: usd(5_600), providerRef: 'ch_4003' });
    expect(story.statuses.payment).toBe('paid');

    // 7. Delivery.
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4003-S1', status: 'in_transit', location: 'Oakland, CA' });
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4003-S1', status: 'out_for_delivery', location: 'San Francisco, CA' });
    expect(story.templates).toEqual(['shipment_out_for_delivery']);
    expect(story.statuses.customer).toBe('out_for_delivery');
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4003-S1', status: 'delivered' });
    expect(story.templates).toEqual(['shipment_delivered']);
    expect(story.state).toBe('placed.delivered');
    expect(story.statuses).toMatchObject({ fulfilment: 'delivered', customer: 'delivered' });
    expect(story.shipment('o-4003-S1').context.tracking.map((t) => t.status)).toEqual(['in_transit', 'out_for_delivery', 'delivered']);
    story.as(CARRIER).refused({ type: 'CARRIER_STATUS', shipmentId: 'o-4003-S1', status: 'delivered' }, { code: 'REJECTED', reason: 'TERMINAL_STATE' });

    // 8. Post-delivery support (a) an exchange: the hoodie is too small.
    story.wait({ days: 3 });
    story.as(JANE).send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }], reason: 'wrong_size', comment: 'Need an M please' });
    story.as(STAFF).send({ type: 'APPROVE_RETURN', returnId: 'o-4003-R1', note: 'Exchange for M' });
    story.as(SYSTEM).send({ type: 'ISSUE_RETURN_LABEL', returnId: 'o-4003-R1', label: { carrier: 'UPS', trackingNumber: '1ZRETURN4003' } });
    expect(story.notification('return_label_issued').data).toEqual({ carrier: 'UPS', trackingNumber: '1ZRETURN4003' });
    story.as(JANE).send({ type: 'RETURN_SHIPPED', returnId: 'o-4003-R1' });
    story.as(STAFF).send({ type: 'RETURN_RECEIVED', returnId: 'o-4003-R1' });
    story.as(STAFF).send({ type: 'INSPECT_RETURN', returnId: 'o-4003-R1', outcome: 'accepted', note: 'unworn' });
    story.as(STAFF).send({ type: 'RESOLVE_RETURN', returnId: 'o-4003-R1', resolution: 'exchange' });
    expect(story.commands).toEqual([
      { kind: 'command', orderId: 'o-4003', command: 'create_exchange_order', returnId: 'o-4003-R1', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }], resolution: 'exchange' },
    ]);
    expect(story.notification('return_resolved').data).toEqual({ resolution: 'exchange' });
    story.as(STAFF).send({ type: 'CLOSE_RETURN', returnId: 'o-4003-R1' });

    // (b) a complaint, as a claim: the socks were not in the box. Nothing comes back.
    story.as(JANE).send({ type: 'OPEN_CLAIM', kind: 'missing', lines: [{ lineId: 'l-socks', quantity: 1 }], description: 'The socks were not in the box.' });
    expect(story.templates).toEqual(['claim_opened']);
    expect(story.returnCase('o-4003-R2').context).toMatchObject({ kind: 'claim', claimKind: 'missing', needsInbound: false });
    story.as(STAFF).send({ type: 'APPROVE_RETURN', returnId: 'o-4003-R2' });
    story.as(STAFF).refused({ type: 'ISSUE_RETURN_LABEL', returnId: 'o-4003-R2', label: { carrier: 'UPS', trackingNumber: '1ZNOPE' } }, { code: 'REJECTED', reason: 'NO_INBOUND_NEEDED' });
    story.as(STAFF).refused({ type: 'RESOLVE_RETURN', returnId: 'o-4003-R2', resolution: 'refund', amount: usd(901) }, { code: 'REJECTED', reason: 'REFUND_EXCEEDS_RETURNED_VALUE' });
    story.as(STAFF).refused({ type: 'COMPLETE_ORDER' }, { code: 'REJECTED', reason: 'RETURNS_OPEN' });
    story.as(STAFF).send({ type: 'RESOLVE_RETURN', returnId: 'o-4003-R2', resolution: 'refund', amount: usd(900) });
    expect(story.returnCase('o-4003-R2').state).toBe('resolved');
    expect(story.commands).toEqual([
      { kind: 'command', orderId: 'o-4003', command: 'refund_payment', paymentId: 'o-4003-P1', amount: usd(900), reason: 'return o-4003-R2' },
    ]);
    story.as(PSP).send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-4003-P1', amount: usd(900), providerRef: 're_4003' });
    expect(story.statuses.payment).toBe('partially_refunded');
    story.as(STAFF).send({ type: 'CLOSE_RETURN', returnId: 'o-4003-R2' });
    story.as(STAFF).send({ type: 'COMPLETE_ORDER' });
    expect(story.state).toBe('completed');
    expect(story.statuses.customer).toBe('completed');
  });

  it('a damaged-item claim needs the goods back before it is settled by a replacement', () => {
    const story = janeShipped('o-4004', 'UPS', '1Z4004');
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4004-S1', status: 'delivered' });
    story.wait({ days: 2 });
    story.as(JANE).send({ type: 'OPEN_CLAIM', kind: 'damaged', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }], description: 'Torn seam on arrival.' });
    expect(story.returnCase('o-4004-R1').context).toMatchObject({ kind: 'claim', claimKind: 'damaged', needsInbound: true });
    story.as(STAFF).send({ type: 'APPROVE_RETURN', returnId: 'o-4004-R1' });
    story.as(STAFF).refused({ type: 'RESOLVE_RETURN', returnId: 'o-4004-R1', resolution: 'replacement' }, { code: 'REJECTED', reason: 'INBOUND_REQUIRED' });
    story.as(STAFF).send({ type: 'ISSUE_RETURN_LABEL', returnId: 'o-4004-R1', label: { carrier: 'UPS', trackingNumber: '1ZRET4004' } });
    story.as(CARRIER).send({ type: 'RETURN_SHIPPED', returnId: 'o-4004-R1', trackingNumber: '1ZRET4004' });
    story.as(STAFF).send({ type: 'RETURN_RECEIVED', returnId: 'o-4004-R1' });
    story.as(STAFF).send({ type: 'INSPECT_RETURN', returnId: 'o-4004-R1', outcome: 'accepted' });
    story.as(STAFF).send({ type: 'RESOLVE_RETURN', returnId: 'o-4004-R1', resolution: 'replacement' });
    expect(story.command('create_exchange_order')).toEqual({
      kind: 'command',
      orderId: 'o-4004',
      command: 'create_exchange_order',
      returnId: 'o-4004-R1',
      lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }],
      resolution: 'replacement',
    });
    expect(story.commandNames).not.toContain('refund_payment');
  });

  it('split shipments (BDT): two parcels, order fulfilling → partially shipped → shipped → delivered', () => {
    const story = rahimConfirmed('o-4010');
    expect(story.context.customer?.locale).toBe('bn');
    const orderStates: string[] = [story.state];
    const fulfilmentStates: string[] = [fulfilment(story)];
    const note = () => {
      if (orderStates[orderStates.length - 1] !== story.state) orderStates.push(story.state);
      if (fulfilmentStates[fulfilmentStates.length - 1] !== fulfilment(story)) fulfilmentStates.push(fulfilment(story));
    };

    // Dhaka has the red M and one blue L; Chattogram has the other blue L.
    story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-m-red', quantity: 1 }, { lineId: 'l-tee-l-blue', quantity: 1 }], warehouse: 'dhaka' });
    note();
    story.as(SYSTEM).refused({ type: 'CREATE_SHIPMENT', shipmentId: 'o-4010-S1', lines: [{ lineId: 'l-tee-l-blue', quantity: 1 }] }, { code: 'REJECTED', reason: 'DUPLICATE_ID' });
    story.as(SYSTEM).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 2 }] }, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    story.as(SYSTEM).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-s-green', quantity: 1 }] }, { code: 'REJECTED', reason: 'LINE_NOT_FOUND' });
    story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 1 }], warehouse: 'chattogram' });
    note();
    story.as(SYSTEM).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-m-red', quantity: 1 }] }, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    expect(story.order.shipments.map((s) => [s.id, s.context.method, s.context.warehouse])).toEqual([
      ['o-4010-S1', 'express', 'dhaka'],
      ['o-4010-S2', 'express', 'chattogram'],
    ]);

    handOver(story, 'o-4010-S1', 'Pathao', 'PTH-4010-1');
    note();
    expect(story.notification('shipment_shipped')).toMatchObject({ subject: { machine: 'shipment', id: 'o-4010-S1' }, data: { carrier: 'Pathao', trackingNumber: 'PTH-4010-1' } });
    expect(story.state).toBe('placed.partially_shipped');
    expect(story.statuses).toMatchObject({ fulfilment: 'partially_shipped', customer: 'partially_shipped' });
    story.as(SYSTEM).send({ type: 'REQUEST_CAPTURE', paymentId: 'o-4010-P1', amount: taka(105_000) });
    story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4010-P1', amount: taka(105_000), providerRef: 'cap-4010-1' });
    expect(story.payment('o-4010-P1').state).toBe('partially_captured');
    expect(story.statuses.payment).toBe('partially_paid');

    handOver(story, 'o-4010-S2', 'Sundarban Courier', 'SCS-4010-2');
    note();
    expect(story.state).toBe('placed.shipped');
    expect(fulfilment(story)).toBe('shipped');
    story.as(SYSTEM).send({ type: 'REQUEST_CAPTURE', paymentId: 'o-4010-P1' });
    story.as(PSP).send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4010-P1', amount: taka(45_000), providerRef: 'cap-4010-2' });
    expect(story.payment('o-4010-P1')).toMatchObject({ state: 'captured', context: { captured: 150_000 } });
    expect(story.statuses.payment).toBe('paid');

    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4010-S1', status: 'delivered' });
    note();
    expect(story.state).toBe('placed.shipped');
    expect(fulfilment(story)).toBe('partially_delivered');

    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4010-S2', status: 'delivered' });
    note();
    expect(story.state).toBe('placed.delivered');

    expect(orderStates).toEqual(['placed.confirmed', 'placed.fulfilling', 'placed.partially_shipped', 'placed.shipped', 'placed.delivered']);
    expect(fulfilmentStates).toEqual(['unfulfilled', 'partially_shipped', 'shipped', 'partially_delivered', 'delivered']);
    expect(story.sentTemplates.filter((t) => t === 'shipment_shipped')).toHaveLength(2);
    expect(story.sentTemplates.filter((t) => t === 'shipment_delivered')).toHaveLength(2);
  });

  it('failed delivery attempt, then redelivery (USD): attempts counted and told to the customer', () => {
    const story = janeShipped('o-4020', 'USPS', '9400100000000000004020');
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'out_for_delivery' });
    story.as(JANE).refused({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'failure' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'failure', detail: 'No one home' });
    expect(story.effects).toEqual([
      {
        kind: 'notification',
        orderId: 'o-4020',
        template: 'delivery_attempt_failed',
        audience: 'customer',
        subject: { machine: 'shipment', id: 'o-4020-S1' },
        data: { attempts: 1 },
      },
    ]);
    expect(story.shipment('o-4020-S1')).toMatchObject({ state: 'delivery_failed', context: { attempts: 1 } });
    expect(story.state).toBe('placed.shipped');
    expect(story.statuses.customer).toBe('delivery_attempt_failed');
    story.as(CARRIER).refused({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'returned_to_sender' }, { code: 'REJECTED', reason: 'CARRIER_STATUS_NOT_APPLICABLE' });

    // Next day: out again, a second failed attempt, then delivered.
    story.wait({ days: 1 });
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'out_for_delivery' });
    expect(story.statuses.customer).toBe('out_for_delivery');
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'failure' });
    expect(story.notification('delivery_attempt_failed').data).toEqual({ attempts: 2 });
    // A repeated failure scan counts too.
    story.wait({ days: 1 });
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'failure', detail: 'Access code needed' });
    expect(story.notification('delivery_attempt_failed').data).toEqual({ attempts: 3 });
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'out_for_delivery' });
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'delivered' });
    expect(story.shipment('o-4020-S1')).toMatchObject({ state: 'delivered', context: { attempts: 3 } });
    expect(story.state).toBe('placed.delivered');
    expect(story.statuses).toMatchObject({ fulfilment: 'delivered', customer: 'delivered' });
  });

  it('a lost parcel (BDT): the order falls back to partially shipped and a replacement parcel is sent', () => {
    const story = rahimConfirmed('o-4030');
    story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-m-red', quantity: 1 }] });
    story.as(SYSTEM).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 2 }] });
    handOver(story, 'o-4030-S1', 'Pathao', 'PTH-4030-1');
    handOver(story, 'o-4030-S2', 'Pathao', 'PTH-4030-2');
    expect(story.state).toBe('placed.shipped');
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S1', status: 'delivered' });
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S2', status: 'in_transit' });
    // While the parcel is under way, its lines cannot be sent again.
    story.as(STAFF).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 2 }] }, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });

    story.wait({ days: 5 });
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S2', status: 'lost', detail: 'Parcel not found at hub' });
    expect(story.notification('shipment_lost').subject).toEqual({ machine: 'shipment', id: 'o-4030-S2' });
    expect(story.changes).toContainEqual({ machine: 'order', id: 'o-4030', from: 'placed.shipped', to: 'placed.partially_shipped' });
    expect(story.state).toBe('placed.partially_shipped');
    expect(story.statuses).toMatchObject({ fulfilment: 'partially_delivered', customer: 'partially_shipped' });
    story.as(CARRIER).refused({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S2', status: 'delivered' }, { code: 'REJECTED', reason: 'TERMINAL_STATE' });

    // A replacement for exactly the lost lines.
    story.as(STAFF).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 3 }] }, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    story.as(STAFF).refused({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-m-red', quantity: 1 }] }, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    story.as(STAFF).send({ type: 'CREATE_SHIPMENT', shipmentId: 'o-4030-S2-R', lines: [{ lineId: 'l-tee-l-blue', quantity: 2 }] });
    expect(story.changes).toContainEqual({ machine: 'shipment', id: 'o-4030-S2-R', from: null, to: 'pending' });
    expect(story.state).toBe('placed.partially_shipped');
    handOver(story, 'o-4030-S2-R', 'Pathao', 'PTH-4030-3');
    expect(story.state).toBe('placed.shipped');
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S2-R', status: 'delivered' });
    expect(story.state).toBe('placed.delivered');
    expect(story.statuses.fulfilment).toBe('delivered');
    expect(story.order.shipments.map((s) => [s.id, s.state])).toEqual([
      ['o-4030-S1', 'delivered'],
      ['o-4030-S2', 'lost'],
      ['o-4030-S2-R', 'delivered'],
    ]);
  });

  it('return to sender (USD): the parcel comes back, the order is open again and staff cancel with a full refund', () => {
    const story = janeShipped('o-4040', 'USPS', '9400100000000000004040');
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4040-S1', status: 'failure', detail: 'Address not found' });
    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4040-S1', status: 'return_to_sender' });
    expect(story.shipment('o-4040-S1').state).toBe('returning_to_sender');
    expect(story.state).toBe('placed.shipped');
    story.as(CARRIER).refused({ type: 'CARRIER_STATUS', shipmentId: 'o-4040-S1', status: 'delivered' }, { code: 'REJECTED', reason: 'CARRIER_STATUS_NOT_APPLICABLE' });

    story.as(CARRIER).send({ type: 'CARRIER_STATUS', shipmentId: 'o-4040-S1', status: 'returned_to_sender' });
    expect(story.notification('shipment_returned_to_sender').subject).toEqual({ machine: 'shipment', id: 'o-4040-S1' });
    expect(story.state).toBe('placed.confirmed');
    expect(story.statuses).toMatchObject({ fulfilment: 'unfulfilled', payment: 'paid' });

    story.as(STAFF).send({ type: 'CANCEL_ORDER', reason: 'address_invalid', note: 'Returned by carrier: address not found' });
    expect(story.state).toBe('canceled');
    expect(story.notification('order_canceled').data).toEqual({ reason: 'address_invalid' });
    expect(story.command('release_stock').lines).toEqual([
      { lineId: 'l-hoodie-s-grey', quantity: 1 },
      { lineId: 'l-socks', quantity: 1 },
    ]);
    expect(story.command('refund_payment')).toEqual({
      kind: 'command',
      orderId: 'o-4040',
      command: 'refund_payment',
      paymentId: 'o-4040-P1',
      amount: usd(5_600),
      reason: 'order canceled: address_invalid',
    });
    expect(story.context.cancellation).toMatchObject({ reason: 'address_invalid', by: 'staff' });
    story.as(PSP).send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-4040-P1', amount: usd(5_600), providerRef: 're_4040' });
    expect(story.statuses).toMatchObject({ payment: 'refunded', customer: 'canceled' });
  });
});
