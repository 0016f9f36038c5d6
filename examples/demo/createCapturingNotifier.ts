import type { Locale, NotificationDelivery, NotificationTemplate, Notifier } from 'ordermachine';

/** A message as the customer got it: which channel, which template, and the text in their language. */
export interface CapturedNotification {
  readonly orderId: string;
  /** The order version (history row) whose commit wrote the message, from the dedupe key `<orderId>:<version>:<index>`. */
  readonly seq: number;
  readonly dedupeKey: string;
  /** Email when the customer left an address, else SMS to their phone. */
  readonly channel: 'email' | 'sms';
  /** The address or number it went to. */
  readonly to: string;
  readonly template: NotificationTemplate;
  readonly audience: 'customer' | 'staff';
  readonly locale: Locale;
  readonly dir: 'ltr' | 'rtl';
  readonly subject: string;
  /** The first line of the message itself, after the greeting. */
  readonly firstLine: string;
  /** The whole plain-text message. */
  readonly text: string;
}

/** A notifier that delivers by email or SMS, as a shop's router would, and keeps what it sent. */
export interface CapturingNotifier extends Notifier {
  /** Every message sent, once per dedupe key, in the order sent. */
  readonly sent: readonly CapturedNotification[];
}

/** The order version in a dedupe key `<orderId>:<version>:<index>`. */
function versionOf(dedupeKey: string): number {
  const parts = dedupeKey.split(':');
  const version = Number(parts[parts.length - 2]);
  if (!Number.isSafeInteger(version)) throw new Error(`unexpected dedupe key ${dedupeKey}`);
  return version;
}

/** The first line of the body: customer messages open with a greeting paragraph, staff messages with the facts. */
function firstLineOf(delivery: NotificationDelivery): string {
  const paragraphs = delivery.message.text.split(/\n{2,}/);
  const body = delivery.effect.audience === 'customer' && paragraphs.length > 1 ? paragraphs[1] : paragraphs[0];
  return (body ?? '').split('\n')[0] ?? '';
}

/**
 * The demo's channel: routes each rendered message to email or SMS by the contact the customer
 * left, drops repeats of a dedupe key (the relay delivers at least once), and records the rest.
 * A customer with neither contact is a channel error, so the relay reports it.
 *
 * @returns a notifier with the list of what it sent
 * @example
 * ```ts
 * import { createMemoryStorage, createOutboxRelay } from 'ordermachine';
 * import { createCapturingNotifier } from './createCapturingNotifier.js';
 *
 * const notifier = createCapturingNotifier();
 * const relay = createOutboxRelay({ storage: createMemoryStorage(), notifier });
 * await relay.runOnce();
 * for (const n of notifier.sent) console.log(n.channel, n.template, n.subject);
 * ```
 */
export function createCapturingNotifier(): CapturingNotifier {
  const sent: CapturedNotification[] = [];
  const seen = new Set<string>();
  return {
    async send(delivery) {
      if (seen.has(delivery.dedupeKey)) return;
      const { recipient, message, effect } = delivery;
      const channel = recipient.email !== null ? 'email' : recipient.phone !== null ? 'sms' : null;
      if (channel === null) throw new Error(`order ${effect.orderId}: the recipient has neither an email nor a phone number`);
      seen.add(delivery.dedupeKey);
      sent.push({
        orderId: effect.orderId,
        seq: versionOf(delivery.dedupeKey),
        dedupeKey: delivery.dedupeKey,
        channel,
        to: (channel === 'email' ? recipient.email : recipient.phone) ?? '',
        template: effect.template,
        audience: effect.audience,
        locale: message.locale,
        dir: message.dir,
        subject: message.subject,
        firstLine: firstLineOf(delivery),
        text: message.text,
      });
    },
    get sent() {
      return [...sent];
    },
  };
}
