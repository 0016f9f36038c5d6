// Local scenario helper for seeds 002 and 004 (kept separate from the shared driver on purpose).
// A `Story` walks one order through the pure API: every accepted step is checked against the
// library's invariants, every refusal is checked for its exact code and reason and for leaving
// the aggregate untouched.
import { expect } from 'vitest';
import {
  apply,
  createOrder,
  deriveOrderStatuses,
  Effect,
  type Actor,
  type Applied,
  type CommandEffect,
  type CommandName,
  type InvalidInput,
  type LifecyclePolicy,
  type NotificationEffect,
  type NotificationTemplate,
  type OrderAggregate,
  type OrderEventInput,
  type OrderInputRaw,
  type OrderStatuses,
  type PaymentRecord,
  type Rejection,
  type RejectionReason,
  type ReturnRecord,
  type ShipmentRecord,
} from '../../src/index.js';
import { checkInvariants, checkTransitionInvariants } from '../../src/testing.js';

export const SYSTEM: Actor = { kind: 'system', id: 'scheduler' };
export const STAFF: Actor = { kind: 'staff', id: 'staff-7' };
export const PSP: Actor = { kind: 'payment_provider', id: 'gateway' };
export const CARRIER: Actor = { kind: 'carrier', id: 'courier' };
export const customer = (id = 'cust-1'): Actor => ({ kind: 'customer', id });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One accepted step, as the story remembers it. */
export interface Step {
  readonly type: string;
  readonly actor: Actor['kind'];
  readonly effects: readonly Effect[];
}

/** The expected refusal of a well-formed event. */
export interface Refusal {
  readonly code: 'REJECTED' | 'FORBIDDEN';
  readonly reason: RejectionReason;
}

/**
 * Fails the test with every broken invariant named. Soft, so the story goes on and a later,
 * different problem is reported too; the test still fails.
 */
export function expectNoViolations(before: OrderAggregate | null, after: OrderAggregate, label: string): void {
  const violations = [...checkInvariants(after), ...(before === null ? [] : checkTransitionInvariants(before, after))];
  expect.soft(violations, `invariants after ${label}`).toEqual([]);
}

export class Story {
  order: OrderAggregate;
  now: Date;
  policy: Partial<LifecyclePolicy> | undefined;
  readonly steps: Step[] = [];

  constructor(input: OrderInputRaw, start: string) {
    this.now = new Date(start);
    const created = createOrder(input, { now: this.now });
    if (!created.ok) throw new Error(`createOrder refused: ${JSON.stringify(created.error)}`);
    this.order = created.order;
    expectNoViolations(null, this.order, 'createOrder');
  }

  get state(): string {
    return this.order.order.state;
  }

  get ctx(): OrderAggregate['order']['context'] {
    return this.order.order.context;
  }

  statuses(): OrderStatuses {
    return deriveOrderStatuses(this.order);
  }

  minutes(n: number): this {
    this.now = new Date(this.now.getTime() + n * 60_000);
    return this;
  }

  hours(n: number): this {
    this.now = new Date(this.now.getTime() + n * HOUR);
    return this;
  }

  days(n: number): this {
    this.now = new Date(this.now.getTime() + n * DAY);
    return this;
  }

  /** Applies an event that must be accepted; returns its effects and changes. */
  send(event: OrderEventInput, actor: Actor): Applied {
    this.minutes(1);
    const before = this.order;
    const frozen = JSON.stringify(before);
    const result = apply(before, event, { actor, now: this.now, ...(this.policy ? { policy: this.policy } : {}) });
    if (!result.ok) {
      throw new Error(`${event.type} by ${actor.kind} was refused: ${JSON.stringify({ ...result.error, allowed: undefined })}`);
    }
    expect(JSON.stringify(before), `${event.type} must not mutate its input`).toBe(frozen);
    expectNoViolations(before, result.order, `${event.type} by ${actor.kind}`);
    for (const effect of result.effects) expect(Effect.safeParse(effect).success, `effect ${JSON.stringify(effect)} fits the Effect schema`).toBe(true);
    this.order = result.order;
    this.steps.push({ type: event.type, actor: actor.kind, effects: result.effects });
    return result;
  }

  /** Applies a well-formed event that must be refused with exactly this code and reason. */
  refuse(event: OrderEventInput, actor: Actor, expected: Refusal): Rejection {
    const before = this.order;
    const frozen = JSON.stringify(before);
    const result = apply(before, event, { actor, now: this.now, ...(this.policy ? { policy: this.policy } : {}) });
    expect(result.ok, `${event.type} by ${actor.kind} should be refused with ${expected.reason}`).toBe(false);
    if (result.ok) throw new Error('unreachable');
    const error = result.error;
    expect(error.code, JSON.stringify({ ...error, allowed: undefined })).toBe(expected.code);
    if (error.code === 'INVALID') throw new Error(`expected a rejection, got INVALID: ${error.message}`);
    expect(error.reason, error.message).toBe(expected.reason);
    expect(error.event).toBe(event.type);
    expect(error.orderState).toBe(before.order.state);
    expect(JSON.stringify(this.order), 'a refused event changes nothing').toBe(frozen);
    expect(this.order).toBe(before);
    return error;
  }

  /** Applies malformed input that must be refused as INVALID, naming `path`. */
  invalid(event: unknown, actor: Actor, path: string): InvalidInput {
    const before = this.order;
    const frozen = JSON.stringify(before);
    const result = apply(before, event, { actor, now: this.now });
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result.error.code).toBe('INVALID');
    if (result.error.code !== 'INVALID') throw new Error('unreachable');
    expect(result.error.issues.map((i) => i.path)).toContain(path);
    expect(JSON.stringify(this.order), 'invalid input changes nothing').toBe(frozen);
    return result.error;
  }

  /** Every effect produced so far, in order. */
  allEffects(): Effect[] {
    return this.steps.flatMap((s) => s.effects);
  }

  payment(id: string): PaymentRecord {
    const found = this.order.payments.find((p) => p.id === id);
    if (!found) throw new Error(`no payment ${id}`);
    return found;
  }

  shipment(id: string): ShipmentRecord {
    const found = this.order.shipments.find((s) => s.id === id);
    if (!found) throw new Error(`no shipment ${id}`);
    return found;
  }

  ret(id: string): ReturnRecord {
    const found = this.order.returns.find((r) => r.id === id);
    if (!found) throw new Error(`no return ${id}`);
    return found;
  }
}

export function notifications(effects: readonly Effect[]): NotificationEffect[] {
  return effects.filter((e): e is NotificationEffect => e.kind === 'notification');
}

export function commands(effects: readonly Effect[]): CommandEffect[] {
  return effects.filter((e): e is CommandEffect => e.kind === 'command');
}

/** The templates of the customer/staff messages in a list of effects, in order. */
export function templates(effects: readonly Effect[]): NotificationTemplate[] {
  return notifications(effects).map((n) => n.template);
}

/** The command names in a list of effects, in order. */
export function commandNames(effects: readonly Effect[]): CommandName[] {
  return commands(effects).map((c) => c.command);
}

/** The one notification with this template (fails when there is none or several). */
export function theNotification(effects: readonly Effect[], template: NotificationTemplate): NotificationEffect {
  const found = notifications(effects).filter((n) => n.template === template);
  expect(found, `exactly one ${template} notification in ${JSON.stringify(templates(effects))}`).toHaveLength(1);
  return found[0] as NotificationEffect;
}

/** The one command with this name (fails when there is none or several). */
export function theCommand<N extends CommandName>(effects: readonly Effect[], name: N): Extract<CommandEffect, { command: N }> {
  const found = commands(effects).filter((c): c is Extract<CommandEffect, { command: N }> => c.command === name);
  expect(found, `exactly one ${name} command in ${JSON.stringify(commandNames(effects))}`).toHaveLength(1);
  return found[0] as Extract<CommandEffect, { command: N }>;
}
