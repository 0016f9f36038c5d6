import type { OrderLevelEvent } from '../../model/events.js';
import type { ChildSummary } from '../../model/statuses.js';
import type { Envelope } from '../envelope.js';

/** Internal: `apply` tells the order machine what its children now add up to. Never sent by callers. */
export interface SyncEvent {
  readonly type: 'SYNC';
  readonly summary: ChildSummary;
}

/** An event as the order machine sees it: a public order event or `SYNC`, with actor and time. */
export type OrderMachineEvent = (OrderLevelEvent | SyncEvent) & Envelope;
