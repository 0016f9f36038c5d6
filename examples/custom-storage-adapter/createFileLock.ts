import { open, stat, unlink } from 'node:fs/promises';

/** Options for {@link createFileLock}. */
export interface FileLockOptions {
  /**
   * A lock file older than this is taken to be left behind by a crashed process and is removed
   * (default 30 s). Every holder here keeps the lock for milliseconds, so 30 s is far beyond any
   * live holder; a host whose operations can take longer must raise it.
   */
  readonly staleMs?: number;
  /** Give up (with an error) after waiting this long for the lock (default 10 s). */
  readonly timeoutMs?: number;
}

/** A lock shared by every process that opens the same path. */
export interface FileLock {
  /** Waits until this caller holds the lock; resolves to the function that releases it. */
  acquire(): Promise<() => Promise<void>>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errorCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/**
 * A mutual-exclusion lock between processes on one machine: the holder is whoever created the
 * lock file (`open(path, 'wx')` fails with `EEXIST` for everybody else), and releasing deletes
 * it. Waiters poll with a little jitter. A file left behind by a crashed holder is removed once
 * it is older than `staleMs`.
 *
 * Local file systems only: `O_EXCL` is not reliable on every network file system.
 *
 * @param path - the lock file (created and deleted; its directory must exist)
 * @param options - when a leftover file counts as stale, and how long to wait
 * @returns the lock
 * @example
 * ```ts
 * const lock = createFileLock('/var/lib/shop/orders.lock');
 * const release = await lock.acquire();
 * try {
 *   // … read, decide, append …
 * } finally {
 *   await release();
 * }
 * ```
 */
export function createFileLock(path: string, options: FileLockOptions = {}): FileLock {
  const staleMs = options.staleMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async acquire() {
      const started = Date.now();
      for (let round = 0; ; round += 1) {
        try {
          const handle = await open(path, 'wx');
          try {
            await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
          } finally {
            await handle.close();
          }
          return () =>
            unlink(path).catch((error: unknown) => {
              // Gone already: a waiter took it for stale. Nothing left to release.
              if (errorCode(error) !== 'ENOENT') throw error;
            });
        } catch (error) {
          if (errorCode(error) !== 'EEXIST') throw error;
        }
        const holder = await stat(path).catch(() => null);
        if (holder !== null && Date.now() - holder.mtimeMs > staleMs) {
          // Left behind by a crashed holder: remove it and try again at once.
          await unlink(path).catch((error: unknown) => {
            if (errorCode(error) !== 'ENOENT') throw error;
          });
          continue;
        }
        if (Date.now() - started > timeoutMs) throw new Error(`could not lock ${path} within ${timeoutMs} ms`);
        await sleep(Math.min(20, 1 + round) * Math.random() + 1);
      }
    },
  };
}
