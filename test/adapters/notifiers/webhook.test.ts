import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationDelivery } from '../../../src/index.js';
import {
  createWebhookNotifier,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookNotificationBody,
} from '../../../src/webhook.js';

const SECRET = 'whsec_test_0123456789';

const delivery: NotificationDelivery = {
  dedupeKey: 'ord_42:7:0',
  effect: {
    kind: 'notification',
    orderId: 'ord_42',
    template: 'shipment_shipped',
    audience: 'customer',
    subject: { machine: 'shipment', id: 'shp_1' },
    data: { carrier: 'Post', trackingNumber: 'RR123456789IR' },
  },
  recipient: { name: 'مریم', email: 'maryam@example.test', phone: '+989121234567' },
  message: {
    locale: 'fa',
    dir: 'rtl',
    subject: 'سفارش ۴۲ ارسال شد',
    text: 'سفارش شما با پست ارسال شد. کد رهگیری: RR123456789IR',
    html: '<!doctype html><html lang="fa" dir="rtl"><body><p>سفارش شما ارسال شد</p></body></html>',
  },
};

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  raw: Buffer;
}

type Responder = (req: IncomingMessage, res: ServerResponse) => void;

describe('createWebhookNotifier: signed JSON POST to a real local HTTP server; 2xx resolves, anything else rejects', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  // Each request takes the next responder; 204 when none is queued.
  let responders: Responder[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, raw: Buffer.concat(chunks) });
        const respond = responders.shift() ?? ((_req, r) => r.writeHead(204).end());
        respond(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections(); // the request the timeout test left hanging
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  });

  beforeEach(() => {
    received.length = 0;
    responders = [];
  });

  it('sends the documented body, signed over the raw bytes, with Idempotency-Key = dedupeKey', async () => {
    const notifier = createWebhookNotifier({ url: `${base}/hooks/orders?token=abc`, secret: SECRET });
    await expect(notifier.send(delivery)).resolves.toBeUndefined();

    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/hooks/orders?token=abc');
    expect(req!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req!.headers['idempotency-key']).toBe(delivery.dedupeKey);

    // What a receiver does: verify the raw body before parsing it.
    const verified = verifyWebhookSignature(req!.raw, req!.headers[WEBHOOK_SIGNATURE_HEADER], SECRET);
    expect(verified.ok).toBe(true);
    expect(verifyWebhookSignature(req!.raw, req!.headers[WEBHOOK_SIGNATURE_HEADER], 'whsec_other').ok).toBe(false);

    const body = JSON.parse(req!.raw.toString('utf8')) as WebhookNotificationBody;
    expect(body).toEqual({
      dedupeKey: 'ord_42:7:0',
      orderId: 'ord_42',
      template: 'shipment_shipped',
      audience: 'customer',
      subject: { machine: 'shipment', id: 'shp_1' },
      data: { carrier: 'Post', trackingNumber: 'RR123456789IR' },
      message: { locale: 'fa', subject: 'سفارش ۴۲ ارسال شد', text: 'سفارش شما با پست ارسال شد. کد رهگیری: RR123456789IR' },
    } satisfies WebhookNotificationBody);
  });

  it('rejects on HTTP 500 (naming the status), then resolves on 200 with the same Idempotency-Key', async () => {
    responders = [(_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('database down'), (_req, res) => res.writeHead(200).end('ok')];
    const notifier = createWebhookNotifier({ url: `${base}/hooks/orders`, secret: SECRET });

    const first = notifier.send(delivery);
    await expect(first).rejects.toThrow(/HTTP 500: database down/);
    await expect(first).rejects.toThrow(/ord_42:7:0/);
    await expect(notifier.send(delivery)).resolves.toBeUndefined();

    expect(received.map((r) => r.headers['idempotency-key'])).toEqual(['ord_42:7:0', 'ord_42:7:0']);
    for (const r of received) expect(verifyWebhookSignature(r.raw, r.headers[WEBHOOK_SIGNATURE_HEADER], SECRET).ok).toBe(true);
  });

  it('rejects when the server does not answer within timeoutMs', async () => {
    responders = [() => undefined]; // never answers; afterAll closes the socket
    const notifier = createWebhookNotifier({ url: `${base}/slow`, secret: SECRET, timeoutMs: 150 });
    const started = performance.now();
    await expect(notifier.send(delivery)).rejects.toThrow(/timed out after 150 ms/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(received).toHaveLength(1);
  });

  it('does not follow redirects: a 3xx rejects', async () => {
    responders = [(_req, res) => res.writeHead(308, { location: `${base}/elsewhere` }).end()];
    const notifier = createWebhookNotifier({ url: `${base}/moved`, secret: SECRET });
    await expect(notifier.send(delivery)).rejects.toThrow(/HTTP 308 \(redirects are not followed/);
    expect(received.map((r) => r.url)).toEqual(['/moved']);
  });

  it('rejects on a refused connection, with the reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const notifier = createWebhookNotifier({ url: `http://127.0.0.1:${port}/hooks`, secret: SECRET, timeoutMs: 2_000 });
    await expect(notifier.send(delivery)).rejects.toThrow(/failed: fetch failed \(ECONNREFUSED\)/);
  });

  it('adds custom headers but never lets them replace the ones it sets', async () => {
    const notifier = createWebhookNotifier({
      url: `${base}/hooks`,
      secret: SECRET,
      headers: { authorization: 'Bearer t0k3n', 'Idempotency-Key': 'forged', [WEBHOOK_SIGNATURE_HEADER]: 'forged', 'Content-Type': 'text/plain' },
    });
    await notifier.send(delivery);
    const [req] = received;
    expect(req!.headers.authorization).toBe('Bearer t0k3n');
    expect(req!.headers['idempotency-key']).toBe('ord_42:7:0');
    expect(req!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(verifyWebhookSignature(req!.raw, req!.headers[WEBHOOK_SIGNATURE_HEADER], SECRET).ok).toBe(true);
  });

  it('uses an injected fetch', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      calls.push({ url: String(input), init });
      return new Response(null, { status: 202 });
    };
    await createWebhookNotifier({ url: 'https://hooks.example.test/x', secret: SECRET, fetch }).send(delivery);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://hooks.example.test/x');
    expect(calls[0]!.init?.method).toBe('POST');
    expect(received).toHaveLength(0);
  });

  it('refuses bad configuration at creation', () => {
    expect(() => createWebhookNotifier({ url: 'not a url', secret: SECRET })).toThrow(TypeError);
    expect(() => createWebhookNotifier({ url: 'ftp://example.test/x', secret: SECRET })).toThrow(/http: or https:/);
    expect(() => createWebhookNotifier({ url: base, secret: '' })).toThrow(TypeError);
    expect(() => createWebhookNotifier({ url: base, secret: SECRET, timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createWebhookNotifier({ url: base, secret: SECRET, timeoutMs: Number.NaN })).toThrow(RangeError);
  });
});
