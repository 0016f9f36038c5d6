import { initialTransition, transition, type AnyStateMachine } from 'xstate';
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
import { checkCrossRules } from './crossRules.js';
import { deriveSummary } from './deriveStatuses.js';
import { followUps } from './followUps.js';
import { DEFAULT_MACHINES, type MachineSet } from './machineSet.js';
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from './policy.js';
import { REJECTION_REASONS, type RejectionReason } from './rejectionReason.js';
import type { AllowedEvent, ApplyContext, ApplyResult, InvalidInput, Rejection, StateChange } from './results.js';
import { resolveRecord, toRecord } from './snapshots.js';
import { FINAL_STATES, type OrderState } from './states.js';
import { buildTransitionIndex, evaluateGuard, type TransitionIndex } from './transitionIndex.js';
import { invalid, validateInput } from './validateInput.js';

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
  const indexes: Record<MachineKind, TransitionIndex> = {
    order: buildTransitionIndex('order', machines.order),
    payment: buildTransitionIndex('payment', machines.payment),
    shipment: buildTransitionIndex('shipment', machines.shipment),
    return: buildTransitionIndex('return', machines.return),
  };
  const machineOf = (kind: MachineKind): AnyStateMachine => machines[kind];

  /** Which record an event addresses, and its id. */
  function target(order: OrderAggregate, kind: MachineKind, event: OrderEvent): { id: string; record: MachineRecord<string, unknown> | undefined } {
    if (kind === 'order') return { id: order.id, record: order.order };
    const id = (event as unknown as Record<string, string>)[ID_FIELD[kind]] ?? '';
    const list = order[CHILD_KEY[kind]] as readonly (MachineRecord<string, unknown> & { id: string })[];
    return { id, record: list.find((r) => r.id === id) };
  }

  function toEffects(orderId: string, machine: MachineKind, id: string, actions: readonly { type: string; params?: unknown }[]): Effect[] {
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
    const list = (order[key] as readonly { id: string }[]).map((r) => (r.id === id ? { ...record, id } : r));
    return { ...order, [key]: list };
  }

  function addChild(work: Work, kind: ChildKind, id: string, input: Record<string, unknown>): void {
    const [snapshot, actions] = initialTransition(machineOf(kind), { ...input, [ID_FIELD[kind]]: id });
    const record = { ...toRecord(snapshot), id };
    const key = CHILD_KEY[kind];
    work.order = { ...work.order, [key]: [...(work.order[key] as readonly unknown[]), record] } as OrderAggregate;
    noteChange(work, { machine: kind, id, from: null, to: record.state });
    work.effects.push(...toEffects(work.order.id, kind, id, actions));
  }

  function nextId(order: OrderAggregate, kind: ChildKind, wanted: string | undefined): string {
    if (wanted !== undefined) return wanted;
    const letter = { payment: 'P', shipment: 'S', return: 'R' }[kind];
    const taken = new Set([...order.payments, ...order.shipments, ...order.returns].map((r) => r.id));
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
        for (const p of plan) addChild(work, 'payment', nextId(work.order, 'payment', p.paymentId), { method: p.method, amount: p.amount, at });
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
    const base = { event: event.type, machine: kind, target: id };
    if (record === undefined) return { ...base, code: 'REJECTED', reason: UNKNOWN[kind as ChildKind], state: null };

    const machineEvent = { ...event, actor, at };
    const decision = indexes[kind].decide(record.state, record.context, machineEvent);
    if (!decision.ok) {
      const { ok: _ok, ...refusal } = decision;
      return { ...base, ...refusal, state: record.state };
    }
    const crossReason = checkCrossRules(work.order, event.type, event, now, policy, kind === 'order' ? null : id);
    if (crossReason !== null) return { ...base, code: 'REJECTED', reason: crossReason, state: record.state };

    const machine = machineOf(kind);
    // The index and XState agree on every state × event × actor (tested), so this runs only accepted events.
    const [next, actions] = transition(machine, resolveRecord(machine, record), machineEvent);
    const nextRecord = toRecord(next);
    work.order = replace(work.order, kind, id, nextRecord);
    noteChange(work, { machine: kind, id, from: record.state, to: nextRecord.state });
    work.effects.push(...toEffects(work.order.id, kind, id, actions));

    if (kind === 'order') createChildren(work, event, at);
    const more = followUps(work.order, event);
    if ('reason' in more) return { ...base, code: 'REJECTED', reason: more.reason, state: record.state };
    for (const followUp of more.events) {
      const refused = dispatch(work, followUp.event, followUp.by === 'sender' ? actor : SYSTEM, at, now, policy);
      // The sender was entitled to its event; what failed is what it implies, so this is a rejection.
      if (refused !== null) return { ...base, code: 'REJECTED', reason: refused.reason, state: record.state };
    }
    return null;
  }

  /** Tells the order machine what its children now add up to, when that changed. */
  function sync(work: Work, stateBefore: OrderState, at: string): void {
    const record = work.order.order;
    if (isFinal('order', record.state)) return;
    const summary = deriveSummary(work.order);
    if (record.state === stateBefore && JSON.stringify(summary) === JSON.stringify(record.context.summary)) return;
    const snapshot = resolveRecord(machines.order, record);
    const [next, actions] = transition(machines.order, snapshot, { type: 'SYNC', summary, actor: SYSTEM, at });
    const nextRecord = toRecord<OrderState, OrderAggregate['order']['context']>(next);
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
    const out: AllowedEvent[] = [];
    const consider = (kind: MachineKind, id: string, record: MachineRecord<string, unknown>) => {
      const index = indexes[kind];
      for (const type of index.eventTypes(record.state)) {
        if (!MACHINE_OF.has(type)) continue; // internal events (SYNC)
        const probe = { type, actor, at: now.toISOString() };
        const open = index.candidates(record.state, type).some(
          (c) =>
            c.actors !== null &&
            c.actors.includes(actor.kind) &&
            c.guards.every((g) => g.info.payload || evaluateGuard(index, g, record.context, probe)),
        );
        if (open && checkCrossRules(order, type as OrderEventType, null, now, policy, kind === 'order' ? null : id) === null) {
          out.push({ type: type as OrderEventType, machine: kind, id });
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
    const { event, actor, at, policy } = valid;
    const now = new Date(at);
    const work: Work = { order, effects: [], changes: [] };
    const refused = dispatch(work, event, actor, at, now, policy);
    if (refused !== null) {
      const allowed = allowedEvents(order, actor, { now, policy });
      const message = `${event.type} refused (${refused.reason}): ${REJECTION_REASONS[refused.reason]}`;
      return { ok: false, error: { ...refused, message, orderState: order.order.state, allowed } };
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
    const [snapshot] = initialTransition(machines.order, { ...parsed.data, at: at.toISOString() });
    const record = toRecord<OrderState, OrderAggregate['order']['context']>(snapshot);
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
