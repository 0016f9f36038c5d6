import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { persianMessages } from '../../examples/notifications.js';

describe('examples/notifications.ts — messages reach the customer once, in Persian', () => {
  it('delivers the order confirmation and the bank-transfer instructions, right to left', async () => {
    expect(await persianMessages()).toEqual({
      delivered: 2,
      subjects: ['سفارش ۱۰۲۴ ثبت شد', 'راهنمای پرداخت سفارش ۱۰۲۴ با واریز بانکی'],
      dir: 'rtl',
    });
  });

  it('the README quotes the example file exactly', () => {
    const example = readFileSync(new URL('../../examples/notifications.ts', import.meta.url), 'utf8');
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(example.trim());
  });
});
