import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleNotifier, type NotificationDelivery } from '../../../src/index.js';

const clock = { now: () => new Date('2026-03-01T09:00:00.000Z') };

function delivery(patch: Partial<NotificationDelivery> = {}): NotificationDelivery {
  return {
    dedupeKey: 'o-1:7:0',
    effect: { kind: 'notification', orderId: 'o-1', template: 'order_placed', audience: 'customer', subject: { machine: 'order', id: 'o-1' }, data: {} },
    recipient: { name: 'Anna', email: 'anna@example.com', phone: '+4915112345678' },
    message: { locale: 'en', dir: 'ltr', subject: 'Thanks for your order o-1', text: 'Hello Anna,\nwe have your order.', html: '<p>…</p>' },
    ...patch,
  };
}

describe('console notifier: one readable block per message for the demo', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints time, recipient, locale, subject and text as one block per message', async () => {
    const blocks: string[] = [];
    const notifier = createConsoleNotifier({ write: (b) => blocks.push(b), clock });
    await notifier.send(delivery());
    expect(blocks).toEqual([
      [
        '── 2026-03-01T09:00:00.000Z · order_placed → customer · o-1:7:0',
        'to:      Anna <anna@example.com, +4915112345678>',
        'locale:  en (ltr)',
        'subject: Thanks for your order o-1',
        '',
        'Hello Anna,',
        'we have your order.',
        '',
      ].join('\n'),
    ]);
  });

  it('prints right-to-left text as it is', async () => {
    const blocks: string[] = [];
    const notifier = createConsoleNotifier({ write: (b) => blocks.push(b), clock });
    const text = 'سفارش شما ثبت شد. مبلغ: ۲۵٬۰۰۰ تومان';
    await notifier.send(delivery({ recipient: { name: null, email: null, phone: '+989121234567' }, message: { locale: 'fa', dir: 'rtl', subject: 'سفارش o-1', text, html: '' } }));
    expect(blocks[0]).toContain('to:      +989121234567\n');
    expect(blocks[0]).toContain('locale:  fa (rtl)\n');
    expect(blocks[0]).toContain('subject: سفارش o-1\n');
    expect(blocks[0]).toContain(`\n${text}\n`);
  });

  it('writes to console.log by default', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await createConsoleNotifier({ clock }).send(delivery({ recipient: { name: 'Staff', email: 'ops@shop.example', phone: null } }));
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toContain('to:      Staff <ops@shop.example>\n');
  });

  it('refuses, printing nothing, a recipient with neither e-mail address nor phone number (NO_RECIPIENT)', async () => {
    const blocks: string[] = [];
    const notifier = createConsoleNotifier({ write: (b) => blocks.push(b), clock });
    const staff = delivery({
      effect: { kind: 'notification', orderId: 'o-1', template: 'order_on_hold', audience: 'staff', subject: { machine: 'order', id: 'o-1' }, data: {} },
      recipient: { name: null, email: null, phone: null },
    });
    await expect(notifier.send(staff)).rejects.toMatchObject({
      code: 'NO_RECIPIENT',
      message: 'console notifier: the recipient of order_on_hold for order o-1 (dedupeKey o-1:7:0) has no email address or phone number (staff messages go to renderOptions.staff.recipient)',
    });
    await expect(notifier.send(delivery({ recipient: { name: 'Staff', email: '', phone: ' ' } }))).rejects.toMatchObject({ code: 'NO_RECIPIENT' });
    expect(blocks).toEqual([]);
  });
});
