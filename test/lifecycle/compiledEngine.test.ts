/**
 * The compiled engine (transition plans and allowed-event tables read off the machines once)
 * against raw XState and against the reference engine that calls XState's `transition()` on every
 * event: same records, same effects, same refusals, same allowed lists — for the shipped machines
 * and for machines a host changed with `provide()`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, initialTransition, raise, transition, type AnyStateMachine } from 'xstate';
import {
  DEFAULT_LIFECYCLE_POLICY,
  DEFAULT_MACHINES,
  ORDER_EVENT_TYPES,
  OrderEvent,
  PAYMENT_EVENT_TYPES,
  RETURN_EVENT_TYPES,
  SHIPMENT_EVENT_TYPES,
  buildTransitionIndex,
  byActor,
  createLifecycle,
  deriveSummary,
  orderMachine,
  paymentMachine,
  returnMachine,
  shipmentMachine,
  type Actor,
  type ActorKind,
  type AllowedEvent,
  type Lifecycle,
  type MachineKind,
  type MachineRecord,
  type MachineSet,
  type OrderAggregate,
  type OrderEventType,
  type TransitionIndex,
} from '../../src/index.js';
import { buildLifecycle } from '../../src/lifecycle/createLifecycle.js';
import { checkCrossRules } from '../../src/lifecycle/crossRules.js';
import { createMachineRunner, type MachineStep } from '../../src/lifecycle/machineRunner.js';
import { resolveRecord, toRecord } from '../../src/lifecycle/snapshots.js';
import { evaluateGuard, indexMachine } from '../../src/lifecycle/transitionIndex.js';
import { arbitraryStepChoice, eventFor } from '../../src/testing.js';
import { START, actor, arbitraryStart, startOrder } from './lives.js';

const KINDS: readonly MachineKind[] = ['order', 'payment', 'shipment', 'return'];
const ACTOR_KINDS: readonly ActorKind[] = ['customer', 'staff', 'system', 'carrier', 'payment_provider'];
const EVENT_TYPES: Record<MachineKind, readonly string[]> = { order: ORDER_EVENT_TYPES, payment: PAYMENT_EVENT_TYPES, shipment: SHIPMENT_EVENT_TYPES, return: RETURN_EVENT_TYPES };
const MACHINE_OF = new Map<string, MachineKind>(KINDS.flatMap((kind) => EVENT_TYPES[kind].map((t) => [t, kind] as const)));
const ID_FIELD = { payment: 'paymentId', shipment: 'shipmentId', return: 'returnId' } as const;
const CHILDREN = { payment: 'payments', shipment: 'shipments', return: 'returns' } as const;

const json = (value: unknown) => JSON.stringify(value);
const loaded = (order: OrderAggregate) => JSON.parse(JSON.stringify(order)) as OrderAggregate;

// ── machine sets ────────────────────────────────────────────────────────────────────────────

/** A host's changes that plans still run: guards and an assign replaced, `notify` given a body. */
const HOST: MachineSet = {
  order: orderMachine.provide({
    guards: { notPacked: ({ context }) => context.items.length > 1, cartReminderDue: () => false },
    actions: { touch: assign({ lastActivityAt: ({ event }) => `touched by ${event.actor.kind}` }) },
  }),
  payment: paymentMachine.provide({ actions: { notify: () => undefined } }),
  shipment: DEFAULT_MACHINES.shipment,
  return: returnMachine.provide({ guards: { needsInbound: ({ context }) => context.kind === 'return' } }),
};

/** A host's changes that plans leave to XState: a built-in action other than assign, and its own byActor. */
const FALLBACK: MachineSet = {
  ...DEFAULT_MACHINES,
  // Raised in the cart and at checkout, where nothing handles it: a no-op XState must run itself.
  // (`raise` is typed for a machine of its own: the event is this machine's, so the cast only bridges the generics.)
  order: orderMachine.provide({ actions: { touch: raise({ type: 'NOTIFY_DELAY', reason: 'other', actor: { kind: 'system', id: 'x' }, at: '2026-01-01T00:00:00.000Z' } as never) as never } }),
  shipment: shipmentMachine.provide({ guards: { byActor: (args, params) => byActor(args, params) } }),
};

const SETS = { shipped: DEFAULT_MACHINES, host: HOST, fallback: FALLBACK } as const;
type SetName = keyof typeof SETS;
const ENGINES = Object.fromEntries(
  Object.entries(SETS).map(([name, machines]) => [name, { compiled: buildLifecycle(machines, { engine: 'compiled' }), xstate: buildLifecycle(machines, { engine: 'xstate' }) }]),
) as Record<SetName, { compiled: Lifecycle; xstate: Lifecycle }>;

// ── the allowed list as the index walk computes it (how `allowedEvents` was written before its table) ──

const WALK_INDEXES = new Map<MachineSet, Record<MachineKind, TransitionIndex>>();
function allowedByIndexWalk(machines: MachineSet, order: OrderAggregate, who: Actor, now: Date): AllowedEvent[] {
  let indexes = WALK_INDEXES.get(machines);
  if (indexes === undefined) {
    indexes = Object.fromEntries(KINDS.map((kind) => [kind, buildTransitionIndex(kind, machines[kind])])) as Record<MachineKind, TransitionIndex>;
    WALK_INDEXES.set(machines, indexes);
  }
  const out: AllowedEvent[] = [];
  const consider = (kind: MachineKind, id: string, record: MachineRecord<string, unknown>) => {
    const index = (indexes as Record<MachineKind, TransitionIndex>)[kind];
    for (const type of index.eventTypes(record.state)) {
      if (!MACHINE_OF.has(type)) continue;
      const probe = { type, actor: who, at: now.toISOString() };
      const open = index
        .candidates(record.state, type)
        .some((c) => c.actors !== null && c.actors.includes(who.kind) && c.guards.every((g) => g.info.payload || evaluateGuard(index, g, record.context, probe)));
      if (open && checkCrossRules(order, type as OrderEventType, null, now, DEFAULT_LIFECYCLE_POLICY, kind === 'order' ? null : id) === null) {
        out.push({ type: type as OrderEventType, machine: kind, id });
      }
    }
  };
  consider('order', order.id, order.order);
  for (const kind of ['payment', 'shipment', 'return'] as const) for (const child of order[CHILDREN[kind]]) consider(kind, child.id, child);
  return out;
}

// ── raw XState ──────────────────────────────────────────────────────────────────────────────

/** What XState's pure `transition()` gives for a record and event, in the runner's terms. */
function rawStep(machine: AnyStateMachine, record: MachineRecord<string, unknown>, event: object): MachineStep {
  const [next, actions] = transition(machine, resolveRecord(machine, record), event as never);
  return { record: toRecord(next), actions };
}

/** Actions compared by what the lifecycle reads of them: type and params. */
const comparable = (step: MachineStep) => ({ record: step.record, actions: step.actions.map((a) => ({ type: a.type, params: a.params })) });

describe('compiled engine: the same decisions as XState, faster', () => {
  it('apply and allowedEvents give byte-identical results to the XState engine and the index walk, for every actor, on random lives (shipped, host-changed and fallback machines)', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.constantFrom<SetName>('shipped', 'host', 'fallback'), arbitraryStart, fc.array(arbitraryStepChoice(), { minLength: 10, maxLength: 60 }), (set, start, choices) => {
        const { compiled, xstate } = ENGINES[set];
        let order = startOrder(start, xstate);
        expect(json(startOrder(start, compiled))).toBe(json(order));
        let now = START;
        for (const choice of choices) {
          now += choice.advanceMinutes * 60_000;
          const { event, actor: kind } = eventFor(order, choice, new Date(now));
          const before = json(order);
          for (const k of ACTOR_KINDS) {
            const ctx = { actor: actor(k), now: new Date(now) };
            // Each engine gets its own copy of the stored JSON, as a backend loading the order would.
            const fast = loaded(order);
            expect(json(compiled.apply(fast, event, ctx)), `${set} ${json(event)} by ${k}`).toBe(json(xstate.apply(loaded(order), event, ctx)));
            expect(json(fast), 'apply never modifies its input').toBe(before);
            expect(json(compiled.allowedEvents(fast, actor(k), { now: ctx.now })), `${set} allowed for ${k}`).toBe(json(allowedByIndexWalk(SETS[set], fast, actor(k), ctx.now)));
            compared += 1;
          }
          const result = compiled.apply(loaded(order), event, { actor: actor(kind), now: new Date(now) });
          if (result.ok) order = result.order;
        }
      }),
      { numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(5000);
  }, 120_000);

  it('every transition the index accepts ends in the record and actions raw XState transition() gives, for every actor, and SYNC with any summary too', () => {
    const runners = Object.fromEntries(KINDS.map((kind) => [kind, createMachineRunner(indexMachine(kind, DEFAULT_MACHINES[kind]), { compiled: true })]));
    const indexed = Object.fromEntries(KINDS.map((kind) => [kind, indexMachine(kind, DEFAULT_MACHINES[kind])]));
    const summary = fc.record({
      paymentStatus: fc.constantFrom('unpaid', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded'),
      fulfilmentStatus: fc.constantFrom('unfulfilled', 'partially_shipped', 'shipped', 'partially_delivered', 'delivered'),
      returnStatus: fc.constantFrom('none', 'requested', 'in_progress', 'partially_returned', 'returned'),
      paymentSecured: fc.boolean(),
      nothingCaptured: fc.boolean(),
      shipmentProgress: fc.constantFrom('none', 'preparing', 'packed', 'shipped'),
      phase: fc.constantFrom('none', 'fulfilling', 'partially_shipped', 'shipped', 'delivered'),
      openReturns: fc.nat(3),
    });
    let accepted = 0;
    fc.assert(
      fc.property(arbitraryStart, fc.array(fc.tuple(arbitraryStepChoice(), summary), { minLength: 10, maxLength: 60 }), (start, steps) => {
        let order = startOrder(start);
        let now = START;
        for (const [choice, randomSummary] of steps) {
          now += choice.advanceMinutes * 60_000;
          const at = new Date(now).toISOString();
          const { event, actor: kind } = eventFor(order, choice, new Date(now));
          const parsed = OrderEvent.safeParse(event);
          if (parsed.success) {
            const machineKind = MACHINE_OF.get(parsed.data.type) as MachineKind;
            const record =
              machineKind === 'order'
                ? order.order
                : (order[CHILDREN[machineKind]] as readonly (MachineRecord<string, unknown> & { id: string })[]).find((r) => r.id === (parsed.data as Record<string, unknown>)[ID_FIELD[machineKind]]);
            if (record !== undefined) {
              for (const k of ACTOR_KINDS) {
                const machineEvent = { ...parsed.data, actor: actor(k), at };
                const decision = indexed[machineKind]!.decideAt(record.state, record.context, machineEvent);
                if (typeof decision !== 'number') continue;
                accepted += 1;
                const stored = JSON.parse(JSON.stringify(record)) as MachineRecord<string, unknown>;
                expect(json(comparable(runners[machineKind]!.run(stored, machineEvent, decision))), `${machineKind} ${record.state} ${parsed.data.type} by ${k}`).toBe(
                  json(comparable(rawStep(DEFAULT_MACHINES[machineKind], stored, machineEvent))),
                );
              }
            }
          }
          for (const s of [deriveSummary(order), randomSummary]) {
            const sync = { type: 'SYNC', summary: s, actor: actor('system'), at };
            expect(json(comparable(runners.order!.send(order.order, sync))), `SYNC in ${order.order.state}`).toBe(json(comparable(rawStep(DEFAULT_MACHINES.order, order.order, sync))));
          }
          const result = createLifecycle().apply(order, event, { actor: actor(kind), now: at });
          if (result.ok) order = result.order;
        }
      }),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(1000);
  }, 120_000);
});

// ── every planned transition, forced one by one ─────────────────────────────────────────────

const AT = '2026-05-01T08:00:00.000Z';
const EUR = (amount: number) => ({ amount, currency: 'EUR' as const });
const LINES = [{ lineId: 'l1', quantity: 1 }];

/** A context to run each machine's action params on (they read it, and the event). */
const CONTEXTS: Record<MachineKind, unknown> = {
  order: initialTransition(orderMachine, {
    orderId: 'o1',
    currency: 'EUR',
    items: [{ lineId: 'l1', sku: 'A', name: 'Kettle', quantity: 2, unitPrice: EUR(1000), returnable: true, backorderable: true }],
    at: AT,
  })[0].context,
  payment: initialTransition(paymentMachine, { paymentId: 'p1', method: 'online', amount: EUR(2000), at: AT })[0].context,
  shipment: initialTransition(shipmentMachine, { shipmentId: 's1', lines: LINES, method: 'standard', at: AT })[0].context,
  return: initialTransition(returnMachine, { returnId: 'r1', kind: 'return', lines: LINES, needsInbound: true, at: AT })[0].context,
};

/** A payload with every field an action's params read. */
const PAYLOAD = { amount: EUR(100), reason: 'other', code: 'declined', invoiceNumber: 'INV-1', resolution: 'refund', expectedAt: AT, newEstimate: AT, lines: LINES, status: 'in_transit' };

/**
 * The machine with every guard counting its calls for one event type (the first `pass` calls fail, the rest pass)
 * and every action a plain function, so XState itself can be made to take candidate `pass` of
 * any state and event, with its params evaluated but no context changed.
 */
function forcing(machine: AnyStateMachine) {
  const counter = { calls: 0, pass: 0, type: '' };
  // Only the forced event counts: XState's throw-away actor evaluates eventless guards on its own first.
  const guard = ({ event }: { event: { type: string } }) => event.type === counter.type && counter.calls++ >= counter.pass;
  const guards = Object.fromEntries(Object.keys(machine.implementations.guards).map((name) => [name, guard]));
  const actions = Object.fromEntries(Object.keys(machine.implementations.actions).map((name) => [name, () => undefined]));
  return { twin: machine.provide({ guards, actions } as never) as AnyStateMachine, counter };
}

describe('compiled engine: plans equal XState for every resting state × transition', () => {
  for (const kind of KINDS) {
    it(`${kind}: exit, transition and entry actions, the next state and remembered history, forced through each candidate`, () => {
      const { twin, counter } = forcing(DEFAULT_MACHINES[kind]);
      const twinIndex = indexMachine(kind, twin);
      const runner = createMachineRunner(twinIndex, { compiled: true, assumeSelection: true });
      // The order machine remembers where `placed` was: run every state with each memory, and without.
      const memories: (Record<string, string[]> | undefined)[] = [undefined];
      if (kind === 'order') for (const s of ['awaiting_payment', 'confirmed', 'backordered', 'fulfilling', 'delivered']) memories.push({ 'order.placed.hist': [`order.placed.${s}`] });
      let checked = 0;
      for (const state of twinIndex.index.states) {
        for (const type of twinIndex.index.eventTypes(state)) {
          const candidates = twinIndex.index.candidates(state, type);
          for (let i = 0; i < candidates.length; i++) {
            // A candidate behind one without guards is never selected.
            if (candidates.slice(0, i).some((c) => c.actors === null && c.guards.length === 0)) continue;
            expect(runner.planned(state, type, i), `${kind} ${state} ${type} #${i} runs from a plan`).toBe(true);
            for (const history of memories) {
              const record: MachineRecord<string, unknown> = history ? { state, context: CONTEXTS[kind], history } : { state, context: CONTEXTS[kind] };
              const event = { ...PAYLOAD, type, actor: actor('staff'), at: AT, summary: deriveSummaryOfNothing() };
              counter.calls = 0;
              counter.pass = i;
              counter.type = type;
              const expected = json(comparable(rawStep(twin, record, event)));
              expect(json(comparable(runner.run(record, event, i))), `${kind} ${state} ${type} #${i} ${json(history)}`).toBe(expected);
              checked += 1;
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(10);
    });
  }

  it('a new machine starts exactly as initialTransition starts it, whatever its input (payment methods, claims, pickup)', () => {
    const inputs: Record<MachineKind, unknown[]> = {
      order: [{ orderId: 'o1', currency: 'EUR', items: [], at: AT }, { orderId: 'o2', currency: 'IRR', items: [], customer: { kind: 'guest', email: 'a@b.example' }, at: AT }],
      payment: (['online', 'bank_transfer', 'cash_on_delivery', 'pay_on_pickup', 'invoice'] as const).map((method) => ({ paymentId: 'p1', method, amount: EUR(500), at: AT })),
      shipment: (['standard', 'express', 'pickup'] as const).map((method) => ({ shipmentId: 's1', lines: LINES, method, at: AT })),
      return: [
        { returnId: 'r1', kind: 'return', reason: 'damaged', lines: LINES, needsInbound: true, at: AT },
        { returnId: 'r2', kind: 'claim', claimKind: 'missing', description: 'nothing in the box', lines: LINES, needsInbound: false, at: AT },
      ],
    };
    for (const [name, machines] of Object.entries(SETS)) {
      for (const kind of KINDS) {
        const runner = createMachineRunner(indexMachine(kind, machines[kind]), { compiled: true });
        for (const input of inputs[kind]) {
          const [snapshot, actions] = initialTransition(machines[kind], input as never);
          expect(json(comparable(runner.start(input))), `${name} ${kind} ${json(input)}`).toBe(json(comparable({ record: toRecord(snapshot), actions })));
        }
      }
    }
  });

  it('the shipped machines run every transition from plans (none falls back to XState per call)', () => {
    for (const kind of KINDS) {
      const indexed = indexMachine(kind, DEFAULT_MACHINES[kind]);
      const runner = createMachineRunner(indexed, { compiled: true });
      for (const state of indexed.index.states) {
        for (const type of indexed.index.eventTypes(state)) {
          indexed.index.candidates(state, type).forEach((_, i) => expect(runner.planned(state, type, i), `${kind} ${state} ${type} #${i}`).toBe(true));
        }
      }
    }
    // …and a host's raise, or its own byActor, sends those transitions through XState.
    const raising = createMachineRunner(indexMachine('order', FALLBACK.order), { compiled: true });
    expect(raising.planned('cart', 'SET_CUSTOMER', 0)).toBe(false);
    expect(raising.planned('placed.confirmed', 'STOCK_RESERVED', 0)).toBe(true);
    const ownByActor = createMachineRunner(indexMachine('shipment', FALLBACK.shipment), { compiled: true });
    expect(ownByActor.planned('ready', 'START_PICKING', 0)).toBe(false);
  });
});

/** A summary for the forced SYNC events (their guards are forced, so its values do not matter). */
function deriveSummaryOfNothing() {
  return { paymentStatus: 'unpaid', fulfilmentStatus: 'unfulfilled', returnStatus: 'none', paymentSecured: false, nothingCaptured: true, shipmentProgress: 'none', phase: 'none', openReturns: 0 };
}

// ── a host's machines ───────────────────────────────────────────────────────────────────────

const NOW = '2026-05-01T08:00:00.000Z';
const customer = actor('customer');
const staff = actor('staff');

function placedByBankTransfer(lifecycle: Lifecycle): OrderAggregate {
  return startOrder({ placed: true, payment: 'bank_transfer', shipping: 'standard', lines: 1 }, lifecycle);
}

function run(lifecycle: Lifecycle, order: OrderAggregate, steps: [unknown, Actor][]): OrderAggregate {
  for (const [event, who] of steps) {
    const r = lifecycle.apply(loaded(order), event, { actor: who, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    order = r.order;
  }
  return order;
}

describe('compiled engine: machines changed with provide() are honoured', () => {
  it('an overridden guard decides (a customer may never cancel once confirmed), in apply and in allowedEvents', () => {
    const strict = createLifecycle({ ...DEFAULT_MACHINES, order: orderMachine.provide({ guards: { notPacked: () => false } }) });
    const confirmed = run(strict, placedByBankTransfer(strict), [[{ type: 'CONFIRM_ORDER' }, staff]]);
    expect(confirmed.order.state).toBe('placed.confirmed');
    const refused = strict.apply(confirmed, { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: customer, now: NOW });
    expect(refused.ok).toBe(false);
    if (!refused.ok && refused.error.code !== 'INVALID') expect(refused.error.reason).toBe('ALREADY_PACKED');
    expect(strict.allowedEvents(confirmed, customer, { now: NOW }).map((e) => e.type)).not.toContain('CANCEL_ORDER');
    // The shipped guard lets the customer cancel the same order.
    expect(createLifecycle().apply(confirmed, { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: customer, now: NOW }).ok).toBe(true);
    expect(createLifecycle().allowedEvents(confirmed, customer, { now: NOW }).map((e) => e.type)).toContain('CANCEL_ORDER');
  });

  it("an overridden assign writes the host's context, and an effect action given a body is still handed back as an effect", () => {
    const lifecycle = ENGINES.host.compiled;
    const cart = lifecycle.createOrder({ orderId: 'o1', currency: 'EUR', items: [] }, { now: NOW });
    if (!cart.ok) throw new Error(cart.error.message);
    const result = lifecycle.apply(cart.order, { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'a@example.com' } }, { actor: customer, now: NOW });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.order.order.context.lastActivityAt).toBe('touched by customer');
    const placed = startOrder({ placed: true, payment: 'bank_transfer', shipping: 'standard', lines: 1 }, lifecycle);
    // The bank-transfer instructions come from the payment machine's `notify`, which the host gave a body.
    const again = startOrder({ placed: true, payment: 'bank_transfer', shipping: 'standard', lines: 1 }, ENGINES.host.xstate);
    expect(json(placed)).toBe(json(again));
    const paid = lifecycle.apply(placed, { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'TRX-1', amount: placed.payments[0]?.context.amount }, { actor: staff, now: NOW });
    expect(paid.ok).toBe(true);
    if (paid.ok) expect(paid.effects.some((e) => e.kind === 'notification' && e.template === 'payment_received')).toBe(true);
    expect(json(paid)).toBe(json(ENGINES.host.xstate.apply(placed, { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'TRX-1', amount: placed.payments[0]?.context.amount }, { actor: staff, now: NOW })));
  });

  it('a raise in place of an assign, and a host byActor, run through XState and give what the XState engine gives', () => {
    const { compiled, xstate } = ENGINES.fallback;
    const steps: [unknown, Actor][] = [
      [{ type: 'CONFIRM_ORDER' }, staff],
      [{ type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 1 }] }, staff],
      [{ type: 'RELEASE_TO_WAREHOUSE', shipmentId: 'o1-S1' }, staff],
      [{ type: 'START_PICKING', shipmentId: 'o1-S1', pickerId: 'picker-1' }, staff],
    ];
    const fast = run(compiled, placedByBankTransfer(compiled), steps);
    expect(json(fast)).toBe(json(run(xstate, placedByBankTransfer(xstate), steps)));
    expect(fast.shipments[0]?.state).toBe('picking');
    // The raised event changed nothing: the cart's activity time was never written by `touch`.
    expect(fast.order.context.lastActivityAt).toBe(startOrder({ placed: false, payment: 'online', shipping: 'standard', lines: 1 }, xstate).order.context.lastActivityAt);
  });
});

describe('compiled engine: stored orders', () => {
  it('an order that was on hold keeps its history in the same JSON shape, and resumes where it was', () => {
    for (const [name, { compiled, xstate }] of Object.entries(ENGINES)) {
      const steps: [unknown, Actor][] = [
        [{ type: 'CONFIRM_ORDER' }, staff],
        [{ type: 'PUT_ON_HOLD', reason: 'fraud_check' }, staff],
      ];
      const held = run(compiled, placedByBankTransfer(compiled), steps);
      expect(held.order.state, name).toBe('on_hold');
      expect(held.order.history, name).toEqual({ 'order.placed.hist': ['order.placed.confirmed'] });
      expect(json(held)).toBe(json(run(xstate, placedByBankTransfer(xstate), steps)));
      const released = compiled.apply(loaded(held), { type: 'RELEASE_HOLD' }, { actor: staff, now: NOW });
      expect(released.ok).toBe(true);
      if (released.ok) expect(released.order.order.state).toBe('placed.confirmed');
      expect(json(released)).toBe(json(xstate.apply(loaded(held), { type: 'RELEASE_HOLD' }, { actor: staff, now: NOW })));
    }
  });
});

describe('compiled engine: stored orders from other stores', () => {
  it('a summary stored with its keys reordered (as PostgreSQL jsonb returns them) is synced exactly as the XState engine syncs it', () => {
    const { compiled, xstate } = ENGINES.shipped;
    const order = run(compiled, placedByBankTransfer(compiled), [[{ type: 'CONFIRM_ORDER' }, staff]]);
    const summary = order.order.context.summary as unknown as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.keys(summary).sort((a, b) => a.length - b.length || a.localeCompare(b)).map((k) => [k, summary[k]]));
    expect(Object.keys(reordered)).not.toEqual(Object.keys(summary));
    const stored = loaded({ ...order, order: { ...order.order, context: { ...order.order.context, summary: reordered as never } } });
    for (const [event, who] of [
      [{ type: 'STOCK_RESERVED' }, staff],
      [{ type: 'NOTIFY_DELAY', reason: 'carrier' }, staff],
      [{ type: 'START_CHECKOUT' }, actor('customer')],
    ] as [unknown, Actor][]) {
      expect(json(compiled.apply(loaded(stored), event, { actor: who, now: NOW }))).toBe(json(xstate.apply(loaded(stored), event, { actor: who, now: NOW })));
    }
  });
});

describe('compiled engine: the decision time', () => {
  /** The time `apply` writes for a decision at `now` (SET_CUSTOMER records it as the cart's last activity). */
  function writtenAt(now: Date | string): string | null {
    const cart = createLifecycle().createOrder({ orderId: 'o1', currency: 'EUR', items: [] }, { now: '2026-01-01T00:00:00.000Z' });
    if (!cart.ok) throw new Error(cart.error.message);
    const result = createLifecycle().apply(cart.order, { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'a@example.com' } }, { actor: customer, now });
    return result.ok ? result.order.order.context.lastActivityAt : null;
  }

  it('is written as toISOString() writes it, whatever form it came in (days and hours past their range, short years, offsets, Dates)', () => {
    for (const text of ['2026-02-30T00:00:00.000Z', '2026-04-31T10:00:00.000Z', '2026-01-01T24:00:00.000Z', '0050-01-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2026-05-01T10:00:00+02:00', '2026-05-01T08:00:00Z']) {
      expect(writtenAt(text), text).toBe(new Date(text).toISOString());
    }
    fc.assert(
      fc.property(fc.date({ min: new Date('0100-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.boolean(), (date, asText) => {
        expect(writtenAt(asText ? date.toISOString() : date)).toBe(date.toISOString());
      }),
      { numRuns: 300 },
    );
  });
});
