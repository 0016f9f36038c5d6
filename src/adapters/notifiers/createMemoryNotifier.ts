import { hasAnyAddress, noRecipient } from '../../notifications/noRecipient.js';
import type { NotificationDelivery, Notifier } from '../../ports/Notifier.js';

/** One call of a memory notifier's `send`: what it was asked to deliver and whether it accepted it. */
export interface MemoryNotifierAttempt {
  readonly delivery: NotificationDelivery;
  /** `false` when the call was made to fail (`failNext`, `failAlways`) or the recipient had no address. */
  readonly ok: boolean;
  /** The error the call rejected with, if it failed. */
  readonly error: string | null;
}

/**
 * A {@link Notifier} that keeps what it is given in memory, for tests, with switches to make the
 * channel fail. It never drops repeats itself: every accepted delivery is in `sent`, and `unique`
 * keeps the first per `dedupeKey`, which is what a channel that honours the key would show the
 * customer. Like a real channel it refuses a recipient with no address at all (see
 * {@link createMemoryNotifier}).
 */
export interface MemoryNotifier extends Notifier {
  /** Every accepted delivery in the order accepted, repeats of a dedupe key included. */
  readonly sent: readonly NotificationDelivery[];
  /** The first accepted delivery per dedupe key, in the order accepted. */
  readonly unique: readonly NotificationDelivery[];
  /** Every call of `send`, accepted or failed, in the order made. */
  readonly attempts: readonly MemoryNotifierAttempt[];
  /** Accepted deliveries per dedupe key. */
  countOf(dedupeKey: string): number;
  /**
   * The next `count` calls of `send` (only those matching `when`, if given) reject with `error`
   * (default "memory notifier: failing on purpose"). Replaces an earlier `failNext`.
   */
  failNext(count: number, options?: MemoryFailureOptions): void;
  /** Every call (matching `when`, if given) rejects until `recover()`. */
  failAlways(options?: MemoryFailureOptions): void;
  /** Stops failing: clears `failNext` and `failAlways`. */
  recover(): void;
  /** Forgets everything recorded (the failure switches stay as they are). */
  clear(): void;
}

/**
 * Which calls a memory notifier fails, and how.
 *
 * @example
 * ```ts
 * import { createMemoryNotifier, type MemoryFailureOptions } from 'ordermachine';
 * const notifier = createMemoryNotifier();
 * const smsDown: MemoryFailureOptions = { error: 'SMS gateway: 503', when: (d) => d.recipient.email === null };
 * notifier.failAlways(smsDown);
 * ```
 */
export interface MemoryFailureOptions {
  /** The message of the error `send` rejects with. */
  readonly error?: string;
  /** Only calls for which this returns `true` fail (and count against `failNext`); default: every call. */
  readonly when?: (delivery: NotificationDelivery) => boolean;
}

const DEFAULT_ERROR = 'memory notifier: failing on purpose';

/**
 * A channel for tests and prototypes: records every delivery in memory instead of sending it,
 * and can be made to fail a number of times or until told to recover. Delivery records are
 * copies, so later changes to the passed objects do not show.
 *
 * Like the e-mail and SMS channels it stands in for, it accepts only a recipient it could reach:
 * one with neither an e-mail address nor a phone number (e.g. a staff message rendered without
 * `renderOptions.staff`) is refused with an error whose `code` is `'NO_RECIPIENT'`, which the
 * outbox relay reports under that code and dead-letters at once. Such a call is in `attempts`
 * (not `ok`), never in `sent`, and does not use up a `failNext`.
 *
 * @returns a fresh notifier with nothing recorded and no failures set
 * @example
 * ```ts
 * import { createMemoryNotifier, createMemoryStorage, createOutboxRelay } from 'ordermachine';
 *
 * const notifier = createMemoryNotifier();
 * const relay = createOutboxRelay({ storage: createMemoryStorage(), notifier });
 * notifier.failNext(2); // the channel is down for two attempts
 * await relay.runOnce();
 * // Delivered at least once; exactly once per dedupe key as the customer sees it:
 * for (const d of notifier.unique) console.log(d.dedupeKey, d.recipient.email, d.message.subject);
 * console.log(notifier.sent.length - notifier.unique.length, 'repeats dropped by the dedupe key');
 * ```
 */
export function createMemoryNotifier(): MemoryNotifier {
  const sent: NotificationDelivery[] = [];
  const attempts: MemoryNotifierAttempt[] = [];
  const firstByKey = new Map<string, NotificationDelivery>();
  let failuresLeft = 0;
  let next: MemoryFailureOptions = {};
  let always: MemoryFailureOptions | null = null;

  /** The error this call fails with, or `null`; uses up one `failNext` when it fails by it. */
  const failureFor = (delivery: NotificationDelivery): string | null => {
    if (always !== null && (always.when?.(delivery) ?? true)) return always.error ?? DEFAULT_ERROR;
    if (failuresLeft > 0 && (next.when?.(delivery) ?? true)) {
      failuresLeft -= 1;
      return next.error ?? DEFAULT_ERROR;
    }
    return null;
  };

  return {
    async send(delivery) {
      const copy = structuredClone(delivery);
      if (!hasAnyAddress(copy.recipient)) {
        const refusal = noRecipient('memory notifier', copy, 'email address or phone number');
        attempts.push({ delivery: copy, ok: false, error: refusal.message });
        throw refusal;
      }
      const error = failureFor(copy);
      if (error !== null) {
        attempts.push({ delivery: copy, ok: false, error });
        throw new Error(error);
      }
      attempts.push({ delivery: copy, ok: true, error: null });
      sent.push(copy);
      if (!firstByKey.has(copy.dedupeKey)) firstByKey.set(copy.dedupeKey, copy);
    },
    get sent() {
      return [...sent];
    },
    get unique() {
      return [...firstByKey.values()];
    },
    get attempts() {
      return [...attempts];
    },
    countOf: (dedupeKey) => sent.filter((d) => d.dedupeKey === dedupeKey).length,
    failNext(count, options = {}) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`failNext: count must be a whole number ≥ 0, got ${String(count)}`);
      failuresLeft = count;
      next = options;
    },
    failAlways(options = {}) {
      always = options;
    },
    recover() {
      always = null;
      failuresLeft = 0;
    },
    clear() {
      sent.length = 0;
      attempts.length = 0;
      firstByKey.clear();
    },
  };
}
