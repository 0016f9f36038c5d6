import * as z from 'zod';

/**
 * The languages customer-facing text ships in: English, Persian, Russian, Bengali.
 *
 * @example
 * ```ts
 * import { Locale } from 'ordermachine';
 * // The browser's language when it is supported, English otherwise.
 * const lang: Locale = Locale.catch('en').parse(navigator.language.slice(0, 2));
 * ```
 */
export const Locale = z.enum(['en', 'fa', 'ru', 'bn']);
/** A supported customer language. */
export type Locale = z.infer<typeof Locale>;
