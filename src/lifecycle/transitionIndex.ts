import { and, type AnyStateMachine } from 'xstate';
import type { ActorKind } from '../model/actor.js';
import type { MachineKind } from '../model/effects.js';
import { GUARD_INFO, type GuardInfo } from './guardInfo.js';
import type { RejectionReason } from './rejectionReason.js';
import { FINAL_STATES } from './states.js';

/** A named guard with its params, as written in a machine. */
export interface GuardRef {
  readonly name: string;
  readonly params: unknown;
  readonly info: GuardInfo;
}

/** One transition a state offers for an event. */
export interface Candidate {
  /** Who may cause it; `null` for internal events (`SYNC`) that only `apply` sends. */
  readonly actors: readonly ActorKind[] | null;
  readonly guards: readonly GuardRef[];
}

/** The index's verdict on one event: accepted, or refused with the reason and who could send it. */
export type Decision =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'REJECTED' | 'FORBIDDEN'; readonly reason: RejectionReason; readonly allowedActors?: readonly ActorKind[] };

/** What a machine accepts, derived from its definition once, so questions need no XState run. */
export interface TransitionIndex {
  readonly kind: MachineKind;
  readonly machine: AnyStateMachine;
  /** Leaf state paths, in document order. */
  readonly states: readonly string[];
  /** Candidates for an event in a state, deepest state first (XState's order of selection). */
  candidates(state: string, eventType: string): readonly Candidate[];
  /** Event types with at least one candidate in a state. */
  eventTypes(state: string): readonly string[];
  /**
   * Decides an event the way XState selects a transition (deepest state first, first candidate
   * whose guards pass), and says why when none does.
   */
  decide(state: string, context: unknown, event: { readonly type: string; readonly actor: { readonly kind: ActorKind } }): Decision;
}

interface GuardNode {
  readonly type?: string;
  readonly params?: unknown;
  readonly guards?: readonly unknown[];
  readonly check?: unknown;
}

// Identifies XState's `and()` by its check function, which survives minification (names do not).
const AND_CHECK = (and([]) as unknown as GuardNode).check;

/** Flattens `and([...])` into a list of guard references (the machines use no `or`/`not`). */
function flatten(guard: unknown, out: { name: string; params: unknown }[]): void {
  if (guard === undefined) return;
  if (typeof guard === 'string') {
    out.push({ name: guard, params: undefined });
    return;
  }
  const node = guard as GuardNode;
  if (typeof guard === 'function' && Array.isArray(node.guards)) {
    if (node.check !== AND_CHECK) throw new Error('transition index: only and([...]) guards are supported');
    for (const g of node.guards) flatten(g, out);
    return;
  }
  if (typeof node.type === 'string') {
    out.push({ name: node.type, params: node.params });
    return;
  }
  throw new Error('transition index: inline guard functions are not supported; name the guard in setup()');
}

/** Why an index refused an event: a {@link Decision} that is not `ok`. */
type Refusal = Exclude<Decision, { readonly ok: true }>;

/**
 * A machine's index together with XState's own transition objects behind each candidate, so the
 * lifecycle can run the very transition the index selected.
 *
 * @internal
 */
export interface IndexedMachine {
  readonly index: TransitionIndex;
  /** XState's transition definitions for an event in a state, aligned with `index.candidates(state, eventType)`. */
  transitions(state: string, eventType: string): readonly unknown[];
  /**
   * Decides like `index.decide`, but names the accepted candidate: its position in
   * `index.candidates(state, event.type)`, or the refusal.
   */
  decideAt(state: string, context: unknown, event: { readonly type: string; readonly actor: { readonly kind: ActorKind } }): number | Refusal;
}

/**
 * Reads a machine's definition into an index of who may send what in which state, with the
 * guards to check. A test proves the index and XState agree on every state × event × actor.
 *
 * @param kind - which of the four machines this is
 * @param machine - the machine (possibly changed with `provide`)
 * @example
 * ```ts
 * import { buildTransitionIndex, paymentMachine } from 'ordermachine';
 * const index = buildTransitionIndex('payment', paymentMachine);
 * index.eventTypes('pending'); // ['CONFIRM_BANK_TRANSFER', 'COLLECT_COD', 'COLLECT_AT_PICKUP', 'VOID_PAYMENT']
 * ```
 */
export function buildTransitionIndex(kind: MachineKind, machine: AnyStateMachine): TransitionIndex {
  return indexMachine(kind, machine).index;
}

/**
 * Builds a machine's {@link TransitionIndex} and keeps XState's transition objects beside it.
 *
 * @param kind - which of the four machines this is
 * @param machine - the machine (possibly changed with `provide`)
 * @internal
 */
export function indexMachine(kind: MachineKind, machine: AnyStateMachine): IndexedMachine {
  const info = GUARD_INFO[kind];
  const table = new Map<string, Map<string, Candidate[]>>();
  const definitions = new Map<string, Map<string, unknown[]>>();
  const states: string[] = [];

  type Node = AnyStateMachine['root'];
  const visit = (node: Node, chain: Node[]): void => {
    const children = Object.values(node.states) as Node[];
    // History nodes are pointers and transient nodes (`always` only) are never rested in.
    if (node.type === 'history' || (node.always !== undefined && node.always.length > 0)) return;
    if (children.length === 0 || node.type === 'atomic' || node.type === 'final') {
      const path = node.path.join('.');
      states.push(path);
      const byEvent = new Map<string, Candidate[]>();
      const defsByEvent = new Map<string, unknown[]>();
      for (const owner of [node, ...chain]) {
        for (const [eventType, transitions] of owner.transitions) {
          const list = byEvent.get(eventType) ?? [];
          const defs = defsByEvent.get(eventType) ?? [];
          for (const t of transitions) {
            const refs: { name: string; params: unknown }[] = [];
            flatten(t.guard, refs);
            let actors: readonly ActorKind[] | null = null;
            const guards: GuardRef[] = [];
            for (const ref of refs) {
              if (ref.name === 'byActor') actors = (ref.params as { actors: readonly ActorKind[] }).actors;
              else {
                const meaning = info[ref.name];
                if (!meaning) throw new Error(`transition index: guard "${ref.name}" of the ${kind} machine has no entry in GUARD_INFO`);
                guards.push({ name: ref.name, params: ref.params, info: meaning });
              }
            }
            list.push({ actors, guards });
            defs.push(t);
          }
          byEvent.set(eventType, list);
          defsByEvent.set(eventType, defs);
        }
      }
      table.set(path, byEvent);
      definitions.set(path, defsByEvent);
      return;
    }
    for (const child of children) visit(child, [node, ...chain]);
  };
  for (const child of Object.values(machine.root.states) as Node[]) visit(child, [machine.root]);

  const none: readonly never[] = [];
  const finals = new Set<string>(FINAL_STATES[kind]);
  const senders = new Map<string, Set<ActorKind>>();
  for (const byEvent of table.values()) {
    for (const [eventType, candidates] of byEvent) {
      for (const c of candidates) for (const a of c.actors ?? []) senders.set(eventType, (senders.get(eventType) ?? new Set()).add(a));
    }
  }
  const index: TransitionIndex = {
    kind,
    machine,
    states,
    candidates: (state, eventType) => table.get(state)?.get(eventType) ?? none,
    eventTypes: (state) => [...(table.get(state)?.keys() ?? [])],
    decide(state, context, event) {
      const at = decideAt(state, context, event);
      return typeof at === 'number' ? { ok: true } : at;
    },
  };
  function decideAt(state: string, context: unknown, event: { readonly type: string; readonly actor: { readonly kind: ActorKind } }): number | Refusal {
    const candidates = index.candidates(state, event.type);
    if (candidates.length === 0) {
      if (finals.has(state)) return { ok: false, code: 'REJECTED', reason: 'TERMINAL_STATE' };
      // An actor who may send this event in no state at all is told so, whatever the state.
      const anywhere = senders.get(event.type);
      if (anywhere !== undefined && !anywhere.has(event.actor.kind)) return { ok: false, code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED', allowedActors: [...anywhere] };
      return { ok: false, code: 'REJECTED', reason: 'NOT_ALLOWED_IN_STATE' };
    }
    let actorAllowed = false;
    let reason: RejectionReason | null = null;
    const actors = new Set<ActorKind>();
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i] as Candidate;
      candidate.actors?.forEach((a) => actors.add(a));
      if (candidate.actors !== null && !candidate.actors.includes(event.actor.kind)) continue;
      actorAllowed = true;
      const failed = candidate.guards.find((g) => !evaluateGuard(index, g, context, event));
      if (failed === undefined) return i;
      reason ??= failed.info.reason;
    }
    if (!actorAllowed) return { ok: false, code: 'FORBIDDEN', reason: 'ACTOR_NOT_ALLOWED', allowedActors: [...actors] };
    return { ok: false, code: 'REJECTED', reason: reason ?? 'CONDITIONS_NOT_MET' };
  }
  return {
    index,
    transitions: (state, eventType) => definitions.get(state)?.get(eventType) ?? none,
    decideAt,
  };
}

/**
 * Evaluates one guard of an index's machine against a context and event.
 *
 * @param index - the machine's index
 * @param guard - the guard reference
 * @param context - the machine context
 * @param event - the machine event (with actor and time)
 * @example
 * ```ts
 * // Not public: an index's `decide` evaluates the guards of each candidate with it.
 * import { buildTransitionIndex, initialPaymentContext, paymentMachine } from 'ordermachine';
 * const index = buildTransitionIndex('payment', paymentMachine);
 * index.candidates('pending', 'COLLECT_COD')[0]?.guards.map((g) => g.name); // ['methodIs', 'settlesExactly']
 * const context = initialPaymentContext({ paymentId: 'p1', method: 'online', amount: { amount: 1000, currency: 'EUR' }, at: '2026-01-01T00:00:00Z' });
 * const event = { type: 'COLLECT_COD', paymentId: 'p1', amount: { amount: 1000, currency: 'EUR' }, actor: { kind: 'carrier' as const } };
 * index.decide('pending', context, event); // { ok: false, code: 'REJECTED', reason: 'WRONG_PAYMENT_METHOD' }: methodIs failed
 * ```
 * @internal
 */
export function evaluateGuard(index: TransitionIndex, guard: GuardRef, context: unknown, event: unknown): boolean {
  const impl = (index.machine.implementations.guards as Record<string, unknown>)[guard.name];
  if (typeof impl !== 'function') throw new Error(`guard "${guard.name}" has no implementation in the ${index.kind} machine`);
  return Boolean((impl as (args: unknown, params: unknown) => unknown)({ context, event }, guard.params));
}
