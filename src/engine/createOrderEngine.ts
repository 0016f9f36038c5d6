import { match } from 'ts-pattern';
import * as z from 'zod';
import { defaultLifecycle } from '../lifecycle/defaultLifecycle.js';
import type { Lifecycle } from '../lifecycle/createLifecycle.js';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { deriveOrderStatuses } from '../lifecycle/deriveOrderStatuses.js';
import { buildTransitionIndex } from '../lifecycle/transitionIndex.js';
import { toIso } from '../lifecycle/toIso.js';
import { invalid } from '../lifecycle/validateInput.js';
import type { OrderInputRaw } from '../machines/order/context.js';
import { OrderMachineError } from '../errors.js';
import { Actor } from '../model/actor.js';
import type { Effect } from '../model/effects.js';
import type { OrderEventInput } from '../model/events.js';
import type { InventoryAdapter } from '../ports/InventoryAdapter.js';
import type { CommitRequest, HistoryEntry, ListPage, ListQuery, StockTask, StorageAdapter, StoredOrder, TimerState } from '../ports/StorageAdapter.js';
import { checkOption } from './checkOption.js';
import { computeDeadlines } from './computeDeadlines.js';
import { createStockWorker, isInventoryFailure, withoutTask, type DueReport, type OwnSend } from './createStockWorker.js';
import { createMigrationRegistry, type AggregateMigration } from './createMigrationRegistry.js';
import { resolveEnginePolicy, type EnginePolicy } from './EnginePolicy.js';
import type { AppliedRecord, CreateResult, RunDueReport, SendResult } from './SendResult.js';
import { stockTasksFor } from './stockTasksFor.js';

/** Where the engine reads the time. Inject a fake one in tests. */
export interface Clock {
  now(): Date;
}

/** How to build an engine. Only `storage` is required. */
export interface OrderEngineOptions {
  readonly storage: StorageAdapter;
  readonly clock?: Clock;
  /** Time rules for deadlines and the return window; defaults in `DEFAULT_ENGINE_POLICY`. Checked by `resolveEnginePolicy`. */
  readonly policy?: Parameters<typeof resolveEnginePolicy>[0];
  /** The pure lifecycle to decide with (e.g. over machines changed with `provide`). */
  readonly lifecycle?: Lifecycle;
  /**
   * When given, the engine reserves, releases and commits stock itself instead of leaving
   * `reserve_stock` / `release_stock` to the outbox. The work is durable: it is written with the
   * change that asks for it (`timers.stock`), done right after that commit, and if that fails (a
   * crash, a failing adapter) done by the next `runDue` — or, when it failed inside a `runDue`,
   * by the first one after that sweep's claim on the order ends (`dueLeaseMs`).
   */
  readonly inventory?: InventoryAdapter;
  /** Upgrades for aggregates stored by older releases. */
  readonly migrations?: readonly AggregateMigration[];
  /** Attempts per `send` when concurrent writers collide (default 20). */
  readonly maxAttempts?: number;
  /** Wait before retry number `attempt` (default: random 0–2^attempt ms, at most 100 ms). */
  readonly retryDelayMs?: (attempt: number) => number;
  /** Orders claimed per `runDue` batch (default 100) and for how long (default 60 s). */
  readonly dueBatchSize?: number;
  readonly dueLeaseMs?: number;
}

/** Who sends, and the commit's bookkeeping. */
export interface SendOptions {
  readonly actor: Actor;
  /**
   * A request id (1–200 characters), scoped to the order. Same key, same order → the first outcome
   * is returned (`duplicate`) and nothing new is written. Only an `applied` send records its key:
   * one that is `rejected`, `forbidden`, `invalid`, in `conflict` or `not_found` leaves the key
   * free, so a corrected request may reuse it and is applied. Once a key is recorded, a later send
   * with it answers `duplicate` whatever its event.
   *
   * A payment provider's fact (an event with `paymentId` and `providerRef`: an authorization,
   * capture, refund…) is recorded under the fact itself instead (`fact:<type>:<paymentId>:<providerRef>`),
   * with or without this key: the same fact sent again under any request id answers `duplicate`
   * (or `conflict` / `provider_reference_mismatch` when its amount differs). The caller's key is
   * not recorded for a fact; it is looked up only when the order refuses the fact.
   */
  readonly idempotencyKey?: string;
  /** The version the caller saw; if the order moved on, `conflict` ("someone else changed this order"). */
  readonly expectedVersion?: number;
  /** Why, for the history. */
  readonly reason?: string;
  /** Ties this change to a request or a saga, for the history. */
  readonly correlationId?: string;
}

/** The backend API: durable, idempotent, concurrency-safe transitions. */
export interface OrderEngine {
  /** Starts an order (a cart) and stores it. */
  create(input: OrderInputRaw, options?: { readonly actor?: Actor; readonly correlationId?: string }): Promise<CreateResult>;
  /**
   * The stored order, or `null`. An aggregate stored by an older release comes back upgraded
   * through `migrations` (with `statuses` derived from the upgraded aggregate; nothing is written
   * back: the next change stores the new shape).
   *
   * @throws OrderMachineError `UNKNOWN_SCHEMA_VERSION` for an aggregate with a version no
   *   migration leads from (e.g. written by a newer release), `CORRUPT_ORDER` for one without a
   *   version, `STORAGE_FAILURE` when the storage fails
   */
  get(orderId: string): Promise<StoredOrder | null>;
  /** Loads, decides, and commits state + history + outbox + idempotency key atomically. */
  send(orderId: string, event: unknown, options: SendOptions): Promise<SendResult>;
  /**
   * The order's history, oldest first: every change with its actor, event, the machines it moved,
   * reason, correlation id and idempotency key. Page with `afterSeq` (the last `seq` you have;
   * default: from the first) and `limit` (default: all).
   *
   * @throws OrderMachineError `INVALID_OPTION` for an `afterSeq` that is not a whole number or a
   *   `limit` that is not a whole number of 1 or more, before the storage is asked;
   *   `STORAGE_FAILURE` when the storage fails
   */
  history(orderId: string, options?: { readonly afterSeq?: number; readonly limit?: number }): Promise<readonly HistoryEntry[]>;
  /**
   * Orders by status, a page at a time, each upgraded like `get` returns it. The filters match the
   * statuses stored with each order's last change.
   *
   * @throws OrderMachineError `INVALID_OPTION` for a bad query (a `limit` other than a whole number
   *   from 1 to 1000, a filter or `cursor` that is not a string), before the storage is asked;
   *   `UNKNOWN_SCHEMA_VERSION` / `CORRUPT_ORDER` for an order on the page that cannot be read (see
   *   `get`); `STORAGE_FAILURE` when the storage fails
   */
  list(query?: ListQuery): Promise<ListPage>;
  /** Fires every due deadline once (expiry, reminders, completion…), however many processes call it. */
  runDue(now?: Date): Promise<RunDueReport>;
}

/**
 * The actor deadlines are sent as.
 *
 * @example
 * ```ts
 * import { TIMER_ACTOR, type OrderEngine } from 'ordermachine';
 * declare const engine: OrderEngine;
 * // Tell the events the timer sent (expiry, reminders, completion…) from those people sent.
 * const history = await engine.history('o-1');
 * const automatic = history.filter((h) => h.actor.kind === TIMER_ACTOR.kind && h.actor.id === TIMER_ACTOR.id);
 * ```
 */
export const TIMER_ACTOR: Actor = Object.freeze({ kind: 'system', id: 'ordermachine-timer' });

const PROVIDER_FACTS = new Set(['PAYMENT_AUTHORIZED', 'PAYMENT_CAPTURED', 'REFUND_SUCCEEDED']);

/** A provider reports a fact with its own reference: the same fact twice needs no key to be recognised. */
function factKey(event: unknown): string | null {
  const e = event as { type?: unknown; paymentId?: unknown; providerRef?: unknown } | null;
  if (typeof e !== 'object' || e === null || typeof e.type !== 'string' || !PROVIDER_FACTS.has(e.type)) return null;
  if (typeof e.paymentId !== 'string' || typeof e.providerRef !== 'string') return null;
  return `fact:${e.type}:${e.paymentId}:${e.providerRef}`;
}

function amountOf(event: unknown): number | null {
  const amount = (event as { amount?: { amount?: unknown } } | null)?.amount?.amount;
  return typeof amount === 'number' ? amount : null;
}

const POSITIVE = 'must be a whole number, 1 or more';
/** The engine's retry and sweep tuning: a zero or fractional count would stop sends or sweeps silently. */
const TuningSchema = z.object({
  maxAttempts: z.int({ error: POSITIVE }).min(1, { error: POSITIVE }).optional(),
  dueBatchSize: z.int({ error: POSITIVE }).min(1, { error: POSITIVE }).optional(),
  dueLeaseMs: z.int({ error: POSITIVE }).min(1, { error: POSITIVE }).optional(),
});

const HistoryQuerySchema = z.object({
  afterSeq: z.int({ error: 'must be a whole number' }).optional(),
  limit: z.int({ error: POSITIVE }).min(1, { error: POSITIVE }).optional(),
});

const PAGE = 'must be a whole number from 1 to 1000';
/** A `list` query as `ListQuery` describes it, checked before the storage is asked. */
const ListQuerySchema = z.object({
  orderState: z.string().optional(),
  paymentStatus: z.string().optional(),
  fulfilmentStatus: z.string().optional(),
  returnStatus: z.string().optional(),
  customerStatus: z.string().optional(),
  limit: z.int({ error: PAGE }).min(1, { error: PAGE }).max(1000, { error: PAGE }).optional(),
  cursor: z.string().nullable().optional(),
});

/**
 * Wraps a port so a failure of the infrastructure behind it (a dropped connection, a failed
 * statement) surfaces as an `OrderMachineError` with a code, the original error as its cause.
 */
function failingAs<T extends object>(code: 'STORAGE_FAILURE' | 'INVENTORY_FAILURE', port: T): T {
  // A proxy, so ports written as classes (methods on the prototype) are wrapped too.
  return new Proxy(port, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      if (typeof member !== 'function') return member;
      return async (...args: unknown[]) => {
        try {
          return await (member as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          if (error instanceof OrderMachineError) throw error;
          throw new OrderMachineError(code, `${String(name)} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      };
    },
  });
}

/**
 * The timer bookkeeping a decision commits: a deadline marked fired and a stock task removed (when
 * the decision was made for them), and the stock tasks it asks for added (once per key).
 */
function nextTimers(timers: TimerState, own: OwnSend | undefined, tasks: readonly StockTask[]): TimerState {
  if (own === undefined && tasks.length === 0) return timers;
  const kept = withoutTask(timers, own?.done).stock ?? [];
  const fired = own?.fired === undefined ? timers.fired : [...timers.fired, own.fired];
  const stock = [...kept, ...tasks.filter((t) => !kept.some((k) => k.key === t.key))];
  return stock.length === 0 ? { fired } : { fired, stock };
}

const defaultDelay = (attempt: number) => Math.min(100, Math.random() * 2 ** attempt);
const sleep = (ms: number) => (ms <= 0 ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, ms)));

/**
 * Builds the engine a backend calls: `create`, `get`, `send`, `history`, `list` and `runDue`,
 * over a storage adapter. Every `send` loads the order, decides with the pure `apply`, and
 * commits the new state, a history row, the outbox effects and the idempotency key in one atomic
 * commit; on a version conflict it reloads and decides again (the decision is pure, so a retry has
 * no side effects). An applied send costs the storage one `load` and one `commit`: the
 * idempotency key is checked by the commit itself (a taken key writes nothing and hands back the
 * first outcome), and the order returned is the one just written, not read back.
 *
 * @param options - storage (required), clock, policy, inventory, migrations, retry tuning
 * @throws OrderMachineError `INVALID_OPTION` for a policy `resolveEnginePolicy` refuses (the message
 *   names the field, e.g. `policy.returnWindowDays`) or a `maxAttempts`, `dueBatchSize` or
 *   `dueLeaseMs` that is not a whole number of 1 or more; `TypeError` for `migrations` that do not chain
 *   (see `createMigrationRegistry`)
 * @example
 * ```ts
 * import { createMemoryStorage, createOrderEngine } from 'ordermachine';
 * const engine = createOrderEngine({ storage: createMemoryStorage() });
 * const created = await engine.create({ orderId: 'o-1', currency: 'EUR' });
 * const result = await engine.send('o-1', { type: 'START_CHECKOUT' }, { actor: { kind: 'customer', id: 'c-1' } });
 * if (result.status === 'rejected') console.log(result.error.reason); // 'CART_EMPTY'
 * ```
 */
export function createOrderEngine(options: OrderEngineOptions): OrderEngine {
  const storage = failingAs('STORAGE_FAILURE', options.storage);
  const inventory = options.inventory && failingAs('INVENTORY_FAILURE', options.inventory);
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const policy: EnginePolicy = resolveEnginePolicy(options.policy);
  const lifecycle = options.lifecycle ?? defaultLifecycle;
  const registry = createMigrationRegistry(options.migrations);
  checkOption(TuningSchema, { maxAttempts: options.maxAttempts, dueBatchSize: options.dueBatchSize, dueLeaseMs: options.dueLeaseMs }, 'options');
  const maxAttempts = options.maxAttempts ?? 20;
  const retryDelay = options.retryDelayMs ?? defaultDelay;
  const dueBatch = options.dueBatchSize ?? 100;
  const dueLease = options.dueLeaseMs ?? 60_000;

  // Only those who may report a fact are answered about an earlier report of it.
  const paymentIndex = buildTransitionIndex('payment', lifecycle.machines.payment);
  const mayReport = (kind: Actor['kind'], type: string) =>
    paymentIndex.states.some((state) => paymentIndex.candidates(state, type).some((c) => c.actors?.includes(kind)));
  // Stock work is due when the change that asked for it was committed, so an order that owes
  // some shows up in the next due scan if the process dies before doing it. (Tasks left by an
  // engine that had an adapter are ignored by one that has none: nothing here could do them.)
  const nextDeadline = (aggregate: OrderAggregate, timers: TimerState) => {
    const deadline = computeDeadlines(aggregate, policy, timers)[0]?.dueAt.toISOString() ?? null;
    const tasks = inventory ? (timers.stock ?? []) : [];
    const task = tasks.reduce<string | null>((min, t) => (min === null || t.at < min ? t.at : min), null);
    return deadline === null || (task !== null && task < deadline) ? task : deadline;
  };
  // With an inventory adapter the engine does reserve_stock / release_stock itself (as stock tasks).
  const handledByInventory = (e: Effect) => inventory !== undefined && e.kind === 'command' && (e.command === 'reserve_stock' || e.command === 'release_stock');
  // A stored order as readers get it: the aggregate at the current schema version, the statuses
  // derived from it when it was upgraded. Nothing is written back; the next change stores it.
  const readable = (stored: StoredOrder): StoredOrder => {
    const aggregate = registry.upgrade(stored.aggregate);
    return aggregate === stored.aggregate ? stored : { ...stored, aggregate, statuses: deriveOrderStatuses(aggregate) };
  };

  /**
   * A commit that changes no state: timer bookkeeping, or recording a conflicting report. `change`
   * returns `null` when there is nothing to write. Resolves to the order after it (`null` if it is
   * gone or writers kept colliding).
   */
  async function bookkeeping(orderId: string, change: (stored: StoredOrder) => { timers: TimerState; history: CommitRequest['history'] } | null): Promise<StoredOrder | null> {
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const stored = await storage.load(orderId);
      if (!stored) return null;
      const changed = change(stored);
      if (changed === null) return stored;
      const aggregate = registry.upgrade(stored.aggregate);
      const at = clock.now().toISOString();
      const order = { aggregate, statuses: deriveOrderStatuses(aggregate), timers: changed.timers, nextDeadlineAt: nextDeadline(aggregate, changed.timers) };
      const result = await storage.commit({ orderId, expectedVersion: stored.version, order, history: changed.history, outbox: [], idempotency: null, at });
      if (result.ok) return { ...stored, ...order, version: result.version, updatedAt: at };
      await sleep(retryDelay(attempt));
    }
    return null;
  }

  const stockWorker =
    inventory &&
    createStockWorker({
      inventory,
      upgrade: (aggregate) => registry.upgrade(aggregate),
      load: (orderId) => storage.load(orderId),
      send: (orderId, event, sendOptions, own) => send(orderId, event, sendOptions, own),
      bookkeeping,
    });

  /** The answer to a send whose key (`byFact`: the provider fact's own key) already has a first outcome. */
  async function answerRepeat(orderId: string, first: unknown, event: unknown, byFact: boolean, options: SendOptions): Promise<SendResult> {
    const record = first as AppliedRecord;
    const amount = amountOf(event);
    if (byFact && record.amount !== null && amount !== null && record.amount !== amount) {
      const message = `provider reference reported again with amount ${amount}; first report was ${record.amount}`;
      await bookkeeping(orderId, (stored) => ({
        timers: stored.timers,
        history: {
          at: clock.now().toISOString(),
          actor: options.actor,
          eventType: (event as { type: string }).type,
          event,
          changes: [],
          reason: `PROVIDER_REFERENCE_MISMATCH: ${message}`,
          correlationId: options.correlationId ?? null,
          idempotencyKey: null,
        },
      }));
      const current = await storage.load(orderId);
      return { status: 'conflict', reason: 'provider_reference_mismatch', currentVersion: current?.version ?? null, message };
    }
    return { status: 'duplicate', first: record };
  }

  async function send(orderId: string, event: unknown, options: SendOptions, own?: OwnSend): Promise<SendResult> {
    const actor = Actor.safeParse(options?.actor);
    if (!actor.success) return { status: 'invalid', error: invalid(null, actor.error.issues.map((i) => ({ path: `actor.${i.path.join('.')}`, message: i.message, code: i.code }))) };
    if (options.idempotencyKey !== undefined && (typeof options.idempotencyKey !== 'string' || options.idempotencyKey.length === 0 || options.idempotencyKey.length > 200)) {
      return { status: 'invalid', error: invalid(null, [{ path: 'idempotencyKey', message: 'must be a string of 1–200 characters', code: 'invalid_key' }]) };
    }
    if (options.expectedVersion !== undefined && !(Number.isSafeInteger(options.expectedVersion) && options.expectedVersion >= 1)) {
      return { status: 'invalid', error: invalid(null, [{ path: 'expectedVersion', message: 'must be a whole number ≥ 1', code: 'invalid_version' }]) };
    }
    const explicitKey = options.idempotencyKey !== undefined;
    // A provider fact (a capture, authorization, refund… with its `providerRef`) is recorded under
    // the fact itself, whatever request id it came with: a gateway resending it under a new
    // delivery id is still the same fact. Any other event is recorded under the caller's key.
    const fact = factKey(event);
    const key = fact ?? options.idempotencyKey ?? null;

    // A key's first outcome stands. The key is not looked up before deciding: a commit with a
    // taken key writes nothing and answers `idempotency_key_taken` with the first outcome, so a
    // repeat that the order would accept again is answered by the commit itself. Only an answer
    // that is not a commit (a refusal, a stale expected version) looks the keys up first — a
    // caller's key for any such answer; a provider fact (checked for shape and actor by
    // deciding) only when the order refused it.
    const lookUp = async (k: string | null | undefined, byFact: boolean): Promise<SendResult | null> => {
      if (k === null || k === undefined) return null;
      const first = await storage.findIdempotencyResult(orderId, k);
      return first === undefined ? null : answerRepeat(orderId, first, event, byFact, options);
    };
    const repeated = async (): Promise<SendResult | null> => (await lookUp(options.idempotencyKey, false)) ?? (await lookUp(fact, true));

    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const stored = await storage.load(orderId);
      // Keys belong to an order: without the order there is no first outcome to return.
      if (!stored) return { status: 'not_found', orderId };
      if (options.expectedVersion !== undefined && stored.version !== options.expectedVersion) {
        const repeat = explicitKey ? await repeated() : null;
        if (repeat !== null) return repeat;
        return { status: 'conflict', reason: 'stale_version', currentVersion: stored.version, message: `order ${orderId} is at version ${stored.version}, not ${options.expectedVersion}: someone else changed it` };
      }
      const aggregate = registry.upgrade(stored.aggregate);
      const now = own?.now ?? clock.now();
      const result = lifecycle.apply(aggregate, event, { actor: actor.data, now, policy });
      if (!result.ok) {
        // The order may have moved on since the first delivery: a refusal of a known key is a repeat.
        if (explicitKey || (result.error.code === 'REJECTED' && mayReport(actor.data.kind, result.error.event))) {
          const repeat = await repeated();
          if (repeat !== null) return repeat;
        }
        return match(result.error)
          .returnType<SendResult>()
          .with({ code: 'INVALID' }, (error) => ({ status: 'invalid', error }))
          .with({ code: 'FORBIDDEN' }, (error) => ({ status: 'forbidden', error }))
          .with({ code: 'REJECTED' }, (error) => ({ status: 'rejected', error }))
          .exhaustive();
      }
      const version = stored.version + 1;
      // `at` is known before the commit: `apply` has just formatted this same time (`toIso` hands its answer back).
      const at = toIso(now);
      const timers = nextTimers(stored.timers, own, stockWorker ? stockTasksFor(result, version, at) : []);
      // Each effect keeps its index in `result.effects` in its key; the stock commands an inventory adapter does are left out.
      const outbox = result.effects.map((effect, i) => ({ dedupeKey: `${orderId}:${version}:${i}`, effect })).filter((m) => !handledByInventory(m.effect));
      const effects = outbox.map((m) => m.effect);
      const record: AppliedRecord = {
        status: 'applied',
        version,
        eventType: (event as { type: string }).type,
        effects,
        changes: result.changes,
        amount: amountOf(event),
      };
      const statuses = deriveOrderStatuses(result.order);
      const nextDeadlineAt = nextDeadline(result.order, timers);
      const commit = await storage.commit({
        orderId,
        expectedVersion: stored.version,
        order: { aggregate: result.order, statuses, timers, nextDeadlineAt },
        history: {
          at,
          actor: actor.data,
          eventType: record.eventType,
          event,
          changes: result.changes,
          reason: options.reason ?? null,
          correlationId: options.correlationId ?? null,
          idempotencyKey: key,
        },
        outbox,
        idempotency: key === null ? null : { key, result: record },
        at,
      });
      if (commit.ok) {
        // What was just committed, as `load` would return it (not read back: the engine wrote it).
        const committed: StoredOrder = {
          id: orderId,
          version: commit.version,
          aggregate: result.order,
          statuses,
          timers,
          nextDeadlineAt,
          createdAt: stored.createdAt,
          updatedAt: at,
        };
        // The fast path: the stock work this change asked for is done now, the way `runDue` does
        // it. The change is committed whatever happens here: if the adapter or the storage fails
        // (or the process dies), the work stays due and the next `runDue` does it — and throws what
        // still fails. Sends made for stock work or a deadline (`own`) leave the rest to the worker
        // or sweep that made them.
        if (stockWorker && own === undefined && timers.stock !== undefined) {
          await stockWorker.drain(committed, clock.now(), { fired: [], skipped: [] }).catch(() => undefined);
        }
        return { status: 'applied', order: committed, effects, changes: result.changes };
      }
      if (commit.reason === 'idempotency_key_taken') return answerRepeat(orderId, commit.result, event, key === fact, options);
      if (options.expectedVersion !== undefined) {
        return { status: 'conflict', reason: 'stale_version', currentVersion: commit.currentVersion, message: `order ${orderId} changed while deciding: someone else changed it` };
      }
      await sleep(retryDelay(attempt));
    }
    const current = await storage.load(orderId);
    return { status: 'conflict', reason: 'too_many_conflicts', currentVersion: current?.version ?? null, message: `order ${orderId}: still colliding with other writers after ${maxAttempts} attempts` };
  }

  async function create(input: OrderInputRaw, createOptions: { readonly actor?: Actor; readonly correlationId?: string } = {}): Promise<CreateResult> {
    const now = clock.now();
    const created = lifecycle.createOrder(input, { now });
    if (!created.ok) return { status: 'invalid', error: created.error };
    const aggregate = created.order;
    const timers: TimerState = { fired: [] };
    const at = now.toISOString();
    const statuses = deriveOrderStatuses(aggregate);
    const nextDeadlineAt = nextDeadline(aggregate, timers);
    const result = await storage.commit({
      orderId: aggregate.id,
      expectedVersion: null,
      order: { aggregate, statuses, timers, nextDeadlineAt },
      history: {
        at,
        actor: createOptions.actor ?? TIMER_ACTOR,
        eventType: 'CREATE_ORDER',
        event: input,
        changes: [{ machine: 'order', id: aggregate.id, from: null, to: aggregate.order.state }],
        reason: null,
        correlationId: createOptions.correlationId ?? null,
        idempotencyKey: null,
      },
      outbox: [],
      idempotency: null,
      at,
    });
    if (!result.ok) {
      return { status: 'conflict', reason: 'exists', currentVersion: result.reason === 'conflict' ? result.currentVersion : null, message: `order ${aggregate.id} already exists` };
    }
    // What was just committed, as `load` would return it.
    return { status: 'created', order: { id: aggregate.id, version: result.version, aggregate, statuses, timers, nextDeadlineAt, createdAt: at, updatedAt: at } };
  }

  async function fireDue(orderId: string, now: Date, report: DueReport): Promise<void> {
    // An order may have several deadlines due at once (e.g. a feedback request and completion).
    for (let round = 0; round < 10; round += 1) {
      const stored = await storage.load(orderId);
      if (!stored) return;
      // Stock work first: it is due since the change that asked for it was committed.
      if (stockWorker && stored.timers.stock?.some((t) => new Date(t.at) <= now)) {
        await stockWorker.drain(stored, now, report);
        continue;
      }
      const due = computeDeadlines(registry.upgrade(stored.aggregate), policy, stored.timers).filter((d) => d.dueAt <= now);
      const deadline = due[0];
      if (deadline === undefined) {
        // The stored next deadline was stale (e.g. written with another policy): store the right one.
        if (stored.nextDeadlineAt !== null && new Date(stored.nextDeadlineAt) <= now) await bookkeeping(orderId, (s) => ({ timers: s.timers, history: null }));
        return;
      }
      const event: OrderEventInput = deadline.event;
      const result = await send(orderId, event, { actor: TIMER_ACTOR, idempotencyKey: `timer:${deadline.key}`, reason: `deadline ${deadline.key} due ${deadline.dueAt.toISOString()}` }, { fired: deadline.key, now });
      if (result.status === 'applied') {
        report.fired.push({ orderId, key: deadline.key, eventType: event.type });
        continue;
      }
      if (result.status === 'conflict' || result.status === 'not_found') return;
      const reason = result.status === 'duplicate' ? 'already fired' : result.status === 'invalid' ? result.error.message : result.error.reason;
      // Refused (the order moved on) or already done: mark it fired so it is not tried again.
      await bookkeeping(orderId, (s) => ({
        timers: { ...s.timers, fired: [...s.timers.fired, deadline.key] },
        history: {
          at: now.toISOString(),
          actor: TIMER_ACTOR,
          eventType: event.type,
          event,
          changes: [],
          reason: `deadline ${deadline.key} skipped: ${reason}`,
          correlationId: null,
          idempotencyKey: null,
        },
      }));
      report.skipped.push({ orderId, key: deadline.key, reason });
    }
  }

  return {
    create,
    get: async (orderId) => {
      const stored = await storage.load(orderId);
      return stored && readable(stored);
    },
    send: (orderId, event, sendOptions) => send(orderId, event, sendOptions),
    history: async (orderId, historyOptions = {}) => {
      checkOption(HistoryQuerySchema, historyOptions, 'history');
      return storage.history(orderId, historyOptions);
    },
    list: async (query = {}) => {
      checkOption(ListQuerySchema, query, 'list');
      const page = await storage.list(query);
      return { ...page, items: page.items.map(readable) };
    },
    async runDue(now = clock.now()) {
      const report: DueReport = { fired: [], skipped: [] };
      // A failing inventory holds back only its own order (claimed, so retried when the lease
      // runs out): the sweep goes on, then the first failure is thrown.
      let inventoryFailure: unknown = null;
      for (;;) {
        const due = await storage.claimDue(now.toISOString(), { limit: dueBatch, leaseMs: dueLease });
        for (const d of due) {
          try {
            await fireDue(d.orderId, now, report);
          } catch (error) {
            if (!isInventoryFailure(error)) throw error;
            inventoryFailure ??= error;
          }
        }
        if (due.length < dueBatch) break;
      }
      if (inventoryFailure !== null) throw inventoryFailure;
      return report;
    },
  };
}
