/** The actors, money and "placed order" steps the engine tests share. */
import type { Actor, OrderEngine, PaymentMethod } from '../../src/index.js';
import { createFakeClock } from '../../src/testing.js';

export const customer: Actor = { kind: 'customer', id: 'c1' };
export const staff: Actor = { kind: 'staff', id: 's1' };
export const psp: Actor = { kind: 'payment_provider', id: 'psp' };
export const carrier: Actor = { kind: 'carrier', id: 'post' };
export const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const T0 = '2026-04-06T09:00:00.000Z';

/** A clock the test moves by hand (the one hosts get from `ordermachine/testing`). */
export const fakeClock = (start = T0) => createFakeClock(start);

/** Awaits an engine call that must be applied (or created), failing with the whole result otherwise. */
export async function must<R extends { status: string }>(p: Promise<R>): Promise<R> {
  const r = await p;
  if (r.status !== 'applied' && r.status !== 'created') throw new Error(JSON.stringify(r));
  return r;
}

/**
 * A placed order: one line of 2 × €10 and €5 shipping (€25), 7 history rows. With `split`,
 * PLACE_ORDER splits the total into that many payments (`<id>-P1`…), each then authorized in full.
 */
export async function placed(
  engine: OrderEngine,
  orderId: string,
  options: { method?: PaymentMethod; backorderable?: boolean; split?: number } = {},
): Promise<void> {
  const method = options.method ?? 'online';
  const split = options.split ?? 0;
  await must(
    engine.create(
      { orderId, currency: 'EUR', items: [{ lineId: 'l1', sku: 'KETTLE', name: 'Kettle', quantity: 2, unitPrice: eur(1000), backorderable: options.backorderable ?? false }] },
      { actor: customer },
    ),
  );
  const payments = split > 0 ? Array.from({ length: split }, () => ({ method, amount: eur(2500 / split) })) : undefined;
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'anna@example.com' } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) },
    { type: 'SELECT_PAYMENT_METHOD', method },
    { type: 'PLACE_ORDER', total: eur(2500), ...(payments ? { payments } : {}) },
  ]) {
    await must(engine.send(orderId, event, { actor: customer }));
  }
  for (let p = 1; p <= split; p += 1) {
    await must(engine.send(orderId, { type: 'PAYMENT_AUTHORIZED', paymentId: `${orderId}-P${p}`, amount: eur(2500 / split), providerRef: `auth.${orderId}.${p}` }, { actor: psp }));
  }
}
