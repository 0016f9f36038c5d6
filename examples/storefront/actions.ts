// Browser-safe: imports only the isomorphic core of `ordermachine` (no node: modules).
import {
  allowedEvents,
  can,
  lineQuantities,
  type Actor,
  type AllowedEvent,
  type LineQuantity,
  type Locale,
  type MachineKind,
  type Money,
  type OrderAggregate,
} from 'ordermachine';
import { ACTION_LABELS, PANEL_WORDS, STOREFRONT_EVENTS, type ActionFieldName, type StorefrontEvent } from './actionLabels.js';

/** What a button sends: an order event, complete once its fields are filled in. */
export type ActionEvent = { readonly type: StorefrontEvent } & Readonly<Record<string, unknown>>;

/** Values typed into an action's fields. */
export type FieldValues = Partial<Readonly<Record<ActionFieldName, string>>>;

/** One button the caller may press now. */
export interface OrderAction {
  readonly type: StorefrontEvent;
  /** The order, payment, shipment or return it acts on. */
  readonly target: { readonly machine: MachineKind; readonly id: string };
  /** In the panel's language. */
  readonly label: string;
  /** Inputs to fill in before the button is pressed (empty for most). */
  readonly fields: readonly { readonly name: ActionFieldName; readonly label: string }[];
  /** The event to send, with the values typed into the fields. */
  event(values: FieldValues): ActionEvent;
}

interface Recipe {
  readonly fields: readonly ActionFieldName[];
  readonly build: (order: OrderAggregate, target: AllowedEvent, actor: Actor, values: FieldValues) => Record<string, unknown>;
}

const sumOf = (quantities: ReadonlyMap<string, number>, lineId: string) => quantities.get(lineId) ?? 0;

/** Lines not yet in a parcel: what "Create shipment" packs. */
function unallocatedLines(order: OrderAggregate): LineQuantity[] {
  const q = lineQuantities(order);
  return order.order.context.items.flatMap((item) => {
    const quantity = item.quantity - sumOf(q.allocated, item.lineId);
    return quantity > 0 ? [{ lineId: item.lineId, quantity }] : [];
  });
}

/** Delivered, returnable lines not already coming back: what "Return items" asks to return. */
function returnableLines(order: OrderAggregate): LineQuantity[] {
  const q = lineQuantities(order);
  return order.order.context.items.flatMap((item) => {
    const quantity = sumOf(q.delivered, item.lineId) - sumOf(q.returning, item.lineId);
    return item.returnable && quantity > 0 ? [{ lineId: item.lineId, quantity }] : [];
  });
}

/** What a payment still waits for. */
function amountDue(order: OrderAggregate, paymentId: string): Money | null {
  const payment = order.payments.find((p) => p.id === paymentId);
  return payment ? { amount: payment.context.amount.amount - payment.context.captured, currency: payment.context.amount.currency } : null;
}

/** The worth of the goods accepted at a return's inspection: the most its refund may be. */
function acceptedValue(order: OrderAggregate, returnId: string): Money {
  const ret = order.returns.find((r) => r.id === returnId);
  const accepted = ret?.context.inspection?.acceptedLines ?? ret?.context.lines ?? [];
  const amount = accepted.reduce((sum, line) => sum + line.quantity * (order.order.context.items.find((i) => i.lineId === line.lineId)?.unitPrice.amount ?? 0), 0);
  return { amount, currency: order.order.context.currency };
}

const value = (values: FieldValues, name: ActionFieldName) => values[name]?.trim() ?? '';
const none: readonly ActionFieldName[] = [];
const plain = (): Record<string, unknown> => ({});
const onShipment = (_: OrderAggregate, t: AllowedEvent) => ({ shipmentId: t.id });
const onReturn = (_: OrderAggregate, t: AllowedEvent) => ({ returnId: t.id });

/**
 * How each storefront event is filled in from the order (and the fields). Typed as a full table
 * over {@link StorefrontEvent}: a button without a recipe does not compile.
 */
const RECIPES: Readonly<Record<StorefrontEvent, Recipe>> = {
  START_CHECKOUT: { fields: none, build: plain },
  RETURN_TO_CART: { fields: none, build: plain },
  CONFIRM_RECEIPT: { fields: none, build: plain },
  REQUEST_RETURN: { fields: none, build: (order) => ({ lines: returnableLines(order), reason: 'changed_mind' }) },
  RETURN_SHIPPED: { fields: none, build: onReturn },
  CANCEL_RETURN: { fields: none, build: onReturn },
  REQUEST_INVOICE: { fields: none, build: plain },
  CONFIRM_BANK_TRANSFER: {
    fields: ['reference'],
    build: (order, t, _, values) => ({ paymentId: t.id, reference: value(values, 'reference'), amount: amountDue(order, t.id) }),
  },
  CONFIRM_ORDER: { fields: none, build: plain },
  COLLECT_AT_PICKUP: { fields: none, build: (order, t) => ({ paymentId: t.id, amount: amountDue(order, t.id) }) },
  STOCK_RESERVED: { fields: none, build: plain },
  CREATE_SHIPMENT: { fields: none, build: (order) => ({ lines: unallocatedLines(order) }) },
  RELEASE_TO_WAREHOUSE: { fields: none, build: onShipment },
  START_PICKING: { fields: none, build: (_, t, actor) => ({ shipmentId: t.id, pickerId: actor.id }) },
  PACK_SHIPMENT: {
    fields: ['carrier', 'trackingNumber'],
    build: (_, t, actor, values) => ({ shipmentId: t.id, packerId: actor.id, label: { carrier: value(values, 'carrier'), trackingNumber: value(values, 'trackingNumber') } }),
  },
  MARK_READY_TO_SHIP: { fields: none, build: onShipment },
  HAND_TO_CARRIER: { fields: none, build: onShipment },
  READY_FOR_PICKUP: { fields: none, build: onShipment },
  PICKED_UP: { fields: none, build: onShipment },
  APPROVE_RETURN: { fields: none, build: onReturn },
  DECLINE_RETURN: { fields: ['reason'], build: (_, t, __, values) => ({ returnId: t.id, reason: value(values, 'reason') }) },
  RETURN_RECEIVED: { fields: none, build: onReturn },
  INSPECT_RETURN: { fields: none, build: (_, t) => ({ returnId: t.id, outcome: 'accepted' }) },
  RESOLVE_RETURN: { fields: none, build: (order, t) => ({ returnId: t.id, resolution: 'refund', amount: acceptedValue(order, t.id) }) },
  CLOSE_RETURN: { fields: none, build: onReturn },
  PUT_ON_HOLD: { fields: none, build: () => ({ reason: 'other' }) },
  RELEASE_HOLD: { fields: none, build: plain },
  CANCEL_ORDER: { fields: none, build: (_, __, actor) => ({ reason: actor.kind === 'customer' ? 'customer_request' : 'other' }) },
};

/** Stand-ins for typed values, used only to ask `can` whether the button would work once filled in. */
const SAMPLE: Readonly<Record<ActionFieldName, string>> = { reference: 'REF-1', carrier: 'Carrier', trackingNumber: 'TRACK-1', reason: 'reason' };

const isStorefrontEvent = (type: string): type is StorefrontEvent => (STOREFRONT_EVENTS as readonly string[]).includes(type);

/**
 * The language of the panel: the one asked for, else the customer's, else English.
 *
 * @param order - the order aggregate
 * @param requested - a language the page asked for, if any
 * @returns the locale to render in
 * @example
 * ```ts
 * panelLocale(order, null); // the customer's language, e.g. 'fa'
 * ```
 */
export function panelLocale(order: OrderAggregate, requested: string | null | undefined): Locale {
  if (requested === 'en' || requested === 'fa' || requested === 'ru' || requested === 'bn') return requested;
  return order.order.context.customer?.locale ?? 'en';
}

/**
 * The buttons `actor` may press on `order` now. Which ones is decided by the core alone:
 * `allowedEvents` lists what this actor may send in the current states, and `can` checks the full
 * event this button would send (payload included), so a button is shown only if pressing it would
 * work. Nothing here re-implements a rule: a customer never gets "Confirm bank transfer" because
 * the order machine says only staff may send it, and "Cancel order" disappears once a parcel is
 * packed because the machine refuses it then.
 *
 * @param order - the order aggregate, as JSON from the backend
 * @param actor - who is looking (a customer, or a staff member)
 * @param options - the decision time, and the language of the labels
 * @returns the buttons, in display order, labelled in `options.locale`
 * @example
 * ```ts
 * const buttons = orderActions(order, { kind: 'customer', id: 'c-1' }, { now: new Date(), locale: 'fa' });
 * buttons.map((b) => b.label); // ['لغو سفارش']
 * ```
 */
export function orderActions(order: OrderAggregate, actor: Actor, options: { readonly now: Date | string; readonly locale: Locale }): OrderAction[] {
  const labels = ACTION_LABELS[options.locale];
  const words = PANEL_WORDS[options.locale];
  const actions = allowedEvents(order, actor, { now: options.now }).flatMap((target): OrderAction[] => {
    const type = target.type;
    if (!isStorefrontEvent(type)) return [];
    const recipe = RECIPES[type];
    const event = (values: FieldValues): ActionEvent => ({ ...recipe.build(order, target, actor, values), type });
    if (!can(order, event(SAMPLE), { actor, now: options.now })) return [];
    return [{ type, target: { machine: target.machine, id: target.id }, label: labels[type], fields: recipe.fields.map((name) => ({ name, label: words.fields[name] })), event }];
  });
  return actions.sort((a, b) => STOREFRONT_EVENTS.indexOf(a.type) - STOREFRONT_EVENTS.indexOf(b.type));
}
