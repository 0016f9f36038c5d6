import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createOrderEngine, type StorageAdapter } from 'ordermachine';
import { signWebhookPayload } from 'ordermachine/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARRIER_SIGNATURE_HEADER, signCarrierBody } from '../../examples/http-backend/carrierWebhook.js';
import { PAYMENT_SIGNATURE_HEADER, createShopServer } from '../../examples/http-backend/createShopServer.js';
import { openStorage } from '../../examples/http-backend/openStorage.js';
import { DATABASE_URL, describeRealPostgres, usePool } from '../support/postgres.js';

const PAYMENT_SECRET = 'whsec_test_payment';
const CARRIER_SECRET = 'carrier_test_secret';
const TOKENS = {
  'tok-sara': { kind: 'customer', id: 'sara' },
  'tok-omid': { kind: 'customer', id: 'omid' },
  'tok-clerk': { kind: 'staff', id: 'clerk-7' },
} as const;
type Token = keyof typeof TOKENS;
const eur = (amount: number) => ({ amount, currency: 'EUR' });

interface Reply {
  readonly status: number;
  // The JSON the server answered; each test reads the fields it checks.
  readonly body: any;
  readonly headers: Headers;
}

/** One customer's cart and checkout, as a storefront would post it. */
function orderRequest(overrides: Record<string, unknown> = {}) {
  return {
    currency: 'EUR',
    items: [{ lineId: 'l1', sku: 'KETTLE', name: 'Kettle', quantity: 2, unitPrice: eur(1000) }],
    customer: { kind: 'account', accountId: 'sara', email: 'sara@example.com', name: 'Sara Ahmadi', locale: 'fa' },
    shippingAddress: { name: 'Sara Ahmadi', line1: 'Valiasr St. 12', city: 'Tehran', country: 'IR' },
    shippingMethod: 'standard',
    shippingPrice: eur(500),
    paymentMethod: 'online',
    total: eur(2500),
    ...overrides,
  };
}

/**
 * The backend's whole life over real HTTP (fetch) on a storage opened by `open`: every request
 * goes through createShopServer, and "nothing written" is checked on the storage itself.
 */
function describeBackend(open: () => Promise<{ storage: StorageAdapter; close: () => Promise<void> }>): void {
  let server: Server;
  let base = '';
  let storage: StorageAdapter;
  let closeStorage: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ storage, close: closeStorage } = await open());
    server = createShopServer({ engine: createOrderEngine({ storage }), tokens: TOKENS, paymentWebhookSecret: PAYMENT_SECRET, carrierWebhookSecret: CARRIER_SECRET });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await closeStorage();
  });

  async function call(method: string, path: string, options: { token?: Token; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }
  const event = (orderId: string, token: Token, body: unknown, headers: Record<string, string> = {}) => call('POST', `/orders/${orderId}/events`, { token, body, headers });
  const paymentWebhook = (body: unknown, secret = PAYMENT_SECRET) => {
    const raw = JSON.stringify(body);
    return call('POST', '/webhooks/payment-provider', { raw, headers: { [PAYMENT_SIGNATURE_HEADER]: signWebhookPayload(raw, secret) } });
  };
  const carrierWebhook = (body: unknown, secret = CARRIER_SECRET) => {
    const raw = JSON.stringify(body);
    return call('POST', '/webhooks/carrier', { raw, headers: { [CARRIER_SIGNATURE_HEADER]: signCarrierBody(raw, secret) } });
  };
  const historyTypes = async (orderId: string) => (await storage.history(orderId)).map((h) => h.eventType);
  const versionOf = async (orderId: string) => (await storage.load(orderId))?.version;
  const types = (allowed: readonly { type: string }[]) => allowed.map((e) => e.type);
  const staffSends = async (orderId: string, body: Record<string, unknown>) => {
    const reply = await event(orderId, 'tok-clerk', body);
    expect(reply.status, `${String(body.type)}: ${JSON.stringify(reply.body)}`).toBe(200);
    return reply;
  };

  it('an online order lives its whole life over HTTP: place, pay, pick/pack/ship, track, return, refund — retries write once, bad signatures nothing', async () => {
    // ── place: a retried request (same Idempotency-Key) is the same order, written once ──
    const placed = await call('POST', '/orders', { token: 'tok-sara', body: orderRequest(), headers: { 'idempotency-key': 'checkout-4711' } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const id: string = placed.body.order.id;
    expect(placed.headers.get('location')).toBe(`/orders/${id}`);
    expect(placed.body.order).toMatchObject({ state: 'placed.awaiting_payment', statuses: { payment: 'unpaid', customer: 'awaiting_payment' } });
    expect(placed.body.order.statusLabel).toEqual({ locale: 'fa', text: 'در انتظار پرداخت' });
    expect(types(placed.body.order.allowedEvents)).toContain('CANCEL_ORDER');
    const placedHistory = await historyTypes(id);
    expect(placedHistory).toEqual(['CREATE_ORDER', 'START_CHECKOUT', 'SET_CUSTOMER', 'SET_SHIPPING_ADDRESS', 'SELECT_SHIPPING_METHOD', 'SELECT_PAYMENT_METHOD', 'PLACE_ORDER']);

    const retried = await call('POST', '/orders', { token: 'tok-sara', body: orderRequest(), headers: { 'idempotency-key': 'checkout-4711' } });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'duplicate', order: { id, version: 7 } });
    expect(await historyTypes(id)).toEqual(placedHistory);
    const reused = await call('POST', '/orders', { token: 'tok-sara', body: orderRequest({ shippingAddress: { name: 'Sara Ahmadi', line1: 'Enghelab St. 3', city: 'Tehran', country: 'IR' } }), headers: { 'idempotency-key': 'checkout-4711' } });
    expect(reused.status).toBe(422);
    expect(reused.body.reason).toBe('IDEMPOTENCY_KEY_REUSED');

    // ── the payment provider's webhook: signature first, then once per event id ──
    const captured = { id: 'evt_1001', type: 'payment.captured', data: { orderId: id, paymentId: `${id}-P1`, reference: 'ch_77', amount: eur(2500) } };
    const forged = await paymentWebhook(captured, 'not-the-secret');
    expect(forged.status).toBe(401);
    expect(forged.body.reason).toBe('NO_MATCHING_SIGNATURE');
    const raw = JSON.stringify(captured);
    const tampered = await call('POST', '/webhooks/payment-provider', {
      raw: raw.replace('2500', '25'),
      headers: { [PAYMENT_SIGNATURE_HEADER]: signWebhookPayload(raw, PAYMENT_SECRET) },
    });
    expect(tampered.status).toBe(401);
    expect(await versionOf(id), 'a refused webhook writes nothing').toBe(7);

    const paid = await paymentWebhook(captured);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'applied', order: { id, version: 8, statuses: { payment: 'paid', order: 'placed.confirmed' } } });
    const redelivered = await paymentWebhook(captured);
    expect(redelivered.status).toBe(200);
    expect(redelivered.body).toMatchObject({ status: 'duplicate', first: { eventType: 'PAYMENT_CAPTURED', version: 8 } });
    // The provider sends the same capture again under a new event id: still the same fact.
    const sameFact = await paymentWebhook({ ...captured, id: 'evt_1002' });
    expect(sameFact.body.status).toBe('duplicate');
    expect((await historyTypes(id)).filter((t) => t === 'PAYMENT_CAPTURED')).toHaveLength(1);

    // ── staff: reserve, create the parcel, pick; the customer may still cancel ──
    await staffSends(id, { type: 'STOCK_RESERVED' });
    const shipment = (await staffSends(id, { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 2 }] })).body.order.shipments[0].id as string;
    await staffSends(id, { type: 'RELEASE_TO_WAREHOUSE', shipmentId: shipment });
    await staffSends(id, { type: 'START_PICKING', shipmentId: shipment, pickerId: 'picker-3' });
    const beforePacking = await call('GET', `/orders/${id}`, { token: 'tok-sara' });
    expect(types(beforePacking.body.allowedEvents)).toContain('CANCEL_ORDER');
    expect(beforePacking.headers.get('etag')).toBe(`"${beforePacking.body.version}"`);

    // A customer trying a staff action: 403, the typed reason, and what they may do instead.
    const notYours = await event(id, 'tok-sara', { type: 'PACK_SHIPMENT', shipmentId: shipment, label: { carrier: 'DHL', trackingNumber: 'JD0001' } });
    expect(notYours.status).toBe(403);
    expect(notYours.body).toMatchObject({ status: 'forbidden', reason: 'ACTOR_NOT_ALLOWED', event: 'PACK_SHIPMENT', allowedActors: ['staff'] });
    expect(types(notYours.body.allowedEvents)).toContain('CANCEL_ORDER');

    await staffSends(id, { type: 'PACK_SHIPMENT', shipmentId: shipment, label: { carrier: 'DHL', trackingNumber: 'JD0001' } });
    const tooLate = await event(id, 'tok-sara', { type: 'CANCEL_ORDER', reason: 'customer_request' });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body).toMatchObject({ status: 'rejected', reason: 'ALREADY_PACKED' });
    expect(types(tooLate.body.allowedEvents)).not.toContain('CANCEL_ORDER');
    await staffSends(id, { type: 'MARK_READY_TO_SHIP', shipmentId: shipment });
    await staffSends(id, { type: 'HAND_TO_CARRIER', shipmentId: shipment });

    // ── the carrier's tracking webhooks, in its own words ──
    const tracking = (eventId: string, status: string) => ({ eventId, orderId: id, shipmentId: shipment, status, location: 'Tehran hub' });
    expect((await carrierWebhook(tracking('trk-1', 'InTransit'), 'wrong')).status).toBe(401);
    const unknownWord = await carrierWebhook(tracking('trk-0', 'Teleported'));
    expect(unknownWord.status).toBe(202);
    expect(unknownWord.body.status).toBe('ignored');
    expect((await carrierWebhook(tracking('trk-1', 'InTransit'))).body.status).toBe('applied');
    expect((await carrierWebhook(tracking('trk-2', 'OutForDelivery'))).body.order.statuses.customer).toBe('out_for_delivery');
    expect((await carrierWebhook(tracking('trk-2', 'OutForDelivery'))).body.status).toBe('duplicate');
    const delivered = await carrierWebhook(tracking('trk-3', 'Delivered'));
    expect(delivered.body.order.statuses).toMatchObject({ order: 'placed.delivered', customer: 'delivered' });
    expect((await historyTypes(id)).filter((t) => t === 'CARRIER_STATUS')).toHaveLength(3);

    // ── a return: the customer asks, staff approve, receive, inspect and refund ──
    const requested = await event(id, 'tok-sara', { type: 'REQUEST_RETURN', lines: [{ lineId: 'l1', quantity: 1 }], reason: 'damaged' }, { 'idempotency-key': 'return-1' });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    const returnId = requested.body.order.returns[0].id as string;
    expect((await event(id, 'tok-sara', { type: 'REQUEST_RETURN', lines: [{ lineId: 'l1', quantity: 1 }], reason: 'damaged' }, { 'idempotency-key': 'return-1' })).body.status).toBe('duplicate');
    expect((await event(id, 'tok-sara', { type: 'APPROVE_RETURN', returnId })).status).toBe(403);
    await staffSends(id, { type: 'APPROVE_RETURN', returnId });
    await staffSends(id, { type: 'RETURN_RECEIVED', returnId });
    await staffSends(id, { type: 'INSPECT_RETURN', returnId, outcome: 'accepted' });
    const overRefund = await event(id, 'tok-clerk', { type: 'RESOLVE_RETURN', returnId, resolution: 'refund', amount: eur(2000) });
    expect(overRefund.status).toBe(409);
    expect(overRefund.body.reason).toBe('REFUND_EXCEEDS_RETURNED_VALUE');
    const resolved = await staffSends(id, { type: 'RESOLVE_RETURN', returnId, resolution: 'refund', amount: eur(1000) });
    expect(resolved.body.order.payments[0]).toMatchObject({ captured: 2500, refundPending: 1000 });

    const refunded = await paymentWebhook({ id: 'evt_2001', type: 'refund.succeeded', data: { orderId: id, paymentId: `${id}-P1`, reference: 're_5', amount: eur(1000) } });
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect(refunded.body.order.statuses.payment).toBe('partially_refunded');

    const finalView = await call('GET', `/orders/${id}`, { token: 'tok-sara' });
    expect(finalView.body.payments[0]).toMatchObject({ captured: 2500, refunded: 1000, refundPending: 0 });
    const history = await call('GET', `/orders/${id}/history`, { token: 'tok-sara' });
    expect(history.body.history.map((h: { eventType: string }) => h.eventType)).toEqual(await historyTypes(id));
    expect(history.body.history.filter((h: { eventType: string }) => h.eventType === 'REQUEST_RETURN')).toHaveLength(1);
  }, 30_000);

  it('bank transfer: the customer sees Cancel but not Confirm; trying it is 403 and writes nothing; staff confirm once', async () => {
    const placed = await call('POST', '/orders', {
      token: 'tok-omid',
      body: orderRequest({ customer: { kind: 'guest', email: 'omid@example.com', locale: 'ru' }, paymentMethod: 'bank_transfer' }),
      headers: { 'idempotency-key': 'omid-1' },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const id: string = placed.body.order.id;
    expect(placed.body.order.statusLabel).toEqual({ locale: 'ru', text: 'Ожидает оплаты' });
    expect(types(placed.body.order.allowedEvents)).toEqual(['CANCEL_ORDER']);
    const staffView = await call('GET', `/orders/${id}`, { token: 'tok-clerk' });
    expect(types(staffView.body.allowedEvents)).toContain('CONFIRM_BANK_TRANSFER');

    const confirm = { type: 'CONFIRM_BANK_TRANSFER', paymentId: `${id}-P1`, reference: 'TRX-881', amount: eur(2500) };
    const byCustomer = await event(id, 'tok-omid', confirm);
    expect(byCustomer.status).toBe(403);
    expect(byCustomer.body).toMatchObject({ status: 'forbidden', reason: 'ACTOR_NOT_ALLOWED', allowedActors: ['staff'] });
    expect(types(byCustomer.body.allowedEvents)).toEqual(['CANCEL_ORDER']);
    expect(await versionOf(id)).toBe(7);

    // A stale If-Match is a conflict; the current one goes through; a retry is a duplicate.
    const stale = await event(id, 'tok-clerk', confirm, { 'if-match': '"6"', 'idempotency-key': 'confirm-1' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ status: 'conflict', reason: 'stale_version', currentVersion: 7 });
    const confirmed = await event(id, 'tok-clerk', confirm, { 'if-match': '"7"', 'idempotency-key': 'confirm-1' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.order.statuses).toMatchObject({ payment: 'paid', order: 'placed.confirmed' });
    const again = await event(id, 'tok-clerk', confirm, { 'if-match': '"7"', 'idempotency-key': 'confirm-1' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'duplicate', first: { eventType: 'CONFIRM_BANK_TRANSFER', version: 8 } });
    expect((await event(id, 'tok-clerk', { type: 'PUT_ON_HOLD', reason: 'other' }, { 'idempotency-key': 'confirm-1' })).status).toBe(422);
    expect((await historyTypes(id)).filter((t) => t === 'CONFIRM_BANK_TRANSFER')).toHaveLength(1);

    // Customers see only their own orders.
    expect((await call('GET', `/orders/${id}`, { token: 'tok-sara' })).status).toBe(404);
    expect((await event(id, 'tok-sara', { type: 'CANCEL_ORDER', reason: 'customer_request' })).status).toBe(404);
  }, 30_000);

  it('five concurrent retries of one place request (same Idempotency-Key) make one order with one PLACE_ORDER', async () => {
    const before = (await storage.list({ limit: 1000 })).items.length;
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => call('POST', '/orders', { token: 'tok-omid', body: orderRequest({ customer: { kind: 'guest', email: 'omid@example.com' } }), headers: { 'idempotency-key': 'double-click' } })),
    );
    expect(replies.map((r) => r.status).every((s) => s === 200 || s === 201), JSON.stringify(replies.map((r) => r.body))).toBe(true);
    const ids = new Set(replies.map((r) => r.body.order.id as string));
    expect(ids.size).toBe(1);
    const [id] = [...ids] as [string];
    expect((await storage.list({ limit: 1000 })).items.length).toBe(before + 1);
    expect((await historyTypes(id)).filter((t) => t === 'PLACE_ORDER')).toHaveLength(1);
    expect((await storage.load(id))?.statuses.order).toBe('placed.awaiting_payment');
  }, 30_000);

  it('bad requests get a clear error and change nothing: malformed JSON 400, bad fields 400, no token 401, totals that do not add up 400', async () => {
    const before = (await storage.list({ limit: 1000 })).items.length;
    const malformed = await call('POST', '/orders', { token: 'tok-sara', raw: '{"currency": "EUR",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/not valid JSON/);
    const missing = await call('POST', '/orders', { token: 'tok-sara', body: orderRequest({ items: [{ lineId: 'l1', sku: 'KETTLE', name: 'Kettle', quantity: -2, unitPrice: eur(1000) }] }) });
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: { path: string }) => i.path)).toContain('items.0.quantity');
    const wrongTotal = await call('POST', '/orders', { token: 'tok-sara', body: orderRequest({ total: eur(2499) }) });
    expect(wrongTotal.status).toBe(400);
    expect(wrongTotal.body).toMatchObject({ status: 'invalid', event: 'PLACE_ORDER', issues: [{ path: 'total', code: 'totals_mismatch' }] });
    expect((await call('POST', '/orders', { body: orderRequest() })).status).toBe(401);
    expect((await call('POST', '/orders', { body: orderRequest(), headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await storage.list({ limit: 1000 })).items.length, 'no order was written').toBe(before);

    const placed = await call('POST', '/orders', { token: 'tok-sara', body: orderRequest({ paymentMethod: 'bank_transfer' }) });
    const id: string = placed.body.order.id;
    const version = await versionOf(id);
    const garbled = await call('POST', `/orders/${id}/events`, { token: 'tok-clerk', raw: '{"type": "CONFIRM_BANK_TRANSFER", paymentId' });
    expect(garbled.status).toBe(400);
    const negative = await event(id, 'tok-clerk', { type: 'CONFIRM_BANK_TRANSFER', paymentId: `${id}-P1`, reference: 'TRX-1', amount: eur(-2500) });
    expect(negative.status).toBe(400);
    expect(negative.body).toMatchObject({ status: 'invalid', event: 'CONFIRM_BANK_TRANSFER' });
    expect(negative.body.issues.map((i: { path: string }) => i.path)).toContain('amount.amount');
    expect((await event(id, 'tok-clerk', { type: 'NO_SUCH_EVENT' })).status).toBe(400);
    expect((await event(id, 'tok-clerk', { type: 'CANCEL_ORDER', reason: 'customer_request' }, { 'if-match': 'yesterday' })).status).toBe(400);
    expect((await event('o-missing', 'tok-clerk', { type: 'CANCEL_ORDER', reason: 'other' })).status).toBe(404);
    const signedGarbage = '{"id": "evt_9", "type": ';
    const badWebhook = await call('POST', '/webhooks/payment-provider', { raw: signedGarbage, headers: { [PAYMENT_SIGNATURE_HEADER]: signWebhookPayload(signedGarbage, PAYMENT_SECRET) } });
    expect(badWebhook.status).toBe(400);
    expect(await versionOf(id), 'nothing was written to the order').toBe(version);
    expect((await call('GET', '/nowhere', { token: 'tok-clerk' })).status).toBe(404);
  }, 30_000);
}

describe('examples/http-backend — on embedded PostgreSQL (PGlite, openStorage without DATABASE_URL)', () => {
  describeBackend(async () => {
    const opened = await openStorage(undefined);
    expect(opened.driver).toBe('pglite');
    return opened;
  });
});

describeRealPostgres('examples/http-backend — on real PostgreSQL (openStorage with DATABASE_URL: a pg Pool)', () => {
  // The helper's pool drops the random schema afterwards; openStorage opens its own pool and migrates it.
  const database = usePool(1);
  describeBackend(async () => {
    const opened = await openStorage(DATABASE_URL, database.name('http_backend'));
    expect(opened.driver).toBe('postgres');
    return opened;
  });
});
