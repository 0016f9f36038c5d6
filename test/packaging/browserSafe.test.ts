import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the core entry is browser-safe: it bundles for the browser with no Node built-ins', () => {
  it('bundles src/index.ts for platform "browser" without node: imports', async () => {
    const result = await build({
      entryPoints: [new URL('../../src/index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
      // Runtime dependencies are the host's to bundle; our own code is what is checked.
      external: ['xstate', 'zod', 'ts-pattern', 'date-fns'],
    });
    expect(result.errors).toEqual([]);
    const imported = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imported.filter((p) => p.startsWith('node:') || ['fs', 'crypto', 'path', 'assert'].includes(p))).toEqual([]);
  });
});

describe('browser bundles tree-shake zod: a storefront downloads only the zod it uses', () => {
  it('a bundle importing only allowedEvents and can leaves out zod’s error messages in other languages (40-odd files)', async () => {
    const result = await build({
      stdin: { contents: `export { allowedEvents, can } from './src/index.ts';`, resolveDir: new URL('../..', import.meta.url).pathname, loader: 'ts' },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    // What ends up in the bundle (the metafile's inputs also list files whose code was all dropped).
    const bundled = Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([p]) => p));
    const zodFiles = bundled.filter((p) => p.includes('node_modules/zod/'));
    expect(zodFiles.length).toBeGreaterThan(0);
    // `import { z } from 'zod'` keeps the whole namespace object — every locale among it —
    // where `import * as z from 'zod'` lets the bundler drop what is never called.
    expect(zodFiles.filter((p) => /\/locales\/(?!en\.)/.test(p))).toEqual([]);
  });
});
