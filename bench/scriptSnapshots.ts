/**
 * The script's order at every stage of its life, built with the pure API: the aggregates the
 * pure figures decide on, the heap figure holds and the growth figures store a million of.
 */
import { apply, createOrder, type OrderAggregate } from 'ordermachine';
import { scriptOrderInput, scriptSteps, type ScriptStep } from './lifecycleScript.js';

/** One stage: the order after `steps[index - 1]` (stage 0 is the fresh cart), and the step that comes next. */
export interface ScriptStage {
  readonly index: number;
  readonly order: OrderAggregate;
  /** When the stage was reached. */
  readonly at: string;
  /** The step that leads to the next stage, and when it is sent; `null` for the last stage. */
  readonly next: { readonly step: ScriptStep; readonly at: string } | null;
}

/** When the script's cart is created; each step comes a minute after the one before. */
export const SCRIPT_START = '2026-03-02T09:00:00.000Z';

/**
 * Runs the script through `apply` and returns every stage (27: the cart and one per event).
 *
 * @param orderId - the order's id
 * @throws Error when the current lifecycle refuses a step of the script (the script needs updating)
 * @example
 * ```ts
 * const stages = scriptSnapshots('o-1');
 * stages.at(-1)?.order.order.state; // 'completed'
 * ```
 */
export function scriptSnapshots(orderId: string): ScriptStage[] {
  const created = createOrder(scriptOrderInput(orderId), { now: SCRIPT_START });
  if (!created.ok) throw new Error(`bench script: createOrder refused: ${created.error.message}`);
  const steps = scriptSteps(orderId);
  const stages: ScriptStage[] = [];
  let order = created.order;
  let time = Date.parse(SCRIPT_START);
  for (const [i, step] of steps.entries()) {
    const at = new Date(time + 60_000).toISOString();
    stages.push({ index: i, order, at: new Date(time).toISOString(), next: { step, at } });
    const result = apply(order, step.event, { actor: step.actor, now: at });
    if (!result.ok) throw new Error(`bench script: step ${i + 1} ${step.event.type} refused: ${result.error.message}`);
    order = result.order;
    time += 60_000;
  }
  stages.push({ index: steps.length, order, at: new Date(time).toISOString(), next: null });
  return stages;
}
