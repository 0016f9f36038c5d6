import { describe, expect, it } from 'vitest';
import { createMemoryNotifier, type NotificationDelivery } from '../../../src/index.js';

function delivery(dedupeKey: string, orderId = 'o1'): NotificationDelivery {
  return {
    dedupeKey,
    effect: { kind: 'notification', orderId, template: 'order_placed', audience: 'customer', subject: { machine: 'order', id: orderId }, data: {} },
    recipient: { name: 'Anna', email: 'anna@example.com', phone: null },
    message: { locale: 'en', dir: 'ltr', subject: 'Thanks for your order', text: 'Thanks!', html: '<p>Thanks!</p>' },
  };
}

describe('memory notifier: records every delivery, shows one per dedupe key, fails on demand', () => {
  it('keeps every accepted delivery in `sent` and the first per dedupe key in `unique`', async () => {
    const notifier = createMemoryNotifier();
    await notifier.send(delivery('o1:7:0'));
    await notifier.send(delivery('o1:8:0'));
    await notifier.send(delivery('o1:7:0'));
    expect(notifier.sent.map((d) => d.dedupeKey)).toEqual(['o1:7:0', 'o1:8:0', 'o1:7:0']);
    expect(notifier.unique.map((d) => d.dedupeKey)).toEqual(['o1:7:0', 'o1:8:0']);
    expect(notifier.countOf('o1:7:0')).toBe(2);
    expect(notifier.countOf('nope')).toBe(0);
    expect(notifier.attempts.every((a) => a.ok && a.error === null)).toBe(true);
  });

  it('records copies: changing what was passed or what was read does not change the record', async () => {
    const notifier = createMemoryNotifier();
    const d = delivery('o1:7:0');
    await notifier.send(d);
    (d.message as { subject: string }).subject = 'changed';
    (notifier.sent as NotificationDelivery[]).length = 0;
    expect(notifier.sent[0]?.message.subject).toBe('Thanks for your order');
  });

  it('failNext(k) rejects the next k calls, recorded as failed attempts, then accepts again', async () => {
    const notifier = createMemoryNotifier();
    notifier.failNext(2, { error: 'smtp: 421' });
    await expect(notifier.send(delivery('a'))).rejects.toThrow('smtp: 421');
    await expect(notifier.send(delivery('a'))).rejects.toThrow('smtp: 421');
    await notifier.send(delivery('a'));
    expect(notifier.sent.map((d) => d.dedupeKey)).toEqual(['a']);
    expect(notifier.attempts.map((a) => [a.ok, a.error])).toEqual([
      [false, 'smtp: 421'],
      [false, 'smtp: 421'],
      [true, null],
    ]);
    expect(() => notifier.failNext(-1)).toThrow(RangeError);
  });

  it('failNext with `when` only fails, and only counts, the matching calls', async () => {
    const notifier = createMemoryNotifier();
    notifier.failNext(1, { when: (d) => d.effect.orderId === 'o2' });
    await notifier.send(delivery('o1:7:0', 'o1'));
    await expect(notifier.send(delivery('o2:7:0', 'o2'))).rejects.toThrow('memory notifier: failing on purpose');
    await notifier.send(delivery('o2:7:0', 'o2'));
    expect(notifier.sent.map((d) => d.dedupeKey)).toEqual(['o1:7:0', 'o2:7:0']);
  });

  it('failAlways rejects every call until recover(); clear() forgets the records', async () => {
    const notifier = createMemoryNotifier();
    notifier.failAlways();
    for (let i = 0; i < 5; i++) await expect(notifier.send(delivery('a'))).rejects.toThrow();
    notifier.recover();
    await notifier.send(delivery('a'));
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.attempts).toHaveLength(6);
    notifier.clear();
    expect([notifier.sent, notifier.unique, notifier.attempts]).toEqual([[], [], []]);
    await notifier.send(delivery('a'));
    expect(notifier.unique).toHaveLength(1);
  });

  it('refuses a recipient with no address at all (NO_RECIPIENT), as a real channel would; one address is enough', async () => {
    const notifier = createMemoryNotifier();
    notifier.failNext(1);
    const staff: NotificationDelivery = {
      ...delivery('o1:9:0'),
      effect: { kind: 'notification', orderId: 'o1', template: 'order_on_hold', audience: 'staff', subject: { machine: 'order', id: 'o1' }, data: {} },
      recipient: { name: null, email: null, phone: null },
    };
    await expect(notifier.send(staff)).rejects.toMatchObject({
      code: 'NO_RECIPIENT',
      message:
        'memory notifier: the recipient of order_on_hold for order o1 (dedupeKey o1:9:0) has no email address or phone number (staff messages go to renderOptions.staff.recipient)',
    });
    await expect(notifier.send({ ...delivery('o1:7:0'), recipient: { name: 'Anna', email: ' ', phone: '' } })).rejects.toMatchObject({ code: 'NO_RECIPIENT' });
    expect(notifier.sent).toEqual([]);
    expect(notifier.attempts.map((a) => [a.delivery.dedupeKey, a.ok, a.error?.includes('has no email address or phone number')])).toEqual([
      ['o1:9:0', false, true],
      ['o1:7:0', false, true],
    ]);
    // The refusals did not use up failNext: the channel still fails once, then takes a phone-only recipient.
    const byPhone: NotificationDelivery = { ...delivery('o1:8:0'), recipient: { name: null, email: null, phone: '+4915112345678' } };
    await expect(notifier.send(byPhone)).rejects.toThrow('memory notifier: failing on purpose');
    await notifier.send(byPhone);
    expect(notifier.sent.map((d) => d.dedupeKey)).toEqual(['o1:8:0']);
  });
});
