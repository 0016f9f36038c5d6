/**
 * One realistic sample order per language, walked through `apply` with the scenario driver:
 * a Persian customer paying in rials, a Russian one in roubles, a Bengali one in taka and an
 * American one in dollars. Each pays cash on delivery with standard shipping, so that every
 * message has something to show (totals, ETA, carrier, tracking, the cash to have ready).
 *
 * `inTransit` is the order while its parcel travels; `afterDelivery` is the same order once
 * delivered, with a return (wrong size, label issued) and a damage claim open.
 */
import type { CurrencyCode, CustomerInput, Locale, Money, NotificationData, NotificationEffect, NotificationTemplate, OrderAggregate } from '../../src/index.js';
import { NotificationTemplate as Templates } from '../../src/index.js';
import { actor, scenario } from '../scenarios/driver.js';

/** What differs between the four sample orders. */
interface SampleSpec {
  readonly orderId: string;
  readonly currency: CurrencyCode;
  /** Major units → minor units for this currency. */
  readonly unit: number;
  readonly customer: CustomerInput;
  readonly address: { name: string; line1: string; city: string; postalCode: string; country: string };
  readonly items: readonly { readonly name: string; readonly price: number; readonly quantity: number }[];
  readonly shipping: number;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly returnCarrier: string;
  readonly returnTracking: string;
  /** A decline note as staff of that shop would write it. */
  readonly declineNote: string;
}

export const SPECS: Readonly<Record<Locale, SampleSpec>> = {
  en: {
    orderId: '10245',
    currency: 'USD',
    unit: 100,
    customer: { kind: 'account', accountId: 'acc-emily', name: 'Emily Carter', email: 'emily.carter@example.com', phone: '+14155550123', locale: 'en' },
    address: { name: 'Emily Carter', line1: '742 Evergreen Terrace', city: 'Springfield', postalCode: '97403', country: 'US' },
    items: [
      { name: 'Organic green tea, 250 g', price: 9, quantity: 2 },
      { name: 'Ceramic teapot', price: 34.5, quantity: 1 },
    ],
    shipping: 5.95,
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    returnCarrier: 'USPS',
    returnTracking: '9400111899223197428490',
    declineNote: 'The return window for this order closed on March 30.',
  },
  fa: {
    orderId: '10245',
    currency: 'IRR',
    unit: 100,
    customer: { kind: 'account', accountId: 'acc-sara', name: 'سارا احمدی', email: 'sara.ahmadi@example.ir', phone: '+989121234567', locale: 'fa' },
    address: { name: 'سارا احمدی', line1: 'خیابان ولیعصر، کوچه نسترن، پلاک ۱۲', city: 'تهران', postalCode: '1966734561', country: 'IR' },
    items: [
      { name: 'چای سبز ۲۵۰ گرمی', price: 450_000, quantity: 2 },
      { name: 'قوری سرامیکی', price: 1_850_000, quantity: 1 },
    ],
    shipping: 350_000,
    carrier: 'پست پیشتاز',
    trackingNumber: '284150000123456789012345',
    returnCarrier: 'تیپاکس',
    returnTracking: '1403112233',
    declineNote: 'بستهٔ چای باز شده است و امکان مرجوعی آن وجود ندارد.',
  },
  ru: {
    orderId: '10245',
    currency: 'RUB',
    unit: 100,
    customer: { kind: 'guest', name: 'Анна Смирнова', email: 'anna.smirnova@example.ru', phone: '+79161234567', locale: 'ru' },
    address: { name: 'Анна Смирнова', line1: 'ул. Тверская, д. 7, кв. 12', city: 'Москва', postalCode: '125009', country: 'RU' },
    items: [
      { name: 'Чай зелёный, 250 г', price: 450, quantity: 2 },
      { name: 'Заварочный чайник', price: 2390, quantity: 1 },
    ],
    shipping: 350,
    carrier: 'СДЭК',
    trackingNumber: '1234567890',
    returnCarrier: 'Почта России',
    returnTracking: '80081234567890',
    declineNote: 'Упаковка чая вскрыта, такой товар не подлежит возврату.',
  },
  bn: {
    orderId: '10245',
    currency: 'BDT',
    unit: 100,
    customer: { kind: 'account', accountId: 'acc-tanvir', name: 'তানভীর হাসান', email: 'tanvir.hasan@example.com.bd', phone: '+8801712345678', locale: 'bn' },
    address: { name: 'তানভীর হাসান', line1: 'বাড়ি ১২, রোড ৫, ধানমন্ডি', city: 'ঢাকা', postalCode: '1205', country: 'BD' },
    items: [
      { name: 'দার্জিলিং চা, ২৫০ গ্রাম', price: 450, quantity: 2 },
      { name: 'মাটির টি-পট', price: 1200, quantity: 1 },
    ],
    shipping: 60,
    carrier: 'সুন্দরবন কুরিয়ার সার্ভিস',
    trackingNumber: '7781234',
    returnCarrier: 'স্টেডফাস্ট কুরিয়ার',
    returnTracking: '5512890',
    declineNote: 'চায়ের প্যাকেট খোলা হয়েছে, তাই এটি ফেরত নেওয়া সম্ভব নয়।',
  },
};

/** The moment every sample starts: Monday 16 March 2026, 09:00 UTC (a week before Nowruz 1405). */
export const SAMPLE_START = '2026-03-16T09:00:00Z';

/** Link builders used when rendering samples. */
export const SAMPLE_LINKS = {
  order: (orderId: string) => `https://shop.example/orders/${encodeURIComponent(orderId)}`,
  tracking: (_carrier: string, trackingNumber: string) => `https://track.example/${encodeURIComponent(trackingNumber)}`,
} as const;

export interface SampleOrder {
  readonly locale: Locale;
  readonly spec: SampleSpec;
  readonly money: (major: number) => Money;
  readonly total: Money;
  readonly inTransit: OrderAggregate;
  readonly afterDelivery: OrderAggregate;
  readonly ids: { readonly payment: string; readonly shipment: string; readonly return: string; readonly claim: string };
}

const staff = actor('staff', 'staff-1');
const carrier = actor('carrier', 'courier');

/** Walks the sample order of a language from the cart to an open return and claim. */
export function sampleOrder(locale: Locale): SampleOrder {
  const spec = SPECS[locale];
  const money = (major: number): Money => ({ amount: Math.round(major * spec.unit), currency: spec.currency });
  const shop = scenario({ orderId: spec.orderId, currency: spec.currency, startAt: SAMPLE_START });
  const customer = actor('customer', 'customer-1');
  spec.items.forEach((item, i) =>
    shop.as(customer).send({
      type: 'ADD_ITEM',
      item: { lineId: `l${i + 1}`, sku: `SKU-${i + 1}`, name: item.name, quantity: item.quantity, unitPrice: money(item.price) },
    }),
  );
  shop.as(customer).send({ type: 'START_CHECKOUT' });
  shop.as(customer).send({ type: 'SET_CUSTOMER', customer: spec.customer });
  shop.as(customer).send({ type: 'SET_SHIPPING_ADDRESS', address: spec.address });
  shop.as(customer).send({ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: money(spec.shipping) });
  shop.as(customer).send({ type: 'SELECT_PAYMENT_METHOD', method: 'cash_on_delivery' });
  const total = money(spec.items.reduce((sum, i) => sum + i.price * i.quantity, 0) + spec.shipping);
  shop.as(customer).send({ type: 'PLACE_ORDER', total });
  shop.as(staff).send({ type: 'CONFIRM_ORDER' });
  const payment = shop.payment().id;
  const shipment = `${spec.orderId}-S1`;
  const lines = spec.items.map((item, i) => ({ lineId: `l${i + 1}`, quantity: item.quantity }));
  shop.as(staff).send({ type: 'CREATE_SHIPMENT', shipmentId: shipment, lines });
  shop.as(staff).send({ type: 'RELEASE_TO_WAREHOUSE', shipmentId: shipment });
  shop.as(staff).send({ type: 'START_PICKING', shipmentId: shipment, pickerId: 'picker-1' });
  shop.as(staff).send({ type: 'PACK_SHIPMENT', shipmentId: shipment, label: { carrier: spec.carrier, trackingNumber: spec.trackingNumber } });
  shop.as(staff).send({ type: 'MARK_READY_TO_SHIP', shipmentId: shipment });
  shop.as(staff).send({ type: 'HAND_TO_CARRIER', shipmentId: shipment });
  shop.as(carrier).send({ type: 'CARRIER_STATUS', shipmentId: shipment, status: 'in_transit' });
  const inTransit = shop.order;

  shop.as(carrier).send({ type: 'CARRIER_STATUS', shipmentId: shipment, status: 'out_for_delivery' });
  shop.as(carrier).send({ type: 'CARRIER_STATUS', shipmentId: shipment, status: 'delivered', codCollected: total });
  shop.as(customer).send({ type: 'REQUEST_RETURN', returnId: `${spec.orderId}-R1`, lines: [{ lineId: 'l1', quantity: 1 }], reason: 'wrong_size' });
  shop.as(staff).send({ type: 'APPROVE_RETURN', returnId: `${spec.orderId}-R1` });
  shop.as(staff).send({
    type: 'ISSUE_RETURN_LABEL',
    returnId: `${spec.orderId}-R1`,
    label: { carrier: spec.returnCarrier, trackingNumber: spec.returnTracking, labelUrl: `https://labels.example/${spec.returnTracking}.pdf` },
  });
  shop.as(customer).send({ type: 'OPEN_CLAIM', returnId: `${spec.orderId}-R2`, kind: 'damaged', lines: [{ lineId: 'l2', quantity: 1 }], description: 'Cracked lid' });
  return {
    locale,
    spec,
    money,
    total,
    inTransit,
    afterDelivery: shop.order,
    ids: { payment, shipment, return: `${spec.orderId}-R1`, claim: `${spec.orderId}-R2` },
  };
}

/** Which machine each message is about, as the machines emit them. */
const SUBJECT: Readonly<Record<NotificationTemplate, 'order' | 'payment' | 'shipment' | 'return' | 'claim'>> = {
  cart_reminder: 'order',
  order_placed: 'order',
  bank_transfer_instructions: 'payment',
  payment_reminder: 'order',
  payment_action_required: 'payment',
  order_confirmed: 'order',
  payment_received: 'payment',
  payment_failed: 'payment',
  payment_authorization_expired: 'payment',
  order_canceled: 'order',
  order_expired: 'order',
  order_backordered: 'order',
  order_delayed: 'order',
  order_on_hold: 'order',
  shipment_shipped: 'shipment',
  shipment_out_for_delivery: 'shipment',
  delivery_attempt_failed: 'shipment',
  ready_for_pickup: 'shipment',
  shipment_delivered: 'shipment',
  shipment_lost: 'shipment',
  shipment_returned_to_sender: 'shipment',
  return_requested: 'return',
  claim_opened: 'claim',
  return_approved: 'return',
  return_label_issued: 'return',
  return_declined: 'return',
  return_received: 'return',
  return_resolved: 'return',
  return_rejected: 'return',
  refund_issued: 'payment',
  refund_failed: 'payment',
  dispute_opened: 'payment',
  invoice_available: 'order',
  feedback_request: 'order',
};

const STAFF_TEMPLATES: ReadonlySet<NotificationTemplate> = new Set(['order_on_hold', 'refund_failed', 'dispute_opened']);

/** Templates rendered against the delivered order (returns, refunds, feedback, invoices); the rest against the order in transit. */
const AFTER_DELIVERY: ReadonlySet<NotificationTemplate> = new Set([
  'return_requested',
  'claim_opened',
  'return_approved',
  'return_label_issued',
  'return_declined',
  'return_received',
  'return_resolved',
  'return_rejected',
  'refund_issued',
  'refund_failed',
  'dispute_opened',
  'invoice_available',
  'feedback_request',
  'shipment_delivered',
]);

/** The data each message carries, as the machines fill it in (plus a reason for the staff hold message, which the order records). */
function dataFor(template: NotificationTemplate, sample: SampleOrder): NotificationData {
  const { spec, total, money } = sample;
  switch (template) {
    case 'order_placed':
    case 'order_confirmed':
    case 'bank_transfer_instructions':
    case 'payment_received':
      return { amount: total };
    case 'payment_reminder':
      return { amount: total, expectedAt: '2026-03-24T20:30:00.000Z' };
    case 'payment_failed':
      return { reason: 'card_declined' };
    case 'payment_authorization_expired':
      return { amount: total };
    case 'order_canceled':
      return { reason: 'out_of_stock' };
    case 'order_backordered':
      return { expectedAt: '2026-03-25T12:00:00Z' };
    case 'order_delayed':
      return { reason: 'carrier', expectedAt: '2026-03-27T12:00:00Z' };
    case 'order_on_hold':
      return { reason: 'payment_review' };
    case 'shipment_shipped':
      return { carrier: spec.carrier, trackingNumber: spec.trackingNumber };
    case 'delivery_attempt_failed':
      return { attempts: 2 };
    case 'return_declined':
      return { reason: spec.declineNote };
    case 'return_label_issued':
      return { carrier: spec.returnCarrier, trackingNumber: spec.returnTracking, labelUrl: `https://labels.example/${spec.returnTracking}.pdf` };
    case 'return_resolved':
      return { resolution: 'refund', amount: money(spec.items[0]?.price ?? 1) };
    case 'refund_issued':
      return { amount: money(spec.items[0]?.price ?? 1) };
    case 'dispute_opened':
      return { amount: total };
    case 'invoice_available':
      return { invoiceNumber: 'INV-2026-0042', url: 'https://shop.example/invoices/INV-2026-0042.pdf' };
    default:
      return {};
  }
}

/** Every template as an effect about the sample order, with the aggregate it is rendered against. */
export function sampleEffects(sample: SampleOrder): { effect: NotificationEffect; order: OrderAggregate }[] {
  return Templates.options.map((template) => {
    const kind = SUBJECT[template];
    const subject =
      kind === 'order'
        ? { machine: 'order' as const, id: sample.spec.orderId }
        : kind === 'payment'
          ? { machine: 'payment' as const, id: sample.ids.payment }
          : kind === 'shipment'
            ? { machine: 'shipment' as const, id: sample.ids.shipment }
            : { machine: 'return' as const, id: kind === 'claim' ? sample.ids.claim : sample.ids.return };
    const effect: NotificationEffect = {
      kind: 'notification',
      orderId: sample.spec.orderId,
      template,
      audience: STAFF_TEMPLATES.has(template) ? 'staff' : 'customer',
      subject,
      data: dataFor(template, sample),
    };
    return { effect, order: AFTER_DELIVERY.has(template) ? sample.afterDelivery : sample.inTransit };
  });
}
