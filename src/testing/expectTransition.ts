import { AssertionError } from 'node:assert';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { apply } from '../lifecycle/apply.js';
import { createOrder } from '../lifecycle/createOrder.js';
import { deriveOrderStatuses, type OrderStatuses } from '../lifecycle/deriveOrderStatuses.js';
import type { LifecyclePolicy } from '../lifecycle/policy.js';
import type { RejectionReason } from '../lifecycle/rejectionReason.js';
import type { ApplyResult } from '../lifecycle/results.js';
import type { OrderState } from '../lifecycle/states.js';
import { Actor, ActorKind } from '../model/actor.js';
import type { CommandName, NotificationTemplate } from '../model/effects.js';

/** One event of a given/when/then: what is sent, by whom (a kind such as `'staff'`, or a full actor), and optionally when. */
export interface TransitionStep {
  readonly event: unknown;
  readonly actor: Actor | ActorKind;
  /** The decision time; default one minute after the step before. */
  readonly at?: Date | string;
}

/** What `expectTransition` expects of the `when` event. Leave out what does not matter. */
export interface TransitionExpectation {
  /** `applied` (the default, unless `reason` is given), `rejected`, `forbidden` or `invalid`. */
  readonly outcome?: 'applied' | 'rejected' | 'forbidden' | 'invalid';
  /** The refusal's reason code (implies a refusal: `rejected` or `forbidden`). */
  readonly reason?: RejectionReason;
  /** The order machine's state afterwards (for a refusal: the state it stayed in). */
  readonly state?: OrderState;
  /** Order-level statuses afterwards (payment, fulfilment, returns, customer…). */
  readonly statuses?: Partial<OrderStatuses>;
  /** Exactly these notification templates, in any order (`[]`: none). */
  readonly notifications?: readonly NotificationTemplate[];
  /** Exactly these host commands, in any order (`[]`: none). */
  readonly commands?: readonly CommandName[];
}

/** A given/when/then for one event of an order's life. */
export interface TransitionSpec {
  /**
   * The starting point: `order` (default: a new cart, order `order-1`, 2 × green tea at €4.50),
   * then `events` applied one after another (each must be accepted), from `at` on (default
   * `2026-03-01T09:00:00.000Z`).
   */
  readonly given?: { readonly order?: OrderAggregate; readonly events?: readonly TransitionStep[]; readonly at?: Date | string };
  /** The event under test. */
  readonly when: TransitionStep;
  /** What must come of it. */
  readonly then: TransitionExpectation;
  /** The lifecycle policy (return and claim windows); default the library's. */
  readonly policy?: Partial<LifecyclePolicy>;
}

/** What `expectTransition` found, for further checks: the order before and after, and `apply`'s result. */
export interface TransitionOutcome {
  readonly before: OrderAggregate;
  /** The new order when applied; the unchanged one after a refusal. */
  readonly after: OrderAggregate;
  readonly result: ApplyResult;
}

const DEFAULT_START = '2026-03-01T09:00:00.000Z';
const MINUTE = 60_000;

function toActor(actor: Actor | ActorKind): Actor {
  if (typeof actor === 'string' && ActorKind.safeParse(actor).success) return { kind: actor, id: `${actor}-1` };
  return actor as Actor;
}

const typeOf = (event: unknown): string =>
  typeof event === 'object' && event !== null && typeof (event as { type?: unknown }).type === 'string' ? (event as { type: string }).type : JSON.stringify(event) ?? String(event);

const sorted = (values: readonly string[]) => [...values].sort();
const list = (values: readonly string[]) => `[${values.join(', ')}]`;

function describeResult(result: ApplyResult): string {
  if (result.ok) return 'applied';
  const error = result.error;
  if (error.code === 'INVALID') return `invalid (${error.message})`;
  const allowed = error.allowed.map((a) => a.type);
  return `${error.code === 'FORBIDDEN' ? 'forbidden' : 'rejected'} (${error.message}; allowed now: ${allowed.length > 0 ? allowed.join(', ') : 'nothing'})`;
}

/**
 * Given an order and the events that led to it, when one more event arrives from an actor, then
 * check the outcome — applied, or refused with a code and reason — the state and statuses it leaves,
 * and the effects it asks for (notification templates, host commands). Runner-agnostic: it throws a
 * `node:assert` `AssertionError` listing every expectation that did not hold (expected vs actual,
 * the state the order was in and the events allowed there), so it reads the same under vitest,
 * jest or `node --test`. Returns what happened, for further checks.
 *
 * @param spec - `given` (an order and/or events), `when` (event and actor), `then` (expectations), `policy`
 * @returns the order before and after, and `apply`'s result
 * @throws AssertionError when a given event is refused, or an expectation does not hold
 * @example
 * ```ts
 * import { expectTransition } from 'ordermachine/testing';
 *
 * const checkout = [
 *   { event: { type: 'START_CHECKOUT' }, actor: 'customer' },
 *   { event: { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'anna@example.com' } }, actor: 'customer' },
 *   { event: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' } }, actor: 'customer' },
 *   { event: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 500, currency: 'EUR' } }, actor: 'customer' },
 *   { event: { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' }, actor: 'customer' },
 *   { event: { type: 'PLACE_ORDER', total: { amount: 1400, currency: 'EUR' } }, actor: 'customer' },
 * ] as const;
 *
 * // Only staff confirm a bank transfer…
 * expectTransition({
 *   given: { events: checkout },
 *   when: { event: { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'order-1-P1', reference: 'TRX-1', amount: { amount: 1400, currency: 'EUR' } }, actor: 'customer' },
 *   then: { outcome: 'forbidden', reason: 'ACTOR_NOT_ALLOWED', state: 'placed.awaiting_payment' },
 * });
 * // …and when they do, the order is confirmed and the customer hears of it.
 * expectTransition({
 *   given: { events: checkout },
 *   when: { event: { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'order-1-P1', reference: 'TRX-1', amount: { amount: 1400, currency: 'EUR' } }, actor: 'staff' },
 *   then: { state: 'placed.confirmed', statuses: { payment: 'paid' }, commands: ['reserve_stock'] },
 * });
 * ```
 */
export function expectTransition(spec: TransitionSpec): TransitionOutcome {
  const policy = spec.policy;
  const given = spec.given ?? {};
  let t = new Date(given.at ?? DEFAULT_START).getTime();
  if (!Number.isFinite(t)) throw new RangeError(`expectTransition: given.at ${String(given.at)} is not a valid date`);
  const timeOf = (step: TransitionStep): string => {
    t = step.at === undefined ? t + MINUTE : new Date(step.at).getTime();
    return new Date(t).toISOString();
  };

  let order = given.order;
  if (order === undefined) {
    const created = createOrder(
      { orderId: 'order-1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'TEA-GREEN-250', name: 'Organic green tea, 250 g', quantity: 2, unitPrice: { amount: 450, currency: 'EUR' } }] },
      { now: new Date(t) },
    );
    if (!created.ok) throw new Error(`expectTransition: the default cart was refused: ${created.error.message}`);
    order = created.order;
  }
  for (const [index, step] of (given.events ?? []).entries()) {
    const actor = toActor(step.actor);
    const result = apply(order, step.event, { actor, now: timeOf(step), ...(policy ? { policy } : {}) });
    if (!result.ok) {
      throw new AssertionError({
        message: `expectTransition: given event ${index + 1} (${typeOf(step.event)} by ${actor.kind}) was not accepted: ${describeResult(result)}; the order is in ${order.order.state}`,
        actual: describeResult(result),
        expected: 'applied',
        operator: 'expectTransition',
      });
    }
    order = result.order;
  }

  const before = order;
  const actor = toActor(spec.when.actor);
  const result = apply(before, spec.when.event, { actor, now: timeOf(spec.when), ...(policy ? { policy } : {}) });
  const after = result.ok ? result.order : before;
  const then = spec.then;

  const problems: string[] = [];
  const actual: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  const check = (what: string, want: unknown, got: unknown, same: boolean, show = (v: unknown) => String(v)) => {
    if (same) return;
    expected[what] = want;
    actual[what] = got;
    problems.push(`  ${what}: expected ${show(want)}, got ${show(got)}`);
  };

  const outcome = result.ok ? 'applied' : result.error.code === 'INVALID' ? 'invalid' : result.error.code === 'FORBIDDEN' ? 'forbidden' : 'rejected';
  if (then.outcome !== undefined || then.reason === undefined) {
    const want = then.outcome ?? 'applied';
    check('outcome', want, outcome, want === outcome, (v) => (v === outcome ? describeResult(result) : String(v)));
  } else if (outcome !== 'rejected' && outcome !== 'forbidden') {
    check('outcome', 'rejected or forbidden', outcome, false, (v) => (v === outcome ? describeResult(result) : String(v)));
  }
  if (then.reason !== undefined) {
    const reason = !result.ok && result.error.code !== 'INVALID' ? result.error.reason : null;
    check('reason', then.reason, reason ?? `none (${describeResult(result)})`, reason === then.reason);
  }
  if (then.state !== undefined) check('state', then.state, after.order.state, after.order.state === then.state);
  if (then.statuses !== undefined) {
    const statuses = deriveOrderStatuses(after);
    for (const [key, want] of Object.entries(then.statuses)) {
      const got = statuses[key as keyof OrderStatuses];
      check(`statuses.${key}`, want, got, got === want);
    }
  }
  const effects = result.ok ? result.effects : [];
  if (then.notifications !== undefined) {
    const got = sorted(effects.flatMap((e) => (e.kind === 'notification' ? [e.template] : [])));
    const want = sorted(then.notifications);
    check('notifications', want, got, JSON.stringify(got) === JSON.stringify(want), (v) => list(v as string[]));
  }
  if (then.commands !== undefined) {
    const got = sorted(effects.flatMap((e) => (e.kind === 'command' ? [e.command] : [])));
    const want = sorted(then.commands);
    check('commands', want, got, JSON.stringify(got) === JSON.stringify(want), (v) => list(v as string[]));
  }

  if (problems.length > 0) {
    const given = (spec.given?.events ?? []).length;
    const header = `expectTransition: when ${typeOf(spec.when.event)} by ${actor.kind} (after ${given} given event${given === 1 ? '' : 's'}, order ${before.id} in ${before.order.state}):`;
    throw new AssertionError({ message: [header, ...problems].join('\n'), actual, expected, operator: 'expectTransition' });
  }
  return { before, after, result };
}
