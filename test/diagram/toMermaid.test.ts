import { and, createMachine, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MACHINES,
  ORDER_EVENT_TYPES,
  ORDER_STATES,
  PAYMENT_EVENT_TYPES,
  PAYMENT_STATES,
  RETURN_EVENT_TYPES,
  RETURN_STATES,
  SHIPMENT_EVENT_TYPES,
  SHIPMENT_STATES,
  by,
  toMermaid,
  type MachineKind,
} from '../../src/index.js';

const MACHINES: [MachineKind, readonly string[], readonly string[]][] = [
  ['order', ORDER_STATES, ORDER_EVENT_TYPES],
  ['payment', PAYMENT_STATES, PAYMENT_EVENT_TYPES],
  ['shipment', SHIPMENT_STATES, SHIPMENT_EVENT_TYPES],
  ['return', RETURN_STATES, RETURN_EVENT_TYPES],
];

/** The lines of the `state <id> { … }` block of a compound state, or null. */
function block(source: string, id: string): string[] | null {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.trim() === `state ${id} {`);
  if (start < 0) return null;
  const indent = (lines[start] ?? '').length - (lines[start] ?? '').trimStart().length;
  const end = lines.findIndex((l, i) => i > start && l === `${' '.repeat(indent)}}`);
  return lines.slice(start + 1, end);
}

/** Every label: the text after ` : ` on a transition line, and every line inside a note. */
function labels(source: string): string[] {
  const out: string[] = [];
  let inNote = false;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('note ')) inNote = true;
    else if (line === 'end note') inNote = false;
    else if (inNote) out.push(line);
    else if (line.includes(' --> ') && line.includes(' : ')) out.push(line.slice(line.indexOf(' : ') + 3));
  }
  return out;
}

describe('toMermaid', () => {
  for (const [kind, states, events] of MACHINES) {
    describe(`the ${kind} machine`, () => {
      const source = toMermaid(DEFAULT_MACHINES[kind]);

      it('is a stateDiagram-v2 with balanced blocks', () => {
        expect(source.startsWith('stateDiagram-v2\n')).toBe(true);
        expect(source.endsWith('\n')).toBe(true);
        expect(source.match(/\{$/gm)?.length ?? 0).toBe(source.match(/^\s*\}$/gm)?.length ?? 0);
        expect(source.match(/^\s*note /gm)?.length ?? 0).toBe(source.match(/^\s*end note$/gm)?.length ?? 0);
        expect(source).toMatch(/^ {2}\[\*\] --> \w+$/m);
        for (const line of labels(source)) expect(line).not.toMatch(/[;:#{}]/);
      });

      it('shows every state, leaf paths nested in their compound states', () => {
        const ids = new Set(source.match(/\b\w+\b/g));
        for (const state of states) {
          const path = state.split('.');
          const leaf = path[path.length - 1] ?? '';
          expect(ids.has(leaf), `${kind}: state ${state}`).toBe(true);
          if (path.length > 1) expect(block(source, path[path.length - 2] ?? '')?.join('\n'), `${kind}: ${state} nested`).toMatch(new RegExp(`\\b${leaf}\\b`));
          else expect(source, `${kind}: ${state} at top level`).toMatch(new RegExp(`^ {2}(\\[\\*\\] --> ${leaf}$|${leaf} |state ${leaf} )`, 'm'));
        }
      });

      it('labels some transition with every public event type', () => {
        const all = labels(source);
        for (const event of events) expect(all.some((l) => l.split(' ')[0] === event), `${kind}: ${event}`).toBe(true);
      });

      it('closes every final state with --> [*]', () => {
        for (const node of Object.values(DEFAULT_MACHINES[kind].root.states)) {
          if ((node as { type: string }).type === 'final') expect(source).toContain(`${(node as { key: string }).key} --> [*]`);
        }
      });
    });
  }

  it('labels transitions with their guards, params in brief, and actors', () => {
    const payment = toMermaid(DEFAULT_MACHINES.payment);
    expect(payment).toContain('pending --> captured : CONFIRM_BANK_TRANSFER [methodIs(bank_transfer/invoice), settlesExactly] (staff)');
    expect(payment).toContain('new --> pending : always [isBankTransfer]');
    expect(payment).toContain('new --> created : always\n');
    const shipment = toMermaid(DEFAULT_MACHINES.shipment);
    expect(shipment).toMatch(/--> delivered : CARRIER_STATUS \[[^\]]*carrierStatusIs\(delivered\)[^\]]*\] \(carrier/);
  });

  it('draws the order machine: placed is a compound block with an initial state and a history pseudo-state', () => {
    const order = toMermaid(DEFAULT_MACHINES.order);
    const placed = block(order, 'placed') ?? [];
    expect(placed[0]?.trim()).toBe('[*] --> awaiting_payment');
    expect(placed.map((l) => l.trim())).toContain('state "H" as hist');
    expect(order).toContain('  on_hold --> hist : RELEASE_HOLD (staff)\n');
    expect(order).toContain('  completed --> [*]\n');
  });

  it('adds a title as front matter', () => {
    expect(toMermaid(DEFAULT_MACHINES.return, { title: 'Returns' }).startsWith('---\ntitle: Returns\n---\nstateDiagram-v2\n')).toBe(true);
  });

  it('renders a small machine with compound, final, history and eventless states exactly', () => {
    const machine = setup({
      types: { events: {} as { type: 'GO'; actor: { kind: 'customer' | 'staff' } } | { type: 'PING'; actor: { kind: 'staff' } } },
      guards: { byActor: () => true, ready: () => true, levelIs: (_: unknown, _params: { level: number }) => true },
    }).createMachine({
      id: 'demo',
      initial: 'idle',
      states: {
        idle: { on: { GO: { guard: and([by('customer', 'staff'), 'ready']), target: 'busy' } } },
        busy: {
          initial: 'deciding',
          states: {
            deciding: { always: [{ guard: { type: 'levelIs', params: { level: 2 } }, target: 'high' }, { target: 'low' }] },
            low: { on: { PING: { guard: by('staff') } } },
            high: {},
            h: { type: 'history', history: 'deep' },
          },
          on: { GO: { target: 'done' } },
        },
        done: { type: 'final' },
      },
    });
    expect(toMermaid(machine)).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> idle',
        '  state busy {',
        '    [*] --> deciding',
        '    state "H*" as h',
        '    deciding --> high : always [levelIs(2)]',
        '    deciding --> low : always',
        '    note right of low',
        '      PING (staff)',
        '    end note',
        '  }',
        '  idle --> busy : GO [ready] (customer, staff)',
        '  busy --> done : GO',
        '  done --> [*]',
        '',
      ].join('\n'),
    );
  });

  it('separates the regions of a parallel state with --', () => {
    const machine = createMachine({
      id: 'p',
      initial: 'on',
      states: {
        on: {
          type: 'parallel',
          states: {
            light: { initial: 'dim', states: { dim: { on: { UP: 'bright' } }, bright: {} } },
            sound: { initial: 'quiet', states: { quiet: {}, loud: {} } },
          },
        },
      },
    });
    expect(toMermaid(machine)).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> on',
        '  state on {',
        '    state light {',
        '      [*] --> dim',
        '      dim --> bright : UP',
        '    }',
        '    --',
        '    state sound {',
        '      [*] --> quiet',
        '      loud',
        '    }',
        '  }',
        '',
      ].join('\n'),
    );
  });

  it('gives states with the same key distinct ids, labelled with the key', () => {
    const machine = createMachine({
      id: 'dup',
      initial: 'a',
      states: { a: { initial: 'x', states: { x: { on: { NEXT: '#dup.b.x' } } } }, b: { initial: 'x', states: { x: {} } } },
    });
    const source = toMermaid(machine);
    expect(source).toContain('state "x" as a_x');
    expect(source).toContain('a_x --> b_x : NEXT');
  });
});

describe('toMermaid: hidden events', () => {
  it('leaves out the event types it is told to hide, and nothing else', () => {
    const full = toMermaid(DEFAULT_MACHINES.order);
    const drawn = toMermaid(DEFAULT_MACHINES.order, { hideEvents: ['SYNC'] });
    expect(full).toContain('SYNC');
    expect(drawn).not.toContain('SYNC');
    expect(drawn).toContain('PLACE_ORDER');
    expect(drawn.split('\n').length).toBeLessThan(full.split('\n').length);
  });
});
