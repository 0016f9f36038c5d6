#!/usr/bin/env node
// Lints the package exactly as it would be published: packs it with npm, then runs publint and
// Are The Types Wrong on that tarball. Exits non-zero on any finding, so `npm test` fails before
// a broken exports map or mistyped CJS/ESM build reaches npm. Expects a fresh `npm run build`
// (the `lint:package` script does that first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const problems = [];

const tmp = mkdtempSync(join(tmpdir(), 'ordermachine-pack-'));
try {
  // 1. Pack. --ignore-scripts: the build already ran, and a prepack hook must not hide a stale dist.
  const pack = spawnSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (pack.status !== 0) throw new Error(`npm pack failed with exit code ${pack.status}`);
  const [info] = JSON.parse(pack.stdout);
  const tarball = join(tmp, info.filename);
  console.log(`packed ${info.name}@${info.version}: ${info.entryCount} files, ${info.size} bytes -> ${info.filename}`);
  for (const file of info.files) console.log(`  ${file.path}`);

  // 2. publint on the tarball. strict: warnings count as errors; suggestions are reported and
  // also count, because each one is a real packaging smell we would rather fix than ignore.
  const bytes = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    strict: true,
    level: 'suggestion',
  });
  console.log(`\npublint: ${messages.length === 0 ? 'no issues' : `${messages.length} issue(s)`}`);
  for (const message of messages) {
    const line = `  [${message.type}] ${formatMessage(message, pkg) ?? message.code}`;
    console.log(line);
    problems.push(`publint ${message.code}`);
  }

  // 3. Are The Types Wrong on the same tarball. Profile node16: checks node16 (CJS and ESM) and
  // bundler resolution; node10 cannot see subpath exports at all, so judging a modern exports-map
  // package by it would only produce noise.
  const attwBin = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');
  console.log('\nattw --profile node16:');
  const colour = process.stdout.isTTY ? [] : ['--no-color'];
  const attwArgs = [attwBin, tarball, '--profile', 'node16', '--format', 'table-flipped', ...colour];
  const attw = spawnSync(process.execPath, attwArgs, {
    cwd: root,
    stdio: 'inherit',
  });
  if (attw.status !== 0) problems.push(`attw exited with ${attw.status ?? attw.signal}`);
} catch (error) {
  problems.push(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`\nlint-package: FAILED (${problems.join(', ')})`);
  process.exit(1);
}
console.log('\nlint-package: OK');
