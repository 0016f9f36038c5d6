/**
 * A tiny driver for scenario tests: one order, a fake clock, and one line per step.
 *
 * ```ts
 * const shop = scenario({ orderId: 'fa-1001', currency: 'IRR', items, startAt: '2026-03-01T08:00:00Z' });
 * shop.as(customer).send({ type: 'START_CHECKOUT' });          // applied, or the test fails with the refusal
 * shop.as(customer).refused({ type: 'CONFIRM_BANK_TRANSFER', … }, { code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED' });
 * shop.wait({ days: 3 });                                       // the next step happens three days (and a minute) later
 * shop.templates;                                               // notification templates of the last applied step
 * shop.customerStatus;                                          // deriveOrderStatuses(order).customer
 * const variant = shop.fork();                                  // a copy for a variant of the next step
 * const lenient = shop.fork({ policy: { returnWindowDays: 30 } }); // the same walk under another policy
 * ```
 *
 * Every `send` advances the clock by one minute, applies the event, fails with the full refusal if
 * it was not applied, checks that `apply` did not mutate the aggregate it was given, runs
 * `checkInvariants(after)` and `checkTransitionInvariants(before, after)`, checks every effect
 * against the `Effect` schema, and records the step's effects. Every `refused` also advances the
 * clock by a minute (time passes while someone tries), fails if the event was applied, and checks
 * that nothing changed: the held aggregate is not mutated, `can` agrees, and the rejection names
 * the event, the current state and the events the actor may send instead.
 *
 * Imports only the public entry points, so it reads like host code.
 */
import {
  allowedEvents,
  apply,
  can,
  createOrder,
  deriveOrderStatuses,
  Effect,
  type Actor,
  type ActorKind,
  type AllowedEvent,
  type CommandEffect,
  type CommandName,
  type CurrencyCode,
  type CustomerInput,
  type InvalidInput,
  type LifecyclePolicy,
  type LineItemInput,
  type NotificationEffect,
  type NotificationTemplate,
  type OrderAggregate,
  type OrderEventInput,
  type OrderState,
  type OrderStatuses,
  type PaymentRecord,
  type Rejection,
  type RejectionReason,
  type ReturnRecord,
  type ShipmentRecord,
  type StateChange,
} from '../../src/index.js';
import { checkInvariants, checkTransitionInvariants } from '../../src/testing.js';

// ── actors ─────────────────────────────────────────────────────────────────────────────────────

/** Builds an actor of a kind with a readable id (`actor('staff', 'support-fatemeh')`). */
export const actor = (kind: ActorKind, id: string = kind): Actor => ({ kind, id });

/** The buyer. */
export const customer: Actor = actor('customer', 'customer-1');
/** Shop staff: support, warehouse, accounting. */
export const staff: Actor = actor('staff', 'staff-1');
/** The shop's own automation (timers, inventory sync, the engine). */
export const system: Actor = actor('system', 'shop-automation');
/** The carrier or courier, reporting through its tracking feed. */
export const carrier: Actor = actor('carrier', 'carrier-1');
/** The payment gateway, reporting through its callbacks. */
export const payment_provider: Actor = actor('payment_provider', 'gateway-1');

// ── the scenario ───────────────────────────────────────────────────────────────────────────────

/** How long to wait before the next step. */
export interface Duration {
  readonly minutes?: number;
  readonly hours?: number;
  readonly days?: number;
}

/** What a refusal is expected to be: a rejection with its reason, or invalid input. */
export type ExpectedRefusal =
  | { readonly code: 'REJECTED' | 'FORBIDDEN'; readonly reason: RejectionReason }
  | { readonly code: 'INVALID'; /** Path of the first issue, e.g. `'total'` or `'amount.amount'`. */ readonly path?: string };

/** What `refused` hands back. */
export type Refusal = Rejection | InvalidInput;

/** One applied step, as recorded. */
export interface Step {
  readonly at: string;
  readonly actor: Actor;
  readonly event: OrderEventInput;
  readonly changes: readonly StateChange[];
  readonly effects: readonly Effect[];
}

/** Options of `scenario(...)`. */
export interface ScenarioOptions {
  readonly orderId: string;
  readonly currency: CurrencyCode;
  /** Lines already in the cart (default: an empty cart). */
  readonly items?: readonly LineItemInput[];
  /** A customer already known when the cart is created (e.g. signed in). */
  readonly customer?: CustomerInput;
  /** Time of creating the cart, ISO 8601. */
  readonly startAt: string;
  /** Time-window policy passed to every `apply` and `allowedEvents`. */
  readonly policy?: Partial<LifecyclePolicy>;
  /** How far the clock moves on each send or refused attempt (default one minute). */
  readonly stepMinutes?: number;
}

/** What may differ in a fork (`shop.fork({ policy })`); the rest goes on as it is. */
export interface ForkOptions {
  /** Time-window policy from here on, instead of the scenario's. */
  readonly policy?: Partial<LifecyclePolicy>;
}

/** What `shop.as(actor)` gives: sending events as that actor. */
export interface Acting {
  /** Applies the event; fails the test with the full refusal if it is not applied, or if an invariant breaks. */
  send(event: OrderEventInput): Step;
  /** Asserts the event is refused (optionally with this code and reason) and that nothing changed; returns the refusal. */
  refused(event: OrderEventInput, expected?: ExpectedRefusal): Refusal;
  /** The events this actor may send now. */
  allowed(): AllowedEvent[];
  /** The event types this actor may send now (sorted, without duplicates). */
  allowedTypes(): string[];
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
const isNotification = (e: Effect): e is NotificationEffect => e.kind === 'notification';
const isCommand = (e: Effect): e is CommandEffect => e.kind === 'command';

/** A scenario: the order aggregate, a fake clock, and the effects of each step. */
export class Scenario {
  #order: OrderAggregate;
  #now: number;
  #last: Step | null = null;
  readonly #steps: Step[] = [];
  readonly #options: ScenarioOptions;
  readonly #policy: Partial<LifecyclePolicy> | undefined;
  readonly #stepMs: number;

  constructor(options: ScenarioOptions, from?: Scenario, fork?: ForkOptions) {
    this.#options = options;
    if (from !== undefined) {
      // A fork: the same aggregate, clock, policy (unless replaced) and history, going its own way from here.
      this.#order = from.#order;
      this.#now = from.#now;
      this.#last = from.#last;
      this.#steps = [...from.#steps];
      this.#policy = fork?.policy ?? from.#policy;
      this.#stepMs = from.#stepMs;
      return;
    }
    this.#now = Date.parse(options.startAt);
    if (Number.isNaN(this.#now)) throw new Error(`scenario: startAt ${options.startAt} is not an ISO 8601 time`);
    this.#policy = options.policy;
    this.#stepMs = (options.stepMinutes ?? 1) * 60_000;
    const created = createOrder(
      { orderId: options.orderId, currency: options.currency, items: [...(options.items ?? [])], ...(options.customer ? { customer: options.customer } : {}) },
      { now: new Date(this.#now) },
    );
    if (!created.ok) throw new Error(`scenario: createOrder refused:\n${json(created.error)}`);
    this.#order = created.order;
    this.#assertInvariants(null, this.#order, 'createOrder');
  }

  /** A copy that goes its own way from here (for a variant of a step, or under another policy); the original is untouched. */
  fork(options: ForkOptions = {}): Scenario {
    return new Scenario(this.#options, this, options);
  }

  // ── clock ──────────────────────────────────────────────────────────────────────────────────

  /** The fake clock's current time. */
  get now(): Date {
    return new Date(this.#now);
  }

  /** Lets time pass before the next step (which still adds its own minute). */
  wait(duration: Duration): this {
    const ms = ((duration.days ?? 0) * 24 * 60 + (duration.hours ?? 0) * 60 + (duration.minutes ?? 0)) * 60_000;
    if (!(ms >= 0)) throw new Error(`scenario: cannot wait ${json(duration)}`);
    this.#now += ms;
    return this;
  }

  // ── acting ─────────────────────────────────────────────────────────────────────────────────

  /** Acts as an actor (an `Actor`, or just its kind with a default id). */
  as(who: Actor | ActorKind): Acting {
    const by = typeof who === 'string' ? actor(who) : who;
    return {
      send: (event) => this.#send(by, event),
      refused: (event, expected) => this.#refused(by, event, expected),
      allowed: () => this.allowed(by),
      allowedTypes: () => [...new Set(this.allowed(by).map((e) => e.type))].sort(),
    };
  }

  #send(by: Actor, event: OrderEventInput): Step {
    this.#now += this.#stepMs;
    const before = this.#order;
    const snapshot = JSON.stringify(before);
    const ctx = { actor: by, now: new Date(this.#now), ...(this.#policy ? { policy: this.#policy } : {}) };
    const result = apply(before, event, ctx);
    if (!result.ok) {
      throw new Error(`${event.type} from ${by.kind} was refused (order in ${before.order.state}):\n${json(result.error)}`);
    }
    if (JSON.stringify(before) !== snapshot) throw new Error(`${event.type} from ${by.kind}: apply mutated the aggregate it was given`);
    this.#assertInvariants(before, result.order, `${event.type} from ${by.kind}`);
    const misshapen = result.effects.filter((e) => !Effect.safeParse(e).success);
    if (misshapen.length > 0) throw new Error(`${event.type} from ${by.kind}: effects that do not fit the Effect schema:\n${json(misshapen)}`);
    const step: Step = { at: new Date(this.#now).toISOString(), actor: by, event, changes: result.changes, effects: result.effects };
    this.#order = result.order;
    this.#last = step;
    this.#steps.push(step);
    return step;
  }

  #refused(by: Actor, event: OrderEventInput, expected: ExpectedRefusal | undefined): Refusal {
    this.#now += this.#stepMs;
    const order = this.#order;
    const snapshot = JSON.stringify(order);
    const ctx = { actor: by, now: new Date(this.#now), ...(this.#policy ? { policy: this.#policy } : {}) };
    const result = apply(order, event, ctx);
    if (result.ok) {
      const moves = result.changes.map((c) => `${c.machine} ${c.id}: ${c.from ?? '(new)'} → ${c.to}`).join('; ');
      throw new Error(`expected ${event.type} from ${by.kind} to be refused, but it was applied (${moves || 'no state change'})`);
    }
    const error = result.error;
    const fail = (why: string) => {
      throw new Error(`${event.type} from ${by.kind}: ${why}\nrefusal:\n${json(error)}`);
    };
    if (JSON.stringify(order) !== snapshot) fail('apply mutated the aggregate it was given');
    if (this.#order !== order) fail('the held aggregate changed');
    if (can(order, event, ctx)) fail('can() says yes to an event apply() refused');
    if (error.code !== 'INVALID') {
      if (error.event !== event.type) fail(`the refusal names event ${error.event}`);
      if (error.orderState !== order.order.state) fail(`the refusal names order state ${error.orderState}, but the order is in ${order.order.state}`);
      const allowedNow = allowedEvents(order, by, { now: ctx.now, ...(this.#policy ? { policy: this.#policy } : {}) });
      if (JSON.stringify(error.allowed) !== JSON.stringify(allowedNow)) fail(`the refusal's allowed events differ from allowedEvents():\n${json(allowedNow)}`);
    }
    if (expected !== undefined) {
      if (error.code !== expected.code) fail(`expected code ${expected.code}, got ${error.code}`);
      if (expected.code !== 'INVALID' && error.code !== 'INVALID' && error.reason !== expected.reason) {
        fail(`expected reason ${expected.reason}, got ${error.reason}`);
      }
      if (expected.code === 'INVALID' && error.code === 'INVALID' && expected.path !== undefined && error.issues[0]?.path !== expected.path) {
        fail(`expected the first issue at ${expected.path}, got ${error.issues[0]?.path ?? '(none)'}`);
      }
    }
    return error;
  }

  #assertInvariants(before: OrderAggregate | null, after: OrderAggregate, what: string): void {
    const broken = [...checkInvariants(after), ...(before ? checkTransitionInvariants(before, after) : [])];
    if (broken.length > 0) throw new Error(`invariants broken after ${what}:\n${json(broken)}`);
  }

  // ── state ──────────────────────────────────────────────────────────────────────────────────

  /** The current aggregate. */
  get order(): OrderAggregate {
    return this.#order;
  }

  /** The order machine's context: items, customer, addresses, totals, invoice… */
  get context(): OrderAggregate['order']['context'] {
    return this.#order.order.context;
  }

  /** The order machine's state, e.g. `'placed.confirmed'`. */
  get state(): OrderState {
    return this.#order.order.state;
  }

  /** Every derived status: order, payment, fulfilment, returns, customer. */
  get statuses(): OrderStatuses {
    return deriveOrderStatuses(this.#order);
  }

  /** The status the customer sees. */
  get customerStatus(): OrderStatuses['customer'] {
    return this.statuses.customer;
  }

  /** A payment by id, or by position (default: the first). */
  payment(which: string | number = 0): PaymentRecord {
    return pick('payment', this.#order.payments, which);
  }

  /** A shipment by id, or by position (default: the first). */
  shipment(which: string | number = 0): ShipmentRecord {
    return pick('shipment', this.#order.shipments, which);
  }

  /** A return or claim by id, or by position (default: the first). */
  returnCase(which: string | number = 0): ReturnRecord {
    return pick('return', this.#order.returns, which);
  }

  /** The events an actor may send now (at the scenario's clock). */
  allowed(who: Actor | ActorKind): AllowedEvent[] {
    const by = typeof who === 'string' ? actor(who) : who;
    return allowedEvents(this.#order, by, { now: this.now, ...(this.#policy ? { policy: this.#policy } : {}) });
  }

  // ── effects ────────────────────────────────────────────────────────────────────────────────

  /** Every applied step so far. */
  get steps(): readonly Step[] {
    return this.#steps;
  }

  /** The effects of the last applied step (refused attempts produce none and leave this alone). */
  get effects(): readonly Effect[] {
    return this.#last?.effects ?? [];
  }

  /** The state changes of the last applied step. */
  get changes(): readonly StateChange[] {
    return this.#last?.changes ?? [];
  }

  /** Notifications of the last applied step. */
  get notifications(): NotificationEffect[] {
    return this.effects.filter(isNotification);
  }

  /** Notification templates of the last applied step, in order. */
  get templates(): NotificationTemplate[] {
    return this.notifications.map((n) => n.template);
  }

  /** Host commands of the last applied step. */
  get commands(): CommandEffect[] {
    return this.effects.filter(isCommand);
  }

  /** Command names of the last applied step, in order. */
  get commandNames(): CommandName[] {
    return this.commands.map((c) => c.command);
  }

  /** The one notification of a template in the last step (fails if there is none or several). */
  notification(template: NotificationTemplate): NotificationEffect {
    const found = this.notifications.filter((n) => n.template === template);
    if (found.length !== 1) throw new Error(`expected one ${template} notification in the last step, found ${found.length}:\n${json(this.effects)}`);
    return found[0] as NotificationEffect;
  }

  /** The one command of a name in the last step (fails if there is none or several). */
  command<N extends CommandName>(name: N): Extract<CommandEffect, { command: N }> {
    const found = this.commands.filter((c): c is Extract<CommandEffect, { command: N }> => c.command === name);
    if (found.length !== 1) throw new Error(`expected one ${name} command in the last step, found ${found.length}:\n${json(this.effects)}`);
    return found[0] as Extract<CommandEffect, { command: N }>;
  }

  /** Every effect since the scenario started (the outbox). */
  get outbox(): Effect[] {
    return this.#steps.flatMap((s) => s.effects);
  }

  /** Every notification template sent since the scenario started, in order. */
  get sentTemplates(): NotificationTemplate[] {
    return this.outbox.filter(isNotification).map((n) => n.template);
  }

  /** Every command name sent since the scenario started, in order. */
  get sentCommandNames(): CommandName[] {
    return this.outbox.filter(isCommand).map((c) => c.command);
  }
}

function pick<R extends { readonly id: string }>(kind: string, list: readonly R[], which: string | number): R {
  const found = typeof which === 'number' ? list[which] : list.find((r) => r.id === which);
  if (found === undefined) throw new Error(`no ${kind} ${String(which)}; the order has: ${list.map((r) => r.id).join(', ') || 'none'}`);
  return found;
}

/** Starts a scenario: a cart created at `startAt`, with the given lines. */
export function scenario(options: ScenarioOptions): Scenario {
  return new Scenario(options);
}
