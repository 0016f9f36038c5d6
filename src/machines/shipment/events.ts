import type { ShipmentEvent } from '../../model/events.js';
import type { Envelope } from '../envelope.js';

/** An event as a shipment machine sees it: a public shipment event with actor and time. */
export type ShipmentMachineEvent = ShipmentEvent & Envelope;
