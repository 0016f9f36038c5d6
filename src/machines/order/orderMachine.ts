import { and, assertEvent, assign, setup } from 'xstate';
import { computeTotals } from '../../model/totals.js';
import type { CommandParams, NotifyParams } from '../../model/effects.js';
import { OFFLINE_PAYMENT_METHODS } from '../../model/methods.js';
import type { FulfilmentPhase } from '../../model/statuses.js';
import { by, byActor, effectPlaceholder } from '../envelope.js';
import { initialOrderContext, type OrderContext, type OrderInput } from './context.js';
import type { OrderMachineEvent } from './events.js';

const PAID_STATUSES = new Set(['paid', 'partially_refunded', 'refunded']);

/** Only the buyer edits a cart; staff may edit it for them (phone orders). */
const SHOPPER = ['customer', 'staff'] as const;

const totalOf = (context: OrderContext) => (context.totals ? { amount: context.totals.total } : {});

const lines = (context: OrderContext) => context.items.map((i) => ({ lineId: i.lineId, quantity: i.quantity }));

const CONFIRM = [
  'markConfirmed',
  { type: 'notify', params: ({ context }: { context: OrderContext }): NotifyParams => ({ template: 'order_confirmed', data: totalOf(context) }) },
  { type: 'command', params: ({ context }: { context: OrderContext }): CommandParams => ({ command: 'reserve_stock', lines: lines(context) }) },
] as const;

const INVOICE = ['requestInvoice', { type: 'command', params: { command: 'issue_invoice' } }] as const;

const CANCEL = [
  'recordCancellation',
  {
    type: 'notify',
    params: ({ event }: { event: OrderMachineEvent }): NotifyParams => ({
      template: 'order_canceled',
      data: event.type === 'CANCEL_ORDER' ? { reason: event.reason } : {},
    }),
  },
] as const;

/**
 * Cancelling a confirmed order releases its stock. Seeds 000/003: a customer may cancel until a
 * parcel is packed; staff until one has left.
 */
function CANCEL_CONFIRMED() {
  return [
    { guard: and([by('customer'), 'notPacked']), target: '#order.canceled', actions: [...CANCEL, ...RELEASE_STOCK] },
    { guard: and([by('staff', 'system'), 'notShipped']), target: '#order.canceled', actions: [...CANCEL, ...RELEASE_STOCK] },
  ] as const;
}

const RELEASE_STOCK = [
  { type: 'command', params: ({ context }: { context: OrderContext }): CommandParams => ({ command: 'release_stock', lines: lines(context) }) },
] as const;

const RETURNS = {
  REQUEST_RETURN: { guard: by('customer', 'staff') },
  OPEN_CLAIM: { guard: by('customer', 'staff') },
} as const;

const PHASE_TARGET = {
  none: 'confirmed',
  fulfilling: 'fulfilling',
  partially_shipped: 'partially_shipped',
  shipped: 'shipped',
  delivered: 'delivered',
} as const satisfies Record<FulfilmentPhase, string>;

/**
 * After confirmation the order follows its shipments: `SYNC` moves it to the state of the current
 * phase. `SYNC` is internal (only `apply` sends it, it is not in the public event schema), so it
 * carries no actor guard.
 */
function follow(current: (typeof PHASE_TARGET)[FulfilmentPhase] | 'backordered') {
  const moves = (Object.keys(PHASE_TARGET) as FulfilmentPhase[])
    .filter((phase) => PHASE_TARGET[phase] !== current && !(phase === 'none' && current === 'backordered'))
    .map((phase) => ({
      guard: { type: 'phaseIs' as const, params: { phase } },
      target: PHASE_TARGET[phase] as (typeof PHASE_TARGET)[FulfilmentPhase],
      actions: 'syncSummary' as const,
    }));
  return [...moves, { actions: 'syncSummary' }] as const;
}

function cartEditing() {
  return {
    ADD_ITEM: { guard: and([by(...SHOPPER), 'lineIsNew']), actions: ['addItem', 'touch'] },
    UPDATE_ITEM_QUANTITY: { guard: and([by(...SHOPPER), 'hasLine']), actions: ['updateItemQuantity', 'touch'] },
    REMOVE_ITEM: { guard: and([by(...SHOPPER), 'hasLine']), actions: ['removeItem', 'touch'] },
    SET_CUSTOMER: { guard: by(...SHOPPER), actions: ['setCustomer', 'touch'] },
    // Seed 002: one reminder for an abandoned cart, only when an email is known.
    SEND_CART_REMINDER: {
      guard: and([by('system'), 'cartReminderDue']),
      actions: ['markCartReminded', { type: 'notify', params: { template: 'cart_reminder' } }],
    },
  } as const;
}

/**
 * The order's own life: cart → checkout → placed (awaiting payment, confirmed, backordered,
 * fulfilling, partially shipped, shipped, delivered) → completed, with on-hold (returning to where
 * it was through a history state), canceled and expired. After confirmation it follows its
 * shipments through `SYNC`.
 *
 * @example
 * ```ts
 * import { orderMachine } from 'ordermachine';
 * import { initialTransition } from 'xstate';
 * const [cart] = initialTransition(orderMachine, { orderId: 'o1', currency: 'EUR', items: [], at: '2026-01-01T00:00:00.000Z' });
 * cart.value; // 'cart'
 * ```
 */
export const orderMachine = setup({
  types: {
    context: {} as OrderContext,
    events: {} as OrderMachineEvent,
    input: {} as OrderInput & { at: string },
  },
  guards: {
    byActor,
    hasItems: ({ context }) => context.items.length > 0,
    lineIsNew: ({ context, event }) =>
      event.type === 'ADD_ITEM' && !context.items.some((i) => i.lineId === event.item.lineId),
    hasLine: ({ context, event }) =>
      (event.type === 'UPDATE_ITEM_QUANTITY' || event.type === 'REMOVE_ITEM') &&
      context.items.some((i) => i.lineId === event.lineId),
    checkoutComplete: ({ context: c }) =>
      c.items.length > 0 &&
      c.customer !== null &&
      c.shippingMethod !== null &&
      c.shippingPrice !== null &&
      c.paymentMethod !== null &&
      (c.shippingMethod === 'pickup' || c.shippingAddress !== null) &&
      (c.paymentMethod !== 'pay_on_pickup' || c.shippingMethod === 'pickup') &&
      (c.paymentMethod !== 'invoice' || c.customer.company !== undefined),
    cartReminderDue: ({ context: c }) =>
      c.cartReminderSentAt === null && c.items.length > 0 && c.customer?.email !== undefined,
    paymentReminderDue: ({ context }) => context.paymentReminderSentAt === null && context.paymentMethod === 'bank_transfer' && context.summary.nothingCaptured,
    paymentSecured: ({ event }) => event.type === 'SYNC' && event.summary.paymentSecured,
    onInvoiceTerms: ({ context }) => context.paymentMethod === 'invoice',
    offlinePayment: ({ context }) => context.paymentMethod !== null && OFFLINE_PAYMENT_METHODS.includes(context.paymentMethod),
    nothingCaptured: ({ context }) => context.summary.nothingCaptured,
    stockNotReserved: ({ context }) => context.stock !== 'reserved',
    linesBackorderable: ({ context, event }) =>
      event.type === 'STOCK_UNAVAILABLE' &&
      event.lines.every((l) => context.items.some((i) => i.lineId === l.lineId && i.backorderable && l.quantity <= i.quantity)),
    notPacked: ({ context }) => context.summary.shipmentProgress === 'none' || context.summary.shipmentProgress === 'preparing',
    notShipped: ({ context }) => context.summary.shipmentProgress !== 'shipped',
    invoiceNotRequested: ({ context }) => context.invoice === null,
    invoiceAwaited: ({ context }) => context.invoice !== null && context.invoice.number === null,
    paid: ({ context }) => PAID_STATUSES.has(context.summary.paymentStatus),
    receiptNotConfirmed: ({ context }) => context.receiptConfirmedAt === null,
    feedbackNotRequested: ({ context }) => context.feedbackRequestedAt === null,
    noOpenReturns: ({ context }) => context.summary.openReturns === 0,
    wasConfirmed: ({ context }) => context.confirmedAt !== null,
    phaseIs: ({ event }, params: { phase: FulfilmentPhase }) => event.type === 'SYNC' && event.summary.phase === params.phase,
  },
  actions: {
    notify: (_, _params: NotifyParams) => effectPlaceholder(),
    command: (_, _params: CommandParams) => effectPlaceholder(),
    touch: assign({ lastActivityAt: ({ event }) => event.at }),
    addItem: assign({
      items: ({ context, event }) => {
        assertEvent(event, 'ADD_ITEM');
        return [...context.items, event.item];
      },
    }),
    updateItemQuantity: assign({
      items: ({ context, event }) => {
        assertEvent(event, 'UPDATE_ITEM_QUANTITY');
        return context.items.map((i) => (i.lineId === event.lineId ? { ...i, quantity: event.quantity } : i));
      },
    }),
    removeItem: assign({
      items: ({ context, event }) => {
        assertEvent(event, 'REMOVE_ITEM');
        return context.items.filter((i) => i.lineId !== event.lineId);
      },
    }),
    setCustomer: assign({
      customer: ({ event }) => {
        assertEvent(event, 'SET_CUSTOMER');
        return event.customer;
      },
    }),
    setShippingAddress: assign({
      shippingAddress: ({ event }) => {
        assertEvent(event, 'SET_SHIPPING_ADDRESS');
        return event.address;
      },
    }),
    setBillingAddress: assign({
      billingAddress: ({ event }) => {
        assertEvent(event, 'SET_BILLING_ADDRESS');
        return event.address;
      },
    }),
    selectShippingMethod: assign(({ event }) => {
      assertEvent(event, 'SELECT_SHIPPING_METHOD');
      return { shippingMethod: event.method, shippingPrice: event.price };
    }),
    selectPaymentMethod: assign({
      paymentMethod: ({ event }) => {
        assertEvent(event, 'SELECT_PAYMENT_METHOD');
        return event.method;
      },
    }),
    placeOrder: assign(({ context, event }) => {
      assertEvent(event, 'PLACE_ORDER');
      const zero = { amount: 0, currency: context.currency };
      const totals = computeTotals({
        items: context.items,
        currency: context.currency,
        shipping: context.shippingPrice ?? zero,
        tax: event.tax ?? zero,
        discount: event.discount ?? zero,
      });
      return {
        totals,
        placedAt: event.at,
        billingAddress: context.billingAddress ?? context.shippingAddress,
      };
    }),
    markCartReminded: assign({ cartReminderSentAt: ({ event }) => event.at }),
    markPaymentReminded: assign({ paymentReminderSentAt: ({ event }) => event.at }),
    syncSummary: assign({
      summary: ({ context, event }) => (event.type === 'SYNC' ? event.summary : context.summary),
    }),
    markConfirmed: assign({ confirmedAt: ({ event }) => event.at }),
    markStockReserved: assign({ stock: 'reserved', backorder: null }),
    markBackordered: assign(({ event }) => {
      assertEvent(event, 'STOCK_UNAVAILABLE');
      return { stock: 'backordered' as const, backorder: { lines: event.lines, expectedAt: event.expectedAt ?? null } };
    }),
    putOnHold: assign({
      hold: ({ event }) => {
        assertEvent(event, 'PUT_ON_HOLD');
        return { reason: event.reason, note: event.note ?? null, since: event.at };
      },
    }),
    releaseHold: assign({ hold: null }),
    recordCancellation: assign({
      cancellation: ({ event }) => {
        assertEvent(event, 'CANCEL_ORDER');
        return { reason: event.reason, note: event.note ?? null, by: event.actor.kind, at: event.at };
      },
    }),
    requestInvoice: assign({ invoice: ({ event }) => ({ requestedAt: event.at, number: null, url: null }) }),
    recordInvoice: assign({
      invoice: ({ context, event }) => {
        assertEvent(event, 'INVOICE_ISSUED');
        return { requestedAt: context.invoice?.requestedAt ?? event.at, number: event.invoiceNumber, url: event.url ?? null };
      },
    }),
    confirmReceipt: assign({ receiptConfirmedAt: ({ event }) => event.at }),
    markFeedbackRequested: assign({ feedbackRequestedAt: ({ event }) => event.at }),
    close: assign({ closedAt: ({ event }) => event.at }),
  },
}).createMachine({
  id: 'order',
  context: ({ input }) => initialOrderContext(input),
  initial: 'cart',
  states: {
    cart: {
      on: {
        ...cartEditing(),
        START_CHECKOUT: { guard: and([by(...SHOPPER), 'hasItems']), target: 'checkout', actions: 'touch' },
      },
    },
    checkout: {
      on: {
        ...cartEditing(),
        RETURN_TO_CART: { guard: by(...SHOPPER), target: 'cart', actions: 'touch' },
        SET_SHIPPING_ADDRESS: { guard: by(...SHOPPER), actions: ['setShippingAddress', 'touch'] },
        SET_BILLING_ADDRESS: { guard: by(...SHOPPER), actions: ['setBillingAddress', 'touch'] },
        SELECT_SHIPPING_METHOD: { guard: by(...SHOPPER), actions: ['selectShippingMethod', 'touch'] },
        SELECT_PAYMENT_METHOD: { guard: by(...SHOPPER), actions: ['selectPaymentMethod', 'touch'] },
        PLACE_ORDER: {
          guard: and([by(...SHOPPER), 'checkoutComplete']),
          target: 'placed',
          actions: ['placeOrder', 'touch', { type: 'notify', params: ({ context }) => ({ template: 'order_placed', data: totalOf(context) }) }],
        },
      },
    },
    placed: {
      initial: 'awaiting_payment',
      on: {
        SYNC: { actions: 'syncSummary' },
        // Money that fell away after confirmation (an authorization lapsed or was voided before capture)
        // is paid again with a new payment; `apply` allows it only for what is still due.
        ADD_PAYMENT: { guard: by('customer', 'staff') },
        // Once a parcel has left, this still answers, with the reason (ALREADY_SHIPPED) rather than a bare "not here".
        CANCEL_ORDER: CANCEL_CONFIRMED(),
        PUT_ON_HOLD: {
          guard: by('staff', 'system'),
          target: 'on_hold',
          actions: ['putOnHold', { type: 'notify', params: { template: 'order_on_hold', audience: 'staff' } }],
        },
        NOTIFY_DELAY: {
          guard: by('staff', 'system'),
          actions: {
            type: 'notify',
            params: ({ event }) => {
              assertEvent(event, 'NOTIFY_DELAY');
              return { template: 'order_delayed', data: { reason: event.reason, ...(event.newEstimate ? { expectedAt: event.newEstimate } : {}) } };
            },
          },
        },
        // Seed 002: on request for consumers; `apply` sends it as `system` for business customers once paid.
        REQUEST_INVOICE: { guard: and([by('customer', 'staff', 'system'), 'invoiceNotRequested', 'paid']), actions: INVOICE },
        INVOICE_ISSUED: {
          guard: and([by('system', 'staff'), 'invoiceAwaited']),
          actions: [
            'recordInvoice',
            {
              type: 'notify',
              params: ({ event }) => {
                assertEvent(event, 'INVOICE_ISSUED');
                return { template: 'invoice_available', data: { invoiceNumber: event.invoiceNumber, ...(event.url ? { url: event.url } : {}) } };
              },
            },
          ],
        },
      },
      states: {
        awaiting_payment: {
          on: {
            SYNC: [{ guard: 'paymentSecured', target: 'confirmed', actions: ['syncSummary', ...CONFIRM] }, { actions: 'syncSummary' }],
            // Seed 002: offline orders (bank transfer, pay at pickup, COD) are confirmed by hand, which reserves stock.
            CONFIRM_ORDER: [
              // On invoice terms the invoice is what the business customer pays against: issue it now.
              { guard: and([by('staff'), 'onInvoiceTerms', 'invoiceNotRequested']), target: 'confirmed', actions: [...CONFIRM, ...INVOICE] },
              { guard: and([by('staff'), 'offlinePayment']), target: 'confirmed', actions: CONFIRM },
            ],
            // Seed 003: a bank transfer not yet received is reminded of once before the order expires.
            SEND_PAYMENT_REMINDER: {
              guard: and([by('system'), 'paymentReminderDue']),
              actions: [
                'markPaymentReminded',
                {
                  type: 'notify',
                  params: ({ context, event }) => ({
                    template: 'payment_reminder',
                    data: { ...totalOf(context), ...(event.type === 'SEND_PAYMENT_REMINDER' && event.payBy ? { expectedAt: event.payBy } : {}) },
                  }),
                },
              ],
            },
            EXPIRE_ORDER: {
              guard: and([by('system'), 'nothingCaptured']),
              target: '#order.expired',
              actions: [{ type: 'notify', params: { template: 'order_expired' } }],
            },
            // Nothing is reserved before confirmation, so nothing is released.
            CANCEL_ORDER: { guard: by('customer', 'staff', 'system'), target: '#order.canceled', actions: CANCEL },
          },
        },
        confirmed: {
          on: {
            SYNC: follow('confirmed'),
            STOCK_RESERVED: { guard: and([by('system', 'staff'), 'stockNotReserved']), actions: 'markStockReserved' },
            STOCK_UNAVAILABLE: {
              guard: and([by('system', 'staff'), 'linesBackorderable']),
              target: 'backordered',
              actions: [
                'markBackordered',
                {
                  type: 'notify',
                  params: ({ event }) => {
                    assertEvent(event, 'STOCK_UNAVAILABLE');
                    return { template: 'order_backordered', data: event.expectedAt ? { expectedAt: event.expectedAt } : {} };
                  },
                },
              ],
            },
            CREATE_SHIPMENT: { guard: by('staff', 'system') },
          },
        },
        // Seed 001 "ожидание отправки": goods are being sourced; what is in stock may still ship.
        backordered: {
          on: {
            SYNC: follow('backordered'),
            STOCK_AVAILABLE: { guard: by('system', 'staff'), target: 'confirmed', actions: 'markStockReserved' },
            CREATE_SHIPMENT: { guard: by('staff', 'system') },
          },
        },
        fulfilling: {
          on: { SYNC: follow('fulfilling'), CREATE_SHIPMENT: { guard: by('staff', 'system') } },
        },
        partially_shipped: {
          on: { SYNC: follow('partially_shipped'), CREATE_SHIPMENT: { guard: by('staff', 'system') }, ...RETURNS },
        },
        shipped: {
          on: { SYNC: follow('shipped'), ...RETURNS },
        },
        delivered: {
          on: {
            SYNC: follow('delivered'),
            ...RETURNS,
            // Seed 000 step 8: by the website, or by phone to support who record it.
            CONFIRM_RECEIPT: { guard: and([by('customer', 'staff'), 'receiptNotConfirmed']), actions: 'confirmReceipt' },
            REQUEST_FEEDBACK: {
              guard: and([by('system'), 'feedbackNotRequested']),
              actions: ['markFeedbackRequested', { type: 'notify', params: { template: 'feedback_request' } }],
            },
            // The return window is over (sent by the engine's timer) or staff close the order by hand.
            COMPLETE_ORDER: { guard: and([by('system', 'staff'), 'noOpenReturns']), target: '#order.completed', actions: 'close' },
          },
        },
        hist: { type: 'history' },
      },
    },
    // Payment review, fraud or address checks: the order waits, then resumes where it was.
    on_hold: {
      on: {
        SYNC: { actions: 'syncSummary' },
        RELEASE_HOLD: { guard: by('staff'), target: 'placed.hist', actions: 'releaseHold' },
        CANCEL_ORDER: [
          { guard: and([by('staff', 'system'), 'notShipped', 'wasConfirmed']), target: 'canceled', actions: [...CANCEL, ...RELEASE_STOCK] },
          { guard: and([by('staff', 'system'), 'notShipped']), target: 'canceled', actions: CANCEL },
        ],
      },
    },
    completed: { type: 'final' },
    canceled: { type: 'final' },
    expired: { type: 'final' },
  },
});
