import { allowedEvents, statusLabel, type Actor, type StoredOrder } from 'ordermachine';

/**
 * What `GET /orders/:id` answers: the state, every derived status (with the customer-facing one
 * in the customer's language), the money, the parts, and the events this caller may send now.
 *
 * @param stored - the order as the engine stores it
 * @param actor - who is asking: `allowedEvents` are theirs
 * @param now - the decision time for `allowedEvents` (return windows, payment windows…)
 * @returns plain JSON
 * @example
 * ```ts
 * const stored = await engine.get('o-1');
 * if (stored) res.end(JSON.stringify(orderView(stored, { kind: 'customer', id: 'sara' }, new Date())));
 * ```
 */
export function orderView(stored: StoredOrder, actor: Actor, now: Date) {
  const { aggregate, statuses } = stored;
  const context = aggregate.order.context;
  const locale = context.customer?.locale ?? 'en';
  return {
    id: stored.id,
    version: stored.version,
    state: aggregate.order.state,
    statuses,
    statusLabel: { locale, text: statusLabel(statuses.customer, locale) },
    currency: context.currency,
    totals: context.totals,
    payments: aggregate.payments.map((p) => ({
      id: p.id,
      state: p.state,
      method: p.context.method,
      amount: p.context.amount,
      captured: p.context.captured,
      refunded: p.context.refunded,
      refundPending: p.context.refundPending,
    })),
    shipments: aggregate.shipments.map((s) => ({ id: s.id, state: s.state, lines: s.context.lines, carrier: s.context.carrier, trackingNumber: s.context.trackingNumber })),
    returns: aggregate.returns.map((r) => ({ id: r.id, kind: r.context.kind, state: r.state, lines: r.context.lines })),
    allowedEvents: allowedEvents(aggregate, actor, { now }),
    updatedAt: stored.updatedAt,
  };
}

/** The JSON body of {@link orderView}. */
export type OrderView = ReturnType<typeof orderView>;
