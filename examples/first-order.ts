import { apply, allowedEvents, createOrder, type Actor, type OrderAggregate } from 'ordermachine';
const shopper: Actor = { kind: 'customer', id: 'c-42' };
const clerk: Actor = { kind: 'staff', id: 'clerk-7' };
const now = new Date('2026-03-01T09:00:00Z');
const created = createOrder({ orderId: 'o-1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'TEA', name: 'Green tea', quantity: 2, unitPrice: { amount: 450, currency: 'EUR' } }] }, { now });
if (!created.ok) throw new Error(created.error.message);
let order: OrderAggregate = created.order;
const send = (event: unknown, actor: Actor) => {
  const result = apply(order, event, { actor, now }); // a refusal is a value: why, and what is allowed instead
  if (!result.ok) throw new Error(result.error.message);
  for (const e of result.effects) console.log(`  ${e.kind}: ${e.kind === 'command' ? e.command : e.template}`);
  order = result.order;
};
send({ type: 'START_CHECKOUT' }, shopper);
send({ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'anna@example.com' } }, shopper);
send({ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } }, shopper);
send({ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 500, currency: 'EUR' } }, shopper);
send({ type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' }, shopper);
send({ type: 'PLACE_ORDER', total: { amount: 1400, currency: 'EUR' } }, shopper);
console.log(allowedEvents(order, shopper).map((e) => e.type)); // ['CANCEL_ORDER']: only staff confirm a transfer
send({ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-1-P1', reference: 'TRX-881', amount: { amount: 1400, currency: 'EUR' } }, clerk);
console.log(order.order.state); // 'placed.confirmed'

export { order };
