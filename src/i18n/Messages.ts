import type { Locale as DateFnsLocale } from 'date-fns';
import type { CustomerStatus } from '../lifecycle/customerStatus.js';
import type { NotificationTemplate } from '../model/effects.js';
import type { CancelReason, ClaimKind, DelayReason, HoldReason, ReturnReason, ReturnResolution } from '../model/events.js';
import type { Locale } from '../model/locale.js';
import type { PaymentMethod, ShippingMethod } from '../model/methods.js';
import type { FulfilmentStatus, PaymentStatus } from '../model/statuses.js';

/** One order line as a message shows it: every number already formatted in the message's language. */
export interface MessageItem {
  readonly name: string;
  /** The quantity in the locale's digits. */
  readonly quantity: string;
  readonly unitPrice: string;
  /** Quantity × unit price. */
  readonly lineTotal: string;
}

/** The money summary of an order as a message shows it; tax and discount are `null` when zero. */
export interface MessageTotals {
  readonly subtotal: string;
  readonly shipping: string;
  readonly tax: string | null;
  readonly discount: string | null;
  readonly total: string;
}

/**
 * Everything a template may use, already formatted for the message's language: numbers and money
 * in the locale's digits, dates in its calendar, enum reasons translated. A fact the effect or the
 * order does not have is `null` (or empty), never a placeholder, so a template decides what to
 * leave out.
 *
 * @example
 * ```ts
 * import type { MessageContext, MessageParts } from 'ordermachine';
 * // A host's own wording for one message, reusing the facts already formatted for the language.
 * const shipped = (d: MessageContext): MessageParts => ({
 *   subject: `Order ${d.orderId} is on its way`,
 *   text: d.trackingUrl !== null ? `Follow your parcel: ${d.trackingUrl}` : 'Your parcel has left our warehouse.',
 * });
 * ```
 */
export interface MessageContext {
  /** The shop's name, or the locale's neutral sign-off name ("Customer Service") when none was given. */
  readonly storeName: string;
  /** The order id; a numeric one in the locale's digits (display only: links keep the original). */
  readonly orderId: string;
  /** The customer's name, or `null` for a neutral greeting. */
  readonly customerName: string | null;
  /** A link to the order in the shop, when the host gave a link builder. */
  readonly orderUrl: string | null;
  /** The order total. */
  readonly total: string | null;
  readonly totals: MessageTotals | null;
  readonly items: readonly MessageItem[];
  /** The shipping method, translated. */
  readonly shippingMethod: string | null;
  /** True when the customer collects the order at a pickup point. */
  readonly pickup: boolean;
  /** The payment method, translated. */
  readonly paymentMethod: string | null;
  /** The amount the effect is about (payment received, refund issued, bank transfer due…). */
  readonly amount: string | null;
  /** Why: a cancel, hold, delay or return reason or a claim kind translated; a payment failure code or a staff note as it is. */
  readonly reason: string | null;
  /** How a return or claim was settled, translated. */
  readonly resolution: string | null;
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
  readonly trackingUrl: string | null;
  /** The return label to print. */
  readonly labelUrl: string | null;
  /** Where the customer finishes a payment that needs their action (3-D Secure, bank app). */
  readonly actionUrl: string | null;
  /** The estimated delivery date (or the day a pickup order should be ready). */
  readonly estimatedDelivery: string | null;
  /** A date the effect announces: stock expected back, a delayed order's new estimate. */
  readonly expectedAt: string | null;
  /** Cash to have ready for the courier: the pending cash-on-delivery amount. */
  readonly codAmount: string | null;
  /** Money to pay when collecting at the pickup point. */
  readonly pickupAmount: string | null;
  /** Failed delivery attempts with their noun in the right plural form ("2 delivery attempts", «5 попыток доставки»). */
  readonly attempts: string | null;
  readonly invoiceNumber: string | null;
  readonly invoiceUrl: string | null;
  /** The payment a payment message is about (staff messages name it). */
  readonly paymentId: string | null;
}

/** What a template returns: a subject line and the body (the renderer adds the greeting and sign-off). */
export interface MessageParts {
  readonly subject: string;
  readonly text: string;
}

/** A message template of one language. */
export type MessageTemplate = (d: MessageContext) => MessageParts;

/**
 * Plural forms of a counted phrase, keyed by CLDR plural category (`Intl.PluralRules` of the
 * locale picks one); each gets the count already formatted. `other` is required, and a locale
 * spells out every category its language uses (Russian: one, few, many).
 */
export type PluralForms = { readonly other: (count: string) => string } & {
  readonly [rule in Exclude<Intl.LDMLPluralRule, 'other'>]?: (count: string) => string;
};

/** The words around a message: greeting, sign-off, links, totals, the HTML footer. */
export interface MessageWords {
  /** "Hello Sara," or, without a name, a neutral greeting. */
  readonly greeting: (name: string | null) => string;
  /** The closing lines, signed with the store name. */
  readonly signOff: (storeName: string) => string;
  /** Signs messages when the host gave no store name. */
  readonly defaultStoreName: string;
  /** The line before a link to the order ("View your order"). */
  readonly viewOrder: string;
  /** Heading of the order lines. */
  readonly itemsHeading: string;
  readonly subtotal: string;
  readonly shipping: string;
  readonly tax: string;
  readonly discount: string;
  readonly total: string;
  /** The small print under an HTML message. */
  readonly footer: (storeName: string, orderId: string) => string;
}

/**
 * Everything one language needs: labels for every status, a subject and text for every message,
 * and the words around them. Each locale module declares its object with `satisfies Messages`, and
 * every table here is a `Record` over a closed union, so a status, template or reason added to the
 * library fails to compile until every language has its translation.
 *
 * @example
 * ```ts
 * import { MESSAGES, type Messages } from 'ordermachine';
 * const fa: Messages = MESSAGES.fa;
 * fa.dir; // 'rtl'
 * fa.statusLabels.shipped; // 'ارسال شد'
 * ```
 */
export interface Messages {
  readonly locale: Locale;
  /** The BCP 47 tag handed to `Intl` (number, money and plural formatting): `en-US`, `fa-IR`, `ru-RU`, `bn-BD`. */
  readonly intlLocale: string;
  readonly dir: 'ltr' | 'rtl';
  /** The date-fns locale (plain data) used for dates. */
  readonly dateLocale: DateFnsLocale;
  /** A day as customers of this language write it (Persian: Jalali beside Gregorian). */
  readonly formatDate: (date: Date) => string;
  /**
   * Writes a numeric code (order number, postal tracking number) in the locale's digits; a code with
   * Latin letters stays as it is, since people copy it into other sites. Identity for `en` and `ru`.
   */
  readonly digits: (text: string) => string;
  /** `font-family` of the HTML message. */
  readonly fontFamily: string;
  readonly statusLabels: Readonly<Record<CustomerStatus, string>>;
  readonly paymentStatusLabels: Readonly<Record<PaymentStatus, string>>;
  readonly fulfilmentStatusLabels: Readonly<Record<FulfilmentStatus, string>>;
  readonly shippingMethods: Readonly<Record<ShippingMethod, string>>;
  readonly paymentMethods: Readonly<Record<PaymentMethod, string>>;
  readonly reasons: {
    readonly cancel: Readonly<Record<CancelReason, string>>;
    readonly hold: Readonly<Record<HoldReason, string>>;
    readonly delay: Readonly<Record<DelayReason, string>>;
    readonly return: Readonly<Record<ReturnReason, string>>;
    readonly claim: Readonly<Record<ClaimKind, string>>;
  };
  readonly resolutions: Readonly<Record<ReturnResolution, string>>;
  /** "N delivery attempts" in the language's plural forms. */
  readonly attempts: PluralForms;
  readonly templates: Readonly<Record<NotificationTemplate, MessageTemplate>>;
  readonly words: MessageWords;
}
