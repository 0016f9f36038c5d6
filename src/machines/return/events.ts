import type { ReturnEvent } from '../../model/events.js';
import type { Envelope } from '../envelope.js';

/** An event as a return machine sees it: a public return event with actor and time. */
export type ReturnMachineEvent = ReturnEvent & Envelope;
