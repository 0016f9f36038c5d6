import { createHash, randomUUID } from 'node:crypto';
import {
  Address,
  Currency,
  Customer,
  LineItem,
  Money,
  PaymentMethod,
  ShippingMethod,
  apply,
  createOrder,
  type Actor,
  type OrderEngine,
  type OrderEventInput,
  type SendResult,
  type StoredOrder,
  type ValidationIssue,
} from 'ordermachine';
import { match } from 'ts-pattern';
import * as z from 'zod';
import { invalidBody, rejectionBody, type HttpAnswer } from './httpResponseFor.js';

/** The body of `POST /orders`: the cart and every checkout choice, in one request. */
export const PlaceOrderRequest = z.strictObject({
  currency: Currency,
  items: z.array(LineItem).min(1).max(500),
  customer: Customer,
  /** Not needed for pickup. */
  shippingAddress: Address.optional(),
  /** Defaults to the shipping address. */
  billingAddress: Address.optional(),
  shippingMethod: ShippingMethod,
  shippingPrice: Money,
  paymentMethod: PaymentMethod,
  tax: Money.optional(),
  discount: Money.optional(),
  /** What the customer saw and agreed to pay; the order refuses a total that does not add up. */
  total: Money,
});
/** The body of `POST /orders`. */
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

/** What placing needs besides the body. */
export interface PlaceOrderContext {
  readonly engine: OrderEngine;
  readonly actor: Actor;
  readonly now: Date;
  /** The request's `Idempotency-Key` header, if any. */
  readonly idempotencyKey: string | null;
  /** Shows the placed order to the caller. */
  readonly present: (order: StoredOrder) => unknown;
}

/** The checkout events, in order, that turn a cart into a placed order. */
function checkoutEvents(body: PlaceOrderRequest): OrderEventInput[] {
  return [
    { type: 'START_CHECKOUT' },
    { type: 'SET_CUSTOMER', customer: body.customer },
    ...(body.shippingAddress ? [{ type: 'SET_SHIPPING_ADDRESS' as const, address: body.shippingAddress }] : []),
    ...(body.billingAddress ? [{ type: 'SET_BILLING_ADDRESS' as const, address: body.billingAddress }] : []),
    { type: 'SELECT_SHIPPING_METHOD', method: body.shippingMethod, price: body.shippingPrice },
    { type: 'SELECT_PAYMENT_METHOD', method: body.paymentMethod },
    { type: 'PLACE_ORDER', total: body.total, ...(body.tax ? { tax: body.tax } : {}), ...(body.discount ? { discount: body.discount } : {}) },
  ];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function invalidRequest(issues: readonly ValidationIssue[], message: string): HttpAnswer {
  return { status: 400, body: { status: 'invalid', message, event: null, issues } };
}

/**
 * `POST /orders`: validates the whole checkout with the pure core first (so a bad request writes
 * nothing at all), then creates the order and sends the checkout events through the engine.
 *
 * Retries are safe with an `Idempotency-Key`: the order id is derived from the caller and the
 * key, every event is sent under `<key>:<step>`, and the creation remembers a fingerprint of the
 * body. A retry — even of a request that died half-way — finishes the same order instead of
 * placing a second one (`200` with `status: 'duplicate'` when everything had been done); the same
 * key with a different body is refused with `422`.
 *
 * @param raw - the parsed JSON body
 * @param context - engine, caller, time, idempotency key, and how to show the order
 * @returns the HTTP answer (`201` with the order when placed)
 * @example
 * ```ts
 * const answer = await placeOrder(JSON.parse(body), { engine, actor, now: new Date(), idempotencyKey: req.headers['idempotency-key'] ?? null, present: (o) => o });
 * res.writeHead(answer.status).end(JSON.stringify(answer.body));
 * ```
 */
export async function placeOrder(raw: unknown, context: PlaceOrderContext): Promise<HttpAnswer> {
  const { engine, actor, now, idempotencyKey } = context;
  const parsed = PlaceOrderRequest.safeParse(raw);
  if (!parsed.success) {
    return invalidRequest(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
      'the order request is malformed',
    );
  }
  const body = parsed.data;
  const orderId = idempotencyKey === null ? `o-${randomUUID()}` : `o-${sha256(`${actor.kind}:${actor.id}:${idempotencyKey}`).slice(0, 20)}`;
  const input = { orderId, currency: body.currency, items: body.items };
  const events = checkoutEvents(body);

  // 1. Decide everything on a scratch copy with the pure core: nothing is written unless all of it passes.
  const created = createOrder(input, { now });
  if (!created.ok) return { status: 400, body: invalidBody(created.error) };
  let scratch = created.order;
  for (const event of events) {
    const result = apply(scratch, event, { actor, now });
    if (!result.ok) {
      return match(result.error)
        .returnType<HttpAnswer>()
        .with({ code: 'INVALID' }, (error) => ({ status: 400, body: invalidBody(error) }))
        .with({ code: 'FORBIDDEN' }, (error) => ({ status: 403, body: rejectionBody('forbidden', error) }))
        .with({ code: 'REJECTED' }, (error) => ({ status: 409, body: rejectionBody('rejected', error) }))
        .exhaustive();
    }
    scratch = result.order;
  }

  // 2. Write it. The fingerprint tells a retry of this request from a reuse of its key.
  const fingerprint = `place:${sha256(JSON.stringify(body)).slice(0, 32)}`;
  const creation = await engine.create(input, { actor, correlationId: fingerprint });
  let replay = false;
  if (creation.status === 'invalid') return { status: 400, body: invalidBody(creation.error) };
  if (creation.status === 'conflict') {
    const [first] = await engine.history(orderId, { limit: 1 });
    const same = idempotencyKey !== null && first?.correlationId === fingerprint && first.actor.kind === actor.kind && first.actor.id === actor.id;
    if (!same) {
      return {
        status: 422,
        body: { status: 'invalid', reason: 'IDEMPOTENCY_KEY_REUSED', message: 'this Idempotency-Key was used for a different order request', event: null, issues: [] },
      };
    }
    replay = true;
  }
  for (const [step, event] of events.entries()) {
    const options = idempotencyKey === null ? { actor } : { actor, idempotencyKey: `place:${idempotencyKey}:${step}` };
    const result: SendResult = await engine.send(orderId, event, options);
    if (result.status === 'duplicate') continue;
    if (result.status !== 'applied') {
      // Only a race with something else changing this brand-new order gets here.
      return { status: 409, body: { status: 'conflict', reason: 'checkout_interrupted', message: `${event.type} was not applied: ${result.status}`, currentVersion: null } };
    }
    replay = false;
  }
  const stored = await engine.get(orderId);
  if (stored === null) return { status: 404, body: { status: 'not_found', orderId } };
  return replay ? { status: 200, body: { status: 'duplicate', order: context.present(stored) } } : { status: 201, body: { status: 'applied', order: context.present(stored) } };
}
