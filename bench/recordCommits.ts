/**
 * The exact writes `engine.send` makes for the script's order, recorded once from the engine on
 * the memory storage, so the raw-SQL baseline can write the same rows with hand-written SQL.
 */
import { createMemoryStorage, createOrderEngine, type CommitRequest, type StorageAdapter } from 'ordermachine';
import { scriptOrderInput, scriptSteps } from './lifecycleScript.js';
import { SCRIPT_START } from './scriptSnapshots.js';

/** The id the recorded writes carry; `rowsFor` puts a real order id in its place. */
export const TEMPLATE_ID = 'TEMPLATE-ORDER-ID';

/** One commit as the text of the columns it writes (ids still `TEMPLATE_ID`). */
export interface RecordedCommit {
  readonly orderState: string;
  readonly paymentStatus: string;
  readonly fulfilmentStatus: string;
  readonly returnStatus: string;
  readonly customerStatus: string;
  readonly schemaVersion: number;
  readonly aggregate: string;
  readonly timers: string;
  readonly nextDeadlineAt: string | null;
  readonly at: string;
  readonly history: {
    readonly at: string;
    readonly actorKind: string;
    readonly actorId: string;
    readonly eventType: string;
    readonly event: string;
    readonly changes: string;
    readonly reason: string | null;
    readonly correlationId: string | null;
    readonly idempotencyKey: string | null;
  } | null;
  readonly outbox: readonly { readonly dedupeKey: string; readonly effect: string }[];
  readonly idempotency: { readonly key: string; readonly result: string } | null;
}

/** The recorded writes: the create, then one commit per step of the script. */
export interface RecordedScript {
  readonly create: RecordedCommit;
  readonly steps: readonly RecordedCommit[];
}

/** The idempotency key the bench sends step `index` of an order with (a request id, as a host would). */
export function stepKey(orderId: string, index: number): string {
  return `${orderId}:step-${index}`;
}

function toRecorded(request: CommitRequest): RecordedCommit {
  const { order, history, idempotency } = request;
  return {
    orderState: order.statuses.order,
    paymentStatus: order.statuses.payment,
    fulfilmentStatus: order.statuses.fulfilment,
    returnStatus: order.statuses.returns,
    customerStatus: order.statuses.customer,
    schemaVersion: order.aggregate.schemaVersion,
    aggregate: JSON.stringify(order.aggregate),
    timers: JSON.stringify(order.timers),
    nextDeadlineAt: order.nextDeadlineAt,
    at: request.at,
    history: history && {
      at: history.at,
      actorKind: history.actor.kind,
      actorId: history.actor.id,
      eventType: history.eventType,
      event: JSON.stringify(history.event),
      changes: JSON.stringify(history.changes),
      reason: history.reason,
      correlationId: history.correlationId,
      idempotencyKey: history.idempotencyKey,
    },
    outbox: request.outbox.map((m) => ({ dedupeKey: m.dedupeKey, effect: JSON.stringify(m.effect) })),
    idempotency: idempotency && { key: idempotency.key, result: JSON.stringify(idempotency.result) },
  };
}

/**
 * Runs the script through an engine on the memory storage and records every commit it makes.
 *
 * @throws Error when the engine does not apply a step, or makes other commits than one per step
 * @example
 * ```ts
 * const { create, steps } = await recordCommits();
 * steps.length; // 26
 * ```
 */
export async function recordCommits(): Promise<RecordedScript> {
  const memory = createMemoryStorage();
  const commits: RecordedCommit[] = [];
  const storage: StorageAdapter = {
    ...memory,
    async commit(request) {
      const result = await memory.commit(request);
      if (result.ok) commits.push(toRecorded(request));
      return result;
    },
  };
  let time = Date.parse(SCRIPT_START);
  const engine = createOrderEngine({ storage, clock: { now: () => new Date(time) } });
  const created = await engine.create(scriptOrderInput(TEMPLATE_ID));
  if (created.status !== 'created') throw new Error(`bench: engine.create refused the script's order: ${JSON.stringify(created)}`);
  for (const [i, step] of scriptSteps(TEMPLATE_ID).entries()) {
    time += 60_000;
    const result = await engine.send(TEMPLATE_ID, step.event, { actor: step.actor, idempotencyKey: stepKey(TEMPLATE_ID, i) });
    if (result.status !== 'applied') throw new Error(`bench: engine.send did not apply step ${i + 1} ${step.event.type}: ${JSON.stringify(result).slice(0, 500)}`);
  }
  const [create, ...steps] = commits;
  if (create === undefined || steps.length !== scriptSteps(TEMPLATE_ID).length) throw new Error(`bench: expected one commit per step, got ${commits.length}`);
  return { create, steps };
}
