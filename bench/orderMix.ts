/**
 * The mix of orders a shop's database holds: most orders completed, a few in every earlier stage.
 * The growth figures store it a million times; the heap figure loads 10,000 of it.
 */

/** One part of the mix: a stage of the script's lifecycle (see `scriptSnapshots`) and its share. */
export interface MixPart {
  readonly stage: number;
  readonly percent: number;
  readonly label: string;
}

/** The mix; the percentages add up to 100. */
export const ORDER_MIX: readonly MixPart[] = [
  { stage: 0, percent: 4, label: 'cart' },
  { stage: 3, percent: 3, label: 'checkout' },
  { stage: 6, percent: 4, label: 'awaiting payment' },
  { stage: 8, percent: 4, label: 'confirmed' },
  { stage: 12, percent: 4, label: 'packed' },
  { stage: 15, percent: 5, label: 'shipped' },
  { stage: 19, percent: 6, label: 'delivered' },
  { stage: 22, percent: 2, label: 'return under way' },
  { stage: 26, percent: 68, label: 'completed' },
];

/**
 * The stage of the n-th order of the mix: `(n × 37) mod 100` picks the percent bucket, so
 * consecutive orders spread over all parts (the same rule the bulk load uses in SQL).
 *
 * @param n - the order's number
 * @example
 * ```ts
 * mixStage(0); // 0 — bucket 0 is a cart
 * ```
 */
export function mixStage(n: number): number {
  const bucket = (n * 37) % 100;
  let upTo = 0;
  for (const part of ORDER_MIX) {
    upTo += part.percent;
    if (bucket < upTo) return part.stage;
  }
  throw new Error('bench: the order mix does not add up to 100%');
}
