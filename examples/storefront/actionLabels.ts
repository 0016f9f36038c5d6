import type { Locale } from 'ordermachine';

/** The events this storefront (and its small staff screen) offers as buttons, in display order. */
export const STOREFRONT_EVENTS = [
  // the customer
  'START_CHECKOUT',
  'RETURN_TO_CART',
  'CONFIRM_RECEIPT',
  'REQUEST_RETURN',
  'RETURN_SHIPPED',
  'CANCEL_RETURN',
  'REQUEST_INVOICE',
  // staff
  'CONFIRM_BANK_TRANSFER',
  'CONFIRM_ORDER',
  'COLLECT_AT_PICKUP',
  'STOCK_RESERVED',
  'CREATE_SHIPMENT',
  'RELEASE_TO_WAREHOUSE',
  'START_PICKING',
  'PACK_SHIPMENT',
  'MARK_READY_TO_SHIP',
  'HAND_TO_CARRIER',
  'READY_FOR_PICKUP',
  'PICKED_UP',
  'APPROVE_RETURN',
  'DECLINE_RETURN',
  'RETURN_RECEIVED',
  'INSPECT_RETURN',
  'RESOLVE_RETURN',
  'CLOSE_RETURN',
  'PUT_ON_HOLD',
  'RELEASE_HOLD',
  // both, last: the destructive one
  'CANCEL_ORDER',
] as const;

/** An event the storefront shows as a button. */
export type StorefrontEvent = (typeof STOREFRONT_EVENTS)[number];

/** The inputs an action may ask for before it can be sent. */
export type ActionFieldName = 'reference' | 'carrier' | 'trackingNumber' | 'reason';

/** The words of the panel around the buttons, in one language. */
export interface PanelWords {
  readonly order: (orderId: string) => string;
  readonly status: string;
  readonly noActions: string;
  readonly applied: (label: string) => string;
  readonly refused: string;
  readonly required: (field: string) => string;
  readonly fields: Readonly<Record<ActionFieldName, string>>;
}

/**
 * Button labels in every language the library speaks. Typed as a full table: a new storefront
 * event, or a language added to the library, does not compile until every label is written.
 */
export const ACTION_LABELS: Readonly<Record<Locale, Readonly<Record<StorefrontEvent, string>>>> = {
  en: {
    START_CHECKOUT: 'Proceed to checkout',
    RETURN_TO_CART: 'Back to cart',
    CONFIRM_RECEIPT: 'Confirm receipt',
    REQUEST_RETURN: 'Return items',
    RETURN_SHIPPED: 'I have sent the parcel back',
    CANCEL_RETURN: 'Cancel return request',
    REQUEST_INVOICE: 'Request an invoice',
    CONFIRM_BANK_TRANSFER: 'Confirm bank transfer',
    CONFIRM_ORDER: 'Confirm order',
    COLLECT_AT_PICKUP: 'Payment received at pickup',
    STOCK_RESERVED: 'Mark stock reserved',
    CREATE_SHIPMENT: 'Create shipment',
    RELEASE_TO_WAREHOUSE: 'Send to warehouse',
    START_PICKING: 'Start picking',
    PACK_SHIPMENT: 'Mark packed',
    MARK_READY_TO_SHIP: 'Ready to ship',
    HAND_TO_CARRIER: 'Hand to carrier',
    READY_FOR_PICKUP: 'Ready for pickup',
    PICKED_UP: 'Handed to customer',
    APPROVE_RETURN: 'Approve return',
    DECLINE_RETURN: 'Decline return',
    RETURN_RECEIVED: 'Return received',
    INSPECT_RETURN: 'Accept after inspection',
    RESOLVE_RETURN: 'Refund',
    CLOSE_RETURN: 'Close return',
    PUT_ON_HOLD: 'Put on hold',
    RELEASE_HOLD: 'Release hold',
    CANCEL_ORDER: 'Cancel order',
  },
  fa: {
    START_CHECKOUT: 'ادامهٔ فرایند خرید',
    RETURN_TO_CART: 'بازگشت به سبد خرید',
    CONFIRM_RECEIPT: 'تأیید دریافت سفارش',
    REQUEST_RETURN: 'درخواست مرجوعی کالا',
    RETURN_SHIPPED: 'بستهٔ مرجوعی را ارسال کردم',
    CANCEL_RETURN: 'لغو درخواست مرجوعی',
    REQUEST_INVOICE: 'درخواست فاکتور',
    CONFIRM_BANK_TRANSFER: 'تأیید واریز بانکی',
    CONFIRM_ORDER: 'تأیید سفارش',
    COLLECT_AT_PICKUP: 'دریافت وجه هنگام تحویل حضوری',
    STOCK_RESERVED: 'ثبت رزرو موجودی',
    CREATE_SHIPMENT: 'ایجاد مرسوله',
    RELEASE_TO_WAREHOUSE: 'ارسال به انبار',
    START_PICKING: 'شروع جمع‌آوری کالاها',
    PACK_SHIPMENT: 'ثبت بسته‌بندی',
    MARK_READY_TO_SHIP: 'آمادهٔ ارسال',
    HAND_TO_CARRIER: 'تحویل به شرکت حمل‌ونقل',
    READY_FOR_PICKUP: 'آمادهٔ تحویل حضوری',
    PICKED_UP: 'تحویل به مشتری',
    APPROVE_RETURN: 'تأیید مرجوعی',
    DECLINE_RETURN: 'رد درخواست مرجوعی',
    RETURN_RECEIVED: 'دریافت کالای مرجوعی',
    INSPECT_RETURN: 'پذیرش پس از بررسی',
    RESOLVE_RETURN: 'بازپرداخت وجه',
    CLOSE_RETURN: 'بستن پروندهٔ مرجوعی',
    PUT_ON_HOLD: 'توقف موقت سفارش',
    RELEASE_HOLD: 'ادامهٔ پردازش سفارش',
    CANCEL_ORDER: 'لغو سفارش',
  },
  ru: {
    START_CHECKOUT: 'Оформить заказ',
    RETURN_TO_CART: 'Вернуться в корзину',
    CONFIRM_RECEIPT: 'Подтвердить получение',
    REQUEST_RETURN: 'Оформить возврат',
    RETURN_SHIPPED: 'Посылка с возвратом отправлена',
    CANCEL_RETURN: 'Отменить возврат',
    REQUEST_INVOICE: 'Запросить счёт',
    CONFIRM_BANK_TRANSFER: 'Подтвердить банковский перевод',
    CONFIRM_ORDER: 'Подтвердить заказ',
    COLLECT_AT_PICKUP: 'Оплата получена при выдаче',
    STOCK_RESERVED: 'Отметить резерв товара',
    CREATE_SHIPMENT: 'Создать отправление',
    RELEASE_TO_WAREHOUSE: 'Передать на склад',
    START_PICKING: 'Начать сборку',
    PACK_SHIPMENT: 'Отметить упаковку',
    MARK_READY_TO_SHIP: 'Готово к отправке',
    HAND_TO_CARRIER: 'Передать перевозчику',
    READY_FOR_PICKUP: 'Готов к выдаче',
    PICKED_UP: 'Выдан покупателю',
    APPROVE_RETURN: 'Одобрить возврат',
    DECLINE_RETURN: 'Отклонить возврат',
    RETURN_RECEIVED: 'Возврат получен',
    INSPECT_RETURN: 'Принять после проверки',
    RESOLVE_RETURN: 'Вернуть деньги',
    CLOSE_RETURN: 'Закрыть возврат',
    PUT_ON_HOLD: 'Приостановить заказ',
    RELEASE_HOLD: 'Возобновить заказ',
    CANCEL_ORDER: 'Отменить заказ',
  },
  bn: {
    START_CHECKOUT: 'চেকআউটে যান',
    RETURN_TO_CART: 'কার্টে ফিরে যান',
    CONFIRM_RECEIPT: 'অর্ডার পাওয়া নিশ্চিত করুন',
    REQUEST_RETURN: 'পণ্য ফেরতের অনুরোধ করুন',
    RETURN_SHIPPED: 'ফেরতের পার্সেল পাঠিয়েছি',
    CANCEL_RETURN: 'ফেরতের অনুরোধ বাতিল করুন',
    REQUEST_INVOICE: 'ইনভয়েসের অনুরোধ করুন',
    CONFIRM_BANK_TRANSFER: 'ব্যাংক ট্রান্সফার নিশ্চিত করুন',
    CONFIRM_ORDER: 'অর্ডার নিশ্চিত করুন',
    COLLECT_AT_PICKUP: 'সংগ্রহের সময় টাকা নেওয়া হয়েছে',
    STOCK_RESERVED: 'স্টক সংরক্ষিত হিসেবে চিহ্নিত করুন',
    CREATE_SHIPMENT: 'শিপমেন্ট তৈরি করুন',
    RELEASE_TO_WAREHOUSE: 'গুদামে পাঠান',
    START_PICKING: 'পণ্য সংগ্রহ শুরু করুন',
    PACK_SHIPMENT: 'প্যাকিং সম্পন্ন',
    MARK_READY_TO_SHIP: 'পাঠানোর জন্য প্রস্তুত',
    HAND_TO_CARRIER: 'কুরিয়ারের কাছে হস্তান্তর করুন',
    READY_FOR_PICKUP: 'সংগ্রহের জন্য প্রস্তুত',
    PICKED_UP: 'ক্রেতার হাতে দেওয়া হয়েছে',
    APPROVE_RETURN: 'ফেরত অনুমোদন করুন',
    DECLINE_RETURN: 'ফেরত প্রত্যাখ্যান করুন',
    RETURN_RECEIVED: 'ফেরত পণ্য পাওয়া গেছে',
    INSPECT_RETURN: 'পরীক্ষার পর গ্রহণ করুন',
    RESOLVE_RETURN: 'টাকা ফেরত দিন',
    CLOSE_RETURN: 'ফেরত প্রক্রিয়া বন্ধ করুন',
    PUT_ON_HOLD: 'অর্ডার স্থগিত রাখুন',
    RELEASE_HOLD: 'অর্ডার আবার চালু করুন',
    CANCEL_ORDER: 'অর্ডার বাতিল করুন',
  },
};

/** The words around the buttons, in every language the library speaks. */
export const PANEL_WORDS: Readonly<Record<Locale, PanelWords>> = {
  en: {
    order: (id) => `Order ${id}`,
    status: 'Status',
    noActions: 'Nothing to do here right now.',
    applied: (label) => `Done: ${label}.`,
    refused: 'This is not possible right now.',
    required: (field) => `Please fill in: ${field}`,
    fields: { reference: 'Bank reference', carrier: 'Carrier', trackingNumber: 'Tracking number', reason: 'Reason' },
  },
  fa: {
    order: (id) => `سفارش ${id}`,
    status: 'وضعیت',
    noActions: 'در حال حاضر اقدامی لازم نیست.',
    applied: (label) => `انجام شد: ${label}.`,
    refused: 'این کار در حال حاضر ممکن نیست.',
    required: (field) => `لطفاً این مورد را پر کنید: ${field}`,
    fields: { reference: 'شمارهٔ پیگیری واریز', carrier: 'شرکت حمل‌ونقل', trackingNumber: 'کد رهگیری', reason: 'دلیل' },
  },
  ru: {
    order: (id) => `Заказ № ${id}`,
    status: 'Статус',
    noActions: 'Сейчас никаких действий не требуется.',
    applied: (label) => `Готово: ${label}.`,
    refused: 'Сейчас это невозможно.',
    required: (field) => `Пожалуйста, заполните поле «${field}»`,
    fields: { reference: 'Номер платежа', carrier: 'Служба доставки', trackingNumber: 'Трек-номер', reason: 'Причина' },
  },
  bn: {
    order: (id) => `অর্ডার ${id}`,
    status: 'অবস্থা',
    noActions: 'এই মুহূর্তে কোনো পদক্ষেপের প্রয়োজন নেই।',
    applied: (label) => `সম্পন্ন হয়েছে: ${label}।`,
    refused: 'এটি এই মুহূর্তে সম্ভব নয়।',
    required: (field) => `অনুগ্রহ করে পূরণ করুন: ${field}`,
    fields: { reference: 'ব্যাংক রেফারেন্স নম্বর', carrier: 'কুরিয়ার সার্ভিস', trackingNumber: 'ট্র্যাকিং নম্বর', reason: 'কারণ' },
  },
};
