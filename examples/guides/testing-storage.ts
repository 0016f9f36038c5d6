// Snippets of docs/guides/testing.md: a host's conformance test (vitest) for a storage adapter it
// wrote itself, here the journal of examples/custom-storage-adapter. Run by test/docs/guides.test.ts.
// #region storage
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStorageConformance } from 'ordermachine/testing';
import { afterEach, describe, it } from 'vitest';
import { createJournalStorage } from '../custom-storage-adapter/createJournalStorage.js';

// Every case gets a fresh, empty storage (here: a new directory) and tears it down afterwards.
describeStorageConformance(
  'JSON-lines journal',
  async () => {
    const directory = await mkdtemp(join(tmpdir(), 'journal-'));
    return { storage: createJournalStorage({ directory }), teardown: () => rm(directory, { recursive: true, force: true }) };
  },
  { describe, it, afterEach },
);
// #endregion storage
