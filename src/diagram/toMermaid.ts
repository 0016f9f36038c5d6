import type { AnyStateMachine } from 'xstate';
import { readGuard } from './readGuard.js';

type Node = AnyStateMachine['root'];

interface Transition {
  readonly source: Node;
  readonly targets: readonly Node[];
  readonly label: string;
}

// Words Mermaid reads as syntax when they stand where a state id is expected.
const RESERVED = new Set(['end', 'state', 'note', 'direction', 'class', 'classDef', 'style', 'click', 'as', 'left', 'right', 'of']);

/** Keeps a label on one line and free of the characters Mermaid reads as syntax. */
function text(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[:;#{}"]/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** The event part of a label: the event type, or a readable form of XState's internal ones. */
function eventName(eventType: string): string {
  if (eventType === '') return 'always';
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return `after ${/^\d+$/.test(after[1] ?? '') ? `${after[1]}ms` : (after[1] ?? '')}`;
  if (eventType.startsWith('xstate.done.state.')) return 'done';
  const actor = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType);
  if (actor) return `${actor[1]}(${actor[2]})`;
  return eventType;
}

/** `EVENT [guard, guard(param)] (actor, actor)`. */
function labelOf(eventType: string, guard: unknown): string {
  const actors: string[] = [];
  const names: string[] = [];
  readGuard(guard, actors, names);
  let label = eventName(eventType);
  if (names.length) label += ` [${names.join(', ')}]`;
  if (actors.length) label += ` (${actors.join(', ')})`;
  return text(label);
}

/**
 * Draws a machine as a Mermaid `stateDiagram-v2`, read from its state nodes (so a changed machine
 * draws a changed diagram). Initial states get `[*] -->`, final states `--> [*]`; compound states
 * become `state X { … }` blocks and parallel states blocks whose regions are separated by `--`;
 * history states are pseudo-states labelled `H` (`H*` when deep). Every transition is labelled
 * `EVENT [guards] (actors)`: the actor kinds come from the `by(...)` guard, other guards are
 * listed by name with their params in brief (`carrierStatusIs(delivered)`); eventless transitions
 * are labelled `always`. Transitions without a target (they update context or emit effects but
 * leave the state as it is) are listed in a note beside their state. Pure and browser-safe.
 *
 * @param machine - any XState v5 machine (e.g. one of the four, or one changed with `provide`)
 * @param options - `title`: an optional diagram title, written as Mermaid front matter before
 *   `stateDiagram-v2`; `hideEvents`: event types left out (e.g. the order machine's internal `SYNC`)
 * @returns the diagram source, ending with a newline
 * @example
 * ```ts
 * import { paymentMachine, toMermaid } from 'ordermachine';
 * const source = toMermaid(paymentMachine, { title: 'Payment' });
 * // Paste into a ```mermaid block, or render it in the browser with mermaid.render('payment', source).
 * source.includes('pending --> captured : CONFIRM_BANK_TRANSFER'); // true, labelled with its guards and (staff)
 * ```
 */
export function toMermaid(machine: AnyStateMachine, options: { readonly title?: string; readonly hideEvents?: readonly string[] } = {}): string {
  const root = machine.root;
  const all: Node[] = [];
  const collect = (node: Node): void => {
    for (const child of Object.values(node.states) as Node[]) {
      all.push(child);
      collect(child);
    }
  };
  collect(root);

  // Ids: the state's key where that is unique and safe, else its path joined with `_`.
  const count = new Map<string, number>();
  for (const n of all) count.set(n.key, (count.get(n.key) ?? 0) + 1);
  const taken = new Set<string>();
  const ids = new Map<Node, string>();
  for (const n of all) {
    const safeKey = n.key.replace(/[^A-Za-z0-9_]/g, '_');
    let id = count.get(n.key) === 1 && safeKey === n.key && !RESERVED.has(n.key) ? n.key : n.path.map((p) => p.replace(/[^A-Za-z0-9_]/g, '_')).join('_');
    while (taken.has(id) || RESERVED.has(id)) id += '_';
    taken.add(id);
    ids.set(n, id);
  }
  const idOf = (n: Node): string => ids.get(n) ?? '[*]';

  // Every transition of a node: its `on`/`after`/`onDone` transitions, then its eventless ones.
  const transitionsOf = (node: Node): Transition[] => {
    const out: Transition[] = [];
    for (const [eventType, list] of node.transitions) {
      if (options.hideEvents?.includes(eventType)) continue;
      for (const t of list) out.push({ source: node, targets: t.target ?? [], label: labelOf(eventType, t.guard) });
    }
    for (const t of node.always ?? []) out.push({ source: node, targets: t.target ?? [], label: labelOf('', t.guard) });
    return out;
  };

  const referenced = new Set<Node>();
  for (const n of [root, ...all]) {
    for (const t of transitionsOf(n)) {
      if (t.targets.length) referenced.add(n);
      for (const target of t.targets) referenced.add(target);
    }
    for (const target of n.initial?.target ?? []) referenced.add(target);
    if (n.type === 'final') referenced.add(n);
  }

  const lines: string[] = [];
  if (options.title !== undefined) lines.push('---', `title: ${text(options.title)}`, '---');
  lines.push('stateDiagram-v2');

  /** Writes the children of a compound (or the root) at an indent. */
  const writeChildren = (node: Node, depth: number): void => {
    const pad = '  '.repeat(depth);
    const children = Object.values(node.states) as Node[];
    if (node.type === 'parallel') {
      children.forEach((region, i) => {
        if (i > 0) lines.push(`${pad}--`);
        writeState(region, depth);
        writeEdges([region], depth);
      });
      return;
    }
    for (const target of node.initial?.target ?? []) lines.push(`${pad}[*] --> ${idOf(target)}`);
    for (const child of children) writeState(child, depth);
    writeEdges(children, depth);
  };

  const writeState = (node: Node, depth: number): void => {
    const pad = '  '.repeat(depth);
    const id = idOf(node);
    if (node.type === 'compound' || node.type === 'parallel') {
      if (id !== node.key) lines.push(`${pad}state "${text(node.key)}" as ${id}`);
      lines.push(`${pad}state ${id} {`);
      writeChildren(node, depth + 1);
      lines.push(`${pad}}`);
    } else if (node.type === 'history') {
      lines.push(`${pad}state "${node.history === 'deep' ? 'H*' : 'H'}" as ${id}`);
    } else if (id !== node.key) {
      lines.push(`${pad}state "${text(node.key)}" as ${id}`);
    } else if (!referenced.has(node)) {
      lines.push(`${pad}${id}`);
    }
  };

  const writeEdges = (nodes: readonly Node[], depth: number): void => {
    const pad = '  '.repeat(depth);
    for (const n of nodes) {
      for (const t of transitionsOf(n)) for (const target of t.targets) lines.push(`${pad}${idOf(n)} --> ${idOf(target)} : ${t.label}`);
    }
    for (const n of nodes) if (n.type === 'final') lines.push(`${pad}${idOf(n)} --> [*]`);
    for (const n of nodes) {
      const internal = transitionsOf(n).filter((t) => t.targets.length === 0);
      if (internal.length === 0) continue;
      lines.push(`${pad}note right of ${idOf(n)}`, ...[...new Set(internal.map((t) => t.label))].map((l) => `${pad}  ${l}`), `${pad}end note`);
    }
  };

  writeChildren(root, 1);
  // Transitions on the machine itself apply in every state: listed beside the initial state.
  const rootTransitions = transitionsOf(root);
  const first = root.initial?.target[0];
  if (rootTransitions.length && first !== undefined) {
    const labels = rootTransitions.map((t) => `${t.label}${t.targets.length ? ` → ${t.targets.map((x) => x.path.join('.')).join(', ')}` : ''}`);
    lines.push(`  note left of ${idOf(first)}`, '    in any state', ...[...new Set(labels)].map((l) => `    ${l}`), '  end note');
  }
  return `${lines.join('\n')}\n`;
}
