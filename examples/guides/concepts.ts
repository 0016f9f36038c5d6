// Snippets of docs/guides/concepts.md, run by test/docs/guides.test.ts.
// #region run
import { apply, createOrder, deriveOrderStatuses, type Actor, type OrderAggregate } from 'ordermachine';

const shopper: Actor = { kind: 'customer', id: 'c-1' };
const clerk: Actor = { kind: 'staff', id: 'clerk-1' };
const courier: Actor = { kind: 'carrier', id: 'post' };
const now = new Date('2026-05-04T09:00:00Z');

/** Applies events in turn. Each answer is a new aggregate (plain JSON; the old one is untouched). */
function run(order: OrderAggregate, steps: readonly (readonly [event: unknown, actor: Actor])[]): OrderAggregate {
  for (const [event, actor] of steps) {
    const result = apply(order, event, { actor, now });
    if (!result.ok) throw new Error(result.error.message);
    order = result.order;
  }
  return order;
}
// #endregion run

// #region order
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

/** A bank-transfer order for a kettle and four cups, confirmed by staff: €55 with shipping. */
export function confirmedOrder(): OrderAggregate {
  const created = createOrder(
    {
      orderId: 'o-2',
      currency: 'EUR',
      items: [
        { lineId: 'kettle', sku: 'KETTLE', name: 'Kettle', quantity: 1, unitPrice: eur(3000) },
        { lineId: 'cups', sku: 'CUP', name: 'Cup', quantity: 4, unitPrice: eur(500) },
      ],
    },
    { now },
  );
  if (!created.ok) throw new Error(created.error.message);
  return run(created.order, [
    [{ type: 'START_CHECKOUT' }, shopper],
    [{ type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'lena@example.com' } }, shopper],
    [{ type: 'SET_SHIPPING_ADDRESS', address: { name: 'Lena Fischer', line1: 'Ringstr. 9', city: 'Hamburg', country: 'DE' } }, shopper],
    [{ type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: eur(500) }, shopper],
    [{ type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' }, shopper],
    [{ type: 'PLACE_ORDER', total: eur(5500) }, shopper],
    [{ type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2-P1', reference: 'TRX-1', amount: eur(5500) }, clerk],
  ]);
}
// #endregion order

// #region split
/** A parcel from the warehouse to the door. */
const deliver = (shipmentId: string, trackingNumber: string) =>
  [
    [{ type: 'RELEASE_TO_WAREHOUSE', shipmentId }, clerk],
    [{ type: 'START_PICKING', shipmentId, pickerId: 'picker-3' }, clerk],
    [{ type: 'PACK_SHIPMENT', shipmentId, label: { carrier: 'DHL', trackingNumber } }, clerk],
    [{ type: 'MARK_READY_TO_SHIP', shipmentId }, clerk],
    [{ type: 'HAND_TO_CARRIER', shipmentId }, clerk],
    [{ type: 'CARRIER_STATUS', shipmentId, status: 'delivered' }, courier],
  ] as const;

/** Two parcels of one order: the kettle goes first, the cups later. Statuses are derived after each step. */
export function splitShipment(order: OrderAggregate) {
  order = run(order, [
    [{ type: 'CREATE_SHIPMENT', shipmentId: 'o-2-S1', lines: [{ lineId: 'kettle', quantity: 1 }] }, clerk],
    [{ type: 'CREATE_SHIPMENT', shipmentId: 'o-2-S2', lines: [{ lineId: 'cups', quantity: 4 }] }, clerk],
  ]);
  const afterSplit = deriveOrderStatuses(order);
  order = run(order, deliver('o-2-S1', '00340434161094042557'));
  const afterKettle = deriveOrderStatuses(order);
  order = run(order, deliver('o-2-S2', '00340434161094042564'));
  return { afterSplit, afterKettle, afterCups: deriveOrderStatuses(order) };
}
// #endregion split

// #region refusals
/** Three ways an event is refused, each a value that says why. Nothing changes in any of them. */
export function refusals(order: OrderAggregate) {
  const attempts = [
    // Malformed: a negative amount. INVALID names the field.
    apply(order, { type: 'REQUEST_REFUND', paymentId: 'o-2-P1', amount: eur(-500), reason: 'goodwill' }, { actor: clerk, now }),
    // Only staff confirm a bank transfer. FORBIDDEN says who may.
    apply(order, { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o-2-P1', reference: 'TRX-1', amount: eur(5500) }, { actor: shopper, now }),
    // Well-formed and allowed, but more than was captured. REJECTED with the reason.
    apply(order, { type: 'REQUEST_REFUND', paymentId: 'o-2-P1', amount: eur(9900), reason: 'goodwill' }, { actor: clerk, now }),
  ];
  return attempts.map((result) => {
    if (result.ok) return 'applied';
    const { error } = result;
    if (error.code === 'INVALID') return `INVALID at ${error.issues[0]?.path}`;
    return `${error.code} ${error.reason}; may send instead: ${error.allowed.map((e) => e.type).join(', ')}`;
  });
}
// #endregion refusals
