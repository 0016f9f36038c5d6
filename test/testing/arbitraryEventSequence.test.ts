import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowedEvents, apply, deriveOrderStatuses, lineQuantities, paymentAllowsShipping, shipmentStage, type ApplyResult, type OrderAggregate } from '../../src/index.js';
import {
  arbitraryEventSequence,
  arbitraryOrder,
  arbitraryStepChoice,
  checkInvariants,
  checkTransitionInvariants,
  eventFor,
  type SequenceStep,
  type StepChoice,
} from '../../src/testing.js';
import { deepFreeze } from '../support/deepFreeze.js';

/** An order (cart or placed) with a sequence generated from it. */
const lives = (options: Omit<Parameters<typeof arbitraryEventSequence>[1], 'legalOnly'> & { legalOnly: boolean }, placed?: boolean) =>
  arbitraryOrder(placed === undefined ? {} : { placed }).chain((order) => arbitraryEventSequence(order, options).map((steps) => ({ order, steps })));

/** Applies the steps in order, as a host would, and hands each result to `check`. */
function replay(order: OrderAggregate, steps: readonly SequenceStep[], check: (step: SequenceStep, before: OrderAggregate, result: ApplyResult) => void): OrderAggregate {
  let current = deepFreeze(structuredClone(order));
  for (const step of steps) {
    const snapshot = JSON.stringify(current);
    // Promise: apply never throws, whatever the input, and never touches the order it is given.
    const result = apply(current, step.event, { actor: step.actor, now: step.at });
    expect(JSON.stringify(current)).toBe(snapshot);
    check(step, current, result);
    if (result.ok) current = deepFreeze(result.order);
  }
  return current;
}

describe('arbitraryEventSequence, legal only: every step is accepted', () => {
  it('zero refusals over many orders (carts and placed orders, every method and currency), and every invariant holds', () => {
    let steps = 0;
    fc.assert(
      fc.property(lives({ legalOnly: true, maxLength: 40 }), ({ order, steps: sequence }) => {
        let last = Number.NEGATIVE_INFINITY;
        replay(order, sequence, (step, before, result) => {
          steps += 1;
          expect(step.kind).toBe('legal');
          if (!result.ok) expect.fail(`legal step ${step.note} by ${step.actor.kind} was refused: ${result.error.message}`);
          expect(checkInvariants(result.order)).toEqual([]);
          expect(checkTransitionInvariants(before, result.order)).toEqual([]);
          // Time never goes back.
          expect(Date.parse(step.at)).toBeGreaterThanOrEqual(last);
          last = Date.parse(step.at);
        });
      }),
      { numRuns: 150 },
    );
    expect(steps).toBeGreaterThan(1_000);
  }, 60_000);

  it('lives go far: from carts and placed orders they reach most states of every machine', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(lives({ legalOnly: true, maxLength: 60 }, true), ({ order, steps }) => {
        replay(order, steps, (_step, _before, result) => {
          if (!result.ok) return;
          const o = result.order;
          seen.add(`order:${o.order.state}`);
          for (const p of o.payments) seen.add(`payment:${p.state}`);
          for (const s of o.shipments) seen.add(`shipment:${s.state}`);
          for (const r of o.returns) seen.add(`return:${r.state}`);
        });
      }),
      { numRuns: 120, seed: 20260301 },
    );
    expect(seen.size).toBeGreaterThan(35);
    for (const state of ['order:placed.delivered', 'order:completed', 'shipment:delivered', 'payment:captured', 'return:requested']) expect(seen).toContain(state);
  }, 60_000);

  it('lives are realistic about refunds: partial (goodwill) refunds are common, refunds in full before the goods left are rare, and most paid orders ship', () => {
    let count = 0;
    let partlyRefunded = 0;
    let refundedBeforeShipping = 0;
    let paid = 0;
    let paidAndShipped = 0;
    const allLeft = (o: OrderAggregate) => {
      const q = lineQuantities(o);
      return o.order.context.items.every((i) => (q.shipped.get(i.lineId) ?? 0) >= i.quantity);
    };
    fc.assert(
      fc.property(lives({ legalOnly: true, maxLength: 60 }, true), ({ order, steps }) => {
        let partly = false;
        let blocked = false;
        let wasPaid = false;
        let shipped = false;
        replay(order, steps, (_step, before, result) => {
          if (!result.ok) return;
          const after = result.order;
          const payment = deriveOrderStatuses(after).payment;
          if (payment === 'partially_refunded') partly = true;
          if (payment === 'paid') wasPaid = true;
          // The money was all given back (or is going back) while goods were still to leave, and the order was not canceled.
          if (paymentAllowsShipping(before) && !paymentAllowsShipping(after) && !allLeft(after) && after.order.state !== 'canceled') blocked = true;
          if (after.shipments.some((s) => ['shipped', 'delivered'].includes(shipmentStage(s.state)))) shipped = true;
        });
        count += 1;
        if (partly) partlyRefunded += 1;
        if (blocked) refundedBeforeShipping += 1;
        if (wasPaid) paid += 1;
        if (wasPaid && shipped) paidAndShipped += 1;
      }),
      { numRuns: 150, seed: 20260302 },
    );
    expect(partlyRefunded, `${partlyRefunded} of ${count} lives had a partial refund`).toBeGreaterThan(count / 10);
    expect(refundedBeforeShipping, `${refundedBeforeShipping} of ${count} lives were refunded in full before the goods left`).toBeLessThan(count / 10);
    expect(paidAndShipped, `${paidAndShipped} of ${paid} paid lives shipped`).toBeGreaterThan(paid / 2);
  }, 60_000);

  it('with a fixed actor, only that actor sends, and every step is accepted', () => {
    fc.assert(
      fc.property(lives({ legalOnly: true, actor: 'customer', maxLength: 20 }), ({ order, steps }) => {
        replay(order, steps, (step, _before, result) => {
          expect(step.actor).toEqual({ kind: 'customer', id: 'customer-1' });
          if (!result.ok) expect.fail(`the customer's ${step.note} was refused: ${result.error.message}`);
        });
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('is a pure function of the order and the choices: the same seed gives the same sequence', () => {
    const [order] = fc.sample(arbitraryOrder({ placed: true }), { numRuns: 1, seed: 5 });
    const once = fc.sample(arbitraryEventSequence(order as OrderAggregate, { legalOnly: false }), { numRuns: 20, seed: 9 });
    const again = fc.sample(arbitraryEventSequence(order as OrderAggregate, { legalOnly: false }), { numRuns: 20, seed: 9 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(once));
  });
});

describe('arbitraryEventSequence, mixed: illegal, forbidden and hostile steps get a typed refusal and change nothing', () => {
  it('every refused step is refused with the code of its kind, names why, and leaves the order as it was', () => {
    const kinds = new Map<string, number>();
    const hostile = new Map<string, number>();
    const reasons = new Set<string>();
    fc.assert(
      fc.property(lives({ legalOnly: false, maxLength: 40 }), ({ order, steps }) => {
        replay(order, steps, (step, before, result) => {
          kinds.set(step.kind, (kinds.get(step.kind) ?? 0) + 1);
          if (step.kind === 'legal') {
            if (!result.ok) expect.fail(`legal step ${step.note} was refused: ${result.error.message}`);
            expect(checkInvariants(result.order)).toEqual([]);
            return;
          }
          if (result.ok) expect.fail(`${step.kind} step ${step.note} by ${step.actor.kind} was accepted`);
          const error = result.error;
          if (step.kind === 'hostile') {
            const category = step.note.startsWith('garbage') ? 'garbage' : step.note.replace(/^[A-Z_]+ with /, '').replace(/ of \d+.*$/, '').replace(/ \(.*$/, '');
            hostile.set(category, (hostile.get(category) ?? 0) + 1);
          }
          if (error.code === 'INVALID') {
            expect(step.kind).toBe('hostile');
            expect(error.issues.length).toBeGreaterThan(0);
            expect(error.message).toMatch(/is invalid — /);
            return;
          }
          reasons.add(error.reason);
          expect(error.code).toBe(step.kind === 'forbidden' ? 'FORBIDDEN' : step.kind === 'illegal' ? 'REJECTED' : error.code);
          expect(error.orderState).toBe(before.order.state);
          expect(error.allowed).toEqual(allowedEvents(before, step.actor, { now: step.at }));
          if (error.code === 'FORBIDDEN') expect(error.allowedActors ?? []).not.toContain(step.actor.kind);
        });
      }),
      { numRuns: 150 },
    );
    for (const kind of ['legal', 'illegal', 'forbidden', 'hostile']) expect(kinds.get(kind) ?? 0).toBeGreaterThan(50);
    for (const category of ['negative amount', 'fractional amount', 'unknown currency', 'foreign currency', 'amount beyond safe integers', 'garbage']) {
      expect(hostile.get(category) ?? 0, `hostile ${category}: ${JSON.stringify([...hostile])}`).toBeGreaterThan(0);
    }
    expect([...hostile.keys()].some((k) => k.startsWith('refund'))).toBe(true);
    expect([...hostile.keys()].some((k) => k.startsWith('capture'))).toBe(true);
    expect(reasons).toContain('ACTOR_NOT_ALLOWED');
    expect(reasons).toContain('NOT_ALLOWED_IN_STATE');
  }, 60_000);

  it('a refund above what was captured is refused with REFUND_EXCEEDS_CAPTURED once money is in', () => {
    let seen = 0;
    fc.assert(
      fc.property(lives({ legalOnly: false, maxLength: 40 }, true), ({ order, steps }) => {
        replay(order, steps, (step, before, result) => {
          if (!step.note.startsWith('refund of') || result.ok || result.error.code === 'INVALID') return;
          const paymentId = (step.event as { paymentId: string }).paymentId;
          const payment = before.payments.find((p) => p.id === paymentId);
          // Money is in and refundable: captured, or already partly refunded (a goodwill refund).
          if ((payment?.state === 'captured' || payment?.state === 'partially_refunded') && step.actor.kind === 'staff') {
            seen += 1;
            expect(result.error.reason).toBe('REFUND_EXCEEDS_CAPTURED');
          }
        });
      }),
      { numRuns: 120, seed: 31 },
    );
    expect(seen).toBeGreaterThan(0);
  }, 60_000);

  it('with a fixed actor, forbidden steps are the events others may send that this actor may not', () => {
    fc.assert(
      fc.property(lives({ legalOnly: false, actor: { kind: 'customer', id: 'shopper-9' }, maxLength: 20 }, true), ({ order, steps }) => {
        replay(order, steps, (step, _before, result) => {
          expect(step.actor).toEqual({ kind: 'customer', id: 'shopper-9' });
          if (step.kind === 'forbidden') expect(!result.ok && result.error.code).toBe('FORBIDDEN');
        });
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('refuses bad options', () => {
    const [order] = fc.sample(arbitraryOrder(), { numRuns: 1, seed: 1 });
    expect(() => arbitraryEventSequence(order as OrderAggregate, { legalOnly: true, maxLength: -1 })).toThrow(RangeError);
    expect(() => arbitraryEventSequence(order as OrderAggregate, { legalOnly: true, actor: 'robot' as never })).toThrow(RangeError);
  });
});

describe('eventFor: the order decides, never the wall clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('without `now` it reads the latest time recorded in the order, so a walk does not change with the date it runs on; with `now` the return window counts from then', () => {
    const samples = fc.sample(lives({ legalOnly: true, maxLength: 60 }, true), { numRuns: 40, seed: 77 });
    const orders: OrderAggregate[] = [];
    for (const { order, steps } of samples) {
      replay(order, steps, (_step, _before, result) => {
        if (result.ok) orders.push(result.order);
      });
    }
    const delivered = orders.filter((o) => o.order.state === 'placed.delivered');
    expect(delivered.length).toBeGreaterThan(5);
    const choices: StepChoice[] = fc.sample(arbitraryStepChoice({ legalOnly: true }), { numRuns: 6, seed: 3 }).map((c) => ({ ...c, actor: 'customer' }));
    const proposals = (at: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(at));
      const out = JSON.stringify(orders.map((o) => choices.map((c) => eventFor(o, c))));
      vi.useRealTimers();
      return out;
    };
    expect(proposals('2035-06-01T00:00:00Z')).toBe(proposals('2020-01-01T00:00:00Z'));

    // The decision time matters: long after delivery, a customer is no longer offered a return or claim.
    const returnsOffered = (at: (o: OrderAggregate) => Date) =>
      delivered.flatMap((o) => choices.map((c) => eventFor(o, c, at(o)).event.type)).filter((t) => t === 'REQUEST_RETURN' || t === 'OPEN_CLAIM').length;
    const deliveredAt = (o: OrderAggregate) => Math.max(...o.shipments.map((s) => (s.context.deliveredAt ? Date.parse(s.context.deliveredAt) : 0)));
    expect(returnsOffered((o) => new Date(deliveredAt(o) + 60_000))).toBeGreaterThan(0);
    expect(returnsOffered((o) => new Date(deliveredAt(o) + 400 * 86_400_000))).toBe(0);
  }, 60_000);
});
