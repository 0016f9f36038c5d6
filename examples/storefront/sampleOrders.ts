import { apply, createOrder, type Actor, type CurrencyCode, type OrderAggregate } from 'ordermachine';

/** The sample orders the demo page can show. */
export const SAMPLE_ORDER_NAMES = ['bank-transfer', 'picking', 'packed', 'delivered'] as const;
/** The name of a sample order. */
export type SampleOrderName = (typeof SAMPLE_ORDER_NAMES)[number];

const shopper: Actor = { kind: 'customer', id: 'customer-1' };
const clerk: Actor = { kind: 'staff', id: 'clerk-7' };
const gateway: Actor = { kind: 'payment_provider', id: 'gateway' };
const courier: Actor = { kind: 'carrier', id: 'courier' };

type Step = readonly [Actor, { readonly type: string } & Record<string, unknown>];

/** Applies the steps in order with the pure core; a refusal is a bug in the sample, so it throws. */
function walk(order: OrderAggregate, steps: readonly Step[], now: Date): OrderAggregate {
  return steps.reduce((current, [actor, event]) => {
    const result = apply(current, event, { actor, now });
    if (!result.ok) throw new Error(`sample order ${current.id}: ${event.type} refused: ${result.error.message}`);
    return result.order;
  }, order);
}

function created(orderId: string, currency: CurrencyCode, items: readonly { lineId: string; sku: string; name: string; quantity: number; amount: number }[], now: Date): OrderAggregate {
  const result = createOrder(
    { orderId, currency, items: items.map(({ amount, ...item }) => ({ ...item, unitPrice: { amount, currency } })) },
    { now },
  );
  if (!result.ok) throw new Error(`sample order ${orderId}: ${result.error.message}`);
  return result.order;
}

/** Checkout and placement: the customer's steps, the same for every sample. */
function checkout(customer: Record<string, unknown>, address: Record<string, unknown>, shipping: number, payment: string, total: number, currency: string): Step[] {
  return [
    [shopper, { type: 'START_CHECKOUT' }],
    [shopper, { type: 'SET_CUSTOMER', customer }],
    [shopper, { type: 'SET_SHIPPING_ADDRESS', address }],
    [shopper, { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: shipping, currency } }],
    [shopper, { type: 'SELECT_PAYMENT_METHOD', method: payment }],
    [shopper, { type: 'PLACE_ORDER', total: { amount: total, currency } }],
  ];
}

/**
 * Four orders at different points of their life, built with the pure core (`createOrder`,
 * `apply`) exactly as a backend would have stored them: a Persian customer's bank-transfer order
 * waiting for payment, a Russian customer's paid order being picked, an English customer's packed
 * parcel, and a Bengali customer's delivered order.
 *
 * @param now - when the orders were placed (a delivered order's return window starts here)
 * @returns the orders by sample name
 * @example
 * ```ts
 * const orders = sampleOrders(new Date());
 * orders['bank-transfer'].order.state; // 'placed.awaiting_payment'
 * ```
 */
export function sampleOrders(now: Date): Record<SampleOrderName, OrderAggregate> {
  const persian = walk(
    created('o-1001', 'IRR', [{ lineId: 'l1', sku: 'SAFFRON-5G', name: 'زعفران ۵ گرمی', quantity: 2, amount: 5_000_000_00 }], now),
    checkout(
      { kind: 'guest', phone: '+989121234567', name: 'سارا احمدی', locale: 'fa' },
      { name: 'سارا احمدی', line1: 'خیابان ولیعصر، پلاک ۱۲', city: 'تهران', postalCode: '1593645911', country: 'IR' },
      500_000_00,
      'bank_transfer',
      10_500_000_00,
      'IRR',
    ),
    now,
  );

  const russian = walk(
    created('o-1002', 'RUB', [{ lineId: 'l1', sku: 'KETTLE', name: 'Чайник', quantity: 1, amount: 4_900_00 }], now),
    [
      ...checkout(
        { kind: 'account', accountId: 'ivan', email: 'ivan@example.ru', name: 'Иван Петров', locale: 'ru' },
        { name: 'Иван Петров', line1: 'ул. Ленина, д. 5, кв. 12', city: 'Москва', postalCode: '101000', country: 'RU' },
        500_00,
        'online',
        5_400_00,
        'RUB',
      ),
      [gateway, { type: 'PAYMENT_CAPTURED', paymentId: 'o-1002-P1', amount: { amount: 5_400_00, currency: 'RUB' }, providerRef: 'cap-o-1002' }],
      [clerk, { type: 'STOCK_RESERVED' }],
      [clerk, { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 1 }] }],
      [clerk, { type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-1002-S1' }],
      [clerk, { type: 'START_PICKING', shipmentId: 'o-1002-S1', pickerId: 'picker-2' }],
    ],
    now,
  );

  const english = walk(
    created('o-1003', 'EUR', [{ lineId: 'l1', sku: 'TEA-GREEN', name: 'Green tea', quantity: 2, amount: 450 }], now),
    [
      ...checkout(
        { kind: 'guest', email: 'anna@example.com', name: 'Anna Berg', locale: 'en' },
        { name: 'Anna Berg', line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
        500,
        'online',
        1400,
        'EUR',
      ),
      [gateway, { type: 'PAYMENT_CAPTURED', paymentId: 'o-1003-P1', amount: { amount: 1400, currency: 'EUR' }, providerRef: 'cap-o-1003' }],
      [clerk, { type: 'STOCK_RESERVED' }],
      [clerk, { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 2 }] }],
      [clerk, { type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-1003-S1' }],
      [clerk, { type: 'START_PICKING', shipmentId: 'o-1003-S1', pickerId: 'picker-1' }],
      [clerk, { type: 'PACK_SHIPMENT', shipmentId: 'o-1003-S1', label: { carrier: 'DHL', trackingNumber: '00340434161094042557' } }],
    ],
    now,
  );

  const bengali = walk(
    created('o-1004', 'BDT', [{ lineId: 'l1', sku: 'SHARI-COTTON', name: 'সুতির শাড়ি', quantity: 1, amount: 2_500_00 }], now),
    [
      ...checkout(
        { kind: 'guest', phone: '+8801711000000', name: 'রহিমা খাতুন', locale: 'bn' },
        { name: 'রহিমা খাতুন', line1: 'বাড়ি ১২, রোড ৫, ধানমন্ডি', city: 'ঢাকা', postalCode: '1205', country: 'BD' },
        100_00,
        'online',
        2_600_00,
        'BDT',
      ),
      [gateway, { type: 'PAYMENT_CAPTURED', paymentId: 'o-1004-P1', amount: { amount: 2_600_00, currency: 'BDT' }, providerRef: 'cap-o-1004' }],
      [clerk, { type: 'STOCK_RESERVED' }],
      [clerk, { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 1 }] }],
      [clerk, { type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o-1004-S1' }],
      [clerk, { type: 'START_PICKING', shipmentId: 'o-1004-S1', pickerId: 'picker-1' }],
      [clerk, { type: 'PACK_SHIPMENT', shipmentId: 'o-1004-S1', label: { carrier: 'Pathao', trackingNumber: 'PTH-55123' } }],
      [clerk, { type: 'MARK_READY_TO_SHIP', shipmentId: 'o-1004-S1' }],
      [clerk, { type: 'HAND_TO_CARRIER', shipmentId: 'o-1004-S1' }],
      [courier, { type: 'CARRIER_STATUS', shipmentId: 'o-1004-S1', status: 'delivered' }],
    ],
    now,
  );

  return { 'bank-transfer': persian, picking: russian, packed: english, delivered: bengali };
}
