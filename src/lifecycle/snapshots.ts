import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import type { MachineRecord } from './aggregate.js';

/**
 * Turns an XState state value into a dotted path: `{ placed: 'confirmed' }` → `'placed.confirmed'`.
 * The machines have no parallel states, so a value always names one leaf.
 *
 * @param value - an XState state value
 * @example
 * ```ts
 * import { toStatePath } from 'ordermachine';
 * toStatePath({ placed: 'confirmed' }); // 'placed.confirmed'
 * ```
 */
export function toStatePath(value: StateValue): string {
  let path = '';
  let node: StateValue = value;
  while (typeof node !== 'string') {
    const keys = Object.keys(node);
    const key = keys[0];
    if (keys.length !== 1 || key === undefined) throw new Error(`toStatePath(): not a single-leaf state value: ${JSON.stringify(value)}`);
    path += `${key}.`;
    node = node[key] as StateValue;
  }
  return path + node;
}

/**
 * Turns a dotted path back into an XState state value.
 *
 * @param path - e.g. `'placed.confirmed'`
 * @example
 * ```ts
 * import { toStateValue } from 'ordermachine';
 * toStateValue('placed.confirmed'); // { placed: 'confirmed' }
 * ```
 */
export function toStateValue(path: string): StateValue {
  const parts = path.split('.');
  let value: StateValue = parts.pop() ?? path;
  while (parts.length > 0) value = { [parts.pop() as string]: value };
  return value;
}

/**
 * Rebuilds an XState snapshot from a persisted record, reviving history (XState 5 does not).
 *
 * @param machine - the machine the record belongs to
 * @param record - the persisted state path, context and history
 * @internal
 */
export function resolveRecord(machine: AnyStateMachine, record: MachineRecord<string, unknown>): AnyMachineSnapshot {
  const historyValue: Record<string, unknown[]> = {};
  for (const [key, ids] of Object.entries(record.history ?? {})) {
    historyValue[key] = ids.map((id) => machine.getStateNodeById(id));
  }
  // `historyValue` holds state nodes, which the public resolveState config types loosely.
  return machine.resolveState({ value: toStateValue(record.state), context: record.context, historyValue: historyValue as never });
}

/**
 * Persists an XState snapshot as a plain record.
 *
 * @param snapshot - a snapshot of one of the four machines
 * @internal
 */
export function toRecord<TState extends string, TContext>(snapshot: AnyMachineSnapshot): MachineRecord<TState, TContext> {
  const history: Record<string, string[]> = {};
  for (const [key, nodes] of Object.entries(snapshot.historyValue ?? {})) {
    history[key] = (nodes as readonly { id: string }[]).map((n) => n.id);
  }
  const record = { state: toStatePath(snapshot.value) as TState, context: snapshot.context as TContext };
  return Object.keys(history).length > 0 ? { ...record, history } : record;
}
