import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

describe('examples/first-order.ts — the README example runs and the README shows it verbatim', () => {
  it('drives a bank-transfer order to confirmed, printing the effects', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { order } = await import('../../examples/first-order.js');
    expect(order.order.state).toBe('placed.confirmed');
    const printed = log.mock.calls.map((c) => String(c[0]));
    expect(printed).toContain('  notification: bank_transfer_instructions');
    expect(printed).toContain('  command: reserve_stock');
    expect(log.mock.calls.some((c) => JSON.stringify(c[0]) === '["CANCEL_ORDER"]')).toBe(true);
    log.mockRestore();
  });

  it('the README quotes the example file exactly', () => {
    const example = readFileSync(new URL('../../examples/first-order.ts', import.meta.url), 'utf8').replace(/\nexport \{ order \};\n$/, '\n');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(example.trim());
  });
});
