// Snippets of docs/guides/storefront-validation.md, run by test/docs/guides.test.ts.
// #region imports
import {
  Address,
  MESSAGES,
  allowedEvents,
  apply,
  can,
  customerStatus,
  statusLabel,
  type Actor,
  type AllowedEvent,
  type Locale,
  type OrderAggregate,
  type OrderEventType,
  type RejectionReason,
} from 'ordermachine';
// #endregion imports

// #region buttons
/** The buttons your order page knows how to draw, with their captions. */
const CAPTIONS: Partial<Record<OrderEventType, string>> = {
  CANCEL_ORDER: 'Cancel order',
  CONFIRM_RECEIPT: 'I have received it',
  REQUEST_RETURN: 'Return items',
  OPEN_CLAIM: 'Report a problem',
  REQUEST_INVOICE: 'Get an invoice',
};

/** Only the buttons that will work for this shopper now; each knows the order, payment, parcel or return it is for. */
export function buttonsFor(order: OrderAggregate, shopper: Actor, now: Date): (AllowedEvent & { caption: string })[] {
  return allowedEvents(order, shopper, { now }).flatMap((allowed) => {
    const caption = CAPTIONS[allowed.type];
    return caption === undefined ? [] : [{ ...allowed, caption }];
  });
}
// #endregion buttons

// #region can
/** A return form: enable "Send" only for a request the order will accept (quantities, return window, returnable lines). */
export function canReturn(order: OrderAggregate, shopper: Actor, lineId: string, quantity: number, now: Date): boolean {
  return can(order, { type: 'REQUEST_RETURN', lines: [{ lineId, quantity }], reason: 'changed_mind' }, { actor: shopper, now });
}
// #endregion can

// #region form
/** Field errors of an address form, keyed by field, from the same schema the order checks. */
export function addressErrors(form: Record<string, string>): Record<string, string> {
  const filled = Object.fromEntries(Object.entries(form).filter(([, value]) => value.trim() !== ''));
  const parsed = Address.safeParse(filled);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}
// #endregion form

// #region refusal
/** What to tell the shopper when the server (or a preview in the browser) refuses an event. */
const SAY: Partial<Record<RejectionReason, string>> = {
  ALREADY_PACKED: 'Your parcel is already packed, so the order can no longer be cancelled. You can return it once it arrives.',
  RETURN_WINDOW_CLOSED: 'The return period for this order has ended.',
  QUANTITY_EXCEEDS_DELIVERED: 'You cannot return more than you received.',
};

/** Runs the event in the browser with the same rules as the server: a message for the shopper, or null if it would pass. */
export function preview(order: OrderAggregate, event: unknown, shopper: Actor, now: Date): string | null {
  const result = apply(order, event, { actor: shopper, now });
  if (result.ok) return null;
  const { error } = result;
  if (error.code === 'INVALID') return `Please check ${error.issues.map((issue) => issue.path).join(', ')}.`;
  return SAY[error.reason] ?? 'This is not possible right now.';
}
// #endregion refusal

// #region badge
/** The status badge in the shopper's language, and the text direction for the page around it. */
export function badge(order: OrderAggregate): { text: string; dir: 'ltr' | 'rtl' } {
  const locale: Locale = order.order.context.customer?.locale ?? 'en';
  return { text: statusLabel(customerStatus(order), locale), dir: MESSAGES[locale].dir };
}
// #endregion badge
