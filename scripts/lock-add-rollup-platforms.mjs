#!/usr/bin/env node
// Restores rollup's per-platform optional packages in package-lock.json.
//
// Why: the npm registry this project's machines (and CI) reach does not serve most of
// `@rollup/rollup-<platform>` (404). npm then leaves them out of the lock it writes, and
// `npm ci` refuses that lock ("Missing: @rollup/rollup-darwin-arm64@ from lock file"),
// because rollup (pulled in by tsup) still lists them as optional dependencies. This writes
// the entries npm itself writes against the full registry: version, os, cpu, libc, optional.
// `npm ci` then skips the ones for other platforms without downloading them.
// `npm install` keeps the entries once present; re-run this after anything that rewrites the
// rollup entry (a tsup/rollup bump, a lock regenerated from scratch). Idempotent.
//
// usage: node scripts/lock-add-rollup-platforms.mjs [path/to/package-lock.json]
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages ?? {};
const rollups = Object.entries(packages).filter(([key]) => key === 'node_modules/rollup' || key.endsWith('/node_modules/rollup'));
if (rollups.length === 0) {
  console.log('lock-add-rollup-platforms: no rollup in the lock, nothing to do');
  process.exit(0);
}

// @rollup/rollup-<os>-<cpu>[-<abi>], e.g. linux-arm-musleabihf, win32-x64-msvc, android-arm-eabi.
const LIBC = { gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl' };
let added = 0;
for (const [rollupKey, rollup] of rollups) {
  const prefix = rollupKey.slice(0, -'rollup'.length);
  for (const [name, version] of Object.entries(rollup.optionalDependencies ?? {})) {
    const platform = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z0-9]+))?$/.exec(name);
    if (!platform) continue;
    const key = `${prefix}${name}`;
    if (packages[key]) continue;
    const [, os, cpu, abi] = platform;
    if (os === 'linux' && abi !== undefined && !(abi in LIBC)) {
      throw new Error(`lock-add-rollup-platforms: do not know the libc of ${name}; add it to LIBC`);
    }
    // Only Linux packages declare a libc (win32-x64-gnu is MinGW, not glibc).
    const libc = os === 'linux' && abi !== undefined ? LIBC[abi] : undefined;
    packages[key] = {
      version,
      cpu: [cpu],
      ...(rollup.dev ? { dev: true } : {}),
      ...(libc ? { libc: [libc] } : {}),
      license: rollup.license ?? 'MIT',
      optional: true,
      os: [os],
    };
    added++;
  }
}

if (added === 0) {
  console.log('lock-add-rollup-platforms: lock already complete');
  process.exit(0);
}
// npm writes "packages" with the root ("") first, then keys in sorted order.
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-add-rollup-platforms: added ${added} entries to ${file}`);
