import { AssertionError } from 'node:assert';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryOrder, expectTransition, type TransitionStep } from '../../src/testing.js';

const EUR = (amount: number) => ({ amount, currency: 'EUR' as const });

/** The default cart (2 × €4.50) taken through checkout with bank transfer: €14.00 with €5 shipping. */
const checkout: readonly TransitionStep[] = [
  { event: { type: 'START_CHECKOUT' }, actor: 'customer' },
  { event: { type: 'SET_CUSTOMER', customer: { kind: 'guest', email: 'anna@example.com', locale: 'ru' } }, actor: 'customer' },
  { event: { type: 'SET_SHIPPING_ADDRESS', address: { name: 'Анна Смирнова', line1: 'ул. Тверская, д. 7, кв. 12', city: 'Москва', country: 'RU' } }, actor: 'customer' },
  { event: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: EUR(500) }, actor: 'customer' },
  { event: { type: 'SELECT_PAYMENT_METHOD', method: 'bank_transfer' }, actor: 'customer' },
  { event: { type: 'PLACE_ORDER', total: EUR(1400) }, actor: 'customer' },
];
const confirmTransfer = { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'order-1-P1', reference: 'TRX-881', amount: EUR(1400) };

/** Runs `body` and returns the AssertionError it throws (failing the test if it throws nothing else). */
function failure(body: () => unknown): AssertionError {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(AssertionError);
    return error as AssertionError;
  }
  expect.fail('expectTransition did not fail');
}

describe('expectTransition: given / when / then for one event', () => {
  it('passes when the event is applied with the expected state, statuses and effects, and returns what happened', () => {
    const { before, after, result } = expectTransition({
      given: { events: checkout },
      when: { event: confirmTransfer, actor: 'staff' },
      then: { outcome: 'applied', state: 'placed.confirmed', statuses: { payment: 'paid', order: 'placed.confirmed' }, notifications: ['payment_received', 'order_confirmed'], commands: ['reserve_stock'] },
    });
    expect(before.order.state).toBe('placed.awaiting_payment');
    expect(after.order.state).toBe('placed.confirmed');
    expect(result.ok).toBe(true);
  });

  it('passes for refusals: forbidden for the wrong actor, rejected with a reason, invalid input — and the order is unchanged', () => {
    const forbidden = expectTransition({ given: { events: checkout }, when: { event: confirmTransfer, actor: 'customer' }, then: { outcome: 'forbidden', reason: 'ACTOR_NOT_ALLOWED', state: 'placed.awaiting_payment', notifications: [] } });
    expect(forbidden.after).toBe(forbidden.before);
    expectTransition({ when: { event: { type: 'PLACE_ORDER', total: EUR(900) }, actor: 'customer' }, then: { reason: 'NOT_ALLOWED_IN_STATE', state: 'cart' } });
    expectTransition({ given: { events: checkout.slice(0, 1) }, when: { event: { type: 'SELECT_SHIPPING_METHOD', method: 'standard', price: EUR(-5) }, actor: 'customer' }, then: { outcome: 'invalid', state: 'checkout' } });
  });

  it('starts from a provided order, and takes full actors and explicit times', () => {
    const [order] = fc.sample(arbitraryOrder({ placed: true, paymentMethod: 'online', currency: 'USD', orderId: 'o-9' }), { numRuns: 1, seed: 3 });
    expectTransition({
      given: { order: order!, at: '2026-03-01T09:05:00Z' },
      when: { event: { type: 'PAYMENT_CAPTURED', paymentId: 'o-9-P1', amount: order!.payments[0]!.context.amount, providerRef: 'ch_1' }, actor: { kind: 'payment_provider', id: 'stripe' }, at: '2026-03-01T09:06:00Z' },
      then: { state: 'placed.confirmed', statuses: { payment: 'paid' }, notifications: ['payment_received', 'order_confirmed'] },
    });
  });

  it('FAILS with a readable message listing every expectation that did not hold', () => {
    const error = failure(() =>
      expectTransition({
        given: { events: checkout },
        when: { event: confirmTransfer, actor: 'customer' },
        then: { state: 'placed.confirmed', notifications: ['order_confirmed'], statuses: { payment: 'paid' } },
      }),
    );
    expect(error.message).toBe(
      [
        'expectTransition: when CONFIRM_BANK_TRANSFER by customer (after 6 given events, order order-1 in placed.awaiting_payment):',
        '  outcome: expected applied, got forbidden (CONFIRM_BANK_TRANSFER refused (ACTOR_NOT_ALLOWED): this actor may not send this event; allowed now: CANCEL_ORDER)',
        '  state: expected placed.confirmed, got placed.awaiting_payment',
        '  statuses.payment: expected paid, got unpaid',
        '  notifications: expected [order_confirmed], got []',
      ].join('\n'),
    );
    expect(error.operator).toBe('expectTransition');
    expect(error.expected).toEqual({ outcome: 'applied', state: 'placed.confirmed', 'statuses.payment': 'paid', notifications: ['order_confirmed'] });
  });

  it('FAILS when effects differ: a missing or an extra notification or command is named', () => {
    const error = failure(() =>
      expectTransition({ given: { events: checkout }, when: { event: confirmTransfer, actor: 'staff' }, then: { notifications: ['payment_received'], commands: [] } }),
    );
    expect(error.message).toContain('  notifications: expected [payment_received], got [order_confirmed, payment_received]');
    expect(error.message).toContain('  commands: expected [], got [reserve_stock]');
    expect(error.message).not.toContain('outcome');
  });

  it('FAILS when a refusal was expected but the event was applied, or the reason differs', () => {
    const applied = failure(() => expectTransition({ given: { events: checkout }, when: { event: confirmTransfer, actor: 'staff' }, then: { reason: 'ACTOR_NOT_ALLOWED' } }));
    expect(applied.message).toContain('  outcome: expected rejected or forbidden, got applied');
    expect(applied.message).toContain('  reason: expected ACTOR_NOT_ALLOWED, got none (applied)');
    const other = failure(() => expectTransition({ when: { event: { type: 'START_CHECKOUT' }, actor: 'staff' }, then: { outcome: 'rejected', reason: 'CART_EMPTY' } }));
    expect(other.message).toMatch(/outcome: expected rejected, got (applied|forbidden)/);
  });

  it('FAILS clearly when a given event is not accepted, naming which one', () => {
    const error = failure(() =>
      expectTransition({ given: { events: [checkout[0]!, { event: { type: 'PLACE_ORDER', total: EUR(900) }, actor: 'customer' }] }, when: { event: confirmTransfer, actor: 'staff' }, then: {} }),
    );
    expect(error.message).toMatch(/^expectTransition: given event 2 \(PLACE_ORDER by customer\) was not accepted: rejected \(PLACE_ORDER refused \(CHECKOUT_INCOMPLETE\): .*\); the order is in checkout$/);
  });
});
