import type { Clock } from '../engine/createOrderEngine.js';
import { OrderMachineError } from '../errors.js';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { Effect, type CommandEffect, type CommandName, type NotificationEffect } from '../model/effects.js';
import type { Notifier, Recipient, RenderedMessage } from '../ports/Notifier.js';
import type { OutboxMessage, StorageAdapter } from '../ports/StorageAdapter.js';
import { isNoRecipient } from './noRecipient.js';
import { renderNotification, type RenderOptions } from './renderNotification.js';

/**
 * Turns a notification effect into a recipient and a message in the customer's language, from
 * the order as it is when the message goes out. {@link renderNotification} is the default; pass
 * your own to use other templates. It may throw (an unknown template, a lookup that failed): the
 * outbox row then fails like a channel error and is retried, then dead-lettered. When there is no
 * one to send to, throw an error whose `code` is `'NO_RECIPIENT'`: the row is dead-lettered at
 * once (see {@link RelayFailureCode}).
 *
 * @example
 * ```ts
 * import { createMemoryNotifier, createMemoryStorage, createOutboxRelay, type NotificationRenderer } from 'ordermachine';
 *
 * const render: NotificationRenderer = (effect, order) => {
 *   const customer = order.order.context.customer;
 *   if (!customer?.email) throw Object.assign(new Error(`order ${order.id} has no e-mail address`), { code: 'NO_RECIPIENT' });
 *   const text = `Order ${order.id}: ${effect.template}`;
 *   return {
 *     recipient: { name: customer.name ?? null, email: customer.email, phone: null },
 *     message: { locale: 'en', dir: 'ltr', subject: text, text, html: `<!doctype html><html lang="en"><p>${text}</p></html>` },
 *   };
 * };
 * const relay = createOutboxRelay({ storage: createMemoryStorage(), notifier: createMemoryNotifier(), render });
 * ```
 */
export type NotificationRenderer = (
  effect: NotificationEffect,
  order: OrderAggregate,
  options?: RenderOptions,
) => { readonly recipient: Recipient; readonly message: RenderedMessage } | Promise<{ readonly recipient: Recipient; readonly message: RenderedMessage }>;

/** What a command handler gets besides the effect. */
export interface CommandContext {
  /**
   * Stable per effect across retries and relays (`<orderId>:<version>:<index>`). Pass it to the
   * payment provider, the warehouse or the carrier as their idempotency key: the relay delivers
   * at least once, so a handler may run again for the same effect.
   */
  readonly dedupeKey: string;
  /** The order as it is now (not as it was when the effect was written). */
  readonly order: OrderAggregate;
  /** The outbox row being worked on (its `attempts` include this one). */
  readonly message: OutboxMessage;
}

/**
 * Runs one host command, e.g. captures a payment. Resolve when the job is done or handed over
 * (then report the outcome back to the engine as an event); throw or reject to have the relay
 * retry it with backoff.
 */
export type CommandHandler<C extends CommandName = CommandName> = (effect: Extract<CommandEffect, { readonly command: C }>, context: CommandContext) => void | Promise<void>;

/**
 * The host's handler per command, each typed with its own command's fields. All optional: a
 * command without a handler (and not in `ignore`) fails its row with `NO_HANDLER`, so it is
 * retried and dead-lettered instead of silently dropped. For a compile-time check that every
 * command is handled, write `satisfies Required<CommandHandlers>`.
 *
 * @example
 * ```ts
 * import type { CommandHandlers } from 'ordermachine';
 * declare const psp: { capture(paymentId: string, amount: number, idempotencyKey: string): Promise<void> };
 *
 * const handlers: CommandHandlers = {
 *   capture_payment: (effect, { dedupeKey }) => psp.capture(effect.paymentId, effect.amount.amount, dedupeKey),
 *   buy_label: async (effect, { order }) => {
 *     console.log(`buy a ${effect.method} label for ${effect.shipmentId} of ${order.id}`);
 *   },
 * };
 * ```
 */
export type CommandHandlers = { readonly [C in CommandName]?: CommandHandler<C> };

/**
 * Exponential backoff with jitter: retry `n` (the n-th failed attempt) waits
 * `min(maxMs, baseMs * 2^(n-1)) * (0.5 + 0.5 * random())`.
 *
 * @example
 * ```ts
 * import type { BackoffOptions } from 'ordermachine';
 * // 1 s, 2 s, 4 s … at most 10 minutes, each scaled by a random 50–100 %.
 * const backoff: BackoffOptions = { baseMs: 1_000, maxMs: 600_000 };
 * ```
 */
export interface BackoffOptions {
  /** The wait after the first failed attempt, before jitter. Default 30 s; finite and ≥ 0. */
  readonly baseMs?: number;
  /** The longest wait, before jitter. Default 1 hour; finite and ≥ 0. */
  readonly maxMs?: number;
  /** A number in [0, 1); default `Math.random`. Inject it for repeatable tests. */
  readonly random?: () => number;
}

/**
 * How to build an outbox relay. Only `storage` and `notifier` are required. `createOutboxRelay`
 * checks the numbers and throws a `RangeError` naming the option (`createOutboxRelay: maxAttempts
 * must be a positive integer, got 0`) when one is out of range: `batchSize`, `maxAttempts` and
 * `concurrency` must be positive integers, `leaseMs` a positive finite number, `timeoutMs`
 * positive and shorter than `leaseMs`, and `backoff.baseMs` and `backoff.maxMs` finite and ≥ 0.
 *
 * @example
 * ```ts
 * import { createConsoleNotifier, createMemoryStorage, type OutboxRelayOptions } from 'ordermachine';
 * const options: OutboxRelayOptions = {
 *   storage: createMemoryStorage(),
 *   notifier: createConsoleNotifier(),
 *   ignore: ['reserve_stock', 'release_stock'], // the shop has no stock keeping
 *   maxAttempts: 5,
 *   backoff: { baseMs: 10_000, maxMs: 15 * 60_000 },
 * };
 * ```
 */
export interface OutboxRelayOptions {
  readonly storage: StorageAdapter;
  /** Where notifications go (a channel, or a router over several). */
  readonly notifier: Notifier;
  /** The host's command handlers; see {@link CommandHandlers}. */
  readonly handlers?: CommandHandlers;
  /** Commands the host does not run: acknowledged without a handler (counted as `ignored`). */
  readonly ignore?: readonly CommandName[];
  /** Default {@link renderNotification}. */
  readonly render?: NotificationRenderer;
  /** Passed to `render` with every message. */
  readonly renderOptions?: RenderOptions;
  /** Read at every claim when `runOnce` gets no time. Default: the system clock. */
  readonly clock?: Clock;
  /** Rows claimed at a time (default 50; a positive integer). */
  readonly batchSize?: number;
  /**
   * How long a claim holds a row (default 60 s; positive). Keep it well above the slowest send: a row
   * whose lease runs out mid-send can be claimed and sent again by another relay.
   */
  readonly leaseMs?: number;
  /**
   * How long one send or handler may take before the attempt counts as failed (default half of
   * `leaseMs`; positive and shorter than `leaseMs`). The call itself cannot be cancelled and may still
   * succeed: the retry then repeats it with the same dedupe key.
   */
  readonly timeoutMs?: number;
  /**
   * Attempts before a row is dead-lettered (default 8; a positive integer). Counted at claim, so
   * crashes count too: a row claimed again after `maxAttempts` claims that recorded nothing is
   * dead-lettered unsent (`ATTEMPTS_EXHAUSTED`). A `NO_RECIPIENT` failure dead-letters the row at once.
   */
  readonly maxAttempts?: number;
  /** Delay before a retry: options, or a function of the number of attempts made so far (≥ 1). */
  readonly backoff?: BackoffOptions | ((attempts: number) => number);
  /** Orders worked on at once (default 4; a positive integer); one order's rows always go one after another. */
  readonly concurrency?: number;
}

/** Why an attempt did not end in an acknowledged delivery. */
export type RelayFailureCode =
  /** The stored effect does not parse as an {@link Effect}. */
  | 'INVALID_EFFECT'
  /** The effect's order is not in storage. */
  | 'ORDER_NOT_FOUND'
  /** `render` threw. */
  | 'RENDER_FAILED'
  /** The notifier rejected. */
  | 'SEND_FAILED'
  /**
   * There is no address to send to: `render` or the notifier (or a command handler) rejected with
   * an error whose `code` is `'NO_RECIPIENT'`. Retrying cannot fix that, so the row is
   * dead-lettered at once (`retryAt: null`, counted in `dead`) and the order's later messages are
   * not held back. The shipped channels say it for a recipient without the address they need:
   * e-mail without an e-mail address, SMS without a phone number, console and memory without
   * either, which is what a staff message rendered without `renderOptions.staff` has. (The
   * webhook addresses nobody: it posts such a message like any other.) A channel of your own says
   * it with `throw Object.assign(new Error('…'), { code: 'NO_RECIPIENT' })`.
   */
  | 'NO_RECIPIENT'
  /** A command with no handler that is not in `ignore`. */
  | 'NO_HANDLER'
  /** A command handler threw. */
  | 'HANDLER_FAILED'
  /** An earlier row of the same order in this batch failed, so this one must wait. */
  | 'ORDER_BLOCKED'
  /**
   * The row was claimed more than `maxAttempts` times without an outcome being recorded: relays
   * holding it crashed (or lost their lease) while sending. It is dead-lettered without being sent
   * again, so a message that keeps crashing relays cannot loop.
   */
  | 'ATTEMPTS_EXHAUSTED'
  /** Loading the order, acknowledging or recording the failure failed; the row comes back when its lease ends. */
  | 'STORAGE_FAILURE';

/** One attempt that did not end in an acknowledged delivery. */
export interface RelayFailure {
  readonly code: RelayFailureCode;
  /** The outbox row's id. */
  readonly id: string;
  readonly orderId: string;
  readonly dedupeKey: string;
  /** Which attempt this was (1 = the first). */
  readonly attempt: number;
  /** What went wrong, for people; also stored as the row's `lastError` (prefixed with the code). */
  readonly error: string;
  /** When the row may be tried again; `null` when it was dead-lettered. */
  readonly retryAt: string | null;
}

/**
 * What one `runOnce` did. Every claimed row ends in exactly one of `delivered`, `ignored`,
 * `failed` (will be retried) or `dead`; each failed or dead attempt has an entry in `errors`.
 */
export interface RelayReport {
  readonly claimed: number;
  /** Sent (notifications) or handled (commands), and acknowledged. */
  readonly delivered: number;
  /** Commands listed in `ignore`, acknowledged without running anything. */
  readonly ignored: number;
  /** Failed attempts that will be retried. */
  readonly failed: number;
  /** Rows that failed their last allowed attempt, or with `NO_RECIPIENT`, and are now dead letters. */
  readonly dead: number;
  readonly errors: readonly RelayFailure[];
}

/** A relay over one storage: deliver what is due, and manage dead letters. */
export interface OutboxRelay {
  /**
   * Claims due rows and delivers them, batch after batch, until nothing more is claimable. A run
   * tries each row at most once: a row that fails (or is sent but cannot be acknowledged) is
   * retried by a later run, never by the same one, however short its backoff. The run stops
   * claiming before the earliest time such a row becomes due again, so with a backoff shorter
   * than the run, the rows still due wait for the next run. With `now`, every claim,
   * acknowledgement and retry time uses it (for tests and replays); without, the clock is read
   * as the run goes, so leases stay honest during a long run.
   */
  runOnce(now?: Date): Promise<RelayReport>;
  /** Rows that gave up, oldest first (`limit` 1–1000, default 100). */
  deadLetters(options?: { readonly limit?: number }): Promise<readonly OutboxMessage[]>;
  /** Puts a dead row back in the queue for a fresh round of attempts; `false` if it is not dead. */
  retry(id: string, now?: Date): Promise<boolean>;
  /** Gives up on a dead row for good (kept for the record); `false` if it is not dead. */
  discard(id: string, now?: Date): Promise<boolean>;
}

const DEFAULT_BASE_MS = 30_000;
const DEFAULT_MAX_MS = 3_600_000;

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`createOutboxRelay: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`createOutboxRelay: ${name} must be a finite number ≥ 0, got ${String(value)}`);
  return value;
}

function backoffOf(option: OutboxRelayOptions['backoff']): (attempts: number) => number {
  if (typeof option === 'function') return option;
  const base = nonNegative(option?.baseMs, DEFAULT_BASE_MS, 'backoff.baseMs');
  const max = nonNegative(option?.maxMs, DEFAULT_MAX_MS, 'backoff.maxMs');
  const random = option?.random ?? Math.random;
  return (attempts) => Math.min(max, base * 2 ** Math.max(0, attempts - 1)) * (0.5 + 0.5 * random());
}

/** Storage failures are broken infrastructure: thrown with a code, the original as the cause. Programming errors pass as they are. */
async function storageCall<T>(name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof OrderMachineError || error instanceof RangeError || error instanceof TypeError) throw error;
    throw new OrderMachineError('STORAGE_FAILURE', `${name} failed: ${describeError(error)}`, { cause: error });
  }
}

/** A failure of one attempt, with the code it is reported under. */
class AttemptFailure {
  constructor(
    readonly code: RelayFailureCode,
    readonly error: string,
  ) {}
}

const attempt = async <T>(code: RelayFailureCode, run: () => T | Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    throw new AttemptFailure(isNoRecipient(error) ? 'NO_RECIPIENT' : code, describeError(error));
  }
};

/**
 * Delivers the outbox: claims due rows, sends notifications through the notifier (rendered in
 * the customer's language from the current order) and runs host commands through `handlers`,
 * then acknowledges each row, or records the failure with exponential backoff and jitter until
 * `maxAttempts`, after which the row is a dead letter to list, retry or discard.
 *
 * - **At least once.** A row is acknowledged only after its send or handler resolved; a relay
 *   that dies in between leaves the row claimed until its lease ends, and the next claim sends it
 *   again with the same `dedupeKey` (`<orderId>:<version>:<index>`): channels and handlers use
 *   it to drop repeats.
 * - **In order per order.** Storage hands out only the oldest undelivered row of an order, and
 *   the relay works on one order's rows one after another, so an order's messages go out in the
 *   order they were written; a failing message holds back the ones after it until it is
 *   delivered or dead (a dead letter no longer holds them back, so a retried dead letter arrives
 *   after its successors). Different orders are worked on concurrently (`concurrency`).
 * - **Many relays.** Any number of relays, in any number of processes, may run over one
 *   storage: claims are exclusive while their lease lasts (`FOR UPDATE SKIP LOCKED` on
 *   PostgreSQL). Nothing is kept in the relay between runs.
 * - **Bounded.** A send or handler that takes longer than `timeoutMs` (default half the lease)
 *   counts as failed, so a hung channel neither stalls the relay nor outlives its claim.
 * - Expected failures (a channel down, a missing handler, an order that cannot be rendered)
 *   are reported in the {@link RelayReport}; `runOnce` rejects only when claiming itself fails
 *   (`OrderMachineError` with code `STORAGE_FAILURE`).
 * - **Nobody to send to.** A message whose recipient has no address for the channel (a staff
 *   message without `renderOptions.staff`, a customer without an e-mail address on the e-mail
 *   channel) is never counted as delivered: the shipped channels refuse it and the relay reports
 *   it as `NO_RECIPIENT` and dead-letters it at once (see {@link RelayFailureCode}).
 *
 * @param options - storage and notifier (required); command handlers or `ignore`; `render` and
 *   `renderOptions`; clock; batch size, lease, timeout, attempts, backoff and concurrency
 * @returns the relay: `runOnce`, `deadLetters`, `retry`, `discard`
 * @throws {RangeError} synchronously, naming the option, when `batchSize`, `maxAttempts`,
 *   `concurrency`, `leaseMs`, `timeoutMs` (positive, shorter than `leaseMs`), `backoff.baseMs` or
 *   `backoff.maxMs` is out of range (see {@link OutboxRelayOptions})
 * @example
 * ```ts
 * import { createConsoleNotifier, createMemoryStorage, createOrderEngine, createOutboxRelay } from 'ordermachine';
 *
 * const storage = createMemoryStorage();
 * const engine = createOrderEngine({ storage });
 * const relay = createOutboxRelay({
 *   storage,
 *   notifier: createConsoleNotifier(),
 *   handlers: {
 *     capture_payment: async (effect, { dedupeKey }) => {
 *       // call the payment provider with dedupeKey as its idempotency key, then:
 *       await engine.send(effect.orderId, { type: 'PAYMENT_CAPTURED', paymentId: effect.paymentId, amount: effect.amount, providerRef: dedupeKey }, { actor: { kind: 'payment_provider', id: 'psp' } });
 *     },
 *   },
 *   ignore: ['reserve_stock', 'release_stock'],
 * });
 *
 * // A worker loop: deliver what is due every second.
 * setInterval(async () => {
 *   const report = await relay.runOnce();
 *   for (const failure of report.errors) console.warn(failure.code, failure.dedupeKey, failure.error, failure.retryAt);
 * }, 1_000);
 *
 * // An admin page: what gave up, and why.
 * for (const dead of await relay.deadLetters()) console.log(dead.id, dead.dedupeKey, dead.lastError);
 * ```
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { storage, notifier } = options;
  const handlers: CommandHandlers = options.handlers ?? {};
  const ignored = new Set<CommandName>(options.ignore ?? []);
  const render: NotificationRenderer = options.render ?? renderNotification;
  const renderOptions = options.renderOptions;
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const batchSize = positiveInteger(options.batchSize, 50, 'batchSize');
  const maxAttempts = positiveInteger(options.maxAttempts, 8, 'maxAttempts');
  const concurrency = positiveInteger(options.concurrency, 4, 'concurrency');
  const leaseMs = options.leaseMs ?? 60_000;
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new RangeError(`createOutboxRelay: leaseMs must be a positive number, got ${String(leaseMs)}`);
  const timeoutMs = options.timeoutMs ?? leaseMs / 2;
  if (!(timeoutMs > 0 && timeoutMs < leaseMs)) throw new RangeError(`createOutboxRelay: timeoutMs must be positive and shorter than leaseMs (${leaseMs}), got ${String(timeoutMs)}`);
  const delayFor = backoffOf(options.backoff);

  /** Past the timeout the attempt is given up, so a hung channel cannot hold a claim beyond its lease. */
  const bounded = <T>(call: () => T | Promise<T>) => async (): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      // Node: a pending timeout must not keep the process alive.
      (timer as { unref?: () => void }).unref?.();
    });
    try {
      return await Promise.race([Promise.resolve().then(call), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  /** Sends or runs one row's effect; throws an `AttemptFailure` when it did not go out. */
  async function deliver(message: OutboxMessage): Promise<'delivered' | 'ignored'> {
    const parsed = Effect.safeParse(message.effect);
    if (!parsed.success) throw new AttemptFailure('INVALID_EFFECT', `stored effect is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    const effect = parsed.data;
    if (effect.kind === 'command' && ignored.has(effect.command)) return 'ignored';
    const handler = effect.kind === 'command' ? (handlers[effect.command] as CommandHandler | undefined) : undefined;
    if (effect.kind === 'command' && handler === undefined) {
      throw new AttemptFailure('NO_HANDLER', `no handler for command '${effect.command}': pass handlers.${effect.command}, or list it in ignore`);
    }
    const stored = await attempt('STORAGE_FAILURE', () => storage.load(message.orderId));
    if (stored === null) throw new AttemptFailure('ORDER_NOT_FOUND', `order ${message.orderId} was not found`);
    if (effect.kind === 'command') {
      await attempt('HANDLER_FAILED', bounded(() => handler?.(effect, { dedupeKey: message.dedupeKey, order: stored.aggregate, message })));
      return 'delivered';
    }
    const { recipient, message: rendered } = await attempt('RENDER_FAILED', () => render(effect, stored.aggregate, renderOptions));
    await attempt('SEND_FAILED', bounded(() => notifier.send({ dedupeKey: message.dedupeKey, effect, recipient, message: rendered })));
    return 'delivered';
  }

  return {
    async runOnce(now) {
      const timeOf = (): Date => now ?? clock.now();
      const report = { claimed: 0, delivered: 0, ignored: 0, failed: 0, dead: 0, errors: [] as RelayFailure[] };
      // The earliest time a row this run tried and did not acknowledge can be claimed again: the
      // run claims nothing from then on, so it never tries a row twice.
      let firstReturn = Number.POSITIVE_INFINITY;
      const returnsAt = (at: string | null) => {
        if (at !== null) firstReturn = Math.min(firstReturn, Date.parse(at));
      };

      const failed = (message: OutboxMessage, code: RelayFailureCode, error: string, retryAt: string | null) => {
        report.errors.push({ code, id: message.id, orderId: message.orderId, dedupeKey: message.dedupeKey, attempt: message.attempts, error, retryAt });
      };

      /** Records a failed attempt: retry later with backoff, or dead after the last attempt (at once for `NO_RECIPIENT`). */
      async function fail(message: OutboxMessage, failure: AttemptFailure, earliest?: string | null): Promise<string | null> {
        const at = timeOf();
        const final = failure.code === 'NO_RECIPIENT' || message.attempts >= maxAttempts;
        const retryAt = earliest !== undefined ? earliest : final ? null : new Date(at.getTime() + Math.max(0, delayFor(message.attempts))).toISOString();
        try {
          await storage.failOutbox(message.id, { error: `${failure.code}: ${failure.error}`, at: at.toISOString(), retryAt, attempt: message.attempts, leaseUntil: message.availableAt });
        } catch (error) {
          // Not recorded: the row stays claimed and comes back when its lease ends.
          failed(message, failure.code, failure.error, message.availableAt);
          failed(message, 'STORAGE_FAILURE', `failOutbox failed: ${describeError(error)}`, message.availableAt);
          report.failed += 1;
          return message.availableAt;
        }
        failed(message, failure.code, failure.error, retryAt);
        if (retryAt === null) report.dead += 1;
        else report.failed += 1;
        return retryAt;
      }

      /** One order's rows, strictly one after another; after a failure the rest wait for it. */
      async function work(messages: readonly OutboxMessage[]): Promise<void> {
        let blockedUntil: string | null | undefined;
        for (const message of messages) {
          if (blockedUntil !== undefined) {
            await fail(message, new AttemptFailure('ORDER_BLOCKED', 'an earlier message of this order failed'), blockedUntil ?? timeOf().toISOString());
            continue;
          }
          if (message.attempts > maxAttempts) {
            const failure = new AttemptFailure('ATTEMPTS_EXHAUSTED', `claimed ${message.attempts} times (maxAttempts ${maxAttempts}) without an outcome recorded: earlier holders crashed or lost their lease while sending`);
            blockedUntil = await fail(message, failure);
            returnsAt(blockedUntil);
            continue;
          }
          let outcome: 'delivered' | 'ignored';
          try {
            outcome = await deliver(message);
          } catch (error) {
            const failure = error instanceof AttemptFailure ? error : new AttemptFailure('SEND_FAILED', describeError(error));
            blockedUntil = await fail(message, failure);
            returnsAt(blockedUntil);
            continue;
          }
          try {
            await storage.ackOutbox(message.id, { at: timeOf().toISOString(), attempt: message.attempts, leaseUntil: message.availableAt });
          } catch (error) {
            // Sent but not acknowledged: it goes out again (same dedupe key) when the lease ends.
            failed(message, 'STORAGE_FAILURE', `sent, but ackOutbox failed: ${describeError(error)}`, message.availableAt);
            report.failed += 1;
            blockedUntil = message.availableAt;
            returnsAt(blockedUntil);
            continue;
          }
          report[outcome] += 1;
        }
      }

      for (;;) {
        const claimAt = timeOf();
        if (claimAt.getTime() >= firstReturn) return report;
        const claimed = await storageCall('claimOutbox', () => storage.claimOutbox(claimAt.toISOString(), { limit: batchSize, leaseMs }));
        if (claimed.length === 0) return report;
        report.claimed += claimed.length;
        const byOrder = new Map<string, OutboxMessage[]>();
        for (const message of claimed) {
          const queue = byOrder.get(message.orderId) ?? [];
          queue.push(message);
          byOrder.set(message.orderId, queue);
        }
        // Storage returns rows oldest first; sort anyway, ids grow in write order.
        const groups = [...byOrder.values()].map((queue) => queue.sort((a, b) => compareIds(a.id, b.id)));
        let next = 0;
        const worker = async () => {
          for (let group = groups[next++]; group !== undefined; group = groups[next++]) await work(group);
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
      }
    },

    deadLetters: (listOptions) => storageCall('listDeadLetters', () => storage.listDeadLetters(listOptions)),
    retry: (id, now) => storageCall('retryDeadLetter', () => storage.retryDeadLetter(id, (now ?? clock.now()).toISOString())),
    discard: (id, now) => storageCall('discardDeadLetter', () => storage.discardDeadLetter(id, (now ?? clock.now()).toISOString())),
  };
}

/** Outbox ids are decimal integers in write order (both shipped adapters); other ids compare as text. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
