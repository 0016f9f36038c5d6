import type { PaymentEvent } from '../../model/events.js';
import type { Envelope } from '../envelope.js';

/** An event as a payment machine sees it: a public payment event with actor and time. */
export type PaymentMachineEvent = PaymentEvent & Envelope;
