import { describe, expect, it } from 'vitest';
import { createSmsNotifier, smsSegments, type NotificationDelivery, type RenderedMessage } from '../../../src/index.js';

describe('smsSegments: GSM-7 vs UCS-2, length in the encoding, segments as handsets pack them', () => {
  it.each([
    ['empty', '', 'GSM-7', 0, 1],
    ['English, 160 chars: one SMS', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['English, 161 chars: two segments', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['English, 306 chars: two segments of 153', 'a'.repeat(306), 'GSM-7', 306, 2],
    ['English, 307 chars: three', 'a'.repeat(307), 'GSM-7', 307, 3],
    ['GSM accents and Greek stay GSM-7', 'Café à Zürich: Δ Ω ¿¡ £5 ¥ §', 'GSM-7', 28, 1],
    ['newlines are GSM-7', 'line 1\nline 2\r\n', 'GSM-7', 15, 1],
    ['€ is an extension char: counts two', '€'.repeat(80), 'GSM-7', 160, 1],
    ['81 × € is 162 septets: two segments', '€'.repeat(81), 'GSM-7', 162, 2],
    ['[ is an extension char: counts two', `[${'a'.repeat(158)}`, 'GSM-7', 160, 1],
    ['[ pushes 159 chars over one SMS', `[${'a'.repeat(159)}`, 'GSM-7', 161, 2],
    ['all extension chars', '^{}\\[~]|€\f', 'GSM-7', 20, 1],
    ['Persian, 70 chars: one SMS', 'س'.repeat(70), 'UCS-2', 70, 1],
    ['Persian, 71 chars: two segments', 'س'.repeat(71), 'UCS-2', 71, 2],
    ['Persian, 134 chars: two segments of 67', 'س'.repeat(134), 'UCS-2', 134, 2],
    ['Persian, 135 chars: three', 'س'.repeat(135), 'UCS-2', 135, 3],
    ['Russian is UCS-2', 'Ваш заказ отправлен', 'UCS-2', 19, 1],
    ['Bengali is UCS-2', 'আপনার অর্ডার পাঠানো হয়েছে', 'UCS-2', 26, 1],
    ['one Cyrillic letter makes the whole text UCS-2', `${'a'.repeat(69)}ж`, 'UCS-2', 70, 1],
    ['one Cyrillic letter in 71 chars: two segments', `${'a'.repeat(70)}ж`, 'UCS-2', 71, 2],
    ['an emoji is UCS-2 and two code units', '📦', 'UCS-2', 2, 1],
    ['35 emoji = 70 code units: one SMS', '📦'.repeat(35), 'UCS-2', 70, 1],
    ['36 emoji = 72 code units: two segments', '📦'.repeat(36), 'UCS-2', 72, 2],
    ['the ellipsis character … is not GSM', 'Hello…', 'UCS-2', 6, 1],
    ['backtick is not GSM', 'a`b', 'UCS-2', 3, 1],
  ] as const)('%s', (_name, text, encoding, length, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, length, segments });
  });

  it('never splits an escape sequence between segments (a segment may end one septet short)', () => {
    // 152 + 2 + 152 = 306 septets = 2 × 153, but € cannot straddle the boundary: 3 segments.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ encoding: 'GSM-7', length: 306, segments: 3 });
    expect(smsSegments(`${'a'.repeat(151)}€${'a'.repeat(153)}`)).toEqual({ encoding: 'GSM-7', length: 306, segments: 2 });
  });

  it('never splits a surrogate pair between segments', () => {
    // 66 + 2 + 66 = 134 code units = 2 × 67, but the emoji cannot straddle the boundary.
    expect(smsSegments(`${'س'.repeat(66)}📦${'س'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', length: 134, segments: 3 });
    expect(smsSegments(`${'س'.repeat(65)}📦${'س'.repeat(67)}`)).toEqual({ encoding: 'UCS-2', length: 134, segments: 2 });
  });
});

function delivery(text: string, phone: string | null = '+79161234567'): NotificationDelivery {
  const message: RenderedMessage = { locale: 'ru', dir: 'ltr', subject: 'Заказ', text, html: `<p>${text}</p>` };
  return {
    dedupeKey: 'ord_7:3:1',
    effect: { kind: 'notification', orderId: 'ord_7', template: 'shipment_out_for_delivery', audience: 'customer', subject: { machine: 'shipment', id: 's1' }, data: {} },
    recipient: { name: 'Иван', email: null, phone },
    message,
  };
}

function recorder() {
  const sent: { to: string; text: string }[] = [];
  const keys: string[] = [];
  const send = async (to: string, text: string, context: { dedupeKey: string }): Promise<void> => {
    sent.push({ to, text });
    keys.push(context.dedupeKey);
  };
  return { sent, keys, send };
}

describe('createSmsNotifier: texts message.text to recipient.phone, within maxSegments', () => {
  it('sends a short text unchanged to the phone number, with the dedupeKey for the gateway', async () => {
    const { sent, keys, send } = recorder();
    await createSmsNotifier({ send }).send(delivery('Курьер будет сегодня. Подготовьте 2 499 ₽.'));
    expect(sent).toEqual([{ to: '+79161234567', text: 'Курьер будет сегодня. Подготовьте 2 499 ₽.' }]);
    expect(keys).toEqual(['ord_7:3:1']);
  });

  it('accepts a host send that takes only (to, text)', async () => {
    const texts: string[] = [];
    await createSmsNotifier({ send: async (_to: string, text: string) => void texts.push(text) }).send(delivery('Привет'));
    expect(texts).toEqual(['Привет']);
  });

  it('keeps a text that exactly fills maxSegments', async () => {
    const { sent, send } = recorder();
    const text = 'a'.repeat(306);
    await createSmsNotifier({ send, maxSegments: 2 }).send(delivery(text));
    expect(sent[0]!.text).toBe(text);
  });

  it('shortens a long GSM-7 text at a word boundary with "..." (… would switch it to UCS-2)', async () => {
    const { sent, send } = recorder();
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' '); // ~ 409 chars
    await createSmsNotifier({ send, maxSegments: 1 }).send(delivery(words));
    const text = sent[0]!.text;
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(text.endsWith('...')).toBe(true);
    const kept = text.slice(0, -3);
    expect(words.startsWith(kept)).toBe(true);
    expect(words[kept.length]).toBe(' '); // cut before a space: no half word
    expect(smsSegments(`${kept} word99...`).segments).toBe(2); // and no room for another word
  });

  it('shortens a long Persian text at a word boundary with … and stays UCS-2 within the limit', async () => {
    const { sent, send } = recorder();
    const sentence = 'سفارش شما امروز با پست پیشتاز ارسال شد و تا سه روز کاری دیگر به دستتان می‌رسد. ';
    const long = sentence.repeat(6).trim();
    await createSmsNotifier({ send, maxSegments: 2 }).send(delivery(long, '+989121234567'));
    const text = sent[0]!.text;
    expect(smsSegments(long).segments).toBeGreaterThan(2);
    expect(smsSegments(text)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(text.endsWith('…')).toBe(true);
    const kept = text.slice(0, -1);
    expect(long.startsWith(kept)).toBe(true);
    expect(/\s/.test(long[kept.length]!)).toBe(true);
    expect(smsSegments(text).length).toBeGreaterThan(100); // it did not give up most of the room
  });

  it('never cuts a surrogate pair or an emoji sequence, even without spaces', async () => {
    const { sent, send } = recorder();
    const family = '👩‍👩‍👧'; // one grapheme, five code points, eight code units
    await createSmsNotifier({ send, maxSegments: 1 }).send(delivery(family.repeat(20)));
    const text = sent[0]!.text;
    expect(smsSegments(text).segments).toBe(1);
    expect(text.endsWith('…')).toBe(true);
    const kept = text.slice(0, -1);
    expect(kept.length % family.length).toBe(0);
    expect(kept).toBe(family.repeat(kept.length / family.length));
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)).toBe(false);
  });

  it('rejects, naming the delivery, when the recipient has no phone', async () => {
    const { sent, send } = recorder();
    const notifier = createSmsNotifier({ send });
    await expect(notifier.send(delivery('hi', null))).rejects.toThrow(/\(dedupeKey ord_7:3:1\) has no phone number/);
    await expect(notifier.send(delivery('hi', '  '))).rejects.toMatchObject({ code: 'NO_RECIPIENT', message: expect.stringMatching(/no phone number$/) });
    expect(sent).toEqual([]);
  });

  it('rejects when the gateway rejects, keeping the cause', async () => {
    const cause = new Error('gateway 503');
    const notifier = createSmsNotifier({ send: () => Promise.reject(cause) });
    const error = await notifier.send(delivery('hi')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/shipment_out_for_delivery for order ord_7 .*failed: gateway 503/);
    expect((error as Error).cause).toBe(cause);
  });

  it('refuses bad configuration at creation', () => {
    const { send } = recorder();
    expect(() => createSmsNotifier({ send, maxSegments: 0 })).toThrow(RangeError);
    expect(() => createSmsNotifier({ send, maxSegments: 1.5 })).toThrow(RangeError);
    expect(() => createSmsNotifier({ send: undefined as unknown as typeof send })).toThrow(TypeError);
  });
});
