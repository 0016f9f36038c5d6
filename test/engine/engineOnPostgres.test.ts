/**
 * The engine's key behaviours on the PostgreSQL storage adapter: always on PGlite, and on a real
 * server when DATABASE_URL is set. One scenario function registers the same tests for both.
 */
import { describe, expect, it } from 'vitest';
import { createOrderEngine, type Actor } from '../../src/index.js';
import { MINUTE, T0, customer, eur, fakeClock, must, placed, psp, staff } from '../support/engineFixture.js';
import { createPostgresStorage, type SqlClient } from '../../src/postgres.js';
import { describeRealPostgres, usePGlite, usePool } from '../support/postgres.js';

const TABLES = ['orders', 'order_history', 'outbox', 'idempotency_keys'] as const;

/** What a scenario needs from a driver: a database handle and a fresh, migrated schema. */
interface Target {
  db(): SqlClient;
  fresh(): Promise<string>;
}

async function setup(target: Target) {
  const schema = await target.fresh();
  const db = target.db();
  const clock = fakeClock();
  const engine = createOrderEngine({ storage: createPostgresStorage({ db, schema }), clock, retryDelayMs: () => 0 });
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await db.query(text.replaceAll('$S', `"${schema}"`), params)).rows as T[];
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = Number((await sql<{ n: unknown }>(`select count(*)::int as n from $S.${table}`))[0]?.n);
    return out;
  };
  return { engine, clock, schema, sql, counts };
}

function engineScenarios(target: Target): void {
  it('create → send → history: one commit writes state, history, outbox rows and indexed statuses', async () => {
    const { engine, sql } = await setup(target);
    await placed(engine, 'o1');
    const result = await engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'cap-1' }, { actor: psp, correlationId: 'webhook-9', reason: 'gateway callback' });
    expect(result.status).toBe('applied');
    if (result.status !== 'applied') return;
    expect(result.order.version).toBe(8);
    expect(result.order.statuses).toMatchObject({ order: 'placed.confirmed', payment: 'paid', customer: 'processing' });
    expect(await engine.get('o1')).toEqual(result.order);

    const history = await engine.history('o1');
    expect(history.map((h) => h.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history[0]).toMatchObject({ eventType: 'CREATE_ORDER', actor: customer, at: T0 });
    expect(history.at(-1)).toMatchObject({ actor: psp, eventType: 'PAYMENT_CAPTURED', correlationId: 'webhook-9', reason: 'gateway callback', idempotencyKey: 'fact:PAYMENT_CAPTURED:o1-P1:cap-1' });
    expect(history.at(-1)?.changes).toEqual(result.changes);

    // The outbox rows of this commit: one per effect, keyed <order>:<version>:<index>, pending.
    const outbox = await sql<{ dedupe_key: string; status: string; effect: unknown }>(`select dedupe_key, status, effect::text as effect from $S.outbox where order_id = 'o1' and seq = 8 order by id`);
    expect(result.effects.length).toBeGreaterThan(0);
    expect(outbox.map((m) => m.dedupe_key)).toEqual(result.effects.map((_, i) => `o1:8:${i}`));
    expect(outbox.every((m) => m.status === 'pending')).toBe(true);
    expect(outbox.map((m) => JSON.parse(m.effect as string))).toEqual(JSON.parse(JSON.stringify(result.effects)));

    // The statuses are real columns, and list() finds the order by them.
    const [row] = await sql<{ order_state: string; payment_status: string }>(`select order_state, payment_status from $S.orders where id = 'o1'`);
    expect(row).toEqual({ order_state: 'placed.confirmed', payment_status: 'paid' });
    expect((await engine.list({ paymentStatus: 'paid' })).items.map((o) => o.id)).toEqual(['o1']);
  });

  it('the same idempotency key returns the first outcome and writes nothing', async () => {
    const { engine, counts } = await setup(target);
    await placed(engine, 'o1');
    const first = await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, idempotencyKey: 'req-1' });
    expect(first.status).toBe('applied');
    const before = await counts();
    const again = await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, idempotencyKey: 'req-1' });
    expect(again).toMatchObject({ status: 'duplicate', first: { status: 'applied', version: 8, eventType: 'PUT_ON_HOLD' } });
    // Even an event that would now be refused (the order is on hold) answers with the first outcome.
    const different = await engine.send('o1', { type: 'RELEASE_HOLD' }, { actor: staff, idempotencyKey: 'req-1' });
    expect(different).toMatchObject({ status: 'duplicate', first: { version: 8, eventType: 'PUT_ON_HOLD' } });
    expect(await counts()).toEqual(before);
    expect((await engine.get('o1'))?.version).toBe(8);
  });

  it('a provider fact reported twice is a duplicate; the same reference with another amount is a recorded conflict', async () => {
    const { engine, counts } = await setup(target);
    await placed(engine, 'o1');
    await must(engine.send('o1', { type: 'PAYMENT_AUTHORIZED', paymentId: 'o1-P1', amount: eur(2500), providerRef: 'auth-1' }, { actor: psp }));
    await must(engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(1000), providerRef: 'cap-1' }, { actor: psp }));
    const before = await counts();
    const dup = await engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(1000), providerRef: 'cap-1' }, { actor: psp });
    expect(dup).toMatchObject({ status: 'duplicate', first: { status: 'applied', version: 9, eventType: 'PAYMENT_CAPTURED', amount: 1000 } });
    expect(await counts()).toEqual(before);

    const clash = await engine.send('o1', { type: 'PAYMENT_CAPTURED', paymentId: 'o1-P1', amount: eur(1500), providerRef: 'cap-1' }, { actor: psp });
    expect(clash).toMatchObject({ status: 'conflict', reason: 'provider_reference_mismatch', currentVersion: 10 });
    // Recorded: one history row without changes; nothing else written, the money unchanged.
    expect(await counts()).toEqual({ ...before, order_history: before.order_history! + 1 });
    const last = (await engine.history('o1')).at(-1);
    expect(last).toMatchObject({ seq: 10, eventType: 'PAYMENT_CAPTURED', changes: [], actor: psp });
    expect(last?.reason).toMatch(/^PROVIDER_REFERENCE_MISMATCH/);
    expect((await engine.get('o1'))?.aggregate.payments[0]?.context.captured).toBe(1000);
  });

  it('a stale expectedVersion is a conflict and writes nothing; the current one applies', async () => {
    const { engine, counts } = await setup(target);
    await placed(engine, 'o1');
    const before = await counts();
    const stale = await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, expectedVersion: 3, idempotencyKey: 'k-stale' });
    expect(stale).toMatchObject({ status: 'conflict', reason: 'stale_version', currentVersion: 7 });
    expect(await counts()).toEqual(before);
    const fresh = await engine.send('o1', { type: 'PUT_ON_HOLD', reason: 'fraud_check' }, { actor: staff, expectedVersion: 7, idempotencyKey: 'k-stale' });
    expect(fresh.status).toBe('applied');
    expect((await engine.get('o1'))?.version).toBe(8);
  });

  it('runDue fires the unpaid-expiry deadline exactly once, however many sweeps run', async () => {
    const { engine, sql } = await setup(target);
    await placed(engine, 'card');
    await placed(engine, 'wire', { method: 'bank_transfer' });
    expect((await engine.get('card'))?.nextDeadlineAt).toBe(new Date(Date.parse(T0) + 30 * MINUTE).toISOString());
    expect((await engine.runDue(new Date(Date.parse(T0) + 29 * MINUTE))).fired).toEqual([]);

    const due = new Date(Date.parse(T0) + 31 * MINUTE);
    const sweeps = await Promise.all([engine.runDue(due), engine.runDue(due), engine.runDue(due)]);
    expect(sweeps.flatMap((s) => s.fired)).toEqual([{ orderId: 'card', key: 'expire_unpaid', eventType: 'EXPIRE_ORDER' }]);
    expect(sweeps.flatMap((s) => s.skipped)).toEqual([]);
    expect((await engine.runDue(new Date(due.getTime() + MINUTE))).fired).toEqual([]);

    const card = await engine.get('card');
    expect(card?.statuses.order).toBe('expired');
    expect(card?.timers.fired).toEqual(['expire_unpaid']);
    expect((await engine.get('wire'))?.statuses.order).toBe('placed.awaiting_payment');
    const rows = await sql<{ order_id: string; n: number }>(`select order_id, count(*)::int as n from $S.order_history where event_type = 'EXPIRE_ORDER' group by order_id`);
    expect(rows).toEqual([{ order_id: 'card', n: 1 }]);
    const last = (await engine.history('card')).at(-1);
    expect(last).toMatchObject({ actor: { kind: 'system', id: 'ordermachine-timer' }, idempotencyKey: 'timer:expire_unpaid', at: due.toISOString() });
  });

  it('bad input, unknown orders and forged actors get typed results and write nothing', async () => {
    const { engine, counts, sql } = await setup(target);
    await placed(engine, 'o1', { method: 'bank_transfer' });
    const before = { counts: await counts(), order: await engine.get('o1') };
    const statuses = async (cases: [string, unknown, Actor, object?][]) => {
      const out: Record<string, string> = {};
      for (const [name, event, actor, options] of cases) out[name] = (await engine.send(name.startsWith('unknown order') ? 'nope' : 'o1', event, { actor, ...options })).status;
      return out;
    };
    expect(
      await statuses([
        ['unknown order', { type: 'START_CHECKOUT' }, customer],
        ['unknown order with a provider fact', { type: 'PAYMENT_CAPTURED', paymentId: 'nope-P1', amount: eur(1), providerRef: 'r' }, psp],
        ['unknown event type', { type: 'NOPE' }, staff],
        ['not an object', 'CONFIRM_ORDER', staff],
        ['fractional amount', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'x', amount: { amount: 1.5, currency: 'EUR' } }, staff],
        ['other currency', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'x', amount: { amount: 2500, currency: 'USD' } }, staff],
        ['unknown field', { type: 'CONFIRM_ORDER', sneaky: true }, staff],
        ['unknown actor kind', { type: 'CONFIRM_ORDER' }, { kind: 'admin', id: 'x' } as unknown as Actor],
        ['empty idempotency key', { type: 'CONFIRM_ORDER' }, staff, { idempotencyKey: '' }],
        ['expectedVersion 0', { type: 'CONFIRM_ORDER' }, staff, { expectedVersion: 0 }],
        ['customer confirms a bank transfer', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'TRX', amount: eur(2500) }, customer, { idempotencyKey: 'forged-1' }],
        ['customer confirms the order', { type: 'CONFIRM_ORDER' }, customer],
        ['payment provider cancels', { type: 'CANCEL_ORDER', reason: 'customer_request' }, psp],
        ['not allowed in this state', { type: 'COMPLETE_ORDER' }, staff, { idempotencyKey: 'k-rejected' }],
      ]),
    ).toEqual({
      'unknown order': 'not_found',
      'unknown order with a provider fact': 'not_found',
      'unknown event type': 'invalid',
      'not an object': 'invalid',
      'fractional amount': 'invalid',
      'other currency': 'invalid',
      'unknown field': 'invalid',
      'unknown actor kind': 'invalid',
      'empty idempotency key': 'invalid',
      'expectedVersion 0': 'invalid',
      'customer confirms a bank transfer': 'forbidden',
      'customer confirms the order': 'forbidden',
      'payment provider cancels': 'forbidden',
      'not allowed in this state': 'rejected',
    });
    expect(await counts()).toEqual(before.counts);
    expect(await engine.get('o1')).toEqual(before.order);
    expect(await sql(`select id from $S.orders order by id`)).toEqual([{ id: 'o1' }]);
    // The refused keyed requests did not take their keys: the same keys work for a valid request.
    expect((await engine.send('o1', { type: 'CONFIRM_BANK_TRANSFER', paymentId: 'o1-P1', reference: 'TRX', amount: eur(2500) }, { actor: staff, idempotencyKey: 'forged-1' })).status).toBe('applied');
  });
}

// ---------------------------------------------------------------------------------------
// PGlite: always. One instance for the file, a fresh schema per test.

describe('engine on PostgreSQL storage: PGlite', () => {
  const lite = usePGlite();
  engineScenarios({ db: lite.db, fresh: () => lite.fresh('om_eng_lite') });
});

// ---------------------------------------------------------------------------------------
// A real server (pg Pool): when DATABASE_URL is set.

describeRealPostgres('engine on PostgreSQL storage: a real server (DATABASE_URL)', () => {
  const server = usePool(10);
  engineScenarios({ db: server.db, fresh: () => server.fresh('om_eng_pg') });
});
