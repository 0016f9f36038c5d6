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

/**
 * The machines as shipped.
 *
 * @example
 * ```ts
 * import { createLifecycle, DEFAULT_MACHINES } from 'ordermachine';
 * // Change one machine and keep the others as shipped: here, never send cart reminders.
 * const lifecycle = createLifecycle({
 *   ...DEFAULT_MACHINES,
 *   order: DEFAULT_MACHINES.order.provide({ guards: { cartReminderDue: () => false } }),
 * });
 * ```
 */
export const DEFAULT_MACHINES: MachineSet = Object.freeze({
  order: orderMachine,
  payment: paymentMachine,
  shipment: shipmentMachine,
  return: returnMachine,
});
