import { apply, allowedEvents, createOrder, type Actor, type OrderAggregate } from 'ordermachine';

const shopper: Actor = { kind: 'customer', id: 'c-42' };
const clerk: Actor = { kind: 'staff', id: 'clerk-7' };
const now = new Date('2026-03-01T09:00:00Z');

/** Applies one event; a refusal is a value that says why and what is allowed instead. */
function send(order: OrderAggregate, event: unknown, actor: Actor): OrderAggregate {
  const result = apply(order, event, { actor, now });
  if (!result.ok) throw new Error(result.error.message);
  for (const e of result.effects) console.log(`  ${e.kind}: ${e.kind === 'command' ? e.command : e.template}`);
  return result.order;
}

const created = createOrder({ orderId: 'o-1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'TEA', name: 'Green tea', quantity: 2, unitPrice: { amount: 450, currency: 'EUR' } }] }, { now });
if (!created.ok) throw new Error(created.error.message);
let order = send(created.order, { type: 'START_CHECKOUT' }, shopper);
order = send(order, { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'anna@example.com' } }, shopper);
order = send(order, { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } }, shopper);
order = send(order, { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 500, currency: 'EUR' } }, shopper);
order = send(order, { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' }, shopper);
order = send(order, { type: 'PLACE_ORDER', total: { amount: 1400, currency: 'EUR' } }, shopper);
// The customer may not confirm their own transfer; staff may, with the bank's reference.
console.log(allowedEvents(order, shopper).map((e) => e.type)); // ['CANCEL_ORDER']
order = send(order, { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-1-P1', reference: 'TRX-881', amount: { amount: 1400, currency: 'EUR' } }, clerk);
console.log(order.order.state); // 'placed.confirmed'

export { order };
