/** Runs a conformance suite with a runner that collects its tests instead of registering them, then runs each. */
import type { StorageConformanceRunner } from '../../src/testing.js';

/**
 * Registers a suite through `register` with a collecting runner, runs every test it declared, and
 * returns each test's title with `null` (passed) or the message it failed with.
 */
export async function runCollected(register: (runner: StorageConformanceRunner) => void): Promise<Map<string, string | null>> {
  const tests: { title: string; body: () => Promise<void> }[] = [];
  register({ describe: (_name, body) => body(), it: (title, body) => void tests.push({ title, body }) });
  const results = new Map<string, string | null>();
  for (const t of tests) {
    try {
      await t.body();
      results.set(t.title, null);
    } catch (error) {
      results.set(t.title, error instanceof Error ? error.message : String(error));
    }
  }
  return results;
}
