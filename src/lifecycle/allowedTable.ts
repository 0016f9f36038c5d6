import type { ActorKind } from '../model/actor.js';
import { ActorKind as ActorKindSchema } from '../model/actor.js';
import type { TransitionIndex } from './transitionIndex.js';

/** A guard of the machine that `allowedEvents` evaluates (one that needs no payload), with its implementation looked up once. */
interface ContextGuard {
  readonly name: string;
  readonly params: unknown;
  readonly check: (args: { context: unknown; event: unknown }, params: unknown) => unknown;
}

/** An event type a state offers an actor: the candidate transitions open to that actor, each with the guards to check. */
export interface AllowedEntry {
  readonly type: string;
  readonly candidates: readonly (readonly ContextGuard[])[];
}

/** What `allowedEvents` reads of one machine, per state. @internal */
export interface AllowedTable {
  /** The event types to consider for an actor kind, in the index's order. */
  entries(state: string, actor: ActorKind): readonly AllowedEntry[];
  /** Whether the state offers any public event at all, to anyone. */
  offersAny(state: string): boolean;
}

/**
 * Reads from a machine's index, once, which event types each actor kind may send in each state,
 * with only the guards that need no payload left to check. `allowedEvents` then evaluates those
 * guards on the record's context, in the index's order, exactly as it would walk the index.
 *
 * @param index - the machine's index
 * @param isPublic - whether an event type is a public event (internal ones such as `SYNC` are never offered)
 * @internal
 */
export function buildAllowedTable(index: TransitionIndex, isPublic: (type: string) => boolean): AllowedTable {
  const guards = index.machine.implementations.guards as Record<string, unknown>;
  const checkOf = (name: string): ContextGuard['check'] => {
    const impl = guards[name];
    if (typeof impl === 'function') return impl as ContextGuard['check'];
    return () => {
      throw new Error(`guard "${name}" has no implementation in the ${index.kind} machine`);
    };
  };
  const table = new Map<string, Map<ActorKind, AllowedEntry[]>>();
  const offering = new Set<string>();
  for (const state of index.states) {
    if (index.eventTypes(state).some(isPublic)) offering.add(state);
    const byActor = new Map<ActorKind, AllowedEntry[]>();
    for (const actor of ActorKindSchema.options) {
      const entries: AllowedEntry[] = [];
      for (const type of index.eventTypes(state)) {
        if (!isPublic(type)) continue;
        const candidates = index
          .candidates(state, type)
          .filter((c) => c.actors !== null && c.actors.includes(actor))
          .map((c) => c.guards.filter((g) => !g.info.payload).map((g) => ({ name: g.name, params: g.params, check: checkOf(g.name) })));
        if (candidates.length > 0) entries.push({ type, candidates });
      }
      byActor.set(actor, entries);
    }
    table.set(state, byActor);
  }
  const none: readonly AllowedEntry[] = [];
  return {
    entries: (state, actor) => table.get(state)?.get(actor) ?? none,
    offersAny: (state) => offering.has(state),
  };
}
