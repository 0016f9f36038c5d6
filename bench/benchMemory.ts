/**
 * The heap figure: heap taken by 10,000 orders loaded from their persisted JSON, as ordermachine
 * holds them (plain aggregates) and as raw XState would (resolved snapshots of every machine).
 * Measured in a child `node --expose-gc`, so a forced collection before and after leaves only
 * what the orders hold.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BenchScale } from './benchScale.js';
import { measured, type Figure } from './Figure.js';
import type { HeapProbeResult } from './heapProbe.js';
import { median } from './median.js';
import { mixStage } from './orderMix.js';
import { TEMPLATE_ID } from './recordCommits.js';
import { scriptSnapshots } from './scriptSnapshots.js';

/** The `ordermachine` entry points, resolved to the sources as `scripts/run-ts.mjs` does. */
function aliases(root: string): Record<string, string> {
  const entries = { ordermachine: 'index', 'ordermachine/testing': 'testing', 'ordermachine/postgres': 'postgres', 'ordermachine/webhook': 'webhook' };
  return Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, 'src', `${file}.ts`)]));
}

/**
 * Measures figure `heap_per_10k_orders_mb`.
 *
 * @param root - the repository root
 * @param scale - how many orders to hold (the figure is per 10,000) and rounds
 */
export async function benchMemory(root: string, scale: BenchScale): Promise<Figure> {
  // The probe is bundled next to the bench (so its packages resolve) under a git-ignored name.
  const probe = join(root, 'bench', `.heapProbe.run-${process.pid}.mjs`);
  const dir = mkdtempSync(join(tmpdir(), 'ordermachine-heap-'));
  try {
    await build({
      entryPoints: [join(root, 'bench', 'heapProbe.ts')],
      outfile: probe,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      alias: aliases(root),
      logLevel: 'warning',
    });
    const templates = scriptSnapshots(TEMPLATE_ID).map((s) => JSON.stringify(s.order));
    const texts = Array.from({ length: scale.heapOrders }, (_, n) => (templates[mixStage(n)] as string).split(TEMPLATE_ID).join(`o-${String(n).padStart(8, '0')}`));
    const file = join(dir, 'orders.json');
    writeFileSync(file, JSON.stringify(texts));
    const jsonBytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);

    /** One child, both modes, in the given order; MB per 10,000 orders of each. */
    const run = (modes: readonly ('aggregates' | 'xstate')[]): Record<string, number> => {
      const child = spawnSync(process.execPath, ['--expose-gc', probe, modes.join(','), file], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`bench: heap probe failed: ${child.stderr || child.error?.message}`);
      const lines = child.stdout.trim().split('\n').map((line) => JSON.parse(line) as HeapProbeResult);
      return Object.fromEntries(lines.map((r) => [r.mode, ((r.heapBytes / r.orders) * 10_000) / 1024 / 1024]));
    };
    const ours: number[] = [];
    const base: number[] = [];
    for (let r = 0; r < scale.heapRounds; r += 1) {
      // The side measured first alternates between rounds.
      const mb = run(r % 2 === 0 ? ['aggregates', 'xstate'] : ['xstate', 'aggregates']);
      ours.push(mb.aggregates as number);
      base.push(mb.xstate as number);
    }
    const perOrderJson = jsonBytes / scale.heapOrders;
    return measured(
      {
        id: 'heap_per_10k_orders_mb',
        ours: median(ours),
        baseline: median(base),
        detail:
          `${scale.heapOrders.toLocaleString('en')} orders of the stored mix (${perOrderJson.toFixed(0)} bytes of JSON each on average), held in a child node --expose-gc (both sides in one child, one after the other, each released before the next); heapUsed after − before, gc() forced around, scaled to 10,000. ` +
          `Ours: the parsed aggregates (what allowedEvents / apply take). Baseline: the same orders as raw XState holds them — machine.resolveState({ value, context }) of the order and of every payment, shipment and return, snapshots kept. ` +
          `Per-round MB, ours: ${ours.map((x) => x.toFixed(1)).join(', ')}; baseline: ${base.map((x) => x.toFixed(1)).join(', ')}.`,
      },
      (ratio) => ratio <= 1,
    );
  } finally {
    rmSync(probe, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
