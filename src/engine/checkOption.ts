import type * as z from 'zod';
import { OrderMachineError } from '../errors.js';

/**
 * Checks an option (or a query) against its schema, before anything runs: returns quietly, or
 * throws `OrderMachineError` `INVALID_OPTION` naming the first wrong field and the value given
 * (e.g. `policy.returnWindowDays: must be a whole number, 0 or more (got -1)`).
 *
 * @param schema - what a good value looks like
 * @param value - what the caller gave
 * @param name - the option's name, the start of the field path in the message
 * @throws OrderMachineError `INVALID_OPTION` when `value` does not match `schema`
 * @internal
 */
export function checkOption(schema: z.ZodType, value: unknown, name: string): void {
  const parsed = schema.safeParse(value, { reportInput: true });
  const issue = parsed.error?.issues[0];
  if (issue === undefined) return;
  const field = [name, ...issue.path.map(String)].join('.');
  const input: unknown = issue.input;
  const given = typeof input === 'object' && input !== null ? '' : ` (got ${typeof input === 'string' ? JSON.stringify(input) : String(input)})`;
  throw new OrderMachineError('INVALID_OPTION', `${field}: ${issue.message}${given}`);
}
