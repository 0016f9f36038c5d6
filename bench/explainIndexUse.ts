/**
 * Proof that a statement reads the orders table through an index: `EXPLAIN (FORMAT JSON)` of the
 * statement the adapter issued, with its parameters, and a one-line summary of the plan.
 */
import type { SqlClient } from 'ordermachine/postgres';

/** A node of PostgreSQL's JSON plan (the fields the bench reads). */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Alias?: string;
  readonly 'Parent Relationship'?: string;
  readonly 'Subplan Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

/** What the plan says. */
export interface IndexUse {
  /** One of the wanted indexes is scanned and the table is never read sequentially. */
  readonly usesIndex: boolean;
  /** The plan as one line: `Update on orders ← Index Scan using orders_pkey on orders …`. */
  readonly summary: string;
}

const INDEX_SCANS = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

function nodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodes)];
}

function describe(node: PlanNode): string {
  const on = node['Relation Name'] === undefined ? '' : ` on ${node['Relation Name']}${node.Alias && node.Alias !== node['Relation Name'] ? ` ${node.Alias}` : ''}`;
  const using = node['Index Name'] === undefined ? '' : ` using ${node['Index Name']}`;
  const sub = node['Subplan Name'] === undefined ? '' : `[${node['Subplan Name']}] `;
  const own = `${sub}${node['Node Type']}${using}${on}`;
  const children = (node.Plans ?? []).map(describe);
  return children.length === 0 ? own : `${own} ← ${children.length === 1 ? children[0] : `(${children.join('; ')})`}`;
}

/**
 * Reads a JSON plan: is one of `indexes` scanned, and is `table` never scanned sequentially?
 *
 * @param plan - the top node (`EXPLAIN (FORMAT JSON)` → `[0].Plan`)
 * @param table - the table that must not be read sequentially
 * @param indexes - the indexes of which one must be scanned
 * @example
 * ```ts
 * readPlan({ 'Node Type': 'Limit', Plans: [{ 'Node Type': 'Index Scan', 'Index Name': 'orders_order_state_idx', 'Relation Name': 'orders' }] }, 'orders', ['orders_order_state_idx']).usesIndex; // true
 * ```
 */
export function readPlan(plan: PlanNode, table: string, indexes: readonly string[]): IndexUse {
  const all = nodes(plan);
  const scansIndex = all.some((n) => INDEX_SCANS.has(n['Node Type']) && indexes.includes(n['Index Name'] ?? ''));
  const seqScan = all.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table);
  return { usesIndex: scansIndex && !seqScan, summary: describe(plan) };
}

/**
 * Explains one statement as the adapter issued it.
 *
 * @param db - the database
 * @param statement - the SQL text and its parameters, as captured
 * @param table - the table that must not be read sequentially
 * @param indexes - the indexes of which one must be scanned
 */
export async function explainIndexUse(
  db: SqlClient,
  statement: { readonly text: string; readonly params: readonly unknown[] },
  table: string,
  indexes: readonly string[],
): Promise<IndexUse> {
  const { rows } = await db.query(`explain (format json) ${statement.text}`, [...statement.params]);
  const row = rows[0] as Record<string, unknown> | undefined;
  // `pg` parses the json column; PGlite too; a string is parsed here in case a driver does not.
  const raw = row?.['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[] | undefined;
  const plan = parsed?.[0]?.Plan;
  if (plan === undefined) throw new Error(`bench: EXPLAIN returned no plan for: ${statement.text.slice(0, 120)}`);
  return readPlan(plan, table, indexes);
}
