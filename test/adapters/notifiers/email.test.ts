import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createEmailNotifier,
  type EmailMessage,
  type EmailTransport,
  type NotificationDelivery,
  type RenderedMessage,
} from '../../../src/index.js';

const REJECTED = 'nobody@blocked.example.test';

interface Received {
  envelope: { from: string | false; to: string[] };
  raw: Buffer;
  mail: ParsedMail;
}

function delivery(dedupeKey: string, message: RenderedMessage, recipient: Partial<NotificationDelivery['recipient']> = {}): NotificationDelivery {
  return {
    dedupeKey,
    effect: { kind: 'notification', orderId: 'ord_42', template: 'shipment_shipped', audience: 'customer', subject: { machine: 'shipment', id: 'shp_1' }, data: {} },
    recipient: { name: null, email: 'customer@example.test', phone: null, ...recipient },
    message,
  };
}

const html = (lang: string, dir: string, title: string, body: string) =>
  `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${title}</title></head><body><p>${body}</p></body></html>`;

// Long enough that the transport must fold the subject and wrap the body, so encoded words and
// soft line breaks have to fall between whole UTF-8 characters.
const persian: RenderedMessage = {
  locale: 'fa',
  dir: 'rtl',
  subject: 'سفارش ۴۲ شما ارسال شد — کد رهگیری RR123456789IR — تحویل تا ۱۴۰۵/۰۱/۲۰ (۲۰۲۶-۰۴-۰۹)',
  text: 'مریم عزیز، سلام.\nسفارش ۴۲ شما امروز با پست پیشتاز ارسال شد و تا سه روز کاری دیگر به دستتان می‌رسد.\nمبلغ: ۲٬۴۹۹٬۰۰۰ ریال',
  html: html('fa', 'rtl', 'سفارش ارسال شد', 'سفارش ۴۲ شما امروز با پست پیشتاز ارسال شد و تا سه روز کاری دیگر به دستتان می‌رسد.'),
};

const russian: RenderedMessage = {
  locale: 'ru',
  dir: 'ltr',
  subject: 'Заказ №42 отправлен: трек-номер RR123456789IR',
  text: 'Здравствуйте, Иван!\nВаш заказ №42 передан в службу доставки «Почта России». Ожидаемая дата доставки: 9 апреля 2026 г.\nСумма: 2 499,00 ₽',
  html: html('ru', 'ltr', 'Заказ отправлен', 'Ваш заказ №42 передан в службу доставки «Почта России».'),
};

describe('createEmailNotifier: end to end through a real nodemailer transport to a real SMTP server', () => {
  let server: SMTPServer;
  let transport: ReturnType<typeof nodemailer.createTransport>;
  const received: Received[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address === REJECTED) {
          callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (mail) => {
              received.push({
                envelope: { from: session.envelope.mailFrom && session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address) },
                raw,
                mail,
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  });

  afterAll(async () => {
    transport.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    received.length = 0;
  });

  it('delivers a Persian (RTL) message with subject, text, HTML, Content-Language and Message-ID intact', async () => {
    const email = createEmailNotifier({ transport, from: { name: 'فروشگاه نمونه', address: 'orders@shop.example.test' } });
    await email.send(delivery('ord_42:7:0', persian, { name: 'مریم رضایی' }));

    expect(received).toHaveLength(1);
    const { envelope, raw, mail } = received[0]!;
    expect(envelope).toEqual({ from: 'orders@shop.example.test', to: ['customer@example.test'] });
    expect(mail.subject).toBe(persian.subject);
    expect(mail.text).toBe(persian.text);
    expect(mail.html).toBe(persian.html);
    expect(mail.headers.get('content-language')).toBe('fa');
    expect(mail.messageId).toBe('<ord_42%3A7%3A0@ordermachine>');
    expect(mail.from?.value).toEqual([{ name: 'فروشگاه نمونه', address: 'orders@shop.example.test' }]);
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    expect(to?.value).toEqual([{ name: 'مریم رضایی', address: 'customer@example.test' }]);
    // On the wire: 7-bit headers (RFC 2047 words), parts declared as UTF-8.
    const head = raw.toString('latin1').split('\r\n\r\n')[0]!;
    expect(/^[\x20-\x7e\r\n\t]*$/.test(head)).toBe(true);
    expect(raw.toString('latin1')).toMatch(/charset=utf-8/i);
  });

  it('delivers a Russian message intact, with a custom Message-ID domain and Reply-To', async () => {
    const email = createEmailNotifier({
      transport,
      from: 'Shop <orders@shop.example.test>',
      replyTo: 'support@shop.example.test',
      messageIdDomain: 'shop.example.test',
    });
    await email.send(delivery('ord_42:8:1', russian, { name: 'Иван Петров', email: 'ivan@example.test' }));

    const { envelope, mail } = received[0]!;
    expect(envelope.to).toEqual(['ivan@example.test']);
    expect(mail.subject).toBe(russian.subject);
    expect(mail.text).toBe(russian.text);
    expect(mail.html).toBe(russian.html);
    expect(mail.headers.get('content-language')).toBe('ru');
    expect(mail.messageId).toBe('<ord_42%3A8%3A1@shop.example.test>');
    expect(mail.replyTo?.value).toEqual([{ name: '', address: 'support@shop.example.test' }]);
  });

  it('keeps the Message-ID of a redelivery, and escapes keys into a valid msg-id', async () => {
    const email = createEmailNotifier({ transport, from: 'orders@shop.example.test' });
    await email.send(delivery('ord 1/é.<x>@y', russian));
    await email.send(delivery('ord 1/é.<x>@y', russian));
    await email.send(delivery('ord_1:1:0', russian));
    const ids = received.map((r) => r.mail.messageId);
    expect(ids[0]).toBe('<ord%201/%C3%A9%2E%3Cx%3E%40y@ordermachine>');
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    // RFC 5322 msg-id: "<" dot-atom-text "@" dot-atom-text ">"
    const atext = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]+";
    for (const id of ids) expect(id).toMatch(new RegExp(`^<${atext}(\\.${atext})*@${atext}(\\.${atext})*>$`));
  });

  it('rejects when the server refuses the recipient', async () => {
    const email = createEmailNotifier({ transport, from: 'orders@shop.example.test' });
    const failed = email.send(delivery('ord_42:9:0', russian, { email: REJECTED }));
    await expect(failed).rejects.toThrow(/email notifier: sending shipment_shipped for order ord_42 \(dedupeKey ord_42:9:0\) failed/);
    await expect(failed).rejects.toThrow(/Mailbox unavailable/);
    expect(received).toHaveLength(0);
  });

  it('rejects, without calling the transport, when the recipient has no email', async () => {
    const calls: EmailMessage[] = [];
    const spy: EmailTransport = {
      async sendMail(message) {
        calls.push(message);
      },
    };
    const email = createEmailNotifier({ transport: spy, from: 'orders@shop.example.test' });
    await expect(email.send(delivery('ord_42:10:0', persian, { email: null }))).rejects.toThrow(
      /recipient of shipment_shipped for order ord_42 \(dedupeKey ord_42:10:0\) has no email address/,
    );
    // Typed, so the relay dead-letters it at once as NO_RECIPIENT instead of retrying it.
    await expect(email.send(delivery('ord_42:10:0', persian, { email: ' ' }))).rejects.toMatchObject({ code: 'NO_RECIPIENT', message: expect.stringMatching(/has no email address$/) });
    expect(calls).toEqual([]);
  });

  it('refuses bad configuration at creation', () => {
    expect(() => createEmailNotifier({ transport: {} as EmailTransport, from: 'a@b.test' })).toThrow(TypeError);
    expect(() => createEmailNotifier({ transport, from: '' })).toThrow(TypeError);
    expect(() => createEmailNotifier({ transport, from: 'a@b.test', messageIdDomain: 'bad domain' })).toThrow(TypeError);
    expect(() => createEmailNotifier({ transport, from: 'a@b.test', messageIdDomain: '.shop' })).toThrow(TypeError);
  });
});
