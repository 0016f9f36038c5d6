import { and, not, or } from 'xstate';

interface GuardNode {
  readonly type?: unknown;
  readonly params?: unknown;
  readonly guards?: readonly unknown[];
  readonly check?: unknown;
  readonly name?: string;
}

// XState's guard combinators, told apart by their check functions (names do not survive minification).
const AND_CHECK = (and([]) as unknown as GuardNode).check;
const OR_CHECK = (or([]) as unknown as GuardNode).check;
const NOT_CHECK = (not('x') as unknown as GuardNode).check;

/** A guard's params, briefly: `{ status: 'delivered' }` → `delivered`, arrays joined with `/`. */
function briefParams(params: unknown): string {
  if (params === undefined || params === null) return '';
  if (typeof params === 'function') return '…';
  const brief = (v: unknown): string => {
    if (Array.isArray(v)) return v.map(brief).join('/');
    if (v !== null && typeof v === 'object') return '…';
    return String(v);
  };
  if (typeof params === 'object' && !Array.isArray(params)) return Object.values(params as Record<string, unknown>).map(brief).join(', ');
  return brief(params);
}

/**
 * Splits a transition's guard into actor kinds (from `byActor`) and readable names of the other
 * guards with their params in brief, flattening `and([...])`; `or`/`not` are shown as such. Read by
 * the diagrams and by the generated effects catalog.
 *
 * @param guard - the transition's guard as the machine definition holds it
 * @param actors - receives the actor kinds, once each
 * @param names - receives the other guards, e.g. `paymentMethodIs(bank_transfer/invoice)`
 * @internal
 */
export function readGuard(guard: unknown, actors: string[], names: string[]): void {
  if (guard === undefined || guard === null) return;
  if (typeof guard === 'string') {
    names.push(guard);
    return;
  }
  const node = guard as GuardNode;
  if (typeof guard === 'function' && Array.isArray(node.guards)) {
    if (node.check === AND_CHECK) {
      for (const g of node.guards) readGuard(g, actors, names);
      return;
    }
    const inner = node.guards.map((g) => {
      const a: string[] = [];
      const n: string[] = [];
      readGuard(g, a, n);
      return [...n, ...(a.length ? [`by(${a.join('/')})`] : [])].join(' & ');
    });
    if (node.check === NOT_CHECK) names.push(`not(${inner.join(' & ')})`);
    else if (node.check === OR_CHECK) names.push(`or(${inner.join(' | ')})`);
    else names.push('guard');
    return;
  }
  if (typeof node.type === 'string') {
    if (node.type === 'byActor' && node.params !== null && typeof node.params === 'object' && Array.isArray((node.params as { actors?: unknown }).actors)) {
      for (const a of (node.params as { actors: unknown[] }).actors) if (!actors.includes(String(a))) actors.push(String(a));
      return;
    }
    const p = briefParams(node.params);
    names.push(p === '' ? node.type : `${node.type}(${p})`);
    return;
  }
  names.push(typeof guard === 'function' && node.name ? node.name : 'guard');
}
