/**
 * Small text helpers shared by the locale modules: digit shaping and joining optional parts
 * without leaving empty lines behind.
 *
 * @module
 * @internal
 */
import type { MessageContext, MessageWords, PluralForms } from './Messages.js';

/** A part of a message that may be left out (`null`, `undefined`, `false` or `''`). */
export type Part = string | null | undefined | false;

/** Rewrites ASCII digits with the ten digits of a script, given its zero (`'۰'`, `'০'`). */
export function shapeDigits(text: string, zero: string): string {
  const base = zero.charCodeAt(0);
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(base + d.charCodeAt(0) - 48));
}

/**
 * The digits of a numeric code (order number, postal tracking number) in a script's digits. A code
 * with Latin letters (`1Z999AA1…`, `INV-2026-0042`) is an identifier people copy into a carrier's
 * or a bank's site, not a number: it stays exactly as it is.
 */
export function shapeCode(code: string, zero: string): string {
  return /[A-Za-z]/.test(code) ? code : shapeDigits(code, zero);
}

/** Joins the parts that are present with line breaks. */
export function lines(...parts: readonly Part[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}

/** Joins the parts that are present as paragraphs (a blank line between them). */
export function paragraphs(...parts: readonly Part[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');
}

/** `text` when `value` is present, else nothing: `when(d.carrier, (c) => ` with ${c}`)`. */
export function when<T>(value: T | null | undefined, text: (value: T) => string): string {
  return value === null || value === undefined ? '' : text(value);
}

/** The order lines, one bullet each: `• Green tea × 2 — $9.00`. */
export function itemLines(d: MessageContext): string {
  return lines(...d.items.map((i) => `• ${i.name} × ${i.quantity} — ${i.lineTotal}`));
}

/** The order lines under a heading, then the totals (tax and discount only when there are any). */
export function orderSummary(d: MessageContext, w: MessageWords): string {
  const t = d.totals;
  return paragraphs(
    d.items.length > 0 && lines(w.itemsHeading, itemLines(d)),
    t !== null &&
      lines(
        `${w.subtotal}: ${t.subtotal}`,
        `${w.shipping}: ${t.shipping}`,
        t.tax !== null && `${w.tax}: ${t.tax}`,
        t.discount !== null && `${w.discount}: ${t.discount}`,
        `${w.total}: ${t.total}`,
      ),
  );
}

/** Picks the plural form for `count` with `Intl.PluralRules` and formats the count with `Intl.NumberFormat`. */
export function pluralize(intlLocale: string, forms: PluralForms, count: number): string {
  const rule = new Intl.PluralRules(intlLocale).select(count);
  const form = rule === 'other' ? forms.other : (forms[rule] ?? forms.other);
  return form(new Intl.NumberFormat(intlLocale, { useGrouping: false }).format(count));
}

/** A sentence that introduces the order lines: followed by them after a colon, or closed with `stop` when there are none. */
export function withItems(d: MessageContext, sentence: string, stop: string): string {
  return d.items.length > 0 ? `${sentence}:\n${itemLines(d)}` : `${sentence}${stop}`;
}
