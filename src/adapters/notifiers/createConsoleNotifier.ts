import type { Clock } from '../../engine/createOrderEngine.js';
import { hasAnyAddress, noRecipient } from '../../notifications/noRecipient.js';
import type { NotificationDelivery, Notifier, Recipient } from '../../ports/Notifier.js';

/**
 * Options for {@link createConsoleNotifier}.
 *
 * @example
 * ```ts
 * import { createConsoleNotifier, type ConsoleNotifierOptions } from 'ordermachine';
 * const lines: string[] = [];
 * const options: ConsoleNotifierOptions = { write: (block) => lines.push(block), clock: { now: () => new Date('2026-03-01T09:00:00Z') } };
 * const notifier = createConsoleNotifier(options);
 * ```
 */
export interface ConsoleNotifierOptions {
  /** Where each message's block goes (one call per message, lines joined with `\n`). Default `console.log`. */
  readonly write?: (block: string) => void;
  /** The time printed in each block. Default: the system clock. */
  readonly clock?: Clock;
}

/** The recipient as printed: `Name <email, phone>`, or the addresses alone. */
function contact(recipient: Recipient): string {
  const address = [recipient.email, recipient.phone].filter((v): v is string => Boolean(v?.trim())).join(', ');
  return recipient.name ? `${recipient.name} <${address}>` : address;
}

/**
 * Formats one delivery as the console notifier prints it: a header line (time, template,
 * audience, dedupe key), then recipient, locale, subject and the plain text. Text is printed as
 * it is, right-to-left scripts included; the terminal does the bidi layout.
 */
function formatDelivery(delivery: NotificationDelivery, at: Date): string {
  const { effect, message } = delivery;
  return [
    `── ${at.toISOString()} · ${effect.template} → ${effect.audience} · ${delivery.dedupeKey}`,
    `to:      ${contact(delivery.recipient)}`,
    `locale:  ${message.locale} (${message.dir})`,
    `subject: ${message.subject}`,
    '',
    message.text,
    '',
  ].join('\n');
}

/**
 * A channel for the demo and for local development: prints each message as a readable block
 * (time, recipient, locale, subject, text) instead of sending it. It accepts every message a real
 * channel could send, so nothing is ever retried through it; like a real channel it refuses a
 * recipient with neither an e-mail address nor a phone number (e.g. a staff message rendered
 * without `renderOptions.staff`), with an error whose `code` is `'NO_RECIPIENT'`: nothing is
 * printed, and the outbox relay reports it under that code and dead-letters it at once.
 *
 * @param options - `write`: where blocks go (default `console.log`); `clock`: the time printed
 * @returns the notifier
 * @example
 * ```ts
 * import { createConsoleNotifier, createMemoryStorage, createOutboxRelay } from 'ordermachine';
 *
 * const relay = createOutboxRelay({ storage: createMemoryStorage(), notifier: createConsoleNotifier() });
 * await relay.runOnce();
 * // ── 2026-03-01T09:00:00.000Z · order_placed → customer · o-1:7:0
 * // to:      Anna <anna@example.com>
 * // locale:  en (ltr)
 * // subject: …
 * ```
 */
export function createConsoleNotifier(options: ConsoleNotifierOptions = {}): Notifier {
  const write = options.write ?? ((block: string) => console.log(block));
  const clock: Clock = options.clock ?? { now: () => new Date() };
  return {
    async send(delivery) {
      if (!hasAnyAddress(delivery.recipient)) throw noRecipient('console notifier', delivery, 'email address or phone number');
      write(formatDelivery(delivery, clock.now()));
    },
  };
}
