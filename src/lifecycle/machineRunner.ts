import { assign, createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { byActor } from '../machines/envelope.js';
import type { ActorKind } from '../model/actor.js';
import type { MachineRecord } from './aggregate.js';
import { resolveRecord, toRecord } from './snapshots.js';
import { evaluateGuard, type Candidate, type IndexedMachine } from './transitionIndex.js';

/** An action XState hands back unexecuted (`notify`, `command`, or one a host added), with its resolved params. */
export interface ExecutedAction {
  readonly type: string;
  readonly params?: unknown;
}

/** A machine's next record and the actions its transition produced. */
export interface MachineStep {
  readonly record: MachineRecord<string, unknown>;
  readonly actions: readonly ExecutedAction[];
}

/** An event as a machine sees it: the public event plus actor and time. */
type MachineEvent = { readonly type: string; readonly actor: { readonly kind: ActorKind }; readonly [field: string]: unknown };

/**
 * Runs one machine's transitions for the lifecycle. Each result equals what XState's pure
 * `transition()` / `initialTransition()` give for the same record and event (a property test runs
 * both on random lives), without building XState's throw-away actor for every call.
 *
 * @internal
 */
export interface MachineRunner {
  /** Runs candidate number `at` of `index.candidates(record.state, event.type)`, which the index accepted. */
  run(record: MachineRecord<string, unknown>, event: MachineEvent, at: number): MachineStep;
  /** Sends an event nobody asked the index about (`SYNC`): XState's selection, and no change when nothing is enabled. */
  send(record: MachineRecord<string, unknown>, event: MachineEvent): MachineStep;
  /** The record and entry actions of a new machine. */
  start(input: unknown): MachineStep;
  /** Whether candidate `at` of an event in a resting state runs from a plan (without history remembered), not through XState. */
  planned(state: string, eventType: string, at: number): boolean;
}

// ── XState's state nodes and transitions, as far as this file reads them ─────────────────────

interface XNode {
  readonly id: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly parent?: XNode;
  readonly order: number;
  readonly path: readonly string[];
  readonly states: Readonly<Record<string, XNode>>;
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly initial: { readonly target: readonly XNode[]; readonly actions: readonly unknown[] };
  readonly history: 'shallow' | 'deep' | false;
  readonly always?: readonly unknown[];
  readonly invoke: readonly unknown[];
  readonly config: { readonly target?: unknown };
  readonly output?: unknown;
  readonly transitions: ReadonlyMap<string, readonly XTransition[]>;
}

interface XTransition {
  readonly target?: readonly XNode[];
  readonly source: XNode;
  readonly reenter: boolean;
  readonly actions: readonly unknown[];
}

/** XState's `assign()` resolver, to recognise assign actions however they are named. */
const ASSIGN_RESOLVE = (assign({}) as unknown as { resolve: unknown }).resolve;

type Assignment = ((args: unknown, params: unknown) => object) | Readonly<Record<string, unknown>>;

/** One action of a planned transition: a context update, or an action handed back to the caller. */
type Step = { readonly kind: 'assign'; readonly assignment: Assignment; readonly params: unknown } | { readonly kind: 'effect'; readonly type: string; readonly params: unknown };

/** What a transition from one resting state does, apart from the context and event it runs with. */
interface Plan {
  /** Exit actions, transition actions, entry actions — in XState's order. */
  readonly steps: readonly Step[];
  /** The resting state after the transition. */
  readonly state: string;
  /** History remembered on the way out: history node id → ids of the remembered states. */
  readonly historyWrites: readonly (readonly [string, readonly string[]])[];
}

/** The name and params of an action or guard as a machine writes it: `'name'` or `{ type, params }` (anything else has neither). */
function reference(item: unknown): { readonly name: unknown; readonly params: unknown } {
  if (typeof item === 'string') return { name: item, params: undefined };
  if (typeof item !== 'object' || item === null) return { name: undefined, params: undefined };
  return { name: (item as { type?: unknown }).type, params: 'params' in item ? (item as { params: unknown }).params : undefined };
}

/** Thrown by the `spawn` given to assign actions: spawning is left to XState's own path. */
const SPAWN_FALLBACK = Symbol('spawn: use XState');
const noSpawn = (): never => {
  throw SPAWN_FALLBACK;
};

/**
 * `Object.assign({}, context, partial)`, as XState's `assign` merges. A spread builds the same
 * object much faster, except for an own `__proto__` key (which `Object.assign` sets as the
 * prototype), so that case keeps `Object.assign`.
 */
function merged(context: object, partial: object | null | undefined): object {
  if (Object.hasOwn(context, '__proto__') || (partial != null && Object.hasOwn(partial, '__proto__'))) return Object.assign({}, context, partial);
  return { ...context, ...partial };
}

// ── XState's SCXML algorithm for one transition in a machine without parallel states ──────
// Mirrors microstep / exitStates / enterStates of xstate 5 (state node `order` is document order).

function isDescendant(child: XNode, parent: XNode): boolean {
  let marker = child;
  while (marker.parent && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
}

function properAncestors(node: XNode, upTo: XNode | undefined): XNode[] {
  const out: XNode[] = [];
  if (upTo === node) return out;
  let m = node.parent;
  while (m && m !== upTo) {
    out.push(m);
    m = m.parent;
  }
  return out;
}

/** A history node's default: the parent's initial transition (history nodes with their own `target` are left to XState). */
function historyDefault(node: XNode): { readonly target: readonly XNode[] } {
  return (node.parent as XNode).initial;
}

function effectiveTargets(targets: readonly XNode[], history: Readonly<Record<string, readonly XNode[]>>): XNode[] {
  const out = new Set<XNode>();
  for (const target of targets) {
    if (target.type === 'history') {
      const remembered = history[target.id];
      for (const n of remembered ?? effectiveTargets(historyDefault(target).target, history)) out.add(n);
    } else out.add(target);
  }
  return [...out];
}

function transitionDomain(t: XTransition, history: Readonly<Record<string, readonly XNode[]>>): XNode {
  const targets = effectiveTargets(t.target ?? [], history);
  if (targets.every((target) => target === t.source || isDescendant(target, t.source))) return t.source;
  const [head, ...tail] = [...targets, t.source] as unknown as [XNode, ...XNode[]];
  for (const ancestor of properAncestors(head, undefined)) {
    if (tail.every((n) => isDescendant(n, ancestor))) return ancestor;
  }
  let root = t.source;
  while (root.parent) root = root.parent;
  return root;
}

function addDescendantsToEnter(node: XNode, history: Readonly<Record<string, readonly XNode[]>>, defaultEntry: Set<XNode>, enter: Set<XNode>): void {
  if (node.type === 'history') {
    const parent = node.parent as XNode;
    const remembered = history[node.id];
    if (remembered) {
      for (const s of remembered) {
        enter.add(s);
        addDescendantsToEnter(s, history, defaultEntry, enter);
      }
      for (const s of remembered) for (const a of properAncestors(s, parent)) enter.add(a);
    } else {
      const fallback = historyDefault(node);
      for (const s of fallback.target) {
        enter.add(s);
        if (fallback === parent.initial) defaultEntry.add(parent);
        addDescendantsToEnter(s, history, defaultEntry, enter);
      }
      for (const s of fallback.target) for (const a of properAncestors(s, parent)) enter.add(a);
    }
  } else if (node.type === 'compound') {
    const initial = node.initial.target[0] as XNode;
    if (initial.type !== 'history') {
      enter.add(initial);
      defaultEntry.add(initial);
    }
    addDescendantsToEnter(initial, history, defaultEntry, enter);
    for (const a of properAncestors(initial, node)) enter.add(a);
  }
}

/** The chain of active states, root first, for a resting leaf. */
function chainOf(leaf: XNode): XNode[] {
  const chain: XNode[] = [];
  for (let n: XNode | undefined = leaf; n; n = n.parent) chain.unshift(n);
  return chain;
}

/** Why plans cannot run a machine's transitions at all, or `null` when they can. */
function unsupportedStructure(machine: AnyStateMachine): string | null {
  const nodes: XNode[] = [];
  const walk = (n: XNode) => {
    nodes.push(n);
    for (const child of Object.values(n.states)) walk(child);
  };
  walk(machine.root as unknown as XNode);
  for (const n of nodes) {
    if (n.type === 'parallel') return 'parallel states';
    if (n.invoke.length > 0) return 'invoked actors';
    if (n.type === 'history' && n.config.target !== undefined) return 'history states with their own target';
    for (const descriptor of n.transitions.keys()) if (descriptor === '*' || descriptor.endsWith('.*')) return 'wildcard transitions';
  }
  return null;
}

/** Why the index may select another transition than XState would (so plans must not run), or `null`. */
function unsupportedSelection(machine: AnyStateMachine, indexed: IndexedMachine): string | null {
  const guards = machine.implementations.guards as Record<string, unknown>;
  if (guards.byActor !== byActor) return 'byActor is not the shipped guard';
  for (const state of indexed.index.states) {
    for (const type of indexed.index.eventTypes(state)) {
      for (const c of indexed.index.candidates(state, type)) {
        for (const g of c.guards) {
          const impl = guards[g.name];
          if (typeof impl !== 'function' || 'check' in impl) return `guard ${g.name} is not a plain function`;
          if (typeof g.params === 'function') return `guard ${g.name} has computed params`;
        }
      }
    }
  }
  return null;
}

/** How a runner runs transitions. @internal */
export interface MachineRunnerOptions {
  /** Run from plans where possible (otherwise every call goes through XState). */
  readonly compiled: boolean;
  /**
   * Trust the caller's choice of transition even when the index might select differently from
   * XState (an overridden `byActor`, composite guard implementations). For tests that force each
   * transition in turn; never for deciding events.
   */
  readonly assumeSelection?: boolean;
}

/**
 * Builds the runner of one machine. With `compiled`, transitions between resting states run from
 * plans read off the machine's own state nodes and actions (XState's exit / transition / entry
 * order, its history rules, its `assign` semantics); anything the plans do not cover (parallel or
 * invoked states, eventless moves after the step, built-in actions other than `assign`, spawning)
 * goes through XState's `transition()`. Without it, every call goes through XState.
 *
 * @param indexed - the machine's index (from `indexMachine`)
 * @param options - whether to run from plans where possible
 * @internal
 */
export function createMachineRunner(indexed: IndexedMachine, options: MachineRunnerOptions): MachineRunner {
  const machine = indexed.index.machine;
  const root = machine.root as unknown as XNode;
  const actionImpls = machine.implementations.actions as Record<string, unknown>;
  const usePlans =
    options.compiled && unsupportedStructure(machine) === null && (options.assumeSelection === true || unsupportedSelection(machine, indexed) === null);

  // The `self` and `system` XState hands to assign actions and context factories: one actor for
  // the machine, made on first use and never started (XState's pure functions make one per call).
  let scope: { readonly self: unknown; readonly system: unknown } | null = null;
  const scopeOf = () => {
    if (scope === null) {
      const self = createActor(machine);
      scope = { self, system: self.system };
    }
    return scope;
  };

  function viaXState(record: MachineRecord<string, unknown>, event: MachineEvent): MachineStep {
    const [next, actions] = transition(machine, resolveRecord(machine, record), event as never);
    return { record: toRecord(next), actions };
  }

  // ── plans ────────────────────────────────────────────────────────────────────────────────

  const leaves = new Map<string, XNode | null>();
  const leafOf = (path: string): XNode | null => {
    let leaf = leaves.get(path);
    if (leaf === undefined) {
      let node: XNode | undefined = root;
      for (const key of path.split('.')) node = node?.states[key];
      leaf = node !== undefined && (node.type === 'atomic' || node.type === 'final') ? node : null;
      leaves.set(path, leaf);
    }
    return leaf;
  };

  function compileAction(item: unknown): Step | null {
    if (typeof item === 'function') return null; // inline actions: XState's path
    const { name: type, params } = reference(item);
    if (typeof type !== 'string') return null;
    const impl = actionImpls[type];
    if (!impl) return { kind: 'effect', type, params };
    if (typeof impl !== 'function' && typeof impl !== 'object') return null;
    if (!('resolve' in impl)) return { kind: 'effect', type, params };
    const builtin = impl as { resolve: unknown; assignment?: Assignment };
    if (builtin.resolve === ASSIGN_RESOLVE && builtin.assignment !== undefined) return { kind: 'assign', assignment: builtin.assignment, params };
    return null; // raise, sendTo, enqueueActions…: XState's path
  }

  /** Plans a transition from a resting leaf, or `null` when XState must run it. */
  function planOf(leaf: XNode, t: XTransition, history: Readonly<Record<string, readonly XNode[]>>): Plan | null {
    if (leaf.type === 'final') return null;
    const active = chainOf(leaf);
    const items: unknown[] = [];
    const writes: [string, string[]][] = [];
    let config = active;
    let done = false;
    if (t.target !== undefined && t.target.length > 0) {
      if (t.reenter || t.target.length !== 1) return null;
      const domain = transitionDomain(t, history);
      const exit = active.filter((n) => isDescendant(n, domain)).sort((a, b) => b.order - a.order);
      for (const s of exit) {
        for (const h of Object.values(s.states)) {
          if (h.type !== 'history') continue;
          const remembered = h.history === 'deep' ? active.filter((n) => (n.type === 'atomic' || n.type === 'final') && isDescendant(n, s)) : active.filter((n) => n.parent === s);
          writes.push([h.id, remembered.map((n) => n.id)]);
        }
      }
      for (const s of exit) items.push(...s.exit);
      items.push(...t.actions);
      const enter = new Set<XNode>();
      const defaultEntry = new Set<XNode>();
      for (const s of t.target) {
        if (s.type !== 'history' && (t.source !== s || t.source !== domain)) {
          enter.add(s);
          defaultEntry.add(s);
        }
        addDescendantsToEnter(s, history, defaultEntry, enter);
      }
      for (const s of effectiveTargets(t.target, history)) {
        for (const a of properAncestors(s, domain)) if (isDescendant(a, domain)) enter.add(a);
      }
      const exited = new Set(exit);
      const next = new Set(active.filter((n) => !exited.has(n)));
      for (const s of [...enter].sort((a, b) => a.order - b.order)) {
        next.add(s);
        items.push(...s.entry);
        if (defaultEntry.has(s)) items.push(...s.initial.actions);
        if (s.type === 'final') {
          // A final child of the root finishes the machine; one deeper would raise a done event.
          if (s.parent !== root || root.output !== undefined) return null;
          done = true;
        }
      }
      config = [...next];
      const atomic = config.filter((n) => n.type === 'atomic' || n.type === 'final');
      if (atomic.length !== 1) return null;
      const chain = chainOf(atomic[0] as XNode);
      if (chain.length !== config.length || chain.some((n) => !next.has(n))) return null;
      config = chain;
      if (done) for (const s of [...config].sort((a, b) => b.order - a.order)) items.push(...s.exit);
    } else {
      items.push(...t.actions);
    }
    // XState looks for eventless transitions after every step; a plan covers none.
    if (!done && config.some((n) => n.always !== undefined && n.always.length > 0)) return null;
    const steps: Step[] = [];
    for (const item of items) {
      const step = compileAction(item);
      if (step === null) return null;
      steps.push(step);
    }
    const leafAfter = config[config.length - 1] as XNode;
    return { steps, state: leafAfter.path.join('.'), historyWrites: writes };
  }

  const plans = new Map<XNode, Map<XTransition, Plan | null>>();
  const NO_HISTORY: Readonly<Record<string, readonly XNode[]>> = Object.freeze({});
  function cachedPlan(leaf: XNode, t: XTransition, history: Readonly<Record<string, readonly XNode[]>>): Plan | null {
    // Only a transition into a history state depends on what the history remembers.
    if (t.target?.some((n) => n.type === 'history')) return planOf(leaf, t, history);
    let byTransition = plans.get(leaf);
    if (byTransition === undefined) plans.set(leaf, (byTransition = new Map()));
    let plan = byTransition.get(t);
    if (plan === undefined) byTransition.set(t, (plan = planOf(leaf, t, NO_HISTORY)));
    return plan;
  }

  // ── running a plan ───────────────────────────────────────────────────────────────────────

  const nodesById = new Map<string, XNode>();
  /** The record's history as XState's `resolveState` revives it (ids → state nodes, which throws on unknown ids). */
  function historyOf(record: MachineRecord<string, unknown>): Readonly<Record<string, readonly XNode[]>> {
    if (record.history === undefined) return NO_HISTORY;
    const out: Record<string, XNode[]> = {};
    for (const [key, ids] of Object.entries(record.history)) {
      out[key] = ids.map((id) => {
        let node = nodesById.get(id);
        if (node === undefined) nodesById.set(id, (node = machine.getStateNodeById(id) as unknown as XNode));
        return node;
      });
    }
    return out;
  }

  /** The record `toRecord` would write for a snapshot in `state` with this context and history. */
  function recordOf(state: string, context: unknown, history: Readonly<Record<string, readonly XNode[]>>, writes: Plan['historyWrites']): MachineRecord<string, unknown> {
    const ids: Record<string, string[]> = {};
    for (const [key, nodes] of Object.entries(history)) ids[key] = nodes.map((n) => n.id);
    for (const [key, remembered] of writes) ids[key] = [...remembered];
    return Object.keys(ids).length > 0 ? { state, context, history: ids } : { state, context };
  }

  /** Runs planned actions from a context, as XState's `resolveAndExecuteActionsWithContext` does; returns the new context. */
  function runSteps(steps: readonly Step[], start: object, event: unknown, actions: ExecutedAction[]): object {
    let context = start;
    for (const step of steps) {
      const params = typeof step.params === 'function' ? (step.params as (args: unknown) => unknown)({ context, event }) : step.params;
      if (step.kind === 'effect') {
        actions.push({ type: step.type, params });
        continue;
      }
      const { self, system } = scopeOf();
      const args = { context, event, spawn: noSpawn, self, system };
      let partial: object;
      if (typeof step.assignment === 'function') partial = step.assignment(args, params);
      else {
        const update: Record<string, unknown> = {};
        for (const key of Object.keys(step.assignment)) {
          const value = step.assignment[key];
          update[key] = typeof value === 'function' ? (value as (a: unknown, p: unknown) => unknown)(args, params) : value;
        }
        partial = update;
      }
      context = merged(context, partial);
    }
    return context;
  }

  function execute(plan: Plan, record: MachineRecord<string, unknown>, history: Readonly<Record<string, readonly XNode[]>>, event: MachineEvent): MachineStep {
    const actions: ExecutedAction[] = [];
    // `resolveState` treats a missing context as `{}`.
    const context = runSteps(plan.steps, (record.context || {}) as object, event, actions);
    return { record: recordOf(plan.state, context, history, plan.historyWrites), actions };
  }

  // ── the initial state ────────────────────────────────────────────────────────────────────

  /** XState's initial microstep: the chain of initial states, each entered with its entry and initial actions. */
  interface InitialPlan {
    readonly steps: readonly Step[];
    readonly leaf: XNode;
    /** The chain's eventless transitions, deepest state first, with their guards resolved. */
    readonly eventless: readonly { readonly t: XTransition; readonly guard: ((args: unknown, params: unknown) => unknown) | null; readonly params: unknown }[];
  }
  let initial: InitialPlan | null | undefined;
  function initialPlan(): InitialPlan | null {
    if (initial !== undefined) return initial;
    initial = null;
    const chain: XNode[] = [root];
    for (let n = root; n.type === 'compound'; ) {
      n = n.initial.target[0] as XNode;
      if (n.type === 'history') return null;
      chain.push(n);
    }
    const leaf = chain[chain.length - 1] as XNode;
    if (leaf.type !== 'atomic') return null;
    const steps: Step[] = [];
    // Every state of the initial chain is entered by default: its entry actions, then its initial actions.
    for (const n of [...chain].sort((a, b) => a.order - b.order)) {
      for (const item of [...n.entry, ...n.initial.actions]) {
        const step = compileAction(item);
        if (step === null) return null;
        steps.push(step);
      }
    }
    const guards = machine.implementations.guards as Record<string, unknown>;
    const eventless: { t: XTransition; guard: ((args: unknown, params: unknown) => unknown) | null; params: unknown }[] = [];
    for (const n of [...chain].reverse()) {
      for (const t of (n.always ?? []) as (XTransition & { guard?: unknown })[]) {
        const g = t.guard;
        if (g === undefined) {
          eventless.push({ t, guard: null, params: undefined });
          continue;
        }
        const { name, params } = reference(g);
        const impl = typeof name === 'string' ? guards[name] : undefined;
        if (typeof impl !== 'function' || 'check' in impl || typeof params === 'function') return null;
        eventless.push({ t, guard: impl as (args: unknown, params: unknown) => unknown, params });
      }
    }
    initial = { steps, leaf, eventless };
    return initial;
  }

  /** `initialTransition` from plans: the context from the machine's `context`, the initial chain, then at most one eventless move. */
  function startFromPlans(input: unknown): MachineStep | null {
    const plan = initialPlan();
    if (plan === null) return null;
    const event = { type: 'xstate.init', input };
    const factory = (machine.config as { context?: unknown }).context;
    let context: object;
    if (typeof factory === 'function') {
      const { self } = scopeOf();
      context = merged({}, (factory as (args: unknown) => object)({ spawn: noSpawn, input, self }));
    } else context = typeof factory === 'object' && factory !== null ? factory : {};
    const actions: ExecutedAction[] = [];
    context = runSteps(plan.steps, context, event, actions);
    const chosen = plan.eventless.find((e) => e.guard === null || e.guard({ context, event }, e.params));
    // No eventless transition enabled: the machine rests in its initial state.
    if (chosen === undefined) return { record: recordOf(plan.leaf.path.join('.'), context, NO_HISTORY, []), actions };
    // A targetless eventless transition is re-selected by XState until the snapshot stops changing: its path decides.
    if (chosen.t.target === undefined || chosen.t.target.length === 0) return null;
    const move = cachedPlan(plan.leaf, chosen.t, NO_HISTORY);
    if (move === null) return null;
    context = runSteps(move.steps, context, event, actions);
    return { record: recordOf(move.state, context, NO_HISTORY, move.historyWrites), actions };
  }

  function runTransition(record: MachineRecord<string, unknown>, event: MachineEvent, t: XTransition): MachineStep {
    const leaf = leafOf(record.state);
    if (leaf === null) return viaXState(record, event);
    const history = historyOf(record);
    const plan = cachedPlan(leaf, t, history);
    if (plan === null) return viaXState(record, event);
    try {
      return execute(plan, record, history, event);
    } catch (error) {
      if (error === SPAWN_FALLBACK) return viaXState(record, event);
      throw error;
    }
  }

  return {
    run(record, event, at) {
      if (!usePlans) return viaXState(record, event);
      const t = indexed.transitions(record.state, event.type)[at] as XTransition | undefined;
      return t === undefined ? viaXState(record, event) : runTransition(record, event, t);
    },
    send(record, event) {
      if (!usePlans) return viaXState(record, event);
      const candidates = indexed.index.candidates(record.state, event.type);
      const transitions = indexed.transitions(record.state, event.type) as readonly (XTransition & { guard?: unknown })[];
      const at = candidates.findIndex((c: Candidate, i) => {
        if (c.actors !== null && !c.actors.includes(event.actor.kind)) return false;
        try {
          return c.guards.every((g) => evaluateGuard(indexed.index, g, record.context || {}, event));
        } catch (error) {
          // Worded as XState words a guard that throws while it selects a transition.
          const t = transitions[i] as XTransition & { guard?: unknown };
          const { name } = reference(t.guard);
          throw new Error(`Unable to evaluate guard ${name ? `'${name as string}' ` : ''}in transition for event '${event.type}' in state node '${t.source.id}':\n${(error as Error).message}`);
        }
      });
      if (at >= 0) return runTransition(record, event, transitions[at] as XTransition);
      // Nothing enabled: XState leaves the snapshot as it was.
      const leaf = leafOf(record.state);
      if (leaf === null || leaf.type === 'final' || chainOf(leaf).some((n) => n.always !== undefined && n.always.length > 0)) return viaXState(record, event);
      return { record: recordOf(record.state, record.context || {}, historyOf(record), []), actions: [] };
    },
    planned(state, eventType, at) {
      const leaf = leafOf(state);
      const t = indexed.transitions(state, eventType)[at] as XTransition | undefined;
      return usePlans && leaf !== null && t !== undefined && cachedPlan(leaf, t, NO_HISTORY) !== null;
    },
    start(input) {
      if (usePlans) {
        try {
          const step = startFromPlans(input);
          if (step !== null) return step;
        } catch {
          // A context or action that throws (or spawns): XState's own path gives the snapshot it gives.
        }
      }
      const [snapshot, actions] = initialTransition(machine, input as never);
      return { record: toRecord(snapshot), actions };
    },
  };
}
