/**
 * The size figures: what the core entry and a storefront that imports only `allowedEvents` and
 * `can` weigh in a browser bundle — minified by esbuild and gzipped — with the dependencies left
 * out (our own code) and bundled in; the baseline is XState itself, minified and gzipped the same way.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { measured, type Figure } from './Figure.js';

/** A bundle's size. */
interface Size {
  readonly minBytes: number;
  readonly gzBytes: number;
  /** Minified bytes per package (`ordermachine` for our sources). */
  readonly byPackage: Readonly<Record<string, number>>;
  /** Minified bytes of our own sources per folder of `src/` (i18n, lifecycle, machines…). */
  readonly byArea: Readonly<Record<string, number>>;
}

const kb = (bytes: number) => bytes / 1024;
const SOURCE_FILE = 'size-entry.ts';

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? 'ordermachine';
}

async function bundle(root: string, contents: string, external: boolean): Promise<Size> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: SOURCE_FILE },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    treeShaking: true,
    // Non-ASCII text stays UTF-8, as Vite's and terser's minifiers leave it (esbuild alone would
    // escape every Persian, Cyrillic and Bengali letter as \uXXXX: six bytes instead of two or three).
    charset: 'utf8',
    alias: { ordermachine: join(root, 'src', 'index.ts') },
    ...(external ? { packages: 'external' as const } : {}),
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('bench: esbuild produced no output');
  const byPackage: Record<string, number> = {};
  const byArea: Record<string, number> = {};
  const meta: Metafile = result.metafile;
  for (const out of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      if (input === SOURCE_FILE) continue; // the entry of a few re-exports
      const name = packageOf(input);
      byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
      const area = /^src\/([^/]+)\//.exec(input)?.[1];
      if (name === 'ordermachine' && area !== undefined) byArea[area] = (byArea[area] ?? 0) + bytesInOutput;
    }
  }
  return { minBytes: output.contents.byteLength, gzBytes: gzipSync(output.contents, { level: 9 }).byteLength, byPackage, byArea };
}

const listed = (sizes: Readonly<Record<string, number>>) =>
  Object.entries(sizes)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${kb(bytes).toFixed(1)}`)
    .join(', ');

function describe(size: Size): string {
  return `${kb(size.gzBytes).toFixed(1)} KB gz (${kb(size.minBytes).toFixed(1)} KB min: ${listed(size.byPackage)})`;
}

/**
 * Measures figures `core_gz_kb` and `storefront_gz_kb`.
 *
 * @param root - the repository root
 */
export async function benchSize(root: string): Promise<[Figure, Figure]> {
  const core = `export * from 'ordermachine';`;
  const storefront = `export { allowedEvents, can } from 'ordermachine';`;
  const [coreOwn, coreAll, shopOwn, shopAll, xstate] = await Promise.all([
    bundle(root, core, true),
    bundle(root, core, false),
    bundle(root, storefront, true),
    bundle(root, storefront, false),
    bundle(root, `export * from 'xstate';`, false),
  ]);
  const baseline = kb(xstate.gzBytes);
  const how = 'esbuild --bundle --minify --charset=utf8 (ESM, browser, tree-shaken), gzip -9.';
  return [
    measured(
      {
        id: 'core_gz_kb',
        ours: kb(coreOwn.gzBytes),
        baseline,
        detail:
          `${how} Own code: ${describe(coreOwn)}; by folder of src/, KB min: ${listed(coreOwn.byArea)} (i18n is the messages in four languages; everything the entry exports is kept). ` +
          `Dependencies included: ${describe(coreAll)}. Baseline: xstate's whole entry bundled the same way, ${describe(xstate)}.`,
      },
      () => kb(coreOwn.gzBytes) <= 25,
    ),
    measured(
      {
        id: 'storefront_gz_kb',
        ours: kb(shopOwn.gzBytes),
        baseline,
        detail: `${how} Own code: ${describe(shopOwn)}. Dependencies included (what the browser downloads): ${describe(shopAll)}. Baseline: xstate's whole entry, ${describe(xstate)}.`,
      },
      () => kb(shopOwn.gzBytes) <= 25,
    ),
  ];
}
