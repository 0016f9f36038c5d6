export { returnMachine } from './returnMachine.js';
export { ReturnContext, initialReturnContext } from './context.js';
export type { ReturnInput } from './context.js';
export type { ReturnMachineEvent } from './events.js';
