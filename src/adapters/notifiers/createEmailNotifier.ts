import { noRecipient } from '../../notifications/noRecipient.js';
import type { NotificationDelivery, Notifier } from '../../ports/Notifier.js';

/**
 * A mailbox with an optional display name, in the shape nodemailer takes (`{ name, address }`),
 * so a name in any script is encoded by the transport rather than by string concatenation.
 *
 * @example
 * ```ts
 * import type { EmailAddress } from 'ordermachine';
 *
 * const from: EmailAddress = { name: 'فروشگاه نمونه', address: 'orders@shop.example' };
 * ```
 */
export interface EmailAddress {
  readonly name: string;
  readonly address: string;
}

/**
 * The message handed to {@link EmailTransport.sendMail}: a subset of nodemailer's mail options
 * that every nodemailer transport (SMTP, SES, sendmail, JSON, stream) understands.
 *
 * @example
 * ```ts
 * import type { EmailMessage, EmailTransport } from 'ordermachine';
 *
 * // A transport that only logs, for local development.
 * const logOnly: EmailTransport = {
 *   async sendMail(message: EmailMessage) {
 *     console.log(`to ${JSON.stringify(message.to)}: ${message.subject} [${message.messageId}]`);
 *   },
 * };
 * ```
 */
export interface EmailMessage {
  readonly from: string | EmailAddress;
  readonly to: string | EmailAddress;
  readonly replyTo?: string | EmailAddress;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `<…@…>`, derived from the delivery's `dedupeKey`: a retried message keeps its Message-ID. */
  readonly messageId: string;
  /** Extra headers; always includes `Content-Language`. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Anything with nodemailer's `sendMail(message): Promise<…>`: a nodemailer transporter, or an
 * object of your own wrapping a provider's API.
 *
 * @example
 * ```ts
 * import nodemailer from 'nodemailer';
 * import type { EmailTransport } from 'ordermachine';
 *
 * const transport: EmailTransport = nodemailer.createTransport({ host: 'smtp.shop.example', port: 587 });
 * ```
 */
export interface EmailTransport {
  /** Resolves when the server or provider accepted the message; rejects when it did not. */
  sendMail(message: EmailMessage): Promise<unknown>;
}

/**
 * Options for {@link createEmailNotifier}.
 *
 * @example
 * ```ts
 * import { createEmailNotifier, type EmailNotifierOptions, type EmailTransport } from 'ordermachine';
 *
 * declare const transport: EmailTransport;
 * const options: EmailNotifierOptions = {
 *   transport,
 *   from: { name: 'Shop', address: 'orders@shop.example' },
 *   replyTo: 'support@shop.example',
 *   messageIdDomain: 'shop.example',
 * };
 * const email = createEmailNotifier(options);
 * ```
 */
export interface EmailNotifierOptions {
  /** Where messages go: a nodemailer transporter or anything with the same `sendMail`. */
  transport: EmailTransport;
  /** The sender: `'orders@shop.example'`, `'Shop <orders@shop.example>'` or `{ name, address }`. */
  from: string | EmailAddress;
  /** Where replies go, when not to `from`. */
  replyTo?: string | EmailAddress;
  /**
   * The right-hand side of the Message-ID (`<key@domain>`). Defaults to `ordermachine`; set it to
   * your sending domain, which some spam filters compare with the sender's.
   */
  messageIdDomain?: string;
}

const DEFAULT_MESSAGE_ID_DOMAIN = 'ordermachine';
// RFC 5322 atext minus '%', which escapes everything else. Dots are escaped too, because a
// dot-atom may not start or end with one nor hold two in a row.
const ATEXT = /^[A-Za-z0-9!#$&'*+\-/=?^_`{|}~]$/;
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
const utf8 = new TextEncoder();

/**
 * An RFC 5322 `msg-id` for a dedupe key: `<key@domain>`, with every character of the key that is
 * not `atext` written as `%XX` (UTF-8 bytes), so distinct keys give distinct ids.
 */
function messageIdFor(dedupeKey: string, domain: string): string {
  let left = '';
  for (const char of dedupeKey) {
    if (ATEXT.test(char)) left += char;
    else for (const byte of utf8.encode(char)) left += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `<${left}@${domain}>`;
}

/**
 * Creates a {@link Notifier} that emails the rendered message (subject, plain text and HTML)
 * through a nodemailer-style transport.
 *
 * Each message carries `Content-Language` (the message's locale) and a `Message-ID` derived from
 * the delivery's `dedupeKey` (`<orderId%3Aversion%3Aindex@domain>`), so a message the outbox relay
 * sends twice after a crash has the same Message-ID both times and mail clients show it once.
 * Text in any script is passed through as Unicode; the transport encodes it (nodemailer: UTF-8).
 *
 * The notifier rejects, with a message naming the template, order and dedupe key, when the
 * recipient has no email address (an error with `code: 'NO_RECIPIENT'`: retrying cannot fix that,
 * so the relay reports it as `NO_RECIPIENT` and dead-letters it at once; a staff message rendered
 * without `renderOptions.staff` is such a message) and when the transport rejects (the relay
 * retries).
 *
 * Browser-safe: it imports nothing from Node; the transport brings the network.
 *
 * @param options - `transport`, `from`, optional `replyTo` and `messageIdDomain`.
 * @returns A `Notifier` whose `send` resolves once the transport accepted the message.
 * @throws {TypeError} When the transport has no `sendMail`, `from` is empty, or `messageIdDomain`
 *   is not a valid dot-atom (such as `shop.example`).
 *
 * @example
 * ```ts
 * import nodemailer from 'nodemailer';
 * import { createEmailNotifier, type NotificationDelivery } from 'ordermachine';
 *
 * const email = createEmailNotifier({
 *   transport: nodemailer.createTransport({ host: 'smtp.shop.example', port: 587, auth: { user: 'orders', pass: process.env.SMTP_PASSWORD! } }),
 *   from: { name: 'Shop', address: 'orders@shop.example' },
 *   messageIdDomain: 'shop.example',
 * });
 * declare const delivery: NotificationDelivery;
 * await email.send(delivery);
 * ```
 */
export function createEmailNotifier(options: EmailNotifierOptions): Notifier {
  const { transport, from, replyTo } = options;
  const domain = options.messageIdDomain ?? DEFAULT_MESSAGE_ID_DOMAIN;
  if (typeof transport?.sendMail !== 'function') {
    throw new TypeError('createEmailNotifier: options.transport must have a sendMail(message) method');
  }
  if (!from || (typeof from === 'object' && !from.address)) {
    throw new TypeError('createEmailNotifier: options.from must be an address or { name, address }');
  }
  if (typeof domain !== 'string' || !DOT_ATOM.test(domain)) {
    throw new TypeError(`createEmailNotifier: messageIdDomain must be a domain such as 'shop.example', got ${JSON.stringify(domain)}`);
  }
  return {
    async send(delivery: NotificationDelivery): Promise<void> {
      const { recipient, message, effect, dedupeKey } = delivery;
      const what = `${effect.template} for order ${effect.orderId} (dedupeKey ${dedupeKey})`;
      const address = recipient.email?.trim();
      if (!address) throw noRecipient('email notifier', delivery, 'email address');
      const name = recipient.name?.trim();
      const mail: EmailMessage = {
        from,
        to: name ? { name, address } : address,
        ...(replyTo ? { replyTo } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: messageIdFor(dedupeKey, domain),
        headers: { 'Content-Language': message.locale },
      };
      try {
        await transport.sendMail(mail);
      } catch (error) {
        throw new Error(`email notifier: sending ${what} failed: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    },
  };
}
