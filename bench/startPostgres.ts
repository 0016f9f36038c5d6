/**
 * A PostgreSQL server for the bench: `DATABASE_URL` when it is set; otherwise a throw-away
 * server started with `scripts/pg-up.sh` on a free port (stopped again with `scripts/pg-down.sh`);
 * otherwise none, with the reason.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A server to connect to, and how to let it go. */
export interface PostgresServer {
  readonly url: string;
  /** Where it came from: `DATABASE_URL`, or the port of the server the bench started. */
  readonly origin: string;
  /** Stops the server if the bench started it (idempotent, synchronous so it also runs on exit; also registered for process exit). */
  stop(): void;
}

/** The port the OS hands out next: free now, so two engineers' benches never collide. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function hasServerBinaries(): boolean {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb'));
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return false;
  return readdirSync(base).some((version) => existsSync(join(base, version, 'bin', 'initdb')));
}

/**
 * Finds or starts a PostgreSQL server.
 *
 * @param root - the repository root (where `scripts/pg-up.sh` is)
 * @param port - a port for a started server (default: a free one)
 * @returns the server, or `{ unavailable }` saying why there is none
 */
export async function startPostgres(root: string, port?: number): Promise<PostgresServer | { readonly unavailable: string }> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, origin: 'DATABASE_URL', stop: () => {} };
  if (!hasServerBinaries()) return { unavailable: 'DATABASE_URL is not set and no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are installed' };
  const chosen = port ?? (await freePort());
  let output: string;
  try {
    output = (await promisify(execFile)('bash', [join(root, 'scripts/pg-up.sh'), String(chosen)], { encoding: 'utf8' })).stdout;
  } catch (error) {
    return { unavailable: `scripts/pg-up.sh ${chosen} failed: ${(error as Error).message.split('\n')[0]}` };
  }
  const started = /^DATABASE_URL=(.+)$/m.exec(output)?.[1];
  const dir = /^PGTMP=(.+)$/m.exec(output)?.[1];
  if (!started || !dir) return { unavailable: `unexpected output from scripts/pg-up.sh: ${output}` };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      execFileSync('bash', [join(root, 'scripts/pg-down.sh'), dir], { stdio: 'ignore' });
    } catch {
      console.error(`bench: could not stop the PostgreSQL server in ${dir}; stop it with scripts/pg-down.sh ${dir}`);
    }
  };
  // Whatever happens next (an error, process.exit), the server does not outlive the bench.
  process.once('exit', stop);
  return { url: started, origin: `a throw-away server on port ${chosen} (scripts/pg-up.sh)`, stop };
}
