// Snippets of docs/guides/event-vocabulary.md, run by test/docs/guides.test.ts.
// #region send
import { allowedEvents, apply, createOrder, type Actor, type OrderAggregate, type OrderEventType } from 'ordermachine';

/** The field that names the part an event addresses ("Addresses" in docs/events.md). */
const ID_FIELD = { order: null, payment: 'paymentId', shipment: 'shipmentId', return: 'returnId' } as const;

/**
 * Sends `type` to the part of the order that accepts it from this actor now (the order itself, or
 * the first payment, parcel or return that does), with the rest of the payload from `fields`.
 */
export function send(order: OrderAggregate, type: OrderEventType, fields: object, actor: Actor, now: Date): OrderAggregate {
  const target = allowedEvents(order, actor, { now }).find((allowed) => allowed.type === type);
  if (target === undefined) throw new Error(`${actor.kind} may not send ${type} while the order is ${order.order.state}`);
  const field = ID_FIELD[target.machine];
  const event = { type, ...(field === null ? {} : { [field]: target.id }), ...fields };
  const result = apply(order, event, { actor, now });
  if (!result.ok) throw new Error(result.error.message);
  return result.order;
}
// #endregion send

// #region checkout
const shopper: Actor = { kind: 'customer', id: 'rahim' };
const clerk: Actor = { kind: 'staff', id: 'clerk-1' };
const courier: Actor = { kind: 'carrier', id: 'courier-12' };
const taka = (amount: number) => ({ amount, currency: 'BDT' as const }); // minor units: 185 000 = ৳1,850.00

/** A cash-on-delivery order in Dhaka, from the cart to placed. */
export function placeCashOnDelivery(now: Date): OrderAggregate {
  const created = createOrder(
    { orderId: '5012', currency: 'BDT', items: [{ lineId: 'l1', sku: 'JAMDANI', name: 'জামদানি শাড়ি', quantity: 1, unitPrice: taka(175_000) }] },
    { now },
  );
  if (!created.ok) throw new Error(created.error.message);
  let order = created.order;
  order = send(order, 'START_CHECKOUT', {}, shopper, now);
  order = send(order, 'SET_CUSTOMER', { customer: { kind: 'guest', name: 'রহিম উদ্দিন', phone: '+8801711234567', locale: 'bn' } }, shopper, now);
  order = send(order, 'SET_SHIPPING_ADDRESS', { address: { name: 'রহিম উদ্দিন', line1: 'বাড়ি ১২, রোড ৫, ধানমন্ডি', city: 'ঢাকা', country: 'BD' } }, shopper, now);
  order = send(order, 'SELECT_SHIPPING_METHOD', { method: 'standard', price: taka(10_000) }, shopper, now);
  order = send(order, 'SELECT_PAYMENT_METHOD', { method: 'cash_on_delivery' }, shopper, now);
  return send(order, 'PLACE_ORDER', { total: taka(185_000) }, shopper, now);
}
// #endregion checkout

// #region fulfil
/** From placed to the door. The parcel's id comes from allowedEvents, inside `send`. */
export function shipToTheDoor(order: OrderAggregate, now: Date): OrderAggregate {
  order = send(order, 'CONFIRM_ORDER', {}, clerk, now); // offline payments are confirmed by staff
  order = send(order, 'CREATE_SHIPMENT', { lines: [{ lineId: 'l1', quantity: 1 }] }, clerk, now);
  order = send(order, 'RELEASE_TO_WAREHOUSE', {}, clerk, now);
  order = send(order, 'START_PICKING', { pickerId: 'picker-4' }, clerk, now);
  order = send(order, 'PACK_SHIPMENT', { label: { carrier: 'Pathao', trackingNumber: '250601770012' } }, clerk, now);
  order = send(order, 'MARK_READY_TO_SHIP', {}, clerk, now);
  order = send(order, 'HAND_TO_CARRIER', {}, clerk, now);
  return send(order, 'CARRIER_STATUS', { status: 'out_for_delivery' }, courier, now);
}

/** The courier collects the cash at the door: this one event also settles the payment. */
export function deliverWithCash(order: OrderAggregate, now: Date): OrderAggregate {
  return send(order, 'CARRIER_STATUS', { status: 'delivered', codCollected: taka(185_000) }, courier, now);
}
// #endregion fulfil

// #region refusal
/** "Delivered" without the cash of a cash-on-delivery order: refused by a rule that spans the parcel and the payment. */
export function deliveredWithoutCash(order: OrderAggregate, now: Date): string {
  const shipmentId = order.shipments[0]?.id ?? '';
  const result = apply(order, { type: 'CARRIER_STATUS', shipmentId, status: 'delivered' }, { actor: courier, now });
  if (result.ok) return 'applied';
  return result.error.code === 'INVALID' ? result.error.message : `${result.error.code} ${result.error.reason}`; // 'REJECTED COD_NOT_COLLECTED'
}
// #endregion refusal
