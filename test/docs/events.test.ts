import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventVocabulary } from '../support/eventVocabulary.js';

const FILE = new URL('../../docs/events.md', import.meta.url);

describe('docs/events.md — the event vocabulary is generated from the code and never out of date', () => {
  it('matches what the schemas and machines say', () => {
    const generated = eventVocabulary();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8'), 'docs/events.md is stale: run `npm run docs:events`').toBe(generated);
  });
});
