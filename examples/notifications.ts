import { createMemoryNotifier, createMemoryStorage, createOrderEngine, createOutboxRelay, type Actor } from 'ordermachine';

/** An order's messages, delivered by the outbox relay in the customer's language (Persian here). */
export async function persianMessages() {
  const storage = createMemoryStorage();
  const engine = createOrderEngine({ storage, clock: { now: () => new Date('2026-03-20T08:00:00Z') } });
  const notifier = createMemoryNotifier();
  const relay = createOutboxRelay({ storage, notifier, ignore: ['reserve_stock'], renderOptions: { storeName: 'فروشگاه برگ سبز' } });
  const sara: Actor = { kind: 'customer', id: 'sara' };

  await engine.create({ orderId: '1024', currency: 'IRR', items: [{ lineId: 'l1', sku: 'TEA', name: 'چای سبز', quantity: 2, unitPrice: { amount: 45_000_000, currency: 'IRR' } }] });
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'guest', name: 'سارا احمدی', email: 'sara@example.ir', locale: 'fa' } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'سارا احمدی', line1: 'خیابان ولیعصر ۱۲', city: 'تهران', country: 'IR' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 10_000_000, currency: 'IRR' } },
    { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' },
    { type: 'PLACE_ORDER', total: { amount: 100_000_000, currency: 'IRR' } },
  ]) {
    await engine.send('1024', event, { actor: sara });
  }
  const report = await relay.runOnce(new Date('2026-03-20T08:01:00Z'));
  return { delivered: report.delivered, subjects: notifier.unique.map((d) => d.message.subject), dir: notifier.unique[0]?.message.dir };
}
