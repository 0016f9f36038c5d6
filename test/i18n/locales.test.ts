import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_STATUSES,
  FulfilmentStatus,
  Locale,
  MESSAGES,
  NotificationTemplate,
  PaymentStatus,
  renderNotification,
  statusLabel,
  type MessageContext,
  type Messages,
  type NotificationEffect,
  type RenderOptions,
} from '../../src/index.js';
import { SAMPLE_LINKS, sampleEffects, sampleOrder, type SampleOrder } from './sampleOrders.js';

const LOCALES = Locale.options;
const STAFF_NAMES = { en: 'Support desk', fa: 'واحد پشتیبانی', ru: 'Отдел поддержки', bn: 'সাপোর্ট ডেস্ক' } as const;
const STORES = { en: 'Leaf & Kettle', fa: 'فروشگاه برگ سبز', ru: 'Чайная лавка', bn: 'চা-ঘর' } as const;

const options = (locale: Locale): RenderOptions => ({
  storeName: STORES[locale],
  links: SAMPLE_LINKS,
  staff: { recipient: { name: STAFF_NAMES[locale], email: 'support@shop.example', phone: null }, locale },
});

const SAMPLES = Object.fromEntries(LOCALES.map((l) => [l, sampleOrder(l)])) as Record<Locale, SampleOrder>;
const rendered = (locale: Locale) =>
  sampleEffects(SAMPLES[locale]).map(({ effect, order }) => ({ effect, ...renderNotification(effect, order, options(locale)) }));

/** The text of a message without its links: URLs keep ASCII digits on purpose. */
const withoutUrls = (text: string) => text.replace(/https?:\/\/\S+/g, '');
/** …and without codes written with Latin letters (`INV-2026-0042`, `10245-P1`), which stay as they are to be copied. */
const numbersOnly = (text: string) => withoutUrls(text).replace(/\S*[A-Za-z]\S*/g, '');
const ASCII_DIGIT = /[0-9]/;
const PERSIAN_DIGIT = /[۰-۹]/;
const BENGALI_DIGIT = /[০-৯]/;
const ZWNJ = '\u200c';

/** A context with nothing known: every optional fact missing. */
const EMPTY: MessageContext = {
  storeName: 'Shop',
  orderId: 'A1',
  customerName: null,
  orderUrl: null,
  total: null,
  totals: null,
  items: [],
  shippingMethod: null,
  pickup: false,
  paymentMethod: null,
  amount: null,
  reason: null,
  resolution: null,
  carrier: null,
  trackingNumber: null,
  trackingUrl: null,
  labelUrl: null,
  actionUrl: null,
  estimatedDelivery: null,
  expectedAt: null,
  codAmount: null,
  pickupAmount: null,
  attempts: null,
  invoiceNumber: null,
  invoiceUrl: null,
  paymentId: null,
};

function snapshotOf(locale: Locale): string {
  const m = MESSAGES[locale];
  const out: string[] = [`# ${locale} (${m.dir}) — sample order ${SAMPLES[locale].spec.orderId}, ${SAMPLES[locale].spec.currency}`, ''];
  out.push('## Customer statuses', ...CUSTOMER_STATUSES.map((s) => `${s}: ${statusLabel(s, locale)}`), '');
  out.push('## Payment statuses', ...PaymentStatus.options.map((s) => `${s}: ${m.paymentStatusLabels[s]}`), '');
  out.push('## Fulfilment statuses', ...FulfilmentStatus.options.map((s) => `${s}: ${m.fulfilmentStatusLabels[s]}`), '');
  for (const r of rendered(locale)) {
    const to = [r.recipient.name, r.recipient.email, r.recipient.phone].filter((x) => x !== null).join(', ');
    out.push(`## ${r.effect.template} → ${r.effect.audience} (${to})`, `Subject: ${r.message.subject}`, '', r.message.text, '');
  }
  const shipped = rendered(locale).find((r) => r.effect.template === 'shipment_shipped');
  out.push('## HTML of shipment_shipped', shipped?.message.html ?? '', '');
  return out.join('\n');
}

describe('i18n: every label and every message exists in en, fa, ru and bn, in natural shop language', () => {
  it.each(LOCALES)('%s: snapshot of every status label and every message for the sample order', async (locale) => {
    await expect(snapshotOf(locale)).toMatchFileSnapshot(`./__snapshots__/${locale}.txt`);
  });

  it.each(LOCALES)('%s: no template returns an empty text, a placeholder or a stringified nothing, with all facts or none', (locale) => {
    const bad = /undefined|null|NaN|\[object|[{}]|\$\{/;
    for (const r of rendered(locale)) {
      expect(r.message.subject.trim(), `${r.effect.template} subject`).not.toBe('');
      expect(r.message.text.trim(), `${r.effect.template} text`).not.toBe('');
      expect(r.message.subject, `${r.effect.template} subject`).not.toMatch(bad);
      expect(withoutUrls(r.message.text), `${r.effect.template} text`).not.toMatch(bad);
      expect(r.message.text, `${r.effect.template}: no empty lines piled up`).not.toMatch(/\n{3,}/);
    }
    for (const template of NotificationTemplate.options) {
      const parts = MESSAGES[locale].templates[template](EMPTY);
      expect(parts.subject.trim(), `${template} subject with nothing known`).not.toBe('');
      expect(parts.text.trim(), `${template} text with nothing known`).not.toBe('');
      expect(`${parts.subject}\n${parts.text}`, `${template} with nothing known`).not.toMatch(bad);
      expect(parts.text, `${template} with nothing known: no dangling labels`).not.toMatch(/:\s*$/m);
    }
  });

  it.each(LOCALES)('%s: every status label is present, non-empty and distinct', (locale) => {
    const labels = CUSTOMER_STATUSES.map((s) => statusLabel(s, locale));
    expect(labels.every((l) => l.trim() !== '')).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('fa: right to left, Persian digits only (outside links), Persian script with ZWNJ where Persian needs it', () => {
    expect(MESSAGES.fa.dir).toBe('rtl');
    for (const r of rendered('fa')) {
      expect(r.message.dir).toBe('rtl');
      expect(r.message.html).toContain('<html lang="fa" dir="rtl">');
      expect(numbersOnly(r.message.subject), r.effect.template).not.toMatch(ASCII_DIGIT);
      expect(numbersOnly(r.message.text), r.effect.template).not.toMatch(ASCII_DIGIT);
      // Arabic yeh and kaf instead of the Persian letters are a sign of copy-pasted Arabic text.
      expect(r.message.text, r.effect.template).not.toMatch(/[يك]/);
      // «می» of the continuous tense is joined with a ZWNJ, never with a space or glued.
      expect(r.message.text, r.effect.template).not.toMatch(/(^|[\s(«])(ن?می) /);
    }
    const all = rendered('fa').map((r) => r.message.text).join('\n');
    expect(all).toMatch(PERSIAN_DIGIT);
    expect(all).toContain(`می${ZWNJ}شود`);
    expect(all).toContain(`آماده${ZWNJ}سازی`);
    expect(statusLabel('processing', 'fa')).toBe(`در حال آماده${ZWNJ}سازی`);
    expect(statusLabel('shipped', 'fa')).toBe('ارسال شد');
    expect(statusLabel('delivered', 'fa')).toBe('به دست مشتری رسیده');
    // Numeric codes are read: Persian digits. Codes with Latin letters are copied: kept as they are.
    const shipped = rendered('fa').find((r) => r.effect.template === 'shipment_shipped');
    expect(shipped?.message.text).toContain('کد رهگیری: ۲۸۴۱۵۰۰۰۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵');
    const invoice = rendered('fa').find((r) => r.effect.template === 'invoice_available');
    expect(invoice?.message.text).toContain('به شمارهٔ INV-2026-0042 آماده است');
  });

  it('fa: dates show the Jalali day beside the Gregorian one', () => {
    // Tuesday 24 March 2026 is 4 Farvardin 1405.
    expect(MESSAGES.fa.formatDate(new Date(2026, 2, 24, 12))).toBe(`سه${ZWNJ}شنبه ۴ فروردین ۱۴۰۵ (۲۴ مارس ۲۰۲۶)`);
    const placed = rendered('fa').find((r) => r.effect.template === 'order_placed');
    expect(placed?.message.text).toContain('زمان تقریبی تحویل: دوشنبه ۳ فروردین ۱۴۰۵ (۲۳ مارس ۲۰۲۶)');
  });

  it('bn: Bengali digits in numbers, money, dates and codes', () => {
    for (const r of rendered('bn')) {
      expect(numbersOnly(r.message.subject), r.effect.template).not.toMatch(ASCII_DIGIT);
      expect(numbersOnly(r.message.text), r.effect.template).not.toMatch(ASCII_DIGIT);
    }
    const placed = rendered('bn').find((r) => r.effect.template === 'order_placed');
    expect(placed?.message.text).toMatch(BENGALI_DIGIT);
    expect(placed?.message.text).toContain('সর্বমোট: ২,১৬০.০০৳');
    expect(MESSAGES.bn.formatDate(new Date(2026, 2, 23, 12))).toBe('সোমবার, ২৩ মার্চ ২০২৬');
  });

  it('ru: attempts agree in number — 1 попытка, 2 попытки, 5 попыток, 11 попыток, 21 попытка, 22 попытки', () => {
    const sample = SAMPLES.ru;
    const attempt = (attempts: number) => {
      const effect: NotificationEffect = {
        kind: 'notification',
        orderId: sample.spec.orderId,
        template: 'delivery_attempt_failed',
        audience: 'customer',
        subject: { machine: 'shipment', id: sample.ids.shipment },
        data: { attempts },
      };
      return renderNotification(effect, sample.inTransit).message.text;
    };
    expect(attempt(1)).toContain('(уже 1 попытка доставки)');
    expect(attempt(2)).toContain('(уже 2 попытки доставки)');
    expect(attempt(5)).toContain('(уже 5 попыток доставки)');
    expect(attempt(11)).toContain('(уже 11 попыток доставки)');
    expect(attempt(21)).toContain('(уже 21 попытка доставки)');
    expect(attempt(22)).toContain('(уже 22 попытки доставки)');
    // The other languages: English one/other; Persian and Bengali keep the noun singular after a number.
    const en = (n: number) => renderNotification({ ...effectOf(SAMPLES.en, n) }, SAMPLES.en.inTransit).message.text;
    expect(en(1)).toContain('(1 delivery attempt so far)');
    expect(en(3)).toContain('(3 delivery attempts so far)');
    expect(renderNotification(effectOf(SAMPLES.fa, 3), SAMPLES.fa.inTransit).message.text).toContain('تاکنون ۳ بار برای تحویل');
    expect(renderNotification(effectOf(SAMPLES.bn, 3), SAMPLES.bn.inTransit).message.text).toContain('(এ পর্যন্ত ৩ বার চেষ্টা করা হয়েছে)');
  });

  it('HTML escapes every interpolated text and links only web URLs', () => {
    const sample = SAMPLES.en;
    const order = {
      ...sample.inTransit,
      order: {
        ...sample.inTransit.order,
        context: {
          ...sample.inTransit.order.context,
          customer: { kind: 'guest' as const, name: '<script>alert("x")</script> & Co', email: 'eve@example.com', locale: 'en' as const },
        },
      },
    };
    const effect = effectOf(sample, 1);
    const { message } = renderNotification(effect, order, {
      storeName: 'Tea <b>House</b>',
      links: { order: () => 'javascript:alert(1)', tracking: () => 'https://track.example/?a=1&b=2' },
    });
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(message.html).toContain('Tea &lt;b&gt;House&lt;/b&gt;');
    expect(message.html).not.toContain('href="javascript:');
    expect(message.html).toContain('<a href="https://track.example/?a=1&amp;b=2" dir="ltr"');
    expect(message.text).toContain('Hello <script>alert("x")</script> & Co,');
    expect(message.html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
  });

  it('a locale missing a label or a template does not compile', () => {
    const { shipped: _shipped, ...withoutShipped } = MESSAGES.en.statusLabels;
    // @ts-expect-error — 'shipped' has no label
    const labels: Messages['statusLabels'] = withoutShipped;
    const { feedback_request: _feedback, ...withoutFeedback } = MESSAGES.ru.templates;
    // @ts-expect-error — 'feedback_request' has no template
    const templates: Messages['templates'] = withoutFeedback;
    expect(Object.keys(labels)).not.toContain('shipped');
    expect(Object.keys(templates)).not.toContain('feedback_request');
  });
});

function effectOf(sample: SampleOrder, attempts: number): NotificationEffect {
  return {
    kind: 'notification',
    orderId: sample.spec.orderId,
    template: 'delivery_attempt_failed',
    audience: 'customer',
    subject: { machine: 'shipment', id: sample.ids.shipment },
    data: { attempts },
  };
}
