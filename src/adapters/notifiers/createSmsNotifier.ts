import { noRecipient } from '../../notifications/noRecipient.js';
import type { NotificationDelivery, Notifier } from '../../ports/Notifier.js';

/**
 * How a text travels as SMS: its encoding, its length in that encoding, and how many messages
 * (segments) a phone receives.
 *
 * @example
 * ```ts
 * import { smsSegments, type SmsSegments } from 'ordermachine';
 *
 * const info: SmsSegments = smsSegments('Сумма к оплате: 4 999 ₽');
 * console.log(`${info.encoding}: ${info.length} units in ${info.segments} SMS`);
 * ```
 */
export interface SmsSegments {
  /**
   * `GSM-7` when every character is in the GSM 03.38 default alphabet or its extension table,
   * `UCS-2` otherwise (Persian, Russian, Bengali, emoji, curly quotes, `…`).
   */
  readonly encoding: 'GSM-7' | 'UCS-2';
  /**
   * Length in the encoding's units: septets for GSM-7 (extension characters such as `€` and `[`
   * count two), UTF-16 code units for UCS-2 (characters outside the BMP, like most emoji, count two).
   */
  readonly length: number;
  /**
   * Messages needed: one up to 160 septets / 70 code units, otherwise concatenated segments of
   * 153 / 67 (the rest of each carries the reassembly header). An empty text counts as one.
   */
  readonly segments: number;
}

/**
 * Options for {@link createSmsNotifier}.
 *
 * @example
 * ```ts
 * import { createSmsNotifier, type SmsNotifierOptions } from 'ordermachine';
 *
 * declare const gateway: { message(to: string, body: string): Promise<{ id: string }> };
 * const options: SmsNotifierOptions = {
 *   send: async (to, text) => {
 *     await gateway.message(to, text);
 *   },
 *   maxSegments: 2,
 * };
 * const sms = createSmsNotifier(options);
 * ```
 */
export interface SmsNotifierOptions {
  /**
   * Hands one text to the host's SMS gateway. Resolve when the gateway accepted it; reject when it
   * did not (the outbox relay then retries). `to` is the recipient's E.164 number. The third
   * argument carries the delivery's `dedupeKey`, the same on every retry: pass it to a gateway
   * that takes an idempotency key, so a redelivered message is not texted twice.
   */
  send: (to: string, text: string, context: { readonly dedupeKey: string }) => Promise<void>;
  /**
   * The most segments one message may cost. A longer text is shortened at a word boundary and
   * ends in an ellipsis. Defaults to 3; must be a whole number of at least 1.
   */
  maxSegments?: number;
}

const DEFAULT_MAX_SEGMENTS = 3;

// GSM 03.38 default alphabet (ESC, 0x1B, left out: it only introduces the extension table).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// The extension table: each costs ESC + the character, two septets.
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS = {
  'GSM-7': { single: 160, segment: 153 },
  'UCS-2': { single: 70, segment: 67 },
} as const;

/** Units each character costs in `encoding`, one entry per code point. */
function unitsOf(chars: readonly string[], encoding: SmsSegments['encoding']): number[] {
  return chars.map((c) => (encoding === 'GSM-7' ? (GSM_EXTENSION.has(c) ? 2 : 1) : c.length));
}

function encodingOf(chars: readonly string[]): SmsSegments['encoding'] {
  return chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c)) ? 'GSM-7' : 'UCS-2';
}

/**
 * Counts the segments of a text the way handsets and gateways pack them: a two-septet escape
 * sequence or a UTF-16 surrogate pair is never split between two segments, so one may end a
 * unit short.
 */
function count(chars: readonly string[]): SmsSegments {
  const encoding = encodingOf(chars);
  const units = unitsOf(chars, encoding);
  const length = units.reduce((sum, n) => sum + n, 0);
  const limit = LIMITS[encoding];
  if (length <= limit.single) return { encoding, length, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const n of units) {
    if (used + n > limit.segment) {
      segments++;
      used = 0;
    }
    used += n;
  }
  return { encoding, length, segments };
}

/**
 * Tells how a text goes out as SMS: GSM-7 or UCS-2, its length in that encoding, and how many
 * segments (billed messages) it takes.
 *
 * GSM-7 carries 160 septets in one SMS and 153 per segment once concatenated; the extension
 * characters `€ [ ] { } \ ^ ~ |` and form feed cost two. A single character outside GSM 03.38
 * (Persian, Russian, Bengali, an emoji, `…`, a curly quote) switches the whole text to UCS-2:
 * 70 code units in one SMS, 67 per segment. National language shift tables (3GPP TS 23.038,
 * which has one for Bengali) are not assumed: few gateways and carriers support them.
 *
 * @param text - The exact text to be sent.
 * @returns `{ encoding, length, segments }`.
 *
 * @example
 * ```ts
 * import { smsSegments } from 'ordermachine';
 *
 * smsSegments('a'.repeat(160)); // { encoding: 'GSM-7', length: 160, segments: 1 }
 * smsSegments('a'.repeat(161)); // { encoding: 'GSM-7', length: 161, segments: 2 }
 * smsSegments('سفارش شما ارسال شد'); // { encoding: 'UCS-2', length: 18, segments: 1 }
 * smsSegments('Total: 12 €'); // '€' counts twice: length 12
 * ```
 */
export function smsSegments(text: string): SmsSegments {
  return count(Array.from(text));
}

/** Breaks between user-perceived characters, so a cut never splits a vowel sign or an emoji sequence. */
function graphemes(text: string): string[] {
  if (typeof Intl.Segmenter === 'function') {
    return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
  }
  return Array.from(text); // code points: still never splits a surrogate pair
}

const TRAILING_JUNK = /[\s,;:\-–—]+$/u;

/**
 * Shortens `text` so it fits in `maxSegments`, at the last word boundary that fits, ending in an
 * ellipsis: `...` for GSM-7 (the `…` character is not in GSM 03.38 and would switch the whole
 * text to UCS-2, halving its room) and `…` for UCS-2.
 */
function fitSms(text: string, maxSegments: number): string {
  if (smsSegments(text).segments <= maxSegments) return text;
  const parts = graphemes(text);
  const candidate = (n: number): string => {
    const head = parts.slice(0, n).join('').replace(TRAILING_JUNK, '');
    return head + (smsSegments(head).encoding === 'GSM-7' ? '...' : '…');
  };
  const fits = (n: number): boolean => smsSegments(candidate(n)).segments <= maxSegments;
  // Longest prefix (in graphemes) that fits with its ellipsis; fitting is monotonic in n.
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  // Back off to the last whitespace, when there is one, so no word is cut in half.
  for (let n = lo; n > 0; n--) {
    if (/^\s+$/u.test(parts[n] ?? '')) return candidate(n);
  }
  return candidate(lo);
}

/**
 * Creates a {@link Notifier} that texts `message.text` to `recipient.phone` through a function
 * the host supplies (any gateway: Twilio, Vonage, a local aggregator).
 *
 * Texts that would cost more than `maxSegments` are shortened at a word boundary with an
 * ellipsis (see {@link smsSegments} for how length is counted); a cut never splits a surrogate
 * pair or a grapheme. The notifier rejects when the recipient has no phone number (an error with
 * `code: 'NO_RECIPIENT'`, which the outbox relay dead-letters at once: retrying cannot fix it),
 * and when `send` rejects (the relay retries, then dead-letters the message). `send` also gets the
 * delivery's `dedupeKey`: hand it to a gateway that deduplicates, since delivery is at least once.
 *
 * @param options - `send(to, text)`, and `maxSegments` (default 3).
 * @returns A `Notifier` whose `send` resolves once the gateway accepted the text.
 * @throws {TypeError} When `send` is not a function.
 * @throws {RangeError} When `maxSegments` is not a whole number of at least 1.
 *
 * @example
 * ```ts
 * import { createSmsNotifier, type NotificationDelivery } from 'ordermachine';
 *
 * const sms = createSmsNotifier({
 *   send: async (to, text, { dedupeKey }) => {
 *     const res = await fetch('https://sms.example/api/messages', {
 *       method: 'POST',
 *       headers: { 'content-type': 'application/json', 'idempotency-key': dedupeKey },
 *       body: JSON.stringify({ to, text }),
 *     });
 *     if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
 *   },
 *   maxSegments: 2,
 * });
 * declare const delivery: NotificationDelivery;
 * await sms.send(delivery);
 * ```
 */
export function createSmsNotifier(options: SmsNotifierOptions): Notifier {
  const { send } = options;
  const maxSegments = options.maxSegments ?? DEFAULT_MAX_SEGMENTS;
  if (typeof send !== 'function') {
    throw new TypeError('createSmsNotifier: options.send must be a function (to, text) => Promise<void>');
  }
  if (!Number.isSafeInteger(maxSegments) || maxSegments < 1) {
    throw new RangeError(`createSmsNotifier: maxSegments must be a whole number >= 1, got ${String(maxSegments)}`);
  }
  return {
    async send(delivery: NotificationDelivery): Promise<void> {
      const { recipient, effect, dedupeKey } = delivery;
      const what = `${effect.template} for order ${effect.orderId} (dedupeKey ${dedupeKey})`;
      const phone = recipient.phone?.trim();
      if (!phone) throw noRecipient('SMS notifier', delivery, 'phone number');
      try {
        await send(phone, fitSms(delivery.message.text, maxSegments), { dedupeKey });
      } catch (error) {
        throw new Error(`SMS notifier: sending ${what} failed: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    },
  };
}
