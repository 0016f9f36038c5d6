import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeDeadlines } from '../engine/computeDeadlines.js';
import { TIMER_ACTOR, type OrderEngine } from '../engine/createOrderEngine.js';
import { INVENTORY_ACTOR } from '../engine/createStockWorker.js';
import { resolveEnginePolicy, type EnginePolicy } from '../engine/EnginePolicy.js';
import type { SendResult } from '../engine/SendResult.js';
import { stockTasksFor } from '../engine/stockTasksFor.js';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { apply } from '../lifecycle/apply.js';
import { createOrder } from '../lifecycle/createOrder.js';
import { deriveOrderStatuses } from '../lifecycle/deriveOrderStatuses.js';
import { DEFAULT_MACHINES } from '../lifecycle/machineSet.js';
import type { Applied } from '../lifecycle/results.js';
import { buildTransitionIndex } from '../lifecycle/transitionIndex.js';
import type { Actor, ActorKind } from '../model/actor.js';
import type { CurrencyCode } from '../model/currencies.js';
import type { Effect } from '../model/effects.js';
import type { HistoryEntry, StockTask, StorageAdapter } from '../ports/StorageAdapter.js';
import { findStep, type SequenceStepKind } from './arbitraryEventSequence.js';
import { arbitraryOrderPlan, type OrderPlan } from './arbitraryOrder.js';
import { arbitraryStepChoice } from './arbitraryStepChoice.js';
import { checkInvariants } from './checkInvariants.js';
import type { FakeClock } from './createFakeClock.js';
import type { StepChoice } from './eventFor.js';

/**
 * What a model run drives: the host's engine, the storage it writes to, and the fake clock it
 * reads. The engine must be built over exactly this storage and clock. Set `inventory` when it
 * was built with an inventory adapter.
 */
export interface EngineUnderTest {
  readonly engine: OrderEngine;
  readonly storage: StorageAdapter;
  readonly clock: FakeClock;
  /**
   * `true` when the engine has an inventory adapter (`createOrderEngine({ inventory })`): the
   * model then expects no `reserve_stock` / `release_stock` in the outbox, and after every
   * command each stock task done — the reservation answered (`STOCK_RESERVED`,
   * `STOCK_UNAVAILABLE` or `PUT_ON_HOLD`, each one the order accepts), each release and each
   * leaving parcel's commit noted — and none left owed. The adapter must not fail during the run.
   */
  readonly inventory?: boolean;
  /** Called once after the run, pass or fail (close pools, drop schemas…). */
  readonly teardown?: () => Promise<void>;
}

/** Makes a fresh engine over a fresh, empty storage; called once per run (and per shrink). */
export type EngineFactory = () => Promise<EngineUnderTest>;

/** What the model expects of one order: the pure replay of what was applied to it, and the engine's bookkeeping. */
export interface ModelOrder {
  readonly id: string;
  /** `createOrder` and `apply` of every accepted event, at the times the engine decided them. */
  aggregate: OrderAggregate;
  /** One per commit: the create, each applied event, each bookkeeping write. */
  version: number;
  /** History rows: the create, each applied event, each recorded refusal of a deadline or a provider report. */
  history: number;
  /** Idempotency keys stored with the order (the caller's, provider facts, timers) → the version and amount first applied. */
  readonly keys: Map<string, { readonly version: number; readonly amount: number | null }>;
  /** Provider facts applied so far (captures, authorizations, refunds), to report again. */
  readonly facts: { readonly event: unknown; readonly actor: Actor }[];
  /** Timer keys the engine recorded as fired or skipped. */
  readonly fired: string[];
}

/**
 * The model of a run: the orders as they should be, the engine's time rules, and the outbox rows
 * the last command should have written.
 */
export interface EngineModel {
  readonly orders: ModelOrder[];
  readonly policy: EnginePolicy;
  /** Whether the engine does the stock work itself (see {@link EngineUnderTest}). */
  readonly inventory: boolean;
  /** Outbox rows written by the command being run, to compare with what the storage hands out. */
  readonly outbox: { orderId: string; dedupeKey: string; effect: Effect }[];
}

/** One command of a model run (create, send, replay, advance the clock, run due deadlines…). */
export type EngineCommand = fc.AsyncCommand<EngineModel, EngineUnderTest>;

/** Options of {@link orderEngineCommands}. */
export interface OrderEngineCommandsOptions {
  /** Most commands per run (default 30). */
  readonly maxCommands?: number;
  /** Most orders a run creates (default 3). */
  readonly maxOrders?: number;
  /** The currency of every order; default: any ISO 4217 currency. */
  readonly currency?: CurrencyCode;
}

/** Options of {@link runEngineModel}. */
export interface RunEngineModelOptions {
  /** The policy the host's engine was built with (`createOrderEngine({ policy })`); default the library's. */
  readonly policy?: Parameters<typeof resolveEnginePolicy>[0];
}

const PROVIDER_FACTS = new Set(['PAYMENT_AUTHORIZED', 'PAYMENT_CAPTURED', 'REFUND_SUCCEEDED']);
const paymentIndex = buildTransitionIndex('payment', DEFAULT_MACHINES.payment);

/** The key under which the engine remembers a provider's report without a caller's key (as the engine documents it). */
function factKey(event: unknown): string | null {
  const e = event as { type?: unknown; paymentId?: unknown; providerRef?: unknown } | null;
  if (typeof e !== 'object' || e === null || typeof e.type !== 'string' || !PROVIDER_FACTS.has(e.type)) return null;
  if (typeof e.paymentId !== 'string' || typeof e.providerRef !== 'string') return null;
  return `fact:${e.type}:${e.paymentId}:${e.providerRef}`;
}

const amountOf = (event: unknown): number | null => {
  const amount = (event as { amount?: { amount?: unknown } } | null)?.amount?.amount;
  return typeof amount === 'number' ? amount : null;
};

/** Whether this kind of actor may ever report this payment fact. */
const mayReport = (kind: ActorKind, type: string) => paymentIndex.states.some((state) => paymentIndex.candidates(state, type).some((c) => c.actors?.includes(kind)));

const describeEvent = (event: unknown): string => {
  const text = JSON.stringify(event) ?? String(event);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

/** What the engine must answer to one `send`, as the model predicts it. */
type Prediction =
  | { readonly status: 'applied'; readonly applied: Applied; readonly key: string | null }
  | { readonly status: 'duplicate'; readonly firstVersion: number }
  | { readonly status: 'conflict'; readonly reason: 'stale_version' | 'provider_reference_mismatch' }
  | { readonly status: 'rejected' | 'forbidden' | 'invalid' };

/**
 * The engine's contract for one `send`, on the model: a caller's key seen before → the first
 * outcome; a stale version → conflict; otherwise decide with `apply`; a provider fact reported
 * again → the first outcome, or a conflict when the amount differs.
 */
function predict(order: ModelOrder, event: unknown, actor: Actor, options: { idempotencyKey?: string; expectedVersion?: number }, now: Date, policy: EnginePolicy): Prediction {
  const explicit = options.idempotencyKey;
  // A provider fact is recorded under the fact, whatever request id it came with; anything else under the caller's key.
  const fact = factKey(event);
  const key = fact ?? explicit ?? null;
  const repeat = (k: string): Prediction => {
    const first = order.keys.get(k);
    assert.ok(first, 'model: a repeat needs a first outcome');
    const amount = amountOf(event);
    if (k === fact && first.amount !== null && amount !== null && first.amount !== amount) return { status: 'conflict', reason: 'provider_reference_mismatch' };
    return { status: 'duplicate', firstVersion: first.version };
  };
  // The keys an answer that is not a commit is checked against: the caller's, then the fact's.
  const known = [explicit, fact].find((k): k is string => typeof k === 'string' && order.keys.has(k));
  // (For any other event a known key of the caller's answers whatever happens: the commit itself finds it taken.)
  if (fact === null && explicit !== undefined && order.keys.has(explicit)) return repeat(explicit);
  if (options.expectedVersion !== undefined && options.expectedVersion !== order.version) {
    return explicit !== undefined && known !== undefined ? repeat(known) : { status: 'conflict', reason: 'stale_version' };
  }
  const result = apply(order.aggregate, event, { actor, now, policy });
  if (!result.ok) {
    if (known !== undefined && (explicit !== undefined || (result.error.code === 'REJECTED' && mayReport(actor.kind, result.error.event)))) return repeat(known);
    return { status: result.error.code === 'INVALID' ? 'invalid' : result.error.code === 'FORBIDDEN' ? 'forbidden' : 'rejected' };
  }
  if (key !== null && order.keys.has(key)) return repeat(key);
  return { status: 'applied', applied: result, key };
}

/** Records an applied event in the model and the outbox rows it must have written. */
function recordApplied(model: EngineModel, order: ModelOrder, applied: Applied, event: unknown, actor: Actor, key: string | null): void {
  order.version += 1;
  order.history += 1;
  order.aggregate = applied.order;
  if (key !== null) order.keys.set(key, { version: order.version, amount: amountOf(event) });
  if (factKey(event) !== null) order.facts.push({ event, actor });
  expectOutbox(model, order.id, order.version, applied.effects);
}

/** Whether an engine like the model's does `effect` itself instead of writing it to the outbox (the stock commands, with an inventory adapter). */
function ownStock(model: EngineModel, effect: Effect): boolean {
  return model.inventory && effect.kind === 'command' && (effect.command === 'reserve_stock' || effect.command === 'release_stock');
}

/** The outbox rows a commit of `version` must write for `effects` (an engine with an inventory adapter keeps the stock commands to itself). */
function expectOutbox(model: EngineModel, orderId: string, version: number, effects: readonly Effect[]): void {
  effects.forEach((effect, i) => {
    if (!ownStock(model, effect)) model.outbox.push({ orderId, dedupeKey: `${orderId}:${version}:${i}`, effect });
  });
}

/** The stock-task kind a history row of the engine's inventory actor records done. */
function stockKindOf(row: HistoryEntry): StockTask['kind'] | null {
  if (row.eventType === 'release_stock') return 'release';
  if (row.eventType === 'commit_stock') return 'commit';
  if (row.eventType === 'reserve_stock' || ['STOCK_RESERVED', 'STOCK_UNAVAILABLE', 'PUT_ON_HOLD'].includes(row.eventType)) return 'reserve';
  return null;
}

/**
 * Moves the model over one history row the engine wrote for its own stock work: an answer to a
 * reservation is replayed with the pure `apply` (it must be accepted, and may ask for more stock
 * work), a note changes nothing. Returns the stock work the row did and the work it asked for.
 */
function absorbStockRow(model: EngineModel, order: ModelOrder, row: HistoryEntry, what: string): { done: StockTask['kind']; asked: StockTask[] } {
  assert.deepEqual(row.actor, INVENTORY_ACTOR, `${what}: order ${order.id}: history row ${row.seq} (${row.eventType}) by ${JSON.stringify(row.actor)}, where only the engine's stock work may write`);
  const done = stockKindOf(row);
  assert.ok(done !== null, `${what}: order ${order.id}: the inventory actor wrote ${row.eventType}, which is no stock work`);
  order.history += 1;
  order.version = row.seq;
  if (row.changes.length === 0) return { done, asked: [] };
  const result = apply(order.aggregate, row.event, { actor: row.actor, now: row.at, policy: model.policy });
  assert.ok(result.ok, `${what}: order ${order.id}: the engine answered its reservation with ${row.eventType}, which apply refuses: ${result.ok ? '' : result.error.message}`);
  assert.deepEqual(row.changes, result.changes, `${what}: order ${order.id}: ${row.eventType} moved other machines than apply does`);
  order.aggregate = result.order;
  if (row.idempotencyKey !== null) order.keys.set(row.idempotencyKey, { version: row.seq, amount: amountOf(row.event) });
  expectOutbox(model, order.id, row.seq, result.effects);
  return { done, asked: stockTasksFor(result, row.seq, row.at) };
}

/**
 * After a decision that asked for stock work (`asked`), the rows the engine's fast path wrote for
 * it: one per task, each kind as asked (an answer or a skip note per reservation, a note per
 * release and per parcel that left).
 */
async function absorbStockWork(model: EngineModel, real: EngineUnderTest, order: ModelOrder, asked: readonly StockTask[], what: string): Promise<void> {
  if (!model.inventory) return;
  const rows = (await real.storage.history(order.id)).slice(order.history);
  const wanted = asked.map((t) => t.kind);
  const done: StockTask['kind'][] = [];
  for (const row of rows) {
    const step = absorbStockRow(model, order, row, what);
    done.push(step.done);
    wanted.push(...step.asked.map((t) => t.kind));
  }
  assert.deepEqual(done.sort(), wanted.sort(), `${what}: order ${order.id}: stock work asked for ${JSON.stringify(wanted)}, done ${JSON.stringify(done)}`);
}

const byKey = (a: { dedupeKey: string }, b: { dedupeKey: string }) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0);

/**
 * After every command: each order is stored exactly as the model has it (version, aggregate,
 * statuses, history length, next deadline) and keeps the library's invariants, and the outbox
 * holds exactly the rows the command should have written (drained here).
 */
async function verify(model: EngineModel, real: EngineUnderTest, command: string): Promise<void> {
  const now = real.clock.now().toISOString();
  for (const order of model.orders) {
    const stored = await real.storage.load(order.id);
    assert.ok(stored, `${command}: order ${order.id} is not stored`);
    assert.equal(stored.version, order.version, `${command}: order ${order.id} is at version ${stored.version}, the model expects ${order.version}`);
    assert.deepEqual(stored.aggregate, order.aggregate, `${command}: order ${order.id} as stored differs from the pure replay of its accepted events`);
    assert.deepEqual(stored.statuses, deriveOrderStatuses(order.aggregate), `${command}: order ${order.id}: stored statuses differ from the derived ones`);
    const broken = checkInvariants(stored.aggregate);
    assert.deepEqual(broken, [], `${command}: order ${order.id} breaks invariants: ${broken.map((b) => `${b.invariant}: ${b.message}`).join('; ')}`);
    const history = await real.storage.history(order.id);
    assert.equal(history.length, order.history, `${command}: order ${order.id} has ${history.length} history rows, the model expects ${order.history}`);
    history.forEach((row, i) => {
      const previous = history[i - 1];
      assert.ok(previous === undefined || row.seq > previous.seq, `${command}: order ${order.id}: history seq ${row.seq} after ${previous?.seq ?? ''}`);
      assert.ok(row.seq <= stored.version, `${command}: order ${order.id}: history seq ${row.seq} beyond version ${stored.version}`);
    });
    assert.deepEqual([...stored.timers.fired].sort(), [...order.fired].sort(), `${command}: order ${order.id}: fired timers differ`);
    assert.deepEqual(stored.timers.stock ?? [], [], `${command}: order ${order.id}: stock work left owed`);
    const next = computeDeadlines(stored.aggregate, model.policy, stored.timers)[0]?.dueAt.toISOString() ?? null;
    assert.equal(stored.nextDeadlineAt, next, `${command}: order ${order.id}: the stored next deadline is not the first due one`);
  }
  const written: { orderId: string; dedupeKey: string; effect: Effect }[] = [];
  for (let round = 0; round < 1_000; round += 1) {
    const claimed = await real.storage.claimOutbox(now, { limit: 100, leaseMs: 60_000 });
    if (claimed.length === 0) break;
    for (const message of claimed) {
      await real.storage.ackOutbox(message.id, { at: now, attempt: message.attempts });
      written.push({ orderId: message.orderId, dedupeKey: message.dedupeKey, effect: message.effect });
    }
  }
  assert.deepEqual(written.sort(byKey), [...model.outbox].sort(byKey), `${command}: the outbox rows written differ from the effects of the applied events`);
  model.outbox.length = 0;
}

/** Checks the engine's answer against the model's prediction, and moves the model on. */
async function sendAndCheck(
  model: EngineModel,
  real: EngineUnderTest,
  order: ModelOrder,
  event: unknown,
  actor: Actor,
  options: { idempotencyKey?: string; expectedVersion?: number },
  what: string,
): Promise<SendResult> {
  const now = real.clock.now();
  const expected = predict(order, event, actor, options, now, model.policy);
  const result = await real.engine.send(order.id, event, { actor, ...options });
  const detail = () => `${what}: ${describeEvent(event)} by ${actor.kind} ${JSON.stringify(options)} on ${order.id}@${order.version} (${order.aggregate.order.state})`;
  const reason = (r: SendResult) => (r.status === 'conflict' ? `/${r.reason}` : r.status === 'rejected' || r.status === 'forbidden' ? `/${r.error.reason}` : '');
  assert.equal(
    `${result.status}${result.status === 'conflict' ? reason(result) : ''}`,
    `${expected.status}${expected.status === 'conflict' ? `/${expected.reason}` : ''}`,
    `${detail()}: the engine answered ${result.status}${reason(result)}, the model expects ${expected.status}`,
  );
  if (expected.status === 'applied' && result.status === 'applied') {
    assert.equal(result.order.version, order.version + 1, `${detail()}: applied as version ${result.order.version}`);
    const written = expected.applied.effects.filter((effect) => !ownStock(model, effect));
    assert.deepEqual(result.effects, written, `${detail()}: effects differ from apply's (less the stock commands the engine does itself)`);
    assert.deepEqual(result.changes, expected.applied.changes, `${detail()}: changes differ from apply's`);
    recordApplied(model, order, expected.applied, event, actor, expected.key);
    const [row] = await real.storage.history(order.id, { afterSeq: order.version - 1, limit: 1 });
    assert.ok(row && row.seq === order.version, `${detail()}: no history row for version ${order.version}`);
    assert.equal(row.eventType, (event as { type: string }).type, `${detail()}: history row of another event`);
    assert.deepEqual(row.actor, actor, `${detail()}: history row of another actor`);
    assert.equal(row.idempotencyKey, expected.key, `${detail()}: history row with another idempotency key`);
    await absorbStockWork(model, real, order, stockTasksFor(expected.applied, order.version, row.at), detail());
  }
  if (expected.status === 'duplicate' && result.status === 'duplicate') {
    assert.equal(result.first.version, expected.firstVersion, `${detail()}: the duplicate answers version ${result.first.version}, first applied as ${expected.firstVersion}`);
  }
  if (expected.status === 'conflict' && result.status === 'conflict') {
    if (expected.reason === 'provider_reference_mismatch') {
      // Recorded in the history, as a write that changes no state.
      order.version += 1;
      order.history += 1;
    }
    assert.equal(result.currentVersion, order.version, `${detail()}: the conflict names version ${String(result.currentVersion)}`);
  }
  return result;
}

// ── commands ──────────────────────────────────────────────────────────────────────────────

const pickOrder = (model: EngineModel, n: number): ModelOrder => model.orders[n % model.orders.length] as ModelOrder;

class CreateOrder implements EngineCommand {
  constructor(
    readonly plan: OrderPlan,
    readonly maxOrders: number,
  ) {}
  check = (m: Readonly<EngineModel>) => m.orders.length < this.maxOrders;
  async run(m: EngineModel, r: EngineUnderTest): Promise<void> {
    const id = `order-${m.orders.length + 1}`;
    const input = { ...this.plan.input, orderId: id };
    const actor = this.plan.steps[0]?.actor ?? { kind: 'customer', id: 'guest' };
    const created = await r.engine.create(input, { actor });
    assert.equal(created.status, 'created', `${this.toString()}: create answered ${created.status}`);
    const pure = createOrder(input, { now: r.clock.now() });
    assert.ok(pure.ok, 'model: createOrder refused a plan');
    const order: ModelOrder = { id, aggregate: pure.order, version: 1, history: 1, keys: new Map(), facts: [], fired: [] };
    m.orders.push(order);
    for (const step of this.plan.steps) await sendAndCheck(m, r, order, step.event, step.actor, {}, 'checkout');
    await verify(m, r, this.toString());
  }
  toString = () => `create(${this.plan.steps.length === 0 ? 'cart' : 'placed'} in ${this.plan.input.currency}, ${this.plan.input.items?.length ?? 0} lines)`;
}

class CreateExisting implements EngineCommand {
  constructor(readonly target: number) {}
  check = (m: Readonly<EngineModel>) => m.orders.length > 0;
  async run(m: EngineModel, r: EngineUnderTest): Promise<void> {
    const order = pickOrder(m, this.target);
    const result = await r.engine.create({ orderId: order.id, currency: order.aggregate.order.context.currency }, { actor: { kind: 'staff', id: 'staff-1' } });
    assert.equal(result.status, 'conflict', `${this.toString()}: creating ${order.id} again answered ${result.status}`);
    await verify(m, r, this.toString());
  }
  toString = () => `createExisting(#${this.target})`;
}

/** How a send names the version it was decided on. */
type VersionChoice = 'none' | 'current' | 'stale';

class Send implements EngineCommand {
  constructor(
    readonly target: number,
    readonly kind: SequenceStepKind,
    readonly choice: StepChoice,
    readonly key: number | null,
    readonly version: VersionChoice,
  ) {}
  check = (m: Readonly<EngineModel>) => m.orders.length > 0;
  async run(m: EngineModel, r: EngineUnderTest): Promise<void> {
    const order = pickOrder(m, this.target);
    const found = findStep(order.aggregate, this.choice, this.kind, r.clock.now().toISOString(), { policy: m.policy });
    if (found !== null) {
      const expectedVersion = this.version === 'none' ? undefined : this.version === 'current' ? order.version : order.version > 1 ? order.version - 1 : order.version + 1;
      const options = { ...(this.key === null ? {} : { idempotencyKey: `key-${this.key}` }), ...(expectedVersion === undefined ? {} : { expectedVersion }) };
      await sendAndCheck(m, r, order, found.step.event, found.step.actor, options, `send ${this.kind} (${found.step.note})`);
    }
    await verify(m, r, this.toString());
  }
  toString = () => `send(#${this.target}, ${this.kind}, key ${this.key ?? '-'}, version ${this.version}, ${JSON.stringify(this.choice)})`;
}

class ReplayFact implements EngineCommand {
  constructor(
    readonly target: number,
    readonly which: number,
    readonly otherAmount: boolean,
    /** A request id to send it with (`key-<n>`, the same ids other sends use), as a gateway redelivering a webhook does. */
    readonly key: number | null = null,
  ) {}
  check = (m: Readonly<EngineModel>) => m.orders.some((o) => o.facts.length > 0);
  async run(m: EngineModel, r: EngineUnderTest): Promise<void> {
    const withFacts = m.orders.filter((o) => o.facts.length > 0);
    const order = withFacts[this.target % withFacts.length] as ModelOrder;
    const fact = order.facts[this.which % order.facts.length] as ModelOrder['facts'][number];
    const event = structuredClone(fact.event) as { amount?: { amount: number } };
    if (this.otherAmount && event.amount) event.amount.amount += 1;
    const options = this.key === null ? {} : { idempotencyKey: `key-${this.key}` };
    await sendAndCheck(m, r, order, event, fact.actor, options, this.otherAmount ? 'report a fact again with another amount' : 'report a fact again');
    await verify(m, r, this.toString());
  }
  toString = () => `replayFact(#${this.target}, ${this.which}${this.otherAmount ? ', other amount' : ''}${this.key === null ? '' : `, key ${this.key}`})`;
}

class SendToMissing implements EngineCommand {
  check = () => true;
  async run(m: EngineModel, r: EngineUnderTest): Promise<void> {
    const result = await r.engine.send('no-such-order', { type: 'START_CHECKOUT' }, { actor: { kind: 'customer', id: 'c-1' } });
    assert.equal(result.status, 'not_found', `${this.toString()}: answered ${result.status}`);
    await verify(m, r, this.toString());
  }
  toString = () => 'sendToMissing()';
}

class Advance implements EngineCommand {
  constructor(
    readonly minutes: number,
    readonly runDue: boolean,
  ) {}
  check = () => true;
  async run(m: EngineModel, r: EngineUnderTest): Promise<void> {
    const now = r.clock.advance({ minutes: this.minutes });
    if (!this.runDue) return verify(m, r, this.toString());
    const report = await r.engine.runDue();
    const fired = new Map<string, number>();
    const skipped = new Map<string, number>();
    // Deadlines only: stock work a deadline asked for is reported too, under its task key.
    const deadlines = { fired: report.fired.filter((f) => !f.key.startsWith('stock_')), skipped: report.skipped.filter((s) => !s.key.startsWith('stock_')) };
    for (const f of deadlines.fired) fired.set(f.orderId, (fired.get(f.orderId) ?? 0) + 1);
    for (const s of deadlines.skipped) skipped.set(s.orderId, (skipped.get(s.orderId) ?? 0) + 1);
    for (const order of m.orders) {
      const rows = await r.storage.history(order.id);
      const fresh = rows.slice(order.history);
      const versionBefore = order.version;
      let applied = 0;
      let refused = 0;
      const stockAsked: StockTask['kind'][] = [];
      const stockDone: StockTask['kind'][] = [];
      for (const row of fresh) {
        if (m.inventory && row.actor.id === INVENTORY_ACTOR.id) {
          const step = absorbStockRow(m, order, row, this.toString());
          stockDone.push(step.done);
          stockAsked.push(...step.asked.map((t) => t.kind));
          continue;
        }
        assert.deepEqual(row.actor, TIMER_ACTOR, `${this.toString()}: order ${order.id}: a deadline was sent by ${JSON.stringify(row.actor)}`);
        if (row.changes.length === 0) {
          refused += 1;
          order.history += 1;
          continue;
        }
        // The model: the deadline's event, decided by the pure apply at the sweep's time.
        const result = apply(order.aggregate, row.event, { actor: row.actor, now: row.at, policy: m.policy });
        assert.ok(result.ok, `${this.toString()}: order ${order.id}: the deadline ${row.eventType} was applied by the engine but apply refuses it: ${result.ok ? '' : result.error.message}`);
        assert.equal(row.at, now.toISOString(), `${this.toString()}: a deadline fired at ${row.at}, not at the sweep's time`);
        applied += 1;
        order.history += 1;
        order.version = row.seq;
        order.aggregate = result.order;
        if (row.idempotencyKey !== null) order.keys.set(row.idempotencyKey, { version: row.seq, amount: amountOf(row.event) });
        expectOutbox(m, order.id, row.seq, result.effects);
        stockAsked.push(...stockTasksFor(result, row.seq, row.at).map((t) => t.kind));
      }
      assert.deepEqual(stockDone.sort(), stockAsked.sort(), `${this.toString()}: order ${order.id}: stock work asked for by deadlines ${JSON.stringify(stockAsked)}, done ${JSON.stringify(stockDone)}`);
      assert.equal(applied, fired.get(order.id) ?? 0, `${this.toString()}: order ${order.id}: ${applied} deadline events in the history, ${fired.get(order.id) ?? 0} reported fired`);
      assert.equal(refused, skipped.get(order.id) ?? 0, `${this.toString()}: order ${order.id}: ${refused} skipped deadlines in the history, ${skipped.get(order.id) ?? 0} reported skipped`);
      for (const f of deadlines.fired) if (f.orderId === order.id) order.fired.push(f.key);
      for (const s of deadlines.skipped) if (s.orderId === order.id) order.fired.push(s.key);
      // One commit per history row: the fired events, and the refusals recorded so they are not tried again.
      order.version = versionBefore + fresh.length;
      const stored = await r.storage.load(order.id);
      assert.ok(stored, `${this.toString()}: order ${order.id} is gone`);
      const due = computeDeadlines(stored.aggregate, m.policy, stored.timers).filter((d) => d.dueAt <= now);
      assert.deepEqual(due.map((d) => d.key), [], `${this.toString()}: order ${order.id}: deadlines still due after runDue`);
    }
    await verify(m, r, this.toString());
    const again = await r.engine.runDue();
    assert.deepEqual(again, { fired: [], skipped: [] }, `${this.toString()}: a second runDue at the same time did something`);
    await verify(m, r, `${this.toString()} (second runDue)`);
  }
  toString = () => `advance(${this.minutes} min${this.runDue ? ', runDue' : ''})`;
}

/**
 * fast-check commands for a model-based test of an order engine: create orders (carts, or placed
 * through a random checkout), send legal, illegal, forbidden and hostile events (with and without
 * idempotency keys — reused keys are duplicates — and with the current or a stale
 * `expectedVersion`), report provider facts again (same or other amount), create an order that
 * exists, address a missing one, and move the fake clock on (with or without `runDue`).
 *
 * The model is the pure library: `createOrder` and `apply` replayed at the engine's times, plus
 * the engine's documented contract for keys, versions and provider facts. After every command
 * {@link runEngineModel} checks that each stored order equals the model (version, aggregate,
 * statuses), keeps `checkInvariants`, has one history row per create, accepted event and recorded
 * refusal (so a duplicate or refusal writes nothing), stores the right next deadline, and that the
 * outbox holds exactly the effects of the accepted events; after `runDue`, that nothing is still
 * due and that a second sweep does nothing. With an inventory adapter (`inventory: true` from the
 * factory) it also checks the engine's stock work (see {@link EngineUnderTest}).
 *
 * @param options - `maxCommands` (default 30), `maxOrders` (default 3), `currency`
 * @returns the arbitrary of command lists, for `runEngineModel`
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createMemoryStorage, createOrderEngine } from 'ordermachine';
 * import { createFakeClock, orderEngineCommands, runEngineModel } from 'ordermachine/testing';
 *
 * const factory = async () => {
 *   const storage = createMemoryStorage();
 *   const clock = createFakeClock();
 *   return { engine: createOrderEngine({ storage, clock }), storage, clock };
 * };
 * await fc.assert(fc.asyncProperty(orderEngineCommands({ maxCommands: 20 }), (commands) => runEngineModel(factory, commands)), { numRuns: 20 });
 * ```
 */
export function orderEngineCommands(options: OrderEngineCommandsOptions = {}): fc.Arbitrary<Iterable<EngineCommand>> {
  const maxOrders = options.maxOrders ?? 3;
  if (!Number.isInteger(maxOrders) || maxOrders < 1) throw new RangeError(`orderEngineCommands: maxOrders must be a whole number ≥ 1, got ${String(options.maxOrders)}`);
  const target = fc.nat({ max: 100 });
  const create = arbitraryOrderPlan({ ...(options.currency ? { currency: options.currency } : {}), maxItems: 3 }).map((plan): EngineCommand => new CreateOrder(plan, maxOrders));
  const send = fc
    .record({
      target,
      kind: fc.oneof(
        { weight: 8, arbitrary: fc.constant<SequenceStepKind>('legal') },
        { weight: 3, arbitrary: fc.constantFrom<SequenceStepKind>('illegal', 'forbidden', 'hostile') },
      ),
      choice: arbitraryStepChoice({ legalOnly: true }),
      key: fc.option(fc.nat({ max: 3 }), { freq: 3 }),
      version: fc.oneof({ weight: 6, arbitrary: fc.constant<VersionChoice>('none') }, { weight: 2, arbitrary: fc.constant<VersionChoice>('current') }, { weight: 1, arbitrary: fc.constant<VersionChoice>('stale') }),
    })
    .map(({ target: t, kind, choice, key, version }): EngineCommand => new Send(t, kind, choice, key, version));
  const advance = fc
    .record({
      minutes: fc.constantFrom(1, 30, 5 * 60, 24 * 60, 4 * 24 * 60, 8 * 24 * 60, 15 * 24 * 60),
      runDue: fc.nat({ max: 3 }).map((n) => n > 0),
    })
    .map(({ minutes, runDue }): EngineCommand => new Advance(minutes, runDue));
  const replayFact = fc
    .record({ target, which: fc.nat({ max: 10 }), other: fc.boolean(), key: fc.option(fc.nat({ max: 5 }), { freq: 2 }) })
    .map(({ target: t, which, other, key }): EngineCommand => new ReplayFact(t, which, other, key));
  const edge = fc.oneof(target.map((t): EngineCommand => new CreateExisting(t)), fc.constant<EngineCommand>(new SendToMissing()));
  // fast-check picks among these uniformly: sends are listed several times so that lives go far.
  return fc.commands(
    [create, create, send, send, send, send, send, send, advance, replayFact, replayFact, edge],
    { maxCommands: options.maxCommands ?? 30, size: 'max' },
  );
}

/**
 * Runs one list of {@link orderEngineCommands} against a fresh engine from `factory` and the
 * model, checking the engine after every command (see `orderEngineCommands`); tears the engine
 * down afterwards, pass or fail. Throws an `AssertionError` naming the command and what differed.
 *
 * @param factory - builds the host's engine over a fresh, empty storage and a fake clock
 * @param commands - one generated command list
 * @param options - `policy`: the policy the engine was built with
 * @returns once every command ran and every check held
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createMemoryStorage, createOrderEngine } from 'ordermachine';
 * import { createFakeClock, orderEngineCommands, runEngineModel } from 'ordermachine/testing';
 *
 * const policy = { paymentWindowMinutes: { online: 60 } };
 * const factory = async () => {
 *   const storage = createMemoryStorage();
 *   const clock = createFakeClock();
 *   return { engine: createOrderEngine({ storage, clock, policy }), storage, clock };
 * };
 * await fc.assert(fc.asyncProperty(orderEngineCommands(), (commands) => runEngineModel(factory, commands, { policy })), { numRuns: 10 });
 * ```
 */
export async function runEngineModel(factory: EngineFactory, commands: Iterable<EngineCommand>, options: RunEngineModelOptions = {}): Promise<void> {
  const policy = resolveEnginePolicy(options.policy);
  const real = await factory();
  try {
    await fc.asyncModelRun(() => ({ model: { orders: [], policy, inventory: real.inventory === true, outbox: [] } satisfies EngineModel, real }), commands);
  } finally {
    await real.teardown?.();
  }
}
