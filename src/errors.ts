/**
 * What went wrong, for an `OrderMachineError`: a stored order that cannot be read
 * (`UNKNOWN_SCHEMA_VERSION`, `CORRUPT_ORDER`), failing infrastructure behind a port
 * (`STORAGE_FAILURE`, `INVENTORY_FAILURE`), or an option or query that is refused
 * (`INVALID_OPTION`). Never an expected outcome.
 */
export type OrderMachineErrorCode = 'UNKNOWN_SCHEMA_VERSION' | 'CORRUPT_ORDER' | 'STORAGE_FAILURE' | 'INVENTORY_FAILURE' | 'INVALID_OPTION';

/**
 * The error the library throws at run time, with a `code` to switch on: from the engine and its
 * ports (a stored order it cannot read, a failing storage or inventory adapter, a bad
 * `engine.list` query), and for the options the engine and the notification helpers check
 * (`INVALID_OPTION`: an engine policy, a weekend or a count of working days, a time zone).
 * Expected outcomes (refusals, conflicts, duplicates) are returned as values instead.
 *
 * Other mistakes in calling the library are plain errors: a factory given bad options
 * (`createMigrationRegistry`, `createOutboxRelay`, `createPostgresStorage`…) or a helper given a
 * bad argument (`money(1.5)`) throws a `TypeError` or `RangeError` synchronously, and a storage
 * adapter called directly with bad arguments rejects with one.
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
