/**
 * Signing and verifying webhook requests, and a notifier that sends them: `ordermachine/webhook`.
 *
 * Node-only (it uses `node:crypto`), which is why it is its own entry and not part of the
 * browser-safe core. The scheme is HMAC-SHA256 over `"<unix seconds>.<raw body>"`, sent as
 * `ordermachine-signature: t=<unix seconds>,v1=<hex digest>`. The timestamp is inside the
 * signed bytes, so a captured request cannot be replayed later with a fresh timestamp.
 *
 * @module ordermachine/webhook
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export { createWebhookNotifier } from './adapters/notifiers/createWebhookNotifier.js';
export type { WebhookNotifierOptions, WebhookNotificationBody } from './adapters/notifiers/createWebhookNotifier.js';

/**
 * Name of the HTTP header that carries the signature (lower case, as Node reports it).
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http';
 * import { WEBHOOK_SIGNATURE_HEADER } from 'ordermachine/webhook';
 *
 * declare const req: IncomingMessage;
 * const header = req.headers[WEBHOOK_SIGNATURE_HEADER];
 * ```
 */
export const WEBHOOK_SIGNATURE_HEADER = 'ordermachine-signature';

/**
 * Options for {@link signWebhookPayload}.
 *
 * @example
 * ```ts
 * import { signWebhookPayload, type WebhookSignOptions } from 'ordermachine/webhook';
 *
 * declare const body: string;
 * declare const secret: string;
 * const options: WebhookSignOptions = { timestamp: 1_700_000_000 };
 * signWebhookPayload(body, secret, options); // 't=1700000000,v1=…'
 * ```
 */
export interface WebhookSignOptions {
  /** Unix time in whole seconds to sign with. Defaults to the current time. */
  timestamp?: number;
}

/**
 * Options for {@link verifyWebhookSignature}.
 *
 * @example
 * ```ts
 * import { verifyWebhookSignature, type WebhookVerifyOptions } from 'ordermachine/webhook';
 *
 * declare const rawBody: Uint8Array;
 * declare const header: string | undefined;
 * declare const secret: string;
 * declare const clock: { now(): Date };
 * // Tighter window, and a clock injected by the test instead of the system one.
 * const options: WebhookVerifyOptions = { toleranceSeconds: 60, now: clock.now() };
 * verifyWebhookSignature(rawBody, header, secret, options);
 * ```
 */
export interface WebhookVerifyOptions {
  /**
   * How far, in seconds, the signed timestamp may lie from `now` in either direction.
   * Defaults to 300. `Infinity` turns the check off (not recommended: it allows replays).
   */
  toleranceSeconds?: number;
  /** The current time as unix seconds or a `Date`. Defaults to the system clock. */
  now?: number | Date;
}

/**
 * Why {@link verifyWebhookSignature} refused a request.
 *
 * - `MALFORMED_HEADER`: the header is missing or not `t=<seconds>,v1=<64 hex>[,v1=…]`.
 * - `NO_MATCHING_SIGNATURE`: the body was changed, or signed with a secret we do not hold.
 * - `TIMESTAMP_OUT_OF_TOLERANCE`: authentic, but signed too long ago (a replay) or in the future.
 * - `BODY_NOT_RAW`: the body was already parsed into an object; pass the raw text or bytes.
 *
 * @example
 * ```ts
 * import type { WebhookVerifyErrorCode } from 'ordermachine/webhook';
 *
 * function statusFor(code: WebhookVerifyErrorCode): number {
 *   return code === 'BODY_NOT_RAW' ? 500 : 400; // BODY_NOT_RAW is our own wiring bug
 * }
 * ```
 */
export type WebhookVerifyErrorCode =
  | 'MALFORMED_HEADER'
  | 'NO_MATCHING_SIGNATURE'
  | 'TIMESTAMP_OUT_OF_TOLERANCE'
  | 'BODY_NOT_RAW';

/**
 * The error half of {@link WebhookVerifyResult}.
 *
 * @example
 * ```ts
 * import { verifyWebhookSignature, type WebhookVerifyError } from 'ordermachine/webhook';
 *
 * declare const rawBody: Uint8Array;
 * declare const header: string | undefined;
 * declare const secret: string;
 * const result = verifyWebhookSignature(rawBody, header, secret);
 * if (!result.ok) {
 *   const error: WebhookVerifyError = result.error;
 *   console.warn(`webhook refused (${error.code}): ${error.message}`);
 * }
 * ```
 */
export interface WebhookVerifyError {
  /** Machine-readable reason; switch on this. */
  code: WebhookVerifyErrorCode;
  /** Human-readable detail for logs. Never echo it to the sender: it is for operators. */
  message: string;
}

/**
 * What {@link verifyWebhookSignature} returns: the signed timestamp, or why it refused.
 *
 * @example
 * ```ts
 * import { verifyWebhookSignature, type WebhookVerifyResult } from 'ordermachine/webhook';
 *
 * declare const rawBody: Uint8Array;
 * declare const header: string | undefined;
 * declare const secret: string;
 * const result: WebhookVerifyResult = verifyWebhookSignature(rawBody, header, secret);
 * if (result.ok) console.log('signed at', new Date(result.timestamp * 1000));
 * else console.log('refused:', result.error.code);
 * ```
 */
export type WebhookVerifyResult =
  | { ok: true; timestamp: number }
  | { ok: false; error: WebhookVerifyError };

/**
 * Raw bytes or text exactly as they came off the wire.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http';
 * import type { WebhookRawBody } from 'ordermachine/webhook';
 *
 * // Read the bytes before any JSON parser touches them. (With Express, mount
 * // express.raw({ type: 'application/json' }) on the route instead of express.json().)
 * async function readRawBody(req: IncomingMessage): Promise<WebhookRawBody> {
 *   const chunks: Buffer[] = [];
 *   for await (const chunk of req) chunks.push(chunk as Buffer);
 *   return Buffer.concat(chunks); // a Buffer, which is a Uint8Array
 * }
 * ```
 */
export type WebhookRawBody = string | Uint8Array;

const SCHEME = 'v1';
const DIGEST_HEX = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;
const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Signs a raw request body and returns the value for the {@link WEBHOOK_SIGNATURE_HEADER} header.
 *
 * Sign the exact bytes you send: re-serialising the JSON on either side breaks the signature.
 *
 * @param rawBody - The request body exactly as it will be sent (text or bytes).
 * @param secret - The shared signing secret; must not be empty.
 * @param options - `timestamp`: unix seconds to sign with (default: now).
 * @returns A header value of the form `t=<unix seconds>,v1=<64 hex chars>`.
 * @throws {TypeError} When the body is not a string or `Uint8Array`, or the secret is empty —
 *   both are programming errors, not runtime conditions.
 * @throws {RangeError} When `timestamp` is not a non-negative whole number of seconds.
 *
 * @example
 * ```ts
 * import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from 'ordermachine/webhook';
 *
 * const body = JSON.stringify({ type: 'order.shipped', orderId: 'ord_123' });
 * await fetch('https://shop.example/hooks/orders', {
 *   method: 'POST',
 *   headers: {
 *     'content-type': 'application/json',
 *     [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(body, process.env.WEBHOOK_SECRET!),
 *   },
 *   body,
 * });
 * ```
 */
export function signWebhookPayload(
  rawBody: WebhookRawBody,
  secret: string,
  options: WebhookSignOptions = {},
): string {
  if (!isRawBody(rawBody)) {
    throw new TypeError('signWebhookPayload: rawBody must be a string or Uint8Array (the exact bytes sent)');
  }
  assertSecret(secret, 'signWebhookPayload');
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`signWebhookPayload: timestamp must be whole unix seconds, got ${String(timestamp)}`);
  }
  return `t=${timestamp},${SCHEME}=${digest(secret, timestamp, rawBody).toString('hex')}`;
}

/**
 * Checks a {@link WEBHOOK_SIGNATURE_HEADER} header against the raw request body.
 *
 * Expected failures (a tampered body, a wrong secret, a stale or future timestamp, a garbled
 * header, a body a framework already parsed into an object) come back as `{ ok: false }`
 * values; nothing is thrown for them. Digests are compared in constant time. Pass several
 * secrets while rotating: the request is accepted if any of them produced any `v1` entry.
 *
 * @param rawBody - The body exactly as received. An already-parsed object is refused with
 *   `BODY_NOT_RAW`, because re-serialising it would not reproduce the signed bytes.
 * @param header - The header value (`req.headers['ordermachine-signature']`). Repeated
 *   headers given as an array are read as one comma-separated list.
 * @param secret - The signing secret, or several during a rotation (newest first is cheapest).
 * @param options - `toleranceSeconds` (default 300) and `now` (unix seconds or `Date`; default now).
 * @returns `{ ok: true, timestamp }` with the signed unix time, or `{ ok: false, error: { code, message } }`.
 * @throws {TypeError} When no secret, or an empty secret, is given (a configuration bug).
 * @throws {RangeError} When `toleranceSeconds` is negative or not a number, or `now` is invalid.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from 'ordermachine/webhook';
 *
 * createServer(async (req, res) => {
 *   const chunks: Buffer[] = [];
 *   for await (const chunk of req) chunks.push(chunk as Buffer);
 *   const result = verifyWebhookSignature(
 *     Buffer.concat(chunks),
 *     req.headers[WEBHOOK_SIGNATURE_HEADER],
 *     [process.env.WEBHOOK_SECRET!, process.env.WEBHOOK_SECRET_PREVIOUS!],
 *   );
 *   if (!result.ok) {
 *     res.writeHead(400).end(result.error.code);
 *     return;
 *   }
 *   res.writeHead(204).end();
 * }).listen(8080);
 * ```
 */
export function verifyWebhookSignature(
  rawBody: WebhookRawBody,
  header: string | readonly string[] | null | undefined,
  secret: string | readonly string[],
  options: WebhookVerifyOptions = {},
): WebhookVerifyResult {
  const secrets: readonly string[] = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw new TypeError('verifyWebhookSignature: at least one secret is required');
  }
  for (const s of secrets) assertSecret(s, 'verifyWebhookSignature');
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    throw new RangeError(`verifyWebhookSignature: toleranceSeconds must be >= 0, got ${String(tolerance)}`);
  }
  const now = nowInSeconds(options.now);

  if (!isRawBody(rawBody)) {
    return fail(
      'BODY_NOT_RAW',
      `expected the raw body as a string or Uint8Array, got ${describe(rawBody)}; ` +
        'read the body before any JSON parser touches it',
    );
  }

  const parsed = parseHeader(header);
  if (!parsed.ok) return parsed;
  const { timestamp, signatures } = parsed;

  // The digest depends on the secret and timestamp only, so compute it once per secret.
  const matched = secrets.some((s) => {
    const expected = digest(s, timestamp, rawBody);
    return signatures.some((candidate) => timingSafeEqual(expected, candidate));
  });
  if (!matched) {
    return fail('NO_MATCHING_SIGNATURE', 'no v1 signature in the header matches the body with any configured secret');
  }

  // Checked after the signature so that this code means "authentic but stale": a replay or a
  // sender clock that has drifted, not a forgery.
  if (Math.abs(now - timestamp) > tolerance) {
    return fail(
      'TIMESTAMP_OUT_OF_TOLERANCE',
      `signed at ${timestamp}, which is ${now - timestamp}s from now (${now}); tolerance is ${tolerance}s`,
    );
  }
  return { ok: true, timestamp };
}

type ParsedHeader = { ok: true; timestamp: number; signatures: Buffer[] } | { ok: false; error: WebhookVerifyError };

function parseHeader(header: unknown): ParsedHeader {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (typeof value !== 'string' || value.trim() === '') {
    return fail('MALFORMED_HEADER', `missing ${WEBHOOK_SIGNATURE_HEADER} header`);
  }
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const item of value.split(',')) {
    const eq = item.indexOf('=');
    if (eq === -1) return fail('MALFORMED_HEADER', `expected key=value pairs, got ${JSON.stringify(item.trim())}`);
    const key = item.slice(0, eq).trim();
    const val = item.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined) return fail('MALFORMED_HEADER', 'more than one t= in the header');
      if (!UNIX_SECONDS.test(val)) return fail('MALFORMED_HEADER', `t must be unix seconds, got ${JSON.stringify(val)}`);
      timestamp = Number(val);
    } else if (key === SCHEME) {
      if (!DIGEST_HEX.test(val)) return fail('MALFORMED_HEADER', 'v1 must be 64 hex characters (HMAC-SHA256)');
      signatures.push(Buffer.from(val, 'hex'));
    }
    // Other keys are ignored so that a future scheme (v2=...) can be sent beside v1.
  }
  if (timestamp === undefined) return fail('MALFORMED_HEADER', 'the header has no t= timestamp');
  if (signatures.length === 0) return fail('MALFORMED_HEADER', 'the header has no v1= signature');
  return { ok: true, timestamp, signatures };
}

function digest(secret: string, timestamp: number, rawBody: WebhookRawBody): Buffer {
  // Bytes are hashed as bytes: decoding a Uint8Array to text first would corrupt non-UTF-8 bodies.
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

function isRawBody(value: unknown): value is WebhookRawBody {
  return typeof value === 'string' || value instanceof Uint8Array;
}

function assertSecret(secret: unknown, fn: string): void {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new TypeError(`${fn}: the secret must be a non-empty string`);
  }
}

function nowInSeconds(now: number | Date | undefined): number {
  if (now === undefined) return Math.floor(Date.now() / 1000);
  const seconds = now instanceof Date ? Math.floor(now.getTime() / 1000) : now;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    throw new RangeError(`verifyWebhookSignature: now must be unix seconds or a valid Date, got ${String(now)}`);
  }
  return seconds;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object (already parsed?)' : typeof value;
}

function fail(code: WebhookVerifyErrorCode, message: string): { ok: false; error: WebhookVerifyError } {
  return { ok: false, error: { code, message } };
}
