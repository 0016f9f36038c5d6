import { describe, expect, it } from 'vitest';
import { createMemoryStorage, createOrderEngine, createOutboxRelay, createMemoryNotifier } from '../../src/index.js';
import { createFakeClock, createSequentialIds } from '../../src/testing.js';

describe('createFakeClock: a clock the test moves by hand', () => {
  it('starts where it is told (default 2026-03-01T09:00Z) and stands still until moved', () => {
    expect(createFakeClock().now().toISOString()).toBe('2026-03-01T09:00:00.000Z');
    const clock = createFakeClock('2026-04-06T09:00:00+02:00');
    expect(clock.now().toISOString()).toBe('2026-04-06T07:00:00.000Z');
    expect(clock.now().getTime()).toBe(clock.now().getTime());
    expect(createFakeClock(new Date(0)).now().getTime()).toBe(0);
  });

  it('advances by milliseconds or by a duration of fixed-length units, and returns the new time', () => {
    const clock = createFakeClock('2026-03-01T00:00:00Z');
    expect(clock.advance(1_500).toISOString()).toBe('2026-03-01T00:00:01.500Z');
    expect(clock.advance({ weeks: 1, days: 1, hours: 2, minutes: 3, seconds: 4, milliseconds: 5 }).toISOString()).toBe('2026-03-09T02:03:05.505Z');
    // A day is 24 hours, also across a daylight-saving change in any zone.
    expect(clock.advance({ days: 30 }).toISOString()).toBe('2026-04-08T02:03:05.505Z');
    expect(clock.now().toISOString()).toBe('2026-04-08T02:03:05.505Z');
  });

  it('set() goes anywhere, back in time too; advance() only forward', () => {
    const clock = createFakeClock('2026-03-01T00:00:00Z');
    expect(clock.set('2025-12-31T23:59:59Z').toISOString()).toBe('2025-12-31T23:59:59.000Z');
    expect(clock.set(new Date('2026-01-01T00:00:00Z')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance({ hours: -1 })).toThrow(/not a forward step/);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.advance({ months: 1 } as never)).toThrow(/unknown unit "months"/);
    expect(() => clock.set('not a date')).toThrow(RangeError);
    expect(() => createFakeClock('yesterday')).toThrow(RangeError);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('hands out copies: changing a Date it returned does not move the clock', () => {
    const clock = createFakeClock('2026-03-01T00:00:00Z');
    clock.now().setFullYear(1999);
    clock.advance(0).setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('drives the engine: an abandoned cart gets its reminder once the clock passes 4 hours, not before', async () => {
    const clock = createFakeClock('2026-03-01T09:00:00Z');
    const storage = createMemoryStorage();
    const engine = createOrderEngine({ storage, clock });
    await engine.create({
      orderId: 'o-1',
      currency: 'EUR',
      items: [{ lineId: 'l1', sku: 'TEA', name: 'Green tea', quantity: 1, unitPrice: { amount: 450, currency: 'EUR' } }],
      customer: { kind: 'guest', email: 'anna@example.com' },
    });
    clock.advance({ hours: 3, minutes: 59 });
    expect((await engine.runDue()).fired).toEqual([]);
    clock.advance({ minutes: 1 });
    expect((await engine.runDue()).fired).toEqual([{ orderId: 'o-1', key: 'cart_reminder', eventType: 'SEND_CART_REMINDER' }]);
    const history = await engine.history('o-1');
    expect(history.at(-1)?.at).toBe('2026-03-01T13:00:00.000Z');
    // The relay takes the same clock: the reminder goes out at the fake time.
    const notifier = createMemoryNotifier();
    const report = await createOutboxRelay({ storage, notifier, clock }).runOnce();
    expect(report.delivered).toBe(1);
    expect(notifier.sent[0]?.effect.template).toBe('cart_reminder');
  });
});

describe('createSequentialIds: deterministic ids', () => {
  it('counts from 1 with the prefix, each generator on its own', () => {
    const orders = createSequentialIds('order');
    const other = createSequentialIds('order');
    expect([orders(), orders(), orders()]).toEqual(['order-1', 'order-2', 'order-3']);
    expect(other()).toBe('order-1');
  });

  it('pads to a width so that ids sort in the order they were made', () => {
    const next = createSequentialIds('o', { width: 3 });
    const ids = Array.from({ length: 12 }, () => next());
    expect(ids.slice(0, 2)).toEqual(['o-001', 'o-002']);
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses an empty or overlong prefix and a bad width', () => {
    expect(() => createSequentialIds('')).toThrow(RangeError);
    expect(() => createSequentialIds('x'.repeat(81))).toThrow(RangeError);
    expect(() => createSequentialIds('o', { width: 0 })).toThrow(RangeError);
    expect(() => createSequentialIds('o', { width: 1.5 })).toThrow(RangeError);
  });

  it('makes ids the engine accepts, in creation order as storage lists them', async () => {
    const nextId = createSequentialIds('order', { width: 4 });
    const engine = createOrderEngine({ storage: createMemoryStorage() });
    const ids = [nextId(), nextId(), nextId()];
    for (const orderId of ids) expect((await engine.create({ orderId, currency: 'EUR' })).status).toBe('created');
    expect((await engine.list({})).items.map((o) => o.id)).toEqual(['order-0001', 'order-0002', 'order-0003']);
  });
});
