import type { Actor, ActorKind } from '../model/actor.js';
import type { Effect, MachineKind } from '../model/effects.js';
import type { OrderEventType } from '../model/events.js';
import type { OrderAggregate } from './aggregate.js';
import type { LifecyclePolicy } from './policy.js';
import type { RejectionReason } from './rejectionReason.js';
import type { OrderState } from './states.js';

/** Who is acting and when, for `apply`, `can` and `allowedEvents`. */
export interface ApplyContext {
  readonly actor: Actor;
  /** The decision time: a `Date` or an ISO 8601 string. Inject it; the core never reads the clock. */
  readonly now: Date | string;
  readonly policy?: Partial<LifecyclePolicy>;
}

/** One problem with an input, naming the field (`'amount.amount'`, `'total'`, `'actor.kind'`…). */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  readonly code: string;
}

/** The input was malformed: nothing was decided and nothing changed. */
export interface InvalidInput {
  readonly code: 'INVALID';
  readonly message: string;
  /** The event type, when the input had a recognisable one. */
  readonly event: string | null;
  readonly issues: readonly ValidationIssue[];
}

/** An event the lifecycle understands and the caller may send now, addressed to one machine. */
export interface AllowedEvent {
  readonly type: OrderEventType;
  readonly machine: MachineKind;
  /** The order id for order events; the payment, shipment or return id for theirs. */
  readonly id: string;
}

/**
 * A well-formed event the order refused: `FORBIDDEN` when this actor may never send it here,
 * `REJECTED` otherwise. Names the current state and what the actor may send instead.
 */
export interface Rejection {
  readonly code: 'REJECTED' | 'FORBIDDEN';
  readonly reason: RejectionReason;
  readonly message: string;
  readonly event: OrderEventType;
  readonly machine: MachineKind;
  /** Id of the addressed order, payment, shipment or return. */
  readonly target: string;
  /** State of the addressed machine (`null` when the addressed child does not exist). */
  readonly state: string | null;
  readonly orderState: OrderState;
  readonly allowed: readonly AllowedEvent[];
  /** For `FORBIDDEN`: who may send this event in this state. */
  readonly allowedActors?: readonly ActorKind[];
}

/** A machine that changed (or was created) by an event: `from` is `null` for a new child. */
export interface StateChange {
  readonly machine: MachineKind;
  readonly id: string;
  readonly from: string | null;
  readonly to: string;
}

/** The event was applied: the new aggregate, the effects to run, and what changed. */
export interface Applied {
  readonly ok: true;
  readonly order: OrderAggregate;
  readonly effects: readonly Effect[];
  readonly changes: readonly StateChange[];
}

/** What `apply` returns: never a throw for expected outcomes, never a silent no-op. */
export type ApplyResult = Applied | { readonly ok: false; readonly error: Rejection | InvalidInput };
