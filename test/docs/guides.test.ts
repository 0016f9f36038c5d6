import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { AssertionError } from 'node:assert';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MESSAGES,
  NotificationTemplate,
  allowedEvents,
  apply,
  createLifecycle,
  createMemoryNotifier,
  createMemoryStorage,
  createOrder,
  createOrderEngine,
  createOutboxRelay,
  DEFAULT_MACHINES,
  deriveOrderStatuses,
  renderNotification,
  type Actor,
  type EmailMessage,
  type Notifier,
  type OrderAggregate,
  type OrderEngine,
} from '../../src/index.js';
import { createPostgresStorage, migrate, postgresMigrations, type SqlClient } from '../../src/postgres.js';
import { arbitraryAddress, arbitraryEventSequence, arbitraryMoney, arbitraryOrder, createFakeClock, describeNotifierConformance, expectTransition, type NotifierFactory } from '../../src/testing.js';
import { DAY, MINUTE, must } from '../support/engineFixture.js';
import { DATABASE_URL, describeRealPostgres, randomSchema, usePool } from '../support/postgres.js';
import * as concepts from '../../examples/guides/concepts.js';
import * as customising from '../../examples/guides/customising.js';
import * as effectsGuide from '../../examples/guides/effects-and-notifications.js';
import * as vocabulary from '../../examples/guides/event-vocabulary.js';
import * as gettingStarted from '../../examples/guides/getting-started.js';
import * as persistence from '../../examples/guides/persistence.js';
import * as storefront from '../../examples/guides/storefront-validation.js';
import { messengerProvider } from '../../examples/guides/testing-provider.js';
import * as shop from '../../examples/guides/testing-shop.js';

// ── the snippets: every ```ts block of a guide is a region of a type-checked file ──────────────

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GUIDES = join(ROOT, 'docs/guides');
const SNIPPETS = 'examples/guides/';
const MARKER = /^<!-- snippet: (\S+?)#([\w-]+) -->$/;
const REGION = /^\s*\/\/ #(region|endregion) ([\w-]+)\s*$/;
const TS = new Set(['ts', 'typescript']);
const SHELL = new Set(['sh', 'bash', 'shell']);
const REFRESH = '`UPDATE_DOCS=1 npx vitest run test/docs/guides.test.ts`';

/** The guides: every markdown file in docs/guides (including ones other people add). */
const guideFiles = (): string[] =>
  readdirSync(GUIDES)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(GUIDES, f));

/** Strips the common leading whitespace of non-blank lines, and blank lines at either end. */
function dedent(lines: readonly string[]): string {
  const trimmed = [...lines];
  while (trimmed.length > 0 && trimmed[0]?.trim() === '') trimmed.shift();
  while (trimmed.length > 0 && trimmed.at(-1)?.trim() === '') trimmed.pop();
  const indent = Math.min(...trimmed.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return trimmed.map((l) => l.slice(Number.isFinite(indent) ? indent : 0).trimEnd()).join('\n');
}

/** The `// #region name` … `// #endregion name` regions of a source file (marker lines left out, nesting allowed). */
function regionsOf(source: string, file: string): Map<string, string> {
  const open = new Map<string, string[]>();
  const done = new Map<string, string>();
  for (const [i, line] of source.split('\n').entries()) {
    const m = REGION.exec(line);
    if (m) {
      const [, kind, name = ''] = m;
      if (kind === 'region') {
        if (open.has(name) || done.has(name)) throw new Error(`${file}:${i + 1}: region "${name}" is defined twice`);
        open.set(name, []);
      } else {
        const lines = open.get(name);
        if (lines === undefined) throw new Error(`${file}:${i + 1}: #endregion ${name} without its #region`);
        done.set(name, dedent(lines));
        open.delete(name);
      }
      continue;
    }
    for (const lines of open.values()) lines.push(line);
  }
  if (open.size > 0) throw new Error(`${file}: region(s) never closed: ${[...open.keys()].join(', ')}`);
  return done;
}

interface Block {
  readonly lang: string;
  /** Line index of the opening fence. */
  readonly open: number;
  /** Line index of the closing fence. */
  readonly close: number;
  readonly body: string;
  /** `path#region` of the marker on the line before the fence, if any. */
  readonly marker: { readonly path: string; readonly region: string } | null;
}

/** The fenced code blocks of a markdown text, with problems found on the way (dangling markers, indented fences). */
function blocksOf(lines: readonly string[]): { blocks: Block[]; problems: string[] } {
  const blocks: Block[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const marker = MARKER.exec(line);
    if (marker && !(lines[i + 1] ?? '').startsWith('```')) problems.push(`line ${i + 1}: a snippet marker must be directly followed by a code block`);
    const fence = /^(\s*)```(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const close = lines.findIndex((l, j) => j > i && /^\s*```\s*$/.test(l));
    if (close < 0) {
      problems.push(`line ${i + 1}: code block never closed`);
      break;
    }
    if ((fence[1] ?? '') !== '') problems.push(`line ${i + 1}: indented code block; keep code blocks at the left margin`);
    const before = MARKER.exec(lines[i - 1] ?? '');
    blocks.push({
      lang: fence[2] ?? '',
      open: i,
      close,
      body: lines.slice(i + 1, close).join('\n'),
      marker: before ? { path: before[1] ?? '', region: before[2] ?? '' } : null,
    });
    i = close;
  }
  return { blocks, problems };
}

/** Checks a guide's code blocks against their regions; `text` is the guide with every marked block taken from its region. */
function checkGuide(file: string): { text: string; problems: string[] } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const { blocks, problems } = blocksOf(lines);
  const replacements: { open: number; close: number; body: string }[] = [];
  for (const block of blocks) {
    const at = `line ${block.open + 1}`;
    if (SHELL.has(block.lang)) continue;
    if (!TS.has(block.lang)) {
      problems.push(`${at}: a \`\`\`${block.lang || '(no language)'} block; only \`\`\`ts blocks (taken from ${SNIPPETS}) and shell commands are allowed`);
      continue;
    }
    if (block.marker === null) {
      problems.push(`${at}: a \`\`\`ts block without a <!-- snippet: ${SNIPPETS}<file>.ts#<region> --> marker on the line before`);
      continue;
    }
    const { path, region } = block.marker;
    if (!path.startsWith(SNIPPETS) || !path.endsWith('.ts') || !existsSync(join(ROOT, path))) {
      problems.push(`${at}: snippet file ${path} must be an existing .ts file under ${SNIPPETS}`);
      continue;
    }
    const text = regionsOf(readFileSync(join(ROOT, path), 'utf8'), path).get(region);
    if (text === undefined) {
      problems.push(`${at}: ${path} has no region "${region}"`);
      continue;
    }
    if (block.body !== text) problems.push(`${at}: the block differs from ${path}#${region}: run ${REFRESH}`);
    replacements.push({ open: block.open, close: block.close, body: text });
  }
  const out = [...lines];
  for (const r of replacements.reverse()) out.splice(r.open + 1, r.close - r.open - 1, ...r.body.split('\n'));
  return { text: out.join('\n'), problems };
}

/** Relative links of a markdown file (outside code blocks) that point at no file. */
function brokenLinks(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const { blocks } = blocksOf(lines);
  const inCode = (i: number) => blocks.some((b) => i >= b.open && i <= b.close);
  const broken: string[] = [];
  lines.forEach((line, i) => {
    if (inCode(i)) return;
    for (const [, target = ''] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const path = resolve(dirname(file), target.replace(/#.*$/, ''));
      if (!existsSync(path) || !statSync(path).isFile()) broken.push(`line ${i + 1}: ${target}`);
    }
  });
  return broken;
}

/** The eight guides of the issue. */
const OWN_GUIDES = ['getting-started', 'concepts', 'persistence', 'effects-and-notifications', 'storefront-validation', 'customising', 'testing', 'event-vocabulary'];

describe('docs/guides — every code block is a region of a type-checked snippet file', () => {
  it('has the eight guides', () => {
    for (const name of OWN_GUIDES) expect(existsSync(join(GUIDES, `${name}.md`)), `docs/guides/${name}.md`).toBe(true);
  });

  for (const file of guideFiles()) {
    const name = relative(ROOT, file);
    it(`${name}: ts blocks match their regions`, () => {
      const { text, problems } = checkGuide(file);
      if (process.env.UPDATE_DOCS === '1' && text !== readFileSync(file, 'utf8')) writeFileSync(file, text);
      const remaining = process.env.UPDATE_DOCS === '1' ? checkGuide(file).problems : problems;
      expect(remaining, `${name}`).toEqual([]);
    });
  }

  it('shows every region of examples/guides somewhere, so no snippet is dead', () => {
    const shown = new Set<string>();
    for (const file of guideFiles()) {
      for (const block of blocksOf(readFileSync(file, 'utf8').split('\n')).blocks) if (block.marker) shown.add(`${block.marker.path}#${block.marker.region}`);
    }
    const defined = readdirSync(join(ROOT, SNIPPETS))
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...regionsOf(readFileSync(join(ROOT, SNIPPETS, f), 'utf8'), f).keys()].map((r) => `${SNIPPETS}${f}#${r}`));
    expect(defined.filter((r) => !shown.has(r))).toEqual([]);
  });

  it('fails on a block that drifted from its region, a missing region, an unmarked block and other languages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guides-'));
    try {
      const guide = join(dir, 'g.md');
      writeFileSync(
        guide,
        [
          '<!-- snippet: examples/guides/concepts.ts#run -->',
          '```ts',
          'const changed = true;',
          '```',
          '<!-- snippet: examples/guides/concepts.ts#nope -->',
          '```ts',
          '```',
          '```ts',
          'let unmarked = 1;',
          '```',
          '```json',
          '{}',
          '```',
          '```sh',
          'npm test',
          '```',
        ].join('\n'),
      );
      const { text, problems } = checkGuide(guide);
      expect(problems).toEqual([
        expect.stringMatching(/^line 2: the block differs from examples\/guides\/concepts\.ts#run/),
        'line 6: examples/guides/concepts.ts has no region "nope"',
        expect.stringMatching(/^line 8: a ```ts block without a <!-- snippet:/),
        expect.stringMatching(/^line 11: a ```json block/),
      ]);
      // Rewriting takes the region's text; the rest stays as it was.
      expect(text).toContain(regionsOf(readFileSync(join(ROOT, 'examples/guides/concepts.ts'), 'utf8'), 'concepts.ts').get('run'));
      expect(text).not.toContain('const changed = true;');
      expect(text).toContain('let unmarked = 1;');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('regions dedent, nest, and refuse to be unbalanced', () => {
    const source = ['function f() {', '  // #region outer', '  const a = 1;', '    // #region inner', '    const b = 2;', '    // #endregion inner', '  // #endregion outer', '}'].join('\n');
    const regions = regionsOf(source, 'x.ts');
    expect(regions.get('outer')).toBe('const a = 1;\n  const b = 2;');
    expect(regions.get('inner')).toBe('const b = 2;');
    expect(() => regionsOf('// #region a\nx', 'x.ts')).toThrow(/never closed/);
    expect(() => regionsOf('// #endregion a', 'x.ts')).toThrow(/without its #region/);
  });

  it('links only to files that exist (README.md, docs/README.md, the guides and the examples\' READMEs)', () => {
    const examples = ['http-backend', 'storefront', 'custom-storage-adapter'].map((name) => join(ROOT, 'examples', name, 'README.md'));
    for (const file of [join(ROOT, 'README.md'), join(ROOT, 'docs/README.md'), ...guideFiles(), ...examples]) expect(brokenLinks(file), relative(ROOT, file)).toEqual([]);
  });

  it('docs/README.md indexes the eight guides and the generated reference pages', () => {
    const index = readFileSync(join(ROOT, 'docs/README.md'), 'utf8');
    for (const name of OWN_GUIDES) expect(index).toContain(`](guides/${name}.md)`);
    for (const page of ['events.md', 'effects.md', 'diagrams/order.md', 'diagrams/payment.md', 'diagrams/shipment.md', 'diagrams/return.md']) expect(index).toContain(`](${page})`);
  });
});

// ── the snippets do what the guides say ─────────────────────────────────────────────────────────

const staff: Actor = { kind: 'staff', id: 'clerk-9' };
const shopper: Actor = { kind: 'customer', id: 'shopper-9' };
const psp: Actor = { kind: 'payment_provider', id: 'psp' };
const T0 = new Date('2026-06-01T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** A bank-transfer order placed through an engine by a customer (one line, €30 with shipping). */
async function placeBankTransfer(engine: OrderEngine, orderId: string, customer: Record<string, unknown> = { kind: 'guest', email: 'mia@example.com' }) {
  await must(engine.create({ orderId, currency: 'EUR', items: [{ lineId: 'l1', sku: 'POT', name: 'Teapot', quantity: 1, unitPrice: { amount: 2500, currency: 'EUR' } }] }));
  for (const event of [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Mia Koch', line1: 'Am Markt 2', city: 'Leipzig', country: 'DE' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 500, currency: 'EUR' } },
    { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' },
    { type: 'PLACE_ORDER', total: { amount: 3000, currency: 'EUR' } },
  ]) {
    await must(engine.send(orderId, event, { actor: shopper }));
  }
}

/** Runs the getting-started page end to end on a database handle. */
async function gettingStartedOn(db: SqlClient, schema: string) {
  const engine = await gettingStarted.startEngine(db, schema);
  const placed = await gettingStarted.placeOrder(engine, 'o-1001');
  const first = await gettingStarted.onCaptured(engine, 'o-1001', 'o-1001-P1', 'pi_3PxA');
  const again = await gettingStarted.onCaptured(engine, 'o-1001', 'o-1001-P1', 'pi_3PxA');
  const fulfil = await gettingStarted.toFulfil(engine);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const tick = await gettingStarted.tick(engine, gettingStarted.createRelay(db, schema));
    const printed = log.mock.calls.map((c) => String(c[0]));
    return { placed, first, again, fulfil, tick, printed };
  } finally {
    log.mockRestore();
  }
}

describe('examples/guides/getting-started.ts', () => {
  const expected = {
    placed: { state: 'placed.awaiting_payment', paymentId: 'o-1001-P1' },
    first: 'applied',
    again: 'duplicate',
    fulfil: [{ id: 'o-1001', customerStatus: 'processing', version: 8 }],
    tick: { fired: 0, delivered: 3, ignored: 1, failed: 0 },
  };
  const templatesPrinted = (printed: readonly string[]) => printed.map((p) => /· (\w+) →/.exec(p)?.[1]).sort();

  it('places an order on PGlite, is paid once by a repeated webhook, prints its three messages and is found by status', async () => {
    const db = await PGlite.create();
    try {
      const { printed, ...rest } = await gettingStartedOn(db, 'ordermachine');
      expect(rest).toEqual(expected);
      expect(templatesPrinted(printed)).toEqual(['order_confirmed', 'order_placed', 'payment_received']);
      expect(printed.join('\n')).toContain('to:      Anna Weber <anna@example.com>');
    } finally {
      await db.close();
    }
  }, 60_000);

  it('toFulfil lists confirmed orders: a bank transfer confirmed by staff yes, an unpaid one or one on hold no', async () => {
    const engine = createOrderEngine({ storage: createMemoryStorage() });
    for (const id of ['ready', 'unpaid', 'held']) await placeBankTransfer(engine, id);
    for (const id of ['ready', 'held']) await must(engine.send(id, { type: 'CONFIRM_BANK_TRANSFER', paymentId: `${id}-P1`, reference: `TRX-${id}`, amount: { amount: 3000, currency: 'EUR' } }, { actor: staff }));
    await must(engine.send('held', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff }));
    expect((await gettingStarted.toFulfil(engine)).map((o) => o.id)).toEqual(['ready']);
  });

  it('runs it all in one go with main()', async () => {
    const db = await PGlite.create();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await gettingStarted.main(db);
      const printed = log.mock.calls.map((c) => c[0] as unknown);
      expect(templatesPrinted(printed.filter((p): p is string => typeof p === 'string' && p.startsWith('──')))).toEqual(['order_confirmed', 'order_placed', 'payment_received']);
      expect(printed.filter((p) => typeof p !== 'string' || !p.startsWith('──'))).toEqual([
        'applied',
        { fired: 0, delivered: 3, ignored: 1, failed: 0 },
        [{ id: expect.stringMatching(/^o-\d+$/), customerStatus: 'processing', version: 8 }],
      ]);
    } finally {
      log.mockRestore();
      await db.close();
    }
  }, 60_000);

  describeRealPostgres('getting-started on a PostgreSQL server (DATABASE_URL)', () => {
    it('does the same through connect(): a pg Pool on DATABASE_URL', async () => {
      const pool = gettingStarted.connect();
      const schema = randomSchema('guide_start');
      try {
        const { printed, ...rest } = await gettingStartedOn(pool, schema);
        expect(rest).toEqual(expected);
        expect(templatesPrinted(printed)).toEqual(['order_confirmed', 'order_placed', 'payment_received']);
      } finally {
        await pool.query(`drop schema if exists "${schema}" cascade`);
        await pool.end();
      }
    }, 60_000);
  });
});

describe('examples/guides/concepts.ts', () => {
  it('derives the statuses of a split shipment as the table in the guide says', () => {
    const { afterSplit, afterKettle, afterCups } = concepts.splitShipment(concepts.confirmedOrder());
    expect(afterSplit).toEqual({ order: 'placed.fulfilling', payment: 'paid', fulfilment: 'unfulfilled', returns: 'none', customer: 'processing' });
    expect(afterKettle).toEqual({ order: 'placed.partially_shipped', payment: 'paid', fulfilment: 'partially_delivered', returns: 'none', customer: 'partially_shipped' });
    expect(afterCups).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
  });

  it('answers the three refusals with INVALID, FORBIDDEN and REJECTED, and changes nothing', () => {
    const order = concepts.confirmedOrder();
    const before = JSON.stringify(order);
    const [invalid, forbidden, rejected] = concepts.refusals(order);
    expect(invalid).toBe('INVALID at amount.amount');
    expect(forbidden).toBe('FORBIDDEN ACTOR_NOT_ALLOWED; may send instead: CANCEL_ORDER, REQUEST_INVOICE');
    expect(rejected).toMatch(/^REJECTED REFUND_EXCEEDS_CAPTURED; may send instead: .*REQUEST_REFUND/);
    expect(JSON.stringify(order)).toBe(before);
  });
});

describe('examples/guides/persistence.ts', () => {
  it('keeps orders in memory, in embedded PostgreSQL, and on disk across a restart', async () => {
    const memory = persistence.inMemory();
    await must(memory.create({ orderId: 'm-1', currency: 'EUR' }));
    expect((await memory.get('m-1'))?.version).toBe(1);

    const dir = mkdtempSync(join(tmpdir(), 'guide-pglite-'));
    try {
      const first = await persistence.embedded(dir);
      await must(first.engine.create({ orderId: 'd-1', currency: 'EUR' }));
      await first.db.close();
      const reopened = await persistence.embedded(dir);
      expect((await reopened.engine.get('d-1'))?.aggregate.order.state).toBe('cart');
      await reopened.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('migrates once and then applies nothing; hands out the same SQL for other tools', async () => {
    const db = await PGlite.create();
    try {
      const ids = postgresMigrations('shop').map((m) => m.id);
      expect(await persistence.upgradeSchema(db, 'shop')).toEqual({ first: ids, again: [] });
      const scripts = persistence.migrationScripts('shop');
      expect(scripts.map((s) => s.file)).toEqual(ids.map((id) => `V${id}__ordermachine_${id}.sql`));
      expect(scripts[0]?.sql).toContain('create table "shop".orders');
    } finally {
      await db.close();
    }
  }, 60_000);

  it('upgrades an order stored in an older shape when it loads it, and refuses one it has no path from', async () => {
    const db = await PGlite.create();
    try {
      await migrate(db);
      const engine = persistence.engineWithMigrations(db);
      await must(engine.create({ orderId: 'v0', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } }] }));
      // Rewrite the stored row into the hypothetical version-0 shape.
      await db.query(`update ordermachine.orders set aggregate = (aggregate - 'order') || jsonb_build_object('main', aggregate->'order', 'schemaVersion', 0) where id = 'v0'`);
      const plain = createOrderEngine({ storage: createPostgresStorage({ db }) });
      await expect(plain.send('v0', { type: 'START_CHECKOUT' }, { actor: shopper })).rejects.toMatchObject({ name: 'OrderMachineError', code: 'UNKNOWN_SCHEMA_VERSION' });
      await must(engine.send('v0', { type: 'START_CHECKOUT' }, { actor: shopper }));
      const stored = (await engine.get('v0'))?.aggregate as unknown as Record<string, unknown>;
      expect(stored.schemaVersion).toBe(1);
      expect(stored.main).toBeUndefined();
      expect((stored.order as { state: string }).state).toBe('checkout');
    } finally {
      await db.close();
    }
  }, 60_000);

  it('commits the order and the audit row together, or neither (PGlite transaction)', async () => {
    const db = await PGlite.create();
    try {
      await migrate(db);
      await db.query(`create table shop_audit (order_id text not null, version int not null, actor text not null check (actor <> 'intruder'))`);
      const storage = createPostgresStorage({ db });
      const engine = createOrderEngine({ storage });
      await must(engine.create({ orderId: 'tx-1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } }] }));
      const version = await persistence.withPglite(db, (tx) => persistence.sendAndAudit(tx, storage, 'tx-1', { type: 'START_CHECKOUT' }, shopper));
      expect(version).toBe(2);
      // The audit insert fails after the order's commit: the transaction rolls both back.
      const intruder: Actor = { kind: 'customer', id: 'intruder' };
      await expect(persistence.withPglite(db, (tx) => persistence.sendAndAudit(tx, storage, 'tx-1', { type: 'RETURN_TO_CART' }, intruder))).rejects.toThrow(/check constraint/);
      expect((await engine.get('tx-1'))?.version).toBe(2);
      expect((await db.query('select order_id, version from shop_audit')).rows).toEqual([{ order_id: 'tx-1', version: 2 }]);
    } finally {
      await db.close();
    }
  }, 60_000);

  /** Two instances over one database: concurrent writes, deadlines and the outbox, each exactly once. */
  async function scaleOut(dbA: SqlClient, dbB: SqlClient, schema: string) {
    const notifier = createMemoryNotifier();
    const a = persistence.startInstance(dbA, notifier, schema);
    const b = persistence.startInstance(dbB, notifier, schema);
    // Twelve carts with a known email, created from either instance: each is due an abandoned-cart reminder.
    const carts = Array.from({ length: 12 }, (_, i) => `cart-${String(i).padStart(2, '0')}`);
    await Promise.all(
      carts.map((id, i) =>
        must((i % 2 ? a : b).engine.create({
          orderId: id,
          currency: 'EUR',
          items: [{ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } }],
          customer: { kind: 'guest', email: `${id}@example.com` },
        })),
      ),
    );
    // Both instances add lines to one order at the same time: none is lost.
    await must(a.engine.create({ orderId: 'busy', currency: 'EUR' }));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        must((i % 2 ? a : b).engine.send('busy', { type: 'ADD_ITEM', item: { lineId: `l${i}`, sku: `S${i}`, name: `Item ${i}`, quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } } }, { actor: shopper })),
      ),
    );
    const busy = await a.engine.get('busy');
    // Five hours later both run their tick at once.
    const later = new Date(Date.now() + 5 * 60 * MINUTE);
    const [ta, tb] = await Promise.all([a.tick(later), b.tick(later)]);
    const histories = await Promise.all(carts.map((id) => a.engine.history(id)));
    return {
      lines: busy?.aggregate.order.context.items.length,
      version: busy?.version,
      fired: ta.due.fired.length + tb.due.fired.length,
      remindersPerCart: histories.map((h) => h.filter((e) => e.eventType === 'SEND_CART_REMINDER').length),
      delivered: ta.outbox.delivered + tb.outbox.delivered,
      sent: notifier.sent.length,
      unique: notifier.unique.length,
      shopping: (await persistence.allIn(a.engine, 'shopping')).map((o) => o.id),
      counts: await persistence.countByStatus(dbA, schema),
    };
  }

  const expectedScaleOut = {
    lines: 10,
    version: 11,
    fired: 12,
    remindersPerCart: Array.from({ length: 12 }, () => 1),
    delivered: 12,
    sent: 12,
    unique: 12,
    shopping: ['busy', ...Array.from({ length: 12 }, (_, i) => `cart-${String(i).padStart(2, '0')}`)],
    counts: [{ customer_status: 'shopping', orders: 13 }],
  };

  it('scales out: two instances over one PGlite lose no update, fire each deadline once and send each message once', async () => {
    const db = await PGlite.create();
    try {
      await migrate(db, { schema: 'shop' });
      expect(await scaleOut(db, db, 'shop')).toEqual(expectedScaleOut);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('turns a stale form into a conflict instead of an overwrite', async () => {
    const engine = persistence.inMemory();
    await placeBankTransfer(engine, 'form-1');
    const shown = (await engine.get('form-1'))?.version ?? 0;
    await must(engine.send('form-1', { type: 'PUT_ON_HOLD', reason: 'payment_review' }, { actor: staff }));
    expect(await persistence.saveFromForm(engine, 'form-1', shown, { type: 'CANCEL_ORDER', reason: 'other' }, staff)).toBe(
      `changed meanwhile (now version ${shown + 1}): reload and check`,
    );
    expect(await persistence.saveFromForm(engine, 'form-1', shown + 1, { type: 'RELEASE_HOLD' }, staff)).toBe('applied');
  });

  describeRealPostgres('persistence on a PostgreSQL server (DATABASE_URL)', () => {
    const poolA = usePool(4);
    const poolB = usePool(4);
    let schema = '';
    beforeAll(async () => {
      schema = await poolA.fresh('guide_scale');
    });

    it('onServer() migrates a schema of its own and serves orders through a pg Pool', async () => {
      const name = poolA.name('guide_server');
      const { pool, engine } = await persistence.onServer(DATABASE_URL ?? '', name);
      try {
        await must(engine.create({ orderId: 'srv-1', currency: 'EUR' }));
        expect((await engine.get('srv-1'))?.version).toBe(1);
      } finally {
        await pool.end();
      }
    }, 60_000);

    it('scales out over two pools exactly as over one PGlite', async () => {
      expect(await scaleOut(poolA.db(), poolB.db(), schema)).toEqual(expectedScaleOut);
    }, 60_000);

    it('commits the order and the audit row in one pg transaction, or neither', async () => {
      const single = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
      const txSchema = poolA.name('guide_tx');
      try {
        await migrate(single, { schema: txSchema });
        // A temporary table lives on the pool's single connection, where withPg runs.
        await single.query(`create temp table shop_audit (order_id text not null, version int not null, actor text not null check (actor <> 'intruder'))`);
        const storage = createPostgresStorage({ db: single, schema: txSchema });
        const engine = createOrderEngine({ storage });
        await must(engine.create({ orderId: 'tx-1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } }] }));
        expect(await persistence.withPg(single, (tx) => persistence.sendAndAudit(tx, storage, 'tx-1', { type: 'START_CHECKOUT' }, shopper))).toBe(2);
        const intruder: Actor = { kind: 'customer', id: 'intruder' };
        await expect(persistence.withPg(single, (tx) => persistence.sendAndAudit(tx, storage, 'tx-1', { type: 'RETURN_TO_CART' }, intruder))).rejects.toThrow(/check constraint/);
        expect((await engine.get('tx-1'))?.version).toBe(2);
        expect((await single.query('select order_id, version from shop_audit')).rows).toEqual([{ order_id: 'tx-1', version: 2 }]);
      } finally {
        await single.end();
      }
    }, 60_000);
  });
});

describe('examples/guides/effects-and-notifications.ts', () => {
  it('returns the effects of placing an order', async () => {
    const engine = createOrderEngine({ storage: createMemoryStorage(), clock: createFakeClock(T0) });
    expect(await effectsGuide.placeOrder(engine, 'r-1')).toEqual(['notify customer: order_placed (order r-1)']);
  });

  it('delivers Russian messages, and runs capture_payment through the gateway once, reporting the capture back', async () => {
    const storage = createMemoryStorage();
    const clock = createFakeClock(T0);
    const engine = createOrderEngine({ storage, clock });
    const notifier = createMemoryNotifier();
    const captures: { paymentId: string; amount: number; key: string }[] = [];
    const gateway: effectsGuide.Gateway = {
      capture: async (paymentId, amount, key) => {
        captures.push({ paymentId, amount: amount.amount, key });
        return { reference: `cap_${captures.length}` };
      },
    };
    const relay = effectsGuide.createWorker(storage, engine, notifier, gateway);
    await effectsGuide.placeOrder(engine, 'r-2');
    await must(engine.send('r-2', { type: 'PAYMENT_AUTHORIZED', paymentId: 'r-2-P1', amount: { amount: 1_250_000, currency: 'RUB' }, providerRef: 'auth_1' }, { actor: psp }));
    await must(engine.send('r-2', { type: 'REQUEST_CAPTURE', paymentId: 'r-2-P1' }, { actor: staff }));
    await relay.runOnce(at(MINUTE));
    await relay.runOnce(at(2 * MINUTE));
    expect(captures).toEqual([{ paymentId: 'r-2-P1', amount: 1_250_000, key: expect.stringMatching(/^r-2:\d+:\d+$/) }]);
    expect((await engine.get('r-2'))?.aggregate.payments[0]?.state).toBe('captured');
    expect(notifier.unique.map((d) => d.effect.template)).toEqual(['order_placed', 'order_confirmed', 'payment_received']);
    for (const d of notifier.unique) {
      expect(d.message.locale).toBe('ru');
      expect(d.message.subject).toMatch(/[А-Яа-яЁё]/);
      expect(d.recipient.email).toBe('ivan@example.ru');
    }
    expect(notifier.unique[0]?.message.text).toContain('https://shop.example/account/orders/r-2');
    expect(notifier.unique[0]?.message.text).toContain('Чайная лавка');
  });

  it('sends email to shoppers with an address and SMS to those with only a phone', async () => {
    const mails: EmailMessage[] = [];
    const texts: { to: string; text: string }[] = [];
    const notifier = effectsGuide.emailOrSms({ sendMail: async (m) => void mails.push(m) }, async (to, text) => void texts.push({ to, text }));
    const storage = createMemoryStorage();
    const engine = createOrderEngine({ storage, clock: createFakeClock(T0) });
    await placeBankTransfer(engine, 'mail-1', { kind: 'guest', email: 'mia@example.com', locale: 'ru' });
    await placeBankTransfer(engine, 'sms-1', { kind: 'guest', phone: '+79161234567', locale: 'ru' });
    const report = await createOutboxRelay({ storage, notifier }).runOnce(at(MINUTE));
    expect(report.delivered).toBe(4); // order_placed and bank_transfer_instructions, for each
    expect(mails.map((m) => m.to)).toEqual(['mia@example.com', 'mia@example.com']);
    expect(mails[0]?.from).toEqual({ name: 'Чайная лавка', address: 'orders@shop.example' });
    expect(texts.map((t) => t.to)).toEqual(['+79161234567', '+79161234567']);
  });

  it('dead-letters a message after its attempts and retries it once the channel works again', async () => {
    const storage = createMemoryStorage();
    const engine = createOrderEngine({ storage, clock: createFakeClock(T0) });
    const notifier = createMemoryNotifier();
    const relay = effectsGuide.createWorker(storage, engine, notifier, { capture: async () => ({ reference: 'x' }) });
    await effectsGuide.placeOrder(engine, 'r-3');
    notifier.failAlways({ error: 'SMTP 451' });
    let dead = 0;
    for (let hour = 1; hour <= 5; hour += 1) dead += (await relay.runOnce(at(hour * 60 * MINUTE))).dead;
    expect(dead).toBe(1);
    notifier.recover();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(await effectsGuide.retryDeadLetters(relay)).toEqual([expect.stringMatching(/^r-3:/)]);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/after 5 attempts: .*SMTP 451/);
    } finally {
      warn.mockRestore();
    }
    expect((await relay.runOnce(new Date(Date.now() + MINUTE))).delivered).toBe(1);
    expect(notifier.unique.map((d) => d.effect.template)).toEqual(['order_placed']);
    expect(await relay.deadLetters()).toEqual([]);
  });

  it('has as many templates as the guides say (34)', () => {
    expect(NotificationTemplate.options).toHaveLength(34);
  });
});

describe('examples/guides/storefront-validation.ts', () => {
  const now = T0;
  const rahim: Actor = { kind: 'customer', id: 'rahim' };
  const captions = (order: OrderAggregate, actor: Actor, when = now) => storefront.buttonsFor(order, actor, when).map((b) => b.caption);

  it('shows a cash-on-delivery shopper only the buttons that work, at each stage', () => {
    const placed = vocabulary.placeCashOnDelivery(now);
    expect(storefront.buttonsFor(placed, rahim, now)).toEqual([{ type: 'CANCEL_ORDER', machine: 'order', id: '5012', caption: 'Cancel order' }]);
    const confirmed = apply(placed, { type: 'CONFIRM_ORDER' }, { actor: staff, now });
    if (!confirmed.ok) throw new Error(confirmed.error.message);
    expect(captions(confirmed.order, rahim)).toEqual(['Cancel order']);
    let packed = vocabulary.send(confirmed.order, 'CREATE_SHIPMENT', { lines: [{ lineId: 'l1', quantity: 1 }] }, staff, now);
    packed = vocabulary.send(packed, 'RELEASE_TO_WAREHOUSE', {}, staff, now);
    packed = vocabulary.send(packed, 'START_PICKING', { pickerId: 'p1' }, staff, now);
    expect(captions(packed, rahim)).toEqual(['Cancel order']); // being prepared
    packed = vocabulary.send(packed, 'PACK_SHIPMENT', { label: { carrier: 'Pathao', trackingNumber: '1' } }, staff, now);
    expect(packed.shipments[0]?.state).toBe('packed');
    expect(captions(packed, rahim)).toEqual([]);
    const atDoor = vocabulary.shipToTheDoor(placed, now);
    expect(captions(atDoor, rahim)).toEqual([]);
    const delivered = vocabulary.deliverWithCash(atDoor, now);
    expect(new Set(captions(delivered, rahim))).toEqual(new Set(['Get an invoice', 'I have received it', 'Return items', 'Report a problem']));
    // Staff see their own set for the same order.
    const staffOffers = allowedEvents(delivered, staff, { now }).map((e) => e.type);
    expect(staffOffers).toContain('NOTIFY_DELAY');
    // Completing would end the customer's right to return and claim: offered only once both windows are over.
    expect(staffOffers).not.toContain('COMPLETE_ORDER');
    expect(allowedEvents(delivered, staff, { now: new Date(now.getTime() + 31 * 86_400_000) }).map((e) => e.type)).toContain('COMPLETE_ORDER');
  });

  it('enables a return only for what was delivered, inside the return window', () => {
    const delivered = vocabulary.deliverWithCash(vocabulary.shipToTheDoor(vocabulary.placeCashOnDelivery(now), now), now);
    expect(storefront.canReturn(delivered, rahim, 'l1', 1, at(DAY))).toBe(true);
    expect(storefront.canReturn(delivered, rahim, 'l1', 2, at(DAY))).toBe(false);
    expect(storefront.canReturn(delivered, rahim, 'l1', 1, at(15 * DAY))).toBe(false);
  });

  it('keys form errors by field', () => {
    expect(storefront.addressErrors({ name: 'Mia Koch', line1: 'Am Markt 2', city: 'Leipzig', country: 'DE', postalCode: '' })).toEqual({});
    expect(Object.keys(storefront.addressErrors({ name: 'Mia Koch', line1: 'Am Markt 2', city: '', country: 'de' })).sort()).toEqual(['city', 'country']);
  });

  it('explains refusals in the shopper’s words, and passes what would be accepted', () => {
    const packed = vocabulary.shipToTheDoor(vocabulary.placeCashOnDelivery(now), now);
    expect(storefront.preview(packed, { type: 'CANCEL_ORDER', reason: 'customer_request' }, rahim, now)).toMatch(/^Your parcel is already packed/);
    expect(storefront.preview(packed, { type: 'CANCEL_ORDER' }, rahim, now)).toBe('Please check reason.');
    const placed = vocabulary.placeCashOnDelivery(now);
    expect(storefront.preview(placed, { type: 'CANCEL_ORDER', reason: 'customer_request' }, rahim, now)).toBeNull();
  });

  it('labels the status in the shopper’s language, with the page direction', () => {
    const delivered = vocabulary.deliverWithCash(vocabulary.shipToTheDoor(vocabulary.placeCashOnDelivery(now), now), now);
    expect(storefront.badge(delivered)).toEqual({ text: 'ডেলিভারি সম্পন্ন', dir: 'ltr' });
    const cart = createOrder({ orderId: 'fa-1', currency: 'IRR', customer: { kind: 'guest', email: 'sara@example.ir', locale: 'fa' } }, { now });
    if (!cart.ok) throw new Error(cart.error.message);
    expect(storefront.badge(cart.order)).toEqual({ text: 'در حال خرید', dir: 'rtl' });
    expect(MESSAGES.fa.statusLabels.shopping).toBe('در حال خرید');
  });
});

describe('examples/guides/customising.ts', () => {
  it('expires an unpaid bank transfer after two days under the policy, not under the defaults', async () => {
    const clock = createFakeClock(T0);
    const custom = customising.engineWithPolicy(clock);
    const standard = createOrderEngine({ storage: createMemoryStorage(), clock });
    await placeBankTransfer(custom, 'p-1');
    await placeBankTransfer(standard, 'p-1');
    const when = at(2 * DAY + MINUTE);
    const fired = (await custom.runDue(when)).fired.map((f) => f.eventType);
    expect(fired).toEqual(['SEND_PAYMENT_REMINDER', 'EXPIRE_ORDER']);
    expect((await custom.get('p-1'))?.aggregate.order.state).toBe('expired');
    await standard.runDue(when);
    expect((await standard.get('p-1'))?.aggregate.order.state).toBe('placed.awaiting_payment');
  });

  it('offers a return 20 days after delivery with the shop policy, and not with the default one', () => {
    const delivered = vocabulary.deliverWithCash(vocabulary.shipToTheDoor(vocabulary.placeCashOnDelivery(T0), T0), T0);
    const rahim: Actor = { kind: 'customer', id: 'rahim' };
    expect(customising.shopperButtons(delivered, rahim, at(20 * DAY))).toContain('REQUEST_RETURN');
    expect(allowedEvents(delivered, rahim, { now: at(20 * DAY) }).map((e) => e.type)).not.toContain('REQUEST_RETURN');
  });

  it('refuses cash on delivery without a phone with CHECKOUT_INCOMPLETE, and hides PLACE_ORDER', () => {
    const created = createOrder({ orderId: 'g-1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: { amount: 1000, currency: 'EUR' } }] }, { now: T0 });
    if (!created.ok) throw new Error(created.error.message);
    let order = created.order;
    for (const event of [
      { type: 'START_CHECKOUT' },
      { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'mia@example.com' } },
      { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Mia Koch', line1: 'Am Markt 2', city: 'Leipzig', country: 'DE' } },
      { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 500, currency: 'EUR' } },
      { type: 'SELECT_PAYMENT_METHOD', method: 'cash_on_delivery' },
    ]) {
      const r = customising.shopLifecycle.apply(order, event, { actor: shopper, now: T0 });
      if (!r.ok) throw new Error(r.error.message);
      order = r.order;
    }
    const place = { type: 'PLACE_ORDER', total: { amount: 1500, currency: 'EUR' } };
    const refused = customising.shopLifecycle.apply(order, place, { actor: shopper, now: T0 });
    expect(refused.ok ? 'applied' : refused.error.code === 'INVALID' ? 'INVALID' : refused.error.reason).toBe('CHECKOUT_INCOMPLETE');
    expect(customising.shopLifecycle.allowedEvents(order, shopper, { now: T0 }).map((e) => e.type)).not.toContain('PLACE_ORDER');
    expect(apply(order, place, { actor: shopper, now: T0 }).ok).toBe(true); // the shipped rules accept it
    const withPhone = customising.shopLifecycle.apply(order, { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'mia@example.com', phone: '+4915112345678' } }, { actor: shopper, now: T0 });
    if (!withPhone.ok) throw new Error(withPhone.error.message);
    expect(customising.shopLifecycle.apply(withPhone.order, place, { actor: shopper, now: T0 }).ok).toBe(true);
  });

  it('skips the abandoned-cart reminder under the shop lifecycle', async () => {
    const cart = { orderId: 'c-1', currency: 'EUR' as const, items: [{ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: { amount: 1000, currency: 'EUR' as const } }], customer: { kind: 'guest' as const, email: 'mia@example.com' } };
    const clock = createFakeClock(T0);
    const shop = customising.shopEngine(createMemoryStorage(), clock);
    const standard = createOrderEngine({ storage: createMemoryStorage(), clock });
    await must(shop.create(cart));
    await must(standard.create(cart));
    const later = at(5 * 60 * MINUTE);
    expect((await standard.runDue(later)).fired.map((f) => f.eventType)).toEqual(['SEND_CART_REMINDER']);
    const report = await shop.runDue(later);
    expect(report.fired).toEqual([]);
    expect(report.skipped).toEqual([{ orderId: 'c-1', key: 'cart_reminder', reason: 'CART_REMINDER_NOT_DUE' }]);
  });

  it('runs provided actions in a live actor, and never on the server path', () => {
    const toasts: string[] = [];
    expect(customising.livePayment(toasts)).toBe('captured');
    expect(toasts).toEqual(['bank_transfer_instructions', 'payment_received']);

    const ran: string[] = [];
    const lifecycle = createLifecycle({
      ...DEFAULT_MACHINES,
      payment: DEFAULT_MACHINES.payment.provide({ actions: { notify: (_, params: { template: string }) => void ran.push(params.template) } }),
    });
    const created = lifecycle.createOrder({ orderId: 'a-1', currency: 'EUR', items: [{ lineId: 'l1', sku: 'A', name: 'A', quantity: 1, unitPrice: { amount: 1000, currency: 'EUR' } }] }, { now: T0 });
    if (!created.ok) throw new Error(created.error.message);
    let order = created.order;
    let effects: string[] = [];
    for (const event of [
      { type: 'START_CHECKOUT' },
      { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'mia@example.com' } },
      { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Mia Koch', line1: 'Am Markt 2', city: 'Leipzig', country: 'DE' } },
      { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 500, currency: 'EUR' } },
      { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' },
      { type: 'PLACE_ORDER', total: { amount: 1500, currency: 'EUR' } },
    ]) {
      const r = lifecycle.apply(order, event, { actor: shopper, now: T0 });
      if (!r.ok) throw new Error(r.error.message);
      order = r.order;
      effects = r.effects.flatMap((e) => (e.kind === 'notification' ? [e.template] : []));
    }
    expect(effects).toEqual(['order_placed', 'bank_transfer_instructions']);
    expect(ran).toEqual([]);
  });

  it('renders staff messages in the one-line format and customer messages as shipped', async () => {
    const storage = createMemoryStorage();
    const engine = createOrderEngine({ storage, clock: createFakeClock(T0) });
    const notifier = createMemoryNotifier();
    await placeBankTransfer(engine, 'h-1');
    await must(engine.send('h-1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff }));
    await createOutboxRelay({ storage, notifier, render: customising.render }).runOnce(at(MINUTE));
    const byTemplate = new Map(notifier.unique.map((d) => [d.effect.template, d]));
    expect(byTemplate.get('order_on_hold')?.message.subject).toBe('[order_on_hold] order h-1, order h-1');
    expect(byTemplate.get('order_on_hold')?.recipient.email).toBe('ops@shop.example');
    const placed = byTemplate.get('order_placed');
    const stored = await engine.get('h-1');
    if (placed === undefined || stored === null) throw new Error('order_placed was not delivered');
    expect(placed.message).toEqual(renderNotification(placed.effect, stored.aggregate).message);
  });
});

describe('examples/guides/event-vocabulary.ts', () => {
  const now = T0;

  it('drives a cash-on-delivery order from the cart to the door, finding each id with allowedEvents', () => {
    const placed = vocabulary.placeCashOnDelivery(now);
    expect(placed.order.state).toBe('placed.awaiting_payment');
    expect(placed.payments.map((p) => [p.id, p.state])).toEqual([['5012-P1', 'pending']]);
    const atDoor = vocabulary.shipToTheDoor(placed, now);
    expect(atDoor.shipments.map((s) => [s.id, s.state])).toEqual([['5012-S1', 'out_for_delivery']]);
    expect(vocabulary.deliveredWithoutCash(atDoor, now)).toBe('REJECTED COD_NOT_COLLECTED');
    const delivered = vocabulary.deliverWithCash(atDoor, now);
    expect(delivered.payments[0]?.state).toBe('captured');
    expect(deriveOrderStatuses(delivered)).toMatchObject({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered' });
  });

  it('refuses to send what this actor may not send now, naming the state', () => {
    const placed = vocabulary.placeCashOnDelivery(now);
    expect(() => vocabulary.send(placed, 'CONFIRM_ORDER', {}, shopper, now)).toThrow('customer may not send CONFIRM_ORDER while the order is placed.awaiting_payment');
  });
});

// docs/guides/testing.md: its snippet files are test files, so importing them inside this suite
// registers their describe/it blocks here, exactly as vitest registers them in a host's test file.
describe('examples/guides/testing*.ts: the guide’s own tests, run as a host runs them', async () => {
  const guide = await import('../../examples/guides/testing.js');
  await import('../../examples/guides/testing-engine.js');
  await import('../../examples/guides/testing-storage.js');
  await import('../../examples/guides/testing-notifier.js');
  await import('../../examples/guides/testing-inventory.js');

  it('the 20-day return passes only by the shop’s policy: under the default 14 days expectTransition fails as the guide quotes', () => {
    const spec = {
      given: { events: guide.delivered },
      when: { event: guide.returnOne, actor: 'customer' as const, at: '2026-03-22T12:00:00Z' },
      then: { outcome: 'applied' as const, statuses: { returns: 'requested' as const }, notifications: ['return_requested' as const] },
    };
    expect(() => expectTransition({ ...spec, policy: shop.SHOP_POLICY })).not.toThrow();
    let error: unknown = null;
    try {
      expectTransition(spec);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AssertionError);
    expect((error as AssertionError).message.split('\n').slice(1)).toEqual([
      '  outcome: expected applied, got rejected (REQUEST_RETURN refused (RETURN_WINDOW_CLOSED): the return window is over; allowed now: OPEN_CLAIM, CONFIRM_RECEIPT, REQUEST_INVOICE)',
      '  statuses.returns: expected requested, got none',
      '  notifications: expected [return_requested], got []',
    ]);
    const guideText = readFileSync(join(GUIDES, 'testing.md'), 'utf8').replace(/\s+/g, ' ');
    expect(guideText).toContain('`outcome: expected applied, got rejected (REQUEST_RETURN refused (RETURN_WINDOW_CLOSED): the return window is over; allowed now: OPEN_CLAIM, CONFIRM_RECEIPT, REQUEST_INVOICE)`');
  });

  it('the CSV property can fail: a writer that does not quote is caught by an address with a comma in it', () => {
    const labels = fc.record({ address: arbitraryAddress(), collect: arbitraryMoney() });
    const unquoted = (label: shop.ParcelLabel) => {
      const a = label.address;
      const [amount, currency] = shop.toCsvRow(label).split(',').slice(-2);
      return [a.name, a.line1, a.line2 ?? '', a.city, a.region ?? '', a.postalCode ?? '', a.country, a.phone ?? '', amount, currency].join(',');
    };
    const run = fc.check(fc.property(labels, (label) => void expect(shop.fromCsvRow(unquoted(label))).toEqual(label)), { seed: 20260301 });
    expect(run.failed).toBe(true);
    const [found] = run.counterexample ?? [];
    expect(Object.values(found?.address ?? {}).join(' ')).toContain(',');
    if (found) expect(shop.fromCsvRow(shop.toCsvRow(found))).toEqual(found); // the quoting writer reads it back
  });

  it('the hostile lives hold every kind of step, so the storefront property is not vacuous', () => {
    const lives = arbitraryOrder({ placed: true }).chain((order) => arbitraryEventSequence(order, { legalOnly: false, maxLength: 25, policy: shop.SHOP_POLICY }));
    const kinds = new Set(fc.sample(lives, { numRuns: 30, seed: 7 }).flat().map((step) => step.kind));
    expect([...kinds].sort()).toEqual(['forbidden', 'hostile', 'illegal', 'legal']);
  });

  it('the notifier suite can fail: a messenger channel that ignores the provider’s answer, or texts nobody, is caught', async () => {
    const careless: NotifierFactory = async () => {
      const provider = await messengerProvider();
      const notifier: Notifier = {
        send: async ({ dedupeKey, recipient, message }) => {
          await fetch(`${provider.url}/messages`, { method: 'POST', headers: { 'idempotency-key': dedupeKey }, body: JSON.stringify({ to: recipient.phone, text: message.text }) });
        },
      };
      return { notifier, received: provider.received, failNext: provider.failNext, teardown: provider.close };
    };
    const cases: { title: string; body: () => Promise<void> }[] = [];
    describeNotifierConformance({ describe: (_name, body) => body(), it: (title, body) => void cases.push({ title, body }) }, careless, { name: 'careless', needs: 'phone' });
    const failed: string[] = [];
    for (const { title, body } of cases) await body().catch(() => failed.push(title));
    expect(failed.sort()).toEqual([
      'a refusal of the far end rejects with an Error the relay can record, nothing arrives, and the retry delivers',
      'refuses a recipient without a phone number, with an Error, and sends nothing',
      'through createOutboxRelay: a failed message is retried with backoff, then delivered and acknowledged',
    ]);
  });

  it('docs/README.md links the guide', () => {
    expect(readFileSync(join(ROOT, 'docs/README.md'), 'utf8')).toContain('[Testing your integration](guides/testing.md)');
  });
});
