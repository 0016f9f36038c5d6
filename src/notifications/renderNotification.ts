import { match } from 'ts-pattern';
import { MESSAGES } from '../i18n/locales.js';
import type { MessageContext, Messages } from '../i18n/Messages.js';
import { pluralize } from '../i18n/text.js';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { pendingPaymentsOf } from '../lifecycle/deriveStatuses.js';
import type { NotificationEffect } from '../model/effects.js';
import type { Locale } from '../model/locale.js';
import type { PaymentMethod } from '../model/methods.js';
import { formatMoney, type Money } from '../model/money.js';
import type { Recipient, RenderedMessage } from '../ports/Notifier.js';
import { weekendSet, type Weekday } from '../model/addWorkingDays.js';
import { calendarDayIn } from './calendarDayIn.js';
import { estimateDelivery } from './estimateDelivery.js';

/** How {@link renderNotification} renders: the language, the shop's name, the staff inbox and links into the host's site. */
export interface RenderOptions {
  /** Render in this language instead of the customer's (or the staff's). */
  readonly locale?: Locale;
  /** The render time; the estimated delivery is counted from it when the order has neither a confirmation nor a placement time. */
  readonly now?: Date;
  /** The IANA time zone whose calendar days the message shows (e.g. `Asia/Tehran`); default: the process time zone. */
  readonly timeZone?: string;
  /** Days nobody delivers, for the estimated delivery date (default Saturday and Sunday; Iran: `[5]`). */
  readonly weekendDays?: readonly Weekday[];
  /** Signs customer messages; without it the locale's neutral "Customer Service" signs them. */
  readonly storeName?: string;
  /**
   * Where staff messages (order on hold, refund failed, dispute opened) go, and in which language
   * (default `en`). Without it a staff message is rendered for a recipient with no address
   * (`{ name: null, email: null, phone: null }`): the shipped e-mail, SMS, console and memory
   * channels refuse it with `NO_RECIPIENT`, and the outbox relay dead-letters it instead of
   * counting it as delivered.
   */
  readonly staff?: { readonly recipient: Recipient; readonly locale?: Locale };
  /** Links into the host's site; messages show a link only when its builder is given. */
  readonly links?: {
    /** The customer's page of an order. */
    order?(orderId: string): string;
    /** The carrier's tracking page of a parcel (`carrier` is `''` when the shipment names none). */
    tracking?(carrier: string, trackingNumber: string): string;
  };
}

const NOBODY: Recipient = Object.freeze({ name: null, email: null, phone: null });

/**
 * Renders a notification effect for its recipient: picks the recipient (the order's customer, or
 * `options.staff` for staff messages) and the language (the customer's locale, default `en`, or
 * `options.locale`), gathers the facts the message needs from the effect and the order (totals and
 * lines, the shipment's carrier and tracking number, the cash-on-delivery amount to have ready, the
 * estimated delivery date…), formats them for the language, fills in the language's template and
 * builds a plain-text body and a small HTML document (`<html lang dir>`, every interpolated text
 * escaped, only `http(s)` links made clickable). A staff message without `options.staff`, or a
 * customer message for an order without a customer, gets a recipient with no address, which the
 * shipped e-mail, SMS, console and memory channels refuse (`NO_RECIPIENT`).
 *
 * @param effect - the notification, as `apply` returned it or as read back from the outbox
 * @param order - the order the effect belongs to (the one `apply` returned with it, or as stored)
 * @param options - language override, store name, staff inbox, link builders, render time, time zone
 * @returns where the message goes and the message itself
 * @throws OrderMachineError `INVALID_OPTION` when `options.timeZone` is not a known IANA time zone or
 *   `options.weekendDays` is not a valid weekend
 * @example
 * ```ts
 * import { renderNotification, type NotificationEffect, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * declare const effect: NotificationEffect; // e.g. shipment_shipped
 * const { recipient, message } = renderNotification(effect, order, {
 *   storeName: 'Saffron House',
 *   staff: { recipient: { name: 'Support', email: 'support@saffron.example', phone: null } },
 *   links: {
 *     order: (id) => `https://saffron.example/account/orders/${encodeURIComponent(id)}`,
 *     tracking: (_carrier, number) => `https://tracking.example/${encodeURIComponent(number)}`,
 *   },
 * });
 * if (recipient.email !== null) console.log(recipient.email, message.subject, message.dir);
 * ```
 */
export function renderNotification(
  effect: NotificationEffect,
  order: OrderAggregate,
  options: RenderOptions = {},
): { recipient: Recipient; message: RenderedMessage } {
  calendarDayIn(new Date(0), options.timeZone); // an unknown zone or a bad weekend fails before anything is rendered
  if (options.weekendDays !== undefined) weekendSet(options.weekendDays);
  const customer = order.order.context.customer;
  const toCustomer = effect.audience === 'customer';
  const locale: Locale = options.locale ?? (toCustomer ? (customer?.locale ?? 'en') : (options.staff?.locale ?? 'en'));
  const recipient: Recipient = toCustomer
    ? { name: customer?.name ?? null, email: customer?.email ?? null, phone: customer?.phone ?? null }
    : (options.staff?.recipient ?? NOBODY);
  const messages = MESSAGES[locale];
  const context = messageContext(effect, order, messages, options);
  const parts = messages.templates[effect.template](context);
  const w = messages.words;

  // Customers get a greeting and a signature; staff get the facts.
  const greeting = toCustomer ? w.greeting(context.customerName) : null;
  const signOff = toCustomer ? w.signOff(context.storeName) : null;
  // The order link is the customer's page of the order: staff messages do without it.
  const orderUrl = toCustomer ? context.orderUrl : null;
  const orderLink = orderUrl !== null ? `${w.viewOrder}: ${orderUrl}` : null;
  const text = [greeting, parts.text, orderLink, signOff].filter((p): p is string => p !== null && p !== '').join('\n\n');

  const message: RenderedMessage = {
    locale,
    dir: messages.dir,
    subject: parts.subject,
    text,
    html: htmlDocument({ messages, subject: parts.subject, greeting, body: parts.text, orderUrl, signOff, context }),
  };
  return { recipient, message };
}

// ── the facts ────────────────────────────────────────────────────────────────────────────────

/** The label of an enum value in a table of translations; a value the table does not know (free text) stays as it is. */
function translate<K extends string>(table: Readonly<Record<K, string>>, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return Object.hasOwn(table, value) ? table[value as K] : value;
}

const dateOf = (iso: string | null | undefined): Date | null => {
  if (iso === null || iso === undefined) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** What is still to be paid by a payment method: pending payments of that method, less anything already captured. */
function dueBy(order: OrderAggregate, method: PaymentMethod): Money | null {
  const pending = pendingPaymentsOf(order, method);
  const first = pending[0];
  if (first === undefined) return null;
  const amount = pending.reduce((sum, p) => sum + Math.max(0, p.context.amount.amount - p.context.captured), 0);
  return amount > 0 ? { amount, currency: first.context.amount.currency } : null;
}

function messageContext(effect: NotificationEffect, order: OrderAggregate, m: Messages, options: RenderOptions): MessageContext {
  const ctx = order.order.context;
  const data = effect.data;
  const { machine, id } = effect.subject;
  const payment = machine === 'payment' ? order.payments.find((p) => p.id === id) : undefined;
  const shipment = machine === 'shipment' ? order.shipments.find((s) => s.id === id) : undefined;
  const returnCase = machine === 'return' ? order.returns.find((r) => r.id === id) : undefined;

  const money = (value: Money | null | undefined) => (value === null || value === undefined ? null : formatMoney(value, m.intlLocale));
  const number = (value: number) => new Intl.NumberFormat(m.intlLocale).format(value);
  const date = (value: Date | null) => (value === null ? null : m.formatDate(calendarDayIn(value, options.timeZone)));
  const code = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? null : m.digits(value));

  const carrier = data.carrier ?? shipment?.context.carrier ?? shipment?.context.label?.carrier ?? returnCase?.context.label?.carrier ?? null;
  const trackingNumber =
    data.trackingNumber ??
    shipment?.context.trackingNumber ??
    shipment?.context.label?.trackingNumber ??
    returnCase?.context.label?.trackingNumber ??
    returnCase?.context.trackingNumber ??
    null;
  const trackingUrl = trackingNumber !== null && options.links?.tracking ? options.links.tracking(carrier ?? '', trackingNumber) : null;

  // Which table a reason comes from depends on the message: exhaustive, so a new template has to say.
  const reason = match(effect.template)
    .returnType<string | null>()
    .with('order_canceled', () => translate(m.reasons.cancel, data.reason ?? ctx.cancellation?.reason))
    .with('order_on_hold', () => translate(m.reasons.hold, data.reason ?? ctx.hold?.reason))
    .with('order_delayed', () => translate(m.reasons.delay, data.reason))
    .with('return_requested', () => translate(m.reasons.return, data.reason ?? returnCase?.context.reason))
    .with('claim_opened', () => translate(m.reasons.claim, data.reason ?? returnCase?.context.claimKind))
    // A provider's failure code is shown as it is (in the locale's digits), never guessed at.
    .with('payment_failed', () => code(data.reason ?? payment?.context.failure?.code))
    .with('payment_authorization_expired', () => null)
    // Written by staff for the customer: shown as written.
    .with('return_declined', () => data.reason ?? returnCase?.context.declineReason ?? null)
    .with(
      'cart_reminder',
      'order_placed',
      'bank_transfer_instructions',
      'payment_reminder',
      'payment_action_required',
      'order_confirmed',
      'payment_received',
      'order_expired',
      'order_backordered',
      'shipment_shipped',
      'shipment_out_for_delivery',
      'delivery_attempt_failed',
      'ready_for_pickup',
      'shipment_delivered',
      'shipment_lost',
      'shipment_returned_to_sender',
      'return_approved',
      'return_label_issued',
      'return_received',
      'return_resolved',
      'return_rejected',
      'refund_issued',
      'refund_failed',
      'dispute_opened',
      'invoice_available',
      'feedback_request',
      () => data.reason ?? null,
    )
    .exhaustive();

  // The promise of a date: from the order for the confirmation messages, from the hand-over once the parcel has left.
  const weekendDays = options.weekendDays;
  const eta = match(effect.template)
    .returnType<Date | null>()
    .with('order_placed', 'order_confirmed', () => estimateDelivery(order, { weekendDays }) ?? (options.now ? estimateDelivery(order, { from: options.now, weekendDays }) : null))
    .with('shipment_shipped', () => {
      const from = dateOf(shipment?.context.shippedAt) ?? options.now;
      return estimateDelivery(order, from !== undefined ? { from, weekendDays } : { weekendDays });
    })
    .with(
      'cart_reminder',
      'bank_transfer_instructions',
      'payment_reminder',
      'payment_action_required',
      'payment_received',
      'payment_failed',
      'payment_authorization_expired',
      'order_canceled',
      'order_expired',
      'order_backordered',
      'order_delayed',
      'order_on_hold',
      'shipment_out_for_delivery',
      'delivery_attempt_failed',
      'ready_for_pickup',
      'shipment_delivered',
      'shipment_lost',
      'shipment_returned_to_sender',
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
      () => null,
    )
    .exhaustive();

  const expectedAt =
    dateOf(data.expectedAt) ??
    (effect.template === 'order_backordered' ? dateOf(ctx.backorder?.expectedAt) : null) ??
    (effect.template === 'order_delayed' ? dateOf(shipment?.context.backorderExpectedAt) : null);

  const disputed =
    effect.template === 'dispute_opened' && payment !== undefined && payment.context.disputed > 0
      ? { amount: payment.context.disputed, currency: payment.context.amount.currency }
      : null;

  const attempts = data.attempts ?? (effect.template === 'delivery_attempt_failed' ? shipment?.context.attempts : undefined);
  const totals = ctx.totals;
  const customerName = ctx.customer?.name ?? ctx.billingAddress?.name ?? null;

  return {
    storeName: options.storeName ?? m.words.defaultStoreName,
    orderId: m.digits(order.id),
    customerName,
    orderUrl: options.links?.order ? options.links.order(order.id) : null,
    total: money(totals?.total),
    totals:
      totals === null
        ? null
        : {
            subtotal: formatMoney(totals.subtotal, m.intlLocale),
            shipping: formatMoney(totals.shipping, m.intlLocale),
            tax: totals.tax.amount > 0 ? formatMoney(totals.tax, m.intlLocale) : null,
            discount: totals.discount.amount > 0 ? formatMoney(totals.discount, m.intlLocale) : null,
            total: formatMoney(totals.total, m.intlLocale),
          },
    items: ctx.items.map((item) => ({
      name: item.name,
      quantity: number(item.quantity),
      unitPrice: formatMoney(item.unitPrice, m.intlLocale),
      lineTotal: formatMoney({ amount: item.unitPrice.amount * item.quantity, currency: item.unitPrice.currency }, m.intlLocale),
    })),
    shippingMethod: ctx.shippingMethod === null ? null : m.shippingMethods[ctx.shippingMethod],
    pickup: ctx.shippingMethod === 'pickup',
    paymentMethod: ctx.paymentMethod === null ? null : m.paymentMethods[ctx.paymentMethod],
    amount: money(data.amount ?? disputed),
    reason,
    resolution: translate(m.resolutions, data.resolution ?? returnCase?.context.resolution?.kind),
    carrier,
    trackingNumber: code(trackingNumber),
    trackingUrl,
    labelUrl: data.labelUrl ?? returnCase?.context.label?.labelUrl ?? null,
    actionUrl: effect.template === 'payment_action_required' ? (payment?.context.actionUrl ?? data.url ?? null) : null,
    estimatedDelivery: date(eta),
    expectedAt: date(expectedAt),
    codAmount: money(dueBy(order, 'cash_on_delivery')),
    pickupAmount: money(dueBy(order, 'pay_on_pickup')),
    attempts: attempts !== undefined && attempts > 0 ? pluralize(m.intlLocale, m.attempts, attempts) : null,
    invoiceNumber: code(data.invoiceNumber ?? ctx.invoice?.number ?? shipment?.context.invoiceNumber),
    invoiceUrl: effect.template === 'invoice_available' ? (data.url ?? ctx.invoice?.url ?? null) : (ctx.invoice?.url ?? null),
    paymentId: payment !== undefined ? m.digits(payment.id) : null,
  };
}

// ── HTML ─────────────────────────────────────────────────────────────────────────────────────

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** Only web links become anchors: a `javascript:` or `data:` URL from a host or a provider stays inert text. */
const isWebUrl = (url: string) => /^https?:\/\/[^\s<>"']+$/i.test(url);

/** One line of text as HTML: escaped, with the known links made clickable (left to right inside right-to-left text). */
function lineHtml(line: string, urls: readonly string[]): string {
  let html = '';
  let rest = line;
  for (;;) {
    let at = -1;
    let url = '';
    for (const candidate of urls) {
      const i = rest.indexOf(candidate);
      if (i !== -1 && (at === -1 || i < at || (i === at && candidate.length > url.length))) {
        at = i;
        url = candidate;
      }
    }
    if (at === -1) return html + escapeHtml(rest);
    const href = escapeHtml(url);
    html += `${escapeHtml(rest.slice(0, at))}<a href="${href}" dir="ltr" style="color:#1a56db">${href}</a>`;
    rest = rest.slice(at + url.length);
  }
}

function htmlDocument(input: {
  messages: Messages;
  subject: string;
  greeting: string | null;
  body: string;
  orderUrl: string | null;
  signOff: string | null;
  context: MessageContext;
}): string {
  const { messages: m, context: d } = input;
  const urls = [d.orderUrl, d.trackingUrl, d.labelUrl, d.actionUrl, d.invoiceUrl].filter((u): u is string => u !== null && isWebUrl(u));
  const paragraph = (text: string) =>
    `<p style="margin:0 0 16px">${text
      .split('\n')
      .map((line) => lineHtml(line, urls))
      .join('<br>')}</p>`;
  const align = m.dir === 'rtl' ? 'right' : 'left';
  const blocks = [
    input.greeting !== null ? paragraph(input.greeting) : '',
    ...input.body.split(/\n{2,}/).filter((p) => p.trim() !== '').map(paragraph),
    input.orderUrl !== null && isWebUrl(input.orderUrl)
      ? `<p style="margin:24px 0"><a href="${escapeHtml(input.orderUrl)}" style="display:inline-block;padding:10px 18px;background:#1a56db;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(m.words.viewOrder)}</a></p>`
      : '',
    input.signOff !== null ? paragraph(input.signOff) : '',
  ].filter((b) => b !== '');
  return [
    '<!doctype html>',
    `<html lang="${m.locale}" dir="${m.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:24px;background:#f4f4f5;direction:${m.dir};text-align:${align};font-family:${escapeHtml(m.fontFamily)};font-size:15px;line-height:1.7;color:#1f2937">`,
    '<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">',
    ...blocks,
    '</div>',
    `<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#6b7280">${escapeHtml(m.words.footer(d.storeName, d.orderId))}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
}
