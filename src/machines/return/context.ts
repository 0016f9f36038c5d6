import * as z from 'zod';
import { ClaimKind, InspectionOutcome, ReturnReason, ReturnResolution, ShippingLabel } from '../../model/events.js';
import { LineQuantity } from '../../model/lineItem.js';
import { Money } from '../../model/money.js';

/**
 * A return (the customer sends goods back) or a claim (damaged, missing or wrong item).
 *
 * @example
 * ```ts
 * import { ReturnContext, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const claims = order.returns.map((r) => ReturnContext.parse(r.context)).filter((c) => c.kind === 'claim');
 * ```
 */
export const ReturnContext = z.strictObject({
  returnId: z.string().min(1),
  kind: z.enum(['return', 'claim']),
  claimKind: ClaimKind.nullable(),
  reason: ReturnReason.nullable(),
  description: z.string().nullable(),
  lines: z.array(LineQuantity),
  /** Whether goods must come back before it is settled; a missing-item claim needs none. */
  needsInbound: z.boolean(),
  requestedAt: z.string(),
  decisionNote: z.string().nullable(),
  declineReason: z.string().nullable(),
  label: ShippingLabel.nullable(),
  trackingNumber: z.string().nullable(),
  receivedAt: z.string().nullable(),
  inspection: z.strictObject({ outcome: InspectionOutcome, acceptedLines: z.array(LineQuantity), note: z.string().nullable() }).nullable(),
  resolution: z.strictObject({ kind: ReturnResolution, amount: Money.nullable(), paymentId: z.string().nullable() }).nullable(),
  cancelReason: z.string().nullable(),
  closedAt: z.string().nullable(),
});
/** A return or claim's facts. */
export type ReturnContext = z.infer<typeof ReturnContext>;

/** What starts a return or claim. */
export interface ReturnInput {
  readonly returnId: string;
  readonly kind: 'return' | 'claim';
  readonly claimKind?: ClaimKind | undefined;
  readonly reason?: ReturnReason | undefined;
  readonly description?: string | undefined;
  readonly lines: readonly LineQuantity[];
  readonly needsInbound: boolean;
  readonly at: string;
}

/**
 * Builds the initial return context; tolerant of `undefined` (XState's throw-away actor).
 *
 * @param input - id, kind, lines and whether goods must come back
 * @example
 * ```ts
 * import { initialReturnContext } from 'ordermachine';
 * initialReturnContext({ returnId: 'r1', kind: 'return', reason: 'wrong_size', lines: [{ lineId: 'l1', quantity: 1 }], needsInbound: true, at: '2026-01-01T00:00:00Z' });
 * ```
 */
export function initialReturnContext(input: ReturnInput | undefined): ReturnContext {
  return {
    returnId: input?.returnId ?? '',
    kind: input?.kind ?? 'return',
    claimKind: input?.claimKind ?? null,
    reason: input?.reason ?? null,
    description: input?.description ?? null,
    lines: input ? [...input.lines] : [],
    needsInbound: input?.needsInbound ?? true,
    requestedAt: input?.at ?? '',
    decisionNote: null,
    declineReason: null,
    label: null,
    trackingNumber: null,
    receivedAt: null,
    inspection: null,
    resolution: null,
    cancelReason: null,
    closedAt: null,
  };
}
