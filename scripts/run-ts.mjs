#!/usr/bin/env node
// Runs one TypeScript entry file (the demo, the benchmarks) on plain Node 20 without a build step
// or a TS loader dependency: esbuild (already a dev dependency) bundles the file with `ordermachine`
// resolved to the sources, exactly as tsconfig's `paths` do for the type checker, leaves every npm
// package external, writes the bundle next to the entry (so node_modules resolve) and imports it.
// Usage: node scripts/run-ts.mjs <entry.ts> [args...]   (args reach the entry as process.argv[2..])
import { rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entryArg, ...rest] = process.argv.slice(2);
if (!entryArg) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}
const entry = resolve(process.cwd(), entryArg);
const out = resolve(dirname(entry), `.${basename(entry, '.ts')}.run-${process.pid}.mjs`);

const entries = { ordermachine: 'index', 'ordermachine/testing': 'testing', 'ordermachine/postgres': 'postgres', 'ordermachine/webhook': 'webhook' };
const alias = Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, resolve(root, 'src', `${file}.ts`)]));

await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  alias,
  sourcemap: 'inline',
  logLevel: 'warning',
});

process.argv = [process.argv[0], entry, ...rest];
try {
  await import(pathToFileURL(out).href);
} finally {
  rmSync(out, { force: true });
}
