import { createHmac } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WEBHOOK_SIGNATURE_HEADER,
  signWebhookPayload,
  verifyWebhookSignature,
  type WebhookVerifyResult,
} from '../src/webhook.js';

const SECRET = 'whsec_current_0123456789';
const OLD_SECRET = 'whsec_previous_9876543210';
const T = 1_700_000_000;
const BODY = JSON.stringify({ type: 'order.shipped', orderId: 'ord_123', total: { amount: 4999, currency: 'EUR' } });

function errorCode(result: WebhookVerifyResult): string | undefined {
  return result.ok ? undefined : result.error.code;
}

describe('signWebhookPayload: produces t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">', () => {
  it('matches an independently computed HMAC', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhookPayload(BODY, SECRET, { timestamp: T })).toBe(`t=${T},v1=${expected}`);
  });

  it('signs bytes and the same text identically', () => {
    const bytes = new TextEncoder().encode(BODY);
    expect(signWebhookPayload(bytes, SECRET, { timestamp: T })).toBe(signWebhookPayload(BODY, SECRET, { timestamp: T }));
  });

  it('signs bytes that are not valid UTF-8 as bytes', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80]);
    const expected = createHmac('sha256', SECRET).update(`${T}.`).update(bytes).digest('hex');
    expect(signWebhookPayload(bytes, SECRET, { timestamp: T })).toBe(`t=${T},v1=${expected}`);
    expect(verifyWebhookSignature(bytes, `t=${T},v1=${expected}`, SECRET, { now: T }).ok).toBe(true);
  });

  it('defaults the timestamp to the current unix second', () => {
    const before = Math.floor(Date.now() / 1000);
    const header = signWebhookPayload(BODY, SECRET);
    const after = Math.floor(Date.now() / 1000);
    const t = Number(/^t=(\d+),/.exec(header)?.[1]);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(after);
    expect(verifyWebhookSignature(BODY, header, SECRET)).toEqual({ ok: true, timestamp: t });
  });

  it('throws on programming errors: empty secret, fractional timestamp, parsed body', () => {
    expect(() => signWebhookPayload(BODY, '')).toThrow(TypeError);
    expect(() => signWebhookPayload(BODY, SECRET, { timestamp: 1.5 })).toThrow(RangeError);
    expect(() => signWebhookPayload(BODY, SECRET, { timestamp: -1 })).toThrow(RangeError);
    expect(() => signWebhookPayload({ a: 1 } as unknown as string, SECRET)).toThrow(TypeError);
  });

  it('exports the header name', () => {
    expect(WEBHOOK_SIGNATURE_HEADER).toBe('ordermachine-signature');
  });
});

describe('verifyWebhookSignature: accepts only the untouched raw body, signed recently, with a configured secret', () => {
  const header = signWebhookPayload(BODY, SECRET, { timestamp: T });

  it('accepts a valid signature and returns the signed timestamp', () => {
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: T })).toEqual({ ok: true, timestamp: T });
    expect(verifyWebhookSignature(Buffer.from(BODY), header, SECRET, { now: new Date(T * 1000) })).toEqual({
      ok: true,
      timestamp: T,
    });
  });

  it('rejects a tampered body', () => {
    const tampered = BODY.replace('4999', '1');
    expect(errorCode(verifyWebhookSignature(tampered, header, SECRET, { now: T }))).toBe('NO_MATCHING_SIGNATURE');
    expect(errorCode(verifyWebhookSignature(`${BODY} `, header, SECRET, { now: T }))).toBe('NO_MATCHING_SIGNATURE');
  });

  it('rejects a re-serialised body (same JSON value, different bytes)', () => {
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(errorCode(verifyWebhookSignature(reserialised, header, SECRET, { now: T }))).toBe('NO_MATCHING_SIGNATURE');
  });

  it('rejects a wrong secret', () => {
    expect(errorCode(verifyWebhookSignature(BODY, header, 'whsec_wrong', { now: T }))).toBe('NO_MATCHING_SIGNATURE');
  });

  it('rejects a header whose timestamp was changed after signing', () => {
    const moved = header.replace(`t=${T}`, `t=${T + 60}`);
    expect(errorCode(verifyWebhookSignature(BODY, moved, SECRET, { now: T + 60 }))).toBe('NO_MATCHING_SIGNATURE');
  });

  it('accepts any of several secrets during a rotation', () => {
    const signedWithOld = signWebhookPayload(BODY, OLD_SECRET, { timestamp: T });
    expect(verifyWebhookSignature(BODY, signedWithOld, [SECRET, OLD_SECRET], { now: T })).toEqual({
      ok: true,
      timestamp: T,
    });
    expect(verifyWebhookSignature(BODY, header, [SECRET, OLD_SECRET], { now: T }).ok).toBe(true);
    expect(errorCode(verifyWebhookSignature(BODY, signedWithOld, [SECRET], { now: T }))).toBe('NO_MATCHING_SIGNATURE');
  });

  it('accepts a header carrying several v1 signatures if any matches (sender-side rotation)', () => {
    const oldSig = signWebhookPayload(BODY, OLD_SECRET, { timestamp: T }).split(',')[1];
    const newSig = header.split(',')[1];
    const both = `t=${T},${oldSig},${newSig}`;
    expect(verifyWebhookSignature(BODY, both, SECRET, { now: T }).ok).toBe(true);
    expect(verifyWebhookSignature(BODY, both, OLD_SECRET, { now: T }).ok).toBe(true);
  });

  it('ignores unknown schemes and whitespace, reads repeated headers given as an array', () => {
    const [t, v1] = header.split(',');
    expect(verifyWebhookSignature(BODY, ` ${t} , v0=abc , ${v1} `, SECRET, { now: T }).ok).toBe(true);
    expect(verifyWebhookSignature(BODY, [t!, v1!], SECRET, { now: T }).ok).toBe(true);
  });

  it('rejects a stale timestamp (replay) and a future one, at the tolerance boundary', () => {
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: T + 300 }).ok).toBe(true);
    expect(errorCode(verifyWebhookSignature(BODY, header, SECRET, { now: T + 301 }))).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: T - 300 }).ok).toBe(true);
    expect(errorCode(verifyWebhookSignature(BODY, header, SECRET, { now: T - 301 }))).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
  });

  it('honours a custom tolerance', () => {
    expect(errorCode(verifyWebhookSignature(BODY, header, SECRET, { now: T + 11, toleranceSeconds: 10 }))).toBe(
      'TIMESTAMP_OUT_OF_TOLERANCE',
    );
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: T + 10, toleranceSeconds: 10 }).ok).toBe(true);
  });

  it('reports a forged stale request as a signature failure, not as a timestamp failure', () => {
    expect(errorCode(verifyWebhookSignature(BODY, header, 'whsec_wrong', { now: T + 10_000 }))).toBe(
      'NO_MATCHING_SIGNATURE',
    );
  });

  it.each([
    ['missing header', undefined],
    ['null header', null],
    ['empty header', ''],
    ['no timestamp', `v1=${'a'.repeat(64)}`],
    ['no signature', `t=${T}`],
    ['only unknown schemes', `t=${T},v0=${'a'.repeat(64)}`],
    ['non-numeric timestamp', `t=yesterday,v1=${'a'.repeat(64)}`],
    ['negative timestamp', `t=-5,v1=${'a'.repeat(64)}`],
    ['two timestamps', `t=${T},t=${T},v1=${'a'.repeat(64)}`],
    ['short signature', `t=${T},v1=abcd`],
    ['non-hex signature', `t=${T},v1=${'z'.repeat(64)}`],
    ['not key=value', 'garbage'],
  ])('rejects a malformed header: %s', (_name, bad) => {
    const result = verifyWebhookSignature(BODY, bad, SECRET, { now: T });
    expect(errorCode(result)).toBe('MALFORMED_HEADER');
    expect(result.ok ? '' : result.error.message).not.toBe('');
  });

  it.each([
    ['a parsed JSON object', JSON.parse(BODY) as unknown],
    ['an array', [1, 2]],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
  ])('refuses %s as the body with BODY_NOT_RAW', (_name, body) => {
    const result = verifyWebhookSignature(body as string, header, SECRET, { now: T });
    expect(errorCode(result)).toBe('BODY_NOT_RAW');
  });

  it('returns expected failures as values and throws only on configuration bugs', () => {
    expect(() => verifyWebhookSignature(BODY, 'garbage', SECRET)).not.toThrow();
    expect(() => verifyWebhookSignature(BODY, header, [])).toThrow(TypeError);
    expect(() => verifyWebhookSignature(BODY, header, '')).toThrow(TypeError);
    expect(() => verifyWebhookSignature(BODY, header, SECRET, { toleranceSeconds: -1 })).toThrow(RangeError);
    expect(() => verifyWebhookSignature(BODY, header, SECRET, { now: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe('webhook round trip: a real node:http server verifies the raw body of a signed POST', () => {
  let server: Server;
  let port: number;
  const received: WebhookVerifyResult[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const result = verifyWebhookSignature(Buffer.concat(chunks), req.headers[WEBHOOK_SIGNATURE_HEADER], [
          SECRET,
          OLD_SECRET,
        ]);
        received.push(result);
        res.writeHead(result.ok ? 204 : 400, { 'content-type': 'text/plain' });
        res.end(result.ok ? undefined : result.error.code);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  });

  function post(body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/hooks/orders', headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('accepts a body signed with the current secret, including multi-byte UTF-8', async () => {
    const body = JSON.stringify({ type: 'order.delivered', orderId: 'ord_۱۲۳', note: 'Доставлено ✓' });
    const res = await post(body, { [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(body, SECRET) });
    expect(res).toEqual({ status: 204, text: '' });
    expect(received.at(-1)?.ok).toBe(true);
  });

  it('accepts a body signed with the previous secret during rotation', async () => {
    const res = await post(BODY, { [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(BODY, OLD_SECRET) });
    expect(res.status).toBe(204);
  });

  it('refuses a body altered in transit', async () => {
    const header = signWebhookPayload(BODY, SECRET);
    const res = await post(BODY.replace('ord_123', 'ord_999'), { [WEBHOOK_SIGNATURE_HEADER]: header });
    expect(res).toEqual({ status: 400, text: 'NO_MATCHING_SIGNATURE' });
  });

  it('refuses a request without the header', async () => {
    const res = await post(BODY, {});
    expect(res).toEqual({ status: 400, text: 'MALFORMED_HEADER' });
  });

  it('refuses a replayed request signed long ago', async () => {
    const header = signWebhookPayload(BODY, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const res = await post(BODY, { [WEBHOOK_SIGNATURE_HEADER]: header });
    expect(res).toEqual({ status: 400, text: 'TIMESTAMP_OUT_OF_TOLERANCE' });
  });
});
