// Part of the `ordermachine/webhook` entry (Node: signing uses node:crypto). It imports the
// signer from ../../webhook.ts, which re-exports this factory. That cycle is safe only while
// this module touches the imported bindings inside functions, never at load time (whichever
// module loads second would otherwise see them uninitialised): keep it that way.
import type { NotificationDelivery, Notifier } from '../../ports/Notifier.js';
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from '../../webhook.js';

/**
 * Options for {@link createWebhookNotifier}.
 *
 * @example
 * ```ts
 * import { createWebhookNotifier, type WebhookNotifierOptions } from 'ordermachine/webhook';
 *
 * const options: WebhookNotifierOptions = {
 *   url: 'https://crm.shop.example/hooks/ordermachine',
 *   secret: process.env.WEBHOOK_SECRET!,
 *   timeoutMs: 5_000,
 *   headers: { authorization: `Bearer ${process.env.CRM_TOKEN!}` },
 * };
 * const webhook = createWebhookNotifier(options);
 * ```
 */
export interface WebhookNotifierOptions {
  /** Where to POST, `http:` or `https:`. */
  url: string | URL;
  /** The shared signing secret (see `signWebhookPayload`); must not be empty. */
  secret: string;
  /** Give up on a request after this many milliseconds (the relay retries it). Defaults to 10 000. */
  timeoutMs?: number;
  /** The `fetch` to use; defaults to the global one. Inject one for proxies, tracing or tests. */
  fetch?: typeof globalThis.fetch;
  /**
   * Extra request headers, e.g. `authorization`. They cannot replace `content-type`, the
   * signature header or `idempotency-key`, which the notifier sets.
   */
  headers?: Readonly<Record<string, string>>;
}

/**
 * The JSON body {@link createWebhookNotifier} POSTs: the effect's facts plus the message already
 * rendered in the recipient's language (no HTML: a receiver renders its own or uses `text`).
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http';
 * import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER, type WebhookNotificationBody } from 'ordermachine/webhook';
 *
 * declare const req: IncomingMessage;
 * declare const rawBody: Buffer;
 * if (verifyWebhookSignature(rawBody, req.headers[WEBHOOK_SIGNATURE_HEADER], process.env.WEBHOOK_SECRET!).ok) {
 *   const body = JSON.parse(rawBody.toString('utf8')) as WebhookNotificationBody;
 *   console.log(body.dedupeKey, body.template, body.message.locale, body.message.subject);
 * }
 * ```
 */
export interface WebhookNotificationBody {
  /** Also sent as the `Idempotency-Key` header: drop a request whose key you have already seen. */
  readonly dedupeKey: string;
  readonly orderId: NotificationDelivery['effect']['orderId'];
  readonly template: NotificationDelivery['effect']['template'];
  readonly audience: NotificationDelivery['effect']['audience'];
  /** Which machine (order, payment, shipment, return) and which one the message is about. */
  readonly subject: NotificationDelivery['effect']['subject'];
  readonly data: NotificationDelivery['effect']['data'];
  readonly message: {
    readonly locale: NotificationDelivery['message']['locale'];
    readonly subject: string;
    readonly text: string;
  };
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_ERROR_BODY_CHARS = 200;

/**
 * Creates a {@link Notifier} that POSTs each notification as signed JSON to an HTTP endpoint.
 *
 * Every request carries the {@link WEBHOOK_SIGNATURE_HEADER} header (timestamped HMAC-SHA256 of
 * the exact body, from {@link signWebhookPayload}; receivers check it with
 * {@link verifyWebhookSignature}) and `Idempotency-Key: <dedupeKey>`, which stays the same when
 * the outbox relay redelivers. `send` resolves on any 2xx answer and rejects on anything else:
 * another status (the error names it), a redirect (not followed: a signed POST should not wander),
 * a network error, or no answer within `timeoutMs`. The relay retries rejections with backoff.
 *
 * @param options - `url`, `secret`, and optional `timeoutMs` (default 10 000), `fetch`, `headers`.
 * @returns A `Notifier` for the outbox relay.
 * @throws {TypeError} When `url` is not an http(s) URL, `secret` is empty, or no `fetch` exists.
 * @throws {RangeError} When `timeoutMs` is not a positive number.
 *
 * @example
 * ```ts
 * import { createWebhookNotifier } from 'ordermachine/webhook';
 * import type { NotificationDelivery } from 'ordermachine';
 *
 * const webhook = createWebhookNotifier({
 *   url: 'https://crm.shop.example/hooks/ordermachine',
 *   secret: process.env.WEBHOOK_SECRET!,
 * });
 * declare const delivery: NotificationDelivery;
 * await webhook.send(delivery); // rejects on non-2xx or timeout; the relay retries
 * ```
 */
export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const { secret, headers: extraHeaders = {} } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch;
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TypeError(`createWebhookNotifier: url is not a valid URL: ${String(options.url)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`createWebhookNotifier: url must be http: or https:, got ${url.protocol}`);
  }
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new TypeError('createWebhookNotifier: secret must be a non-empty string');
  }
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new RangeError(`createWebhookNotifier: timeoutMs must be a positive number, got ${String(timeoutMs)}`);
  }
  if (typeof doFetch !== 'function') {
    throw new TypeError('createWebhookNotifier: no global fetch here; pass options.fetch');
  }
  const reserved = new Set(['content-type', 'idempotency-key', WEBHOOK_SIGNATURE_HEADER]);
  const custom = Object.entries(extraHeaders).filter(([name]) => !reserved.has(name.toLowerCase()));
  // Errors name the endpoint without its query string or credentials, which may hold tokens.
  const where = `${url.origin}${url.pathname}`;

  return {
    async send(delivery: NotificationDelivery): Promise<void> {
      const { dedupeKey, effect, message } = delivery;
      const payload: WebhookNotificationBody = {
        dedupeKey,
        orderId: effect.orderId,
        template: effect.template,
        audience: effect.audience,
        subject: effect.subject,
        data: effect.data,
        message: { locale: message.locale, subject: message.subject, text: message.text },
      };
      // Sign the very string that is sent: re-serialising would change the bytes.
      const body = JSON.stringify(payload);
      const headers = new Headers(custom);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.set('idempotency-key', dedupeKey);
      headers.set(WEBHOOK_SIGNATURE_HEADER, signWebhookPayload(body, secret));

      const what = `webhook POST to ${where} for ${effect.template} of order ${effect.orderId} (dedupeKey ${dedupeKey})`;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        let response: Response;
        try {
          response = await doFetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: controller.signal });
        } catch (error) {
          if (controller.signal.aborted) throw new Error(`${what} timed out after ${timeoutMs} ms`, { cause: error });
          throw new Error(`${what} failed: ${describeFetchError(error)}`, { cause: error });
        }
        if (response.status >= 200 && response.status < 300) {
          // Release the connection without waiting for a body nobody reads.
          await response.body?.cancel().catch(() => undefined);
          return;
        }
        const detail = await response.text().then(
          (text) => (text ? `: ${text.slice(0, MAX_ERROR_BODY_CHARS)}` : ''),
          () => '',
        );
        const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed; use the final URL)' : '';
        throw new Error(`${what} was refused with HTTP ${response.status}${redirect}${detail}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause.
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return cause ? `${error.message} (${code ?? cause.message})` : error.message;
}
