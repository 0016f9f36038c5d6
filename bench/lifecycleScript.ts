/**
 * The order every benchmark uses: a cart of three lines, checkout, an online payment authorized
 * and captured at dispatch, one parcel picked, packed, handed to the carrier and delivered, all the
 * goods returned and refunded (so nothing is left to return or claim for), then completion — 26
 * events from five kinds of actor, so every machine (order, payment, shipment, return) moves and
 * every kind of effect is produced.
 */
import type { Actor, LineItemInput, OrderEventInput, OrderInputRaw } from 'ordermachine';

/** One step of the script: who sends which event. */
export interface ScriptStep {
  readonly actor: Actor;
  readonly event: OrderEventInput;
}

const customer: Actor = { kind: 'customer', id: 'customer-1' };
const staff: Actor = { kind: 'staff', id: 'staff-1' };
const system: Actor = { kind: 'system', id: 'shop-automation' };
const psp: Actor = { kind: 'payment_provider', id: 'gateway' };
const carrier: Actor = { kind: 'carrier', id: 'courier' };

/** The actors of the script, for benchmarks that ask "what may this actor do". */
export const SCRIPT_ACTORS = { customer, staff, system, psp, carrier } as const;

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

const ITEMS: readonly LineItemInput[] = [
  { lineId: 'l1', sku: 'KETTLE-1L', name: 'Electric kettle 1 l', quantity: 1, unitPrice: eur(3_990) },
  { lineId: 'l2', sku: 'MUG-SET-4', name: 'Mugs, set of 4', quantity: 2, unitPrice: eur(1_850) },
  { lineId: 'l3', sku: 'TEA-GREEN', name: 'Green tea 100 g', quantity: 3, unitPrice: eur(690) },
];
const SUBTOTAL = 3_990 + 2 * 1_850 + 3 * 690;
const SHIPPING = 495;
const TOTAL = SUBTOTAL + SHIPPING;

/**
 * What `createOrder` / `engine.create` gets for the script's order.
 *
 * @param orderId - the order's id
 * @example
 * ```ts
 * const input = scriptOrderInput('o-1'); // three lines in EUR
 * ```
 */
export function scriptOrderInput(orderId: string): OrderInputRaw {
  return { orderId, currency: 'EUR', items: ITEMS.map((item) => ({ ...item })) };
}

/**
 * The events of the script for one order, in order. Ids of children follow the lifecycle's
 * numbering (`<orderId>-P1`, `-S1`, `-R1`).
 *
 * @param orderId - the order's id
 * @example
 * ```ts
 * for (const step of scriptSteps('o-1')) console.log(step.actor.kind, step.event.type);
 * ```
 */
export function scriptSteps(orderId: string): ScriptStep[] {
  const payment = `${orderId}-P1`;
  const shipment = `${orderId}-S1`;
  const ret = `${orderId}-R1`;
  return [
    { actor: customer, event: { type: 'START_CHECKOUT' } },
    { actor: customer, event: { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'anna@example.com', name: 'Anna Schmidt', locale: 'en' } } },
    { actor: customer, event: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Anna Schmidt', line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' } } },
    { actor: customer, event: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(SHIPPING) } },
    { actor: customer, event: { type: 'SELECT_PAYMENT_METHOD', method: 'online' } },
    { actor: customer, event: { type: 'PLACE_ORDER', total: eur(TOTAL) } },
    { actor: psp, event: { type: 'PAYMENT_AUTHORIZED', paymentId: payment, amount: eur(TOTAL), providerRef: `auth-${orderId}` } },
    { actor: system, event: { type: 'STOCK_RESERVED' } },
    {
      actor: system,
      event: {
        type: 'CREATE_SHIPMENT',
        lines: [
          { lineId: 'l1', quantity: 1 },
          { lineId: 'l2', quantity: 2 },
          { lineId: 'l3', quantity: 3 },
        ],
      },
    },
    { actor: system, event: { type: 'RELEASE_TO_WAREHOUSE', shipmentId: shipment } },
    { actor: staff, event: { type: 'START_PICKING', shipmentId: shipment, pickerId: 'picker-3' } },
    { actor: staff, event: { type: 'PACK_SHIPMENT', shipmentId: shipment, label: { carrier: 'DHL', trackingNumber: `00340434${orderId.length}` } } },
    { actor: staff, event: { type: 'MARK_READY_TO_SHIP', shipmentId: shipment } },
    { actor: carrier, event: { type: 'HAND_TO_CARRIER', shipmentId: shipment } },
    { actor: system, event: { type: 'REQUEST_CAPTURE', paymentId: payment } },
    { actor: psp, event: { type: 'PAYMENT_CAPTURED', paymentId: payment, amount: eur(TOTAL), providerRef: `cap-${orderId}` } },
    { actor: carrier, event: { type: 'CARRIER_STATUS', shipmentId: shipment, status: 'in_transit', location: 'Leipzig' } },
    { actor: carrier, event: { type: 'CARRIER_STATUS', shipmentId: shipment, status: 'out_for_delivery', location: 'Berlin' } },
    { actor: carrier, event: { type: 'CARRIER_STATUS', shipmentId: shipment, status: 'delivered' } },
    { actor: customer, event: { type: 'REQUEST_RETURN', lines: ITEMS.map(({ lineId, quantity }) => ({ lineId, quantity })), reason: 'changed_mind' } },
    { actor: staff, event: { type: 'APPROVE_RETURN', returnId: ret } },
    { actor: staff, event: { type: 'RETURN_RECEIVED', returnId: ret } },
    { actor: staff, event: { type: 'INSPECT_RETURN', returnId: ret, outcome: 'accepted' } },
    { actor: staff, event: { type: 'RESOLVE_RETURN', returnId: ret, resolution: 'refund', amount: eur(SUBTOTAL), paymentId: payment } },
    { actor: psp, event: { type: 'REFUND_SUCCEEDED', paymentId: payment, amount: eur(SUBTOTAL), providerRef: `refund-${orderId}` } },
    { actor: system, event: { type: 'COMPLETE_ORDER' } },
  ];
}
