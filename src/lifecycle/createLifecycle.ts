import type { Actor } from '../model/actor.js';
import type { CommandParams, Effect, MachineKind, NotifyParams } from '../model/effects.js';
import {
  ORDER_EVENT_TYPES,
  PAYMENT_EVENT_TYPES,
  RETURN_EVENT_TYPES,
  SHIPMENT_EVENT_TYPES,
  type OrderEvent,
  type OrderEventType,
} from '../model/events.js';
import { OrderInput, type OrderInputRaw } from '../machines/order/context.js';
import type { MachineRecord, OrderAggregate, PaymentRecord, ReturnRecord, ShipmentRecord } from './aggregate.js';
import { AGGREGATE_SCHEMA_VERSION } from './aggregate.js';
import { buildAllowedTable, type AllowedTable } from './allowedTable.js';
import { checkCrossRules, ruleFacts } from './crossRules.js';
import { deriveSummary } from './deriveStatuses.js';
import { followUps } from './followUps.js';
import { createMachineRunner, type ExecutedAction, type MachineRunner } from './machineRunner.js';
import { DEFAULT_MACHINES, type MachineSet } from './machineSet.js';
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from './policy.js';
import { REJECTION_REASONS, type RejectionReason } from './rejectionReason.js';
import type { AllowedEvent, ApplyContext, ApplyResult, InvalidInput, Rejection, StateChange } from './results.js';
import { FINAL_STATES, type OrderState } from './states.js';
import { toIso } from './toIso.js';
import { indexMachine, type TransitionIndex } from './transitionIndex.js';
import { invalid, totalsIssues, validateInput } from './validateInput.js';

/** The pure lifecycle API bound to one set of machines. */
export interface Lifecycle {
  /** The machines this lifecycle runs. */
  readonly machines: MachineSet;
  /** Starts an order in the `cart` state. */
  createOrder(input: OrderInputRaw, options: { now: Date | string }): { ok: true; order: OrderAggregate } | { ok: false; error: InvalidInput };
  /** Decides one event: the new aggregate and its effects, or a typed refusal. Pure. */
  apply(order: OrderAggregate, event: unknown, ctx: ApplyContext): ApplyResult;
  /** Whether `apply` would accept this exact event from this actor now. */
  can(order: OrderAggregate, event: unknown, ctx: ApplyContext): boolean;
  /** The events an actor may send now (payload-dependent checks assumed to pass), per machine. */
  allowedEvents(order: OrderAggregate, actor: Actor, options?: { now?: Date | string; policy?: Partial<LifecyclePolicy> }): AllowedEvent[];
}

const SYSTEM: Actor = { kind: 'system', id: 'ordermachine' };

type ChildKind = Exclude<MachineKind, 'order'>;
const CHILD_KEY = { payment: 'payments', shipment: 'shipments', return: 'returns' } as const;
const ID_FIELD = { payment: 'paymentId', shipment: 'shipmentId', return: 'returnId' } as const;
const UNKNOWN: Record<ChildKind, RejectionReason> = { payment: 'UNKNOWN_PAYMENT', shipment: 'UNKNOWN_SHIPMENT', return: 'UNKNOWN_RETURN' };

const MACHINE_OF = new Map<string, MachineKind>([
  ...ORDER_EVENT_TYPES.map((t) => [t, 'order'] as const),
  ...PAYMENT_EVENT_TYPES.map((t) => [t, 'payment'] as const),
  ...SHIPMENT_EVENT_TYPES.map((t) => [t, 'shipment'] as const),
  ...RETURN_EVENT_TYPES.map((t) => [t, 'return'] as const),
]);

const isFinal = (kind: MachineKind, state: string) => (FINAL_STATES[kind] as readonly string[]).includes(state);

/** A decision in progress: the aggregate so far, and what it produced. */
interface Work {
  order: OrderAggregate;
  readonly effects: Effect[];
  readonly changes: StateChange[];
}

/** Records a machine's move, folding several moves of one machine in one decision into one change. */
function noteChange(work: Work, change: StateChange): void {
  const i = work.changes.findIndex((c) => c.machine === change.machine && c.id === change.id);
  const earlier = work.changes[i];
  if (earlier === undefined) work.changes.push(change);
  else work.changes[i] = { ...earlier, to: change.to };
}

type Refusal = Omit<Rejection, 'allowed' | 'orderState' | 'message'>;

/** `{ ...record, id }` for a record a runner produced (`state`, `context` and, if any, `history`). */
function withId(record: MachineRecord<string, unknown>, id: string): MachineRecord<string, unknown> & { id: string } {
  return 'history' in record ? { state: record.state, context: record.context, history: record.history, id } : { state: record.state, context: record.context, id };
}

/**
 * `JSON.stringify(a) === JSON.stringify(b)` for the order's summary, without the strings when both
 * are flat objects of strings, booleans and finite numbers with the same keys in the same order.
 */
function sameJson(a: object, b: unknown): boolean {
  if (typeof b !== 'object' || b === null) return JSON.stringify(a) === JSON.stringify(b);
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length === keysB.length && keysA.every((k, i) => k === keysB[i])) {
    let plain = true;
    for (const k of keysA) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      const simple = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
      if (!simple(x) || !simple(y)) {
        plain = false;
        break;
      }
      if (x !== y) return false;
    }
    if (plain) return true;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Builds the pure lifecycle API for a set of machines, e.g. ones changed with `provide()`. The
 * default set is behind the top-level `apply`, `can`, `allowedEvents` and `createOrder`.
 *
 * @param machines - the four machines (defaults to the shipped ones)
 * @example
 * ```ts
 * import { createLifecycle, DEFAULT_MACHINES, orderMachine } from 'ordermachine';
 * const strict = createLifecycle({
 *   ...DEFAULT_MACHINES,
 *   order: orderMachine.provide({ guards: { cartReminderDue: () => false } }),
 * });
 * ```
 */
export function createLifecycle(machines: MachineSet = DEFAULT_MACHINES): Lifecycle {
  return buildLifecycle(machines, { engine: 'compiled' });
}

/** How a lifecycle runs machine transitions: from plans read off the machines, or through XState's `transition()` on every call. @internal */
export interface LifecycleOptions {
  readonly engine: 'compiled' | 'xstate';
}

/**
 * Builds a lifecycle. `engine: 'xstate'` runs every transition through XState's pure
 * `transition()`: the reference the compiled engine is tested against.
 *
 * @param machines - the four machines
 * @param options - which engine runs the transitions
 * @internal
 */
export function buildLifecycle(machines: MachineSet, options: LifecycleOptions): Lifecycle {
  const KINDS = ['order', 'payment', 'shipment', 'return'] as const;
  const indexed = Object.fromEntries(KINDS.map((kind) => [kind, indexMachine(kind, machines[kind])])) as Record<MachineKind, ReturnType<typeof indexMachine>>;
  const indexes = Object.fromEntries(KINDS.map((kind) => [kind, indexed[kind].index])) as Record<MachineKind, TransitionIndex>;
  const runners = Object.fromEntries(KINDS.map((kind) => [kind, createMachineRunner(indexed[kind], { compiled: options.engine === 'compiled' })])) as Record<MachineKind, MachineRunner>;
  const allowedTables = Object.fromEntries(KINDS.map((kind) => [kind, buildAllowedTable(indexes[kind], (type) => MACHINE_OF.has(type))])) as Record<MachineKind, AllowedTable>;

  /** Which record an event addresses, and its id. */
  function target(order: OrderAggregate, kind: MachineKind, event: OrderEvent): { id: string; record: MachineRecord<string, unknown> | undefined } {
    if (kind === 'order') return { id: order.id, record: order.order };
    const id = (event as unknown as Record<string, string>)[ID_FIELD[kind]] ?? '';
    const list = order[CHILD_KEY[kind]] as readonly (MachineRecord<string, unknown> & { id: string })[];
    return { id, record: list.find((r) => r.id === id) };
  }

  function toEffects(orderId: string, machine: MachineKind, id: string, actions: readonly ExecutedAction[]): Effect[] {
    const effects: Effect[] = [];
    for (const action of actions) {
      if (action.type === 'notify') {
        const p = action.params as NotifyParams;
        effects.push({ kind: 'notification', orderId, template: p.template, audience: p.audience ?? 'customer', subject: { machine, id }, data: p.data ?? {} });
      } else if (action.type === 'command') {
        effects.push({ kind: 'command', orderId, ...(action.params as CommandParams) } as Effect);
      }
    }
    return effects;
  }

  function replace(order: OrderAggregate, kind: MachineKind, id: string, record: MachineRecord<string, unknown>): OrderAggregate {
    if (kind === 'order') return { ...order, order: record as OrderAggregate['order'] };
    const key = CHILD_KEY[kind];
    const list = (order[key] as readonly { id: string }[]).map((r) => (r.id === id ? withId(record, id) : r));
    return { ...order, [key]: list };
  }

  function addChild(work: Work, kind: ChildKind, id: string, input: Record<string, unknown>): void {
    // `{ ...input, [idField]: id }` (the input is this file's own object, so `Object.assign` builds the same).
    const { record: first, actions } = runners[kind].start(Object.assign({}, input, { [ID_FIELD[kind]]: id }));
    const record = withId(first, id);
    const key = CHILD_KEY[kind];
    work.order = { ...work.order, [key]: [...(work.order[key] as readonly unknown[]), record] } as OrderAggregate;
    noteChange(work, { machine: kind, id, from: null, to: record.state });
    work.effects.push(...toEffects(work.order.id, kind, id, actions));
  }

  /** The id asked for, or the next free `<order>-P<n>` / `-S<n>` / `-R<n>` that is neither taken nor `reserved` (asked for later in the same event). */
  function nextId(order: OrderAggregate, kind: ChildKind, wanted: string | undefined, reserved: readonly string[] = []): string {
    if (wanted !== undefined) return wanted;
    const letter = { payment: 'P', shipment: 'S', return: 'R' }[kind];
    const taken = new Set([...order.payments, ...order.shipments, ...order.returns].map((r) => r.id).concat(reserved));
    let n = (order[CHILD_KEY[kind]] as readonly unknown[]).length + 1;
    while (taken.has(`${order.id}-${letter}${n}`)) n += 1;
    return `${order.id}-${letter}${n}`;
  }

  /** Children an accepted order event brings into being. */
  function createChildren(work: Work, event: OrderEvent, at: string): void {
    const ctx = work.order.order.context;
    switch (event.type) {
      case 'PLACE_ORDER': {
        const plan = event.payments ?? (event.total.amount > 0 && ctx.paymentMethod ? [{ paymentId: undefined, method: ctx.paymentMethod, amount: event.total }] : []);
        const asked = plan.flatMap((p) => (p.paymentId === undefined ? [] : [p.paymentId]));
        for (const p of plan) addChild(work, 'payment', nextId(work.order, 'payment', p.paymentId, asked), { method: p.method, amount: p.amount, at });
        break;
      }
      case 'ADD_PAYMENT':
        addChild(work, 'payment', nextId(work.order, 'payment', event.paymentId), { method: event.method, amount: event.amount, at });
        break;
      case 'CREATE_SHIPMENT':
        addChild(work, 'shipment', nextId(work.order, 'shipment', event.shipmentId), {
          lines: event.lines,
          method: event.method ?? ctx.shippingMethod ?? 'standard',
          warehouse: event.warehouse,
          at,
        });
        break;
      case 'REQUEST_RETURN':
        addChild(work, 'return', nextId(work.order, 'return', event.returnId), {
          kind: 'return',
          reason: event.reason,
          description: event.comment,
          lines: event.lines,
          needsInbound: true,
          at,
        });
        break;
      case 'OPEN_CLAIM':
        addChild(work, 'return', nextId(work.order, 'return', event.returnId), {
          kind: 'claim',
          claimKind: event.kind,
          description: event.description,
          lines: event.lines,
          needsInbound: event.needsInbound ?? event.kind !== 'missing',
          at,
        });
        break;
      default:
        break;
    }
  }

  /** Applies one event to the machine it addresses, then its children and follow-ups. */
  function dispatch(work: Work, event: OrderEvent, actor: Actor, at: string, now: Date, policy: LifecyclePolicy): Refusal | null {
    const kind = MACHINE_OF.get(event.type) as MachineKind;
    const { id, record } = target(work.order, kind, event);
    // Refusals are written out field by field: spreading and then adding keys is slow in V8.
    const refuse = (reason: RejectionReason, state: string | null): Refusal => ({ event: event.type, machine: kind, target: id, code: 'REJECTED', reason, state });
    if (record === undefined) return refuse(UNKNOWN[kind as ChildKind], null);

    // `{ ...event, actor, at }`: the parsed event has only its schema's keys, so `Object.assign` builds the same object.
    const machineEvent = Object.assign({}, event, { actor, at });
    const decision = indexed[kind].decideAt(record.state, record.context, machineEvent);
    if (typeof decision !== 'number') {
      // The decision's fields but `ok`, in its order.
      const { code, reason } = decision;
      return 'allowedActors' in decision
        ? { event: event.type, machine: kind, target: id, code, reason, allowedActors: decision.allowedActors, state: record.state }
        : { event: event.type, machine: kind, target: id, code, reason, state: record.state };
    }
    const crossReason = checkCrossRules(work.order, event.type, event, now, policy, kind === 'order' ? null : id);
    if (crossReason !== null) return refuse(crossReason, record.state);

    // The index and XState agree on every state × event × actor (tested), so this runs only accepted
    // events, and the candidate the index accepted is the transition XState selects.
    const { record: nextRecord, actions } = runners[kind].run(record, machineEvent, decision);
    work.order = replace(work.order, kind, id, nextRecord);
    noteChange(work, { machine: kind, id, from: record.state, to: nextRecord.state });
    work.effects.push(...toEffects(work.order.id, kind, id, actions));

    if (kind === 'order') createChildren(work, event, at);
    const more = followUps(work.order, event);
    if ('reason' in more) return refuse(more.reason, record.state);
    for (const followUp of more.events) {
      const refused = dispatch(work, followUp.event, followUp.by === 'sender' ? actor : SYSTEM, at, now, policy);
      // The sender was entitled to its event; what failed is what it implies, so this is a rejection.
      if (refused !== null) return refuse(refused.reason, record.state);
    }
    return null;
  }

  /** Tells the order machine what its children now add up to, when that changed. */
  function sync(work: Work, stateBefore: OrderState, at: string): void {
    const record = work.order.order;
    if (isFinal('order', record.state)) return;
    const summary = deriveSummary(work.order);
    if (record.state === stateBefore && sameJson(summary, record.context.summary)) return;
    const { record: next, actions } = runners.order.send(record, { type: 'SYNC', summary, actor: SYSTEM, at } as const);
    const nextRecord = next as OrderAggregate['order'];
    work.order = { ...work.order, order: nextRecord };
    if (nextRecord.state !== record.state) noteChange(work, { machine: 'order', id: work.order.id, from: record.state, to: nextRecord.state });
    work.effects.push(...toEffects(work.order.id, 'order', work.order.id, actions));
  }

  /** Seed 002: a business customer's invoice is issued as soon as the order is paid. */
  function invoiceBusinessWhenPaid(work: Work, at: string, now: Date, policy: LifecyclePolicy): void {
    const ctx = work.order.order.context;
    if (ctx.customer?.company === undefined || ctx.invoice !== null) return;
    if (!indexes.order.decide(work.order.order.state, ctx, { type: 'REQUEST_INVOICE', actor: SYSTEM }).ok) return;
    dispatch(work, { type: 'REQUEST_INVOICE' }, SYSTEM, at, now, policy);
  }

  function allowedEvents(order: OrderAggregate, actor: Actor, options: { now?: Date | string; policy?: Partial<LifecyclePolicy> } = {}): AllowedEvent[] {
    const now = options.now === undefined ? new Date() : new Date(options.now);
    const policy = { ...DEFAULT_LIFECYCLE_POLICY, ...options.policy };
    const facts = ruleFacts(order);
    const out: AllowedEvent[] = [];
    let at: string | undefined;
    const consider = (kind: MachineKind, id: string, record: MachineRecord<string, unknown>) => {
      const table = allowedTables[kind];
      // The probe's time is read as soon as a state offers any public event (an invalid `now` throws here).
      if (table.offersAny(record.state)) at ??= toIso(now);
      // Only the candidates open to this actor, with only the guards that need no payload (read off the index once).
      for (const entry of table.entries(record.state, actor.kind)) {
        let probe: { type: string; actor: Actor; at: string } | undefined;
        const open = entry.candidates.some((guards) =>
          guards.every((g) => Boolean(g.check({ context: record.context, event: (probe ??= { type: entry.type, actor, at: at as string }) }, g.params))),
        );
        if (open && checkCrossRules(order, entry.type as OrderEventType, null, now, policy, kind === 'order' ? null : id, facts) === null) {
          out.push({ type: entry.type as OrderEventType, machine: kind, id });
        }
      }
    };
    consider('order', order.id, order.order);
    for (const kind of ['payment', 'shipment', 'return'] as const) {
      for (const child of order[CHILD_KEY[kind]] as readonly (PaymentRecord | ShipmentRecord | ReturnRecord)[]) consider(kind, child.id, child);
    }
    return out;
  }

  function apply(order: OrderAggregate, input: unknown, ctx: ApplyContext): ApplyResult {
    const valid = validateInput(order, input, ctx);
    if (!valid.ok) return valid;
    const { event, actor, at, now, policy } = valid;
    // Totals that do not add up are INVALID, but only for an actor who may place the order now:
    // anyone else (or any other state) is told that instead, not the order's amounts.
    if (event.type === 'PLACE_ORDER' && typeof indexed.order.decideAt(order.order.state, order.order.context, Object.assign({}, event, { actor, at })) === 'number') {
      const issues = totalsIssues(order, event);
      if (issues.length > 0) return { ok: false, error: invalid(event.type, issues) };
    }
    const work: Work = { order, effects: [], changes: [] };
    const refused = dispatch(work, event, actor, at, now, policy);
    if (refused !== null) {
      const allowed = allowedEvents(order, actor, { now, policy });
      const message = `${event.type} refused (${refused.reason}): ${REJECTION_REASONS[refused.reason]}`;
      // `{ ...refused, message, orderState, allowed }`, built the fast way (`refused` is this file's own object).
      return { ok: false, error: Object.assign({}, refused, { message, orderState: order.order.state, allowed }) };
    }
    sync(work, order.order.state, at);
    invoiceBusinessWhenPaid(work, at, now, policy);
    return { ok: true, order: work.order, effects: work.effects, changes: work.changes };
  }

  function createOrder(input: OrderInputRaw, options: { now: Date | string }): { ok: true; order: OrderAggregate } | { ok: false; error: InvalidInput } {
    const parsed = OrderInput.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: invalid(null, parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }))) };
    }
    const at = new Date(options.now);
    if (Number.isNaN(at.getTime())) return { ok: false, error: invalid(null, [{ path: 'now', message: 'now must be a valid Date or ISO 8601 string', code: 'invalid_date' }]) };
    const foreign = parsed.data.items.findIndex((i) => i.unitPrice.currency !== parsed.data.currency);
    if (foreign >= 0) {
      return { ok: false, error: invalid(null, [{ path: `items.${foreign}.unitPrice.currency`, message: `currency differs from the order currency ${parsed.data.currency}`, code: 'currency_mismatch' }]) };
    }
    const lineIds = new Set(parsed.data.items.map((i) => i.lineId));
    if (lineIds.size !== parsed.data.items.length) return { ok: false, error: invalid(null, [{ path: 'items', message: 'line ids must be unique', code: 'duplicate_line' }]) };
    const record = runners.order.start({ ...parsed.data, at: at.toISOString() }).record as OrderAggregate['order'];
    return { ok: true, order: { schemaVersion: AGGREGATE_SCHEMA_VERSION, id: parsed.data.orderId, order: record, payments: [], shipments: [], returns: [] } };
  }

  return {
    machines,
    createOrder,
    apply,
    can: (order, event, ctx) => apply(order, event, ctx).ok,
    allowedEvents,
  };
}
