export { orderMachine } from './orderMachine.js';
export { OrderContext, OrderInput, initialOrderContext } from './context.js';
export type { OrderInputRaw } from './context.js';
export type { OrderMachineEvent, SyncEvent } from './events.js';
