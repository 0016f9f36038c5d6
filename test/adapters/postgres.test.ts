import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, deriveOrderStatuses, type CommitRequest, type OrderAggregate } from '../../src/index.js';
import { createPostgresStorage, type PostgresStorage, type SqlClient } from '../../src/postgres.js';
import { buildStatements } from '../../src/adapters/postgres/sql.js';
import { describeStorageConformance, type StorageFactory } from '../../src/testing.js';
import { DATABASE_URL, describeRealPostgres, freshSchema, usePGlite, usePool } from '../support/postgres.js';

// ---------------------------------------------------------------------------------------
// Fixtures

const T0 = '2026-03-01T09:00:00.000Z';
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const MINUTE = 60_000;

function aggregateFor(orderId: string): OrderAggregate {
  const created = createOrder({ orderId, currency: 'EUR' }, { now: T0 });
  if (!created.ok) throw new Error('fixture: createOrder failed');
  return created.order;
}

/** A commit request for `orderId`; `expectedVersion: null` creates it. */
function request(orderId: string, expectedVersion: number | null, patch: Partial<CommitRequest> = {}): CommitRequest {
  const aggregate = aggregateFor(orderId);
  const version = (expectedVersion ?? 0) + 1;
  return {
    orderId,
    expectedVersion,
    order: { aggregate, statuses: deriveOrderStatuses(aggregate), timers: { fired: [] }, nextDeadlineAt: null },
    history: {
      at: T0,
      actor: { kind: 'staff', id: 'staff-1' },
      eventType: 'TEST',
      event: { type: 'TEST', n: version },
      changes: [{ machine: 'order', id: orderId, from: null, to: 'cart' }],
      reason: null,
      correlationId: null,
      idempotencyKey: null,
    },
    outbox: [],
    idempotency: null,
    at: T0,
    ...patch,
  };
}

function effect(orderId: string, n: number) {
  return {
    dedupeKey: `${orderId}:${n}`,
    effect: {
      kind: 'notification' as const,
      orderId,
      template: 'order_placed' as const,
      audience: 'customer' as const,
      subject: { machine: 'order' as const, id: orderId },
      data: { attempts: n },
    },
  };
}

function withDeadline(req: CommitRequest, nextDeadlineAt: string | null): CommitRequest {
  return { ...req, order: { ...req.order, nextDeadlineAt } };
}

/**
 * The conformance suite's factory: a fresh, migrated schema with a random name per test,
 * dropped in teardown.
 */
function conformanceFactory(getDb: () => SqlClient, prefix: string): StorageFactory {
  return async () => {
    const db = getDb();
    const { schema, drop } = await freshSchema(db, prefix);
    return { storage: createPostgresStorage({ db, schema }), teardown: drop };
  };
}

async function count(db: SqlClient, schema: string, table: string): Promise<number> {
  const { rows } = await db.query(`select count(*)::int as n from "${schema}".${table}`);
  return Number((rows[0] as { n: unknown }).n);
}

/** An index scan, index-only scan or bitmap index scan on `index`. */
const scanOf = (index: string) => new RegExp(`(Index Scan using|Index Only Scan using|Bitmap Index Scan on) ${index}\\b`);

async function explain(db: SqlClient, text: string, params: unknown[]): Promise<string> {
  const { rows } = await db.query(`explain ${text}`, params);
  return rows.map((r) => (r as Record<string, string>)['QUERY PLAN']).join('\n');
}

// ---------------------------------------------------------------------------------------
// Checks every driver must pass.

interface Harness {
  db(): SqlClient;
  /** A fresh, migrated schema; dropped by the harness afterwards. */
  fresh(prefix?: string): Promise<{ storage: PostgresStorage; schema: string }>;
  /** Run `fn` inside a transaction on one connection, rolled back when it throws. */
  inTransaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
}

function adapterChecks(h: Harness): void {
  it('creates, loads and updates an order; numbers are numbers and times ISO strings', async () => {
    const { storage } = await h.fresh();
    expect(await storage.load('o1')).toBeNull();
    const created = withDeadline(request('o1', null), '2026-03-01T10:00:00+01:00');
    expect(await storage.commit(created)).toEqual({ ok: true, version: 1 });

    const loaded = await storage.load('o1');
    expect(loaded).toEqual({
      id: 'o1',
      version: 1,
      aggregate: created.order.aggregate,
      statuses: created.order.statuses,
      timers: { fired: [] },
      nextDeadlineAt: '2026-03-01T09:00:00.000Z',
      createdAt: T0,
      updatedAt: T0,
    });
    expect(typeof loaded?.version).toBe('number');

    const later = plus(T0, MINUTE);
    const update = { ...request('o1', 1), at: later, order: { ...created.order, timers: { fired: ['cart_reminder'] }, nextDeadlineAt: null } };
    expect(await storage.commit(update)).toEqual({ ok: true, version: 2 });
    const reloaded = await storage.load('o1');
    expect(reloaded).toMatchObject({ version: 2, createdAt: T0, updatedAt: later, nextDeadlineAt: null, timers: { fired: ['cart_reminder'] } });

    const history = await storage.history('o1');
    expect(history.map((e) => e.seq)).toEqual([1, 2]);
    expect(history[0]).toEqual({ orderId: 'o1', seq: 1, ...created.history });
  });

  it('writes the history row, the outbox rows and the key in the commit, with ids in write order', async () => {
    const { storage } = await h.fresh();
    const req = request('o1', null, {
      outbox: [effect('o1', 1), effect('o1', 2), effect('o1', 3)],
      idempotency: { key: 'k1', result: { status: 'applied', version: 1 } },
    });
    expect(await storage.commit(req)).toEqual({ ok: true, version: 1 });
    expect(await storage.findIdempotencyResult('o1', 'k1')).toEqual({ status: 'applied', version: 1 });
    expect(await storage.findIdempotencyResult('o1', 'k2')).toBeUndefined();
    expect(await storage.findIdempotencyResult('o2', 'k1')).toBeUndefined();

    const claimed = await storage.claimOutbox(T0, { limit: 10, leaseMs: MINUTE });
    // Only the oldest undelivered message of an order is claimable.
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      orderId: 'o1',
      dedupeKey: 'o1:1',
      effect: req.outbox[0]?.effect,
      status: 'delivering',
      attempts: 1,
      availableAt: plus(T0, MINUTE),
      lastError: null,
      createdAt: T0,
    });
  });

  it('a stale version writes nothing and reports the current version', async () => {
    const { storage, schema } = await h.fresh();
    await storage.commit(request('o1', null));
    await storage.commit(request('o1', 1));
    const stale = request('o1', 1, { outbox: [effect('o1', 9)], idempotency: { key: 'k', result: 1 } });
    expect(await storage.commit(stale)).toEqual({ ok: false, reason: 'conflict', currentVersion: 2 });
    expect(await storage.commit(request('o1', null))).toEqual({ ok: false, reason: 'conflict', currentVersion: 2 });
    expect(await storage.commit(request('missing', 3))).toEqual({ ok: false, reason: 'conflict', currentVersion: null });
    expect(await count(h.db(), schema, 'order_history')).toBe(2);
    expect(await count(h.db(), schema, 'outbox')).toBe(0);
    expect(await count(h.db(), schema, 'idempotency_keys')).toBe(0);
    expect(await count(h.db(), schema, 'orders')).toBe(1);
  });

  it('a taken idempotency key writes nothing and returns the stored result, even with a stale version', async () => {
    const { storage, schema } = await h.fresh();
    await storage.commit(request('o1', null, { idempotency: { key: 'create', result: { first: true } } }));
    await storage.commit(request('o1', 1, { idempotency: { key: 'k', result: { n: 2 } } }));
    const again = request('o1', 2, { outbox: [effect('o1', 1)], idempotency: { key: 'k', result: { n: 3 } } });
    expect(await storage.commit(again)).toEqual({ ok: false, reason: 'idempotency_key_taken', result: { n: 2 } });
    const staleToo = request('o1', 1, { idempotency: { key: 'k', result: { n: 3 } } });
    expect(await storage.commit(staleToo)).toEqual({ ok: false, reason: 'idempotency_key_taken', result: { n: 2 } });
    const createAgain = request('o1', null, { idempotency: { key: 'create', result: {} } });
    expect(await storage.commit(createAgain)).toEqual({ ok: false, reason: 'idempotency_key_taken', result: { first: true } });
    expect((await storage.load('o1'))?.version).toBe(2);
    expect(await count(h.db(), schema, 'outbox')).toBe(0);
    expect(await count(h.db(), schema, 'order_history')).toBe(2);
  });

  it('stores results that are null, strings and arrays as they are', async () => {
    const { storage } = await h.fresh();
    await storage.commit(request('o1', null, { idempotency: { key: 'a', result: null } }));
    await storage.commit(request('o1', 1, { idempotency: { key: 'b', result: 'text' } }));
    await storage.commit(request('o1', 2, { idempotency: { key: 'c', result: [1, 'x', { y: null }] } }));
    expect(await storage.findIdempotencyResult('o1', 'a')).toBeNull();
    expect(await storage.findIdempotencyResult('o1', 'b')).toBe('text');
    expect(await storage.findIdempotencyResult('o1', 'c')).toEqual([1, 'x', { y: null }]);
    expect(await storage.commit(request('o1', 3, { idempotency: { key: 'a', result: 1 } }))).toEqual({
      ok: false,
      reason: 'idempotency_key_taken',
      result: null,
    });
  });

  it('history pages with afterSeq and limit', async () => {
    const { storage } = await h.fresh();
    await storage.commit(request('o1', null));
    for (let v = 1; v < 5; v++) await storage.commit(request('o1', v));
    await storage.commit({ ...request('o1', 5), history: null });
    expect((await storage.history('o1')).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await storage.history('o1', { afterSeq: 2, limit: 2 })).map((e) => e.seq)).toEqual([3, 4]);
    expect(await storage.history('nobody')).toEqual([]);
    await expect(storage.history('o1', { limit: 0 })).rejects.toThrow(RangeError);
  });

  it('lists by status with keyset pagination in id order', async () => {
    const { storage } = await h.fresh();
    const ids = ['b', 'a', 'C', 'a-1', 'a_1', 'z', 'ä'];
    for (const id of ids) await storage.commit(request(id, null));
    const sorted = [...ids].sort();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await storage.list({ orderState: 'cart', limit: 2, cursor });
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(sorted);
    expect((await storage.list({ orderState: 'placed' })).items).toEqual([]);
    const statuses = deriveOrderStatuses(aggregateFor('x'));
    const all = await storage.list({
      orderState: statuses.order,
      paymentStatus: statuses.payment,
      fulfilmentStatus: statuses.fulfilment,
      returnStatus: statuses.returns,
      customerStatus: statuses.customer,
    });
    expect(all.items.map((o) => o.id)).toEqual(sorted);
    expect(all.nextCursor).toBeNull();
    await expect(storage.list({ limit: 0 })).rejects.toThrow(RangeError);
    await expect(storage.list({ limit: 1001 })).rejects.toThrow(RangeError);
  });

  it('claimDue: most overdue first, leased, freed by a commit, reclaimed after the lease', async () => {
    const { storage } = await h.fresh();
    await storage.commit(withDeadline(request('late', null), plus(T0, -2 * MINUTE)));
    await storage.commit(withDeadline(request('later', null), plus(T0, -MINUTE)));
    await storage.commit(withDeadline(request('future', null), plus(T0, MINUTE)));
    await storage.commit(request('none', null));

    expect(await storage.claimDue(T0, { limit: 10, leaseMs: MINUTE })).toEqual([
      { orderId: 'late', version: 1, nextDeadlineAt: plus(T0, -2 * MINUTE) },
      { orderId: 'later', version: 1, nextDeadlineAt: plus(T0, -MINUTE) },
    ]);
    expect(await storage.claimDue(plus(T0, 1000), { limit: 10, leaseMs: MINUTE })).toEqual([]);
    // A commit releases the claim.
    await storage.commit(withDeadline(request('late', 1), plus(T0, -2 * MINUTE)));
    expect((await storage.claimDue(plus(T0, 1000), { limit: 10, leaseMs: MINUTE })).map((d) => d.orderId)).toEqual(['late']);
    // The lease runs out.
    const afterLease = plus(T0, MINUTE + 500); // 'late' is held until T0 + 61 s, 'later' until T0 + 60 s
    expect((await storage.claimDue(afterLease, { limit: 10, leaseMs: MINUTE })).map((d) => d.orderId)).toEqual([
      'later',
      'future',
    ]);
    await expect(storage.claimDue(T0, { limit: 0, leaseMs: 1 })).rejects.toThrow(RangeError);
    await expect(storage.claimDue('yesterday', { limit: 1, leaseMs: 1 })).rejects.toThrow(RangeError);
  });

  it('outbox: per-order order, retry, dead letters (which do not block), discard, late acks', async () => {
    const { storage } = await h.fresh();
    await storage.commit(request('a', null, { outbox: [effect('a', 1), effect('a', 2)] }));
    await storage.commit(request('b', null, { outbox: [effect('b', 1)] }));
    const lease = { limit: 10, leaseMs: MINUTE };

    const first = await storage.claimOutbox(T0, lease);
    expect(first.map((m) => m.dedupeKey)).toEqual(['a:1', 'b:1']);
    const [a1, b1] = first;
    if (!a1 || !b1) throw new Error('unreachable');
    expect(await storage.claimOutbox(T0, lease)).toEqual([]);

    await storage.ackOutbox(b1.id, { at: T0, attempt: b1.attempts });
    await storage.failOutbox(a1.id, { error: 'smtp down', at: T0, retryAt: plus(T0, 5000), attempt: a1.attempts });
    // a:2 waits behind a:1, which is pending again but not yet available.
    expect(await storage.claimOutbox(plus(T0, 1000), lease)).toEqual([]);
    const retried = await storage.claimOutbox(plus(T0, 5000), lease);
    expect(retried).toMatchObject([{ id: a1.id, attempts: 2, lastError: 'smtp down' }]);

    const [a1again] = retried;
    if (!a1again) throw new Error('unreachable');

    // The first claim (attempt 1) is no longer the holder's: its late ack or failure changes nothing.
    await storage.failOutbox(a1.id, { error: 'late', at: plus(T0, 5500), retryAt: null, attempt: a1.attempts });
    await storage.ackOutbox(a1.id, { at: plus(T0, 5500), attempt: a1.attempts });
    expect(await storage.listDeadLetters()).toEqual([]);
    expect(await storage.claimOutbox(plus(T0, 6000), lease)).toEqual([]);
    // The current holder (attempt 2) acks; a late ack or failure after the delivery changes nothing.
    await storage.ackOutbox(a1.id, { at: plus(T0, 6000), attempt: a1again.attempts });
    await storage.failOutbox(a1.id, { error: 'late', at: T0, retryAt: null, attempt: a1again.attempts });
    await storage.ackOutbox(b1.id, { at: T0, attempt: b1.attempts });
    const a2 = (await storage.claimOutbox(plus(T0, 6000), lease))[0];
    expect(a2?.dedupeKey).toBe('a:2');
    if (!a2) throw new Error('unreachable');

    await storage.failOutbox(a2.id, { error: 'gave up', at: plus(T0, 7000), retryAt: null, attempt: a2.attempts });
    expect((await storage.listDeadLetters()).map((m) => [m.id, m.status, m.lastError])).toEqual([[a2.id, 'dead', 'gave up']]);
    expect(await storage.retryDeadLetter(a1.id, T0)).toBe(false);
    expect(await storage.retryDeadLetter('nope', T0)).toBe(false);
    expect(await storage.retryDeadLetter(a2.id, plus(T0, 8000))).toBe(true);
    expect(await storage.listDeadLetters()).toEqual([]);
    const again = await storage.claimOutbox(plus(T0, 8000), lease);
    expect(again).toMatchObject([{ id: a2.id, attempts: 1 }]);
    const [a2again] = again;
    if (!a2again) throw new Error('unreachable');
    await storage.failOutbox(a2.id, { error: 'gave up again', at: plus(T0, 9000), retryAt: null, attempt: a2again.attempts });

    // A dead message does not hold back the next one of its order.
    await storage.commit(request('a', 1, { outbox: [effect('a', 3)] }));
    expect((await storage.claimOutbox(plus(T0, 9000), lease)).map((m) => m.dedupeKey)).toEqual(['a:3']);
    expect(await storage.discardDeadLetter(a2.id, plus(T0, 9000))).toBe(true);
    expect(await storage.discardDeadLetter(a2.id, plus(T0, 9000))).toBe(false);
    expect(await storage.listDeadLetters()).toEqual([]);
  });

  it('a delivering message whose lease ran out is claimed again', async () => {
    const { storage } = await h.fresh();
    await storage.commit(request('a', null, { outbox: [effect('a', 1), effect('a', 2)] }));
    const lease = { limit: 10, leaseMs: MINUTE };
    const [m] = await storage.claimOutbox(T0, lease);
    expect(await storage.claimOutbox(plus(T0, MINUTE - 1), lease)).toEqual([]);
    const again = await storage.claimOutbox(plus(T0, MINUTE), lease);
    expect(again).toMatchObject([{ id: m?.id, attempts: 2, availableAt: plus(T0, 2 * MINUTE) }]);
  });

  it('a commit that fails after the order row was written leaves nothing (one statement)', async () => {
    const { storage, schema } = await h.fresh();
    await storage.commit(request('o1', null, { outbox: [effect('o1', 1)] }));
    // The outbox insert violates the unique dedupe key, after the update of the order ran.
    const failing = request('o1', 1, { outbox: [effect('o1', 2), effect('o1', 1)], idempotency: { key: 'k', result: 1 } });
    await expect(storage.commit(failing)).rejects.toThrow(/outbox_dedupe_key_key|duplicate key/);
    expect((await storage.load('o1'))?.version).toBe(1);
    expect(await count(h.db(), schema, 'order_history')).toBe(1);
    expect(await count(h.db(), schema, 'outbox')).toBe(1);
    expect(await storage.findIdempotencyResult('o1', 'k')).toBeUndefined();
    // And the retry of a sound commit succeeds.
    expect(await storage.commit(request('o1', 1, { outbox: [effect('o1', 2)] }))).toEqual({ ok: true, version: 2 });
  });

  it('a commit inside a caller transaction that rolls back leaves nothing', async () => {
    const { storage, schema } = await h.fresh();
    await expect(
      h.inTransaction(async (tx) => {
        const inTx = storage.withClient(tx);
        const req = request('o1', null, { outbox: [effect('o1', 1)], idempotency: { key: 'k', result: 1 } });
        expect(await inTx.commit(req)).toEqual({ ok: true, version: 1 });
        expect((await inTx.load('o1'))?.version).toBe(1);
        throw new Error('host failed');
      }),
    ).rejects.toThrow('host failed');
    expect(await storage.load('o1')).toBeNull();
    for (const table of ['orders', 'order_history', 'outbox', 'idempotency_keys']) expect(await count(h.db(), schema, table)).toBe(0);
  });

  it('a commit inside a caller transaction commits with the host rows', async () => {
    const { storage, schema } = await h.fresh();
    await h.db().query(`create table "${schema}".invoices (order_id text primary key)`);
    await h.inTransaction(async (tx) => {
      expect(await storage.withClient(tx).commit(request('o1', null))).toEqual({ ok: true, version: 1 });
      await tx.query(`insert into "${schema}".invoices (order_id) values ($1)`, ['o1']);
    });
    expect((await storage.load('o1'))?.version).toBe(1);
    expect(await count(h.db(), schema, 'invoices')).toBe(1);
  });

  it('a taken key or a stale version inside a caller transaction does not poison it', async () => {
    const { storage, schema } = await h.fresh();
    await storage.commit(request('o1', null, { idempotency: { key: 'k', result: 'first' } }));
    await h.inTransaction(async (tx) => {
      const inTx = storage.withClient(tx);
      expect(await inTx.commit(request('o1', 1, { idempotency: { key: 'k', result: 'second' } }))).toEqual({
        ok: false,
        reason: 'idempotency_key_taken',
        result: 'first',
      });
      expect(await inTx.commit(request('o1', null))).toEqual({ ok: false, reason: 'conflict', currentVersion: 1 });
      expect(await inTx.commit(request('o1', 7))).toEqual({ ok: false, reason: 'conflict', currentVersion: 1 });
      // The transaction is still usable: the next statements run and commit.
      expect(await inTx.commit(request('o1', 1, { idempotency: { key: 'k2', result: 'ok' } }))).toEqual({ ok: true, version: 2 });
    });
    expect((await storage.load('o1'))?.version).toBe(2);
    expect(await count(h.db(), schema, 'idempotency_keys')).toBe(2);
  });

  it('answers the sweep, the list queries and the outbox claim from indexes', async () => {
    const { schema } = await h.fresh();
    const db = h.db();
    await db.query(
      `insert into "${schema}".orders (id, version, schema_version, order_state, payment_status, fulfilment_status,
         return_status, customer_status, next_deadline_at, aggregate, timers, created_at, updated_at)
       select 'ord_' || lpad(i::text, 7, '0'), 1, 1,
         (array['cart', 'placed', 'confirmed', 'awaiting_shipment', 'shipped', 'delivered', 'completed', 'cancelled'])[1 + i % 8],
         (array['unpaid', 'paid', 'refunded'])[1 + i % 3],
         case when i % 50 = 0 then 'shipped' else 'delivered' end,
         case when i % 100 = 0 then 'requested' else 'none' end,
         (array['active', 'done'])[1 + i % 2],
         case when i % 10 = 0 then timestamptz '2026-01-01' + i * interval '1 minute' end,
         '{}'::jsonb, '{"fired":[]}'::jsonb, now(), now()
       from generate_series(1, 5000) as i`,
    );
    await db.query(
      `insert into "${schema}".outbox (order_id, seq, dedupe_key, effect, status, attempts, available_at, created_at, updated_at)
       select 'ord_' || lpad((i % 500)::text, 7, '0'), 1, 'k' || i, '{}'::jsonb,
         case when i % 50 = 0 then 'pending' else 'delivered' end, 0, now(), now(), now()
       from generate_series(1, 5000) as i`,
    );
    await db.query(`analyze "${schema}".orders`);
    await db.query(`analyze "${schema}".outbox`);
    const sql = buildStatements(`"${schema}"`);

    // A regular sweep (a few dozen orders due): walks the deadline index in order, stops at the limit;
    // the update finds the claimed rows by primary key.
    const sweep = await explain(db, sql.claimDue.text, ['2026-01-01T06:00:00.000Z', 100, 30_000]);
    expect(sweep).toMatch(/Index Scan using orders_next_deadline_at_idx/);
    expect(sweep).toMatch(/Index Scan using orders_pkey/);
    expect(sweep).not.toContain('Seq Scan');
    // A backlog (every deadline due): still from the deadline index (the planner may sort the hits).
    const backlog = await explain(db, sql.claimDue.text, ['2027-01-01T00:00:00.000Z', 100, 30_000]);
    expect(backlog).toMatch(scanOf('orders_next_deadline_at_idx'));
    expect(backlog).not.toContain('Seq Scan');

    // A selective status (2 % and 1 % of the orders): its (status, id) index, in id order.
    const byStatus = await explain(db, sql.list(['fulfilment_status'], true).text, ['shipped', 'ord_0000100', 101]);
    expect(byStatus).toMatch(scanOf('orders_fulfilment_status_idx'));
    expect(byStatus).not.toContain('Seq Scan');
    const byReturn = await explain(db, sql.list(['return_status'], false).text, ['requested', 101]);
    expect(byReturn).toMatch(scanOf('orders_return_status_idx'));
    expect(byReturn).not.toContain('Seq Scan');
    const all = await explain(db, sql.list([], true).text, ['ord_0000100', 101]);
    expect(all).toMatch(/Index Scan using orders_pkey/);
    expect(all).not.toContain('Seq Scan');

    const claim = await explain(db, sql.claimOutbox.text, ['2030-01-01T00:00:00.000Z', 100, 30_000]);
    // Only undelivered messages are read (delivered history is never scanned), and the update
    // finds the claimed rows by primary key.
    expect(claim).toMatch(scanOf('outbox_undelivered_idx'));
    expect(claim).toMatch(/Index Scan using outbox_pkey/);
    expect(claim).not.toContain('Seq Scan');
  });

  it('refuses a bad handle and a bad schema name', () => {
    expect(() => createPostgresStorage({ db: {} as SqlClient })).toThrow(TypeError);
    expect(() => createPostgresStorage({ db: h.db(), schema: 'Bad-Name' })).toThrow(TypeError);
    expect(() => createPostgresStorage({ db: h.db() }).withClient(null as unknown as SqlClient)).toThrow(TypeError);
    expect(createPostgresStorage({ db: h.db() }).schema).toBe('ordermachine');
  });
}

// ---------------------------------------------------------------------------------------
// PGlite: one instance per file, a fresh schema per test.

describe('PostgreSQL storage on PGlite', () => {
  const lite = usePGlite();

  describeStorageConformance('PostgreSQL on PGlite', conformanceFactory(lite.db, 'om_conf_lite'), { describe, it, afterEach });

  adapterChecks({
    db: lite.db,
    async fresh(prefix = 'om_lite') {
      const schema = await lite.fresh(prefix);
      return { storage: createPostgresStorage({ db: lite.db(), schema }), schema };
    },
    inTransaction: (fn) => lite.db().transaction((tx) => fn(tx)),
  });

  it('works inside a PGlite transaction through createPostgresStorage({ db: tx }) too', async () => {
    const schema = await lite.fresh('om_lite_tx');
    const db = lite.db();
    await db.transaction(async (tx) => {
      const storage = createPostgresStorage({ db: tx, schema });
      expect(await storage.commit(request('o1', null))).toEqual({ ok: true, version: 1 });
    });
    expect((await createPostgresStorage({ db, schema }).load('o1'))?.version).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------
// A real PostgreSQL server (pg Pool), when DATABASE_URL is set.

describeRealPostgres('PostgreSQL storage on a real PostgreSQL server (DATABASE_URL)', () => {
  const server = usePool(20);
  let pool: pg.Pool;
  beforeAll(() => {
    pool = server.db();
  });

  describeStorageConformance('PostgreSQL on a server (pg Pool)', conformanceFactory(server.db, 'om_conf_pg'), { describe, it, afterEach });

  async function fresh(prefix = 'om_pg') {
    const schema = await server.fresh(prefix);
    return { storage: createPostgresStorage({ db: server.db(), schema }), schema };
  }

  adapterChecks({
    db: server.db,
    fresh,
    async inTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(client);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
  });

  it('works on a single pg Client', async () => {
    const { schema } = await fresh();
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      const storage = createPostgresStorage({ db: client, schema });
      expect(await storage.commit(request('o1', null))).toEqual({ ok: true, version: 1 });
      expect((await storage.load('o1'))?.version).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('16 concurrent commits on one version: exactly one wins, the others see its version', async () => {
    const { storage, schema } = await fresh();
    await storage.commit(request('o1', null));
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => storage.commit(request('o1', 1, { outbox: [effect(`o1-${i}`, i)] }))));
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, version: 2 }]);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, reason: 'conflict', currentVersion: 2 });
    expect(await count(pool, schema, 'outbox')).toBe(1);
    expect(await count(pool, schema, 'order_history')).toBe(2);
  });

  it('a storm of 30 commits with one idempotency key: one wins, the others get its result', async () => {
    const { storage, schema } = await fresh();
    await storage.commit(request('o1', null));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => storage.commit(request('o1', 1, { idempotency: { key: 'capture-1', result: { winner: i } } }))),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const stored = await storage.findIdempotencyResult('o1', 'capture-1');
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, reason: 'idempotency_key_taken', result: stored });
    expect(await count(pool, schema, 'order_history')).toBe(2);
  });

  it('concurrent creates of one order: exactly one wins', async () => {
    const { storage } = await fresh();
    const results = await Promise.all(Array.from({ length: 12 }, () => storage.commit(request('o1', null))));
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, version: 1 }]);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, reason: 'conflict', currentVersion: 1 });
  });

  it('8 sweepers on separate connections claim each due order once', async () => {
    const { storage } = await fresh();
    for (let i = 0; i < 200; i++) await storage.commit(withDeadline(request(`o${String(i).padStart(3, '0')}`, null), plus(T0, -i * 1000)));
    const claims = await Promise.all(Array.from({ length: 8 }, () => storage.claimDue(T0, { limit: 40, leaseMs: MINUTE })));
    const ids = claims.flat().map((d) => d.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(200);
  });

  it('8 relays on separate connections: each message claimed once, one per order at a time', async () => {
    const { storage } = await fresh();
    for (let i = 0; i < 50; i++) await storage.commit(request(`o${i}`, null, { outbox: [effect(`o${i}`, 1), effect(`o${i}`, 2)] }));
    const claims = await Promise.all(Array.from({ length: 8 }, () => storage.claimOutbox(T0, { limit: 20, leaseMs: MINUTE })));
    const messages = claims.flat();
    expect(messages).toHaveLength(50);
    expect(new Set(messages.map((m) => m.orderId)).size).toBe(50);
    expect(messages.every((m) => m.dedupeKey.endsWith(':1'))).toBe(true);
  });

  it('session time zone does not change the times read or written', async () => {
    const { schema } = await fresh();
    const client = await pool.connect();
    try {
      await client.query(`set time zone 'Asia/Tehran'`);
      const storage = createPostgresStorage({ db: client, schema });
      await storage.commit(withDeadline(request('o1', null), '2026-03-01T12:30:00+03:30'));
      expect(await storage.load('o1')).toMatchObject({ createdAt: T0, nextDeadlineAt: '2026-03-01T09:00:00.000Z' });
    } finally {
      await client.query('reset time zone');
      client.release();
    }
  });
});
