import { orderMachine } from '../machines/order/orderMachine.js';
import { paymentMachine } from '../machines/payment/paymentMachine.js';
import { returnMachine } from '../machines/return/returnMachine.js';
import { shipmentMachine } from '../machines/shipment/shipmentMachine.js';

/**
 * The four machines a lifecycle runs. Hosts pass versions changed with `machine.provide(...)`
 * (e.g. a stricter `checkoutComplete` guard) to `createLifecycle`.
 */
export interface MachineSet {
  readonly order: typeof orderMachine;
  readonly payment: typeof paymentMachine;
  readonly shipment: typeof shipmentMachine;
  readonly return: typeof returnMachine;
}

/** The machines as shipped. */
export const DEFAULT_MACHINES: MachineSet = Object.freeze({
  order: orderMachine,
  payment: paymentMachine,
  shipment: shipmentMachine,
  return: returnMachine,
});
