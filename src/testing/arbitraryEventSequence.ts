import fc from 'fast-check';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { allowedEvents } from '../lifecycle/allowedEvents.js';
import { apply } from '../lifecycle/apply.js';
import type { LifecyclePolicy } from '../lifecycle/policy.js';
import type { Applied, ApplyResult } from '../lifecycle/results.js';
import { ActorKind, type Actor } from '../model/actor.js';
import { CURRENCY_CODES } from '../model/currencies.js';
import { arbitraryStepChoice } from './arbitraryStepChoice.js';
import { buildEvent, disrupts, eventFor, type StepChoice } from './eventFor.js';
import { latestInstant } from './latestInstant.js';

/**
 * What a step of an event sequence is meant to be, and what `apply` does with it:
 * - `legal`: accepted (`apply` returns `ok: true`);
 * - `illegal`: well formed, from an actor who may send it, but not accepted now — `REJECTED`;
 * - `forbidden`: accepted now, but not from this actor — `FORBIDDEN`;
 * - `hostile`: malformed or abusive (negative, fractional or unsafe amounts, an unknown or foreign
 *   currency, a refund above what was captured, garbage payloads) — `INVALID`, `REJECTED` or `FORBIDDEN`.
 */
export type SequenceStepKind = 'legal' | 'illegal' | 'forbidden' | 'hostile';

/** One step of a generated sequence: send `event` as `actor` at `at`. */
export interface SequenceStep {
  readonly kind: SequenceStepKind;
  /** The event as a caller would pass it; for `hostile` steps anything at all (`null`, a string…). */
  readonly event: unknown;
  readonly actor: Actor;
  /** The decision time, ISO 8601; steps never go back in time. */
  readonly at: string;
  /** What the step is about: the event type, and for hostile steps what is wrong with it. */
  readonly note: string;
}

/** Options of {@link arbitraryEventSequence}. */
export interface ArbitraryEventSequenceOptions {
  /** `true`: every step is accepted; `false`: legal steps mixed with illegal, forbidden and hostile ones. */
  readonly legalOnly: boolean;
  /** Only this actor sends (a kind such as `'customer'`, or a full actor); default: whoever the step needs. */
  readonly actor?: Actor | ActorKind;
  /** Most steps (default 30). A legal-only sequence ends early once nothing is accepted any more. */
  readonly maxLength?: number;
  /** The time of the first step; default: the latest time recorded in the order. Each step moves it on by 1 minute to 20 days. */
  readonly start?: Date | string;
  /** The lifecycle policy the sequence is replayed with (return and claim windows); default the library's. */
  readonly policy?: Partial<LifecyclePolicy>;
}

const actorOf = (kind: ActorKind, fixed: Actor | undefined): Actor => fixed ?? { kind, id: `${kind}-1` };

/** Everything a step needs to try candidates: the order, the time, who may send, the policy. */
interface Walk {
  readonly order: OrderAggregate;
  readonly at: string;
  readonly fixed: Actor | undefined;
  readonly policy: Partial<LifecyclePolicy> | undefined;
}

/** A candidate that had the hoped-for outcome. */
interface Found {
  readonly step: SequenceStep;
  readonly result: ApplyResult;
}

const tryApply = (walk: Walk, event: unknown, actor: Actor): ApplyResult =>
  apply(walk.order, event, { actor, now: walk.at, ...(walk.policy ? { policy: walk.policy } : {}) });

/** Actor kinds starting at `first`, in the fixed order of `ActorKind` (rotated). */
function rotation(first: ActorKind): ActorKind[] {
  const all = ActorKind.options;
  const start = all.indexOf(first);
  return all.map((_, i) => all[(start + i) % all.length] as ActorKind);
}

const rotate = <T>(list: readonly T[], by: number): T[] => (list.length === 0 ? [] : list.map((_, i) => list[(by + i) % list.length] as T));

/**
 * A legal step: first what `eventFor` proposes (lives that mostly move forward), then every event
 * `allowedEvents` offers, in turn, with a few payload variants, until `apply` accepts one.
 */
function legalStep(walk: Walk, choice: StepChoice): Found | null {
  const exact: StepChoice = { ...choice, legal: true, amount: 'exact' };
  const accept = (event: unknown, actor: Actor): Found | null => {
    const result = tryApply(walk, event, actor);
    return result.ok ? { step: { kind: 'legal', event, actor, at: walk.at, note: (event as { type: string }).type }, result } : null;
  };
  // eventFor stalls a life (cancel, hold, a refund in full before the goods left…) when variant % 30
  // = 0, but fast-check favours small numbers: 0 comes up far more often than one time in thirty.
  // Stall on a rarer pattern instead, and keep every other step's variants off the stalling ones.
  const stall = choice.pick % 50 === 13;
  const variantOf = (x: number) => (stall || x % 30 !== 0 ? x : x + 1);
  if (walk.fixed === undefined) {
    const variant = stall ? 30 * Math.floor(choice.variant / 30) : variantOf(choice.variant);
    const proposed = eventFor(walk.order, { ...exact, variant }, walk.at);
    const found = accept(proposed.event, actorOf(proposed.actor, undefined));
    if (found) return found;
  }
  const kinds = walk.fixed === undefined ? rotation(choice.actor) : [walk.fixed.kind];
  const offers = kinds.map((kind) => {
    const actor = actorOf(kind, walk.fixed);
    return { actor, targets: rotate(allowedEvents(walk.order, actor, { now: walk.at, ...(walk.policy ? { policy: walk.policy } : {}) }), choice.pick) };
  });
  // Onward events first, from every actor; those that end or stall the life only when nothing else is accepted.
  for (const onward of [true, false]) {
    for (const { actor, targets } of offers) {
      for (const target of targets) {
        if (disrupts(walk.order, target, choice.variant) === onward) continue;
        for (let v = 0; v < 4; v += 1) {
          const found = accept(buildEvent(walk.order, target.type, target.id, { ...exact, variant: variantOf(choice.variant + v) }), actor);
          if (found) return found;
        }
      }
    }
  }
  return null;
}

/** An illegal step: a well-formed event, from an actor who could send it elsewhere, that the order refuses now (`REJECTED`). */
function illegalStep(walk: Walk, choice: StepChoice): Found | null {
  const kinds = walk.fixed === undefined ? rotation(choice.actor) : [walk.fixed.kind];
  for (let k = 0; k < 24; k += 1) {
    const kind = kinds[k % kinds.length] as ActorKind;
    const proposed = eventFor(walk.order, { ...choice, legal: false, amount: 'exact', pick: choice.pick + k, variant: choice.variant + k, actor: kind }, walk.at);
    const actor = actorOf(kind, walk.fixed);
    const result = tryApply(walk, proposed.event, actor);
    if (!result.ok && result.error.code === 'REJECTED') return { step: { kind: 'illegal', event: proposed.event, actor, at: walk.at, note: proposed.event.type }, result };
  }
  // Always refused: a payment that does not exist.
  const ghost = buildEvent(walk.order, 'VOID_PAYMENT', `${walk.order.id}-P-none`, choice);
  for (const kind of kinds) {
    const actor = actorOf(kind, walk.fixed);
    const result = tryApply(walk, ghost, actor);
    if (!result.ok && result.error.code === 'REJECTED') return { step: { kind: 'illegal', event: ghost, actor, at: walk.at, note: 'VOID_PAYMENT of an unknown payment' }, result };
  }
  return null;
}

/** A forbidden step: an event someone may send now, sent by an actor who may not (`FORBIDDEN`). */
function forbiddenStep(walk: Walk, choice: StepChoice): Found | null {
  const senders = walk.fixed === undefined ? rotation(choice.actor) : [walk.fixed.kind];
  for (const sender of senders) {
    const actor = actorOf(sender, walk.fixed);
    for (const owner of rotation(choice.actor)) {
      if (owner === sender) continue;
      const targets = rotate(allowedEvents(walk.order, actorOf(owner, undefined), { now: walk.at }), choice.pick);
      for (const target of targets) {
        const event = buildEvent(walk.order, target.type, target.id, { ...choice, amount: 'exact' });
        const result = tryApply(walk, event, actor);
        if (!result.ok && result.error.code === 'FORBIDDEN') return { step: { kind: 'forbidden', event, actor, at: walk.at, note: `${target.type} by ${sender}` }, result };
      }
    }
  }
  return null;
}

type Mutable = Record<string, unknown>;

/** The money fields of an event (`amount`, `price`, `total`…), as paths to `{ amount, currency }` objects. */
function moneyHolders(value: unknown): Mutable[] {
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Mutable;
  if (typeof record.amount === 'number' && typeof record.currency === 'string') return [record];
  return Object.values(record).flatMap(moneyHolders);
}

/** Events that carry money, drawn from the order (a payment's events when it has one). */
function moneyEvents(walk: Walk, choice: StepChoice): Mutable[] {
  const order = walk.order;
  const payment = order.payments[choice.pick % Math.max(1, order.payments.length)];
  const exact = { ...choice, amount: 'exact' as const };
  const out: Mutable[] = [
    buildEvent(order, 'SELECT_SHIPPING_METHOD', order.id, exact) as Mutable,
    buildEvent(order, 'ADD_PAYMENT', order.id, exact) as Mutable,
  ];
  if (payment) {
    out.push(buildEvent(order, 'PAYMENT_CAPTURED', payment.id, exact) as Mutable, buildEvent(order, 'REQUEST_REFUND', payment.id, exact) as Mutable);
  }
  return out;
}

/** Hostile payloads: each takes the walk and returns an event and what is wrong with it (or null when it does not apply here). */
const HOSTILE: readonly ((walk: Walk, choice: StepChoice) => { event: unknown; note: string } | null)[] = [
  (walk, choice) => mutateMoney(walk, choice, 'negative amount', (m) => ({ ...m, amount: -Math.max(1, m.amount as number) })),
  (walk, choice) => mutateMoney(walk, choice, 'fractional amount', (m) => ({ ...m, amount: (m.amount as number) + 0.5 })),
  (walk, choice) => mutateMoney(walk, choice, 'amount beyond safe integers', (m) => ({ ...m, amount: Number.MAX_SAFE_INTEGER + 2 })),
  (walk, choice) => mutateMoney(walk, choice, 'amount not a number', (m) => ({ ...m, amount: choice.variant % 2 === 0 ? Number.NaN : String(m.amount) })),
  (walk, choice) => mutateMoney(walk, choice, 'unknown currency', (m) => ({ ...m, currency: ['EURO', 'XYZ', 'usd', '', 'RIAL'][choice.variant % 5] })),
  (walk, choice) => {
    const currency = walk.order.order.context.currency;
    const others = CURRENCY_CODES.filter((c) => c !== currency);
    return mutateMoney(walk, choice, 'foreign currency', (m) => ({ ...m, currency: others[choice.variant % others.length] }));
  },
  (walk, choice) => {
    const payment = walk.order.payments.find((p) => p.context.captured > 0) ?? walk.order.payments[0];
    if (!payment) return null;
    const c = payment.context;
    const amount = c.captured - c.refunded - c.refundPending - c.disputed + 1 + (choice.variant % 3) * 100;
    return {
      event: { type: 'REQUEST_REFUND', paymentId: payment.id, amount: { amount, currency: c.amount.currency }, reason: 'more than was paid' },
      note: `refund of ${amount} above what was captured (${c.captured - c.refunded})`,
    };
  },
  (walk, choice) => {
    const payment = walk.order.payments[choice.pick % Math.max(1, walk.order.payments.length)];
    if (!payment) return null;
    const amount = payment.context.amount.amount + 1 + choice.variant;
    return { event: { type: 'PAYMENT_CAPTURED', paymentId: payment.id, amount: { amount, currency: payment.context.amount.currency }, providerRef: `over-${choice.variant}` }, note: `capture of ${amount} above the payment's ${payment.context.amount.amount}` };
  },
  (_walk, choice) => {
    const garbage: readonly [unknown, string][] = [
      [null, 'null'],
      [undefined, 'undefined'],
      [42, 'a number'],
      ['PLACE_ORDER', 'a bare string'],
      [[{ type: 'CANCEL_ORDER', reason: 'fraud' }], 'an array'],
      [{}, 'an object without a type'],
      [{ type: 'NO_SUCH_EVENT' }, 'an unknown event type'],
      [{ type: 123 }, 'a numeric type'],
      [{ type: 'ADD_ITEM' }, 'an event without its payload'],
      [{ type: 'START_CHECKOUT', admin: true }, 'an unexpected field'],
      [{ type: 'ADD_ITEM', item: { lineId: 'x', sku: 'X', name: 'X', quantity: -3, unitPrice: { amount: 100, currency: 'EUR' } } }, 'a negative quantity'],
      [{ type: 'ADD_ITEM', item: { lineId: 'x', sku: 'X', name: 'X', quantity: 1.5, unitPrice: { amount: 100, currency: 'EUR' } } }, 'a fractional quantity'],
      [{ type: 'SET_SHIPPING_ADDRESS', address: { name: 'x'.repeat(5_000), line1: 'a', city: 'b', country: 'DE' } }, 'an oversized field'],
      [{ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna', line1: 'Hauptstr. 1', city: 'Berlin', country: 'Germany' } }, 'a country that is not ISO 3166'],
      [JSON.parse('{"type":"CANCEL_ORDER","reason":"fraud","__proto__":{"admin":true}}'), 'a __proto__ key'],
      [{ type: 'CANCEL_ORDER', reason: 'because I can' }, 'an unknown reason'],
      [{ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'not-an-email' } }, 'a malformed e-mail'],
    ];
    const [event, note] = garbage[choice.pick % garbage.length] as [unknown, string];
    return { event, note: `garbage: ${note}` };
  },
];

function mutateMoney(walk: Walk, choice: StepChoice, note: string, bend: (m: Mutable) => Mutable): { event: unknown; note: string } | null {
  const candidates = moneyEvents(walk, choice);
  const base = candidates[choice.variant % candidates.length];
  if (!base) return null;
  const copy = structuredClone(base);
  const holder = moneyHolders(copy)[0];
  if (!holder) return null;
  Object.assign(holder, bend(holder));
  return { event: copy, note: `${String(base.type)} with ${note}` };
}

/** A hostile step: malformed or abusive input that `apply` refuses with a typed error. */
function hostileStep(walk: Walk, choice: StepChoice): Found | null {
  const kinds = walk.fixed === undefined ? rotation(choice.actor === 'customer' ? 'staff' : choice.actor) : [walk.fixed.kind];
  for (let k = 0; k < HOSTILE.length; k += 1) {
    const make = HOSTILE[(choice.pick + k) % HOSTILE.length];
    const made = make?.(walk, { ...choice, variant: choice.variant + k });
    if (!made) continue;
    const actor = actorOf(kinds[k % kinds.length] as ActorKind, walk.fixed);
    const result = tryApply(walk, made.event, actor);
    if (!result.ok) return { step: { kind: 'hostile', event: made.event, actor, at: walk.at, note: made.note }, result };
  }
  return null;
}

const FINDERS: Readonly<Record<SequenceStepKind, (walk: Walk, choice: StepChoice) => Found | null>> = {
  legal: legalStep,
  illegal: illegalStep,
  forbidden: forbiddenStep,
  hostile: hostileStep,
};

/**
 * One step of the kind asked for, for the order as it is at `at`, or `null` when there is none
 * (nothing legal any more, no forbidden event to try…).
 *
 * @param order - the order as it is now
 * @param choice - the random choices of the step
 * @param kind - the kind of step wanted
 * @param at - the decision time, ISO 8601
 * @param options - a fixed actor, the policy
 * @internal
 */
export function findStep(
  order: OrderAggregate,
  choice: StepChoice,
  kind: SequenceStepKind,
  at: string,
  options: { readonly actor?: Actor; readonly policy?: Partial<LifecyclePolicy> } = {},
): { readonly step: SequenceStep; readonly result: ApplyResult } | null {
  return FINDERS[kind]({ order, at, fixed: options.actor, policy: options.policy }, choice);
}

/** What each non-legal step is, from its choice: the three kinds in turn. */
const REFUSED_KINDS: readonly SequenceStepKind[] = ['illegal', 'forbidden', 'hostile'];

/**
 * Replays step choices from `order` with `apply`, turning each into a step of the kind it asks
 * for (see {@link arbitraryEventSequence}). Pure: the same order and choices give the same steps.
 *
 * @param order - the starting order
 * @param choices - the random choices, one per step
 * @param options - as for `arbitraryEventSequence`
 */
function replayChoices(order: OrderAggregate, choices: readonly StepChoice[], options: ArbitraryEventSequenceOptions): SequenceStep[] {
  const fixed = options.actor === undefined ? undefined : typeof options.actor === 'string' ? actorOf(options.actor, undefined) : options.actor;
  let t = options.start === undefined ? latestInstant(order) : new Date(options.start).getTime();
  if (!Number.isFinite(t)) throw new RangeError(`arbitraryEventSequence: start ${String(options.start)} is not a valid date`);
  let current = order;
  const steps: SequenceStep[] = [];
  for (const choice of choices) {
    t += choice.advanceMinutes * 60_000;
    const walk: Walk = { order: current, at: new Date(t).toISOString(), fixed, policy: options.policy };
    const kind: SequenceStepKind = options.legalOnly || choice.legal ? 'legal' : (REFUSED_KINDS[choice.variant % REFUSED_KINDS.length] as SequenceStepKind);
    const found = FINDERS[kind](walk, choice);
    if (found === null) {
      if (options.legalOnly) break; // nothing is accepted any more: the life has ended
      continue;
    }
    steps.push(found.step);
    if (found.result.ok) current = (found.result as Applied).order;
  }
  return steps;
}

/**
 * A fast-check arbitrary of event sequences for one order, built by walking the machines from
 * `order`.
 *
 * An arbitrary must be a pure generator, but which event is legal depends on what the previous
 * ones did. So the arbitrary generates a list of random step choices (`arbitraryStepChoice`) and
 * maps it through a replay: each choice is turned into an event for the order as it is at that
 * point (payloads drawn from the order: its payment, shipment and return ids, amounts due, lines),
 * checked with `apply`, and the walk goes on from the result. Same order + same choices → same
 * sequence, and fast-check shrinks a failing sequence by dropping choices.
 *
 * - `legalOnly: true`: every step is accepted when the steps are applied in order (the walk tries
 *   what `eventFor` proposes, then every event `allowedEvents` offers, until `apply` accepts one;
 *   it ends early when nothing is accepted any more).
 * - `legalOnly: false`: about half the steps are legal; the rest are, in turn, `illegal` (refused
 *   now: `REJECTED`), `forbidden` (wrong actor: `FORBIDDEN`) and `hostile` (negative, fractional,
 *   unsafe or non-numeric amounts, unknown and foreign currencies, refunds above what was captured,
 *   captures above the payment, garbage payloads: `INVALID`, `REJECTED` or `FORBIDDEN`). A refused step leaves
 *   the order as it was, and the walk goes on from it.
 *
 * @param order - the starting point (e.g. from `arbitraryOrder`)
 * @param options - `legalOnly` (required), `actor`, `maxLength` (default 30), `start`, `policy`
 * @returns the arbitrary of step lists
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { apply } from 'ordermachine';
 * import { arbitraryEventSequence, arbitraryOrder } from 'ordermachine/testing';
 *
 * const lives = arbitraryOrder({ placed: true }).chain((order) =>
 *   arbitraryEventSequence(order, { legalOnly: true }).map((steps) => ({ order, steps })),
 * );
 * fc.assert(
 *   fc.property(lives, ({ order, steps }) => {
 *     let current = order;
 *     for (const step of steps) {
 *       const result = apply(current, step.event, { actor: step.actor, now: step.at });
 *       if (!result.ok) return false;
 *       current = result.order;
 *     }
 *     return true;
 *   }),
 * );
 * ```
 */
export function arbitraryEventSequence(order: OrderAggregate, options: ArbitraryEventSequenceOptions): fc.Arbitrary<readonly SequenceStep[]> {
  const maxLength = options.maxLength ?? 30;
  if (!Number.isInteger(maxLength) || maxLength < 0) throw new RangeError(`arbitraryEventSequence: maxLength must be a whole number ≥ 0, got ${String(options.maxLength)}`);
  if (options.actor !== undefined && !ActorKind.safeParse(typeof options.actor === 'string' ? options.actor : options.actor.kind).success) {
    throw new RangeError(`arbitraryEventSequence: unknown actor ${JSON.stringify(options.actor)}`);
  }
  return fc.array(arbitraryStepChoice({ legalOnly: options.legalOnly }), { maxLength, size: 'max' }).map((choices) => replayChoices(order, choices, options));
}
