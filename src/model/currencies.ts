/**
 * ISO 4217 active currency codes and their minor-unit exponents, as published by the ISO 4217
 * maintenance agency. Kept as plain data so the core stays browser-safe and does not depend on the
 * host's `Intl` data (CLDR rounds some currencies, e.g. IRR, differently from ISO).
 */
const ZERO = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'] as const;
const THREE = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'] as const;
const FOUR = ['CLF', 'UYW'] as const;
const TWO = [
  'AED', 'AFN', 'ALL', 'AMD', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN', 'BMD', 'BND', 'BOB',
  'BOV', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHE', 'CHF', 'CHW', 'CNY', 'COP', 'COU', 'CRC',
  'CUP', 'CVE', 'CZK', 'DKK', 'DOP', 'DZD', 'EGP', 'ERN', 'ETB', 'EUR', 'FJD', 'FKP', 'GBP', 'GEL', 'GHS', 'GIP',
  'GMD', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF', 'IDR', 'ILS', 'INR', 'IRR', 'JMD', 'KES', 'KGS', 'KHR', 'KPW',
  'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD', 'LSL', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR',
  'MVR', 'MWK', 'MXN', 'MXV', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'PAB', 'PEN', 'PGK', 'PHP',
  'PKR', 'PLN', 'QAR', 'RON', 'RSD', 'RUB', 'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD', 'SHP', 'SLE', 'SOS', 'SRD',
  'SSP', 'STN', 'SVC', 'SYP', 'SZL', 'THB', 'TJS', 'TMT', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH', 'USD', 'USN',
  'UYU', 'UZS', 'VED', 'VES', 'WST', 'XCD', 'XCG', 'YER', 'ZAR', 'ZMW', 'ZWG',
] as const;

/**
 * Every ISO 4217 code this library accepts.
 *
 * @example
 * ```ts
 * import { CURRENCY_CODES, currencyExponent } from 'ordermachine';
 * const noMinorUnits = CURRENCY_CODES.filter((code) => currencyExponent(code) === 0); // ['BIF', 'CLP', …, 'JPY', …, 'XPF']
 * ```
 */
export const CURRENCY_CODES = [...ZERO, ...TWO, ...THREE, ...FOUR] as const;

/** An ISO 4217 currency code, e.g. `'USD'`, `'IRR'`, `'RUB'`, `'BDT'`. */
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

const EXPONENTS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries([
    ...ZERO.map((c) => [c, 0] as const),
    ...TWO.map((c) => [c, 2] as const),
    ...THREE.map((c) => [c, 3] as const),
    ...FOUR.map((c) => [c, 4] as const),
  ]),
);

/**
 * The number of minor-unit digits ISO 4217 assigns to a currency.
 *
 * @param currency - an ISO 4217 code
 * @returns 0 for JPY, 2 for USD and IRR, 3 for KWD…
 * @example
 * ```ts
 * import { currencyExponent } from 'ordermachine';
 * currencyExponent('JPY'); // 0
 * currencyExponent('KWD'); // 3
 * ```
 */
export function currencyExponent(currency: CurrencyCode): number {
  return EXPONENTS[currency] ?? 2;
}

/**
 * Whether a string is an ISO 4217 code this library knows.
 *
 * @param code - any string
 * @example
 * ```ts
 * import { isCurrencyCode } from 'ordermachine';
 * isCurrencyCode('EUR'); // true
 * isCurrencyCode('XYZ'); // false
 * ```
 */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.prototype.hasOwnProperty.call(EXPONENTS, code);
}
