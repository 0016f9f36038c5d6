// Snippets of docs/guides/customising.md, run by test/docs/guides.test.ts.
// #region policy
import { createActor } from 'xstate';
import {
  DEFAULT_MACHINES,
  allowedEvents,
  createLifecycle,
  createMemoryStorage,
  createOrderEngine,
  paymentMachine,
  renderNotification,
  type Actor,
  type Clock,
  type NotificationRenderer,
  type NotifyParams,
  type OrderAggregate,
  type StorageAdapter,
} from 'ordermachine';

/** The shop's rules of time. Every field is optional; what you leave out keeps its default. */
const POLICY = {
  paymentWindowMinutes: { bank_transfer: 2 * 24 * 60 }, // an unpaid transfer expires after 2 days (default 3)
  returnWindowDays: 30, // returns accepted for 30 days after delivery (default 14)
  feedbackAfterDays: 3, // ask for a review 3 days after delivery (default 7)
};

export function engineWithPolicy(clock: Clock) {
  return createOrderEngine({ storage: createMemoryStorage(), clock, policy: POLICY });
}

/** The storefront must judge with the same windows, or it offers buttons the server then refuses. */
export function shopperButtons(order: OrderAggregate, shopper: Actor, now: Date) {
  return allowedEvents(order, shopper, { now, policy: POLICY }).map((e) => e.type);
}
// #endregion policy

// #region guards
const shippedRule = DEFAULT_MACHINES.order.implementations.guards.checkoutComplete;
if (shippedRule === undefined) throw new Error('the order machine has no checkoutComplete guard');

/** Your rules: cash on delivery needs a phone number for the courier, and no abandoned-cart reminders. */
export const shopLifecycle = createLifecycle({
  ...DEFAULT_MACHINES,
  order: DEFAULT_MACHINES.order.provide({
    guards: {
      checkoutComplete: (args, params) =>
        shippedRule(args, params) && (args.context.paymentMethod !== 'cash_on_delivery' || args.context.customer?.phone !== undefined),
      cartReminderDue: () => false,
    },
  }),
});

/** The server decides with them… */
export function shopEngine(storage: StorageAdapter, clock: Clock) {
  return createOrderEngine({ storage, clock, lifecycle: shopLifecycle });
}
// …and the storefront asks the same lifecycle: shopLifecycle.allowedEvents(order, shopper, { now }).
// #endregion guards

// #region actions
/** A live payment actor (in a browser, a prototype or a test) whose notify action shows a toast. */
export function livePayment(toasts: string[]) {
  const payment = createActor(
    paymentMachine.provide({ actions: { notify: (_, params: NotifyParams) => void toasts.push(params.template) } }),
    { input: { paymentId: 'p-1', method: 'bank_transfer', amount: { amount: 5000, currency: 'EUR' }, at: '2026-06-01T10:00:00Z' } },
  );
  payment.start(); // toasts: ['bank_transfer_instructions']
  // A live machine takes the envelope inside the event: who sends it, and when.
  payment.send({
    type: 'CONFIRM_BANK_TRANSFER',
    paymentId: 'p-1',
    reference: 'TRX-5531',
    amount: { amount: 5000, currency: 'EUR' },
    actor: { kind: 'staff', id: 'clerk-2' },
    at: '2026-06-02T09:30:00Z',
  });
  return payment.getSnapshot().value; // 'captured'; toasts: [..., 'payment_received']
}
// #endregion actions

// #region render
/** Staff messages (order on hold, refund failed, dispute opened) in your team chat's one-line format; customers get the shipped ones. */
export const render: NotificationRenderer = (effect, order, options) => {
  if (effect.audience === 'customer') return renderNotification(effect, order, options);
  const line = `[${effect.template}] order ${order.id}, ${effect.subject.machine} ${effect.subject.id}`;
  const html = `<!doctype html><html lang="en"><p>${line.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p></html>`;
  return {
    recipient: { name: 'Operations', email: 'ops@shop.example', phone: null },
    message: { locale: 'en', dir: 'ltr', subject: line, text: line, html },
  };
};
// Then: createOutboxRelay({ storage, notifier, render })
// #endregion render
