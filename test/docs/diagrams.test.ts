import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MACHINES, toMermaid, type MachineKind } from '../../src/index.js';

const DIAGRAMS: [MachineKind, string, string, string][] = [
  ['order', 'order.md', 'The order machine', 'The order itself, from cart through checkout and placement to completion, cancellation or expiry. After confirmation it follows its shipments (confirmed → fulfilling → partially shipped → shipped → delivered) through the internal SYNC event, which is not drawn.'],
  ['payment', 'payment.md', 'The payment machine', 'One payment of an order (an order may hold several), from creation or pending offline collection to capture, refunds and disputes.'],
  ['shipment', 'shipment.md', 'The shipment machine', 'One parcel of an order, from picking and packing through the carrier reports to delivery, return to sender or loss.'],
  ['return', 'return.md', 'The return machine', 'One return or claim of an order, from the request through receipt and inspection to its resolution.'],
];

const fileOf = (name: string): URL => new URL(`../../docs/diagrams/${name}`, import.meta.url);
const README = new URL('../../README.md', import.meta.url);

/**
 * The internal SYNC event (the order following its shipments after confirmation) would draw an
 * edge between every pair of fulfilment states; the pages say so in words instead.
 */
const DRAWN = { hideEvents: ['SYNC'] } as const;

/** A diagram page: a heading, one sentence and the Mermaid block drawn from the machine. */
function page(kind: MachineKind, title: string, sentence: string): string {
  return [
    `# ${title}`,
    '',
    `<!-- Generated from the ${kind} machine by test/docs/diagrams.test.ts (run \`npm run docs:diagrams\` to refresh). Do not edit by hand. -->`,
    '',
    sentence,
    '',
    '```mermaid',
    toMermaid(DEFAULT_MACHINES[kind], DRAWN).trimEnd(),
    '```',
    '',
  ].join('\n');
}

/** The first ```mermaid block after a heading in a markdown text, fences included. */
function mermaidBlockAfter(markdown: string, heading: string): { start: number; end: number; block: string } | null {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at < 0) return null;
  const start = markdown.indexOf('```mermaid\n', at);
  const close = start < 0 ? -1 : markdown.indexOf('\n```\n', start);
  if (close < 0) return null;
  const end = close + '\n```'.length;
  return { start, end, block: markdown.slice(start, end) };
}

const orderBlock = (): string => `\`\`\`mermaid\n${toMermaid(DEFAULT_MACHINES.order, DRAWN).trimEnd()}\n\`\`\``;

describe('docs/diagrams — the machine diagrams are generated from the code and never out of date', () => {
  for (const [kind, name, title, sentence] of DIAGRAMS) {
    it(`docs/diagrams/${name} matches the ${kind} machine`, () => {
      const generated = page(kind, title, sentence);
      if (process.env.UPDATE_DOCS === '1') writeFileSync(fileOf(name), generated);
      expect(existsSync(fileOf(name)), `docs/diagrams/${name} is missing: run \`npm run docs:diagrams\``).toBe(true);
      expect(readFileSync(fileOf(name), 'utf8'), `docs/diagrams/${name} is stale: run \`npm run docs:diagrams\``).toBe(generated);
    });
  }

  it("README.md's order diagram is the generated one (and the same as docs/diagrams/order.md's)", () => {
    let readme = readFileSync(README, 'utf8');
    const found = mermaidBlockAfter(readme, '## The order machine');
    expect(found, 'README.md needs a "## The order machine" section with a ```mermaid block').not.toBeNull();
    if (found === null) return;
    if (process.env.UPDATE_DOCS === '1' && found.block !== orderBlock()) {
      readme = readme.slice(0, found.start) + orderBlock() + readme.slice(found.end);
      writeFileSync(README, readme);
    }
    const block = mermaidBlockAfter(readFileSync(README, 'utf8'), '## The order machine')?.block;
    expect(block, 'the diagram in README.md is stale: run `npm run docs:diagrams`').toBe(orderBlock());
    expect(readFileSync(fileOf('order.md'), 'utf8')).toContain(`${orderBlock()}\n`);
  });
});
