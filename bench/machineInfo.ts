/** The machine a run was taken on, as the `machine` field of every figure. */
import { cpus, totalmem } from 'node:os';

/**
 * CPU model, cores, memory, Node version and the databases' versions, in one line.
 *
 * @param databases - e.g. `['PostgreSQL 15.14', 'PGlite 0.5.16 (PostgreSQL 17.5)']`
 * @example
 * ```ts
 * machineInfo(['PostgreSQL 15.14']); // 'AMD EPYC, 2 cores, 24 GB, Node v20.20.2, linux x64, PostgreSQL 15.14'
 * ```
 */
export function machineInfo(databases: readonly string[]): string {
  const cpu = cpus();
  const model = (cpu[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  const gb = Math.round(totalmem() / 1024 ** 3);
  return [`${model}`, `${cpu.length} cores`, `${gb} GB`, `Node ${process.version}`, `${process.platform} ${process.arch}`, ...databases].join(', ');
}
