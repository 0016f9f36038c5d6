// Seed 004 — "আমি একজন ভোক্তা আমিই উদ্যোক্তা": a generic OMS customer journey (steps 1–7) and the
// business's fulfilment pipeline (steps 1–8), plus what goes wrong on the road: split shipments,
// failed delivery attempts, lost parcels and returns to sender. One customer shops in Bengali and
// pays in taka (bn / BDT), another in English and dollars (en / USD).
import { describe, expect, it } from 'vitest';
import { type CustomerInput, type LineItemInput, type OrderStatuses, type ShippingMethod } from '../../src/index.js';
import {
  CARRIER,
  PSP,
  STAFF,
  SYSTEM,
  Story,
  commandNames,
  commands,
  customer,
  templates,
  theCommand,
  theNotification,
} from './support-002-004.js';

// ── the Bengali customer, paying in taka ──────────────────────────────────────────────────────
const BDT = 'BDT' as const;
const taka = (amount: number) => ({ amount, currency: BDT });
const RAHIM = customer('rahim');
const RAHIM_GUEST: CustomerInput = { kind: 'guest', email: 'rahim@example.com.bd', phone: '+8801712345678', name: 'রহিম উদ্দিন', locale: 'bn' };
const DHAKA_HOME = { name: 'রহিম উদ্দিন', line1: 'বাড়ি ১২, রোড ৫, ধানমন্ডি', city: 'ঢাকা', postalCode: '1205', country: 'BD', phone: '+8801712345678' } as const;
const DHAKA_OFFICE = { name: 'রহিম উদ্দিন', line1: 'লেভেল ৪, গুলশান এভিনিউ ৭৫', city: 'ঢাকা', postalCode: '1212', country: 'BD' } as const;
// Step 2: options (size, colour) make separate lines of the same product.
const TEE_M_RED: LineItemInput = { lineId: 'l-tee-m-red', sku: 'TEE-M-RED', name: 'টি-শার্ট (M, লাল)', quantity: 1, unitPrice: taka(45_000) };
const TEE_L_BLUE: LineItemInput = { lineId: 'l-tee-l-blue', sku: 'TEE-L-BLU', name: 'টি-শার্ট (L, নীল)', quantity: 1, unitPrice: taka(45_000) };

// ── the English customer, paying in dollars ───────────────────────────────────────────────────
const USD = 'USD' as const;
const usd = (amount: number) => ({ amount, currency: USD });
const JANE = customer('jane');
const JANE_ACCOUNT: CustomerInput = { kind: 'account', accountId: 'acc-42', email: 'jane@example.com', name: 'Jane Doe', locale: 'en' };
const JANE_HOME = { name: 'Jane Doe', line1: '500 Market St', line2: 'Apt 4', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' } as const;
const HOODIE_S: LineItemInput = { lineId: 'l-hoodie-s-grey', sku: 'HOODIE-S-GRY', name: 'Hoodie (S, grey)', quantity: 1, unitPrice: usd(3_500) };
const SOCKS: LineItemInput = { lineId: 'l-socks', sku: 'SOCKS-3PK', name: 'Socks (pack of 3)', quantity: 1, unitPrice: usd(900) };

const START = '2026-04-10T10:00:00+06:00';

/** Rahim's taka order: two t-shirt lines (1 × M/red, 2 × L/blue), express, placed and authorized. */
function rahimConfirmed(orderId: string): Story {
  const story = new Story({ orderId, currency: BDT, items: [TEE_M_RED, { ...TEE_L_BLUE, quantity: 2 }], customer: RAHIM_GUEST }, START);
  story.send({ type: 'START_CHECKOUT' }, RAHIM);
  story.send({ type: 'SET_SHIPPING_ADDRESS', address: DHAKA_HOME }, RAHIM);
  story.send({ type: 'SELECT_SHIPPING_METHOD', method: 'express', price: taka(15_000) }, RAHIM);
  story.send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' }, RAHIM);
  story.send({ type: 'PLACE_ORDER', total: taka(150_000) }, RAHIM);
  story.send({ type: 'PAYMENT_AUTHORIZED', paymentId: `${orderId}-P1`, amount: taka(150_000), providerRef: `bkash-${orderId}` }, PSP);
  expect(story.state).toBe('placed.confirmed');
  return story;
}

/** Jane's dollar order: hoodie and socks, the given shipping method, placed (payment not yet in). */
function janePlaced(orderId: string, method: ShippingMethod = 'expedited'): Story {
  const story = new Story({ orderId, currency: USD }, START);
  story.send({ type: 'ADD_ITEM', item: HOODIE_S }, JANE);
  story.send({ type: 'ADD_ITEM', item: SOCKS }, JANE);
  story.send({ type: 'START_CHECKOUT' }, JANE);
  story.send({ type: 'SET_CUSTOMER', customer: JANE_ACCOUNT }, JANE);
  story.send({ type: 'SET_SHIPPING_ADDRESS', address: JANE_HOME }, JANE);
  story.send({ type: 'SELECT_SHIPPING_METHOD', method, price: usd(1_200) }, JANE);
  story.send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' }, JANE);
  story.send({ type: 'PLACE_ORDER', total: usd(5_600) }, JANE);
  return story;
}

/** Jane's order paid by direct capture (sale) and confirmed. */
function janePaid(orderId: string): Story {
  const story = janePlaced(orderId);
  story.send({ type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P1`, amount: usd(5_600), providerRef: `ch_${orderId}` }, PSP);
  expect(story.state).toBe('placed.confirmed');
  return story;
}

/** Warehouse to carrier for one parcel, with the label bought at packing. */
function handOver(story: Story, shipmentId: string, carrier: string, trackingNumber: string): void {
  story.send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId }, SYSTEM);
  story.send({ type: 'START_PICKING', shipmentId, pickerId: 'picker-3' }, STAFF);
  story.send({ type: 'PACK_SHIPMENT', shipmentId, label: { carrier, trackingNumber } }, STAFF);
  story.send({ type: 'MARK_READY_TO_SHIP', shipmentId }, STAFF);
  story.send({ type: 'HAND_TO_CARRIER', shipmentId }, CARRIER);
}

const fulfilment = (s: Story): OrderStatuses['fulfilment'] => s.statuses().fulfilment;

describe('seed 004 — OMS customer journey and fulfilment pipeline', () => {
  it('customer journey 1–7 as a guest in Bengali (BDT): option lines, addresses, express, 3-D Secure, confirmation', () => {
    // 2. Add to cart: each size/colour is its own line.
    const story = new Story({ orderId: 'o-4001', currency: BDT }, START);
    story.refuse({ type: 'START_CHECKOUT' }, RAHIM, { code: 'REJECTED', reason: 'CART_EMPTY' });
    story.send({ type: 'ADD_ITEM', item: TEE_M_RED }, RAHIM);
    story.send({ type: 'ADD_ITEM', item: TEE_L_BLUE }, RAHIM);
    story.refuse({ type: 'ADD_ITEM', item: TEE_L_BLUE }, RAHIM, { code: 'REJECTED', reason: 'LINE_EXISTS' });
    story.refuse({ type: 'ADD_ITEM', item: { ...TEE_M_RED, lineId: 'l-x' } }, PSP, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.invalid({ type: 'ADD_ITEM', item: { ...TEE_M_RED, lineId: 'l-usd', unitPrice: usd(500) } }, RAHIM, 'item.unitPrice.currency');
    story.invalid({ type: 'UPDATE_ITEM_QUANTITY', lineId: 'l-tee-l-blue', quantity: 1.5 }, RAHIM, 'quantity');
    story.send({ type: 'UPDATE_ITEM_QUANTITY', lineId: 'l-tee-l-blue', quantity: 2 }, RAHIM);
    story.refuse({ type: 'REMOVE_ITEM', lineId: 'l-tee-s-green' }, RAHIM, { code: 'REJECTED', reason: 'LINE_NOT_FOUND' });
    expect(story.ctx.items.map((i) => [i.sku, i.quantity])).toEqual([
      ['TEE-M-RED', 1],
      ['TEE-L-BLU', 2],
    ]);

    // 3. Checkout initiation.
    story.send({ type: 'START_CHECKOUT' }, RAHIM);
    expect(story.statuses().customer).toBe('checking_out');
    story.refuse({ type: 'PLACE_ORDER', total: taka(135_000) }, RAHIM, { code: 'REJECTED', reason: 'CHECKOUT_INCOMPLETE' });

    // 4. Guest checkout, with separate billing and shipping addresses.
    story.invalid({ type: 'SET_CUSTOMER', customer: { kind: 'guest', locale: 'bn' } }, RAHIM, 'customer.email');
    story.send({ type: 'SET_CUSTOMER', customer: RAHIM_GUEST }, RAHIM);
    story.send({ type: 'SET_SHIPPING_ADDRESS', address: DHAKA_HOME }, RAHIM);
    story.send({ type: 'SET_BILLING_ADDRESS', address: DHAKA_OFFICE }, RAHIM);
    story.invalid({ type: 'SET_SHIPPING_ADDRESS', address: { ...DHAKA_HOME, country: 'Bangladesh' } }, RAHIM, 'address.country');

    // 5. Shipping method: standard first, then express instead.
    story.send({ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: taka(6_000) }, RAHIM);
    story.send({ type: 'SELECT_SHIPPING_METHOD', method: 'express', price: taka(15_000) }, RAHIM);
    expect(story.ctx).toMatchObject({ shippingMethod: 'express', shippingPrice: taka(15_000) });

    // 6. Payment through the gateway.
    story.send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' }, RAHIM);
    story.invalid({ type: 'PLACE_ORDER', total: taka(141_000) }, RAHIM, 'total');
    story.invalid({ type: 'PLACE_ORDER', total: usd(150_000) }, RAHIM, 'total.currency');
    const placed = story.send({ type: 'PLACE_ORDER', total: taka(150_000) }, RAHIM);
    expect(story.state).toBe('placed.awaiting_payment');
    expect(story.ctx.totals).toEqual({ subtotal: taka(135_000), shipping: taka(15_000), tax: taka(0), discount: taka(0), total: taka(150_000) });
    expect(story.ctx.billingAddress).toEqual(DHAKA_OFFICE);
    expect(story.ctx.shippingAddress).toEqual(DHAKA_HOME);
    expect(story.ctx.customer).toMatchObject({ kind: 'guest', locale: 'bn', email: 'rahim@example.com.bd' });
    // 7. (first half) The order is acknowledged at once.
    expect(placed.effects).toEqual([
      { kind: 'notification', orderId: 'o-4001', template: 'order_placed', audience: 'customer', subject: { machine: 'order', id: 'o-4001' }, data: { amount: { amount: 150000, currency: 'BDT' } } },
    ]);
    expect(story.payment('o-4001-P1')).toMatchObject({ state: 'created', context: { method: 'online', amount: taka(150_000) } });
    // Checkout is closed once the order is placed.
    story.refuse({ type: 'ADD_ITEM', item: { ...TEE_M_RED, lineId: 'l-late' } }, RAHIM, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });

    // 3-D Secure: the bank wants the customer to confirm.
    const challenge = story.send({ type: 'PAYMENT_REQUIRES_ACTION', paymentId: 'o-4001-P1', actionUrl: 'https://3ds.bank.example.bd/challenge/4001' }, PSP);
    expect(templates(challenge.effects)).toEqual(['payment_action_required']);
    expect(story.payment('o-4001-P1')).toMatchObject({ state: 'requires_action', context: { actionUrl: 'https://3ds.bank.example.bd/challenge/4001' } });
    expect(story.state).toBe('placed.awaiting_payment');
    story.refuse({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4001-P1', amount: taka(150_000), providerRef: 'auth-4001' }, RAHIM, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.refuse({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4001-P1', amount: taka(150_001), providerRef: 'auth-4001' }, PSP, { code: 'REJECTED', reason: 'AMOUNT_EXCEEDS_PAYMENT' });
    story.refuse({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4001-P7', amount: taka(150_000), providerRef: 'auth-4001' }, PSP, { code: 'REJECTED', reason: 'UNKNOWN_PAYMENT' });

    // Authorized: 7. (second half) confirmation, and fulfilment step 1 reserves the goods.
    const authorized = story.send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4001-P1', amount: taka(150_000), providerRef: 'auth-4001' }, PSP);
    expect(story.state).toBe('placed.confirmed');
    expect(story.payment('o-4001-P1')).toMatchObject({ state: 'authorized', context: { authorized: 150_000, captured: 0 } });
    expect(templates(authorized.effects)).toEqual(['order_confirmed']);
    expect(theCommand(authorized.effects, 'reserve_stock')).toEqual({
      kind: 'command',
      orderId: 'o-4001',
      command: 'reserve_stock',
      lines: [
        { lineId: 'l-tee-m-red', quantity: 1 },
        { lineId: 'l-tee-l-blue', quantity: 2 },
      ],
    });
    expect(story.statuses()).toMatchObject({ payment: 'authorized', customer: 'processing', fulfilment: 'unfulfilled' });
    expect(templates(story.allEffects())).toEqual(['order_placed', 'payment_action_required', 'order_confirmed']);
    // Every amount in every effect is in taka.
    for (const effect of story.allEffects()) {
      const amount = effect.kind === 'notification' ? effect.data.amount : 'amount' in effect ? effect.amount : undefined;
      if (amount !== undefined) expect(amount.currency).toBe('BDT');
    }
  });

  it('account checkout in English (USD): billing defaults to shipping, a declined card, then a retry with ADD_PAYMENT', () => {
    const story = janePlaced('o-4002', 'expedited');
    expect(story.ctx.customer).toMatchObject({ kind: 'account', accountId: 'acc-42', locale: 'en' });
    expect(story.ctx.shippingMethod).toBe('expedited');
    // No billing address given: the shipping address is used.
    expect(story.ctx.billingAddress).toEqual(JANE_HOME);

    const declined = story.send({ type: 'PAYMENT_FAILED', paymentId: 'o-4002-P1', code: 'card_declined', message: 'Your card was declined.' }, PSP);
    expect(declined.effects).toEqual([
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
    expect(story.statuses()).toMatchObject({ payment: 'unpaid', customer: 'awaiting_payment' });
    story.refuse({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4002-P1', amount: usd(5_600), providerRef: 'late' }, PSP, { code: 'REJECTED', reason: 'TERMINAL_STATE' });

    // Retry with another card.
    story.refuse({ type: 'ADD_PAYMENT', method: 'online', amount: usd(5_601) }, JANE, { code: 'REJECTED', reason: 'AMOUNT_EXCEEDS_OUTSTANDING' });
    story.refuse({ type: 'ADD_PAYMENT', method: 'online', amount: usd(5_600) }, PSP, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.invalid({ type: 'ADD_PAYMENT', method: 'online', amount: usd(-5) }, JANE, 'amount.amount');
    story.invalid({ type: 'ADD_PAYMENT', method: 'online', amount: usd(56.5) }, JANE, 'amount.amount');
    const retry = story.send({ type: 'ADD_PAYMENT', method: 'online', amount: usd(5_600) }, JANE);
    expect(retry.changes).toContainEqual({ machine: 'payment', id: 'o-4002-P2', from: null, to: 'created' });
    story.refuse({ type: 'ADD_PAYMENT', method: 'online', amount: usd(100) }, JANE, { code: 'REJECTED', reason: 'AMOUNT_EXCEEDS_OUTSTANDING' });

    const authorized = story.send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4002-P2', amount: usd(5_600), providerRef: 'pi_4002_b' }, PSP);
    expect(story.state).toBe('placed.confirmed');
    expect(templates(authorized.effects)).toEqual(['order_confirmed']);
    expect(commandNames(authorized.effects)).toEqual(['reserve_stock']);
    expect(story.statuses().payment).toBe('authorized');
    // The same authorization reported again is refused, not double counted.
    story.refuse({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4002-P2', amount: usd(5_600), providerRef: 'pi_4002_b' }, PSP, { code: 'REJECTED', reason: 'DUPLICATE_PROVIDER_REFERENCE' });
  });

  it('fulfilment pipeline 1–8 (USD): verify, warehouse, pick list, pack, hand over with tracking, deliver, exchange and a missing-item claim', () => {
    const story = janePlaced('o-4003', 'expedited');
    const auth = story.send({ type: 'PAYMENT_AUTHORIZED', paymentId: 'o-4003-P1', amount: usd(5_600), providerRef: 'pi_4003' }, PSP);

    // 1. Received and verified: stock reserved, payment verified.
    expect(theCommand(auth.effects, 'reserve_stock').lines).toEqual([
      { lineId: 'l-hoodie-s-grey', quantity: 1 },
      { lineId: 'l-socks', quantity: 1 },
    ]);
    story.send({ type: 'STOCK_RESERVED' }, SYSTEM);
    expect(story.ctx.stock).toBe('reserved');
    story.refuse({ type: 'STOCK_RESERVED' }, SYSTEM, { code: 'REJECTED', reason: 'STOCK_ALREADY_RESERVED' });
    expect(story.statuses().payment).toBe('authorized');

    // 2. Sent to the warehouse.
    story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }, { lineId: 'l-socks', quantity: 1 }], warehouse: 'wh-oakland' }, SYSTEM);
    expect(story.shipment('o-4003-S1').context).toMatchObject({ method: 'expedited', warehouse: 'wh-oakland' });
    story.refuse({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-4003-S1' }, JANE, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-4003-S1' }, SYSTEM);
    expect(story.shipment('o-4003-S1').state).toBe('ready');

    // 3. Picking, from a pick list, by an assigned picker.
    story.refuse({ type: 'START_PICKING', shipmentId: 'o-4003-S1', pickerId: 'bot' }, SYSTEM, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    story.send({ type: 'START_PICKING', shipmentId: 'o-4003-S1', pickerId: 'picker-3', pickListId: 'PL-2026-0410-017' }, STAFF);
    expect(story.shipment('o-4003-S1').context).toMatchObject({ pickerId: 'picker-3', pickListId: 'PL-2026-0410-017' });
    expect(story.statuses().customer).toBe('picking');
    // A customer may still cancel while goods are being picked, but not once packed.
    expect(story.order.order.context.summary.shipmentProgress).toBe('preparing');

    // 4. Packing: sealed, labelled with the address.
    const packed = story.send(
      { type: 'PACK_SHIPMENT', shipmentId: 'o-4003-S1', packerId: 'packer-1', invoiceNumber: 'INV-4003', label: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } },
      STAFF,
    );
    expect(commandNames(packed.effects)).toEqual([]); // the label came with the parcel
    expect(story.shipment('o-4003-S1').context).toMatchObject({ packerId: 'packer-1', invoiceNumber: 'INV-4003', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(story.statuses().customer).toBe('packing');
    story.refuse({ type: 'CANCEL_ORDER', reason: 'customer_request' }, JANE, { code: 'REJECTED', reason: 'ALREADY_PACKED' });
    story.send({ type: 'MARK_READY_TO_SHIP', shipmentId: 'o-4003-S1' }, STAFF);
    expect(story.statuses().customer).toBe('ready_to_ship');

    // 5–6. Shipping: the carrier scans the parcel; the tracking number goes to the customer by email.
    const shipped = story.send({ type: 'HAND_TO_CARRIER', shipmentId: 'o-4003-S1', carrier: 'UPS' }, CARRIER);
    expect(shipped.effects).toEqual([
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
    expect(story.statuses()).toMatchObject({ fulfilment: 'shipped', customer: 'shipped' });
    story.refuse({ type: 'CANCEL_ORDER', reason: 'customer_request' }, STAFF, { code: 'REJECTED', reason: 'ALREADY_SHIPPED' });
    const capture = story.send({ type: 'REQUEST_CAPTURE', paymentId: 'o-4003-P1' }, SYSTEM);
    expect(theCommand(capture.effects, 'capture_payment')).toMatchObject({ paymentId: 'o-4003-P1', amount: usd(5_600) });
    story.refuse({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4003-P1', amount: usd(5_601), providerRef: 'ch_4003' }, PSP, { code: 'REJECTED', reason: 'CAPTURE_EXCEEDS_AUTHORIZED' });
    story.send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4003-P1', amount: usd(5_600), providerRef: 'ch_4003' }, PSP);
    expect(story.statuses().payment).toBe('paid');

    // 7. Delivery.
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4003-S1', status: 'in_transit', location: 'Oakland, CA' }, CARRIER);
    const out = story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4003-S1', status: 'out_for_delivery', location: 'San Francisco, CA' }, CARRIER);
    expect(templates(out.effects)).toEqual(['shipment_out_for_delivery']);
    expect(story.statuses().customer).toBe('out_for_delivery');
    const delivered = story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4003-S1', status: 'delivered' }, CARRIER);
    expect(templates(delivered.effects)).toEqual(['shipment_delivered']);
    expect(story.state).toBe('placed.delivered');
    expect(story.statuses()).toMatchObject({ fulfilment: 'delivered', customer: 'delivered' });
    expect(story.shipment('o-4003-S1').context.tracking.map((t) => t.status)).toEqual(['in_transit', 'out_for_delivery', 'delivered']);
    story.refuse({ type: 'CARRIER_STATUS', shipmentId: 'o-4003-S1', status: 'delivered' }, CARRIER, { code: 'REJECTED', reason: 'TERMINAL_STATE' });

    // 8. Post-delivery support (a) an exchange: the hoodie is too small.
    story.days(3);
    story.send({ type: 'REQUEST_RETURN', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }], reason: 'wrong_size', comment: 'Need an M please' }, JANE);
    story.send({ type: 'APPROVE_RETURN', returnId: 'o-4003-R1', note: 'Exchange for M' }, STAFF);
    const label = story.send({ type: 'ISSUE_RETURN_LABEL', returnId: 'o-4003-R1', label: { carrier: 'UPS', trackingNumber: '1ZRETURN4003' } }, SYSTEM);
    expect(theNotification(label.effects, 'return_label_issued').data).toEqual({ carrier: 'UPS', trackingNumber: '1ZRETURN4003' });
    story.send({ type: 'RETURN_SHIPPED', returnId: 'o-4003-R1' }, JANE);
    story.send({ type: 'RETURN_RECEIVED', returnId: 'o-4003-R1' }, STAFF);
    story.send({ type: 'INSPECT_RETURN', returnId: 'o-4003-R1', outcome: 'accepted', note: 'unworn' }, STAFF);
    const exchanged = story.send({ type: 'RESOLVE_RETURN', returnId: 'o-4003-R1', resolution: 'exchange' }, STAFF);
    expect(commands(exchanged.effects)).toEqual([
      { kind: 'command', orderId: 'o-4003', command: 'create_exchange_order', returnId: 'o-4003-R1', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }], resolution: 'exchange' },
    ]);
    expect(theNotification(exchanged.effects, 'return_resolved').data).toEqual({ resolution: 'exchange' });
    story.send({ type: 'CLOSE_RETURN', returnId: 'o-4003-R1' }, STAFF);

    // (b) a complaint, as a claim: the socks were not in the box. Nothing comes back.
    const claim = story.send({ type: 'OPEN_CLAIM', kind: 'missing', lines: [{ lineId: 'l-socks', quantity: 1 }], description: 'The socks were not in the box.' }, JANE);
    expect(templates(claim.effects)).toEqual(['claim_opened']);
    expect(story.ret('o-4003-R2').context).toMatchObject({ kind: 'claim', claimKind: 'missing', needsInbound: false });
    story.send({ type: 'APPROVE_RETURN', returnId: 'o-4003-R2' }, STAFF);
    story.refuse({ type: 'ISSUE_RETURN_LABEL', returnId: 'o-4003-R2', label: { carrier: 'UPS', trackingNumber: '1ZNOPE' } }, STAFF, { code: 'REJECTED', reason: 'NO_INBOUND_NEEDED' });
    story.refuse({ type: 'RESOLVE_RETURN', returnId: 'o-4003-R2', resolution: 'refund', amount: usd(901) }, STAFF, { code: 'REJECTED', reason: 'REFUND_EXCEEDS_RETURNED_VALUE' });
    story.refuse({ type: 'COMPLETE_ORDER' }, STAFF, { code: 'REJECTED', reason: 'RETURNS_OPEN' });
    const refunded = story.send({ type: 'RESOLVE_RETURN', returnId: 'o-4003-R2', resolution: 'refund', amount: usd(900) }, STAFF);
    expect(story.ret('o-4003-R2').state).toBe('resolved');
    expect(commands(refunded.effects)).toEqual([
      { kind: 'command', orderId: 'o-4003', command: 'refund_payment', paymentId: 'o-4003-P1', amount: usd(900), reason: 'return o-4003-R2' },
    ]);
    story.send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-4003-P1', amount: usd(900), providerRef: 're_4003' }, PSP);
    expect(story.statuses().payment).toBe('partially_refunded');
    story.send({ type: 'CLOSE_RETURN', returnId: 'o-4003-R2' }, STAFF);
    story.send({ type: 'COMPLETE_ORDER' }, STAFF);
    expect(story.state).toBe('completed');
    expect(story.statuses().customer).toBe('completed');
  });

  it('a damaged-item claim needs the goods back before it is settled by a replacement', () => {
    const story = janePaid('o-4004');
    story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }, { lineId: 'l-socks', quantity: 1 }] }, SYSTEM);
    handOver(story, 'o-4004-S1', 'UPS', '1Z4004');
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4004-S1', status: 'delivered' }, CARRIER);
    story.days(2);
    story.send({ type: 'OPEN_CLAIM', kind: 'damaged', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }], description: 'Torn seam on arrival.' }, JANE);
    expect(story.ret('o-4004-R1').context).toMatchObject({ kind: 'claim', claimKind: 'damaged', needsInbound: true });
    story.send({ type: 'APPROVE_RETURN', returnId: 'o-4004-R1' }, STAFF);
    story.refuse({ type: 'RESOLVE_RETURN', returnId: 'o-4004-R1', resolution: 'replacement' }, STAFF, { code: 'REJECTED', reason: 'INBOUND_REQUIRED' });
    story.send({ type: 'ISSUE_RETURN_LABEL', returnId: 'o-4004-R1', label: { carrier: 'UPS', trackingNumber: '1ZRET4004' } }, STAFF);
    story.send({ type: 'RETURN_SHIPPED', returnId: 'o-4004-R1', trackingNumber: '1ZRET4004' }, CARRIER);
    story.send({ type: 'RETURN_RECEIVED', returnId: 'o-4004-R1' }, STAFF);
    story.send({ type: 'INSPECT_RETURN', returnId: 'o-4004-R1', outcome: 'accepted' }, STAFF);
    const replaced = story.send({ type: 'RESOLVE_RETURN', returnId: 'o-4004-R1', resolution: 'replacement' }, STAFF);
    expect(theCommand(replaced.effects, 'create_exchange_order')).toEqual({
      kind: 'command',
      orderId: 'o-4004',
      command: 'create_exchange_order',
      returnId: 'o-4004-R1',
      lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }],
      resolution: 'replacement',
    });
    expect(commandNames(replaced.effects)).not.toContain('refund_payment');
  });

  it('split shipments (BDT): two parcels, order fulfilling → partially shipped → shipped → delivered', () => {
    const story = rahimConfirmed('o-4010');
    expect(story.ctx.customer?.locale).toBe('bn');
    const orderStates: string[] = [story.state];
    const fulfilmentStates: string[] = [fulfilment(story)];
    const note = () => {
      if (orderStates[orderStates.length - 1] !== story.state) orderStates.push(story.state);
      if (fulfilmentStates[fulfilmentStates.length - 1] !== fulfilment(story)) fulfilmentStates.push(fulfilment(story));
    };

    // Dhaka has the red M and one blue L; Chattogram has the other blue L.
    story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-m-red', quantity: 1 }, { lineId: 'l-tee-l-blue', quantity: 1 }], warehouse: 'dhaka' }, SYSTEM);
    note();
    story.refuse({ type: 'CREATE_SHIPMENT', shipmentId: 'o-4010-S1', lines: [{ lineId: 'l-tee-l-blue', quantity: 1 }] }, SYSTEM, { code: 'REJECTED', reason: 'DUPLICATE_ID' });
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 2 }] }, SYSTEM, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-s-green', quantity: 1 }] }, SYSTEM, { code: 'REJECTED', reason: 'LINE_NOT_FOUND' });
    story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 1 }], warehouse: 'chattogram' }, SYSTEM);
    note();
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-m-red', quantity: 1 }] }, SYSTEM, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    expect(story.order.shipments.map((s) => [s.id, s.context.method, s.context.warehouse])).toEqual([
      ['o-4010-S1', 'express', 'dhaka'],
      ['o-4010-S2', 'express', 'chattogram'],
    ]);

    const first = (() => {
      handOver(story, 'o-4010-S1', 'Pathao', 'PTH-4010-1');
      return story.steps[story.steps.length - 1]?.effects ?? [];
    })();
    note();
    expect(theNotification(first, 'shipment_shipped')).toMatchObject({ subject: { machine: 'shipment', id: 'o-4010-S1' }, data: { carrier: 'Pathao', trackingNumber: 'PTH-4010-1' } });
    expect(story.state).toBe('placed.partially_shipped');
    expect(story.statuses()).toMatchObject({ fulfilment: 'partially_shipped', customer: 'partially_shipped' });
    story.send({ type: 'REQUEST_CAPTURE', paymentId: 'o-4010-P1', amount: taka(105_000) }, SYSTEM);
    story.send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4010-P1', amount: taka(105_000), providerRef: 'cap-4010-1' }, PSP);
    expect(story.payment('o-4010-P1').state).toBe('partially_captured');
    expect(story.statuses().payment).toBe('partially_paid');

    handOver(story, 'o-4010-S2', 'Sundarban Courier', 'SCS-4010-2');
    note();
    expect(story.state).toBe('placed.shipped');
    expect(fulfilment(story)).toBe('shipped');
    story.send({ type: 'REQUEST_CAPTURE', paymentId: 'o-4010-P1' }, SYSTEM);
    story.send({ type: 'PAYMENT_CAPTURED', paymentId: 'o-4010-P1', amount: taka(45_000), providerRef: 'cap-4010-2' }, PSP);
    expect(story.payment('o-4010-P1')).toMatchObject({ state: 'captured', context: { captured: 150_000 } });
    expect(story.statuses().payment).toBe('paid');

    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4010-S1', status: 'delivered' }, CARRIER);
    note();
    expect(story.state).toBe('placed.shipped');
    expect(fulfilment(story)).toBe('partially_delivered');

    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4010-S2', status: 'delivered' }, CARRIER);
    note();
    expect(story.state).toBe('placed.delivered');

    expect(orderStates).toEqual(['placed.confirmed', 'placed.fulfilling', 'placed.partially_shipped', 'placed.shipped', 'placed.delivered']);
    expect(fulfilmentStates).toEqual(['unfulfilled', 'partially_shipped', 'shipped', 'partially_delivered', 'delivered']);
    expect(templates(story.allEffects()).filter((t) => t === 'shipment_shipped')).toHaveLength(2);
    expect(templates(story.allEffects()).filter((t) => t === 'shipment_delivered')).toHaveLength(2);
  });

  it('failed delivery attempt, then redelivery (USD): attempts counted and told to the customer', () => {
    const story = janePaid('o-4020');
    story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }, { lineId: 'l-socks', quantity: 1 }] }, SYSTEM);
    handOver(story, 'o-4020-S1', 'USPS', '9400100000000000004020');
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'out_for_delivery' }, CARRIER);
    story.refuse({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'failure' }, JANE, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });

    const failed = story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'failure', detail: 'No one home' }, CARRIER);
    expect(failed.effects).toEqual([
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
    expect(story.statuses().customer).toBe('delivery_attempt_failed');
    story.refuse({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'returned_to_sender' }, CARRIER, { code: 'REJECTED', reason: 'CARRIER_STATUS_NOT_APPLICABLE' });

    // Next day: out again, a second failed attempt, then delivered.
    story.days(1);
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'out_for_delivery' }, CARRIER);
    expect(story.statuses().customer).toBe('out_for_delivery');
    const again = story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'failure' }, CARRIER);
    expect(theNotification(again.effects, 'delivery_attempt_failed').data).toEqual({ attempts: 2 });
    // A repeated failure scan counts too.
    story.days(1);
    const third = story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'failure', detail: 'Access code needed' }, CARRIER);
    expect(theNotification(third.effects, 'delivery_attempt_failed').data).toEqual({ attempts: 3 });
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'out_for_delivery' }, CARRIER);
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4020-S1', status: 'delivered' }, CARRIER);
    expect(story.shipment('o-4020-S1')).toMatchObject({ state: 'delivered', context: { attempts: 3 } });
    expect(story.state).toBe('placed.delivered');
    expect(story.statuses()).toMatchObject({ fulfilment: 'delivered', customer: 'delivered' });
  });

  it('a lost parcel (BDT): the order falls back to partially shipped and a replacement parcel is sent', () => {
    const story = rahimConfirmed('o-4030');
    story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-m-red', quantity: 1 }] }, SYSTEM);
    story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 2 }] }, SYSTEM);
    handOver(story, 'o-4030-S1', 'Pathao', 'PTH-4030-1');
    handOver(story, 'o-4030-S2', 'Pathao', 'PTH-4030-2');
    expect(story.state).toBe('placed.shipped');
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S1', status: 'delivered' }, CARRIER);
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S2', status: 'in_transit' }, CARRIER);
    // While the parcel is under way, its lines cannot be sent again.
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 2 }] }, STAFF, { code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' });

    story.days(5);
    const lost = story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S2', status: 'lost', detail: 'Parcel not found at hub' }, CARRIER);
    expect(theNotification(lost.effects, 'shipment_lost').subject).toEqual({ machine: 'shipment', id: 'o-4030-S2' });
    expect(lost.changes).toContainEqual({ machine: 'order', id: 'o-4030', from: 'placed.shipped', to: 'placed.partially_shipped' });
    expect(story.state).toBe('placed.partially_shipped');
    expect(story.statuses()).toMatchObject({ fulfilment: 'partially_delivered', customer: 'partially_shipped' });
    story.refuse({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S2', status: 'delivered' }, CARRIER, { code: 'REJECTED', reason: 'TERMINAL_STATE' });

    // A replacement for exactly the lost lines.
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-l-blue', quantity: 3 }] }, STAFF, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    story.refuse({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-tee-m-red', quantity: 1 }] }, STAFF, { code: 'REJECTED', reason: 'QUANTITY_EXCEEDS_ORDERED' });
    const replacement = story.send({ type: 'CREATE_SHIPMENT', shipmentId: 'o-4030-S2-R', lines: [{ lineId: 'l-tee-l-blue', quantity: 2 }] }, STAFF);
    expect(replacement.changes).toContainEqual({ machine: 'shipment', id: 'o-4030-S2-R', from: null, to: 'pending' });
    expect(story.state).toBe('placed.partially_shipped');
    handOver(story, 'o-4030-S2-R', 'Pathao', 'PTH-4030-3');
    expect(story.state).toBe('placed.shipped');
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4030-S2-R', status: 'delivered' }, CARRIER);
    expect(story.state).toBe('placed.delivered');
    expect(story.statuses().fulfilment).toBe('delivered');
    expect(story.order.shipments.map((s) => [s.id, s.state])).toEqual([
      ['o-4030-S1', 'delivered'],
      ['o-4030-S2', 'lost'],
      ['o-4030-S2-R', 'delivered'],
    ]);
  });

  it('return to sender (USD): the parcel comes back, the order is open again and staff cancel with a full refund', () => {
    const story = janePaid('o-4040');
    story.send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l-hoodie-s-grey', quantity: 1 }, { lineId: 'l-socks', quantity: 1 }] }, SYSTEM);
    handOver(story, 'o-4040-S1', 'USPS', '9400100000000000004040');
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4040-S1', status: 'failure', detail: 'Address not found' }, CARRIER);
    story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4040-S1', status: 'return_to_sender' }, CARRIER);
    expect(story.shipment('o-4040-S1').state).toBe('returning_to_sender');
    expect(story.state).toBe('placed.shipped');
    story.refuse({ type: 'CARRIER_STATUS', shipmentId: 'o-4040-S1', status: 'delivered' }, CARRIER, { code: 'REJECTED', reason: 'CARRIER_STATUS_NOT_APPLICABLE' });

    const back = story.send({ type: 'CARRIER_STATUS', shipmentId: 'o-4040-S1', status: 'returned_to_sender' }, CARRIER);
    expect(theNotification(back.effects, 'shipment_returned_to_sender').subject).toEqual({ machine: 'shipment', id: 'o-4040-S1' });
    expect(story.state).toBe('placed.confirmed');
    expect(story.statuses()).toMatchObject({ fulfilment: 'unfulfilled', payment: 'paid' });

    const canceled = story.send({ type: 'CANCEL_ORDER', reason: 'address_invalid', note: 'Returned by carrier: address not found' }, STAFF);
    expect(story.state).toBe('canceled');
    expect(theNotification(canceled.effects, 'order_canceled').data).toEqual({ reason: 'address_invalid' });
    expect(theCommand(canceled.effects, 'release_stock').lines).toEqual([
      { lineId: 'l-hoodie-s-grey', quantity: 1 },
      { lineId: 'l-socks', quantity: 1 },
    ]);
    expect(theCommand(canceled.effects, 'refund_payment')).toEqual({
      kind: 'command',
      orderId: 'o-4040',
      command: 'refund_payment',
      paymentId: 'o-4040-P1',
      amount: usd(5_600),
      reason: 'order canceled: address_invalid',
    });
    expect(story.ctx.cancellation).toMatchObject({ reason: 'address_invalid', by: 'staff' });
    story.send({ type: 'REFUND_SUCCEEDED', paymentId: 'o-4040-P1', amount: usd(5_600), providerRef: 're_4040' }, PSP);
    expect(story.statuses()).toMatchObject({ payment: 'refunded', customer: 'canceled' });
  });
});
