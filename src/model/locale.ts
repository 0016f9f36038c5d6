import { z } from 'zod';

/** The languages customer-facing text ships in: English, Persian, Russian, Bengali. */
export const Locale = z.enum(['en', 'fa', 'ru', 'bn']);
/** A supported customer language. */
export type Locale = z.infer<typeof Locale>;
