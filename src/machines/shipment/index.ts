export { shipmentMachine } from './shipmentMachine.js';
export { ShipmentContext, initialShipmentContext } from './context.js';
export type { ShipmentInput } from './context.js';
export type { ShipmentMachineEvent } from './events.js';
