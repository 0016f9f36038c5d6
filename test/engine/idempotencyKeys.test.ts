/**
 * Only an applied send records its idempotency key. A send that is rejected, forbidden, invalid or
 * in conflict writes nothing, so the key stays free: the corrected request with the same key is
 * applied, and only from then on does the key answer `duplicate` (as `SendOptions.idempotencyKey`
 * and the persistence guide say).
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStorage, createOrderEngine } from '../../src/index.js';
import { customer, eur, fakeClock, placed, psp, staff } from '../support/engineFixture.js';

describe('send: a refused or invalid send leaves its idempotency key free', () => {
  it('rejected, forbidden, invalid and stale sends do not take the key; the first applied one does', async () => {
    const storage = createMemoryStorage();
    const engine = createOrderEngine({ storage, clock: fakeClock() });
    await placed(engine, 'o1', { method: 'bank_transfer' });
    const key = { idempotencyKey: 'req-7' };
    const confirm = { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'TRX-1', amount: eur(2500) };

    const refused = [
      await engine.send('o1', { type: 'COMPLETE_ORDER' }, { actor: staff, ...key }),
      await engine.send('o1', confirm, { actor: customer, ...key }),
      await engine.send('o1', { ...confirm, amount: { amount: 1.5, currency: 'EUR' } }, { actor: staff, ...key }),
      await engine.send('o1', confirm, { actor: staff, expectedVersion: 3, ...key }),
      await engine.send('nope', confirm, { actor: staff, ...key }),
    ];
    expect(refused.map((r) => r.status)).toEqual(['rejected', 'forbidden', 'invalid', 'conflict', 'not_found']);
    expect(await storage.findIdempotencyResult('o1', 'req-7')).toBeUndefined();
    expect((await engine.history('o1')).map((h) => h.idempotencyKey).filter((k) => k !== null)).toEqual([]);

    const applied = await engine.send('o1', confirm, { actor: staff, ...key });
    expect(applied.status).toBe('applied');
    if (applied.status !== 'applied') return;
    expect(await storage.findIdempotencyResult('o1', 'req-7')).toMatchObject({ status: 'applied', version: applied.order.version });

    // From now on the key answers with that first outcome, whatever the event, and writes nothing.
    const before = await engine.get('o1');
    for (const [event, actor] of [
      [confirm, staff],
      [{ type: 'COMPLETE_ORDER' }, staff],
      [confirm, customer],
    ] as const) {
      expect(await engine.send('o1', event, { actor, ...key })).toMatchObject({ status: 'duplicate', first: { version: applied.order.version, eventType: 'CONFIRM_BANK_TRANSFER' } });
    }
    expect(await engine.get('o1')).toEqual(before);
  });
});

describe('send: a provider fact is recognised by the fact itself, whatever request id it comes with', () => {
  it('a capture redelivered under a new request id is a duplicate; with another amount, a provider_reference_mismatch', async () => {
    const storage = createMemoryStorage();
    const engine = createOrderEngine({ storage, clock: fakeClock() });
    await placed(engine, 'o1');
    const capture = { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'pi_1' };
    const first = await engine.send('o1', capture, { actor: psp, idempotencyKey: 'evt_1' });
    expect(first.status).toBe('applied');
    // Recorded under the fact, so the key the gateway happens to send does not matter.
    expect(await storage.findIdempotencyResult('o1', 'fact:PAYMENT_CAPTURED:o1-P1:pi_1')).toMatchObject({ status: 'applied' });
    for (const options of [{ idempotencyKey: 'evt_2' }, { idempotencyKey: 'evt_1' }, {}]) {
      expect(await engine.send('o1', capture, { actor: psp, ...options })).toMatchObject({ status: 'duplicate', first: { eventType: 'PAYMENT_CAPTURED' } });
    }
    const other = await engine.send('o1', { ...capture, amount: eur(900) }, { actor: psp, idempotencyKey: 'evt_3' });
    expect(other).toMatchObject({ status: 'conflict', reason: 'provider_reference_mismatch' });
  });
});
