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
