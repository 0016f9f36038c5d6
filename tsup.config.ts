import { readdir, readFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// One build for the four public entry points. package.json "type" is "module", so tsup names
// ESM output .js / .d.ts and CJS output .cjs / .d.cts; the "exports" map relies on that.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    postgres: 'src/postgres.ts',
    webhook: 'src/webhook.ts',
    testing: 'src/testing.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
  // Keep `node:crypto` as written: a bare `crypto` invites bundlers to swap in a browser shim.
  removeNodeProtocol: false,
  treeshake: true,
  // Persian, Cyrillic and Bengali messages stay readable text in dist/ instead of \uXXXX escapes
  // (esbuild's default), which also makes the files a third smaller.
  esbuildOptions(options) {
    options.charset = 'utf8';
  },
  // Shared code goes into chunks for CJS too (esbuild does it for ESM by default). Without this,
  // `ordermachine` and `ordermachine/testing` would each carry their own copy of the core under
  // require(), and `instanceof` or module-level registries would disagree between them.
  splitting: true,
  // Runtime deps and optional peers stay imports, so hosts dedupe them and the drivers stay optional.
  external: ['xstate', 'zod', 'ts-pattern', 'date-fns', 'pg', '@electric-sql/pglite', 'fast-check'],
  // tsup's Rollup tree-shaking pass appends a second `//# sourceMappingURL` comment; keep one.
  async onSuccess() {
    for (const name of await readdir('dist')) {
      if (!/\.c?js$/.test(name)) continue;
      const path = `dist/${name}`;
      const code = await readFile(path, 'utf8');
      const fixed = code.replace(/(\n\/\/# sourceMappingURL=[^\n]+)(?:\n\/\/# sourceMappingURL=[^\n]+)+\s*$/, '$1\n');
      if (fixed !== code) await writeFile(path, fixed);
    }
  },
});
