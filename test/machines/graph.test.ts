import type { AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MACHINES,
  FINAL_STATES,
  ORDER_EVENT_TYPES,
  ORDER_STATES,
  PAYMENT_EVENT_TYPES,
  PAYMENT_STATES,
  RETURN_EVENT_TYPES,
  RETURN_STATES,
  SHIPMENT_EVENT_TYPES,
  SHIPMENT_STATES,
  buildTransitionIndex,
  type MachineKind,
} from '../../src/index.js';
import { GUARD_INFO } from '../../src/lifecycle/guardInfo.js';

type Node = AnyStateMachine['root'];

const MACHINES: Record<MachineKind, { states: readonly string[]; events: readonly string[] }> = {
  order: { states: ORDER_STATES, events: ORDER_EVENT_TYPES },
  payment: { states: PAYMENT_STATES, events: PAYMENT_EVENT_TYPES },
  shipment: { states: SHIPMENT_STATES, events: SHIPMENT_EVENT_TYPES },
  return: { states: RETURN_STATES, events: RETURN_EVENT_TYPES },
};
const KINDS = Object.keys(MACHINES) as MachineKind[];
const INTERNAL_EVENTS = ['SYNC'];

const path = (n: Node) => n.path.join('.');
const ancestors = (n: Node): Node[] => (n.parent ? [n.parent, ...ancestors(n.parent)] : []);
const leavesUnder = (n: Node): Node[] => {
  const children = (Object.values(n.states) as Node[]).filter((c) => c.type !== 'history');
  return children.length === 0 ? [n] : children.flatMap(leavesUnder);
};

/** The resting leaves a transition target leads to (following initial states, `always` and history). */
function settle(n: Node): Node[] {
  if (n.type === 'history') return n.parent ? leavesUnder(n.parent) : [];
  if (n.always && n.always.length > 0) return n.always.flatMap((t) => (t.target ?? []).flatMap(settle));
  const children = Object.values(n.states) as Node[];
  if (children.length === 0) return [n];
  return (n.initial?.target ?? []).flatMap(settle);
}

/** Every leaf state reachable from the initial state through the machine's transitions. */
function reachable(machine: AnyStateMachine): Set<string> {
  const seen = new Set<string>();
  const queue = settle(machine.root);
  while (queue.length > 0) {
    const leaf = queue.shift() as Node;
    if (seen.has(path(leaf))) continue;
    seen.add(path(leaf));
    for (const owner of [leaf, ...ancestors(leaf)]) {
      for (const transitions of owner.transitions.values()) {
        for (const t of transitions) for (const target of t.target ?? []) queue.push(...settle(target));
      }
    }
  }
  return seen;
}

describe('the machine graphs: every state reachable, terminal states absorb, no event handled nowhere', () => {
  for (const kind of KINDS) {
    const machine = DEFAULT_MACHINES[kind];
    const index = buildTransitionIndex(kind, machine);

    it(`${kind}: the published state list is exactly the machine's resting states`, () => {
      expect([...index.states].sort()).toEqual([...MACHINES[kind].states].sort());
    });

    it(`${kind}: every state is reachable from the initial state`, () => {
      expect([...reachable(machine)].sort()).toEqual([...MACHINES[kind].states].sort());
    });

    it(`${kind}: final states are exactly the published terminal states and accept no event`, () => {
      const finals = index.states.filter((s) => machine.getStateNodeById(`${kind}.${s}`).type === 'final');
      expect(finals.sort()).toEqual([...FINAL_STATES[kind]].sort());
      for (const s of finals) expect(index.eventTypes(s)).toEqual([]);
    });

    it(`${kind}: every non-final state accepts some public event`, () => {
      for (const s of index.states) {
        if ((FINAL_STATES[kind] as readonly string[]).includes(s)) continue;
        expect(index.eventTypes(s).filter((t) => !INTERNAL_EVENTS.includes(t)), s).not.toEqual([]);
      }
    });

    it(`${kind}: every event it declares is handled in some state, and it handles only its own events`, () => {
      const handled = new Set(index.states.flatMap((s) => index.eventTypes(s)));
      for (const type of MACHINES[kind].events) expect(handled.has(type), `${type} is handled nowhere`).toBe(true);
      for (const type of handled) expect([...MACHINES[kind].events, ...INTERNAL_EVENTS]).toContain(type);
    });

    it(`${kind}: every public transition names the actors who may cause it`, () => {
      for (const s of index.states) {
        for (const type of index.eventTypes(s)) {
          if (INTERNAL_EVENTS.includes(type)) continue;
          for (const c of index.candidates(s, type)) expect(c.actors, `${s} / ${type}`).not.toBeNull();
        }
      }
    });

    it(`${kind}: every guard has a meaning (refusal reason or routing) and every meaning a guard`, () => {
      const guards = Object.keys(machine.implementations.guards).sort();
      expect(Object.keys(GUARD_INFO[kind]).sort()).toEqual(guards);
    });
  }

  it('no event type belongs to two machines', () => {
    const all = KINDS.flatMap((k) => MACHINES[k].events);
    expect(new Set(all).size).toBe(all.length);
  });
});
