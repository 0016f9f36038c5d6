import type { AppliedRecord, InvalidInput, Rejection, SendResult, StoredOrder } from 'ordermachine';
import { match } from 'ts-pattern';

/** An HTTP answer: the status code and the JSON body. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A refusal as JSON: the typed reason code (branch on it), a sentence, where the order stands,
 * and what this caller may send instead.
 *
 * @param status - `'rejected'` or `'forbidden'`
 * @param error - the engine's (or `apply`'s) rejection
 * @returns the body
 * @example
 * ```ts
 * const result = apply(order, event, { actor, now });
 * if (!result.ok && result.error.code !== 'INVALID') res.end(JSON.stringify(rejectionBody('rejected', result.error)));
 * ```
 */
export function rejectionBody(status: 'rejected' | 'forbidden', error: Rejection) {
  return {
    status,
    reason: error.reason,
    message: error.message,
    event: error.event,
    target: { machine: error.machine, id: error.target, state: error.state },
    orderState: error.orderState,
    allowedEvents: error.allowed,
    ...(error.allowedActors ? { allowedActors: error.allowedActors } : {}),
  };
}

/**
 * Malformed input as JSON: a sentence and one issue per bad field.
 *
 * @param error - the engine's (or `apply`'s) invalid-input error
 * @returns the body
 * @example
 * ```ts
 * const result = await engine.send('o-1', { type: 'PAYMENT_CAPTURED', paymentId: 'o-1-P1', amount: { amount: -5, currency: 'EUR' } }, { actor });
 * if (result.status === 'invalid') res.writeHead(400).end(JSON.stringify(invalidBody(result.error)));
 * ```
 */
export function invalidBody(error: InvalidInput) {
  return { status: 'invalid' as const, message: error.message, event: error.event, issues: error.issues };
}

/** The first outcome of a repeated request, as the engine remembered it. */
function firstOutcome(first: AppliedRecord) {
  return { status: first.status, eventType: first.eventType, version: first.version, changes: first.changes };
}

/**
 * Maps what `engine.send` returned to an HTTP status and body:
 *
 * | engine      | HTTP | body                                                            |
 * | ----------- | ---- | --------------------------------------------------------------- |
 * | applied     | 200  | the order (as `present` shows it)                               |
 * | duplicate   | 200  | the first outcome, and the order as it is now                   |
 * | rejected    | 409  | reason code, message, state, the events allowed instead         |
 * | forbidden   | 403  | the same, and which actors may send the event                   |
 * | invalid     | 400  | message and one issue per bad field                             |
 * | conflict    | 409  | why (stale version, provider reference mismatch…), version now  |
 * | not_found   | 404  | the order id                                                    |
 *
 * @param result - what the engine returned
 * @param present - how the order is shown to this caller (a duplicate loads the current order)
 * @param current - loads the order as it is now, for a duplicate
 * @returns the status code and body
 * @example
 * ```ts
 * const result = await engine.send(orderId, event, { actor, idempotencyKey });
 * const answer = await httpResponseFor(result, (order) => orderView(order, actor, new Date()), () => engine.get(orderId));
 * res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
 * ```
 */
export async function httpResponseFor(
  result: SendResult,
  present: (order: StoredOrder) => unknown,
  current: () => Promise<StoredOrder | null>,
): Promise<HttpAnswer> {
  return match(result)
    .returnType<Promise<HttpAnswer> | HttpAnswer>()
    .with({ status: 'applied' }, (r) => ({ status: 200, body: { status: 'applied', order: present(r.order) } }))
    .with({ status: 'duplicate' }, async (r) => {
      const order = await current();
      return { status: 200, body: { status: 'duplicate', first: firstOutcome(r.first), order: order === null ? null : present(order) } };
    })
    .with({ status: 'rejected' }, (r) => ({ status: 409, body: rejectionBody('rejected', r.error) }))
    .with({ status: 'forbidden' }, (r) => ({ status: 403, body: rejectionBody('forbidden', r.error) }))
    .with({ status: 'invalid' }, (r) => ({ status: 400, body: invalidBody(r.error) }))
    .with({ status: 'conflict' }, (r) => ({ status: 409, body: { status: 'conflict', reason: r.reason, currentVersion: r.currentVersion, message: r.message } }))
    .with({ status: 'not_found' }, (r) => ({ status: 404, body: { status: 'not_found', orderId: r.orderId } }))
    .exhaustive();
}
