import type { NotificationEffect } from '../model/effects.js';
import type { Locale } from '../model/locale.js';

/** Where a message goes: the customer's contacts (or the shop's staff inbox). */
export interface Recipient {
  readonly name: string | null;
  readonly email: string | null;
  /** E.164. */
  readonly phone: string | null;
}

/** A message rendered in the recipient's language, ready for any channel. */
export interface RenderedMessage {
  readonly locale: Locale;
  /** `rtl` for Persian. */
  readonly dir: 'ltr' | 'rtl';
  readonly subject: string;
  /** Plain text: the body of an email's text part, an SMS, a push. */
  readonly text: string;
  /** A complete small HTML document (with `lang` and `dir`). */
  readonly html: string;
}

/** One notification to deliver, with the stable key a channel uses to drop repeats. */
export interface NotificationDelivery {
  /** Stable per effect across retries and relays; pass it to the provider as its idempotency key. */
  readonly dedupeKey: string;
  readonly effect: NotificationEffect;
  readonly recipient: Recipient;
  readonly message: RenderedMessage;
}

/**
 * A channel (email, SMS, webhook, console, memory…). `send` resolves when the channel accepted
 * the message and rejects when it did not; the outbox relay retries with backoff and, past its
 * limit, dead-letters the message. Delivery is at least once: use `dedupeKey` to drop repeats.
 */
export interface Notifier {
  send(delivery: NotificationDelivery): Promise<void>;
}
