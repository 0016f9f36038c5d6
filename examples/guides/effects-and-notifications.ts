// Snippets of docs/guides/effects-and-notifications.md, run by test/docs/guides.test.ts.
// #region effects
import {
  createEmailNotifier,
  createOutboxRelay,
  createSmsNotifier,
  type Actor,
  type Effect,
  type EmailTransport,
  type Money,
  type Notifier,
  type OrderEngine,
  type OutboxRelay,
  type SmsNotifierOptions,
  type StorageAdapter,
} from 'ordermachine';

/** One line per effect: a message for someone, or a job for you. */
export function describe(effect: Effect): string {
  return effect.kind === 'notification'
    ? `notify ${effect.audience}: ${effect.template} (${effect.subject.machine} ${effect.subject.id})`
    : `command: ${effect.command}`;
}

/** Places a Russian shopper's order paid online; the answer carries the effects the engine wrote to the outbox. */
export async function placeOrder(engine: OrderEngine, orderId: string): Promise<string[]> {
  const shopper: Actor = { kind: 'customer', id: 'ivan' };
  const created = await engine.create({ orderId, currency: 'RUB', items: [{ lineId: 'l1', sku: 'SAMOVAR', name: 'Самовар', quantity: 1, unitPrice: { amount: 1_200_000, currency: 'RUB' } }] });
  if (created.status !== 'created') throw new Error(`create: ${created.status}`);
  const steps = [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: { kind: 'account', accountId: 'ivan', name: 'Иван Петров', email: 'ivan@example.ru', locale: 'ru' } },
    { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Иван Петров', line1: 'ул. Ленина, д. 5, кв. 12', city: 'Москва', postalCode: '101000', country: 'RU' } },
    { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: { amount: 50_000, currency: 'RUB' } },
    { type: 'SELECT_PAYMENT_METHOD', method: 'online' },
    { type: 'PLACE_ORDER', total: { amount: 1_250_000, currency: 'RUB' } },
  ];
  let effects: readonly Effect[] = [];
  for (const event of steps) {
    const result = await engine.send(orderId, event, { actor: shopper });
    if (result.status !== 'applied') throw new Error(`${event.type}: ${result.status}`);
    effects = result.effects;
  }
  return effects.map(describe); // ['notify customer: order_placed (order …)']
}
// #endregion effects

// #region relay
/** The part of your payment provider's API the relay calls. */
export interface Gateway {
  capture(paymentId: string, amount: Money, idempotencyKey: string): Promise<{ reference: string }>;
}

/** Delivers messages through `notifier` and runs the commands you handle; run `runOnce` from a worker. */
export function createWorker(storage: StorageAdapter, engine: OrderEngine, notifier: Notifier, gateway: Gateway): OutboxRelay {
  const provider: Actor = { kind: 'payment_provider', id: 'gateway' };
  return createOutboxRelay({
    storage,
    notifier,
    handlers: {
      // A command is a job for you. Do it idempotently (the relay delivers at least once), then report the outcome.
      capture_payment: async (effect, { dedupeKey }) => {
        const { reference } = await gateway.capture(effect.paymentId, effect.amount, dedupeKey);
        const reported = { type: 'PAYMENT_CAPTURED', paymentId: effect.paymentId, amount: effect.amount, providerRef: reference };
        const result = await engine.send(effect.orderId, reported, { actor: provider });
        if (result.status !== 'applied' && result.status !== 'duplicate') throw new Error(`capture report: ${result.status}`);
      },
    },
    ignore: ['reserve_stock', 'release_stock'], // stock is not kept in this shop
    renderOptions: { storeName: 'Чайная лавка', links: { order: (id) => `https://shop.example/account/orders/${encodeURIComponent(id)}` } },
    maxAttempts: 5, // then the message is a dead letter
    backoff: { baseMs: 10_000, maxMs: 15 * 60_000 }, // 10 s, 20 s, 40 s… with jitter
  });
}
// #endregion relay

// #region channels
/** Email when the shopper gave an address, SMS otherwise. A channel is any object with `send(delivery)`. */
export function emailOrSms(transport: EmailTransport, sendSms: SmsNotifierOptions['send']): Notifier {
  const email = createEmailNotifier({ transport, from: { name: 'Чайная лавка', address: 'orders@shop.example' } });
  const sms = createSmsNotifier({ send: sendSms, maxSegments: 2 });
  return { send: (delivery) => (delivery.recipient.email !== null ? email.send(delivery) : sms.send(delivery)) };
}
// #endregion channels

// #region dead-letters
/** An admin action: list what gave up and why, and put it back in the queue once the channel works again. */
export async function retryDeadLetters(relay: OutboxRelay): Promise<string[]> {
  const retried: string[] = [];
  for (const dead of await relay.deadLetters()) {
    console.warn(`gave up on ${dead.dedupeKey} after ${dead.attempts} attempts: ${dead.lastError}`);
    if (await relay.retry(dead.id)) retried.push(dead.dedupeKey); // or relay.discard(dead.id) to drop it for good
  }
  return retried;
}
// #endregion dead-letters
