import { describe, expect, it } from 'vitest';
import { Money, addMoney, currencyExponent, formatMoney, isCurrencyCode, money } from '../../src/index.js';

describe('money: integer minor units with an ISO 4217 currency, never a float', () => {
  it('knows the ISO exponents (JPY 0, USD 2, IRR 2, KWD 3, CLF 4)', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('IRR')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
    expect(isCurrencyCode('BDT')).toBe(true);
    expect(isCurrencyCode('XXX')).toBe(false);
  });

  it('refuses fractional, negative and unsafe (too large to be exact) amounts, and unknown currencies, naming the field', () => {
    const cases = [
      [{ amount: 10.5, currency: 'USD' }, 'amount', 'whole number'],
      [{ amount: -1, currency: 'USD' }, 'amount', 'negative'],
      [{ amount: 2 ** 60, currency: 'USD' }, 'amount', 'too large to be exact'], // whole, but past Number.MAX_SAFE_INTEGER
      [{ amount: 100, currency: 'ABC' }, 'currency', 'unknown currency'],
      [{ amount: '100', currency: 'USD' }, 'amount', 'number'],
    ] as const;
    for (const [input, path, words] of cases) {
      const result = Money.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([path]);
      expect(result.error?.issues[0]?.message).toContain(words);
    }
    expect(() => money(1.5, 'EUR')).toThrow(RangeError);
  });

  it('adds only within one currency', () => {
    expect(addMoney('RUB', money(100, 'RUB'), money(250, 'RUB'))).toEqual({ amount: 350, currency: 'RUB' });
    expect(() => addMoney('RUB', money(100, 'USD'))).toThrow(RangeError);
  });

  it('formats with the currency exponent and the locale (Persian digits for fa)', () => {
    expect(formatMoney(money(1999, 'USD'), 'en')).toBe('$19.99');
    expect(formatMoney(money(500, 'JPY'), 'en')).toBe('¥500');
    expect(formatMoney(money(123456, 'IRR'), 'fa')).toMatch(/[۰-۹]/);
    expect(formatMoney(money(45000, 'RUB'), 'ru')).toContain('450,00');
    expect(formatMoney(money(150000, 'BDT'), 'bn')).toMatch(/[০-৯]/);
  });
});
