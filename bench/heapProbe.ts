/**
 * Child process of the heap figure, run as `node --expose-gc heapProbe.mjs <modes> <file>` with
 * `<modes>` = `aggregates,xstate` (either order): for each mode, loads the persisted JSON of many
 * orders and prints how much heap holding them takes.
 * - `aggregates`: `JSON.parse` of each order — what ordermachine works on.
 * - `xstate`: the same orders as raw XState holds them: every machine of the order resolved with
 *   `machine.resolveState({ value, context })`, the snapshots kept.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_MACHINES, toStateValue, type MachineKind, type OrderAggregate } from 'ordermachine';

/** What the probe prints, as one line of JSON. */
export interface HeapProbeResult {
  readonly mode: string;
  readonly orders: number;
  readonly heapBytes: number;
}

const CHILDREN = [
  ['payment', 'payments'],
  ['shipment', 'shipments'],
  ['return', 'returns'],
] as const satisfies readonly (readonly [MachineKind, keyof OrderAggregate])[];

function asSnapshots(order: OrderAggregate): unknown[] {
  // The persisted context is the machine's own context type; resolveState's config types it loosely.
  const snapshots: unknown[] = [DEFAULT_MACHINES.order.resolveState({ value: toStateValue(order.order.state), context: order.order.context as never })];
  for (const [kind, key] of CHILDREN) {
    for (const record of order[key]) snapshots.push(DEFAULT_MACHINES[kind].resolveState({ value: toStateValue(record.state), context: record.context as never }));
  }
  return snapshots;
}

const [modes, file] = process.argv.slice(2);
const list = (modes ?? '').split(',');
// `gc` exists only under --expose-gc; without it the figure would measure garbage.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined || file === undefined || list.some((m) => m !== 'aggregates' && m !== 'xstate')) {
  console.error('usage: node --expose-gc heapProbe.mjs aggregates|xstate[,…] <file of JSON texts>');
  process.exit(2);
}

/** Heap kept alive by the file's orders loaded in one mode; nothing of it stays referenced afterwards. */
function measure(mode: string, collect: () => void): HeapProbeResult {
  // Warm the machines up (their state nodes are shared by all orders, not part of the per-order cost).
  // Nothing of it may stay referenced: a string taken from a parsed text can keep the whole text alive.
  if (mode === 'xstate') asSnapshots(JSON.parse((JSON.parse(readFileSync(file as string, 'utf8')) as string[])[0] as string) as OrderAggregate);
  collect();
  collect();
  const before = process.memoryUsage().heapUsed;
  // Only what the loaded orders keep alive counts: the texts they came from are dropped before
  // measuring (V8 may keep parts of a text alive as slices of it; then that is part of the cost).
  let texts: string[] | null = JSON.parse(readFileSync(file as string, 'utf8')) as string[];
  const held = texts.map((text) => {
    const order = JSON.parse(text) as OrderAggregate;
    return mode === 'aggregates' ? order : asSnapshots(order);
  });
  texts = null;
  collect();
  collect();
  const after = process.memoryUsage().heapUsed;
  return { mode, orders: held.length, heapBytes: after - before };
}

// One line of JSON per mode, in the order given; each mode's orders are released before the next.
for (const mode of list) console.log(JSON.stringify(measure(mode, gc)));
