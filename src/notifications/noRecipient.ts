import type { NotificationDelivery } from '../ports/Notifier.js';

/**
 * The error a shipped notifier rejects with when the delivery's recipient has no address for its
 * channel (no e-mail address for mail, no phone number for SMS, neither for the console and memory
 * channels): an `Error` whose `code` is `'NO_RECIPIENT'`, which the outbox relay reports under
 * that code and dead-letters at once, since retrying cannot make an address appear.
 *
 * @param channel - the notifier, as its messages name it (`email notifier`)
 * @param delivery - the delivery that has nowhere to go
 * @param missing - what the recipient lacks (`email address`, `phone number`)
 * @returns the error to reject with
 * @internal
 */
export function noRecipient(channel: string, delivery: NotificationDelivery, missing: string): Error & { readonly code: 'NO_RECIPIENT' } {
  const { effect, dedupeKey } = delivery;
  // renderNotification addresses staff messages to renderOptions.staff; without it they have no recipient.
  const hint = effect.audience === 'staff' ? ' (staff messages go to renderOptions.staff.recipient)' : '';
  const message = `${channel}: the recipient of ${effect.template} for order ${effect.orderId} (dedupeKey ${dedupeKey}) has no ${missing}${hint}`;
  return Object.assign(new Error(message), { code: 'NO_RECIPIENT' as const });
}

/**
 * Whether `error` says there is no address to send to: its `code` is `'NO_RECIPIENT'`. Checked by
 * the code, not the class, so a host's own channel can say it with any `Error`.
 *
 * @param error - what a renderer, notifier or handler threw
 * @returns `true` for a no-recipient error
 * @internal
 */
export function isNoRecipient(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { readonly code?: unknown }).code === 'NO_RECIPIENT';
}

/**
 * Whether the recipient has any address at all (a non-blank e-mail address or phone number): what
 * the channels that stand in for a real one (console, memory) require.
 *
 * @param recipient - the delivery's recipient
 * @returns `true` when there is somewhere to send to
 * @internal
 */
export function hasAnyAddress(recipient: NotificationDelivery['recipient']): boolean {
  return Boolean(recipient.email?.trim() || recipient.phone?.trim());
}
