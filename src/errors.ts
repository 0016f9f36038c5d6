/** What went wrong when the library throws: only for bugs and broken infrastructure, never for expected outcomes. */
export type OrderMachineErrorCode = 'UNKNOWN_SCHEMA_VERSION' | 'CORRUPT_ORDER' | 'STORAGE_FAILURE' | 'INVENTORY_FAILURE' | 'INVALID_OPTION';

/**
 * The one error class the library throws, with a `code` to switch on. Expected outcomes
 * (refusals, conflicts, duplicates) are returned as values instead.
 *
 * @example
 * ```ts
 * import { OrderMachineError } from 'ordermachine';
 * try {
 *   throw new OrderMachineError('UNKNOWN_SCHEMA_VERSION', 'order o1 has schema version 9');
 * } catch (e) {
 *   if (e instanceof OrderMachineError && e.code === 'UNKNOWN_SCHEMA_VERSION') console.error(e.message);
 * }
 * ```
 */
export class OrderMachineError extends Error {
  override readonly name = 'OrderMachineError';

  /**
   * @param code - what kind of failure
   * @param message - what happened, for people
   * @param options - the underlying cause, if any
   */
  constructor(
    readonly code: OrderMachineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
