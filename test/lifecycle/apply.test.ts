import { describe, expect, it } from 'vitest';
import { allowedEvents, apply, can, createOrder, deriveOrderStatuses, type Actor, type OrderAggregate } from '../../src/index.js';

const NOW = '2026-02-01T10:00:00.000Z';
const customer: Actor = { kind: 'customer', id: 'c1' };
const staff: Actor = { kind: 'staff', id: 's1' };
const provider: Actor = { kind: 'payment_provider', id: 'psp' };

function cart(): OrderAggregate {
  const created = createOrder(
    { orderId: 'o1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'Kettle', quantity: 2, unitPrice: { amount: 1000, currency: 'EUR' } }] },
    { now: NOW },
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.order;
}

function run(order: OrderAggregate, steps: [unknown, Actor][]): OrderAggregate {
  for (const [event, actor] of steps) {
    const r = apply(order, event, { actor, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    order = r.order;
  }
  return order;
}

function placed(method: 'online' | 'bank_transfer' = 'online'): OrderAggregate {
  return run(cart(), [
    [{ type: 'START_CHECKOUT' }, customer],
    [{ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'a@example.com' } }, customer],
    [{ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } }, customer],
    [{ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 500, currency: 'EUR' } }, customer],
    [{ type: 'SELECT_PAYMENT_METHOD', method }, customer],
    [{ type: 'PLACE_ORDER', tax: { amount: 100, currency: 'EUR' }, discount: { amount: 200, currency: 'EUR' }, total: { amount: 2400, currency: 'EUR' } }, customer],
  ]);
}

/** The aggregate is plain JSON: a refused event must leave it byte for byte as it was. */
const snapshot = (o: OrderAggregate) => JSON.stringify(o);

describe('apply: bad input gets a typed INVALID error naming the field, and changes nothing', () => {
  const order = placed();
  const cases: [string, unknown, string][] = [
    ['not an object', 'PAY NOW', ''],
    ['unknown event type', { type: 'MAKE_IT_SO' }, 'type'],
    ['missing field', { type: 'COLLECT_COD', paymentId: 'o1-P1' }, 'amount'],
    ['unknown field', { type: 'START_CHECKOUT', hack: true }, ''],
    ['fractional amount', { type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: { amount: 1.5, currency: 'EUR' }, reason: 'x' }, 'amount.amount'],
    ['negative amount', { type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: { amount: -5, currency: 'EUR' }, reason: 'x' }, 'amount.amount'],
    ['zero amount', { type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: { amount: 0, currency: 'EUR' }, reason: 'x' }, 'amount.amount'],
    ['unknown currency', { type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: { amount: 5, currency: 'EUX' }, reason: 'x' }, 'amount.currency'],
    ['another currency than the order', { type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: { amount: 5, currency: 'USD' }, reason: 'x' }, 'amount.currency'],
    ['bad nested address', { type: 'SET_SHIPPING_ADDRESS', address: { name: 'A', line1: 'x', city: 'y', country: 'Iran' } }, 'address.country'],
  ];
  for (const [what, event, path] of cases) {
    it(what, () => {
      const before = snapshot(order);
      const r = apply(order, event, { actor: staff, now: NOW });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('INVALID');
      if (r.error.code !== 'INVALID') return;
      expect(r.error.issues.map((i) => i.path)).toContain(path);
      expect(r.error.message).toMatch(/invalid/);
      expect(snapshot(order)).toBe(before);
    });
  }

  it('a malformed actor or time is invalid too', () => {
    const bad = apply(order, { type: 'CONFIRM_ORDER' }, { actor: { kind: 'hacker', id: 'x' } as unknown as Actor, now: NOW });
    expect(!bad.ok && bad.error.code === 'INVALID' && bad.error.issues[0]?.path).toBe('actor.kind');
    const nobody = apply(order, { type: 'CONFIRM_ORDER' }, { now: NOW } as unknown as Parameters<typeof apply>[2]);
    expect(!nobody.ok && nobody.error.code === 'INVALID' && nobody.error.issues[0]?.path).toBe('actor'); // the whole actor is missing
    const late = apply(order, { type: 'CONFIRM_ORDER' }, { actor: staff, now: 'yesterday' });
    expect(!late.ok && late.error.code === 'INVALID' && late.error.issues[0]?.path).toBe('now');
  });

  /** The cart with checkout done (€20 of goods, €5 shipping, paid online), ready for PLACE_ORDER. */
  const checkedOut = () =>
    run(cart(), [
      [{ type: 'START_CHECKOUT' }, customer],
      [{ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'a@example.com' } }, customer],
      [{ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } }, customer],
      [{ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 500, currency: 'EUR' } }, customer],
      [{ type: 'SELECT_PAYMENT_METHOD', method: 'online' }, customer],
    ]);

  it('totals must add up: lines + shipping + tax − discount', () => {
    const ready = checkedOut();
    const wrong = apply(ready, { type: 'PLACE_ORDER', total: { amount: 2499, currency: 'EUR' } }, { actor: customer, now: NOW });
    expect(wrong.ok).toBe(false);
    if (wrong.ok || wrong.error.code !== 'INVALID') throw new Error('expected INVALID');
    expect(wrong.error.issues[0]).toMatchObject({ path: 'total', code: 'totals_mismatch' });
    expect(wrong.error.issues[0]?.message).toContain('2500');
    const split = apply(ready, { type: 'PLACE_ORDER', total: { amount: 2500, currency: 'EUR' }, payments: [{ method: 'online', amount: { amount: 2000, currency: 'EUR' } }] }, { actor: customer, now: NOW });
    expect(!split.ok && split.error.code === 'INVALID' && split.error.issues[0]?.path).toBe('payments');
    const tooMuchOff = apply(ready, { type: 'PLACE_ORDER', discount: { amount: 9999, currency: 'EUR' }, total: { amount: 0, currency: 'EUR' } }, { actor: customer, now: NOW });
    expect(!tooMuchOff.ok && tooMuchOff.error.code === 'INVALID' && tooMuchOff.error.issues[0]?.path).toBe('discount');
  });

  it('totals are checked only for an actor who may place the order now: others learn only that they may not', () => {
    const ready = checkedOut();
    const wrongTotal = { type: 'PLACE_ORDER', total: { amount: 9999, currency: 'EUR' } };
    const byCarrier = apply(ready, wrongTotal, { actor: { kind: 'carrier', id: 'dhl' }, now: NOW });
    expect(!byCarrier.ok && byCarrier.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(byCarrier)).not.toContain('2500'); // nothing about the order's amounts
    const inCart = apply(cart(), wrongTotal, { actor: customer, now: NOW });
    expect(!inCart.ok && inCart.error.code === 'REJECTED' && inCart.error.reason).toBe('NOT_ALLOWED_IN_STATE');
    const byShopper = apply(ready, wrongTotal, { actor: customer, now: NOW });
    expect(!byShopper.ok && byShopper.error.code === 'INVALID' && byShopper.error.issues[0]?.code).toBe('totals_mismatch');
  });

  it('split tender: each payment of the plan gets its own id, never one shared by two payments', () => {
    const ready = checkedOut();
    const half = { amount: 1250, currency: 'EUR' } as const;
    const place = (ids: readonly (string | undefined)[]) =>
      apply(ready, { type: 'PLACE_ORDER', total: { amount: 2500, currency: 'EUR' }, payments: [{ paymentId: ids[0], method: 'online', amount: half }, { paymentId: ids[1], method: 'bank_transfer', amount: half }] }, { actor: customer, now: NOW });
    const same = place(['dup', 'dup']);
    expect(!same.ok && same.error.code === 'REJECTED' && same.error.reason).toBe('DUPLICATE_ID');
    // An id left to the library never collides with one asked for later in the same plan.
    const mixed = place([undefined, `${ready.id}-P1`]);
    expect(mixed.ok && mixed.order.payments.map((p) => p.id)).toEqual([`${ready.id}-P2`, `${ready.id}-P1`]);
    const own = place(['card', 'transfer']);
    expect(own.ok && own.order.payments.map((p) => p.id)).toEqual(['card', 'transfer']);
  });

  it('createOrder validates its input the same way', () => {
    const r = createOrder({ orderId: 'o2', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: { amount: 100, currency: 'USD' } }] }, { now: NOW });
    expect(!r.ok && r.error.issues[0]?.path).toBe('items.0.unitPrice.currency');
    const dup = createOrder(
      { orderId: 'o2', currency: 'EUR', items: [1, 2].map(() => ({ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: { amount: 100, currency: 'EUR' as const } })) },
      { now: NOW },
    );
    expect(!dup.ok && dup.error.issues[0]?.path).toBe('items');
    const noCurrency = createOrder({ orderId: 'o2', currency: 'XYZ' as 'EUR' }, { now: NOW });
    expect(!noCurrency.ok && noCurrency.error.issues[0]?.path).toBe('currency');
  });
});

describe('apply: a well-formed event the order does not take is refused with a reason, the state and what is allowed', () => {
  it('names the state and the allowed events; never a silent no-op', () => {
    const order = placed();
    const r = apply(order, { type: 'START_PICKING', shipmentId: 'nope', pickerId: 'p1' }, { actor: staff, now: NOW });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code === 'INVALID') throw new Error('expected a rejection');
    expect(r.error).toMatchObject({ code: 'REJECTED', reason: 'UNKNOWN_SHIPMENT', machine: 'shipment', target: 'nope', orderState: 'placed.awaiting_payment' });
    const wrongState = apply(order, { type: 'COMPLETE_ORDER' }, { actor: staff, now: NOW });
    if (wrongState.ok || wrongState.error.code === 'INVALID') throw new Error('expected a rejection');
    expect(wrongState.error).toMatchObject({ code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE', state: 'placed.awaiting_payment' });
    expect(wrongState.error.allowed).toEqual(allowedEvents(order, staff, { now: NOW }));
    expect(wrongState.error.allowed.map((a) => a.type)).toContain('PUT_ON_HOLD');
  });

  it('a customer cannot mark an order paid or confirm a bank transfer: FORBIDDEN, with who may', () => {
    const order = placed('bank_transfer');
    for (const event of [
      { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'TRX-1', amount: { amount: 2400, currency: 'EUR' } },
      { type: 'COLLECT_COD', paymentId: 'o1-P1', amount: { amount: 2400, currency: 'EUR' } },
      { type: 'CONFIRM_ORDER' },
    ]) {
      const r = apply(order, event, { actor: customer, now: NOW });
      if (r.ok || r.error.code === 'INVALID') throw new Error(`expected FORBIDDEN for ${event.type}`);
      expect(r.error.code).toBe('FORBIDDEN');
      expect(r.error.reason).toBe('ACTOR_NOT_ALLOWED');
      expect(r.error.allowedActors?.length).toBeGreaterThan(0);
      expect(r.error.allowedActors).not.toContain('customer');
    }
    expect(can(order, { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'TRX-1', amount: { amount: 2400, currency: 'EUR' } }, { actor: staff, now: NOW })).toBe(true);
  });

  it('a refund above what was captured is refused, and nothing changes', () => {
    let order = placed();
    order = run(order, [[{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: { amount: 2400, currency: 'EUR' }, providerRef: 'cap-1' }, provider]]);
    const before = snapshot(order);
    const r = apply(order, { type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: { amount: 2401, currency: 'EUR' }, reason: 'goodwill' }, { actor: staff, now: NOW });
    expect(!r.ok && r.error.code !== 'INVALID' && r.error.reason).toBe('REFUND_EXCEEDS_CAPTURED');
    expect(snapshot(order)).toBe(before);
    const ok = apply(order, { type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: { amount: 2400, currency: 'EUR' }, reason: 'goodwill' }, { actor: staff, now: NOW });
    expect(ok.ok && ok.effects).toEqual([{ kind: 'command', orderId: 'o1', command: 'refund_payment', paymentId: 'o1-P1', amount: { amount: 2400, currency: 'EUR' }, reason: 'goodwill' }]);
    // The pending refund counts: a second full refund is refused before the first settles.
    if (!ok.ok) return;
    const again = apply(ok.order, { type: 'REQUEST_REFUND', paymentId: 'o1-P1', amount: { amount: 1, currency: 'EUR' }, reason: 'again' }, { actor: staff, now: NOW });
    expect(!again.ok && again.error.code !== 'INVALID' && again.error.reason).toBe('REFUND_EXCEEDS_CAPTURED');
  });

  it('the same provider reference reported twice is refused as a duplicate', () => {
    const order = run(placed(), [[{ type: 'PAYMENT_AUTHORIZED', paymentId: 'o1-P1', amount: { amount: 2400, currency: 'EUR' }, providerRef: 'auth-1' }, provider]]);
    const once = apply(order, { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: { amount: 1000, currency: 'EUR' }, providerRef: 'cap-1' }, { actor: provider, now: NOW });
    if (!once.ok) throw new Error(once.error.message);
    const twice = apply(once.order, { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: { amount: 1000, currency: 'EUR' }, providerRef: 'cap-1' }, { actor: provider, now: NOW });
    expect(!twice.ok && twice.error.code !== 'INVALID' && twice.error.reason).toBe('DUPLICATE_PROVIDER_REFERENCE');
    const tooMuch = apply(once.order, { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: { amount: 1401, currency: 'EUR' }, providerRef: 'cap-2' }, { actor: provider, now: NOW });
    expect(!tooMuch.ok && tooMuch.error.code !== 'INVALID' && tooMuch.error.reason).toBe('CAPTURE_EXCEEDS_AUTHORIZED');
    expect(deriveOrderStatuses(once.order).payment).toBe('partially_paid');
  });

  it('an order on hold resumes where it was (history) and then follows what happened meanwhile', () => {
    let order = run(placed(), [[{ type: 'PUT_ON_HOLD', reason: 'payment_review', note: 'large first order' }, staff]]);
    expect(order.order.state).toBe('on_hold');
    expect(order.order.context.hold).toMatchObject({ reason: 'payment_review', note: 'large first order' });
    // The payment arrives while the order is held: the order stays held.
    order = run(order, [[{ type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: { amount: 2400, currency: 'EUR' }, providerRef: 'cap-1' }, provider]]);
    expect(order.order.state).toBe('on_hold');
    const released = apply(order, { type: 'RELEASE_HOLD' }, { actor: staff, now: NOW });
    if (!released.ok) throw new Error(released.error.message);
    // Back to awaiting payment, which is now secured, so on to confirmed with its effects.
    expect(released.order.order.state).toBe('placed.confirmed');
    expect(released.changes).toEqual([{ machine: 'order', id: 'o1', from: 'on_hold', to: 'placed.confirmed' }]);
    expect(released.effects.map((e) => (e.kind === 'command' ? e.command : e.template))).toEqual(['order_confirmed', 'reserve_stock']);
  });
});
