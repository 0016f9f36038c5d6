import { PGlite } from '@electric-sql/pglite';
import {
  createMemoryInventory,
  createOrderEngine,
  createOutboxRelay,
  renderNotification,
  statusLabel,
  type Actor,
  type Clock,
  type CommandEffect,
  type CommandContext,
  type CommandName,
  type Locale,
  type OrderAggregate,
  type OrderEngine,
  type OrderState,
  type OrderStatuses,
  type StateChange,
  type StoredOrder,
} from 'ordermachine';
import { createPostgresStorage, migrate } from 'ordermachine/postgres';
import { createCapturingNotifier, type CapturedNotification } from './createCapturingNotifier.js';
import { offsetMs, type DemoScenario, type DemoStep, type ExpectedFinal } from './DemoScenario.js';
import { formatOrder, formatProblems, formatProgress, formatSummary } from './formatReport.js';
import { DEMO_SCENARIOS, DEMO_STOCK } from './scenarios.js';

/** What a timeline row is: an event the order took, one it refused, a timer sweep with nothing due, or goods arriving at the warehouse. */
export type TimelineKind = 'event' | 'refused' | 'sweep' | 'warehouse';

/** One row of an order's timeline. */
export interface TimelineEntry {
  readonly kind: TimelineKind;
  /** ISO 8601. */
  readonly at: string;
  /** Since the scenario started (ms). */
  readonly sinceStart: number;
  /** The history row (the order's version after it); `null` for rows that wrote nothing. */
  readonly seq: number | null;
  readonly actor: Actor | null;
  /** The event type (`CREATE_ORDER` for the cart's creation); for a sweep `runDue`, for goods arriving `restock`. */
  readonly eventType: string;
  /** The event as sent (or the restocked quantities). */
  readonly event: unknown;
  readonly changes: readonly StateChange[];
  /** The order machine's state after the row. */
  readonly orderState: OrderState | null;
  /** Every derived status after the row, when known. */
  readonly statuses: OrderStatuses | null;
  /** The customer status in the customer's language. */
  readonly statusLabel: string | null;
  /** Why the order refused the event (`kind: 'refused'`). */
  readonly refusal: string | null;
}

/** A host command the relay handed over, with the history row that wrote it. */
export interface CommandRecord {
  readonly seq: number;
  readonly command: CommandName;
  readonly effect: CommandEffect;
}

/** What one scenario did and where its order ended. */
export interface ScenarioResult {
  /** 1-based position in the run. */
  readonly index: number;
  readonly name: string;
  readonly seed: string;
  readonly story: string;
  readonly locale: Locale;
  readonly orderId: string;
  readonly startAt: string;
  /** True when every step went as written and the order ended as expected. */
  readonly ok: boolean;
  /** What went wrong, for people; empty when `ok`. */
  readonly problems: readonly string[];
  readonly expected: ExpectedFinal;
  /** The stored order at the end (`null` if it could not be created). */
  readonly order: OrderAggregate | null;
  readonly statuses: OrderStatuses | null;
  readonly timeline: readonly TimelineEntry[];
  /** The messages the customer got, in the order sent. */
  readonly notifications: readonly CapturedNotification[];
  readonly commands: readonly CommandRecord[];
  /** Stock of the order's SKUs at the end. */
  readonly stock: readonly { readonly sku: string; readonly onHand: number; readonly reserved: number }[];
  /** Wall-clock time the scenario took. */
  readonly ms: number;
}

/** The whole run. */
export interface DemoResult {
  readonly ok: boolean;
  readonly scenarios: readonly ScenarioResult[];
  /** Wall-clock time of the whole run, database start-up included. */
  readonly ms: number;
}

/** How to run the demo. */
export interface DemoOptions {
  /** Where the report goes, line by line (default: nowhere). */
  readonly out?: (line: string) => void;
  /** Other scenarios to run instead of the nine (for tests). */
  readonly scenarios?: readonly DemoScenario[];
}

/** A clock the demo moves by hand, so days pass in no time. */
interface DemoClock extends Clock {
  set(ms: number): void;
}

function createDemoClock(): DemoClock {
  let now = 0;
  return {
    now: () => new Date(now),
    set(ms) {
      now = ms;
    },
  };
}

const MINUTE = 60_000;

/** The parts one scenario runs on: the same engine, relay, inventory and database for all. */
interface Shop {
  readonly engine: OrderEngine;
  readonly clock: DemoClock;
  readonly relay: ReturnType<typeof createOutboxRelay>;
  readonly inventory: ReturnType<typeof createMemoryInventory>;
  readonly notifier: ReturnType<typeof createCapturingNotifier>;
  readonly commands: (CommandRecord & { readonly orderId: string })[];
}

const describeSend = (step: { actor: Actor; event: { type: string } }) => `${step.event.type} from ${step.actor.kind} ${step.actor.id}`;

async function runScenario(shop: Shop, scenario: DemoScenario, index: number): Promise<ScenarioResult> {
  const started = performance.now();
  const { engine, clock, relay, inventory } = shop;
  const { orderId } = scenario;
  const start = Date.parse(scenario.startAt);
  const problems: string[] = [];
  /** Derived statuses by order version, as each step left them. */
  const known = new Map<number, OrderStatuses>();
  /** Rows that are not in the order's history. */
  const extra: Omit<TimelineEntry, 'sinceStart' | 'statusLabel'>[] = [];
  const noChange = { seq: null, changes: [], orderState: null, statuses: null, refusal: null } as const;

  clock.set(start);
  const created = await engine.create(
    { orderId, currency: scenario.currency, items: [...scenario.items], ...(scenario.customer ? { customer: scenario.customer } : {}) },
    { actor: scenario.createdBy },
  );
  if (created.status !== 'created') {
    problems.push(`the cart could not be created: ${created.status === 'invalid' ? created.error.message : created.message}`);
  } else {
    known.set(created.order.version, created.order.statuses);
  }

  for (const step of created.status === 'created' ? scenario.steps : []) {
    const failure = await runStep(shop, scenario, step, start, extra, noChange, (order) => known.set(order.version, order.statuses));
    const stored = await engine.get(orderId);
    if (stored) known.set(stored.version, stored.statuses);
    const relayed = await relay.runOnce(clock.now());
    for (const error of relayed.errors) problems.push(`message ${error.dedupeKey} not delivered: ${error.code} ${error.error}`);
    if (failure !== null) {
      problems.push(failure);
      break;
    }
  }

  const stored = await engine.get(orderId);
  const statuses = stored?.statuses ?? null;
  for (const [key, value] of Object.entries(scenario.expected)) {
    const actual = statuses?.[key as keyof OrderStatuses] ?? '(none)';
    if (actual !== value) problems.push(`expected ${key} status ${value}, got ${actual}`);
  }

  const history = stored ? await engine.history(orderId) : [];
  let state: OrderState | null = null;
  const rows: Omit<TimelineEntry, 'sinceStart' | 'statusLabel'>[] = history.map((h) => {
    for (const c of h.changes) if (c.machine === 'order') state = c.to as OrderState;
    return { kind: 'event', at: h.at, seq: h.seq, actor: h.actor, eventType: h.eventType, event: h.event, changes: h.changes, orderState: state, statuses: known.get(h.seq) ?? null, refusal: null };
  });
  // History first at equal times: a refusal or a sweep never happens before what the same minute applied.
  const timeline = [...rows, ...extra]
    .map((row, i) => ({ row, i }))
    .sort((a, b) => Date.parse(a.row.at) - Date.parse(b.row.at) || a.i - b.i)
    .map(({ row }) => ({
      ...row,
      sinceStart: Date.parse(row.at) - start,
      statusLabel: row.statuses ? statusLabel(row.statuses.customer, scenario.locale) : null,
    }));

  return {
    index,
    name: scenario.name,
    seed: scenario.seed,
    story: scenario.story,
    locale: scenario.locale,
    orderId,
    startAt: scenario.startAt,
    ok: problems.length === 0,
    problems,
    expected: scenario.expected,
    order: stored?.aggregate ?? null,
    statuses,
    timeline,
    notifications: shop.notifier.sent.filter((n) => n.orderId === orderId),
    commands: shop.commands.filter((c) => c.orderId === orderId).map(({ seq, command, effect }) => ({ seq, command, effect })),
    stock: [...new Set(scenario.items.map((i) => i.sku))].map((sku) => ({ sku, ...inventory.levels(sku) })),
    ms: Math.round(performance.now() - started),
  };
}

/** Runs one step at its time; returns why it failed, or `null`. */
async function runStep(
  shop: Shop,
  scenario: DemoScenario,
  step: DemoStep,
  start: number,
  extra: Omit<TimelineEntry, 'sinceStart' | 'statusLabel'>[],
  noChange: Pick<TimelineEntry, 'seq' | 'changes' | 'orderState' | 'statuses' | 'refusal'>,
  remember: (order: StoredOrder) => void,
): Promise<string | null> {
  const { engine, clock, inventory } = shop;
  const { orderId } = scenario;
  const previous = clock.now().getTime();
  const at = step.at !== undefined ? start + offsetMs(step.at) : previous + MINUTE;
  if (at <= previous) return `a step at ${new Date(at).toISOString()} comes before the step before it (${new Date(previous).toISOString()})`;
  clock.set(at);
  const iso = clock.now().toISOString();

  if ('actor' in step) {
    const result = await engine.send(orderId, step.event, { actor: step.actor });
    if (step.refused !== undefined) {
      if ((result.status === 'rejected' || result.status === 'forbidden') && result.error.reason === step.refused) {
        extra.push({ ...noChange, kind: 'refused', at: iso, actor: step.actor, eventType: step.event.type, event: step.event, refusal: result.error.reason });
        return null;
      }
      return `${describeSend(step)} should be refused with ${step.refused}, but was ${result.status}${'error' in result ? ` (${result.error.message})` : ''}`;
    }
    if (result.status === 'applied') {
      // The statuses this event left, before anything it set off (the inventory's answer) moved the order on.
      remember(result.order);
      return null;
    }
    const why = 'error' in result ? `${result.error.code === 'INVALID' ? 'INVALID' : result.error.reason}: ${result.error.message}` : 'message' in result ? result.message : result.status;
    return `${describeSend(step)} was ${result.status} — ${why}`;
  }

  if ('runDue' in step) {
    const report = await engine.runDue(clock.now());
    const strangers = [...report.fired, ...report.skipped].filter((d) => d.orderId !== orderId);
    if (strangers.length > 0) return `the timer sweep reached other orders: ${strangers.map((d) => `${d.orderId} ${d.key}`).join(', ')}`;
    if (report.skipped.length > 0) return `deadlines skipped: ${report.skipped.map((d) => `${d.key} (${d.reason})`).join(', ')}`;
    const fired = report.fired.map((d) => d.key);
    if (JSON.stringify(fired) !== JSON.stringify(step.runDue.fires)) return `the timer sweep fired [${fired.join(', ')}], expected [${step.runDue.fires.join(', ')}]`;
    if (fired.length === 0) extra.push({ ...noChange, kind: 'sweep', at: iso, actor: null, eventType: 'runDue', event: null });
    return null;
  }

  // Goods arrive: stock goes up, and the warehouse reserves the order's lines before reporting them available.
  for (const [sku, quantity] of Object.entries(step.restock)) inventory.restock(sku, quantity);
  const stored = await engine.get(orderId);
  const lines = (stored?.aggregate.order.context.items ?? []).map((i) => ({ sku: i.sku, quantity: i.quantity }));
  const reserved = await inventory.reserve(orderId, lines);
  if (!reserved.ok) return `restocked, but still short of ${reserved.unavailable.map((u) => `${u.sku} × ${u.quantity}`).join(', ')}`;
  extra.push({ ...noChange, kind: 'warehouse', at: iso, actor: null, eventType: 'restock', event: step.restock });
  return null;
}

/**
 * Runs the demo: one order per seed process, end to end, through ONE order engine on ONE
 * embedded PostgreSQL (PGlite) database, with the outbox relay delivering every customer message
 * in the customer's language. A clock moved by hand lets days pass in no time, so the timer sweep
 * (`engine.runDue`) sends the abandoned-cart reminder, the feedback request, the late-dispatch
 * notice and the expiry of an unpaid order at once. Writes a progress line per scenario, then
 * each order's timeline and messages, to `out`.
 *
 * @param options - `out` for the report lines; `scenarios` to run others than the nine
 * @returns per scenario: the final order and statuses, the timeline, the messages sent, the host
 *   commands, the stock, whether it ended as expected; and whether all did
 * @example
 * ```ts
 * import { runDemo } from './runDemo.js';
 * const result = await runDemo({ out: (line) => console.log(line) });
 * process.exitCode = result.ok ? 0 : 1;
 * ```
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? (() => {});
  const scenarios = options.scenarios ?? DEMO_SCENARIOS;
  const started = performance.now();
  const db = await PGlite.create();
  try {
    await migrate(db);
    const storage = createPostgresStorage({ db });
    const clock = createDemoClock();
    const inventory = createMemoryInventory(DEMO_STOCK);
    const engine = createOrderEngine({ storage, clock, inventory });
    const notifier = createCapturingNotifier();
    const commands: Shop['commands'] = [];
    // The host's side of each command is not part of the demo: the steps report the outcomes (labels, captures, refunds).
    const record = (effect: CommandEffect, { dedupeKey }: CommandContext): void => {
      const parts = dedupeKey.split(':');
      commands.push({ orderId: effect.orderId, seq: Number(parts[parts.length - 2]), command: effect.command, effect });
    };
    const relay = createOutboxRelay({
      storage,
      notifier,
      clock,
      handlers: {
        reserve_stock: record,
        release_stock: record,
        capture_payment: record,
        void_payment: record,
        refund_payment: record,
        buy_label: record,
        issue_invoice: record,
        issue_store_credit: record,
        create_exchange_order: record,
      },
      // Each customer sees dates on their own calendar: Tehran's day and Iran's Friday weekend for Persian customers.
      render: (effect, order, options) =>
        renderNotification(effect, order, order.order.context.customer?.locale === 'fa' ? { ...options, timeZone: 'Asia/Tehran', weekendDays: [5] } : options),
      // Nothing fails in the demo; if something did, it should show now, not in 30 s.
      maxAttempts: 1,
    });
    const shop: Shop = { engine, clock, relay, inventory, notifier, commands };

    const results: ScenarioResult[] = [];
    for (const [i, scenario] of scenarios.entries()) {
      const result = await runScenario(shop, scenario, i + 1);
      results.push(result);
      out(formatProgress(result, scenarios.length));
      for (const line of formatProblems(result)) out(line);
    }
    for (const result of results) for (const line of formatOrder(result)) out(line);
    const demo: DemoResult = { ok: results.every((r) => r.ok), scenarios: results, ms: Math.round(performance.now() - started) };
    for (const line of formatSummary(demo)) out(line);
    return demo;
  } finally {
    await db.close();
  }
}
