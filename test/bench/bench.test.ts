/**
 * The bench cannot rot: its pieces behave, and `npm run bench -- --smoke` runs end to end and
 * writes every figure (measured, or — without any PostgreSQL — with the reason).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPlan, type PlanNode } from '../../bench/explainIndexUse.js';
import { FIGURE_IDS, measured, notMeasured, type Figure } from '../../bench/Figure.js';
import { median } from '../../bench/median.js';
import { mixStage, ORDER_MIX } from '../../bench/orderMix.js';
import { parseBenchArgs } from '../../bench/parseBenchArgs.js';
import { formatNumber, reportJson, reportMarkdown } from '../../bench/renderReport.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('bench command line', () => {
  it('reads the mode, the output folder and the port', () => {
    expect(parseBenchArgs([])).toEqual({ ok: true, args: { mode: 'full', out: null, pgPort: null } });
    expect(parseBenchArgs(['--quick'])).toEqual({ ok: true, args: { mode: 'quick', out: null, pgPort: null } });
    expect(parseBenchArgs(['--smoke', '--out', '/tmp/x', '--pg-port', '5546'])).toEqual({ ok: true, args: { mode: 'smoke', out: '/tmp/x', pgPort: 5546 } });
  });

  it('refuses what it does not understand', () => {
    expect(parseBenchArgs(['--fast'])).toEqual({ ok: false, error: 'unknown argument --fast' });
    expect(parseBenchArgs(['--quick', '--smoke']).ok).toBe(false);
    expect(parseBenchArgs(['--out']).ok).toBe(false);
    expect(parseBenchArgs(['--pg-port', 'x']).ok).toBe(false);
  });
});

describe('bench helpers', () => {
  it('reads from a plan whether an index is used', () => {
    const indexed: PlanNode = {
      'Node Type': 'ModifyTable',
      'Relation Name': 'orders',
      Plans: [
        { 'Node Type': 'Limit', Plans: [{ 'Node Type': 'Index Scan', 'Index Name': 'orders_next_deadline_at_idx', 'Relation Name': 'orders', Alias: 'd' }] },
        { 'Node Type': 'Index Scan', 'Index Name': 'orders_pkey', 'Relation Name': 'orders' },
      ],
    };
    const use = readPlan(indexed, 'orders', ['orders_next_deadline_at_idx']);
    expect(use.usesIndex).toBe(true);
    expect(use.summary).toBe('ModifyTable on orders ← (Limit ← Index Scan using orders_next_deadline_at_idx on orders d; Index Scan using orders_pkey on orders)');
    expect(readPlan(indexed, 'orders', ['orders_order_state_idx']).usesIndex).toBe(false);
    const sequential: PlanNode = { 'Node Type': 'Limit', Plans: [{ 'Node Type': 'Sort', Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'orders' }] }] };
    expect(readPlan(sequential, 'orders', ['orders_pkey']).usesIndex).toBe(false);
  });

  it('spreads the order mix as its percentages say', () => {
    expect(ORDER_MIX.reduce((sum, part) => sum + part.percent, 0)).toBe(100);
    const counts = new Map<number, number>();
    for (let n = 0; n < 1000; n += 1) counts.set(mixStage(n), (counts.get(mixStage(n)) ?? 0) + 1);
    for (const part of ORDER_MIX) expect(counts.get(part.stage)).toBe(part.percent * 10);
  });

  it('takes medians and formats numbers', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(() => median([])).toThrow();
    expect([formatNumber(88_257.3), formatNumber(12.34), formatNumber(0.7179), formatNumber(null), formatNumber(Infinity)]).toEqual(['88,257', '12.3', '0.72', '—', '∞']);
  });

  it('reports every figure, with its ratio, goal and verdict, and refuses an incomplete set', () => {
    const figures: Figure[] = FIGURE_IDS.map((id, i) =>
      i === 0 ? measured({ id, ours: 200, baseline: 10, detail: 'the way it was taken' }, (r) => r >= 10) : notMeasured(id, 'no server'),
    );
    const meta = { mode: 'quick' as const, startedAt: '2026-03-01T00:00:00.000Z', seconds: 12, machine: 'test machine' };
    const json = reportJson(figures, meta);
    expect(json.map((f) => f.id)).toEqual([...FIGURE_IDS]);
    expect(json[0]).toMatchObject({ id: 'can', ours: 200, baseline: 10, ratio: 20, pass: true, machine: 'test machine', unit: 'lists/s' });
    expect(json[1]).toMatchObject({ id: 'apply', ours: null, ratio: null, pass: null, detail: 'Not measured: no server' });
    const markdown = reportMarkdown(figures, meta);
    expect(markdown).toContain('| figure | ours | baseline | ratio | goal | result |');
    expect(markdown).toContain('| `can` ');
    expect(markdown).toContain('1 of 12 figures meet their goal; 11 could not be measured.');
    expect(() => reportJson(figures.slice(1), meta)).toThrow(/exactly the figures/);
  });
});

/** Whether this machine has a PostgreSQL the bench can use (as .ci/run provides). */
function postgresAvailable(): boolean {
  if (process.env.DATABASE_URL) return true;
  const base = '/usr/lib/postgresql';
  return existsSync(base) && readdirSync(base).some((v) => existsSync(join(base, v, 'bin', 'initdb')));
}

describe('npm run bench -- --smoke', () => {
  it('runs every figure and writes results.md and results.json to --out', { timeout: 20_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'ordermachine-bench-test-'));
    try {
      const run = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'bench/run.ts', '--smoke', '--out', out], { cwd: root, encoding: 'utf8', timeout: 19_000 });
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { id: string; ours: number | null; machine: string; detail: string }[];
      expect(results.map((f) => f.id)).toEqual([...FIGURE_IDS]);
      expect(readFileSync(join(out, 'results.md'), 'utf8')).toContain('| figure | ours | baseline | ratio | goal | result |');
      for (const f of results) expect(f.machine).toMatch(/cores, .*Node v/);
      const unmeasured = results.filter((f) => f.ours === null);
      if (postgresAvailable()) {
        expect({ status: run.status, unmeasured, stderr: run.stderr.slice(-2000) }).toEqual({ status: 0, unmeasured: [], stderr: expect.any(String) });
      } else {
        // Without any PostgreSQL only its figures are missing, each with the reason, and smoke says so.
        expect(run.status).toBe(1);
        expect(unmeasured.map((f) => f.id)).toEqual(['send_pg_1', 'send_pg_16', 'contended_pg_16', 'due_scan_growth', 'list_scan_growth']);
        for (const f of unmeasured) expect(f.detail).toMatch(/^Not measured: /);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
