import { match } from 'ts-pattern';
import { OrderMachineError } from '../errors.js';
import type { OrderAggregate } from '../lifecycle/aggregate.js';
import type { Actor } from '../model/actor.js';
import type { OrderEventInput } from '../model/events.js';
import type { LineQuantity } from '../model/lineItem.js';
import type { InventoryAdapter, ReservationResult, StockLine } from '../ports/InventoryAdapter.js';
import type { CommitRequest, StockTask, StoredOrder, TimerState } from '../ports/StorageAdapter.js';
import type { RunDueReport, SendResult } from './SendResult.js';

/**
 * The actor the engine records its stock work as (with an inventory adapter): the reservation's
 * answer (`STOCK_RESERVED`, `STOCK_UNAVAILABLE`, `PUT_ON_HOLD`) and the `release_stock` /
 * `commit_stock` / `reserve_stock` notes in the history.
 *
 * @example
 * ```ts
 * import { INVENTORY_ACTOR, type OrderEngine } from 'ordermachine';
 * declare const engine: OrderEngine;
 * const history = await engine.history('o-1');
 * const stockWork = history.filter((h) => h.actor.id === INVENTORY_ACTOR.id).map((h) => `${h.at} ${h.eventType}`);
 * ```
 */
export const INVENTORY_ACTOR: Actor = Object.freeze({ kind: 'system', id: 'ordermachine-inventory' });

/** What a `runDue` sweep collects as it goes. */
export type DueReport = { fired: RunDueReport['fired'][number][]; skipped: RunDueReport['skipped'][number][] };

/** How a decision made for stock work is committed: at `now`, removing the task `done` in the same commit. */
export interface OwnSend {
  readonly now: Date;
  /** A deadline key to mark fired. */
  readonly fired?: string;
  /** A stock task key to remove. */
  readonly done?: string;
}

/** The parts of the engine the stock worker uses. */
export interface StockWorkerDeps {
  readonly inventory: InventoryAdapter;
  readonly upgrade: (aggregate: OrderAggregate) => OrderAggregate;
  readonly load: (orderId: string) => Promise<StoredOrder | null>;
  readonly send: (orderId: string, event: OrderEventInput, options: { actor: Actor; idempotencyKey: string }, own: OwnSend) => Promise<SendResult>;
  /** A commit that changes no state; `change` returns `null` when there is nothing to write. Resolves to the order after it. */
  readonly bookkeeping: (orderId: string, change: (stored: StoredOrder) => { timers: TimerState; history: CommitRequest['history'] } | null) => Promise<StoredOrder | null>;
}

/**
 * `timers` without the stock task `key` (the `stock` list is left out when it empties).
 *
 * @param timers - an order's timer bookkeeping
 * @param key - the task to remove
 * @internal
 */
export function withoutTask(timers: TimerState, key: string | undefined): TimerState {
  const stock = (timers.stock ?? []).filter((t) => t.key !== key);
  return stock.length === 0 ? { fired: timers.fired } : { fired: timers.fired, stock };
}

/**
 * What the adapter's `reserve` answered, checked: `{ ok: true }`, or `{ ok: false }` naming at
 * least one of the order's SKUs with a positive whole quantity. Anything else is the adapter's
 * bug, thrown as `INVENTORY_FAILURE` (the task stays owed) rather than read as "out of stock".
 */
function checkedReservation(answer: unknown, items: readonly { readonly sku: string }[]): ReservationResult {
  const result = answer as ReservationResult | null | undefined;
  if (result?.ok === true) return result;
  const short = result?.ok === false && Array.isArray(result.unavailable) ? result.unavailable : null;
  const valid = short?.every((u) => typeof u?.sku === 'string' && Number.isSafeInteger(u.quantity) && u.quantity > 0) ?? false;
  if (short !== null && valid && short.some((u) => items.some((i) => i.sku === u.sku))) return result as ReservationResult;
  const text = JSON.stringify(answer) ?? String(answer);
  throw new OrderMachineError(
    'INVENTORY_FAILURE',
    `reserve answered ${text.length > 200 ? `${text.slice(0, 197)}...` : text}: expected { ok: true } or { ok: false, unavailable: [{ sku, quantity }] } naming a SKU of the order`,
  );
}

/** The SKU lines of some order lines. */
function skuLines(order: OrderAggregate, lines: readonly LineQuantity[]): StockLine[] {
  const items = order.order.context.items;
  return lines.flatMap((l) => {
    const item = items.find((i) => i.lineId === l.lineId);
    return item ? [{ sku: item.sku, quantity: l.quantity }] : [];
  });
}

/**
 * Does the stock work an order owes (`timers.stock`), oldest first: calls the inventory adapter,
 * then records the task done — the reservation's answer as an event (`STOCK_RESERVED`,
 * `STOCK_UNAVAILABLE`, or `PUT_ON_HOLD` when the missing lines may not wait), a release or a
 * parcel's commit as a history note — in a commit that also removes the task. At least once: a
 * crash between the call and that commit repeats the call, which the port makes harmless.
 *
 * @param deps - the inventory adapter and the engine's load, send and bookkeeping commit
 * @internal the engine's own machinery, not part of the public API
 */
export function createStockWorker(deps: StockWorkerDeps) {
  const { inventory } = deps;

  /** Records a task done with a history note (a release, a parcel's commit, or a reservation not made). */
  const finish = async (stored: StoredOrder, task: StockTask, now: Date, what: string): Promise<StoredOrder | null> =>
    deps.bookkeeping(stored.id, (s) =>
      (s.timers.stock ?? []).some((t) => t.key === task.key)
        ? {
            timers: withoutTask(s.timers, task.key),
            history: { at: now.toISOString(), actor: INVENTORY_ACTOR, eventType: `${task.kind}_stock`, event: task, changes: [], reason: what, correlationId: null, idempotencyKey: null },
          }
        : null,
    );

  async function reserve(stored: StoredOrder, task: StockTask, now: Date, report: DueReport): Promise<StoredOrder | null> {
    const order = deps.upgrade(stored.aggregate);
    const { stock } = order.order.context;
    if (order.order.state !== 'placed.confirmed' || stock !== 'unreserved') {
      // The order moved on before the work was done (canceled, put on hold, reserved by hand).
      const reason = `nothing to reserve: the order is ${order.order.state} with stock ${stock}`;
      report.skipped.push({ orderId: stored.id, key: task.key, reason });
      return finish(stored, task, now, `${task.key} skipped: ${reason}`);
    }
    const items = order.order.context.items;
    const reserved = checkedReservation(await inventory.reserve(stored.id, items.map((i) => ({ sku: i.sku, quantity: i.quantity })), task.key), items);
    // The answer is sent under a key of its own and removes the task in the same commit.
    const options = { actor: INVENTORY_ACTOR, idempotencyKey: `inventory:${task.key}` };
    const own: OwnSend = { now, done: task.key };
    let event: OrderEventInput = { type: 'STOCK_RESERVED' };
    let result: SendResult;
    if (reserved.ok) {
      result = await deps.send(stored.id, event, options, own);
    } else {
      const short = reserved.unavailable.flatMap((u) => {
        const item = items.find((i) => i.sku === u.sku);
        return item ? [{ lineId: item.lineId, quantity: Math.min(u.quantity, item.quantity) }] : [];
      });
      event = { type: 'STOCK_UNAVAILABLE', lines: short };
      result = await deps.send(stored.id, event, options, own);
      if (result.status === 'rejected') {
        // The missing lines may not be backordered: a person has to decide.
        const note = `out of stock: ${reserved.unavailable.map((u) => `${u.sku} × ${u.quantity}`).join(', ')}`;
        event = { type: 'PUT_ON_HOLD', reason: 'stock_issue', note };
        result = await deps.send(stored.id, event, { ...options, idempotencyKey: `${options.idempotencyKey}:hold` }, own);
      }
    }
    return match(result)
      .returnType<Promise<StoredOrder | null>>()
      .with({ status: 'applied' }, async (r) => {
        report.fired.push({ orderId: stored.id, key: task.key, eventType: event.type });
        return r.order;
      })
      // Another worker answered first, in the commit that removed the task.
      .with({ status: 'duplicate' }, () => deps.load(stored.id))
      .with({ status: 'conflict' }, { status: 'not_found' }, async () => null)
      .with({ status: 'rejected' }, { status: 'forbidden' }, { status: 'invalid' }, async (r) => {
        // The order moved on while the adapter was reserving: give back what no state holds now.
        const current = await deps.load(stored.id);
        if (current && deps.upgrade(current.aggregate).order.context.stock === 'unreserved') await inventory.release(stored.id);
        const reason = r.status === 'invalid' ? r.error.message : r.error.reason;
        report.skipped.push({ orderId: stored.id, key: task.key, reason });
        return finish(current ?? stored, task, now, `${task.key} skipped: ${event.type} refused (${reason})`);
      })
      .exhaustive();
  }

  async function run(stored: StoredOrder, task: StockTask, now: Date, report: DueReport): Promise<StoredOrder | null> {
    return match(task)
      .with({ kind: 'reserve' }, () => reserve(stored, task, now, report))
      .with({ kind: 'release' }, async () => {
        await inventory.release(stored.id);
        report.fired.push({ orderId: stored.id, key: task.key, eventType: 'release_stock' });
        return finish(stored, task, now, 'reserved stock released');
      })
      .with({ kind: 'commit' }, async ({ shipmentId }) => {
        const order = deps.upgrade(stored.aggregate);
        const shipment = order.shipments.find((s) => s.id === shipmentId);
        const lines = shipment ? skuLines(order, shipment.context.lines) : [];
        if (lines.length > 0) await inventory.commit(stored.id, lines, shipmentId);
        report.fired.push({ orderId: stored.id, key: task.key, eventType: 'commit_stock' });
        return finish(stored, task, now, `stock of parcel ${shipmentId} committed`);
      })
      .exhaustive();
  }

  return {
    /**
     * Does every stock task of the order due by `now`. Stops when another writer has the order;
     * an adapter failure is thrown as `INVENTORY_FAILURE` and leaves the task due.
     */
    async drain(start: StoredOrder, now: Date, report: DueReport): Promise<void> {
      let stored: StoredOrder | null = start;
      // Each round records one task done; the bound only guards against a bug looping for ever.
      for (let round = 0; stored !== null && round < 20; round += 1) {
        const task: StockTask | undefined = (stored.timers.stock ?? []).find((t) => new Date(t.at) <= now);
        if (task === undefined) return;
        stored = await run(stored, task, now, report);
      }
    },
  };
}

/**
 * Whether an error is the inventory adapter failing (the engine wraps those as `INVENTORY_FAILURE`).
 *
 * @param error - anything thrown
 * @internal
 */
export const isInventoryFailure = (error: unknown): error is OrderMachineError => error instanceof OrderMachineError && error.code === 'INVENTORY_FAILURE';
