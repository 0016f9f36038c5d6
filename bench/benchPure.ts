/**
 * The pure figures: `allowedEvents` (figure `can`) and `apply`, each against raw XState doing the
 * same work on the same machines, on aggregates loaded from their persisted JSON.
 */
import { Bench } from 'tinybench';
import { transition, type AnyStateMachine } from 'xstate';
import {
  allowedEvents,
  apply,
  DEFAULT_MACHINES,
  ORDER_EVENT_TYPES,
  PAYMENT_EVENT_TYPES,
  RETURN_EVENT_TYPES,
  SHIPMENT_EVENT_TYPES,
  toStateValue,
  type Actor,
  type MachineKind,
  type OrderAggregate,
  type OrderEventInput,
} from 'ordermachine';
import type { BenchScale } from './benchScale.js';
import { measured, type Figure } from './Figure.js';
import { SCRIPT_ACTORS } from './lifecycleScript.js';
import { median } from './median.js';
import { scriptSnapshots } from './scriptSnapshots.js';

const EVENT_TYPES: Record<MachineKind, readonly string[]> = {
  order: ORDER_EVENT_TYPES,
  payment: PAYMENT_EVENT_TYPES,
  shipment: SHIPMENT_EVENT_TYPES,
  return: RETURN_EVENT_TYPES,
};
const KIND_OF = new Map<string, MachineKind>(
  (Object.entries(EVENT_TYPES) as [MachineKind, readonly string[]][]).flatMap(([kind, types]) => types.map((t) => [t, kind] as const)),
);
const ID_FIELD = { payment: 'paymentId', shipment: 'shipmentId', return: 'returnId' } as const;
const CHILDREN = { payment: 'payments', shipment: 'shipments', return: 'returns' } as const;

/**
 * What the raw-XState baseline puts in the events it probes with `snapshot.can`: a payload good
 * enough for every guard to evaluate (a guard reading a missing `item` or `lines` would throw).
 */
const PROBE_PAYLOAD = {
  item: { lineId: 'probe', sku: 'PROBE', name: 'Probe', quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } },
  lines: [{ lineId: 'l1', quantity: 1 }],
};

interface MachineRecordJson {
  readonly state: string;
  readonly context: unknown;
}

/** Each machine of an order with its record: the order first, then its children. */
function recordsOf(order: OrderAggregate): [MachineKind, string, MachineRecordJson][] {
  const out: [MachineKind, string, MachineRecordJson][] = [['order', order.id, order.order]];
  for (const kind of ['payment', 'shipment', 'return'] as const) {
    for (const child of order[CHILDREN[kind]]) out.push([kind, child.id, child]);
  }
  return out;
}

function resolve(machine: AnyStateMachine, record: MachineRecordJson) {
  // The persisted context is the machine's own context type; resolveState's config types it loosely.
  return machine.resolveState({ value: toStateValue(record.state), context: record.context as never });
}

/**
 * Raw XState doing what `allowedEvents` does: every machine of the order resolved from its JSON
 * with `machine.resolveState`, then `snapshot.can(event)` for every event type of that machine.
 */
function rawAllowedEvents(order: OrderAggregate, actor: Actor, at: string): { type: string; id: string }[] {
  const out: { type: string; id: string }[] = [];
  for (const [kind, id, record] of recordsOf(order)) {
    const snapshot = resolve(DEFAULT_MACHINES[kind], record);
    for (const type of EVENT_TYPES[kind]) {
      const event = kind === 'order' ? { ...PROBE_PAYLOAD, type, actor, at } : { ...PROBE_PAYLOAD, type, actor, at, [ID_FIELD[kind]]: id };
      // The probe is a machine event with its envelope; `can` is typed for the machine's own union.
      if (snapshot.can(event as never)) out.push({ type, id });
    }
  }
  return out;
}

/** Raw XState doing the state change `apply` decides: resolve the addressed machine, then `transition()`. */
function rawTransition(order: OrderAggregate, event: OrderEventInput, actor: Actor, at: string): string {
  const kind = KIND_OF.get(event.type);
  if (kind === undefined) throw new Error(`bench: unknown event type ${event.type}`);
  const record: MachineRecordJson | undefined =
    kind === 'order' ? order.order : order[CHILDREN[kind]].find((r) => r.id === (event as Record<string, unknown>)[ID_FIELD[kind]]);
  if (record === undefined) throw new Error(`bench: ${event.type} addresses no ${kind} of ${order.id}`);
  const machine = DEFAULT_MACHINES[kind];
  const [next] = transition(machine, resolve(machine, record), { ...event, actor, at } as never);
  return JSON.stringify(next.value);
}

/** Runs ours and the baseline in one tinybench round (`oursFirst` or not); operations per second of each. */
async function round(scale: BenchScale, ours: () => void, baseline: () => void, opsPerCall: number, oursFirst: boolean): Promise<{ ours: number; baseline: number }> {
  const bench = new Bench({ time: scale.pureTimeMs, iterations: scale.mode === 'smoke' ? 3 : 20, warmupTime: Math.min(200, scale.pureTimeMs), warmupIterations: 3, throws: true });
  if (oursFirst) bench.add('ours', ours).add('baseline', baseline);
  else bench.add('baseline', baseline).add('ours', ours);
  await bench.run();
  const rate = (name: string): number => {
    const result = bench.getTask(name)?.result;
    if (result?.state !== 'completed') throw new Error(`bench: tinybench task ${name} did not complete (${result?.state ?? 'missing'})`);
    return (opsPerCall * 1000) / result.period;
  };
  return { ours: rate('ours'), baseline: rate('baseline') };
}

/**
 * Rounds of ours vs baseline, which goes first alternating; the median of each side, and every
 * round. One untimed round first (but in smoke runs) lets the JIT settle on both sides: tinybench's
 * own short warm-up left the first timed round of `apply` low (1.0–2.4× instead of 3–4×).
 */
async function rounds(scale: BenchScale, ours: () => void, baseline: () => void, opsPerCall: number) {
  if (scale.mode !== 'smoke') await round(scale, ours, baseline, opsPerCall, true);
  const results: { ours: number; baseline: number }[] = [];
  for (let r = 0; r < scale.rounds; r += 1) results.push(await round(scale, ours, baseline, opsPerCall, r % 2 === 0));
  return { ours: median(results.map((r) => r.ours)), baseline: median(results.map((r) => r.baseline)), rounds: results };
}

/**
 * Measures figures `can` and `apply`.
 *
 * @param scale - tinybench time and rounds
 * @example
 * ```ts
 * const [can, applyFigure] = await benchPure(benchScale('quick'));
 * ```
 */
export async function benchPure(scale: BenchScale): Promise<[Figure, Figure]> {
  // Every stage of the script's order, loaded from its persisted JSON as a list view would.
  const stages = scriptSnapshots('o-2026-000417').map((s) => ({ ...s, order: JSON.parse(JSON.stringify(s.order)) as OrderAggregate }));
  const actors: Actor[] = [SCRIPT_ACTORS.customer, SCRIPT_ACTORS.staff];

  // The same question answered by both: raw XState's list must never hold an event ours lacks.
  // Ours may list more: events whose guards read the payload (a line, an amount) are listed as
  // open until the payload is known, while raw `can` evaluates them on its probe payload.
  let rawOnly = 0;
  let oursLonger = 0;
  const payloadEvents = new Set<string>();
  for (const stage of stages) {
    for (const actor of actors) {
      const ours = new Set(allowedEvents(stage.order, actor, { now: stage.at }).map((e) => `${e.type}@${e.id}`));
      const raw = new Set(rawAllowedEvents(stage.order, actor, stage.at).map((e) => `${e.type}@${e.id}`));
      if ([...raw].some((e) => !ours.has(e))) rawOnly += 1;
      const extra = [...ours].filter((e) => !raw.has(e));
      if (extra.length > 0) oursLonger += 1;
      for (const e of extra) payloadEvents.add(e.split('@')[0] as string);
    }
  }
  const lists = stages.length * actors.length;
  const can = await rounds(
    scale,
    () => {
      for (const stage of stages) for (const actor of actors) allowedEvents(stage.order, actor, { now: stage.at });
    },
    () => {
      for (const stage of stages) for (const actor of actors) rawAllowedEvents(stage.order, actor, stage.at);
    },
    lists,
  );

  const cases = stages.flatMap((s) => (s.next === null ? [] : [{ order: s.order, ...s.next }]));
  let sameState = 0;
  const differentState: string[] = [];
  for (const c of cases) {
    const result = apply(c.order, c.step.event, { actor: c.step.actor, now: c.at });
    if (!result.ok) throw new Error(`bench: apply refused ${c.step.event.type}: ${result.error.message}`);
    const kind = KIND_OF.get(c.step.event.type) as MachineKind;
    const id = kind === 'order' ? result.order.id : String((c.step.event as Record<string, unknown>)[ID_FIELD[kind]]);
    const ours = recordsOf(result.order).find(([k, i]) => k === kind && i === id)?.[2].state;
    const raw = rawTransition(c.order, c.step.event, c.step.actor, c.at);
    if (ours !== undefined && JSON.stringify(toStateValue(ours)) === raw) sameState += 1;
    else differentState.push(c.step.event.type);
  }
  const decide = await rounds(
    scale,
    () => {
      for (const c of cases) apply(c.order, c.step.event, { actor: c.step.actor, now: c.at });
    },
    () => {
      for (const c of cases) rawTransition(c.order, c.step.event, c.step.actor, c.at);
    },
    cases.length,
  );

  const perRound = (r: { rounds: { ours: number; baseline: number }[] }) => r.rounds.map((x) => (x.ours / x.baseline).toFixed(2)).join(', ');
  return [
    measured(
      {
        id: 'can',
        ours: can.ours,
        baseline: can.baseline,
        detail:
          `Baseline: raw XState on the same machines — machine.resolveState({ value, context }) for the order and each child, then snapshot.can(event) for every event type of that machine (${lists} lists per call: ` +
          `${stages.length} stages of the script's lifecycle × customer and staff). Raw XState's list is ${rawOnly === 0 ? 'contained in ours for every stage × actor' : `NOT contained in ours for ${rawOnly} of ${lists} stage × actor pairs`}; ours is longer for ${oursLonger} pairs, by events whose guards read the payload (${[...payloadEvents].sort().join(', ')}), which allowedEvents lists as open until the payload is known. Per-round ratios: ${perRound(can)}.`,
      },
      (r) => r >= 10,
    ),
    measured(
      {
        id: 'apply',
        ours: decide.ours,
        baseline: decide.baseline,
        detail:
          `Baseline: raw XState resolveState + transition() on the machine the event addresses (no validation, no cross-machine rules, no child creation, no order sync), over the ${cases.length} events of the script. ` +
          `The addressed machine ends in the same state in ${sameState} of ${cases.length} cases${differentState.length > 0 ? ` (not after ${differentState.join(', ')}: ours also moves the order with its new child)` : ''}. Per-round ratios: ${perRound(decide)}.`,
      },
      (r) => r >= 3,
    ),
  ];
}
