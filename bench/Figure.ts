/**
 * One line of the benchmark report: a figure of ours, the baseline it is compared with in the
 * same run, their ratio and the goal the ratio (or the figure) must meet.
 */

/** The figures the bench reports, in report order (issue 6). */
export const FIGURE_IDS = [
  'can',
  'apply',
  'send_pg_1',
  'send_pg_16',
  'send_pglite_1',
  'contended_pg_16',
  'due_scan_growth',
  'list_scan_growth',
  'heap_per_10k_orders_mb',
  'bytes_per_order',
  'core_gz_kb',
  'storefront_gz_kb',
] as const;

/** The id of a figure. */
export type FigureId = (typeof FIGURE_IDS)[number];

/** What a figure is, before it is measured: its title, unit and goal. */
export interface FigureSpec {
  readonly title: string;
  readonly unit: string;
  readonly goal: string;
}

/** Title, unit and goal of every figure (a measured figure may give a more specific title and unit). */
export const FIGURE_SPECS: Readonly<Record<FigureId, FigureSpec>> = {
  can: { title: 'allowedEvents(order, actor): the full list, aggregate loaded from JSON', unit: 'lists/s', goal: 'ratio ≥ 10 (10× raw XState)' },
  apply: { title: 'apply(order, event, ctx) on an aggregate loaded from JSON', unit: 'decisions/s', goal: 'ratio ≥ 3 (3× raw XState; never below 1)' },
  send_pg_1: { title: 'engine.send on PostgreSQL, 1 client', unit: 'sends/s', goal: 'ratio ≥ 0.8 (80% of hand-written SQL)' },
  send_pg_16: { title: 'engine.send on PostgreSQL, 16 clients', unit: 'sends/s', goal: 'ratio ≥ 0.8 (80% of hand-written SQL)' },
  send_pglite_1: { title: 'engine.send on PGlite, 1 client', unit: 'sends/s', goal: 'ratio ≥ 0.8 (80% of hand-written SQL)' },
  contended_pg_16: { title: '16 clients on one order (PostgreSQL): commits/s, lost updates', unit: 'commits/s', goal: '0 lost updates (ratio reported)' },
  due_scan_growth: { title: 'runDue: one batch of due orders, large vs small table', unit: 'ms per batch', goal: 'ratio ≤ 1.5 (flat), index scan on orders_next_deadline_at_idx' },
  list_scan_growth: { title: 'list({ orderState }) page, large vs small table', unit: 'ms per page', goal: 'ratio ≤ 1.5 (flat), index scans only (status index for a rare state)' },
  heap_per_10k_orders_mb: { title: 'Heap per 10,000 orders loaded from their persisted JSON', unit: 'MB per 10k', goal: 'ratio ≤ 1 (no heavier than raw XState snapshots)' },
  bytes_per_order: { title: 'Stored bytes per order after its whole lifecycle', unit: 'bytes', goal: 'ratio ≤ 4 (snapshot + history within 4× the bare event log)' },
  core_gz_kb: { title: "Core entry 'ordermachine', minified + gzipped, dependencies excluded", unit: 'KB gz', goal: 'ours ≤ 25 KB gz (own code)' },
  storefront_gz_kb: {
    title: 'Storefront bundle importing only allowedEvents and can, minified + gzipped, dependencies excluded',
    unit: 'KB gz',
    goal: 'ours ≤ 25 KB gz (own code)',
  },
};

/** A measured figure, or one that could not be measured (`ours`, `baseline`, `ratio`, `pass` are then `null`). */
export interface Figure {
  readonly id: FigureId;
  /** What is measured, for the report's first column. */
  readonly title: string;
  readonly ours: number | null;
  readonly baseline: number | null;
  /** The unit of `ours` and `baseline` (e.g. `lists/s`, `ms per batch`). */
  readonly unit: string;
  /** `ours / baseline`, unless the goal says otherwise. */
  readonly ratio: number | null;
  /** The goal, in words a reader can check against the numbers (`ratio ≥ 10`). */
  readonly goal: string;
  /** Whether the goal is met; `null` when the figure could not be measured. */
  readonly pass: boolean | null;
  /** What the baseline is and how the figure was taken; for not-measured figures, why not. */
  readonly detail: string;
}

/**
 * A measured figure, its ratio `ours / baseline` and its pass/fail from `meets(ratio)`. Title,
 * unit and goal default to the figure's spec.
 *
 * @param fields - the id, the numbers and the detail (and a more specific title or unit)
 * @param meets - the goal as a test of the ratio (and of anything else the figure needs)
 * @example
 * ```ts
 * const can = measured({ id: 'can', ours: 120_000, baseline: 9_000, detail: '' }, (r) => r >= 10);
 * ```
 */
export function measured(
  fields: Pick<Figure, 'id' | 'detail'> & Partial<Pick<Figure, 'title' | 'unit'>> & { readonly ours: number; readonly baseline: number },
  meets: (ratio: number) => boolean,
): Figure {
  const ratio = fields.baseline === 0 ? Number.POSITIVE_INFINITY : fields.ours / fields.baseline;
  return { ...FIGURE_SPECS[fields.id], ...fields, ratio, pass: meets(ratio) };
}

/**
 * A figure that could not be measured, and why.
 *
 * @param id - the figure
 * @param reason - why it was not measured (no PostgreSQL server, an error…)
 * @example
 * ```ts
 * const skipped = notMeasured('send_pg_1', 'no PostgreSQL server');
 * ```
 */
export function notMeasured(id: FigureId, reason: string): Figure {
  return { id, ...FIGURE_SPECS[id], ours: null, baseline: null, ratio: null, pass: null, detail: `Not measured: ${reason}` };
}
