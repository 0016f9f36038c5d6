/**
 * The bench's outputs: `results.md` (the table and how each figure was taken), `results.json`
 * (one object per figure) and the table printed at the end of a run.
 */
import type { BenchMode } from './benchScale.js';
import { FIGURE_IDS, type Figure } from './Figure.js';

/** What a run knows besides its figures. */
export interface ReportMeta {
  readonly mode: BenchMode;
  /** ISO 8601 time the run started. */
  readonly startedAt: string;
  /** Wall time of the whole run, seconds. */
  readonly seconds: number;
  /** `machineInfo(...)`. */
  readonly machine: string;
}

/** One element of `results.json`. */
export interface FigureJson {
  readonly id: string;
  readonly ours: number | null;
  readonly baseline: number | null;
  readonly unit: string;
  readonly ratio: number | null;
  readonly goal: string;
  readonly machine: string;
  readonly pass: boolean | null;
  readonly mode: BenchMode;
  readonly detail: string;
}

/**
 * A number for people: thousands grouped, fewer decimals the larger it is.
 *
 * @param value - the number (`null` for not measured)
 * @example
 * ```ts
 * formatNumber(88257.3); // '88,257'
 * formatNumber(0.7179); // '0.72'
 * ```
 */
export function formatNumber(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const round = (value: number | null): number | null => (value === null || !Number.isFinite(value) ? null : Number(value.toPrecision(6)));
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const verdict = (f: Figure) => (f.pass === null ? 'not measured' : f.pass ? 'pass' : 'FAIL');

/** Figures in report order, checked to be exactly the issue's ids. */
function ordered(figures: readonly Figure[]): Figure[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  if (byId.size !== figures.length || figures.length !== FIGURE_IDS.length || FIGURE_IDS.some((id) => !byId.has(id))) {
    throw new Error(`bench: the report needs exactly the figures ${FIGURE_IDS.join(', ')}; got ${figures.map((f) => f.id).join(', ')}`);
  }
  return FIGURE_IDS.map((id) => byId.get(id) as Figure);
}

/**
 * `results.json`: one object per figure, in the issue's order.
 *
 * @param figures - all twelve figures
 * @param meta - the run
 */
export function reportJson(figures: readonly Figure[], meta: ReportMeta): FigureJson[] {
  return ordered(figures).map((f) => ({
    id: f.id,
    ours: round(f.ours),
    baseline: round(f.baseline),
    unit: f.unit,
    ratio: round(f.ratio),
    goal: f.goal,
    machine: meta.machine,
    pass: f.pass,
    mode: meta.mode,
    detail: f.detail,
  }));
}

/**
 * The table, as Markdown.
 *
 * @param figures - all twelve figures
 */
export function reportTable(figures: readonly Figure[]): string {
  const lines = ['| figure | ours | baseline | ratio | goal | result |', '| --- | ---: | ---: | ---: | --- | --- |'];
  for (const f of ordered(figures)) {
    const value = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} ${f.unit}`);
    lines.push(`| \`${f.id}\` ${cell(f.title)} | ${cell(value(f.ours))} | ${cell(value(f.baseline))} | ${formatNumber(f.ratio)} | ${cell(f.goal)} | ${verdict(f)} |`);
  }
  return lines.join('\n');
}

/**
 * `results.md`: the run, the table, and how each figure was taken.
 *
 * @param figures - all twelve figures
 * @param meta - the run
 */
export function reportMarkdown(figures: readonly Figure[], meta: ReportMeta): string {
  const command = meta.mode === 'full' ? 'npm run bench' : `npm run bench -- --${meta.mode}`;
  const passed = figures.filter((f) => f.pass === true).length;
  const unmeasured = figures.filter((f) => f.pass === null).length;
  return [
    '# ordermachine benchmarks',
    '',
    `Written by \`${command}\` (${meta.mode} run) at ${meta.startedAt}, in ${meta.seconds.toFixed(0)} s.`,
    '',
    `Machine: ${meta.machine}.`,
    '',
    'Every figure is compared with a baseline measured in the same run, on the same machine, so a',
    'busy or slow machine moves both; the ratio is what counts, and the goal is stated on it.',
    'Throughputs: higher is better (ratio = ours / baseline). Times, sizes and memory: lower is',
    'better. The growth figures compare the large table (ours) with the small one (baseline).',
    '',
    reportTable(figures),
    '',
    `${passed} of ${figures.length} figures meet their goal${unmeasured > 0 ? `; ${unmeasured} could not be measured` : ''}.`,
    '',
    '## How each figure is taken',
    '',
    ...ordered(figures).flatMap((f) => [`### \`${f.id}\` — ${f.title}`, '', f.detail, '']),
  ].join('\n');
}

/**
 * The table for the terminal: one line per figure.
 *
 * @param figures - all twelve figures
 */
export function reportConsole(figures: readonly Figure[]): string {
  const rows = ordered(figures).map((f) => [
    f.id,
    f.ours === null ? '—' : `${formatNumber(f.ours)} ${f.unit}`,
    f.baseline === null ? '—' : `${formatNumber(f.baseline)} ${f.unit}`,
    formatNumber(f.ratio),
    f.goal,
    verdict(f),
  ]);
  const header = ['figure', 'ours', 'baseline', 'ratio', 'goal', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
