/**
 * The nine orders of the demo, one per process of the seed documents (`/work/shared/seeds`):
 * 000 a Persian store's ten steps, 001 a Russian store's status list, 002 Odoo's sales /
 * delivery / return flow (in Persian), 003 PrestaShop staff practice (Persian), 004 a generic
 * OMS journey (Bengali / English). Each customer writes in the seed's language.
 *
 * Every order lives in the same database and the timer sweep (`engine.runDue`) sees them all.
 * So that one order's sweep never reaches another order's deadlines (feedback requests and
 * completion of delivered orders), each scenario has its own four weeks of the calendar, the
 * later scenarios earlier in the year; the runner also checks that a sweep fires only what the
 * step expects.
 */
import type { Actor, CustomerInput, LineItemInput, Money, OrderEventInput } from 'ordermachine';
import { actor, type DemoScenario, type DemoStep, type Offset } from './DemoScenario.js';

const rial = (rials: number): Money => ({ amount: rials * 100, currency: 'IRR' });
const rub = (rubles: number): Money => ({ amount: rubles * 100, currency: 'RUB' });
const taka = (takas: number): Money => ({ amount: takas * 100, currency: 'BDT' });
const usd = (dollars: number): Money => ({ amount: dollars * 100, currency: 'USD' });

const timerSweep = (at: Offset, ...fires: string[]): DemoStep => ({ at, runDue: { fires } });

/** The customer's side of checkout, from the cart to a placed order. */
function checkout(
  who: Actor,
  o: {
    readonly customer?: CustomerInput;
    readonly address?: Extract<OrderEventInput, { type: 'SET_SHIPPING_ADDRESS' }>;
    readonly shipping: Extract<OrderEventInput, { type: 'SELECT_SHIPPING_METHOD' }>;
    readonly payment: Extract<OrderEventInput, { type: 'SELECT_PAYMENT_METHOD' }>;
    readonly total: Money;
  },
): DemoStep[] {
  const events: OrderEventInput[] = [
    { type: 'START_CHECKOUT' },
    ...(o.customer ? [{ type: 'SET_CUSTOMER' as const, customer: o.customer }] : []),
    ...(o.address ? [o.address] : []),
    o.shipping,
    o.payment,
    { type: 'PLACE_ORDER', total: o.total },
  ];
  return events.map((event) => ({ actor: who, event }));
}

/** A parcel's way through the warehouse: released, picked, packed with its label, waiting for the courier. */
function warehouse(shipmentId: string, by: { readonly picker: Actor; readonly packer?: Actor }, label: { readonly carrier: string; readonly trackingNumber: string }): DemoStep[] {
  const packer = by.packer ?? by.picker;
  return [
    { actor: by.picker, event: { type: 'RELEASE_TO_WAREHOUSE', shipmentId } },
    { actor: by.picker, event: { type: 'START_PICKING', shipmentId, pickerId: by.picker.id } },
    { actor: packer, event: { type: 'PACK_SHIPMENT', shipmentId, packerId: packer.id, label } },
    { actor: packer, event: { type: 'MARK_READY_TO_SHIP', shipmentId } },
  ];
}

const allOf = (items: readonly LineItemInput[]) => items.map((i) => ({ lineId: i.lineId, quantity: i.quantity }));

// ── 1. online card — seed 001 (ru) ───────────────────────────────────────────────────────────

const IVAN: CustomerInput = { kind: 'guest', name: 'Иван Петров', email: 'ivan.petrov@example.ru', phone: '+79161234567', locale: 'ru' };
const HEADPHONES: LineItemInput = { lineId: 'l1', sku: 'SNY-WH1000XM5', name: 'Беспроводные наушники Сони', quantity: 1, unitPrice: rub(34_990) };
const HEADPHONE_CASE: LineItemInput = { lineId: 'l2', sku: 'CASE-WH-BLK', name: 'Чехол для наушников, чёрный', quantity: 1, unitPrice: rub(1_490) };
const yookassa = actor('payment_provider', 'yookassa');
const cdek = actor('carrier', 'cdek');

const onlineCard: DemoScenario = {
  name: 'online card',
  seed: '001',
  story: 'Paid by card (3-D Secure) and walked through the store\'s statuses: «Необработанный» → «Выполнено» → «Упаковка» → «Готов к отправке» → «Отправлено».',
  locale: 'ru',
  orderId: '1001',
  currency: 'RUB',
  startAt: '2026-10-12T06:00:00.000Z',
  items: [HEADPHONES, HEADPHONE_CASE],
  createdBy: actor('customer', 'ivan'),
  steps: [
    ...checkout(actor('customer', 'ivan'), {
      customer: IVAN,
      address: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Иван Петров', line1: 'ул. Тверская, д. 7, кв. 15', city: 'Москва', postalCode: '125009', country: 'RU', phone: '+79161234567' } },
      shipping: { type: 'SELECT_SHIPPING_METHOD', method: 'expedited', price: rub(490) },
      payment: { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
      total: rub(34_990 + 1_490 + 490),
    }),
    { actor: yookassa, event: { type: 'PAYMENT_REQUIRES_ACTION', paymentId: '1001-P1', actionUrl: 'https://yookassa.example/3ds/1001' } },
    // "Сразу после совершения платежа заказу присваивается статус необработанный."
    { at: { minutes: 12 }, actor: yookassa, event: { type: 'PAYMENT_CAPTURED', paymentId: '1001-P1', amount: rub(36_970), providerRef: 'yk-2f9a1c' } },
    { at: { hours: 1 }, actor: actor('staff', 'manager-anna'), event: { type: 'CREATE_SHIPMENT', lines: allOf([HEADPHONES, HEADPHONE_CASE]) } },
    { actor: actor('staff', 'manager-anna'), event: { type: 'RELEASE_TO_WAREHOUSE', shipmentId: '1001-S1' } },
    // The storekeeper assigned to the order collects the goods.
    { actor: actor('staff', 'storekeeper-oleg'), event: { type: 'START_PICKING', shipmentId: '1001-S1', pickerId: 'storekeeper-oleg', pickListId: 'PL-1012-17' } },
    // «Выполнено»: everything collected.
    { at: { hours: 1, minutes: 40 }, actor: actor('staff', 'storekeeper-oleg'), event: { type: 'FINISH_PICKING', shipmentId: '1001-S1' } },
    // On the packing table; the courier label is bought for the delivery form the customer chose.
    { at: { hours: 2 }, actor: actor('staff', 'packer-svetlana'), event: { type: 'PACK_SHIPMENT', shipmentId: '1001-S1', packerId: 'packer-svetlana', invoiceNumber: 'СЧ-000417' } },
    { actor: actor('system', 'cdek-integration'), event: { type: 'LABEL_CREATED', shipmentId: '1001-S1', label: { carrier: 'СДЭК', trackingNumber: '1498765432' } } },
    { actor: actor('staff', 'packer-svetlana'), event: { type: 'MARK_READY_TO_SHIP', shipmentId: '1001-S1' } },
    { at: { hours: 5 }, actor: cdek, event: { type: 'HAND_TO_CARRIER', shipmentId: '1001-S1' } },
    { at: { hours: 20 }, actor: cdek, event: { type: 'CARRIER_STATUS', shipmentId: '1001-S1', status: 'in_transit', location: 'Москва, сортировочный центр' } },
    { at: { days: 1, hours: 3 }, actor: cdek, event: { type: 'CARRIER_STATUS', shipmentId: '1001-S1', status: 'out_for_delivery' } },
    { at: { days: 1, hours: 6 }, actor: cdek, event: { type: 'CARRIER_STATUS', shipmentId: '1001-S1', status: 'delivered' } },
  ],
  expected: { order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' },
};

// ── 2. bank transfer confirmed by staff — seed 003 (fa) ──────────────────────────────────────

const ALI: CustomerInput = { kind: 'account', accountId: 'ps-customer-318', name: 'علی رضایی', email: 'ali.rezaei@example.ir', phone: '+989351112233', locale: 'fa' };
const TEAPOT: LineItemInput = { lineId: 'l1', sku: 'TEA-POT-07', name: 'کتری و قوری لعابی', quantity: 1, unitPrice: rial(12_500_000) };
const LAHIJAN_TEA: LineItemInput = { lineId: 'l2', sku: 'TEA-LAH-500', name: 'چای سیاه لاهیجان ۵۰۰ گرمی', quantity: 3, unitPrice: rial(2_800_000) };
const clerk = actor('staff', 'amirhossein-rezazadeh');
const ALI_TOTAL = rial(12_500_000 + 3 * 2_800_000 + 750_000);

const bankTransfer: DemoScenario = {
  name: 'bank transfer confirmed by staff',
  seed: '003',
  story: 'Remote payment: the customer pays by transfer and shows the receipt; staff set «پرداخت از راه دور تایید شده» by hand, ship, tell the customer of a delay, and mark it delivered.',
  locale: 'fa',
  orderId: '1002',
  currency: 'IRR',
  startAt: '2026-09-14T05:30:00.000Z',
  items: [TEAPOT, LAHIJAN_TEA],
  createdBy: actor('customer', 'ali'),
  steps: [
    ...checkout(actor('customer', 'ali'), {
      customer: ALI,
      address: {
        type: 'SET_SHIPPING_ADDRESS',
        address: { name: 'علی رضایی', line1: 'خیابان چهارباغ عباسی، کوچه ۸، پلاک ۲۴', city: 'اصفهان', postalCode: '8174673441', country: 'IR', phone: '+989351112233' },
      },
      shipping: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: rial(750_000) },
      payment: { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' },
      total: ALI_TOTAL,
    }),
    // Only staff confirm a transfer: the customer cannot mark the order paid.
    { at: { hours: 3 }, actor: actor('customer', 'ali'), event: { type: 'CONFIRM_BANK_TRANSFER', paymentId: '1002-P1', reference: 'رسید ۷۷۱۲۳۴', amount: ALI_TOTAL }, refused: 'ACTOR_NOT_ALLOWED' },
    // "After payment and the customer presenting the receipt, change the status by hand to «remote payment confirmed»."
    { at: { days: 1, hours: 2 }, actor: clerk, event: { type: 'CONFIRM_BANK_TRANSFER', paymentId: '1002-P1', reference: 'پیگیری ساتنا ۱۴۰۵۰۶۲۴۷۷۱۲۳۴', amount: ALI_TOTAL } },
    { at: { days: 1, hours: 3 }, actor: clerk, event: { type: 'CREATE_SHIPMENT', lines: allOf([TEAPOT, LAHIJAN_TEA]) } },
    ...warehouse('1002-S1', { picker: clerk }, { carrier: 'پست', trackingNumber: '284150000123456789099999' }),
    // «ارسال شد», with the tracking code sent to the customer.
    { at: { days: 1, hours: 7 }, actor: clerk, event: { type: 'HAND_TO_CARRIER', shipmentId: '1002-S1' } },
    // "If anything makes the customer feel a delay, be sure to tell them."
    { at: { days: 3, hours: 1 }, actor: clerk, event: { type: 'NOTIFY_DELAY', reason: 'holiday', note: 'تاخیر پست به دلیل تعطیلات', newEstimate: '2026-09-19T12:00:00+03:30' } },
    // «به دست مشتری رسیده», once staff are sure the parcel arrived.
    { at: { days: 5, hours: 2 }, actor: clerk, event: { type: 'CARRIER_STATUS', shipmentId: '1002-S1', status: 'delivered', detail: 'تحویل با تماس تلفنی تایید شد' } },
  ],
  expected: { order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' },
};

// ── 3. cash on delivery — seed 000 (fa) ──────────────────────────────────────────────────────

const SARA: CustomerInput = { kind: 'guest', name: 'سارا محمدی', phone: '+989121234567', locale: 'fa' };
const PHONE: LineItemInput = { lineId: 'l1', sku: 'SMG-A55-BLK', name: 'گوشی موبایل سامسونگ گلکسی، مشکی', quantity: 1, unitPrice: rial(185_000_000) };
const SCREEN_GUARD: LineItemInput = { lineId: 'l2', sku: 'GLASS-A55', name: 'محافظ صفحه نمایش', quantity: 2, unitPrice: rial(1_200_000) };
const support = actor('staff', 'support-fatemeh');
const storekeeper = actor('staff', 'warehouse-reza');
const iranPost = actor('carrier', 'iran-post');
const SARA_TOTAL = rial(185_000_000 + 2 * 1_200_000 + 600_000);

const cashOnDelivery: DemoScenario = {
  name: 'cash on delivery',
  seed: '000',
  story: 'The ten steps of a Persian store: order, payment on delivery (پرداخت در محل), confirmation, packing with invoice and tracking number, the post, tracking, paying the courier at the door, confirming receipt, the feedback survey.',
  locale: 'fa',
  orderId: '1003',
  currency: 'IRR',
  startAt: '2026-08-17T05:30:00.000Z',
  items: [PHONE, SCREEN_GUARD],
  createdBy: actor('customer', 'sara'),
  steps: [
    // ۱–۲. ثبت سفارش، با پرداخت در محل: the order is registered and waits.
    ...checkout(actor('customer', 'sara'), {
      customer: SARA,
      address: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'سارا محمدی', line1: 'خیابان ولیعصر، کوچه بهار، پلاک ۱۲', city: 'تهران', postalCode: '1595634311', country: 'IR', phone: '+989121234567' } },
      shipping: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: rial(600_000) },
      payment: { type: 'SELECT_PAYMENT_METHOD', method: 'cash_on_delivery' },
      total: SARA_TOTAL,
    }),
    // ۳. تأیید و پردازش: support confirms by phone; stock is checked and reserved.
    { at: { hours: 2 }, actor: support, event: { type: 'CONFIRM_ORDER', note: 'تماس تلفنی با مشتری؛ سفارش تایید شد' } },
    { actor: support, event: { type: 'CREATE_SHIPMENT', lines: allOf([PHONE, SCREEN_GUARD]) } },
    // ۴. بسته‌بندی: invoice, address label and tracking number.
    { at: { hours: 4 }, actor: support, event: { type: 'RELEASE_TO_WAREHOUSE', shipmentId: '1003-S1' } },
    { actor: storekeeper, event: { type: 'START_PICKING', shipmentId: '1003-S1', pickerId: 'warehouse-reza', pickListId: 'PL-0526' } },
    { actor: storekeeper, event: { type: 'PACK_SHIPMENT', shipmentId: '1003-S1', invoiceNumber: '14050526' } },
    { actor: actor('system', 'post-integration'), event: { type: 'LABEL_CREATED', shipmentId: '1003-S1', label: { carrier: 'پست پیشتاز', trackingNumber: '123456789012345678901234' } } },
    { actor: storekeeper, event: { type: 'MARK_READY_TO_SHIP', shipmentId: '1003-S1' } },
    // ۵. ارسال کالا به شرکت حمل و نقل: the tracking number goes to the customer.
    { at: { hours: 7 }, actor: iranPost, event: { type: 'HAND_TO_CARRIER', shipmentId: '1003-S1' } },
    // ۶. پیگیری وضعیت ارسال.
    { at: { days: 1, hours: 1 }, actor: iranPost, event: { type: 'CARRIER_STATUS', shipmentId: '1003-S1', status: 'in_transit', location: 'مرکز مبادلات پستی تهران' } },
    { at: { days: 2, hours: 1 }, actor: iranPost, event: { type: 'CARRIER_STATUS', shipmentId: '1003-S1', status: 'out_for_delivery' } },
    // ۷. تحویل کالا: no parcel without the money…
    { at: { days: 2, hours: 3 }, actor: iranPost, event: { type: 'CARRIER_STATUS', shipmentId: '1003-S1', status: 'delivered' }, refused: 'COD_NOT_COLLECTED' },
    // …the customer pays the courier, then receives the goods.
    { actor: iranPost, event: { type: 'CARRIER_STATUS', shipmentId: '1003-S1', status: 'delivered', codCollected: SARA_TOTAL } },
    // ۸. تأیید دریافت کالا.
    { at: { days: 2, hours: 6 }, actor: actor('customer', 'sara'), event: { type: 'CONFIRM_RECEIPT' } },
    // ۱۰. نظرسنجی و بازخورد: a week after delivery the shop's timer asks for feedback.
    timerSweep({ days: 9, hours: 4 }, 'feedback'),
  ],
  expected: { order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' },
};

// ── 4. backorder — seed 001 (ru) ─────────────────────────────────────────────────────────────

const ANNA: CustomerInput = { kind: 'account', accountId: 'sm-20417', name: 'Анна Смирнова', email: 'anna.smirnova@example.ru', locale: 'ru' };
// Sold while out of stock and brought from the wholesaler.
const COFFEE_MACHINE: LineItemInput = { lineId: 'l1', sku: 'DLG-ECAM-22', name: 'Кофемашина Делонги Магнифика', quantity: 1, unitPrice: rub(45_990), backorderable: true };
const BEANS: LineItemInput = { lineId: 'l2', sku: 'LVZ-QR-1000', name: 'Кофе в зёрнах, 1 кг', quantity: 2, unitPrice: rub(1_990) };
const manager = actor('staff', 'manager-anna');

const backorder: DemoScenario = {
  name: 'backorder',
  seed: '001',
  story: '«Ожидание отправки»: the coffee machine is not in the warehouse and is brought from the wholesaler; the customer is told, and told again when it runs late.',
  locale: 'ru',
  orderId: '1004',
  currency: 'RUB',
  startAt: '2026-07-20T06:00:00.000Z',
  items: [COFFEE_MACHINE, BEANS],
  createdBy: actor('customer', 'anna'),
  steps: [
    ...checkout(actor('customer', 'anna'), {
      customer: ANNA,
      address: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Анна Смирнова', line1: 'Невский пр., д. 28, кв. 4', city: 'Санкт-Петербург', postalCode: '191186', country: 'RU' } },
      shipping: { type: 'SELECT_SHIPPING_METHOD', method: 'expedited', price: rub(490) },
      payment: { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
      total: rub(45_990 + 2 * 1_990 + 490),
    }),
    // Paid: the engine reserves the stock, and the warehouse has no coffee machine.
    { actor: yookassa, event: { type: 'PAYMENT_CAPTURED', paymentId: '1004-P1', amount: rub(50_460), providerRef: 'yk-8d41e0' } },
    // Two business days later nothing has left: the timer tells the customer of the delay.
    timerSweep({ days: 2, hours: 3 }, 'late_shipment'),
    // The wholesaler's delivery arrives and is reserved for the order.
    { at: { days: 3, hours: 2 }, restock: { 'DLG-ECAM-22': 1 } },
    { actor: actor('staff', 'storekeeper-oleg'), event: { type: 'STOCK_AVAILABLE' } },
    { actor: manager, event: { type: 'CREATE_SHIPMENT', lines: allOf([COFFEE_MACHINE, BEANS]) } },
    ...warehouse('1004-S1', { picker: actor('staff', 'storekeeper-oleg'), packer: actor('staff', 'packer-svetlana') }, { carrier: 'СДЭК', trackingNumber: '1498770021' }),
    { at: { days: 3, hours: 8 }, actor: cdek, event: { type: 'HAND_TO_CARRIER', shipmentId: '1004-S1' } },
    { at: { days: 4, hours: 5 }, actor: cdek, event: { type: 'CARRIER_STATUS', shipmentId: '1004-S1', status: 'out_for_delivery' } },
    { at: { days: 4, hours: 8 }, actor: cdek, event: { type: 'CARRIER_STATUS', shipmentId: '1004-S1', status: 'delivered' } },
  ],
  expected: { order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' },
};

// ── 5. split shipment — seed 004 (bn) ────────────────────────────────────────────────────────

const RAHIM: CustomerInput = { kind: 'guest', name: 'রহিম উদ্দিন', email: 'rahim@example.com.bd', phone: '+8801712345678', locale: 'bn' };
// Options (size, colour) make separate lines of the same product.
const TEE_RED: LineItemInput = { lineId: 'l1', sku: 'TEE-M-RED', name: 'সুতির টি-শার্ট, মাঝারি, লাল', quantity: 1, unitPrice: taka(450) };
const TEE_BLUE: LineItemInput = { lineId: 'l2', sku: 'TEE-L-BLU', name: 'সুতির টি-শার্ট, বড়, নীল', quantity: 2, unitPrice: taka(450) };
const bkash = actor('payment_provider', 'bkash');
const courier = actor('carrier', 'courier');
const oms = actor('system', 'oms');
const picker = actor('staff', 'picker-karim');

const splitShipment: DemoScenario = {
  name: 'split shipment',
  seed: '004',
  story: 'Customer journey 1–7 and fulfilment 1–7: guest checkout, express shipping, payment through the gateway; the goods sit in two warehouses, so two parcels leave, each captured as it ships.',
  locale: 'bn',
  orderId: '1005',
  currency: 'BDT',
  startAt: '2026-06-22T04:00:00.000Z',
  items: [TEE_RED, TEE_BLUE],
  createdBy: actor('customer', 'rahim'),
  steps: [
    ...checkout(actor('customer', 'rahim'), {
      customer: RAHIM,
      address: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'রহিম উদ্দিন', line1: 'বাড়ি ১২, রোড ৫, ধানমন্ডি', city: 'ঢাকা', postalCode: '1205', country: 'BD', phone: '+8801712345678' } },
      shipping: { type: 'SELECT_SHIPPING_METHOD', method: 'express', price: taka(150) },
      payment: { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
      total: taka(1_500),
    }),
    { actor: bkash, event: { type: 'PAYMENT_AUTHORIZED', paymentId: '1005-P1', amount: taka(1_500), providerRef: 'bkash-8HX2KQ' } },
    // Dhaka has the red one and one blue; Chattogram has the other blue.
    { at: { hours: 1 }, actor: oms, event: { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 1 }], warehouse: 'dhaka' } },
    { actor: oms, event: { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l2', quantity: 1 }], warehouse: 'chattogram' } },
    ...warehouse('1005-S1', { picker }, { carrier: 'পাঠাও কুরিয়ার', trackingNumber: '40105001' }),
    { at: { hours: 4 }, actor: courier, event: { type: 'HAND_TO_CARRIER', shipmentId: '1005-S1' } },
    { actor: oms, event: { type: 'REQUEST_CAPTURE', paymentId: '1005-P1', amount: taka(1_050) } },
    { actor: bkash, event: { type: 'PAYMENT_CAPTURED', paymentId: '1005-P1', amount: taka(1_050), providerRef: 'bkash-cap-1' } },
    ...warehouse('1005-S2', { picker: actor('staff', 'picker-nusrat') }, { carrier: 'সুন্দরবন কুরিয়ার', trackingNumber: '40105002' }).map((s, i) => (i === 0 ? { ...s, at: { days: 1 } } : s)),
    { at: { days: 1, hours: 3 }, actor: courier, event: { type: 'HAND_TO_CARRIER', shipmentId: '1005-S2' } },
    { actor: oms, event: { type: 'REQUEST_CAPTURE', paymentId: '1005-P1' } },
    { actor: bkash, event: { type: 'PAYMENT_CAPTURED', paymentId: '1005-P1', amount: taka(450), providerRef: 'bkash-cap-2' } },
    { at: { days: 1, hours: 5 }, actor: courier, event: { type: 'CARRIER_STATUS', shipmentId: '1005-S1', status: 'delivered' } },
    { at: { days: 2, hours: 6 }, actor: courier, event: { type: 'CARRIER_STATUS', shipmentId: '1005-S2', status: 'delivered' } },
  ],
  expected: { order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' },
};

// ── 6. failed delivery, then redelivery — seed 004 (en) ──────────────────────────────────────

const JANE: CustomerInput = { kind: 'account', accountId: 'acc-42', name: 'Jane Doe', email: 'jane@example.com', locale: 'en' };
const HOODIE: LineItemInput = { lineId: 'l1', sku: 'HOODIE-S-GRY', name: 'Hoodie (S, grey)', quantity: 1, unitPrice: usd(35) };
const SOCKS: LineItemInput = { lineId: 'l2', sku: 'SOCKS-3PK', name: 'Socks (pack of 3)', quantity: 1, unitPrice: usd(9) };
const usps = actor('carrier', 'usps');

const failedDelivery: DemoScenario = {
  name: 'failed delivery, then redelivery',
  seed: '004',
  story: 'Fulfilment 5–7: shipped with a tracking number; nobody is home at the first attempt, the customer is told, and the carrier delivers the next day.',
  locale: 'en',
  orderId: '1006',
  currency: 'USD',
  startAt: '2026-05-25T14:00:00.000Z',
  items: [HOODIE, SOCKS],
  createdBy: actor('customer', 'jane'),
  steps: [
    ...checkout(actor('customer', 'jane'), {
      customer: JANE,
      address: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Jane Doe', line1: '500 Market St', line2: 'Apt 4', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' } },
      shipping: { type: 'SELECT_SHIPPING_METHOD', method: 'expedited', price: usd(12) },
      payment: { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
      total: usd(56),
    }),
    { actor: actor('payment_provider', 'stripe'), event: { type: 'PAYMENT_CAPTURED', paymentId: '1006-P1', amount: usd(56), providerRef: 'ch_3Q1006' } },
    { at: { hours: 1 }, actor: oms, event: { type: 'CREATE_SHIPMENT', lines: allOf([HOODIE, SOCKS]) } },
    ...warehouse('1006-S1', { picker: actor('staff', 'picker-sam') }, { carrier: 'USPS', trackingNumber: '9400100000000000001006' }),
    { at: { hours: 4 }, actor: usps, event: { type: 'HAND_TO_CARRIER', shipmentId: '1006-S1' } },
    { at: { days: 1, hours: 2 }, actor: usps, event: { type: 'CARRIER_STATUS', shipmentId: '1006-S1', status: 'out_for_delivery' } },
    { at: { days: 1, hours: 6 }, actor: usps, event: { type: 'CARRIER_STATUS', shipmentId: '1006-S1', status: 'failure', detail: 'No one home' } },
    // The next day: out again, and delivered.
    { at: { days: 2, hours: 2 }, actor: usps, event: { type: 'CARRIER_STATUS', shipmentId: '1006-S1', status: 'out_for_delivery' } },
    { at: { days: 2, hours: 5 }, actor: usps, event: { type: 'CARRIER_STATUS', shipmentId: '1006-S1', status: 'delivered' } },
  ],
  expected: { order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' },
};

// ── 7. return with refund — seed 002 (fa) ────────────────────────────────────────────────────

const MARYAM: CustomerInput = { kind: 'account', accountId: 'acc-maryam', name: 'مریم کریمی', email: 'maryam@example.ir', phone: '+989123334455', locale: 'fa' };
const GREEN_TEA: LineItemInput = { lineId: 'l1', sku: 'TEA-GREEN-250', name: 'چای سبز ۲۵۰ گرمی', quantity: 2, unitPrice: rial(4_500_000) };
const psp = actor('payment_provider', 'zarinpal');
const staff7 = actor('staff', 'staff-7');

const returnWithRefund: DemoScenario = {
  name: 'return with refund',
  seed: '002',
  story: 'Returns only through the online form; staff approve, send a label, receive and inspect, and refund in full from the order — never more than was paid.',
  locale: 'fa',
  orderId: '1007',
  currency: 'IRR',
  startAt: '2026-04-27T05:30:00.000Z',
  items: [GREEN_TEA],
  createdBy: actor('customer', 'maryam'),
  steps: [
    ...checkout(actor('customer', 'maryam'), {
      customer: MARYAM,
      address: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'مریم کریمی', line1: 'خیابان امام، کوچه گلستان، پلاک ۷', city: 'شیراز', postalCode: '7134845741', country: 'IR' } },
      shipping: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: rial(1_500_000) },
      payment: { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
      total: rial(10_500_000),
    }),
    { actor: psp, event: { type: 'PAYMENT_CAPTURED', paymentId: '1007-P1', amount: rial(10_500_000), providerRef: 'zp-A0000012345' } },
    { at: { hours: 2 }, actor: oms, event: { type: 'CREATE_SHIPMENT', lines: allOf([GREEN_TEA]) } },
    ...warehouse('1007-S1', { picker: staff7 }, { carrier: 'پست', trackingNumber: '284150000123456789011007' }),
    { at: { hours: 6 }, actor: staff7, event: { type: 'HAND_TO_CARRIER', shipmentId: '1007-S1' } },
    { at: { days: 2, hours: 4 }, actor: actor('carrier', 'iran-post'), event: { type: 'CARRIER_STATUS', shipmentId: '1007-S1', status: 'delivered' } },
    // Inside the return window, through the online form.
    { at: { days: 5 }, actor: actor('customer', 'maryam'), event: { type: 'REQUEST_RETURN', lines: [{ lineId: 'l1', quantity: 2 }], reason: 'not_as_described', comment: 'طعم چای با توضیحات سایت فرق داشت' } },
    { at: { days: 5, hours: 3 }, actor: staff7, event: { type: 'APPROVE_RETURN', returnId: '1007-R1' } },
    { actor: staff7, event: { type: 'ISSUE_RETURN_LABEL', returnId: '1007-R1', label: { carrier: 'پست', trackingNumber: '284150000987654321011007', labelUrl: 'https://shop.example.ir/labels/1007-R1.pdf' } } },
    { at: { days: 6 }, actor: actor('customer', 'maryam'), event: { type: 'RETURN_SHIPPED', returnId: '1007-R1' } },
    { at: { days: 8 }, actor: staff7, event: { type: 'RETURN_RECEIVED', returnId: '1007-R1' } },
    { actor: staff7, event: { type: 'INSPECT_RETURN', returnId: '1007-R1', outcome: 'accepted', note: 'بسته‌ها باز نشده‌اند' } },
    // The goods through the return; the shipping too, from the order ("a full refund from the order").
    { actor: staff7, event: { type: 'RESOLVE_RETURN', returnId: '1007-R1', resolution: 'refund', amount: rial(9_000_000) } },
    { actor: staff7, event: { type: 'REQUEST_REFUND', paymentId: '1007-P1', amount: rial(1_500_001), reason: 'هزینه ارسال' }, refused: 'REFUND_EXCEEDS_CAPTURED' },
    { actor: staff7, event: { type: 'REQUEST_REFUND', paymentId: '1007-P1', amount: rial(1_500_000), reason: 'هزینه ارسال' } },
    { at: { days: 8, hours: 2 }, actor: psp, event: { type: 'REFUND_SUCCEEDED', paymentId: '1007-P1', amount: rial(9_000_000), providerRef: 'zp-R-1007-1' } },
    { actor: psp, event: { type: 'REFUND_SUCCEEDED', paymentId: '1007-P1', amount: rial(1_500_000), providerRef: 'zp-R-1007-2' } },
    { actor: staff7, event: { type: 'CLOSE_RETURN', returnId: '1007-R1' } },
    { actor: staff7, event: { type: 'COMPLETE_ORDER' } },
  ],
  expected: { order: 'completed', payment: 'refunded', fulfilment: 'delivered', returns: 'returned', customer: 'refunded' },
};

// ── 8. abandoned cart — seed 002 (fa) ────────────────────────────────────────────────────────

const SAFFRON: LineItemInput = { lineId: 'l1', sku: 'SAFFRON-4G', name: 'زعفران سرگل یک مثقالی', quantity: 2, unitPrice: rial(6_800_000) };

const abandonedCart: DemoScenario = {
  name: 'abandoned cart',
  seed: '002',
  story: 'The customer entered an email at checkout and left: after four hours the shop sends one reminder, and never a second.',
  locale: 'fa',
  orderId: '1008',
  currency: 'IRR',
  startAt: '2026-03-30T14:00:00.000Z',
  items: [SAFFRON],
  createdBy: actor('customer', 'negar'),
  steps: [
    { actor: actor('customer', 'negar'), event: { type: 'START_CHECKOUT' } },
    { actor: actor('customer', 'negar'), event: { type: 'SET_CUSTOMER', customer: { kind: 'guest', name: 'نگار موسوی', email: 'negar@example.ir', locale: 'fa' } } },
    timerSweep({ hours: 5 }, 'cart_reminder'),
    timerSweep({ days: 1, hours: 6 }),
  ],
  expected: { order: 'checkout', payment: 'unpaid', fulfilment: 'unfulfilled', returns: 'none', customer: 'checking_out' },
};

// ── 9. expired unpaid order — seed 002 (fa) ──────────────────────────────────────────────────

const BARBERRY: LineItemInput = { lineId: 'l1', sku: 'BARBERRY-500', name: 'زرشک پفکی ۵۰۰ گرمی', quantity: 3, unitPrice: rial(2_400_000) };

const expiredUnpaid: DemoScenario = {
  name: 'expired unpaid order',
  seed: '002',
  story: '«Quotation sent», never paid: a bank-transfer order is not confirmed and reserves nothing; it is reminded once, then expires at the end of its window.',
  locale: 'fa',
  orderId: '1009',
  currency: 'IRR',
  startAt: '2026-03-02T06:00:00.000Z',
  items: [BARBERRY],
  createdBy: actor('customer', 'reza'),
  steps: [
    ...checkout(actor('customer', 'reza'), {
      customer: { kind: 'account', accountId: 'acc-reza', name: 'رضا حسینی', email: 'reza.hosseini@example.ir', locale: 'fa' },
      address: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'رضا حسینی', line1: 'بلوار وکیل‌آباد، نبش کوچه ۱۲', city: 'مشهد', postalCode: '9188945731', country: 'IR' } },
      shipping: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: rial(900_000) },
      payment: { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' },
      total: rial(3 * 2_400_000 + 900_000),
    }),
    timerSweep({ days: 2, hours: 1 }, 'payment_reminder'),
    timerSweep({ days: 3, hours: 1 }, 'expire_unpaid'),
  ],
  expected: { order: 'expired', fulfilment: 'unfulfilled', returns: 'none', customer: 'expired' },
};

/**
 * The nine demo orders, in the order they run.
 *
 * @example
 * ```ts
 * import { DEMO_SCENARIOS } from './scenarios.js';
 * for (const s of DEMO_SCENARIOS) console.log(`${s.name} (seed ${s.seed}, ${s.locale}): ${s.steps.length} steps`);
 * ```
 */
export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  onlineCard,
  bankTransfer,
  cashOnDelivery,
  backorder,
  splitShipment,
  failedDelivery,
  returnWithRefund,
  abandonedCart,
  expiredUnpaid,
];

/**
 * Stock on hand when the demo starts, by SKU (the coffee machine of the backorder is out).
 *
 * @example
 * ```ts
 * import { createMemoryInventory } from 'ordermachine';
 * import { DEMO_STOCK } from './scenarios.js';
 * const inventory = createMemoryInventory(DEMO_STOCK);
 * ```
 */
export const DEMO_STOCK: Readonly<Record<string, number>> = {
  'SNY-WH1000XM5': 4,
  'CASE-WH-BLK': 10,
  'TEA-POT-07': 3,
  'TEA-LAH-500': 20,
  'SMG-A55-BLK': 2,
  'GLASS-A55': 15,
  'DLG-ECAM-22': 0,
  'LVZ-QR-1000': 30,
  'TEE-M-RED': 5,
  'TEE-L-BLU': 5,
  'HOODIE-S-GRY': 6,
  'SOCKS-3PK': 12,
  'TEA-GREEN-250': 25,
  'SAFFRON-4G': 8,
  'BARBERRY-500': 3,
};
