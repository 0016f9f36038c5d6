import type { Actor, ActorKind } from '../model/actor.js';

/**
 * What every event carries inside a machine besides its payload: who sent it and when. The public
 * API takes the actor beside the event (`apply(order, event, { actor, now })`) and adds this.
 */
export interface Envelope {
  readonly actor: Actor;
  /** ISO 8601 timestamp of the decision (`ctx.now`). */
  readonly at: string;
}

/** Parameters of the `byActor` guard every machine declares. */
export interface ByActorParams {
  readonly actors: readonly ActorKind[];
}

/**
 * The guard reference that limits a transition to some actors, e.g. `by('staff')`. Every
 * transition in the four machines starts with one, so the machines themselves say who may do what.
 *
 * @param actors - the actor kinds allowed to cause the transition
 * @example
 * ```ts
 * import { by } from 'ordermachine';
 * const staffOnly = by('staff'); // { type: 'byActor', params: { actors: ['staff'] } }
 * ```
 */
export function by(...actors: ActorKind[]): { type: 'byActor'; params: ByActorParams } {
  return { type: 'byActor', params: { actors } };
}

/**
 * The implementation of the `byActor` guard.
 *
 * @param args - XState guard arguments (only `event.actor` is read)
 * @param params - the allowed actor kinds
 * @example
 * ```ts
 * import { byActor } from 'ordermachine';
 * byActor({ event: { actor: { kind: 'staff', id: 's1' } } }, { actors: ['staff'] }); // true
 * ```
 */
export function byActor(args: { event: { actor: Actor } }, params: ByActorParams): boolean {
  return params.actors.includes(args.event.actor.kind);
}

/**
 * The `notify` and `command` actions do nothing when run: on the server path they are handed back
 * unexecuted (by the lifecycle's transition plans, or XState's pure `transition()` where plans do
 * not reach) and `apply` turns them into effects for the outbox. A host running a live
 * actor can `machine.provide({ actions: { notify } })` to act on them directly.
 *
 * @example
 * ```ts
 * import { effectPlaceholder } from 'ordermachine';
 * effectPlaceholder(); // does nothing, by design
 * ```
 */
export function effectPlaceholder(): void {}
