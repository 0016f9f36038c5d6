export { paymentMachine } from './paymentMachine.js';
export { PaymentContext, initialPaymentContext } from './context.js';
export type { PaymentInput } from './context.js';
export type { PaymentMachineEvent } from './events.js';
