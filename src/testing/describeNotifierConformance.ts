import assert from 'node:assert/strict';
import { createOrderEngine } from '../engine/createOrderEngine.js';
import { createMemoryStorage } from '../adapters/memory/createMemoryStorage.js';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import { apply } from '../lifecycle/apply.js';
import { createOrder } from '../lifecycle/createOrder.js';
import type { Actor } from '../model/actor.js';
import type { CurrencyCode } from '../model/currencies.js';
import type { CustomerInput } from '../model/customer.js';
import type { Locale } from '../model/locale.js';
import { createOutboxRelay } from '../notifications/createOutboxRelay.js';
import { renderNotification } from '../notifications/renderNotification.js';
import type { NotificationDelivery, Notifier } from '../ports/Notifier.js';
import { createFakeClock } from './createFakeClock.js';
import type { StorageConformanceRunner } from './describeStorageConformance.js';

/** What the notifier suite needs from a test runner: `describe` and `it` (and optionally `afterEach`), as for the storage suite. */
export type NotifierConformanceRunner = StorageConformanceRunner;

/** One message as it reached the far end of the channel (the inbox, the SMS gateway, the webhook endpoint, the log). */
export interface ReceivedMessage {
  /** The dedupe key as it arrived (a header, the Message-ID, a field of the body), or `null` when the channel does not carry it. */
  readonly dedupeKey: string | null;
  /** Where it went (an e-mail address, a phone number), or `null` when the channel has no recipient of its own (a webhook, a log). */
  readonly to: string | null;
  /** What the reader sees: the text part of an e-mail, the SMS, the webhook's `message.text`, the printed block. */
  readonly text: string;
  /** The subject, when the channel carries one. */
  readonly subject?: string | null;
}

/** A fresh channel for one test: the notifier, what reached its far end, and a switch that makes the far end refuse. */
export interface NotifierUnderTest {
  readonly notifier: Notifier;
  /** Every message that reached the far end since this channel was made, in arrival order. */
  received(): Promise<readonly ReceivedMessage[]>;
  /**
   * Makes the far end refuse the next `count` messages the way it really fails: an SMTP 4xx, an
   * HTTP 503, a gateway error, a closed log stream.
   */
  failNext(count: number): void | Promise<void>;
  /** Called once after the test, pass or fail (close servers, transports…). */
  readonly teardown?: () => Promise<void>;
}

/** Makes a fresh channel; called once per test. */
export type NotifierFactory = () => Promise<NotifierUnderTest>;

/** What the suite should know about the channel. */
export interface NotifierConformanceOptions {
  /** The channel's name, shown in the test titles. */
  readonly name?: string;
  /** The contact the channel needs (`email` for mail, `phone` for SMS); a recipient without it must be refused. Default: none. */
  readonly needs?: 'email' | 'phone';
  /** The channel shortens long texts (SMS): a received text may be a leading part of the message ending in an ellipsis. */
  readonly shortens?: boolean;
}

// ── realistic deliveries, rendered by the library from real orders ─────────────────────────────

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

interface Shopper {
  readonly locale: Locale;
  readonly currency: CurrencyCode;
  readonly unit: number;
  readonly customer: CustomerInput;
  readonly address: { readonly name: string; readonly line1: string; readonly city: string; readonly postalCode: string; readonly country: string };
  readonly item: string;
  readonly carrier: string;
}

const SHOPPERS: readonly Shopper[] = [
  {
    locale: 'en',
    currency: 'USD',
    unit: 100,
    customer: { kind: 'guest', name: 'Emily Carter', email: 'emily.carter@example.com', phone: '+14155550123', locale: 'en' },
    address: { name: 'Emily Carter', line1: '742 Evergreen Terrace', city: 'Springfield', postalCode: '97403', country: 'US' },
    item: 'Ceramic teapot',
    carrier: 'UPS',
  },
  {
    locale: 'fa',
    currency: 'IRR',
    unit: 100,
    customer: { kind: 'account', accountId: 'acc-sara', name: 'سارا احمدی', email: 'sara.ahmadi@example.ir', phone: '+989121234567', locale: 'fa' },
    address: { name: 'سارا احمدی', line1: 'خیابان ولیعصر، کوچه نسترن، پلاک ۱۲', city: 'تهران', postalCode: '1966734561', country: 'IR' },
    item: 'قوری سرامیکی',
    carrier: 'پست پیشتاز',
  },
  {
    locale: 'ru',
    currency: 'RUB',
    unit: 100,
    customer: { kind: 'guest', name: 'Анна Смирнова', email: 'anna.smirnova@example.ru', phone: '+79161234567', locale: 'ru' },
    address: { name: 'Анна Смирнова', line1: 'ул. Тверская, д. 7, кв. 12', city: 'Москва', postalCode: '125009', country: 'RU' },
    item: 'Заварочный чайник',
    carrier: 'СДЭК',
  },
  {
    locale: 'bn',
    currency: 'BDT',
    unit: 100,
    customer: { kind: 'guest', name: 'ফাতেমা রহমান', email: 'fatema.rahman@example.com.bd', phone: '+8801712345678', locale: 'bn' },
    address: { name: 'ফাতেমা রহমান', line1: 'বাড়ি ১২, রোড ৫, ধানমন্ডি', city: 'ঢাকা', postalCode: '1205', country: 'BD' },
    item: 'সিরামিকের চায়ের কেটলি',
    carrier: 'পাঠাও',
  },
];

const shopperActor: Actor = { kind: 'customer', id: 'customer-1' };
const staffActor: Actor = { kind: 'staff', id: 'staff-1' };
const gateway: Actor = { kind: 'payment_provider', id: 'gateway-1' };
const courier: Actor = { kind: 'carrier', id: 'carrier-1' };

/** The events that take a shopper's order from checkout to delivery. */
function lifeOf(shopper: Shopper, orderId: string, price: number, shipping: number): readonly { actor: Actor; event: Record<string, unknown> & { type: string } }[] {
  const money = (amount: number) => ({ amount, currency: shopper.currency });
  const total = 2 * price + shipping;
  const shipmentId = `${orderId}-S1`;
  return [
    { actor: shopperActor, event: { type: 'START_CHECKOUT' } },
    { actor: shopperActor, event: { type: 'SET_CUSTOMER', customer: shopper.customer } },
    { actor: shopperActor, event: { type: 'SET_SHIPPING_ADDRESS', address: shopper.address } },
    { actor: shopperActor, event: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: money(shipping) } },
    { actor: shopperActor, event: { type: 'SELECT_PAYMENT_METHOD', method: 'online' } },
    { actor: shopperActor, event: { type: 'PLACE_ORDER', total: money(total) } },
    { actor: gateway, event: { type: 'PAYMENT_CAPTURED', paymentId: `${orderId}-P1`, amount: money(total), providerRef: `cap-${orderId}` } },
    { actor: staffActor, event: { type: 'STOCK_RESERVED' } },
    { actor: staffActor, event: { type: 'CREATE_SHIPMENT', lines: [{ lineId: 'l1', quantity: 2 }] } },
    { actor: staffActor, event: { type: 'RELEASE_TO_WAREHOUSE', shipmentId } },
    { actor: staffActor, event: { type: 'START_PICKING', shipmentId, pickerId: 'picker-1' } },
    { actor: staffActor, event: { type: 'PACK_SHIPMENT', shipmentId, label: { carrier: shopper.carrier, trackingNumber: `TRK${orderId.replace(/\D/g, '')}00042` } } },
    { actor: staffActor, event: { type: 'MARK_READY_TO_SHIP', shipmentId } },
    { actor: staffActor, event: { type: 'HAND_TO_CARRIER', shipmentId } },
    { actor: courier, event: { type: 'CARRIER_STATUS', shipmentId, status: 'out_for_delivery' } },
    { actor: courier, event: { type: 'CARRIER_STATUS', shipmentId, status: 'delivered' } },
  ];
}

function startOrder(shopper: Shopper, orderId: string, price: number): OrderAggregate {
  const created = createOrder(
    { orderId, currency: shopper.currency, items: [{ lineId: 'l1', sku: 'POT-CERAMIC', name: shopper.item, quantity: 2, unitPrice: { amount: price, currency: shopper.currency } }] },
    { now: at(0) },
  );
  if (!created.ok) throw new Error(`notifier conformance fixture: ${created.error.message}`);
  return created.order;
}

let deliveriesCache: ReadonlyMap<Locale, readonly NotificationDelivery[]> | undefined;

/**
 * The customer messages of one order's life (placed, paid, confirmed, shipped, out for delivery,
 * delivered) in each language, rendered by `renderNotification` exactly as the relay renders them,
 * with the relay's dedupe keys.
 */
function deliveriesByLocale(): ReadonlyMap<Locale, readonly NotificationDelivery[]> {
  if (deliveriesCache) return deliveriesCache;
  const out = new Map<Locale, NotificationDelivery[]>();
  for (const shopper of SHOPPERS) {
    const orderId = `ord-${shopper.locale}-1042`;
    const price = 1_250 * shopper.unit;
    let order = startOrder(shopper, orderId, price);
    let version = 1;
    const deliveries: NotificationDelivery[] = [];
    for (const [index, step] of lifeOf(shopper, orderId, price, 5 * shopper.unit).entries()) {
      const result = apply(order, step.event, { actor: step.actor, now: at(index + 1) });
      if (!result.ok) throw new Error(`notifier conformance fixture: ${step.event.type} was refused: ${result.error.message}`);
      order = result.order;
      version += 1;
      result.effects.forEach((effect, i) => {
        if (effect.kind !== 'notification' || effect.audience !== 'customer') return;
        const { recipient, message } = renderNotification(effect, order, { storeName: 'Saffron House', timeZone: 'UTC', now: new Date(at(index + 1)) });
        deliveries.push({ dedupeKey: `${orderId}:${version}:${i}`, effect, recipient, message });
      });
    }
    out.set(shopper.locale, deliveries);
  }
  deliveriesCache = out;
  return out;
}

const allDeliveries = (): NotificationDelivery[] => [...deliveriesByLocale().values()].flat();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// ── checks ─────────────────────────────────────────────────────────────────────────────────────

const ELLIPSES = ['…', '...'];

/** The message's text arrived unchanged (whole, or for a shortening channel a leading part of at least 20 characters with an ellipsis). */
function textArrived(received: ReceivedMessage, delivery: NotificationDelivery, shortens: boolean): boolean {
  if (received.text.includes(delivery.message.text)) return true;
  if (!shortens) return false;
  const ending = ELLIPSES.find((e) => received.text.endsWith(e));
  if (ending === undefined) return false;
  const head = received.text.slice(0, -ending.length);
  return head.length >= Math.min(20, delivery.message.text.length) && delivery.message.text.startsWith(head);
}

const short = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);

/** Asserts that `delivery` arrived exactly as rendered, in `received` (matched by key when the channel carries keys). */
function assertArrived(received: readonly ReceivedMessage[], delivery: NotificationDelivery, options: NotifierConformanceOptions, position?: number): ReceivedMessage {
  const carried = received.some((r) => r.dedupeKey !== null);
  const matches = carried ? received.filter((r) => r.dedupeKey === delivery.dedupeKey) : position === undefined ? [] : [received[position]].filter((r) => r !== undefined);
  assert.ok(matches.length > 0, `${delivery.effect.template} (${delivery.message.locale}, key ${delivery.dedupeKey}) did not arrive; arrived: ${received.map((r) => r.dedupeKey ?? short(r.text)).join(', ') || 'nothing'}`);
  const message = matches[0] as ReceivedMessage;
  assert.ok(
    textArrived(message, delivery, options.shortens ?? false),
    `${delivery.effect.template} (${delivery.message.locale}): the text did not arrive intact.\n  sent:     ${short(delivery.message.text)}\n  received: ${short(message.text)}`,
  );
  if (message.subject !== undefined && message.subject !== null) {
    assert.equal(message.subject, delivery.message.subject, `${delivery.effect.template} (${delivery.message.locale}): the subject did not arrive intact`);
  }
  if (message.to !== null && options.needs !== undefined) {
    const expected = options.needs === 'email' ? delivery.recipient.email : delivery.recipient.phone;
    assert.equal(message.to, expected, `${delivery.effect.template}: sent to ${message.to}, not to the recipient's ${options.needs}`);
  }
  return message;
}

async function rejectsWithError(send: () => Promise<void>, what: string): Promise<Error> {
  let caught: unknown;
  let resolved = false;
  try {
    await send();
    resolved = true;
  } catch (error) {
    caught = error;
  }
  assert.ok(!resolved, `${what}: send resolved, but the message did not go out (the relay would mark it delivered and never retry)`);
  assert.ok(caught instanceof Error, `${what}: send rejected with ${String(caught)}, not an Error (the relay records error.message)`);
  assert.ok(caught.message.trim().length > 0, `${what}: the error has no message to record`);
  return caught;
}

/**
 * The conformance suite for {@link Notifier}: what "correct" means for a channel (e-mail, SMS,
 * webhook, push, a log…), as the port and `createOutboxRelay` rely on it. Every shipped notifier
 * runs it, and a host that writes its own runs it too. It needs only `describe` and `it` from the
 * runner and asserts with `node:assert`, so it runs under vitest and jest alike.
 *
 * The messages are real: each test sends customer notifications the library rendered from
 * orders taken from checkout to delivery in English, Persian (right to left), Russian and
 * Bengali. The host's factory gives a fresh channel per test, a view of what reached its far end,
 * and a switch that makes the far end refuse. It checks that:
 * - each rendered notification is delivered once, with its text (and subject) intact in every
 *   script, to the recipient's address, and `send` resolves only then;
 * - the dedupe key is honoured: a redelivery (as the relay makes after a crash) is accepted and
 *   either dropped or carries the same key so the far end can drop it; distinct keys stay distinct;
 * - a refusal of the far end rejects `send` with an `Error` the relay can record and retry, nothing
 *   arrives, and the retry delivers; a recipient without the contact the channel needs is refused;
 * - through `createOutboxRelay`, a failed message is retried with backoff and then delivered;
 * - concurrent sends all arrive, and `send` does not change the delivery it is given.
 *
 * @param runner - the test runner's `describe` and `it` (and optionally `afterEach`)
 * @param factory - makes a fresh channel for one test (and says how to tear it down)
 * @param options - `name` for the titles; `needs` (`email` / `phone`); `shortens` (SMS)
 * @example
 * ```ts
 * import { afterEach, describe, it } from 'vitest';
 * import { createSmsNotifier } from 'ordermachine';
 * import { describeNotifierConformance, type ReceivedMessage } from 'ordermachine/testing';
 *
 * describeNotifierConformance(
 *   { describe, it, afterEach },
 *   async () => {
 *     const inbox: ReceivedMessage[] = [];
 *     let failing = 0;
 *     const notifier = createSmsNotifier({
 *       send: async (to, text, { dedupeKey }) => {
 *         if (failing > 0) {
 *           failing -= 1;
 *           throw new Error('SMS gateway: 503 Service Unavailable');
 *         }
 *         inbox.push({ dedupeKey, to, text });
 *       },
 *     });
 *     return { notifier, received: async () => inbox, failNext: (count) => void (failing = count) };
 *   },
 *   { name: 'sms', needs: 'phone', shortens: true },
 * );
 * ```
 */
export function describeNotifierConformance(runner: NotifierConformanceRunner, factory: NotifierFactory, options: NotifierConformanceOptions = {}): void {
  const open = new Set<() => Promise<void>>();
  const test = (title: string, body: (channel: NotifierUnderTest) => Promise<void>): void => {
    runner.it(title, async () => {
      const channel = await factory();
      const dispose = async (): Promise<void> => {
        if (open.delete(dispose)) await channel.teardown?.();
      };
      open.add(dispose);
      try {
        await body(channel);
      } finally {
        await dispose();
      }
    });
  };
  const fresh = async (channel: NotifierUnderTest, before: number) => (await channel.received()).slice(before);

  runner.describe(`Notifier conformance — ${options.name ?? 'notifier'}`, () => {
    runner.afterEach?.(async () => {
      for (const dispose of [...open]) await dispose();
    });

    test('delivers each rendered notification once, text and subject intact, and resolves only then', async (channel) => {
      const deliveries = allDeliveries();
      assert.ok(deliveries.length >= 20, 'fixture: an order life gives at least five customer messages per language');
      for (const [index, delivery] of deliveries.entries()) {
        const before = (await channel.received()).length;
        const outcome = await channel.notifier.send(delivery);
        assert.equal(outcome, undefined, `${delivery.effect.template}: send must resolve to nothing`);
        const arrived = await fresh(channel, before);
        assert.equal(arrived.length, 1, `${delivery.effect.template} (${delivery.message.locale}, #${index + 1}): ${arrived.length} messages arrived for one send`);
        assertArrived(arrived, delivery, options, 0);
      }
    });

    for (const [locale, label] of [
      ['fa', 'Persian, right to left'],
      ['ru', 'Russian'],
      ['bn', 'Bengali'],
      ['en', 'English'],
    ] as const) {
      test(`keeps ${label} text exactly as rendered`, async (channel) => {
        const deliveries = deliveriesByLocale().get(locale) ?? [];
        assert.ok(deliveries.length > 0, `fixture: no ${locale} messages`);
        for (const delivery of deliveries) await channel.notifier.send(delivery);
        const received = await channel.received();
        deliveries.forEach((delivery, i) => {
          const message = assertArrived(received, delivery, options, i);
          // Nothing may be added around right-to-left text (marks, embeddings) or taken from it.
          for (const control of ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2069']) {
            const inText = delivery.message.text.split(control).length;
            assert.ok(message.text.split(control).length <= inText, `${locale}: the channel added a bidi control U+${control.codePointAt(0)?.toString(16).toUpperCase()}`);
          }
        });
      });
    }

    test('honours the dedupe key: a redelivery is accepted, and dropped or recognisable as a repeat', async (channel) => {
      const [first, second] = deliveriesByLocale().get('fa') ?? [];
      assert.ok(first && second, 'fixture: two Persian messages');
      await channel.notifier.send(first);
      // The relay died after sending and before acknowledging: the same row goes out again.
      await channel.notifier.send(structuredClone(first));
      await channel.notifier.send(second);
      const received = await channel.received();
      const copies = received.filter((r) => (r.dedupeKey === null ? r.text.includes(first.message.text) : r.dedupeKey === first.dedupeKey));
      assert.ok(copies.length >= 1, 'the message did not arrive');
      if (copies.length > 1) {
        assert.ok(
          copies.every((c) => c.dedupeKey === first.dedupeKey),
          `a redelivery arrived ${copies.length} times without its dedupe key: the far end cannot tell it is a repeat (pass dedupeKey on, or drop repeats yourself)`,
        );
      }
      assertArrived(received, second, options, received.length - 1);
    });

    test('a different dedupe key is a different message, even with the same content', async (channel) => {
      const [delivery] = deliveriesByLocale().get('ru') ?? [];
      assert.ok(delivery, 'fixture: a Russian message');
      const again = { ...delivery, dedupeKey: `${delivery.dedupeKey}-reminder` };
      await channel.notifier.send(delivery);
      await channel.notifier.send(again);
      const received = await channel.received();
      assert.equal(received.length, 2, `two messages with different keys must both arrive; ${received.length} did`);
      if (received.some((r) => r.dedupeKey !== null)) {
        assert.deepEqual(
          received.map((r) => r.dedupeKey),
          [delivery.dedupeKey, again.dedupeKey],
          'each message must carry its own dedupe key',
        );
      }
    });

    test('a refusal of the far end rejects with an Error the relay can record, nothing arrives, and the retry delivers', async (channel) => {
      const [delivery] = deliveriesByLocale().get('bn') ?? [];
      assert.ok(delivery, 'fixture: a Bengali message');
      await channel.failNext(1);
      await rejectsWithError(() => channel.notifier.send(delivery), 'the far end refused');
      assert.deepEqual(await channel.received(), [], 'a refused message must not count as arrived');
      await channel.notifier.send(delivery);
      const received = await channel.received();
      assert.equal(received.length, 1, `the retry must deliver once; ${received.length} arrived`);
      assertArrived(received, delivery, options, 0);
    });

    test('through createOutboxRelay: a failed message is retried with backoff, then delivered and acknowledged', async (channel) => {
      const clock = createFakeClock(at(0));
      const storage = createMemoryStorage();
      const engine = createOrderEngine({ storage, clock });
      const shopper = SHOPPERS[1] as Shopper; // Persian: the hardest script to keep intact
      const orderId = 'ord-relay-7';
      const price = 1_250 * shopper.unit;
      const created = await engine.create(
        { orderId, currency: shopper.currency, items: [{ lineId: 'l1', sku: 'POT-CERAMIC', name: shopper.item, quantity: 2, unitPrice: { amount: price, currency: shopper.currency } }] },
        { actor: shopperActor },
      );
      assert.equal(created.status, 'created');
      for (const step of lifeOf(shopper, orderId, price, 5 * shopper.unit).slice(0, 6)) {
        clock.advance({ minutes: 1 });
        const result = await engine.send(orderId, step.event, { actor: step.actor });
        assert.equal(result.status, 'applied', `fixture: ${step.event.type} was ${result.status}`);
      }
      const relay = createOutboxRelay({ storage, notifier: channel.notifier, clock, ignore: ['reserve_stock', 'release_stock'], backoff: { baseMs: 60_000, random: () => 1 } });
      await channel.failNext(1);
      const first = await relay.runOnce();
      assert.equal(first.delivered, 0, 'nothing is delivered while the channel refuses');
      assert.equal(first.failed, 1, `the refused message is to be retried: ${JSON.stringify(first.errors)}`);
      assert.equal(first.errors[0]?.code, 'SEND_FAILED');
      assert.ok(first.errors[0]?.error, 'the relay records why');
      const retryAt = first.errors[0]?.retryAt;
      assert.ok(retryAt !== null && retryAt !== undefined && Date.parse(retryAt) > clock.now().getTime(), 'the retry waits for its backoff');
      assert.equal((await relay.runOnce()).delivered, 0, 'not retried before its time');
      clock.set(retryAt);
      const second = await relay.runOnce();
      assert.equal(second.failed + second.dead, 0, `the retry fails: ${JSON.stringify(second.errors)}`);
      assert.equal(second.delivered, 1, 'the retry delivers the order_placed message');
      const [message] = await channel.received();
      assert.ok(message, 'the message arrived');
      assert.ok(message.dedupeKey === null || message.dedupeKey.startsWith(`${orderId}:`), `the relay's dedupe key is passed on, got ${String(message.dedupeKey)}`);
      assert.ok(/[\u0600-\u06ff]/.test(message.text), 'the Persian text arrived');
      assert.deepEqual(await relay.deadLetters(), [], 'nothing is dead');
      assert.deepEqual(await storage.claimOutbox(clock.now().toISOString(), { limit: 10, leaseMs: 1_000 }), [], 'the outbox row is acknowledged');
    });

    test('sends concurrently: every delivery in flight at once arrives', async (channel) => {
      const deliveries = [...(deliveriesByLocale().get('en') ?? [])].slice(0, 5);
      assert.equal(deliveries.length, 5, 'fixture: five English messages');
      await Promise.all(deliveries.map((d) => channel.notifier.send(d)));
      const received = await channel.received();
      assert.equal(received.length, deliveries.length, `${received.length} of ${deliveries.length} concurrent messages arrived`);
      if (received.some((r) => r.dedupeKey !== null)) {
        assert.deepEqual(new Set(received.map((r) => r.dedupeKey)), new Set(deliveries.map((d) => d.dedupeKey)), 'each concurrent message arrived under its own key');
      }
      for (const delivery of deliveries) {
        assert.ok(
          received.some((r) => textArrived(r, delivery, options.shortens ?? false)),
          `${delivery.effect.template}: its text did not arrive intact when sent concurrently`,
        );
      }
    });

    test('does not change the delivery it is given', async (channel) => {
      const [delivery] = deliveriesByLocale().get('fa') ?? [];
      assert.ok(delivery, 'fixture: a Persian message');
      const copy = structuredClone(delivery);
      const frozen = deepFreeze(structuredClone(delivery));
      await channel.notifier.send(frozen);
      assert.deepEqual(frozen, copy, 'send changed the delivery');
      assertArrived(await channel.received(), delivery, options, 0);
    });

    if (options.needs !== undefined) {
      const needs = options.needs;
      test(`refuses a recipient without ${needs === 'email' ? 'an e-mail address' : 'a phone number'}, with an Error, and sends nothing`, async (channel) => {
        const [delivery] = deliveriesByLocale().get('en') ?? [];
        assert.ok(delivery, 'fixture: an English message');
        const unreachable: NotificationDelivery = { ...delivery, recipient: { ...delivery.recipient, [needs]: null } };
        await rejectsWithError(() => channel.notifier.send(unreachable), `a recipient without ${needs}`);
        assert.deepEqual(await channel.received(), [], 'nothing may be sent to nobody');
      });
    }
  });
}
