import type { Locale } from '../model/locale.js';
import { bn } from './bn.js';
import { en } from './en.js';
import { fa } from './fa.js';
import type { Messages } from './Messages.js';
import { ru } from './ru.js';

/**
 * The messages of every supported language, by locale. A `Record` over `Locale`: a language added
 * to `Locale` fails to compile here until it has its module.
 *
 * @example
 * ```ts
 * import { MESSAGES, type Locale } from 'ordermachine';
 * // The text direction for a storefront page in the customer's language.
 * const dirOf = (locale: Locale) => MESSAGES[locale].dir;
 * dirOf('fa'); // 'rtl'
 * MESSAGES.ru.paymentStatusLabels.paid; // 'Оплачен'
 * ```
 */
export const MESSAGES: Readonly<Record<Locale, Messages>> = Object.freeze({ en, fa, ru, bn });
