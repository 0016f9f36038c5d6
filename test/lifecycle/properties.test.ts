import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MACHINES,
  FINAL_STATES,
  allowedEvents,
  apply,
  buildTransitionIndex,
  type MachineKind,
  type OrderAggregate,
} from '../../src/index.js';
import { RULE_REASONS } from '../../src/lifecycle/ruleReasons.js';
import { resolveRecord } from '../../src/lifecycle/snapshots.js';
import { arbitraryStepChoice, checkInvariants, checkTransitionInvariants, eventFor, type StepChoice } from '../../src/testing.js';
import { deepFreeze } from '../support/deepFreeze.js';
import { START, actor, arbitraryStart, startOrder } from './lives.js';

const INDEXES = {
  order: buildTransitionIndex('order', DEFAULT_MACHINES.order),
  payment: buildTransitionIndex('payment', DEFAULT_MACHINES.payment),
  shipment: buildTransitionIndex('shipment', DEFAULT_MACHINES.shipment),
  return: buildTransitionIndex('return', DEFAULT_MACHINES.return),
};

/** Refusals any event may get: not here, not you, finished, or no such payment, shipment or return. */
const ANY_EVENT = ['NOT_ALLOWED_IN_STATE', 'ACTOR_NOT_ALLOWED', 'TERMINAL_STATE', 'UNKNOWN_PAYMENT', 'UNKNOWN_SHIPMENT', 'UNKNOWN_RETURN'];

/** XState's own verdict for the machine an event addresses, to compare with the index's. */
function xstateAccepts(order: OrderAggregate, kind: MachineKind, id: string, event: Record<string, unknown>): boolean | null {
  const record = kind === 'order' ? order.order : [...order.payments, ...order.shipments, ...order.returns].find((r) => r.id === id);
  if (!record) return null;
  const machine = DEFAULT_MACHINES[kind];
  const snapshot = resolveRecord(machine, record);
  // getTransitionData is XState's selection of enabled transitions (guards evaluated).
  return (machine.getTransitionData(snapshot as never, event as never) ?? []).length > 0;
}

const MACHINE_OF_ID = (order: OrderAggregate, event: Record<string, unknown>): [MachineKind, string] => {
  if (typeof event.paymentId === 'string' && order.payments.some((p) => p.id === event.paymentId) && !('method' in event)) return ['payment', event.paymentId];
  if (typeof event.shipmentId === 'string' && order.shipments.some((s) => s.id === event.shipmentId) && !('lines' in event)) return ['shipment', event.shipmentId];
  if (typeof event.returnId === 'string' && order.returns.some((r) => r.id === event.returnId) && !('lines' in event)) return ['return', event.returnId];
  return ['order', order.id];
};

/** Runs a random life and checks every promise after every step. */
function live(start: OrderAggregate, choices: readonly StepChoice[]): { accepted: number; states: Set<string> } {
  let order = deepFreeze(start);
  let now = START;
  let accepted = 0;
  const states = new Set<string>();
  for (const choice of choices) {
    now += choice.advanceMinutes * 60_000;
    const { event, actor: kind } = eventFor(order, choice, new Date(now));
    const who = actor(kind);
    // Promise: apply never throws, and never modifies its input (the aggregate is deep-frozen).
    const result = apply(order, event, { actor: who, now: new Date(now) });
    if (result.ok) {
      accepted += 1;
      // Promise: the invariants hold after every accepted event.
      expect(checkInvariants(result.order), JSON.stringify(event)).toEqual([]);
      expect(checkTransitionInvariants(order, result.order), JSON.stringify(event)).toEqual([]);
      order = deepFreeze(result.order);
      states.add(`order:${order.order.state}`);
      for (const p of order.payments) states.add(`payment:${p.state}`);
      for (const s of order.shipments) states.add(`shipment:${s.state}`);
      for (const r of order.returns) states.add(`return:${r.state}`);
      continue;
    }
    const error = result.error;
    if (error.code === 'INVALID') {
      // Promise: malformed input names the bad field.
      expect(error.issues.length).toBeGreaterThan(0);
      continue;
    }
    // Promise: every refusal names the reason and exactly the events this actor may send now.
    expect(error.reason).toBeTruthy();
    expect(error.allowed).toEqual(allowedEvents(order, who, { now: new Date(now) }));
    expect(error.allowed.some((a) => a.type === event.type && a.id === error.target && error.code === 'FORBIDDEN')).toBe(false);
    // Promise: every refusal reason is one docs/events.md gives for this event: a refusal any event
    // may get, a guard of the addressed machine in that state, or a rule across the order.
    const guarded = error.state === null ? [] : INDEXES[error.machine].candidates(error.state, event.type).flatMap((c) => c.guards.map((g) => g.info.reason));
    expect([...ANY_EVENT, ...guarded, ...(RULE_REASONS[event.type] ?? [])], `${event.type} in ${error.machine} ${error.state}`).toContain(error.reason);
    // Promise: a finished machine accepts nothing.
    if (error.state !== null && (FINAL_STATES[error.machine] as readonly string[]).includes(error.state)) expect(error.reason).toBe('TERMINAL_STATE');
    // Promise: the index agrees with XState when the machine itself refused.
    const [kindOf, id] = MACHINE_OF_ID(order, event as Record<string, unknown>);
    if (kindOf === error.machine && ['NOT_ALLOWED_IN_STATE', 'TERMINAL_STATE', 'ACTOR_NOT_ALLOWED'].includes(error.reason)) {
      expect(xstateAccepts(order, kindOf, id, { ...event, actor: who, at: new Date(now).toISOString() })).toBe(false);
    }
  }
  return { accepted, states };
}

describe('properties: random lives never break the promises', () => {
  it('random events from every actor (legal, illegal, malformed) never throw, never break an invariant, and every refusal names the allowed events', () => {
    fc.assert(
      fc.property(arbitraryStart, fc.array(arbitraryStepChoice(), { minLength: 1, maxLength: 60 }), (s, choices) => {
        live(startOrder(s), choices);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('legal-only lives are accepted at least most of the time and still keep every invariant', () => {
    fc.assert(
      fc.property(arbitraryStart, fc.array(arbitraryStepChoice({ legalOnly: true }), { minLength: 5, maxLength: 60 }), (s, choices) => {
        const { accepted } = live(startOrder(s), choices);
        expect(accepted).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('the index decides exactly as XState does, for every state × event × actor met in random lives', () => {
    fc.assert(
      fc.property(arbitraryStart, fc.array(arbitraryStepChoice(), { minLength: 1, maxLength: 40 }), (s, choices) => {
        let order = startOrder(s);
        let now = START;
        for (const choice of choices) {
          now += choice.advanceMinutes * 60_000;
          const { event, actor: kind } = eventFor(order, choice, new Date(now));
          const at = new Date(now).toISOString();
          for (const probeKind of ['customer', 'staff', 'system', 'carrier', 'payment_provider'] as const) {
            const [machine, id] = MACHINE_OF_ID(order, event as Record<string, unknown>);
            const record = machine === 'order' ? order.order : [...order.payments, ...order.shipments, ...order.returns].find((r) => r.id === id);
            if (!record) continue;
            const machineEvent = { ...(event as Record<string, unknown>), type: event.type, actor: actor(probeKind), at };
            const parsedOk = apply(order, event, { actor: actor(probeKind), now: at });
            if (!parsedOk.ok && parsedOk.error.code === 'INVALID') continue;
            const verdict = INDEXES[machine].decide(record.state, record.context, machineEvent);
            expect(verdict.ok, `${machine} ${record.state} ${event.type} by ${probeKind}`).toBe(xstateAccepts(order, machine, id, machineEvent));
          }
          const result = apply(order, event, { actor: actor(kind), now: at });
          if (result.ok) order = result.order;
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('properties: coverage of the random lives', () => {
  it('legal-only lives reach most resting states of every machine', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbitraryStart, fc.array(arbitraryStepChoice({ legalOnly: true }), { minLength: 40, maxLength: 120 }), (s, choices) => {
        for (const state of live(startOrder(s), choices).states) seen.add(state);
      }),
      { numRuns: 300, seed: 20261123 },
    );
    // A generator that wanders in a corner would make the other properties weak.
    expect(seen.size).toBeGreaterThan(40);
  }, 60_000);
});
