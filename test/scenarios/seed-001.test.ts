/**
 * Seed 001 — a Russian web shop (smart-market.online) and the statuses its customers see while an
 * order is fulfilled: «Необработанный», «Ожидание отправки», «Выполнено», «Упаковка»,
 * «Готов к отправке», «Отправлено». One order walks every status; each `it` continues the walk.
 */
import { describe, expect, it } from 'vitest';
import { statusLabel, type CustomerStatus, type Money } from '../../src/index.js';
import { actor, customer, scenario, system } from './driver.js';

const rub = (rubles: number): Money => ({ amount: rubles * 100, currency: 'RUB' });

const COFFEE_MACHINE = {
  lineId: 'l1',
  sku: 'DLG-ECAM-22',
  name: 'Кофемашина DeLonghi Magnifica S',
  quantity: 1,
  unitPrice: rub(45_990),
  // Sold while out of stock and brought from the wholesaler.
  backorderable: true,
};
const BEANS = { lineId: 'l2', sku: 'LVZ-QR-1000', name: 'Кофе в зёрнах Lavazza Qualità Rossa, 1 кг', quantity: 2, unitPrice: rub(1_990) };
const COURIER_PRICE = rub(490);
const TOTAL = rub(45_990 + 2 * 1_990 + 490);

const IVAN = { kind: 'guest', name: 'Иван Петров', email: 'ivan.petrov@example.ru', phone: '+79161234567', locale: 'ru' } as const;
const ADDRESS = {
  name: 'Иван Петров',
  line1: 'ул. Тверская, д. 7, кв. 15',
  city: 'Москва',
  postalCode: '125009',
  country: 'RU',
  phone: '+79161234567',
} as const;

const manager = actor('staff', 'manager-anna');
const storekeeper = actor('staff', 'storekeeper-oleg');
const packer = actor('staff', 'packer-svetlana');
const courier = actor('carrier', 'cdek');
const ORDER = 'sm-5001';
const S1 = `${ORDER}-S1`;

describe('seed 001 — Russian store statuses', () => {
  const shop = scenario({ orderId: ORDER, currency: 'RUB', items: [COFFEE_MACHINE, BEANS], startAt: '2026-04-06T07:30:00Z' });
  /** The customer-facing status after each status of the document. */
  const seen: CustomerStatus[] = [];

  it('the customer chooses goods and checks out; fulfilment starts only once every detail is filled in correctly', () => {
    expect(shop.customerStatus).toBe('shopping');
    shop.as(customer).send({ type: 'START_CHECKOUT' });
    shop.as(customer).send({ type: 'SET_CUSTOMER', customer: IVAN });
    shop.as(customer).send({ type: 'SELECT_SHIPPING_METHOD', method: 'expedited', price: COURIER_PRICE });
    shop.as(customer).send({ type: 'SELECT_PAYMENT_METHOD', method: 'online' });
    shop.as(customer).refused({ type: 'PLACE_ORDER', total: TOTAL }, { code: 'REJECTED', reason: 'CHECKOUT_INCOMPLETE' });
    shop.as(customer).send({ type: 'SET_SHIPPING_ADDRESS', address: ADDRESS });
    shop.as(customer).send({ type: 'PLACE_ORDER', total: TOTAL });
    expect(shop.templates).toEqual(['order_placed']);
    expect(shop.order.order.context.customer).toMatchObject({ name: 'Иван Петров', locale: 'ru' });
    expect(shop.customerStatus).toBe('awaiting_payment');
    seen.push(shop.customerStatus);
  });

  it('«Необработанный» — right after the payment the order is unprocessed', () => {
    // "Сразу после совершения платежа заказу присваивается статус необработанный."
    shop.as(actor('payment_provider', 'yookassa')).send({ type: 'PAYMENT_CAPTURED', paymentId: `${ORDER}-P1`, amount: TOTAL, providerRef: 'yk-2f9a1c' });
    expect(shop.templates).toEqual(['payment_received', 'order_confirmed']);
    expect(shop.command('reserve_stock').lines).toEqual([
      { lineId: 'l1', quantity: 1 },
      { lineId: 'l2', quantity: 2 },
    ]);
    expect(shop.statuses).toEqual({ order: 'placed.confirmed', payment: 'paid', fulfilment: 'unfulfilled', returns: 'none', customer: 'processing' });
    seen.push(shop.customerStatus);
  });

  it('only goods sold to order can wait for stock: a line that is not backorderable cannot be backordered', () => {
    // The coffee beans are never sold while out of stock.
    shop.as(system).refused({ type: 'STOCK_UNAVAILABLE', lines: [{ lineId: 'l2', quantity: 2 }] }, { code: 'REJECTED', reason: 'NOT_BACKORDERABLE' });
    // Nor may more of a backorderable line wait than was ordered.
    shop.as(system).refused({ type: 'STOCK_UNAVAILABLE', lines: [{ lineId: 'l1', quantity: 2 }] }, { code: 'REJECTED', reason: 'NOT_BACKORDERABLE' });
    // An unknown line is not backorderable either.
    shop.as(system).refused({ type: 'STOCK_UNAVAILABLE', lines: [{ lineId: 'l9', quantity: 1 }] }, { code: 'REJECTED', reason: 'NOT_BACKORDERABLE' });
    shop.as(customer).refused({ type: 'STOCK_UNAVAILABLE', lines: [{ lineId: 'l1', quantity: 1 }] }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    expect(shop.statuses).toMatchObject({ order: 'placed.confirmed', customer: 'processing' });
  });

  it('«Ожидание отправки» — the coffee machine is not in our warehouse and is brought from the wholesaler', () => {
    // "Этот статус появляется только тогда, когда данный товар отсутствует на нашем складе…"
    shop.as(system).send({ type: 'STOCK_UNAVAILABLE', lines: [{ lineId: 'l1', quantity: 1 }], expectedAt: '2026-04-10T12:00:00+03:00' });
    expect(shop.notifications).toEqual([
      {
        kind: 'notification',
        orderId: ORDER,
        template: 'order_backordered',
        audience: 'customer',
        subject: { machine: 'order', id: ORDER },
        data: { expectedAt: '2026-04-10T12:00:00+03:00' },
      },
    ]);
    expect(shop.order.order.context).toMatchObject({ stock: 'backordered', backorder: { lines: [{ lineId: 'l1', quantity: 1 }], expectedAt: '2026-04-10T12:00:00+03:00' } });
    expect(shop.statuses).toMatchObject({ order: 'placed.backordered', payment: 'paid', customer: 'awaiting_stock' });
    seen.push(shop.customerStatus);
    // "…и мы должны доставить его, например, из оптового магазина." Three days later it arrives.
    shop.wait({ days: 3 });
    shop.as(customer).refused({ type: 'STOCK_AVAILABLE' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    shop.as(system).send({ type: 'STOCK_AVAILABLE' });
    expect(shop.effects).toEqual([]);
    expect(shop.order.order.context).toMatchObject({ stock: 'reserved', backorder: null });
    expect(shop.statuses).toMatchObject({ order: 'placed.confirmed', customer: 'processing' });
    seen.push(shop.customerStatus);
  });

  it('«Выполнено» — the storekeeper assigned to the order collects the goods', () => {
    // "Когда товары есть на складе, их начинают собирать, то есть кладовщик, которому был назначен данный заказ, собирает продукты."
    shop.as(manager).send({ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 2 }] });
    expect(shop.shipment()).toMatchObject({ id: S1, state: 'pending', context: { method: 'expedited' } });
    expect(shop.statuses).toMatchObject({ order: 'placed.fulfilling', customer: 'processing' });
    shop.as(manager).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: S1 });
    expect(shop.customerStatus).toBe('processing');
    shop.as(system).refused({ type: 'START_PICKING', shipmentId: S1, pickerId: 'storekeeper-oleg' }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    shop.as(storekeeper).send({ type: 'START_PICKING', shipmentId: S1, pickerId: 'storekeeper-oleg', pickListId: 'PL-0406-17' });
    expect(shop.effects).toEqual([]);
    expect(shop.shipment()).toMatchObject({ state: 'picking', context: { pickerId: 'storekeeper-oleg', pickListId: 'PL-0406-17' } });
    expect(shop.statuses).toMatchObject({ order: 'placed.fulfilling', customer: 'picking' });
    seen.push(shop.customerStatus);
    // "Выполнено - товары собраны": the storekeeper has collected everything.
    shop.as(storekeeper).send({ type: 'FINISH_PICKING', shipmentId: S1 });
    expect(shop.effects).toEqual([]);
    expect(shop.shipment()).toMatchObject({ state: 'picked' });
    expect(shop.statuses).toMatchObject({ order: 'placed.fulfilling', customer: 'picked' });
    expect(statusLabel('picked', 'ru')).toBe('Выполнено');
    seen.push(shop.customerStatus);
  });

  it('«Упаковка» — on the packing table the packer closes the parcel; the courier label follows the chosen delivery form', () => {
    // "Упаковщик закрывает данную упаковку, проверяет правильность всей информации…"
    shop.as(packer).send({ type: 'PACK_SHIPMENT', shipmentId: S1, packerId: 'packer-svetlana', invoiceNumber: 'СЧ-000417' });
    // "В то же время ярлык для курьера генерируется в соответствии с формой отправки, выбранной клиентами."
    expect(shop.commands).toEqual([{ kind: 'command', orderId: ORDER, command: 'buy_label', shipmentId: S1, method: 'expedited' }]);
    expect(shop.templates).toEqual([]);
    expect(shop.statuses).toMatchObject({ order: 'placed.fulfilling', customer: 'packing' });
    seen.push(shop.customerStatus);
    shop.as(system).send({ type: 'LABEL_CREATED', shipmentId: S1, label: { carrier: 'СДЭК', trackingNumber: '1498765432' } });
    expect(shop.shipment().context).toMatchObject({ packerId: 'packer-svetlana', invoiceNumber: 'СЧ-000417', carrier: 'СДЭК', trackingNumber: '1498765432' });
    expect(shop.customerStatus).toBe('packing');
  });

  it('«Готов к отправке» — collected, checked and packed, waiting for the courier in the dispatch area', () => {
    shop.as(packer).send({ type: 'MARK_READY_TO_SHIP', shipmentId: S1 });
    expect(shop.effects).toEqual([]);
    expect(shop.shipment().state).toBe('ready_to_ship');
    expect(shop.statuses).toMatchObject({ order: 'placed.fulfilling', fulfilment: 'unfulfilled', customer: 'ready_to_ship' });
    seen.push(shop.customerStatus);
  });

  it('«Отправлено» — the courier takes the parcel; the customer can follow it by the waybill', () => {
    // "Готовая посылка ожидает прибытия курьера в специально отведенной зоне, а затем передается ему."
    shop.as(customer).refused({ type: 'HAND_TO_CARRIER', shipmentId: S1 }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
    shop.as(courier).send({ type: 'HAND_TO_CARRIER', shipmentId: S1 });
    expect(shop.notifications).toEqual([
      {
        kind: 'notification',
        orderId: ORDER,
        template: 'shipment_shipped',
        audience: 'customer',
        subject: { machine: 'shipment', id: S1 },
        data: { carrier: 'СДЭК', trackingNumber: '1498765432' },
      },
    ]);
    expect(shop.statuses).toEqual({ order: 'placed.shipped', payment: 'paid', fulfilment: 'shipped', returns: 'none', customer: 'shipped' });
    seen.push(shop.customerStatus);
  });

  it('…and the customer receives the parcel', () => {
    // "После этого статус заказа меняется на статус выполненного, и клиент получает посылку."
    shop.as(courier).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'in_transit', location: 'Москва, сортировочный центр' });
    expect(shop.customerStatus).toBe('shipped');
    shop.as(courier).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'out_for_delivery' });
    expect(shop.templates).toEqual(['shipment_out_for_delivery']);
    expect(shop.customerStatus).toBe('out_for_delivery');
    seen.push(shop.customerStatus);
    shop.as(courier).send({ type: 'CARRIER_STATUS', shipmentId: S1, status: 'delivered' });
    expect(shop.templates).toEqual(['shipment_delivered']);
    expect(shop.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    seen.push(shop.customerStatus);
  });

  it('the customer saw every status of the list, in its order', () => {
    expect(seen).toEqual([
      'awaiting_payment',
      'processing', // Необработанный
      'awaiting_stock', // Ожидание отправки
      'processing',
      'picking', // Сборка (goods being collected)
      'picked', // Выполнено (goods collected)
      'packing', // Упаковка
      'ready_to_ship', // Готов к отправке
      'shipped', // Отправлено
      'out_for_delivery',
      'delivered',
    ]);
    // Told at each step that matters to them, in order.
    expect(shop.sentTemplates).toEqual([
      'order_placed',
      'payment_received',
      'order_confirmed',
      'order_backordered',
      'shipment_shipped',
      'shipment_out_for_delivery',
      'shipment_delivered',
    ]);
  });
});
