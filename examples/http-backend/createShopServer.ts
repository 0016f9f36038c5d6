import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { OrderMachineError, type Actor, type Clock, type OrderEngine, type StoredOrder } from 'ordermachine';
import { verifyWebhookSignature } from 'ordermachine/webhook';
import { authenticateDemoToken, type DemoTokens } from './authenticateDemoToken.js';
import { CARRIER_SIGNATURE_HEADER, CarrierWebhookBody, carrierStatusEvent, verifyCarrierSignature } from './carrierWebhook.js';
import { httpResponseFor, type HttpAnswer } from './httpResponseFor.js';
import { orderView } from './orderView.js';
import { PaymentWebhookBody, paymentWebhookEvent } from './paymentWebhookEvent.js';
import { placeOrder } from './placeOrder.js';

/**
 * The header the payment provider signs with. Its value uses the scheme of
 * `ordermachine/webhook` — `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the same
 * as Stripe's — so `verifyWebhookSignature` checks it, timestamp tolerance included.
 */
export const PAYMENT_SIGNATURE_HEADER = 'x-payment-signature';

/** How to build the server. */
export interface ShopServerOptions {
  readonly engine: OrderEngine;
  /** DEMO ONLY: bearer token → actor. Put your own sign-in here. */
  readonly tokens: DemoTokens;
  /** Shared secret of the payment provider's webhooks. */
  readonly paymentWebhookSecret: string;
  /** Shared secret of the carrier's tracking webhooks. */
  readonly carrierWebhookSecret: string;
  /** The time for `allowedEvents` and for the signature's timestamp check; the system clock by default. */
  readonly clock?: Clock;
  /** Ids the webhook events are recorded under (default `'payment-provider'` and `'carrier'`). */
  readonly paymentProviderId?: string;
  readonly carrierId?: string;
  /** Where unexpected errors are reported (default `console.error`). */
  readonly logError?: (message: string, error: unknown) => void;
}

const MAX_BODY_BYTES = 1_048_576;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;

/** An answer decided early (no token, a bad header, an unreadable body…). */
class HttpError extends Error {
  constructor(readonly answer: HttpAnswer) {
    super(`HTTP ${answer.status}`);
  }
}

const fail = (status: number, body: Record<string, unknown>): never => {
  throw new HttpError({ status, body });
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) fail(413, { status: 'invalid', message: `the body is larger than ${MAX_BODY_BYTES} bytes` });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return fail(400, { status: 'invalid', message: `the body is not valid JSON: ${(error as Error).message}`, event: null, issues: [] });
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

/** The `Idempotency-Key` header, checked: 1–100 visible ASCII characters. */
function idempotencyKeyOf(req: IncomingMessage): string | null {
  const key = header(req, 'idempotency-key');
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) fail(400, { status: 'invalid', message: 'Idempotency-Key must be 1–100 visible ASCII characters' });
  return key;
}

/** `If-Match: "7"` → 7: the version the caller decided on (a stale one is answered 409). */
function expectedVersionOf(req: IncomingMessage): number | undefined {
  const value = header(req, 'if-match');
  if (value === null) return undefined;
  const version = /^(?:W\/)?"?([1-9][0-9]{0,14})"?$/.exec(value.trim())?.[1];
  return version === undefined ? fail(400, { status: 'invalid', message: 'If-Match must be an order version such as "7"' }) : Number(version);
}

function send(res: ServerResponse, answer: HttpAnswer, headers: Record<string, string> = {}): void {
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(answer.body));
}

/**
 * An order backend on `node:http` with no framework: placing orders, the payment provider's and
 * the carrier's webhooks (signature-checked), staff and customer actions, and order reads —
 * every change through `engine.send`, so each one is validated, allowed for its actor or refused
 * with a typed reason, idempotent under retries, and committed atomically with its history and
 * outbox rows.
 *
 * | route                               | who                    | what                                    |
 * | ----------------------------------- | ---------------------- | --------------------------------------- |
 * | `POST /orders`                      | customer (bearer)      | cart + checkout + place, in one request |
 * | `GET /orders/:id`                   | its customer, staff    | state, statuses, allowed events         |
 * | `GET /orders/:id/history`           | its customer, staff    | who did what, when                      |
 * | `POST /orders/:id/events`           | customer, staff        | any event, e.g. `CONFIRM_BANK_TRANSFER` |
 * | `POST /webhooks/payment-provider`   | signed by the provider | payment and refund notifications        |
 * | `POST /webhooks/carrier`            | signed by the carrier  | tracking updates                        |
 *
 * Writes honour `Idempotency-Key` (webhooks use the sender's event id) and `If-Match: "<version>"`.
 *
 * @param options - the engine, the demo tokens, the webhook secrets and the clock
 * @returns an `http.Server`, not yet listening
 * @example
 * ```ts
 * const server = createShopServer({ engine, tokens: { 'demo-staff': { kind: 'staff', id: 'clerk-7' } }, paymentWebhookSecret: 'whsec_…', carrierWebhookSecret: 'carrier-secret' });
 * server.listen(3000);
 * ```
 */
export function createShopServer(options: ShopServerOptions): Server {
  const { engine, tokens } = options;
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const provider: Actor = { kind: 'payment_provider', id: options.paymentProviderId ?? 'payment-provider' };
  const carrier: Actor = { kind: 'carrier', id: options.carrierId ?? 'carrier' };
  const logError = options.logError ?? ((message, error) => console.error(message, error));

  const authenticate = (req: IncomingMessage): Actor =>
    authenticateDemoToken(req, tokens) ?? fail(401, { status: 'unauthorized', message: 'send Authorization: Bearer <token>' });

  /** The order, if this actor may see it: customers see their own orders only (others look missing). */
  async function visibleOrder(orderId: string, actor: Actor): Promise<StoredOrder> {
    const stored = await engine.get(orderId);
    if (stored !== null && actor.kind === 'customer') {
      const [created] = await engine.history(orderId, { limit: 1 });
      if (created?.actor.kind === 'customer' && created.actor.id === actor.id) return stored;
    } else if (stored !== null) {
      return stored;
    }
    return fail(404, { status: 'not_found', orderId });
  }

  /** Sends an event and maps the result; the order is shown as `present` shows it. */
  async function sendEvent(orderId: string, event: unknown, actor: Actor, sendOptions: { idempotencyKey?: string; expectedVersion?: number; correlationId?: string }, present: (order: StoredOrder) => unknown): Promise<HttpAnswer> {
    const result = await engine.send(orderId, event, { actor, ...sendOptions });
    const sentType = (event as { type?: unknown }).type;
    if (result.status === 'duplicate' && result.first.eventType !== sentType) {
      return { status: 422, body: { status: 'invalid', reason: 'IDEMPOTENCY_KEY_REUSED', message: `this key was used for ${result.first.eventType}, not ${String(sentType)}` } };
    }
    return httpResponseFor(result, present, () => engine.get(orderId));
  }

  const webhookView = (order: StoredOrder) => ({ id: order.id, version: order.version, statuses: order.statuses });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const orderPath = /^\/orders\/([^/]{1,100})(\/history|\/events)?$/.exec(url.pathname);

    if (url.pathname === '/webhooks/payment-provider' && method === 'POST') {
      const raw = await readBody(req);
      const verified = verifyWebhookSignature(raw, req.headers[PAYMENT_SIGNATURE_HEADER], options.paymentWebhookSecret, { now: clock.now() });
      if (!verified.ok) return send(res, { status: 401, body: { status: 'unauthorized', reason: verified.error.code, message: verified.error.message } });
      const body = PaymentWebhookBody.safeParse(parseJson(raw));
      if (!body.success) return send(res, { status: 400, body: { status: 'invalid', message: 'not a payment notification', issues: body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })) } });
      const event = paymentWebhookEvent(body.data);
      if (event === null) return send(res, { status: 202, body: { status: 'ignored', message: `${body.data.type} is not handled here` } });
      // A money fact with the provider's reference (authorization, capture, refund) is recognised by
      // the engine itself when reported again, even under a new event id; anything else is
      // deduplicated by the provider's event id.
      const dedupe = event.providerRef !== undefined ? {} : { idempotencyKey: `payment-provider:${body.data.id}` };
      const answer = await sendEvent(body.data.data.orderId, event, provider, { ...dedupe, correlationId: body.data.id }, webhookView);
      return send(res, answer);
    }

    if (url.pathname === '/webhooks/carrier' && method === 'POST') {
      const raw = await readBody(req);
      if (!verifyCarrierSignature(raw, req.headers[CARRIER_SIGNATURE_HEADER], options.carrierWebhookSecret)) {
        return send(res, { status: 401, body: { status: 'unauthorized', message: `missing or wrong ${CARRIER_SIGNATURE_HEADER}` } });
      }
      const body = CarrierWebhookBody.safeParse(parseJson(raw));
      if (!body.success) return send(res, { status: 400, body: { status: 'invalid', message: 'not a tracking notification', issues: body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })) } });
      const event = carrierStatusEvent(body.data);
      if (event === null) return send(res, { status: 202, body: { status: 'ignored', message: `unknown carrier status ${JSON.stringify(body.data.status)}; nothing changed` } });
      const answer = await sendEvent(body.data.orderId, event, carrier, { idempotencyKey: `carrier:${body.data.eventId}`, correlationId: body.data.eventId }, webhookView);
      return send(res, answer);
    }

    if (url.pathname === '/orders' && method === 'POST') {
      const actor = authenticate(req);
      const idempotencyKey = idempotencyKeyOf(req);
      const body = parseJson(await readBody(req));
      const answer = await placeOrder(body, { engine, actor, now: clock.now(), idempotencyKey, present: (order) => orderView(order, actor, clock.now()) });
      const placed = (answer.body as { order?: { id: string } }).order;
      return send(res, answer, answer.status === 201 && placed ? { location: `/orders/${placed.id}` } : {});
    }

    if (orderPath) {
      const orderId = decodeURIComponent(orderPath[1] as string);
      const sub = orderPath[2];
      const actor = authenticate(req);
      if (sub === undefined && method === 'GET') {
        const stored = await visibleOrder(orderId, actor);
        return send(res, { status: 200, body: orderView(stored, actor, clock.now()) }, { etag: `"${stored.version}"` });
      }
      if (sub === '/history' && method === 'GET') {
        await visibleOrder(orderId, actor);
        return send(res, { status: 200, body: { orderId, history: await engine.history(orderId) } });
      }
      if (sub === '/events' && method === 'POST') {
        const idempotencyKey = idempotencyKeyOf(req);
        const expectedVersion = expectedVersionOf(req);
        const event = parseJson(await readBody(req));
        await visibleOrder(orderId, actor);
        const answer = await sendEvent(
          orderId,
          event,
          actor,
          {
            // Keys are per caller: two people cannot collide by choosing the same key.
            ...(idempotencyKey !== null ? { idempotencyKey: `${actor.kind}:${actor.id}:${idempotencyKey}` } : {}),
            ...(expectedVersion !== undefined ? { expectedVersion } : {}),
          },
          (order) => orderView(order, actor, clock.now()),
        );
        return send(res, answer);
      }
      return send(res, { status: 405, body: { status: 'method_not_allowed', message: `${method} ${url.pathname} is not supported` } });
    }

    if (url.pathname === '/health' && method === 'GET') return send(res, { status: 200, body: { status: 'ok' } });
    return send(res, { status: 404, body: { status: 'not_found', message: `no route ${method} ${url.pathname}` } });
  }

  return createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return send(res, error.answer);
      if (error instanceof OrderMachineError && error.code === 'STORAGE_FAILURE') {
        logError('storage failure', error);
        return send(res, { status: 503, body: { status: 'unavailable', message: 'the order store is unavailable; retry with the same Idempotency-Key' } });
      }
      logError(`unexpected error on ${req.method} ${req.url}`, error);
      return send(res, { status: 500, body: { status: 'error', message: 'internal error' } });
    });
  });
}
