/** The command line of `npm run bench -- [--quick | --smoke] [--out <dir>] [--pg-port <port>]`. */
import type { BenchMode } from './benchScale.js';

/** What the command line asks for. */
export interface BenchArgs {
  readonly mode: BenchMode;
  /** Where results.md and results.json go; `null`: `bench/` (full and quick) or a temporary folder (smoke). */
  readonly out: string | null;
  /** The port of the throw-away PostgreSQL server (when DATABASE_URL is unset); `null`: a free one. */
  readonly pgPort: number | null;
}

/**
 * Reads the bench's arguments.
 *
 * @param argv - the arguments after the script (`process.argv.slice(2)`)
 * @returns the arguments, or an error message for a bad command line
 * @example
 * ```ts
 * parseBenchArgs(['--smoke', '--out', '/tmp/bench']); // { ok: true, args: { mode: 'smoke', out: '/tmp/bench', pgPort: null } }
 * ```
 */
export function parseBenchArgs(argv: readonly string[]): { ok: true; args: BenchArgs } | { ok: false; error: string } {
  let mode: BenchMode = 'full';
  let out: string | null = null;
  let pgPort: number | null = null;
  const modes: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--quick' || arg === '--smoke') {
      modes.push(arg);
      mode = arg === '--quick' ? 'quick' : 'smoke';
    } else if (arg === '--out' || arg === '--pg-port') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return { ok: false, error: `${arg} needs a value` };
      i += 1;
      if (arg === '--out') out = value;
      else {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 1 || port > 65_535) return { ok: false, error: `--pg-port must be a port number, got ${value}` };
        pgPort = port;
      }
    } else {
      return { ok: false, error: `unknown argument ${arg}` };
    }
  }
  if (modes.length > 1) return { ok: false, error: 'give at most one of --quick and --smoke' };
  return { ok: true, args: { mode, out, pgPort } };
}
