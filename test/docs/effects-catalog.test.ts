import { readFileSync, writeFileSync } from 'node:fs';
import { initialTransition, type AnyStateMachine } from 'xstate';
import { readGuard } from '../../src/diagram/readGuard.js';
import { describe, expect, it } from 'vitest';
import {
  CommandEffect,
  DEFAULT_MACHINES,
  NotificationTemplate,
  PaymentMethod,
  ShippingMethod,
  type MachineKind,
} from '../../src/index.js';

const FILE = new URL('../../docs/effects.md', import.meta.url);
const REFRESH = '`UPDATE_DOCS=1 npx vitest run test/docs/effects-catalog.test.ts`';

type Node = AnyStateMachine['root'];
type Transition = NonNullable<Node['always']>[number];

/** A context the machine can be in, to resolve the params of its notify and command actions. */
interface Probe {
  readonly label: string;
  readonly context: unknown;
}

const AT = '2026-01-01T00:00:00.000Z';
const EUR = { amount: 1000, currency: 'EUR' } as const;
const LINES = [{ lineId: 'l1', quantity: 1 }];
const contextOf = (machine: AnyStateMachine, input: unknown): unknown => initialTransition(machine, input)[0].context;

/**
 * Params of `notify` / `command` may be functions of the context and event. Every variant of a
 * machine's input is probed (a payment of each method, a parcel of each shipping method, a return
 * and a claim), so a template chosen from the context (`claim_opened` vs `return_requested`) is
 * found in each of its forms.
 */
function probes(kind: MachineKind, machine: AnyStateMachine): Probe[] {
  switch (kind) {
    case 'order':
      return [{ label: 'an order', context: contextOf(machine, { orderId: 'o1', currency: 'EUR', items: [], at: AT }) }];
    case 'payment':
      return PaymentMethod.options.map((method) => ({ label: method, context: contextOf(machine, { paymentId: 'p1', method, amount: EUR, at: AT }) }));
    case 'shipment':
      return ShippingMethod.options.map((method) => ({ label: method, context: contextOf(machine, { shipmentId: 's1', lines: LINES, method, at: AT }) }));
    case 'return':
      return [
        { label: 'a return', context: contextOf(machine, { returnId: 'r1', kind: 'return', lines: LINES, needsInbound: true, at: AT }) },
        { label: 'a claim', context: contextOf(machine, { returnId: 'r1', kind: 'claim', claimKind: 'damaged', lines: LINES, needsInbound: true, at: AT }) },
      ];
  }
}

interface Row {
  readonly machine: MachineKind;
  readonly from: string;
  readonly event: string;
  readonly conditions: readonly string[];
  /** `null` for the internal SYNC and for what happens on creation: no actor sends those. */
  readonly actors: readonly string[] | null;
  readonly to: string;
  /** `template` or `template (staff)`, with the probes it applies to when not all. */
  readonly notifications: readonly string[];
  readonly commands: readonly string[];
}

const COMMAND_FIELDS = new Map(
  CommandEffect.options.map((o) => [o.shape.command.value as string, Object.keys(o.shape).filter((k) => k !== 'kind' && k !== 'orderId' && k !== 'command')]),
);
const commandLabel = (name: string) => {
  const fields = COMMAND_FIELDS.get(name);
  if (fields === undefined) throw new Error(`effects catalog: command "${name}" is not in the CommandEffect schema`);
  return fields.length ? `${name} { ${fields.join(', ')} }` : name;
};

/** The notifications and commands among some actions, resolved for every probe. */
function effectsOf(actions: readonly unknown[], eventType: string, probesOfMachine: readonly Probe[], where: string) {
  const notifications = new Map<string, string[]>();
  const commands = new Set<string>();
  for (const action of actions) {
    if (typeof action !== 'object' || action === null) continue;
    const { type, params } = action as { type?: unknown; params?: unknown };
    if (type !== 'notify' && type !== 'command') continue;
    for (const probe of probesOfMachine) {
      const event = { type: eventType, actor: { kind: 'system', id: 'catalog' }, at: AT };
      let resolved: unknown;
      try {
        resolved = typeof params === 'function' ? (params as (args: unknown) => unknown)({ context: probe.context, event }) : params;
      } catch (error) {
        throw new Error(`effects catalog: the ${type} params of ${where} threw for ${probe.label}: ${String(error)}`);
      }
      if (type === 'notify') {
        const { template, audience } = resolved as { template: string; audience?: string };
        const label = audience === 'staff' ? `${template} (staff)` : template;
        notifications.set(label, [...(notifications.get(label) ?? []), probe.label]);
      } else {
        commands.add(commandLabel((resolved as { command: string }).command));
      }
    }
  }
  const all = probesOfMachine.length;
  return {
    notifications: [...notifications].map(([label, labels]) => (labels.length === all ? label : `${label} (for ${labels.join(', ')})`)),
    commands: [...commands],
  };
}

const pathOf = (node: Node): string => node.path.join('.');
/** A compound state's transitions apply in every state inside it that does not handle the event itself. */
const fromOf = (node: Node): string => (node.path.length === 0 ? '*' : Object.keys(node.states).length > 0 ? `${pathOf(node)}.*` : pathOf(node));
const toOf = (t: Transition): string =>
  t.target === undefined || t.target.length === 0
    ? '—'
    : t.target.map((n) => (n.type === 'history' ? `${pathOf(n.parent ?? n)} (where it was)` : pathOf(n))).join(', ');

/** Entry actions of a target and of the initial states below it, which run when it is entered. */
function entered(target: Node): unknown[] {
  const actions: unknown[] = [...target.entry];
  for (const child of target.initial?.target ?? []) actions.push(...entered(child));
  return actions;
}

/** Every transition of a machine that yields effects, in document order. */
function catalogRows(kind: MachineKind, machine: AnyStateMachine): Row[] {
  const probed = probes(kind, machine);
  const rows: Row[] = [];
  const add = (row: Omit<Row, 'notifications' | 'commands'>, actions: readonly unknown[]) => {
    const where = `${kind} ${row.from} ${row.event}`;
    const { notifications, commands } = effectsOf(actions, row.event, probed, where);
    if (notifications.length + commands.length > 0) rows.push({ ...row, notifications, commands });
  };
  const transition = (node: Node, event: string, t: Transition) => {
    const actors: string[] = [];
    const conditions: string[] = [];
    readGuard(t.guard, actors, conditions);
    const targets = t.reenter || (t.target ?? []).some((n) => n !== node) ? (t.target ?? []) : [];
    add(
      { machine: kind, from: fromOf(node), event, conditions, actors: event === 'SYNC' || event.startsWith('(') ? null : actors, to: toOf(t) },
      [...t.actions, ...targets.flatMap(entered)],
    );
  };

  // What happens on creation: the entry actions of the initial states, then any transient (always) steps.
  const initial = machine.root.initial?.target ?? [];
  add({ machine: kind, from: '(new)', event: '(created)', conditions: [], actors: null, to: initial.map(pathOf).join(', ') }, initial.flatMap(entered));
  const visit = (node: Node) => {
    for (const t of node.always ?? []) transition(node, initial.includes(node) ? '(created)' : '(immediately)', t);
    for (const [event, list] of node.transitions) for (const t of list) transition(node, event, t);
    for (const child of Object.values(node.states) as Node[]) visit(child);
  };
  visit(machine.root);
  return rows;
}

const MACHINES: readonly [MachineKind, string][] = [
  ['order', 'Order machine'],
  ['payment', 'Payment machine'],
  ['shipment', 'Shipment machine'],
  ['return', 'Return machine'],
];

const code = (s: string) => `\`${s}\``;
const cell = (items: readonly string[]) => (items.length ? items.map((s) => code(s).replace(/ \(for ([^)]*)\)`$/, '` (for $1)').replace(/ \(staff\)`$/, '` (staff)')).join(', ') : '—');
const arrow = (r: Row) => `${r.machine} ${code(r.from)} —${r.event.startsWith('(') ? r.event : code(r.event)}→ ${r.to === '—' ? 'stays' : code(r.to)}`;

/** docs/effects.md: every transition that yields effects, by machine, then indexed by template and by command. */
function effectsCatalog(): string {
  const all = MACHINES.flatMap(([kind]) => catalogRows(kind, DEFAULT_MACHINES[kind]));
  const out: string[] = [
    '# What produces what: the effects catalog',
    '',
    '<!-- Generated from the machines by test/docs/effects-catalog.test.ts',
    `     (run ${REFRESH} to refresh). Do not edit by hand. -->`,
    '',
    'Every transition of the four machines that asks for something: the **notifications** it sends',
    '(a template for the customer, or for staff where marked) and the **commands** it gives your',
    'system (with their fields). `apply` returns them as effects and the engine writes them to the',
    'outbox in the same commit as the new state. A transition not listed here produces no effect.',
    '',
    'How to read a row: in state **from**, event **event** from one of **who**, when all',
    '**conditions** hold, moves the machine to **to** (— means it stays where it is). `placed.*` stands',
    'for every state inside `placed` that does not handle the event itself. `SYNC` is internal: `apply`',
    "sends it to the order after every event that changed the order's payments, parcels or returns,",
    'which is how a capture that covers the total confirms the order. `(created)` rows are what a new',
    'payment (from `PLACE_ORDER` or `ADD_PAYMENT`), parcel (`CREATE_SHIPMENT`) or return (`REQUEST_RETURN`,',
    '`OPEN_CLAIM`) produces at once.',
    '',
    'One event can move several machines in one decision, and then yields the effects of each of',
    'those transitions: cancelling an order also voids its open payments (`VOID_PAYMENT`), asks for',
    'refunds of what was captured (`REQUEST_REFUND`) and cancels unsent parcels; resolving a return',
    'with a refund asks the payments for `REQUEST_REFUND`; cash collected with the delivery scan',
    '(`codCollected`) or at the counter (`PICKED_UP` with `collected`) settles the waiting payment',
    '(`COLLECT_COD`, `COLLECT_AT_PICKUP`). And an order of a business customer (a customer with a',
    '`company`) asks for its invoice as soon as it is paid: `apply` then sends `REQUEST_INVOICE` as',
    '`system`, so whatever event paid it also yields `issue_invoice`. Conditions are named as in the',
    '[diagrams](diagrams/order.md); the events, their payloads and their actors are in the',
    '[event vocabulary](events.md).',
    '',
  ];
  for (const [kind, title] of MACHINES) {
    out.push(`## ${title}`, '', '| from | event | conditions | who | to | notifications | commands |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of all.filter((row) => row.machine === kind)) {
      const event = r.event.startsWith('(') ? r.event : code(r.event);
      const who = r.actors === null ? (r.event === 'SYNC' ? 'internal' : '—') : r.actors.join(', ');
      const conditions = r.conditions.length ? r.conditions.map(code).join(', ') : '—';
      out.push(`| ${code(r.from)} | ${event} | ${conditions} | ${who} | ${r.to === '—' ? '—' : code(r.to)} | ${cell(r.notifications)} | ${cell(r.commands)} |`);
    }
    out.push('');
  }
  out.push('## By notification template', '');
  for (const template of NotificationTemplate.options) {
    const from = all.filter((r) => r.notifications.some((n) => n === template || n.startsWith(`${template} (`)));
    out.push(`- ${code(template)}: ${from.length ? [...new Set(from.map(arrow))].join('; ') : 'never sent by a machine'}`);
  }
  out.push('', '## By command', '');
  for (const name of COMMAND_FIELDS.keys()) {
    const from = all.filter((r) => r.commands.some((c) => c === name || c.startsWith(`${name} {`)));
    out.push(`- ${code(commandLabel(name))}: ${from.length ? [...new Set(from.map(arrow))].join('; ') : 'never given by a machine'}`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

describe('docs/effects.md — what produces what, generated from the machines and never out of date', () => {
  it('matches the notify and command actions of the four machines', () => {
    const generated = effectsCatalog();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8'), `docs/effects.md is stale: run ${REFRESH}`).toBe(generated);
  });

  it('finds every template and every command somewhere (so the walker misses no kind of action)', () => {
    const all = MACHINES.flatMap(([kind]) => catalogRows(kind, DEFAULT_MACHINES[kind]));
    const templates = new Set(all.flatMap((r) => r.notifications.map((n) => n.split(' ')[0])));
    const commands = new Set(all.flatMap((r) => r.commands.map((c) => c.split(' ')[0])));
    expect([...templates].sort()).toEqual([...NotificationTemplate.options].sort());
    expect([...commands].sort()).toEqual([...COMMAND_FIELDS.keys()].sort());
  });

  it('reads the rows that matter as the machines define them', () => {
    const rows = MACHINES.flatMap(([kind]) => catalogRows(kind, DEFAULT_MACHINES[kind]));
    const find = (machine: MachineKind, from: string, event: string) => rows.filter((r) => r.machine === machine && r.from === from && r.event === event);
    // A capture that secures the payment confirms the order through SYNC: message and stock reservation.
    expect(find('order', 'placed.awaiting_payment', 'SYNC')).toEqual([
      expect.objectContaining({ conditions: ['paymentSecured'], actors: null, to: 'placed.confirmed', notifications: ['order_confirmed'], commands: ['reserve_stock { lines }'] }),
    ]);
    // A bank transfer tells the customer how to pay as soon as the payment exists.
    expect(find('payment', 'new', '(created)')).toEqual([
      expect.objectContaining({ conditions: ['isBankTransfer'], to: 'pending', notifications: ['bank_transfer_instructions'] }),
    ]);
    // The return machine's message depends on what was opened.
    expect(find('return', '(new)', '(created)')[0]?.notifications).toEqual(['return_requested (for a return)', 'claim_opened (for a claim)']);
    // Staff messages are marked, and transitions without effects are left out.
    expect(find('order', 'placed.*', 'PUT_ON_HOLD')[0]?.notifications).toEqual(['order_on_hold (staff)']);
    expect(find('order', 'on_hold', 'RELEASE_HOLD')).toEqual([]);
  });
});
