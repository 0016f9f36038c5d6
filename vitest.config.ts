import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Rendered dates are formatted in the process time zone; the snapshots are written in UTC.
process.env.TZ = 'UTC';

const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples and docs import the package by name, exactly as users do.
    alias: [
      { find: /^ordermachine$/, replacement: src('index.ts') },
      { find: /^ordermachine\/(testing|postgres|webhook)$/, replacement: src('$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
