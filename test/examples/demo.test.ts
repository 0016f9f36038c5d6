import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES, TIMER_ACTOR, type Locale, type Money } from '../../src/index.js';
import type { DemoScenario } from '../../examples/demo/DemoScenario.js';
import { runDemo, type DemoResult, type ScenarioResult, type TimelineEntry } from '../../examples/demo/runDemo.js';
import { DEMO_SCENARIOS, DEMO_STOCK } from '../../examples/demo/scenarios.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROGRESS = /^\[(\d)\/9\] (.+) \(seed (00[0-4]), (fa|ru|bn|en)\) … (\S+) ([✓✗]) (\d+) ms$/;

let demo: DemoResult;
let printed: string[];
let wallMs: number;

beforeAll(async () => {
  printed = [];
  const started = performance.now();
  demo = await runDemo({ out: (line) => printed.push(line) });
  wallMs = performance.now() - started;
}, 120_000);

function scenario(name: string): ScenarioResult {
  const found = demo.scenarios.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no scenario named ${name}: ${demo.scenarios.map((s) => s.name).join(', ')}`);
  return found;
}

const events = (s: ScenarioResult, type: string): TimelineEntry[] => s.timeline.filter((t) => t.kind === 'event' && t.eventType === type);
const templates = (s: ScenarioResult) => s.notifications.map((n) => n.template);
const orderOf = (s: ScenarioResult) => {
  if (s.order === null) throw new Error(`${s.name}: no order`);
  return s.order;
};
const rial = (rials: number): Money => ({ amount: rials * 100, currency: 'IRR' });

// ── the language of a message ──────────────────────────────────────────────────────────────────

const SCRIPT: Readonly<Record<Locale, RegExp>> = {
  fa: /\p{Script=Arabic}/u,
  ru: /\p{Script=Cyrillic}/u,
  bn: /\p{Script=Bengali}/u,
  en: /\p{Script=Latin}/u,
};
const FOREIGN_TO_EN = /[\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Bengali}]/u;

/** The share of letters written in the locale's script, links and codes (`1007-R1`, `INV-7`) aside. */
function scriptShare(text: string, locale: Locale): number {
  const words = text.replace(/https?:\/\/\S+/g, ' ').replace(/\S*\d\S*/gu, ' ');
  const letters = words.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  return letters.filter((l) => SCRIPT[locale].test(l)).length / letters.length;
}

/** The seeds are written in Persian (000, 002, 003), Russian (001) and Bengali/English (004). */
const SEED_LANGUAGES: Readonly<Record<string, readonly Locale[]>> = { '000': ['fa'], '001': ['ru'], '002': ['fa'], '003': ['fa'], '004': ['bn', 'en'] };

describe('npm run demo — nine orders, one per seed process, on PGlite', () => {
  it('runs the nine scenarios in under a minute, every one ending as expected', () => {
    expect(demo.scenarios.map((s) => s.name)).toEqual([
      'online card',
      'bank transfer confirmed by staff',
      'cash on delivery',
      'backorder',
      'split shipment',
      'failed delivery, then redelivery',
      'return with refund',
      'abandoned cart',
      'expired unpaid order',
    ]);
    for (const s of demo.scenarios) expect({ name: s.name, problems: s.problems, ok: s.ok }).toEqual({ name: s.name, problems: [], ok: true });
    expect(demo.ok).toBe(true);
    expect(wallMs).toBeLessThan(60_000);
    expect(demo.ms).toBeLessThan(60_000);
  });

  it('prints one progress line per scenario, in order, before the details', () => {
    const progress = printed.filter((l) => PROGRESS.test(l));
    expect(progress).toHaveLength(9);
    expect(printed.slice(0, 9)).toEqual(progress);
    progress.forEach((line, i) => {
      const [, n, name, seed, locale, ended, mark] = PROGRESS.exec(line) ?? [];
      const s = demo.scenarios[i];
      expect({ n: Number(n), name, seed, locale, ended, mark }).toEqual({ n: i + 1, name: s?.name, seed: s?.seed, locale: s?.locale, ended: s?.statuses?.customer, mark: '✓' });
    });
    expect(printed.at(-1)).toMatch(/^9\/9 scenarios ended as expected; \d+ messages sent; [\d.]+ s on embedded PostgreSQL \(PGlite\)\.$/);
  });

  it('each scenario follows a seed, and its customer writes in the seed\'s language; every seed is used', () => {
    for (const s of demo.scenarios) {
      expect(SEED_LANGUAGES[s.seed], `${s.name}: seed ${s.seed}`).toContain(s.locale);
      expect(orderOf(s).order.context.customer?.locale).toBe(s.locale);
    }
    expect(new Set(demo.scenarios.map((s) => s.seed))).toEqual(new Set(['000', '001', '002', '003', '004']));
    expect(new Set(demo.scenarios.map((s) => s.locale))).toEqual(new Set(['fa', 'ru', 'bn', 'en']));
  });

  it('the timeline is the order\'s durable history, with the customer status after each step in their language', () => {
    for (const s of demo.scenarios) {
      const rows = s.timeline.filter((t) => t.kind === 'event');
      expect(rows[0]).toMatchObject({ seq: 1, eventType: 'CREATE_ORDER', orderState: 'cart' });
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      const times = s.timeline.map((t) => Date.parse(t.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(rows.at(-1)?.orderState).toBe(s.statuses?.order);
      for (const row of rows) {
        expect(row.statuses, `${s.name} #${row.seq} ${row.eventType}`).not.toBeNull();
        expect(row.statusLabel).toBe(MESSAGES[s.locale].statusLabels[row.statuses?.customer ?? 'shopping']);
        expect(scriptShare(row.statusLabel ?? '', s.locale), `${s.name}: «${row.statusLabel}»`).toBe(1);
      }
      // Every message belongs to a step of the timeline.
      for (const n of s.notifications) expect(rows.map((r) => r.seq)).toContain(n.seq);
    }
  });

  it('every message reaches the customer in their language: script, digits and direction', () => {
    let checked = 0;
    let numbered = 0;
    for (const s of demo.scenarios) {
      expect(s.notifications.length, s.name).toBeGreaterThan(0);
      for (const n of s.notifications) {
        const what = `${s.name} ${n.template}: ${n.subject}`;
        expect(n.audience, what).toBe('customer');
        expect(n.locale, what).toBe(s.locale);
        expect(n.dir, what).toBe(s.locale === 'fa' ? 'rtl' : 'ltr');
        if (s.locale === 'en') {
          expect(n.subject + n.text, what).not.toMatch(FOREIGN_TO_EN);
        } else {
          expect(scriptShare(n.subject, s.locale), what).toBe(1);
          expect(scriptShare(n.firstLine, s.locale), `${what} — ${n.firstLine}`).toBeGreaterThanOrEqual(0.95);
          expect(scriptShare(n.text, s.locale), what).toBeGreaterThanOrEqual(0.95);
        }
        // The order number in a subject is written in the language's digits.
        const localDigits = { fa: '۰۱۲۳۴۵۶۷۸۹', bn: '০১২৩৪৫৬৭৮৯', ru: '0123456789', en: '0123456789' }[s.locale];
        const orderNumber = [...s.orderId].map((d) => localDigits[Number(d)]).join('');
        if (/\p{Nd}/u.test(n.subject)) {
          expect(n.subject, what).toContain(orderNumber);
          numbered += 1;
        }
        if (s.locale === 'fa' || s.locale === 'bn') expect(n.subject, what).not.toMatch(/[0-9]/);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(50);
    expect(numbered).toBeGreaterThanOrEqual(checked - 5);
  });

  it('online card (seed 001): 3-D Secure, then paid and walked through «Необработанный» … «Отправлено» to delivered', () => {
    const s = scenario('online card');
    expect(s.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    const seen = s.timeline.flatMap((t) => (t.statusLabel === null ? [] : [t.statusLabel]));
    const walk = ['Необработанный', 'Сборка', 'Упаковка', 'Готов к отправке', 'Отправлено', 'Доставлен'];
    expect(walk.map((label) => seen.indexOf(label))).toEqual([...walk.map((label) => seen.indexOf(label))].sort((a, b) => a - b));
    expect(walk.every((label) => seen.includes(label))).toBe(true);
    expect(templates(s)).toEqual(['order_placed', 'payment_action_required', 'payment_received', 'order_confirmed', 'shipment_shipped', 'shipment_out_for_delivery', 'shipment_delivered']);
    expect(s.commands.map((c) => c.command)).toEqual(['buy_label']);
  });

  it('bank transfer (seed 003): the customer cannot confirm it; staff do, with the receipt, and the delay is told', () => {
    const s = scenario('bank transfer confirmed by staff');
    expect(s.timeline.find((t) => t.kind === 'refused')).toMatchObject({ eventType: 'CONFIRM_BANK_TRANSFER', actor: { kind: 'customer' }, refusal: 'ACTOR_NOT_ALLOWED' });
    const confirmed = events(s, 'CONFIRM_BANK_TRANSFER');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ actor: { kind: 'staff' }, orderState: 'placed.confirmed' });
    expect(orderOf(s).payments[0]).toMatchObject({ state: 'captured', context: { method: 'bank_transfer', reference: 'پیگیری ساتنا ۱۴۰۵۰۶۲۴۷۷۱۲۳۴' } });
    expect(templates(s)).toEqual(['order_placed', 'bank_transfer_instructions', 'payment_received', 'order_confirmed', 'shipment_shipped', 'order_delayed', 'shipment_delivered']);
    expect(s.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
  });

  it('cash on delivery (seed 000): no parcel without the cash; paid at the door; feedback asked for by the timer a week later', () => {
    const s = scenario('cash on delivery');
    expect(s.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    expect(s.timeline.filter((t) => t.kind === 'refused').map((t) => t.refusal)).toEqual(['COD_NOT_COLLECTED']);
    // Stock is reserved only once staff confirm the cash-on-delivery order.
    const confirm = events(s, 'CONFIRM_ORDER')[0];
    const reserved = events(s, 'STOCK_RESERVED')[0];
    expect(confirm?.actor?.kind).toBe('staff');
    expect(reserved?.seq).toBe((confirm?.seq ?? 0) + 1);
    expect(orderOf(s).payments[0]).toMatchObject({ state: 'captured', context: { method: 'cash_on_delivery', captured: rial(188_000_000).amount } });
    const feedback = events(s, 'REQUEST_FEEDBACK');
    expect(feedback).toHaveLength(1);
    expect(feedback[0]?.actor).toEqual(TIMER_ACTOR);
    const delivered = Date.parse(orderOf(s).shipments[0]?.context.deliveredAt ?? '');
    expect(Date.parse(feedback[0]?.at ?? '') - delivered).toBeGreaterThanOrEqual(7 * 24 * 3600_000);
    // A customer known only by phone gets SMS.
    expect(new Set(s.notifications.map((n) => n.channel))).toEqual(new Set(['sms']));
    expect(templates(s)).toEqual(['order_placed', 'order_confirmed', 'shipment_shipped', 'shipment_out_for_delivery', 'shipment_delivered', 'payment_received', 'feedback_request']);
  });

  it('backorder (seed 001): «Ожидание отправки» while the goods are brought in, the timer tells of the delay, then delivered', () => {
    const s = scenario('backorder');
    expect(s.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    const backordered = s.timeline.filter((t) => t.orderState === 'placed.backordered');
    expect(backordered.length).toBeGreaterThanOrEqual(2);
    expect(backordered[0]).toMatchObject({ eventType: 'STOCK_UNAVAILABLE', statusLabel: 'Ожидание отправки' });
    expect(events(s, 'NOTIFY_DELAY')[0]).toMatchObject({ actor: TIMER_ACTOR, orderState: 'placed.backordered' });
    expect(s.timeline.some((t) => t.kind === 'warehouse')).toBe(true);
    expect(templates(s)).toEqual(expect.arrayContaining(['order_backordered', 'order_delayed', 'shipment_delivered']));
    // The machine brought in for the order has left with it.
    expect(s.stock.find((x) => x.sku === 'DLG-ECAM-22')).toEqual({ sku: 'DLG-ECAM-22', onHand: 0, reserved: 0 });
  });

  it('split shipment (seed 004, bn): two parcels from two warehouses, each captured as it ships, the order delivered', () => {
    const s = scenario('split shipment');
    expect(s.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    const order = orderOf(s);
    expect(order.shipments.map((x) => [x.id, x.state, x.context.warehouse])).toEqual([
      ['1005-S1', 'delivered', 'dhaka'],
      ['1005-S2', 'delivered', 'chattogram'],
    ]);
    const states = s.timeline.flatMap((t) => (t.orderState === null ? [] : [t.orderState]));
    expect([...new Set(states)].slice(-4)).toEqual(['placed.fulfilling', 'placed.partially_shipped', 'placed.shipped', 'placed.delivered']);
    expect(order.payments[0]).toMatchObject({ state: 'captured', context: { captured: 150_000 } });
    expect(s.commands.map((c) => c.command)).toEqual(['capture_payment', 'capture_payment']);
    expect(templates(s).filter((t) => t === 'shipment_shipped')).toHaveLength(2);
    expect(templates(s).filter((t) => t === 'shipment_delivered')).toHaveLength(2);
  });

  it('failed delivery, then redelivery (seed 004, en): the failed attempt is in the timeline and told to the customer', () => {
    const s = scenario('failed delivery, then redelivery');
    expect(s.statuses).toEqual({ order: 'placed.delivered', payment: 'paid', fulfilment: 'delivered', returns: 'none', customer: 'delivered' });
    const failed = s.timeline.find((t) => t.changes.some((c) => c.machine === 'shipment' && c.to === 'delivery_failed'));
    expect(failed).toMatchObject({ eventType: 'CARRIER_STATUS', actor: { kind: 'carrier' }, event: { status: 'failure' }, statusLabel: 'Delivery attempt failed' });
    const delivered = s.timeline.find((t) => t.changes.some((c) => c.machine === 'shipment' && c.to === 'delivered'));
    expect(Date.parse(delivered?.at ?? '')).toBeGreaterThan(Date.parse(failed?.at ?? ''));
    expect(orderOf(s).shipments[0]).toMatchObject({ state: 'delivered', context: { attempts: 1 } });
    const told = s.notifications.find((n) => n.template === 'delivery_attempt_failed');
    expect(told?.firstLine).toContain('1 delivery attempt');
  });

  it('return with refund (seed 002): the goods come back and the whole payment is refunded — never more', () => {
    const s = scenario('return with refund');
    expect(s.statuses).toEqual({ order: 'completed', payment: 'refunded', fulfilment: 'delivered', returns: 'returned', customer: 'refunded' });
    const order = orderOf(s);
    expect(order.payments[0]).toMatchObject({ state: 'refunded', context: { captured: rial(10_500_000).amount, refunded: rial(10_500_000).amount, refundPending: 0 } });
    expect(order.returns[0]).toMatchObject({ id: '1007-R1', state: 'closed', context: { resolution: { kind: 'refund', amount: rial(9_000_000) } } });
    expect(s.timeline.filter((t) => t.kind === 'refused')).toEqual([expect.objectContaining({ eventType: 'REQUEST_REFUND', refusal: 'REFUND_EXCEEDS_CAPTURED' })]);
    expect(s.commands.map((c) => c.effect)).toEqual([
      expect.objectContaining({ command: 'refund_payment', amount: rial(9_000_000) }),
      expect.objectContaining({ command: 'refund_payment', amount: rial(1_500_000) }),
    ]);
    expect(s.notifications.filter((n) => n.template === 'refund_issued').map((n) => n.firstLine)).toEqual([
      expect.stringContaining('۹٬۰۰۰٬۰۰۰ ریال'),
      expect.stringContaining('۱٬۵۰۰٬۰۰۰ ریال'),
    ]);
  });

  it('abandoned cart (seed 002): exactly one reminder, sent by the timer, and nothing at the next sweep', () => {
    const s = scenario('abandoned cart');
    expect(s.statuses).toMatchObject({ order: 'checkout', customer: 'checking_out' });
    expect(templates(s)).toEqual(['cart_reminder']);
    expect(events(s, 'SEND_CART_REMINDER')).toEqual([expect.objectContaining({ actor: TIMER_ACTOR })]);
    expect(orderOf(s).order.context.cartReminderSentAt).toBe(events(s, 'SEND_CART_REMINDER')[0]?.at);
    expect(s.timeline.at(-1)).toMatchObject({ kind: 'sweep' });
  });

  it('expired unpaid order (seed 002): reminded once, expired by the timer, and its stock free again', () => {
    const s = scenario('expired unpaid order');
    expect(s.statuses).toMatchObject({ order: 'expired', customer: 'expired', fulfilment: 'unfulfilled' });
    expect(templates(s)).toEqual(['order_placed', 'bank_transfer_instructions', 'payment_reminder', 'order_expired']);
    expect(events(s, 'EXPIRE_ORDER')).toEqual([expect.objectContaining({ actor: TIMER_ACTOR, orderState: 'expired' })]);
    expect(orderOf(s).order.context.stock).toBe('unreserved');
    expect(events(s, 'STOCK_RESERVED')).toEqual([]);
    expect(s.stock).toEqual([{ sku: 'BARBERRY-500', onHand: DEMO_STOCK['BARBERRY-500'], reserved: 0 }]);
  });

  it('a scenario that does not end as expected, or a step the order refuses, fails the run', async () => {
    const cart = DEMO_SCENARIOS.find((s) => s.name === 'abandoned cart') as DemoScenario;
    const wrongEnd: DemoScenario = { ...cart, expected: { order: 'placed.delivered' } };
    const refusedStep: DemoScenario = {
      ...cart,
      orderId: '2008',
      steps: [{ actor: { kind: 'customer', id: 'negar' }, event: { type: 'PLACE_ORDER', total: rial(13_600_000) } }],
    };
    const lines: string[] = [];
    const result = await runDemo({ scenarios: [wrongEnd, refusedStep], out: (line) => lines.push(line) });
    expect(result.ok).toBe(false);
    expect(result.scenarios.map((s) => s.ok)).toEqual([false, false]);
    expect(result.scenarios[0]?.problems).toEqual(['expected order status placed.delivered, got checkout']);
    expect(result.scenarios[1]?.problems[0]).toMatch(/^PLACE_ORDER from customer negar was rejected — /);
    expect(lines.filter((l) => / ✗ \d+ ms$/.test(l))).toHaveLength(2);
  }, 60_000);

  it('`npm run demo` exits 0 and prints the nine progress lines', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'demo'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
    const progress = stdout.split('\n').filter((l) => PROGRESS.test(l));
    expect(progress).toHaveLength(9);
    expect(progress.every((l) => l.includes(' ✓ '))).toBe(true);
    expect(stdout).toContain('9/9 scenarios ended as expected');
  }, 120_000);
});
