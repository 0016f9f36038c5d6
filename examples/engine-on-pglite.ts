import { PGlite } from '@electric-sql/pglite';
import { createOrderEngine, type Actor } from 'ordermachine';
import { createPostgresStorage, migrate } from 'ordermachine/postgres';

/** An order engine on embedded PostgreSQL: the same adapter takes a `pg` Pool for a real server. */
export async function engineOnPglite() {
  const db = await PGlite.create();
  await migrate(db);
  const engine = createOrderEngine({ storage: createPostgresStorage({ db }) });
  const shopper: Actor = { kind: 'customer', id: 'c-7' };
  const bank: Actor = { kind: 'payment_provider', id: 'gateway' };

  await engine.create({ orderId: 'o-7', currency: 'IRR', items: [{ lineId: 'l1', sku: 'SAFFRON', name: 'زعفران', quantity: 1, unitPrice: { amount: 2_500_000, currency: 'IRR' } }] });
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'guest', phone: '+989121234567', locale: 'fa' } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'سارا احمدی', line1: 'خیابان ولیعصر ۱۲', city: 'تهران', country: 'IR' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'express', price: { amount: 300_000, currency: 'IRR' } },
    { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
    { type: 'PLACE_ORDER', total: { amount: 2_800_000, currency: 'IRR' } },
  ]) {
    await engine.send('o-7', event, { actor: shopper });
  }
  // The gateway's webhook, retried by the network: the second delivery is a no-op.
  const capture = { type: 'PAYMENT_CAPTURED', paymentId: 'o-7-P1', amount: { amount: 2_800_000, currency: 'IRR' }, providerRef: 'bank-991' };
  const first = await engine.send('o-7', capture, { actor: bank });
  const again = await engine.send('o-7', capture, { actor: bank });

  // Indexed status columns: "all paid orders with nothing shipped yet".
  const page = await engine.list({ paymentStatus: 'paid', fulfilmentStatus: 'unfulfilled' });
  const history = await engine.history('o-7');
  await db.close();
  return { first: first.status, again: again.status, listed: page.items.map((o) => o.id), historyLength: history.length };
}
