import type { OrderEventType } from 'ordermachine';

/**
 * An order event built from outside input (a webhook), not yet validated: `engine.send` checks
 * it and answers `invalid`, naming each bad or missing field, when it does not fit.
 */
export interface UncheckedEvent {
  readonly type: OrderEventType;
  readonly [field: string]: unknown;
}
