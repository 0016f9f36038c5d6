import type { FulfilmentStatus, PaymentStatus, ReturnStatus } from '../model/statuses.js';
import type { OrderAggregate } from './aggregate.js';
import { customerStatus, type CustomerStatus } from './customerStatus.js';
import { deriveFulfilmentStatus, derivePaymentStatus, deriveReturnStatus } from './deriveStatuses.js';
import type { OrderState } from './states.js';

/** Every status of an order at once — what a host stores in indexed columns. */
export interface OrderStatuses {
  readonly order: OrderState;
  readonly payment: PaymentStatus;
  readonly fulfilment: FulfilmentStatus;
  readonly returns: ReturnStatus;
  readonly customer: CustomerStatus;
}

/**
 * Derives every order-level status from the aggregate: the order machine's state, and the
 * payment, fulfilment, return and customer-facing statuses computed from the children.
 *
 * @param order - the aggregate
 * @example
 * ```ts
 * import { deriveOrderStatuses, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const { payment, fulfilment, customer } = deriveOrderStatuses(order);
 * ```
 */
export function deriveOrderStatuses(order: OrderAggregate): OrderStatuses {
  return {
    order: order.order.state,
    payment: derivePaymentStatus(order),
    fulfilment: deriveFulfilmentStatus(order),
    returns: deriveReturnStatus(order),
    customer: customerStatus(order),
  };
}
