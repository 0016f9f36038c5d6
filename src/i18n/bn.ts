import { format } from 'date-fns';
import { bn as bnLocale } from 'date-fns/locale';
import type { Messages, MessageWords } from './Messages.js';
import { lines, orderSummary, paragraphs, shapeCode, shapeDigits, when, withItems } from './text.js';

/** Bengali digits (০–৯) for the ASCII digits of a text. */
const digits = (text: string) => shapeDigits(text, '০');
/** A code in Bengali digits when it is all digits; codes with Latin letters stay as they are. */
const code = (text: string) => shapeCode(text, '০');

const words: MessageWords = {
  greeting: (name) => (name === null ? 'প্রিয় গ্রাহক,' : `প্রিয় ${name},`),
  signOff: (store) => `ধন্যবাদান্তে,\n${store}`,
  defaultStoreName: 'গ্রাহকসেবা বিভাগ',
  viewOrder: 'আপনার অর্ডার দেখুন',
  itemsHeading: 'অর্ডারের বিবরণ:',
  subtotal: 'পণ্যের মূল্য',
  shipping: 'ডেলিভারি চার্জ',
  tax: 'ভ্যাট',
  discount: 'ছাড়',
  total: 'সর্বমোট',
  footer: (store, orderId) => `অর্ডার নং ${orderId} সম্পর্কে এই বার্তাটি ${store} থেকে পাঠানো হয়েছে।`,
};

const reply = 'কোনো প্রশ্ন থাকলে অনুগ্রহ করে এই বার্তার উত্তর দিন।';
const eta = (d: { estimatedDelivery: string | null; pickup: boolean }) =>
  when(d.estimatedDelivery, (e) => (d.pickup ? `পিকআপের জন্য প্রস্তুত হবে: ${e}` : `আনুমানিক ডেলিভারির তারিখ: ${e}`));
const cod = (d: { codAmount: string | null }) => when(d.codAmount, (c) => `পণ্য হাতে পেয়ে ডেলিভারিম্যানকে নগদ ${c} পরিশোধ করবেন।`);
// Names of carriers are data: Bengali case endings cannot be attached to them, so they stand on a line of their own.
const carrierLine = (d: { carrier: string | null }) => when(d.carrier, (c) => `কুরিয়ার: ${c}`);

/**
 * Bengali (Bangladesh): Bengali digits in every number, the polite «আপনি» form, and the
 * e-commerce words Bangladeshi shops use (অর্ডার, ডেলিভারি, ক্যাশ অন ডেলিভারি).
 *
 * @example
 * ```ts
 * import { MESSAGES } from 'ordermachine';
 * MESSAGES.bn.statusLabels.shipped; // 'পাঠানো হয়েছে'
 * MESSAGES.bn.formatDate(new Date(2026, 2, 24)); // 'মঙ্গলবার, ২৪ মার্চ ২০২৬'
 * ```
 */
export const bn = {
  locale: 'bn',
  intlLocale: 'bn-BD',
  dir: 'ltr',
  dateLocale: bnLocale,
  formatDate: (date) => digits(format(date, 'EEEE, d MMMM yyyy', { locale: bnLocale })),
  digits: code,
  fontFamily: "'Noto Sans Bengali', 'Hind Siliguri', Kalpurush, sans-serif",
  statusLabels: {
    shopping: 'কেনাকাটা চলছে',
    checking_out: 'চেকআউট চলছে',
    awaiting_payment: 'পেমেন্টের অপেক্ষায়',
    on_hold: 'স্থগিত',
    processing: 'প্রক্রিয়াধীন',
    awaiting_stock: 'স্টকের অপেক্ষায়',
    picking: 'পণ্য সংগ্রহ করা হচ্ছে',
    picked: 'পণ্য সংগ্রহ সম্পন্ন',
    packing: 'প্যাকিং চলছে',
    ready_to_ship: 'পাঠানোর জন্য প্রস্তুত',
    partially_shipped: 'আংশিক পাঠানো হয়েছে',
    shipped: 'পাঠানো হয়েছে',
    out_for_delivery: 'ডেলিভারির পথে',
    delivery_attempt_failed: 'ডেলিভারি করা যায়নি',
    ready_for_pickup: 'পিকআপের জন্য প্রস্তুত',
    delivered: 'ডেলিভারি সম্পন্ন',
    return_in_progress: 'রিটার্ন প্রক্রিয়াধীন',
    returned: 'ফেরত এসেছে',
    completed: 'সম্পন্ন',
    refunded: 'টাকা ফেরত দেওয়া হয়েছে',
    canceled: 'বাতিল',
    expired: 'বাতিল (পেমেন্ট হয়নি)',
  },
  paymentStatusLabels: {
    unpaid: 'অপরিশোধিত',
    authorized: 'অনুমোদিত (টাকা কাটা বাকি)',
    partially_paid: 'আংশিক পরিশোধিত',
    paid: 'পরিশোধিত',
    partially_refunded: 'আংশিক টাকা ফেরত',
    refunded: 'সম্পূর্ণ টাকা ফেরত',
  },
  fulfilmentStatusLabels: {
    unfulfilled: 'এখনো পাঠানো হয়নি',
    partially_shipped: 'আংশিক পাঠানো হয়েছে',
    shipped: 'পাঠানো হয়েছে',
    partially_delivered: 'আংশিক ডেলিভারি হয়েছে',
    delivered: 'ডেলিভারি সম্পন্ন',
  },
  shippingMethods: {
    standard: 'সাধারণ ডেলিভারি',
    expedited: 'দ্রুত ডেলিভারি',
    express: 'এক্সপ্রেস ডেলিভারি',
    pickup: 'পিকআপ পয়েন্ট থেকে সংগ্রহ',
  },
  paymentMethods: {
    online: 'অনলাইন পেমেন্ট',
    cash_on_delivery: 'ক্যাশ অন ডেলিভারি',
    bank_transfer: 'ব্যাংক ট্রান্সফার',
    pay_on_pickup: 'সংগ্রহের সময় পেমেন্ট',
    invoice: 'ইনভয়েসের মাধ্যমে পরে পেমেন্ট',
  },
  reasons: {
    cancel: {
      customer_request: 'আপনার অনুরোধে',
      payment_failed: 'পেমেন্ট সফল হয়নি',
      out_of_stock: 'পণ্য স্টকে নেই',
      fraud: 'অর্ডারটি নিরাপত্তা যাচাইয়ে উত্তীর্ণ হয়নি',
      address_invalid: 'ডেলিভারির ঠিকানা যাচাই করা যায়নি',
      duplicate: 'একই অর্ডার দুবার করা হয়েছে',
      other: 'অন্যান্য কারণ',
    },
    hold: {
      payment_review: 'পেমেন্ট যাচাই',
      fraud_check: 'জালিয়াতি যাচাই',
      address_verification: 'ঠিকানা যাচাই',
      customer_request: 'গ্রাহকের অনুরোধ',
      stock_issue: 'স্টকের সমস্যা',
      other: 'অন্যান্য',
    },
    delay: {
      stock: 'পণ্য সরবরাহে দেরি',
      carrier: 'কুরিয়ার সার্ভিসে দেরি',
      weather: 'প্রতিকূল আবহাওয়া',
      holiday: 'সরকারি ছুটি',
      verification: 'অর্ডারের অতিরিক্ত যাচাই',
      other: 'অন্যান্য কারণ',
    },
    return: {
      changed_mind: 'পণ্যটি আর প্রয়োজন নেই',
      wrong_size: 'সাইজ মেলেনি',
      not_as_described: 'বিবরণের সাথে পণ্যের মিল নেই',
      damaged: 'পণ্য ক্ষতিগ্রস্ত',
      defective: 'পণ্যে ত্রুটি আছে',
      wrong_item: 'ভুল পণ্য পাঠানো হয়েছে',
      other: 'অন্যান্য কারণ',
    },
    claim: {
      damaged: 'পণ্য ক্ষতিগ্রস্ত অবস্থায় পৌঁছেছে',
      missing: 'অর্ডারের কিছু পণ্য পাওয়া যায়নি',
      wrong_item: 'ভুল পণ্য পাঠানো হয়েছে',
    },
  },
  resolutions: {
    refund: 'টাকা ফেরত',
    store_credit: 'স্টোর ক্রেডিট',
    exchange: 'পণ্য বদল',
    replacement: 'নতুন পণ্য পাঠানো',
  },
  // A count takes the classifier «বার» in every number: «১ বার», «৫ বার».
  attempts: {
    one: (n) => `${n} বার`,
    other: (n) => `${n} বার`,
  },
  templates: {
    cart_reminder: (d) => ({
      subject: 'আপনার কার্টে পণ্য অপেক্ষা করছে',
      text: paragraphs(
        withItems(d, 'আপনি কার্টে যে পণ্যগুলো রেখেছিলেন, সেগুলো এখনো আপনার জন্য অপেক্ষা করছে', '।'),
        'সুবিধামতো যেকোনো সময় অর্ডারটি সম্পন্ন করতে পারেন।',
      ),
    }),
    order_placed: (d) => ({
      subject: `অর্ডার নং ${d.orderId} গ্রহণ করা হয়েছে`,
      text: paragraphs(
        `অর্ডার করার জন্য ধন্যবাদ! আমরা আপনার অর্ডারটি (নং ${d.orderId}) পেয়েছি। অর্ডারটি নিশ্চিত হলেই আপনাকে জানানো হবে।`,
        orderSummary(d, words),
        lines(when(d.shippingMethod, (m) => `ডেলিভারি পদ্ধতি: ${m}`), when(d.paymentMethod, (m) => `পেমেন্ট পদ্ধতি: ${m}`), eta(d)),
        cod(d),
      ),
    }),
    bank_transfer_instructions: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: ব্যাংক ট্রান্সফারে পেমেন্টের নির্দেশনা`,
      text: paragraphs(
        `অনুগ্রহ করে চেকআউটের সময় দেখানো আমাদের ব্যাংক অ্যাকাউন্টে ${d.amount ?? d.total ?? 'অর্ডারের মোট টাকা'} পাঠান এবং পেমেন্টের রেফারেন্সে অর্ডার নম্বরটি (${d.orderId}) উল্লেখ করুন।`,
        'টাকা পৌঁছালেই আমরা আপনার অর্ডারটি নিশ্চিত করে প্রস্তুত করা শুরু করব। নির্ধারিত সময়ের মধ্যে পেমেন্ট না পেলে অর্ডারটি স্বয়ংক্রিয়ভাবে বাতিল হয়ে যাবে।',
      ),
    }),
    payment_reminder: (d) => ({
      subject: `মনে করিয়ে দিচ্ছি: অর্ডার নং ${d.orderId}-এর পেমেন্ট এখনো বাকি`,
      text: paragraphs(
        `অর্ডার নং ${d.orderId}-এর জন্য আপনার ব্যাংক ট্রান্সফার (${d.amount ?? d.total ?? 'অর্ডারের মোট টাকা'}) আমরা এখনো পাইনি।`,
        d.expectedAt !== null
          ? `অনুগ্রহ করে ${d.expectedAt}-এর মধ্যে পেমেন্টের রেফারেন্সে অর্ডার নম্বর উল্লেখ করে টাকা পাঠান; এরপর অর্ডারটি স্বয়ংক্রিয়ভাবে বাতিল হয়ে যাবে।`
          : 'অনুগ্রহ করে পেমেন্টের রেফারেন্সে অর্ডার নম্বর উল্লেখ করে দ্রুত টাকা পাঠান; নইলে অর্ডারটি স্বয়ংক্রিয়ভাবে বাতিল হয়ে যাবে।',
        'আপনি যদি ইতিমধ্যে পেমেন্ট করে থাকেন, তাহলে ধন্যবাদ; অনুগ্রহ করে এই বার্তাটি উপেক্ষা করুন।',
      ),
    }),
    payment_action_required: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: পেমেন্ট নিশ্চিত করুন`,
      text: paragraphs(
        `আপনার অর্ডারের (নং ${d.orderId}) পেমেন্ট সম্পন্ন করতে ব্যাংক আপনার অনুমোদন চাইছে।`,
        d.actionUrl !== null
          ? `অনুগ্রহ করে এই লিংকে গিয়ে পেমেন্টটি সম্পন্ন করুন: ${d.actionUrl}`
          : 'অনুগ্রহ করে পেমেন্ট পেজে ফিরে গিয়ে পেমেন্টটি সম্পন্ন করুন।',
        'পেমেন্ট নিশ্চিত হলেই আমরা অর্ডারটির কাজ শুরু করব।',
      ),
    }),
    order_confirmed: (d) => ({
      subject: `অর্ডার নং ${d.orderId} নিশ্চিত হয়েছে`,
      text: paragraphs(
        `সুখবর! আপনার অর্ডারটি (নং ${d.orderId}) নিশ্চিত হয়েছে এবং আমরা এটি প্রস্তুত করা শুরু করেছি।`,
        orderSummary(d, words),
        eta(d),
        cod(d),
      ),
    }),
    payment_received: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: পেমেন্ট পাওয়া গেছে`,
      text: `আপনার অর্ডারের (নং ${d.orderId}) ${when(d.amount, (a) => `জন্য ${a} `)}পেমেন্ট আমরা পেয়েছি। ধন্যবাদ!`,
    }),
    payment_failed: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: পেমেন্ট সফল হয়নি`,
      text: paragraphs(
        lines(`দুঃখিত, আপনার অর্ডারের (নং ${d.orderId}) পেমেন্ট সফল হয়নি।`, when(d.reason, (r) => `ত্রুটির কোড: ${r}`)),
        'অনুগ্রহ করে আবার চেষ্টা করুন অথবা অন্য কোনো পেমেন্ট পদ্ধতি বেছে নিন। আপনার অ্যাকাউন্ট থেকে টাকা কেটে নেওয়া হয়ে থাকলে ব্যাংক তা ফেরত দেবে।',
      ),
    }),
    payment_authorization_expired: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: অনুগ্রহ করে আবার পেমেন্ট করুন`,
      text: paragraphs(
        lines(`আপনার অর্ডারের (নং ${d.orderId}) পেমেন্টের অনুমোদনের মেয়াদ টাকা কেটে নেওয়ার আগেই শেষ হয়ে গেছে, তাই অর্ডারটির পেমেন্ট এখনো সম্পন্ন হয়নি।`, when(d.amount, (a) => `টাকার পরিমাণ: ${a}`)),
        'আপনার অ্যাকাউন্ট থেকে কোনো টাকা কেটে নেওয়া হয়নি। অর্ডারটি পেতে অনুগ্রহ করে আবার পেমেন্ট করুন — একই কার্ড বা অন্য কোনো পেমেন্ট পদ্ধতিতে।',
      ),
    }),
    order_canceled: (d) => ({
      subject: `অর্ডার নং ${d.orderId} বাতিল করা হয়েছে`,
      text: paragraphs(
        lines(`আপনার অর্ডারটি (নং ${d.orderId}) বাতিল করা হয়েছে।`, when(d.reason, (r) => `কারণ: ${r}`)),
        `আপনি আগেই পেমেন্ট করে থাকলে টাকা ফেরত দেওয়া হবে। ${reply}`,
      ),
    }),
    order_expired: (d) => ({
      subject: `অর্ডার নং ${d.orderId} বাতিল: পেমেন্ট পাওয়া যায়নি`,
      text: `নির্ধারিত সময়ের মধ্যে আপনার অর্ডারের (নং ${d.orderId}) পেমেন্ট না পাওয়ায় অর্ডারটি বাতিল হয়ে গেছে। পণ্যগুলো এখনো প্রয়োজন হলে নতুন করে অর্ডার করতে পারেন।`,
    }),
    order_backordered: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: কিছু পণ্য সাময়িকভাবে স্টকে নেই`,
      text: paragraphs(
        lines(
          `আপনার অর্ডারের (নং ${d.orderId}) কিছু পণ্য এই মুহূর্তে আমাদের স্টকে নেই; আমরা সরবরাহকারীর কাছ থেকে সেগুলো আনাচ্ছি।`,
          when(d.expectedAt, (e) => `পণ্য পৌঁছানোর সম্ভাব্য তারিখ: ${e}`),
        ),
        'পণ্যগুলো পৌঁছালেই আপনার অর্ডারটি পাঠিয়ে দেব এবং আপনাকে জানাব। ধৈর্য ধরার জন্য ধন্যবাদ।',
      ),
    }),
    order_delayed: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: ডেলিভারিতে দেরি হচ্ছে`,
      text: paragraphs(
        lines(
          `আমরা দুঃখিত, আপনার অর্ডারটি (নং ${d.orderId}) পৌঁছাতে পরিকল্পনার চেয়ে বেশি সময় লাগছে।`,
          when(d.reason, (r) => `কারণ: ${r}`),
          when(d.expectedAt, (e) => `নতুন আনুমানিক ডেলিভারির তারিখ: ${e}`),
        ),
        'যত দ্রুত সম্ভব অর্ডারটি আপনার কাছে পৌঁছে দিতে আমরা সর্বোচ্চ চেষ্টা করছি। ধৈর্য ধরার জন্য ধন্যবাদ।',
      ),
    }),
    order_on_hold: (d) => ({
      subject: `অর্ডার নং ${d.orderId} স্থগিত রাখা হয়েছে`,
      text: paragraphs(
        lines(`অর্ডার নং ${d.orderId} স্থগিত রাখা হয়েছে।`, when(d.reason, (r) => `কারণ: ${r}`)),
        'অনুগ্রহ করে অর্ডারটি যাচাই করে আবার চালু করুন অথবা বাতিল করুন।',
      ),
    }),
    shipment_shipped: (d) => ({
      subject: `অর্ডার নং ${d.orderId} পাঠানো হয়েছে`,
      text: paragraphs(
        'আপনার অর্ডারটি পাঠানো হয়েছে।',
        lines(
          carrierLine(d),
          when(d.trackingNumber, (t) => `ট্র্যাকিং নম্বর: ${t}`),
          when(d.trackingUrl, (u) => `পার্সেল ট্র্যাক করুন: ${u}`),
          when(d.estimatedDelivery, (e) => `আনুমানিক ডেলিভারির তারিখ: ${e}`),
        ),
      ),
    }),
    shipment_out_for_delivery: (d) => ({
      subject: `অর্ডার নং ${d.orderId} আজ ডেলিভারি করা হবে`,
      text: paragraphs(
        'ডেলিভারিম্যান আপনার পার্সেল নিয়ে রওনা হয়েছেন এবং আজই তা পৌঁছে দেবেন।',
        when(d.codAmount, (c) => `অনুগ্রহ করে পেমেন্টের জন্য নগদ ${c} প্রস্তুত রাখুন।`),
        when(d.trackingUrl, (u) => `পার্সেল ট্র্যাক করুন: ${u}`),
      ),
    }),
    delivery_attempt_failed: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: ডেলিভারি করা যায়নি`,
      text: paragraphs(
        `দুঃখিত, ডেলিভারিম্যান আপনার পার্সেলটি পৌঁছে দিতে পারেননি${when(d.attempts, (a) => ` (এ পর্যন্ত ${a} চেষ্টা করা হয়েছে)`)}।`,
        lines(`নতুন করে ডেলিভারির সময় ঠিক করতে অনুগ্রহ করে আমাদের${d.carrier !== null ? ' অথবা কুরিয়ার সার্ভিসের' : ''} সাথে যোগাযোগ করুন।`, carrierLine(d)),
        when(d.trackingUrl, (u) => `পার্সেল ট্র্যাক করুন: ${u}`),
      ),
    }),
    ready_for_pickup: (d) => ({
      subject: `অর্ডার নং ${d.orderId} পিকআপের জন্য প্রস্তুত`,
      text: paragraphs(
        `আপনার অর্ডারটি পিকআপ পয়েন্টে পৌঁছেছে, এখন সংগ্রহ করতে পারেন। সংগ্রহের সময় অর্ডার নম্বরটি (${d.orderId}) সঙ্গে রাখুন।`,
        when(d.pickupAmount, (a) => `সংগ্রহের সময় ${a} পরিশোধ করতে হবে।`),
      ),
    }),
    shipment_delivered: (d) => ({
      subject: `অর্ডার নং ${d.orderId} ডেলিভারি করা হয়েছে`,
      text: paragraphs(
        'আপনার অর্ডারটি ডেলিভারি করা হয়েছে। আশা করি কেনাকাটাটি আপনার ভালো লেগেছে!',
        'অর্ডারে কোনো সমস্যা থাকলে এই বার্তার উত্তর দিন, আমরা দ্রুত সমাধান করব।',
      ),
    }),
    shipment_lost: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: পার্সেল হারিয়ে গেছে`,
      text: paragraphs(
        `${d.carrier ?? 'কুরিয়ার সার্ভিস'} আমাদের জানিয়েছে যে আপনার অর্ডারের পার্সেলটি হারিয়ে গেছে। এজন্য আমরা আন্তরিকভাবে দুঃখিত।`,
        'অর্ডারটি আবার পাঠাতে অথবা টাকা ফেরত দিতে আমরা শিগগিরই আপনার সাথে যোগাযোগ করব।',
      ),
    }),
    shipment_returned_to_sender: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: পার্সেল আমাদের কাছে ফেরত এসেছে`,
      text: 'আপনার পার্সেলটি ডেলিভারি করা সম্ভব হয়নি এবং সেটি আমাদের কাছে ফেরত এসেছে। আবার পাঠানো বা টাকা ফেরতের ব্যবস্থা করতে অনুগ্রহ করে আমাদের সাথে যোগাযোগ করুন।',
    }),
    return_requested: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: রিটার্নের অনুরোধ পেয়েছি`,
      text: paragraphs(
        lines(`আপনার অর্ডারের (নং ${d.orderId}) পণ্য ফেরতের অনুরোধ আমরা পেয়েছি।`, when(d.reason, (r) => `ফেরতের কারণ: ${r}`)),
        'অনুরোধটি যাচাই করে শিগগিরই আপনাকে জানাব।',
      ),
    }),
    claim_opened: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: আপনার অভিযোগ পেয়েছি`,
      text: paragraphs(
        lines(`আপনার অর্ডারের (নং ${d.orderId}) সমস্যার কথা জানানোর জন্য ধন্যবাদ।`, when(d.reason, (r) => `সমস্যা: ${r}`)),
        'আমাদের সাপোর্ট টিম বিষয়টি খতিয়ে দেখে শিগগিরই আপনার সাথে যোগাযোগ করবে।',
      ),
    }),
    return_approved: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: রিটার্ন অনুমোদিত হয়েছে`,
      text: `আপনার অর্ডারের (নং ${d.orderId}) রিটার্নের অনুরোধ অনুমোদন করা হয়েছে। পরবর্তী ধাপগুলো শিগগিরই আপনাকে জানিয়ে দেব।`,
    }),
    return_label_issued: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: রিটার্ন লেবেল`,
      text: paragraphs(
        lines('আপনার রিটার্ন শিপিং লেবেল প্রস্তুত।', when(d.labelUrl, (u) => `লেবেলটি প্রিন্ট করুন: ${u}`)),
        'অনুগ্রহ করে পণ্যগুলো ভালোভাবে প্যাক করে প্যাকেটের ওপর লেবেলটি লাগান এবং কুরিয়ার সার্ভিসের কাছে হস্তান্তর করুন।',
        lines(carrierLine(d), when(d.trackingNumber, (t) => `ট্র্যাকিং নম্বর: ${t}`)),
      ),
    }),
    return_declined: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: রিটার্নের অনুরোধ সম্পর্কে`,
      text: paragraphs(lines(`দুঃখিত, আপনার অর্ডারের (নং ${d.orderId}) রিটার্ন গ্রহণ করা সম্ভব হচ্ছে না।`, when(d.reason, (r) => `কারণ: ${r}`)), reply),
    }),
    return_received: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: ফেরত পাঠানো পণ্য পেয়েছি`,
      text: 'আপনার ফেরত পাঠানো পণ্যগুলো আমাদের কাছে পৌঁছেছে। পরীক্ষা শেষে কয়েক দিনের মধ্যে ফলাফল জানিয়ে দেব।',
    }),
    return_resolved: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: রিটার্ন সম্পন্ন হয়েছে`,
      text: lines(
        `আপনার অর্ডারের (নং ${d.orderId}) রিটার্ন প্রক্রিয়া সম্পন্ন হয়েছে।`,
        when(d.resolution, (r) => `সমাধান: ${r}`),
        when(d.amount, (a) => `টাকার পরিমাণ: ${a}`),
      ),
    }),
    return_rejected: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: ফেরত পণ্য পরীক্ষার ফলাফল`,
      text: paragraphs(
        'ফেরত পাঠানো পণ্যগুলো আমরা পরীক্ষা করেছি, কিন্তু দুঃখিত, সেগুলো গ্রহণ করা সম্ভব হচ্ছে না। পণ্যগুলো আবার আপনার কাছে পাঠিয়ে দেওয়া হবে।',
        reply,
      ),
    }),
    refund_issued: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: টাকা ফেরত দেওয়া হয়েছে`,
      text: paragraphs(
        `আপনার অর্ডারের (নং ${d.orderId}) ${when(d.amount, (a) => `জন্য ${a} `) || 'টাকা '}ফেরত দেওয়া হয়েছে।`,
        'ব্যাংকভেদে টাকাটি আপনার অ্যাকাউন্টে দেখা যেতে কয়েক কার্যদিবস সময় লাগতে পারে।',
      ),
    }),
    refund_failed: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: রিফান্ড ব্যর্থ হয়েছে`,
      text: paragraphs(
        lines('পেমেন্ট প্রোভাইডার একটি রিফান্ড সম্পন্ন করতে পারেনি।', `অর্ডার নং: ${d.orderId}`, when(d.paymentId, (p) => `পেমেন্ট: ${p}`)),
        'অনুগ্রহ করে পেমেন্টটি যাচাই করে আবার রিফান্ড করুন।',
      ),
    }),
    dispute_opened: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: পেমেন্ট নিয়ে বিরোধ (চার্জব্যাক)`,
      text: paragraphs(
        lines(
          'গ্রাহকের ব্যাংক একটি পেমেন্ট নিয়ে বিরোধ (চার্জব্যাক) খুলেছে।',
          `অর্ডার নং: ${d.orderId}`,
          when(d.paymentId, (p) => `পেমেন্ট: ${p}`),
          when(d.amount, (a) => `টাকার পরিমাণ: ${a}`),
        ),
        'অনুগ্রহ করে পেমেন্ট প্রোভাইডারের ড্যাশবোর্ডে প্রয়োজনীয় প্রমাণ জমা দিন।',
      ),
    }),
    invoice_available: (d) => ({
      subject: `অর্ডার নং ${d.orderId}: ইনভয়েস প্রস্তুত`,
      text: lines(
        `আপনার অর্ডারের (নং ${d.orderId}) ইনভয়েস প্রস্তুত।`,
        when(d.invoiceNumber, (n) => `ইনভয়েস নম্বর: ${n}`),
        when(d.invoiceUrl, (u) => `ডাউনলোড করুন: ${u}`),
      ),
    }),
    feedback_request: (d) => ({
      subject: 'আপনার কেনাকাটা কেমন ছিল?',
      text: `আশা করি আপনার অর্ডারটি (নং ${d.orderId}) আপনার ভালো লেগেছে। কেনাকাটার অভিজ্ঞতা কেমন ছিল, এই বার্তার উত্তরে জানালে খুশি হব। আপনার মতামত আমাদের সেবা আরও উন্নত করতে সাহায্য করে।`,
    }),
  },
  words,
} satisfies Messages;
