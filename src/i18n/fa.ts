import { format } from 'date-fns';
import { faIR } from 'date-fns/locale';
import type { Messages, MessageWords } from './Messages.js';
import { lines, orderSummary, paragraphs, shapeCode, shapeDigits, when, withItems } from './text.js';
import { toJalali } from './toJalali.js';

const JALALI_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'] as const;

/** Persian digits (۰–۹) for the ASCII digits of a text. */
const digits = (text: string) => shapeDigits(text, '۰');
/** A code in Persian digits when it is all digits; codes with Latin letters stay as they are. */
const code = (text: string) => shapeCode(text, '۰');

/** «سه‌شنبه ۴ فروردین ۱۴۰۵ (۲۴ مارس ۲۰۲۶)»: the Jalali day first, as Iranians read dates, with the Gregorian day beside it. */
function formatDate(date: Date): string {
  const j = toJalali(date);
  const weekday = format(date, 'EEEE', { locale: faIR });
  const gregorian = format(date, 'd MMMM yyyy', { locale: faIR });
  return digits(`${weekday} ${j.day} ${JALALI_MONTHS[j.month - 1] ?? ''} ${j.year} (${gregorian})`);
}

const words: MessageWords = {
  greeting: (name) => (name === null ? 'سلام مشتری گرامی،' : `سلام ${name} عزیز،`),
  signOff: (store) => `با سپاس،\n${store}`,
  defaultStoreName: 'تیم پشتیبانی فروشگاه',
  viewOrder: 'مشاهدهٔ سفارش',
  itemsHeading: 'اقلام سفارش:',
  subtotal: 'جمع کالاها',
  shipping: 'هزینهٔ ارسال',
  tax: 'مالیات',
  discount: 'تخفیف',
  total: 'مبلغ کل',
  footer: (store, orderId) => `این پیام از طرف ${store} دربارهٔ سفارش ${orderId} برای شما ارسال شده است.`,
};

const reply = 'اگر پرسشی دارید، کافی است به همین پیام پاسخ دهید.';
const carrierOr = (carrier: string | null) => carrier ?? 'شرکت حمل‌ونقل';

/**
 * Persian (Iran): right to left, Persian digits in every number, dates in the Jalali calendar with
 * the Gregorian day beside them, and the status words of Iranian shops («در حال آماده‌سازی»،
 * «ارسال شد»، «به دست مشتری رسیده»).
 *
 * @example
 * ```ts
 * import { MESSAGES } from 'ordermachine';
 * MESSAGES.fa.statusLabels.delivered; // 'به دست مشتری رسیده'
 * MESSAGES.fa.formatDate(new Date(2026, 2, 24)); // 'سه‌شنبه ۴ فروردین ۱۴۰۵ (۲۴ مارس ۲۰۲۶)'
 * ```
 */
export const fa = {
  locale: 'fa',
  intlLocale: 'fa-IR',
  dir: 'rtl',
  dateLocale: faIR,
  formatDate,
  digits: code,
  fontFamily: "Vazirmatn, Tahoma, 'Segoe UI', sans-serif",
  statusLabels: {
    shopping: 'در حال خرید',
    checking_out: 'در حال تکمیل سفارش',
    awaiting_payment: 'در انتظار پرداخت',
    on_hold: 'در انتظار بررسی',
    processing: 'در حال آماده‌سازی',
    awaiting_stock: 'در انتظار تأمین کالا',
    picking: 'در حال جمع‌آوری کالاها',
    picked: 'کالاها جمع‌آوری شد',
    packing: 'در حال بسته‌بندی',
    ready_to_ship: 'آمادهٔ ارسال',
    partially_shipped: 'بخشی از سفارش ارسال شد',
    shipped: 'ارسال شد',
    out_for_delivery: 'در مسیر تحویل',
    delivery_attempt_failed: 'تحویل ناموفق',
    ready_for_pickup: 'آمادهٔ تحویل حضوری',
    delivered: 'به دست مشتری رسیده',
    return_in_progress: 'در حال رسیدگی به مرجوعی',
    returned: 'مرجوع شد',
    completed: 'تکمیل شد',
    refunded: 'وجه بازگردانده شد',
    canceled: 'لغو شد',
    expired: 'لغو به دلیل عدم پرداخت',
  },
  paymentStatusLabels: {
    unpaid: 'پرداخت‌نشده',
    authorized: 'در انتظار برداشت وجه',
    partially_paid: 'بخشی از مبلغ پرداخت شده',
    paid: 'پرداخت‌شده',
    partially_refunded: 'بخشی از وجه بازگردانده شده',
    refunded: 'وجه بازگردانده شده',
  },
  fulfilmentStatusLabels: {
    unfulfilled: 'ارسال‌نشده',
    partially_shipped: 'بخشی ارسال شده',
    shipped: 'ارسال‌شده',
    partially_delivered: 'بخشی تحویل شده',
    delivered: 'تحویل‌شده',
  },
  shippingMethods: {
    standard: 'ارسال عادی',
    expedited: 'ارسال سریع',
    express: 'ارسال فوری (اکسپرس)',
    pickup: 'تحویل حضوری',
  },
  paymentMethods: {
    online: 'پرداخت اینترنتی',
    cash_on_delivery: 'پرداخت در محل',
    bank_transfer: 'واریز بانکی',
    pay_on_pickup: 'پرداخت هنگام تحویل حضوری',
    invoice: 'پرداخت اعتباری (با فاکتور)',
  },
  reasons: {
    cancel: {
      customer_request: 'به درخواست شما',
      payment_failed: 'پرداخت انجام نشد',
      out_of_stock: 'کالا موجود نیست',
      fraud: 'سفارش از بررسی امنیتی عبور نکرد',
      address_invalid: 'نشانی ارسال قابل تأیید نبود',
      duplicate: 'سفارش تکراری',
      other: 'سایر دلایل',
    },
    hold: {
      payment_review: 'بررسی پرداخت',
      fraud_check: 'بررسی احتمال تقلب',
      address_verification: 'تأیید نشانی',
      customer_request: 'درخواست مشتری',
      stock_issue: 'مشکل موجودی انبار',
      other: 'سایر موارد',
    },
    delay: {
      stock: 'تأمین کالا بیش از انتظار طول کشیده است',
      carrier: 'تأخیر در شرکت حمل‌ونقل',
      weather: 'شرایط نامساعد جوی',
      holiday: 'تعطیلات رسمی',
      verification: 'بررسی‌های تکمیلی سفارش',
      other: 'سایر دلایل',
    },
    return: {
      changed_mind: 'انصراف از خرید',
      wrong_size: 'اندازهٔ نامناسب',
      not_as_described: 'مغایرت کالا با توضیحات',
      damaged: 'آسیب‌دیدگی کالا',
      defective: 'معیوب بودن کالا',
      wrong_item: 'ارسال کالای اشتباه',
      other: 'سایر دلایل',
    },
    claim: {
      damaged: 'کالا آسیب‌دیده رسیده است',
      missing: 'بخشی از سفارش نرسیده است',
      wrong_item: 'کالای اشتباه ارسال شده است',
    },
  },
  resolutions: {
    refund: 'بازگرداندن وجه',
    store_credit: 'اعتبار خرید در فروشگاه',
    exchange: 'تعویض کالا',
    replacement: 'ارسال کالای جایگزین',
  },
  // Persian counts with a singular noun: «۱ بار»، «۵ بار».
  attempts: {
    one: (n) => `${n} بار`,
    other: (n) => `${n} بار`,
  },
  templates: {
    cart_reminder: (d) => ({
      subject: 'کالاهای سبد خریدتان منتظر شما هستند',
      text: paragraphs(
        withItems(d, 'کالاهایی که به سبد خریدتان اضافه کرده بودید، هنوز منتظر شما هستند', '.'),
        'هر زمان آماده بودید، می‌توانید خریدتان را نهایی کنید.',
      ),
    }),
    order_placed: (d) => ({
      subject: `سفارش ${d.orderId} ثبت شد`,
      text: paragraphs(
        `از خرید شما سپاسگزاریم! سفارش شما با شمارهٔ ${d.orderId} ثبت شد و به‌محض تأیید، به شما اطلاع می‌دهیم.`,
        orderSummary(d, words),
        lines(
          when(d.shippingMethod, (m) => `روش ارسال: ${m}`),
          when(d.paymentMethod, (m) => `روش پرداخت: ${m}`),
          when(d.estimatedDelivery, (e) => (d.pickup ? `آمادهٔ تحویل حضوری تا: ${e}` : `زمان تقریبی تحویل: ${e}`)),
        ),
        when(d.codAmount, (c) => `مبلغ ${c} را هنگام تحویل سفارش به مأمور ارسال پرداخت می‌کنید.`),
      ),
    }),
    bank_transfer_instructions: (d) => ({
      subject: `راهنمای پرداخت سفارش ${d.orderId} با واریز بانکی`,
      text: paragraphs(
        `لطفاً ${when(d.amount ?? d.total, (a) => `مبلغ ${a}`) || 'مبلغ سفارش'} را به حساب بانکی فروشگاه که در صفحهٔ پرداخت نمایش داده شد واریز کنید و شمارهٔ سفارش (${d.orderId}) را در شرح واریز بنویسید.`,
        'به‌محض دریافت وجه، سفارش شما را تأیید می‌کنیم و آماده‌سازی آن را آغاز می‌کنیم. اگر وجه در مهلت پرداخت به دست ما نرسد، سفارش به‌طور خودکار لغو می‌شود.',
      ),
    }),
    payment_reminder: (d) => ({
      subject: `یادآوری: سفارش ${d.orderId} در انتظار واریز شماست`,
      text: paragraphs(
        `هنوز ${when(d.amount ?? d.total, (a) => `مبلغ ${a}`) || 'مبلغ'} سفارش ${d.orderId} به حساب ما واریز نشده است.`,
        d.expectedAt !== null
          ? `لطفاً تا ${d.expectedAt} مبلغ را واریز کنید و شمارهٔ سفارش را در شرح واریز بنویسید؛ پس از آن، سفارش به‌طور خودکار لغو می‌شود.`
          : 'لطفاً هرچه زودتر مبلغ را واریز کنید و شمارهٔ سفارش را در شرح واریز بنویسید؛ در غیر این صورت، سفارش به‌طور خودکار لغو می‌شود.',
        'اگر پیش‌تر پرداخت کرده‌اید، از شما سپاسگزاریم؛ لطفاً این پیام را نادیده بگیرید.',
      ),
    }),
    payment_action_required: (d) => ({
      subject: `پرداخت سفارش ${d.orderId} نیاز به تأیید شما دارد`,
      text: paragraphs(
        `بانک برای تکمیل پرداخت سفارش ${d.orderId} به تأیید شما نیاز دارد.`,
        d.actionUrl !== null
          ? `لطفاً از این لینک پرداخت را تکمیل کنید: ${d.actionUrl}`
          : 'لطفاً به صفحهٔ پرداخت برگردید و پرداخت را تکمیل کنید.',
        'به‌محض تأیید پرداخت، پردازش سفارش شما آغاز می‌شود.',
      ),
    }),
    order_confirmed: (d) => ({
      subject: `سفارش ${d.orderId} تأیید شد`,
      text: paragraphs(
        `خبر خوب: سفارش ${d.orderId} تأیید شد و در حال آماده‌سازی آن هستیم.`,
        orderSummary(d, words),
        when(d.estimatedDelivery, (e) => (d.pickup ? `آمادهٔ تحویل حضوری تا: ${e}` : `زمان تقریبی تحویل: ${e}`)),
        when(d.codAmount, (c) => `مبلغ ${c} را هنگام تحویل سفارش به مأمور ارسال پرداخت می‌کنید.`),
      ),
    }),
    payment_received: (d) => ({
      subject: `پرداخت سفارش ${d.orderId} دریافت شد`,
      text: `${d.amount !== null ? `مبلغ ${d.amount} بابت سفارش ${d.orderId}` : `پرداخت سفارش ${d.orderId}`} با موفقیت دریافت شد. از خرید شما سپاسگزاریم.`,
    }),
    payment_failed: (d) => ({
      subject: `پرداخت سفارش ${d.orderId} ناموفق بود`,
      text: paragraphs(
        lines(`متأسفانه پرداخت سفارش ${d.orderId} انجام نشد.`, when(d.reason, (r) => `کد خطا: ${r}`)),
        'لطفاً دوباره تلاش کنید یا روش پرداخت دیگری را انتخاب کنید. اگر مبلغی از حساب شما کسر شده باشد، بانک آن را به حسابتان بازمی‌گرداند.',
      ),
    }),
    payment_authorization_expired: (d) => ({
      subject: `لطفاً هزینهٔ سفارش ${d.orderId} را دوباره پرداخت کنید`,
      text: paragraphs(
        lines(`مهلت مجوز پرداخت سفارش ${d.orderId} پیش از برداشت وجه به پایان رسید؛ بنابراین هزینهٔ سفارش هنوز پرداخت نشده است.`, when(d.amount, (a) => `مبلغ: ${a}`)),
        'هیچ مبلغی از حساب شما برداشت نشده است. برای دریافت سفارش، لطفاً دوباره پرداخت کنید؛ با همان کارت یا با روش پرداخت دیگری.',
      ),
    }),
    order_canceled: (d) => ({
      subject: `سفارش ${d.orderId} لغو شد`,
      text: paragraphs(
        lines(`سفارش ${d.orderId} لغو شد.`, when(d.reason, (r) => `علت: ${r}`)),
        `اگر مبلغی پرداخت کرده‌اید، به حساب شما بازگردانده می‌شود. ${reply}`,
      ),
    }),
    order_expired: (d) => ({
      subject: `سفارش ${d.orderId} به دلیل عدم پرداخت لغو شد`,
      text: `پرداخت سفارش ${d.orderId} در مهلت مقرر انجام نشد و به همین دلیل سفارش لغو شد. اگر هنوز به این کالاها نیاز دارید، خوشحال می‌شویم دوباره سفارش دهید.`,
    }),
    order_backordered: (d) => ({
      subject: `برخی از کالاهای سفارش ${d.orderId} موقتاً موجود نیستند`,
      text: paragraphs(
        `برخی از کالاهای سفارش ${d.orderId} در حال حاضر در انبار ما موجود نیستند و آن‌ها را از تأمین‌کننده سفارش داده‌ایم.${when(d.expectedAt, (e) => ` پیش‌بینی می‌کنیم تا ${e} به دستمان برسند.`)}`,
        'به‌محض رسیدن کالاها، سفارش شما را ارسال می‌کنیم و شما را در جریان می‌گذاریم. از صبر و شکیبایی شما سپاسگزاریم.',
      ),
    }),
    order_delayed: (d) => ({
      subject: `تأخیر در ارسال سفارش ${d.orderId}`,
      text: paragraphs(
        lines(
          `متأسفیم؛ ارسال سفارش ${d.orderId} بیش از زمان پیش‌بینی‌شده طول می‌کشد.`,
          when(d.reason, (r) => `علت: ${r}`),
          when(d.expectedAt, (e) => `زمان تقریبی تحویل جدید: ${e}`),
        ),
        'تمام تلاشمان را می‌کنیم تا سفارش هرچه زودتر به دستتان برسد. از صبوری شما سپاسگزاریم.',
      ),
    }),
    order_on_hold: (d) => ({
      subject: `سفارش ${d.orderId} معلق شد`,
      text: paragraphs(
        lines(`سفارش ${d.orderId} به حالت تعلیق درآمد.`, when(d.reason, (r) => `علت: ${r}`)),
        'لطفاً سفارش را بررسی کنید و سپس تعلیق را بردارید یا سفارش را لغو کنید.',
      ),
    }),
    shipment_shipped: (d) => ({
      subject: `سفارش ${d.orderId} ارسال شد`,
      text: paragraphs(
        `سفارش شما${when(d.carrier, (c) => ` از طریق ${c}`)} ارسال شد.`,
        lines(
          when(d.trackingNumber, (t) => `کد رهگیری: ${t}`),
          when(d.trackingUrl, (u) => `پیگیری مرسوله: ${u}`),
          when(d.estimatedDelivery, (e) => `زمان تقریبی تحویل: ${e}`),
        ),
      ),
    }),
    shipment_out_for_delivery: (d) => ({
      subject: `سفارش ${d.orderId} امروز به دستتان می‌رسد`,
      text: paragraphs(
        'مأمور ارسال در راه است و سفارش شما را امروز تحویل می‌دهد.',
        when(d.codAmount, (c) => `لطفاً مبلغ ${c} را برای پرداخت در محل آماده داشته باشید.`),
        when(d.trackingUrl, (u) => `پیگیری مرسوله: ${u}`),
      ),
    }),
    delivery_attempt_failed: (d) => ({
      subject: `تحویل سفارش ${d.orderId} انجام نشد`,
      text: paragraphs(
        d.attempts !== null
          ? `مأمور ارسال تاکنون ${d.attempts} برای تحویل سفارش شما مراجعه کرده، اما موفق به تحویل آن نشده است.`
          : 'مأمور ارسال برای تحویل سفارش شما مراجعه کرد، اما موفق به تحویل آن نشد.',
        `لطفاً برای هماهنگی زمان تحویل بعدی با ما${when(d.carrier, (c) => ` یا ${c}`)} تماس بگیرید.`,
        when(d.trackingUrl, (u) => `پیگیری مرسوله: ${u}`),
      ),
    }),
    ready_for_pickup: (d) => ({
      subject: `سفارش ${d.orderId} آمادهٔ تحویل حضوری است`,
      text: paragraphs(
        `سفارش شما در محل تحویل آماده است و می‌توانید آن را تحویل بگیرید. لطفاً هنگام مراجعه، شمارهٔ سفارش (${d.orderId}) را همراه داشته باشید.`,
        when(d.pickupAmount, (a) => `مبلغ ${a} را هنگام تحویل سفارش پرداخت می‌کنید.`),
      ),
    }),
    shipment_delivered: (d) => ({
      subject: `سفارش ${d.orderId} به دستتان رسید`,
      text: paragraphs(
        'سفارش شما تحویل داده شد. امیدواریم از خریدتان لذت ببرید!',
        'اگر مشکلی در سفارش وجود دارد، کافی است به همین پیام پاسخ دهید تا آن را برطرف کنیم.',
      ),
    }),
    shipment_lost: (d) => ({
      subject: `مرسولهٔ سفارش ${d.orderId} مفقود شده است`,
      text: paragraphs(
        `${carrierOr(d.carrier)} به ما اطلاع داده است که مرسولهٔ سفارش شما مفقود شده است. بابت این اتفاق بسیار متأسفیم.`,
        'همکاران ما به‌زودی برای ارسال دوبارهٔ سفارش یا بازگرداندن وجه با شما تماس می‌گیرند.',
      ),
    }),
    shipment_returned_to_sender: (d) => ({
      subject: `مرسولهٔ سفارش ${d.orderId} به فروشگاه بازگشت`,
      text: 'مرسولهٔ شما تحویل داده نشد و به فروشگاه بازگردانده شد. لطفاً با ما تماس بگیرید تا برای ارسال دوباره یا بازگرداندن وجه هماهنگ کنیم.',
    }),
    return_requested: (d) => ({
      subject: `درخواست مرجوعی سفارش ${d.orderId} دریافت شد`,
      text: paragraphs(
        lines(`درخواست مرجوعی کالا از سفارش ${d.orderId} را دریافت کردیم.`, when(d.reason, (r) => `علت مرجوعی: ${r}`)),
        'درخواست شما را بررسی می‌کنیم و به‌زودی نتیجه را به شما اطلاع می‌دهیم.',
      ),
    }),
    claim_opened: (d) => ({
      subject: `گزارش مشکل سفارش ${d.orderId} دریافت شد`,
      text: paragraphs(
        lines(`از اینکه مشکل سفارش ${d.orderId} را به ما اطلاع دادید سپاسگزاریم.`, when(d.reason, (r) => `مشکل: ${r}`)),
        'تیم پشتیبانی موضوع را بررسی می‌کند و به‌زودی با شما تماس می‌گیرد.',
      ),
    }),
    return_approved: (d) => ({
      subject: `درخواست مرجوعی سفارش ${d.orderId} تأیید شد`,
      text: `درخواست مرجوعی شما برای سفارش ${d.orderId} تأیید شد. مراحل بعدی را به‌زودی برایتان ارسال می‌کنیم.`,
    }),
    return_label_issued: (d) => ({
      subject: `برچسب ارسال مرجوعی سفارش ${d.orderId}`,
      text: paragraphs(
        lines('برچسب ارسال مرجوعی شما آماده است.', when(d.labelUrl, (u) => `دریافت و چاپ برچسب: ${u}`)),
        `لطفاً کالاها را با دقت بسته‌بندی کنید، برچسب را روی بسته بچسبانید و آن را به ${carrierOr(d.carrier)} تحویل دهید.`,
        when(d.trackingNumber, (t) => `کد رهگیری: ${t}`),
      ),
    }),
    return_declined: (d) => ({
      subject: `نتیجهٔ درخواست مرجوعی سفارش ${d.orderId}`,
      text: paragraphs(lines(`متأسفیم، امکان پذیرش مرجوعی سفارش ${d.orderId} وجود ندارد.`, when(d.reason, (r) => `علت: ${r}`)), reply),
    }),
    return_received: (d) => ({
      subject: `کالاهای مرجوعی سفارش ${d.orderId} دریافت شد`,
      text: 'کالاهای مرجوعی شما به دست ما رسید. پس از بررسی، ظرف چند روز نتیجه را به شما اطلاع می‌دهیم.',
    }),
    return_resolved: (d) => ({
      subject: `مرجوعی سفارش ${d.orderId} نهایی شد`,
      text: lines(
        `رسیدگی به مرجوعی سفارش ${d.orderId} به پایان رسید.`,
        when(d.resolution, (r) => `نتیجه: ${r}`),
        when(d.amount, (a) => `مبلغ: ${a}`),
      ),
    }),
    return_rejected: (d) => ({
      subject: `نتیجهٔ بررسی کالاهای مرجوعی سفارش ${d.orderId}`,
      text: paragraphs('کالاهای مرجوعی را بررسی کردیم و متأسفانه امکان پذیرش آن‌ها وجود ندارد. کالاها را دوباره برای شما ارسال می‌کنیم.', reply),
    }),
    refund_issued: (d) => ({
      subject: `بازگشت وجه سفارش ${d.orderId}`,
      text: paragraphs(
        d.amount !== null ? `مبلغ ${d.amount} بابت سفارش ${d.orderId} به شما بازگردانده شد.` : `وجه سفارش ${d.orderId} به شما بازگردانده شد.`,
        'بسته به بانک شما، ممکن است چند روز کاری طول بکشد تا این مبلغ در حسابتان نمایش داده شود.',
      ),
    }),
    refund_failed: (d) => ({
      subject: `بازگشت وجه سفارش ${d.orderId} ناموفق بود`,
      text: paragraphs(
        `درگاه پرداخت نتوانست بازگشت وجه${when(d.paymentId, (p) => ` پرداخت ${p}`)} از سفارش ${d.orderId} را انجام دهد.`,
        'لطفاً پرداخت را بررسی کنید و بازگشت وجه را دوباره انجام دهید.',
      ),
    }),
    dispute_opened: (d) => ({
      subject: `اعتراض به پرداخت سفارش ${d.orderId}`,
      text: paragraphs(
        lines(
          `بانک مشتری به پرداخت${when(d.paymentId, (p) => ` ${p}`)} از سفارش ${d.orderId} اعتراض کرده و درخواست برگشت وجه داده است.`,
          when(d.amount, (a) => `مبلغ: ${a}`),
        ),
        'لطفاً مدارک لازم را در پنل درگاه پرداخت ارائه کنید.',
      ),
    }),
    invoice_available: (d) => ({
      subject: `فاکتور سفارش ${d.orderId}`,
      text: lines(
        `فاکتور سفارش ${d.orderId}${when(d.invoiceNumber, (n) => ` به شمارهٔ ${n}`)} آماده است.`,
        when(d.invoiceUrl, (u) => `دریافت فاکتور: ${u}`),
      ),
    }),
    feedback_request: (d) => ({
      subject: 'خریدتان از ما چطور بود؟',
      text: `امیدواریم از سفارش ${d.orderId} راضی باشید. خوشحال می‌شویم نظرتان را دربارهٔ این خرید با ما در میان بگذارید؛ کافی است به همین پیام پاسخ دهید. نظر شما به ما کمک می‌کند خدماتمان را بهتر کنیم.`,
    }),
  },
  words,
} satisfies Messages;
