import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineOnPglite } from '../../examples/engine-on-pglite.js';

describe('examples/engine-on-pglite.ts — the engine on embedded PostgreSQL', () => {
  it('places and pays an order, ignores the repeated webhook, and finds it by status', async () => {
    expect(await engineOnPglite()).toEqual({ first: 'applied', again: 'duplicate', listed: ['o-7'], historyLength: 8 });
  }, 30_000);

  it('the README quotes the example file exactly', () => {
    const example = readFileSync(new URL('../../examples/engine-on-pglite.ts', import.meta.url), 'utf8');
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(example.trim());
  });
});
