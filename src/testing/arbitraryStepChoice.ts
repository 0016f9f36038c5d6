import fc from 'fast-check';
import { ActorKind } from '../model/actor.js';
import type { AmountMode, StepChoice } from './eventFor.js';

/**
 * A fast-check arbitrary of the random choices behind one step of an order's life (see
 * `eventFor`). With `legalOnly`, every step picks among the events `allowedEvents` offers, with
 * exact amounts; otherwise a mix of legal, illegal and malformed events from every actor.
 *
 * @param options - `legalOnly` (default false)
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbitraryStepChoice } from 'ordermachine/testing';
 * const steps = fc.array(arbitraryStepChoice(), { maxLength: 40 });
 * ```
 */
export function arbitraryStepChoice(options: { legalOnly?: boolean } = {}): fc.Arbitrary<StepChoice> {
  const amount: fc.Arbitrary<AmountMode> = options.legalOnly
    ? fc.constant('exact')
    : fc.oneof({ weight: 6, arbitrary: fc.constant<AmountMode>('exact') }, fc.constantFrom<AmountMode>('less', 'more', 'zero', 'foreign'));
  return fc.record({
    pick: fc.nat({ max: 1000 }),
    actor: fc.constantFrom(...ActorKind.options),
    legal: options.legalOnly ? fc.constant(true) : fc.boolean(),
    amount,
    variant: fc.nat({ max: 60 }),
    // Mostly minutes and hours; now and then a day, or the weeks that close a return window.
    advanceMinutes: fc.oneof(
      { weight: 8, arbitrary: fc.constant(1) },
      { weight: 4, arbitrary: fc.constant(60) },
      { weight: 2, arbitrary: fc.constant(60 * 24) },
      { weight: 1, arbitrary: fc.constant(60 * 24 * 20) },
    ),
  });
}
