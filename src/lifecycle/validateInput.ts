import type * as z from 'zod';
import { Actor } from '../model/actor.js';
import type { CurrencyCode } from '../model/currencies.js';
import { OrderEvent } from '../model/events.js';
import { computeTotals } from '../model/totals.js';
import type { OrderAggregate } from './aggregate.js';
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from './policy.js';
import { toIso } from './toIso.js';
import type { ApplyContext, InvalidInput, ValidationIssue } from './results.js';

/** An input that passed validation. */
export interface ValidInput {
  readonly ok: true;
  readonly event: OrderEvent;
  readonly actor: Actor;
  readonly at: string;
  /** The decision time as a Date (a copy: the caller's Date is never handed on). */
  readonly now: Date;
  readonly policy: LifecyclePolicy;
}

/** Issues with their dotted paths under `prefix` (`actor` + `kind` → `actor.kind`; the prefix alone when the whole value is wrong). */
const issuesOf = (error: z.ZodError, prefix?: string): ValidationIssue[] =>
  error.issues.map((i) => ({ path: [...(prefix === undefined ? [] : [prefix]), ...i.path.map(String)].join('.'), message: i.message, code: i.code }));

/**
 * Builds an `INVALID` error.
 *
 * @param event - the event type, if known
 * @param issues - what is wrong, field by field
 * @example
 * ```ts
 * // Not public: callers meet these errors in what `apply`, `can` and `createOrder` return.
 * import { apply, type InvalidInput, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const result = apply(order, { type: 'ADD_ITEM', item: { lineId: 'l1' } }, { actor: { kind: 'customer', id: 'c1' }, now: new Date() });
 * if (!result.ok && result.error.code === 'INVALID') {
 *   const error: InvalidInput = result.error;
 *   console.log(error.message); // 'ADD_ITEM is invalid — item.sku: Invalid input: expected string, received undefined'
 * }
 * ```
 * @internal
 */
export function invalid(event: string | null, issues: readonly ValidationIssue[]): InvalidInput {
  const first = issues[0];
  const where = first ? `${first.path || '(event)'}: ${first.message}` : 'invalid input';
  return { code: 'INVALID', message: `${event ?? 'input'} is invalid — ${where}`, event, issues };
}

/** The number written by `count` ASCII digits of `text` from `from`, or -1 if one is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * The instant `text` names when it is exactly what `toISOString` prints for it
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, every field in range, nothing normalised), else `null`. Read
 * character by character: the common case then skips both the date parser and the formatting.
 */
function canonicalDate(text: string): Date | null {
  const separators = text.length === 24 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84;
  if (!separators || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 || text.charCodeAt(23) !== 90) return null;
  const [y, mo, d, h, mi, s, ms] = [digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2), digitsAt(text, 11, 2), digitsAt(text, 14, 2), digitsAt(text, 17, 2), digitsAt(text, 20, 3)];
  // Date.UTC reads years below 100 as 19xx: those are left to the parser and toISOString.
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0) return null;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // A day past the month's end (Feb 30) was carried into the next month: not canonical.
  return date.getUTCDate() === d ? date : null;
}

/** The decision's time, and its ISO text when `now` was given in exactly that form. */
function decisionTime(now: unknown): { readonly date: Date; readonly text: string | null } | null {
  if (typeof now === 'string') {
    const canonical = canonicalDate(now);
    if (canonical !== null) return { date: canonical, text: now };
  }
  const date = now instanceof Date ? now : typeof now === 'string' ? new Date(now) : null;
  return date !== null && !Number.isNaN(date.getTime()) ? { date, text: null } : null;
}

/** Every `{ amount, currency }` inside a parsed event must be in the order's currency (found depth first, in key order). */
function currencyIssues(value: unknown, currency: CurrencyCode, path: string[] = [], out: ValidationIssue[] = []): ValidationIssue[] {
  if (typeof value !== 'object' || value === null) return out;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue;
      path.push(String(i));
      currencyIssues(value[i], currency, path, out);
      path.pop();
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.amount === 'number' && typeof record.currency === 'string') {
    if (record.currency !== currency) {
      out.push({ path: [...path, 'currency'].join('.'), message: `currency ${record.currency} differs from the order currency ${currency}`, code: 'currency_mismatch' });
    }
    return out;
  }
  for (const key of Object.keys(record)) {
    path.push(key);
    currencyIssues(record[key], currency, path, out);
    path.pop();
  }
  return out;
}

/**
 * PLACE_ORDER must state a total that equals lines + shipping + tax − discount, and split payments
 * must add up to it. Checked by `apply` only for an actor who may place the order now: the message
 * names the order's amounts.
 *
 * @param order - the order in checkout
 * @param event - the parsed event
 * @returns what does not add up (empty when all does, and for any other event)
 * @internal
 */
export function totalsIssues(order: OrderAggregate, event: OrderEvent): ValidationIssue[] {
  if (event.type !== 'PLACE_ORDER') return [];
  const c = order.order.context;
  const zero = { amount: 0, currency: c.currency };
  const totals = computeTotals({ items: c.items, currency: c.currency, shipping: c.shippingPrice ?? zero, tax: event.tax ?? zero, discount: event.discount ?? zero });
  if (totals === null) return [{ path: 'discount', message: 'the discount is larger than lines + shipping + tax', code: 'totals_mismatch' }];
  const issues: ValidationIssue[] = [];
  if (totals.total.amount !== event.total.amount) {
    issues.push({
      path: 'total',
      message: `total ${event.total.amount} does not equal lines ${totals.subtotal.amount} + shipping ${totals.shipping.amount} + tax ${totals.tax.amount} − discount ${totals.discount.amount} = ${totals.total.amount}`,
      code: 'totals_mismatch',
    });
  }
  if (event.payments) {
    const paid = event.payments.reduce((s, p) => s + p.amount.amount, 0);
    if (paid !== event.total.amount) issues.push({ path: 'payments', message: `payments add up to ${paid}, not the total ${event.total.amount}`, code: 'totals_mismatch' });
    event.payments.forEach((p, i) => {
      if (p.amount.amount === 0) issues.push({ path: `payments.${i}.amount.amount`, message: 'a payment must be for more than zero', code: 'too_small' });
    });
  }
  return issues;
}

/** Events whose money must be more than zero. */
function zeroAmountIssues(event: OrderEvent): ValidationIssue[] {
  if ('amount' in event && event.amount !== undefined && event.amount.amount === 0) {
    return [{ path: 'amount.amount', message: 'amount must be more than zero', code: 'too_small' }];
  }
  return [];
}

/**
 * Checks an event and its context before anything is decided: the event's shape (zod), the
 * actor, the time, and that all money is in the order's currency and more than zero where it
 * must be (a placed order's totals are checked by `apply`, see `totalsIssues`). Returns the
 * parsed event or an `INVALID` error naming each bad field.
 *
 * @param order - the aggregate the event is for
 * @param input - the raw event, as received
 * @param ctx - actor, time and policy
 * @example
 * ```ts
 * // Not public: `apply` and `can` run it first. Seen through `apply`, on an order in EUR:
 * import { apply, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const result = apply(
 *   order,
 *   { type: 'SELECT_SHIPPING_METHOD', method: 'express', price: { amount: 900, currency: 'USD' } },
 *   { actor: { kind: 'customer', id: 'c1' }, now: new Date() },
 * );
 * if (!result.ok && result.error.code === 'INVALID') console.log(result.error.issues);
 * // [{ path: 'price.currency', message: 'currency USD differs from the order currency EUR', code: 'currency_mismatch' }]
 * ```
 * @internal
 */
export function validateInput(order: OrderAggregate, input: unknown, ctx: ApplyContext): ValidInput | { ok: false; error: InvalidInput } {
  const type = typeof input === 'object' && input !== null && typeof (input as { type?: unknown }).type === 'string' ? (input as { type: string }).type : null;
  const fail = (issues: ValidationIssue[]) => ({ ok: false as const, error: invalid(type, issues) });

  const actor = Actor.safeParse((ctx as Partial<ApplyContext> | undefined)?.actor);
  if (!actor.success) return fail(issuesOf(actor.error, 'actor'));
  const time = decisionTime((ctx as Partial<ApplyContext>).now);
  if (time === null) return fail([{ path: 'now', message: 'now must be a valid Date or ISO 8601 string', code: 'invalid_date' }]);
  const date = time.date;

  const parsed = OrderEvent.safeParse(input);
  if (!parsed.success) return fail(issuesOf(parsed.error));
  const event = parsed.data;
  const issues = [...currencyIssues(event, order.order.context.currency), ...zeroAmountIssues(event)];
  if (issues.length > 0) return fail(issues);
  const at = time.text ?? toIso(date);
  // A Date subclass formats itself: its time is then read back from what it printed.
  const now = Object.getPrototypeOf(date) === Date.prototype ? new Date(date.getTime()) : new Date(at);
  return { ok: true, event, actor: actor.data, at, now, policy: { ...DEFAULT_LIFECYCLE_POLICY, ...ctx.policy } };
}
