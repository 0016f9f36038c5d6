// How a host application tests its own code against the library with the arbitraries of
// `ordermachine/testing`: random customers, carts, payment and shipping methods, currencies and
// whole order lives, checked against three pieces of a (made-up) shop's own code.
import fc from 'fast-check';
import {
  allowedEvents,
  apply,
  can,
  currencyExponent,
  deriveOrderStatuses,
  pendingPaymentsOf,
  SHIP_BEFORE_PAYMENT_METHODS,
  shipmentStage,
  type Actor,
  type Money,
  type OrderAggregate,
  type ShipmentState,
  type ShippingMethod,
  type StateChange,
} from 'ordermachine';
import { arbitraryAddress, arbitraryCustomer, arbitraryEventSequence, arbitraryOrder } from 'ordermachine/testing';

// ── the host's own code ──────────────────────────────────────────────────────────────────────

/** The shop's shipping fee: 5 major units (10 for express), free from 50 major units of goods, pickup free. */
export function shippingFee(method: ShippingMethod, goods: Money): Money {
  const unit = 10 ** currencyExponent(goods.currency); // integer minor units: no 4.99 * 100 surprises
  const fee = method === 'pickup' || goods.amount >= 50 * unit ? 0 : method === 'express' ? 10 * unit : 5 * unit;
  return { amount: fee, currency: goods.currency };
}

/** The total the checkout page shows and sends with PLACE_ORDER. */
export function checkoutTotal(order: OrderAggregate, method: ShippingMethod): Money {
  const { items, currency } = order.order.context;
  const goods = { amount: items.reduce((sum, item) => sum + item.quantity * item.unitPrice.amount, 0), currency };
  return { amount: goods.amount + shippingFee(method, goods).amount, currency };
}

/** The buttons of the customer's order page, from the events the library allows this customer now. */
export function orderPageButtons(order: OrderAggregate, customer: Actor, now: string): string[] {
  const labels: Partial<Record<string, string>> = { CANCEL_ORDER: 'Cancel order', REQUEST_RETURN: 'Return items', OPEN_CLAIM: 'Report a problem', CONFIRM_RECEIPT: 'I got it' };
  return [...new Set(allowedEvents(order, customer, { now }).flatMap((e) => (labels[e.type] ? [labels[e.type] as string] : [])))];
}

/**
 * The warehouse dashboard's rule: hand a parcel over only once the money was taken (authorized or
 * captured — a partial goodwill refund does not change that), or on cash on delivery / invoice
 * terms. An order whose payment was refunded in full is not dispatched: the library refuses that
 * hand-over too (`PAYMENT_REFUNDED`), and the shop cancels such an order instead.
 */
export function warehouseMayDispatch(order: OrderAggregate): boolean {
  const { payment } = deriveOrderStatuses(order);
  const moneyTaken = payment === 'authorized' || payment === 'paid' || payment === 'partially_refunded';
  // The payments as they are now, not the method chosen at checkout: a voided bank transfer may have
  // been replaced by cash on delivery (the property tests found that our first rule missed this).
  return moneyTaken || SHIP_BEFORE_PAYMENT_METHODS.some((method) => pendingPaymentsOf(order, method).length > 0);
}

/**
 * A parcel left the shop: handed to a carrier, or handed over at the shop's own pickup counter (the
 * shelf is not leaving). A parcel collected at a carrier's pickup point left the shop long before.
 */
export function parcelLeft(change: StateChange, order: OrderAggregate): boolean {
  if (change.machine !== 'shipment' || change.from === null) return false;
  const from = change.from as ShipmentState;
  const to = change.to as ShipmentState;
  if (from === 'available_for_pickup') return to === 'delivered' && order.shipments.find((s) => s.id === change.id)?.context.method === 'pickup';
  return ['preparing', 'packed'].includes(shipmentStage(from)) && ['shipped', 'delivered'].includes(shipmentStage(to)) && to !== 'available_for_pickup';
}

// ── the host's property tests ────────────────────────────────────────────────────────────────

const shopper: Actor = { kind: 'customer', id: 'shopper-1' };
const T0 = '2026-03-01T09:00:00.000Z';

/** What the properties saw, so a test can tell they were not vacuous. */
export interface HostPropertyReport {
  placed: number;
  cancelShown: number;
  cancelHidden: number;
  dispatched: number;
  /** Parcels that left after part of the payment was refunded (a goodwill refund does not stop them). */
  dispatchedAfterPartialRefund: number;
}

const newReport = (): HostPropertyReport => ({ placed: 0, cancelShown: 0, cancelHidden: 0, dispatched: 0, dispatchedAfterPartialRefund: 0 });

/** Random order lives: a cart or a placed order, then up to `maxLength` events the library accepts. */
const lives = (maxLength: number, placed?: boolean) =>
  arbitraryOrder(placed === undefined ? {} : { placed }).chain((order) => arbitraryEventSequence(order, { legalOnly: true, maxLength }).map((steps) => ({ order, steps })));

/**
 * 1. Whatever the cart, customer, currency and shipping method, the total our checkout page sends
 *    is the one the library accepts with PLACE_ORDER: our fee maths and its totals agree.
 */
export function checkoutTotalsAgree(total = checkoutTotal, report = newReport()) {
  return fc.property(
    arbitraryOrder({ placed: false }),
    arbitraryCustomer(),
    arbitraryAddress(),
    fc.constantFrom<ShippingMethod>('standard', 'expedited', 'express', 'pickup'),
    (cart, customer, address, method) => {
      const goods = { amount: checkoutTotal(cart, 'pickup').amount, currency: cart.order.context.currency };
      let order = cart;
      for (const event of [
        { type: 'START_CHECKOUT' },
        { type: 'SET_CUSTOMER', customer },
        { type: 'SET_SHIPPING_ADDRESS', address },
        { type: 'SELECT_SHIPPING_METHOD', method, price: shippingFee(method, goods) },
        { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
        { type: 'PLACE_ORDER', total: total(cart, method) },
      ]) {
        const result = apply(order, event, { actor: shopper, now: T0 });
        if (!result.ok) throw new Error(`${event.type} was refused: ${result.error.message}`);
        order = result.order;
      }
      report.placed += 1;
    },
  );
}

/** 2. Along any order's life, our order page shows "Cancel order" exactly when `can` lets the customer cancel, and pressing it works. */
export function cancelButtonMatchesCan(buttons = orderPageButtons, report = newReport()) {
  return fc.property(lives(25), ({ order, steps }) => {
    let current = order;
    for (const step of steps) {
      const cancel = { type: 'CANCEL_ORDER', reason: 'customer_request' };
      const shown = buttons(current, shopper, step.at).includes('Cancel order');
      if (shown !== can(current, cancel, { actor: shopper, now: step.at })) throw new Error(`cancel button ${shown ? 'shown' : 'hidden'} in ${current.order.state}`);
      if (shown && !apply(current, cancel, { actor: shopper, now: step.at }).ok) throw new Error('the cancel button does not work');
      if (shown) report.cancelShown += 1;
      else report.cancelHidden += 1;
      const result = apply(current, step.event, { actor: step.actor, now: step.at });
      if (!result.ok) throw new Error(result.error.message);
      current = result.order;
    }
  });
}

/** 3. Whenever the library lets a parcel leave the shop, our dashboard's dispatch rule agrees the order may ship. */
export function parcelsLeaveOnlyWhenDispatchable(mayDispatch = warehouseMayDispatch, report = newReport()) {
  return fc.property(lives(40, true), ({ order, steps }) => {
    let current = order;
    for (const step of steps) {
      const result = apply(current, step.event, { actor: step.actor, now: step.at });
      if (!result.ok) throw new Error(result.error.message);
      if (result.changes.some((change) => parcelLeft(change, current))) {
        report.dispatched += 1;
        if (deriveOrderStatuses(current).payment === 'partially_refunded') report.dispatchedAfterPartialRefund += 1;
        if (!mayDispatch(current) && !mayDispatch(result.order)) {
          throw new Error(`a parcel left (${String((step.event as { type: string }).type)}) while our rule says no: payment ${deriveOrderStatuses(current).payment}, ${current.order.context.paymentMethod}`);
        }
      }
      current = result.order;
    }
  });
}

/**
 * Runs the three properties as the host's test suite would, and returns what they saw.
 *
 * @param numRuns - runs per property
 */
export function runHostPropertyTests(numRuns = 100): HostPropertyReport {
  const report = newReport();
  fc.assert(checkoutTotalsAgree(checkoutTotal, report), { numRuns });
  fc.assert(cancelButtonMatchesCan(orderPageButtons, report), { numRuns });
  fc.assert(parcelsLeaveOnlyWhenDispatchable(warehouseMayDispatch, report), { numRuns });
  return report;
}
