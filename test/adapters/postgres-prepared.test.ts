/**
 * The PostgreSQL adapter's prepared statements: `pg`'s named statements on a server, SQL
 * `PREPARE` / `EXECUTE` with escaped literals on a PGlite instance. Values must come back exactly
 * as they went in (quotes, backslashes, any script), whatever `standard_conforming_strings` is;
 * a statement the session forgot is prepared again; `prepare: false` prepares nothing.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { createOrder, deriveOrderStatuses, type CommitRequest } from '../../src/index.js';
import { createPostgresStorage, migrate, type SqlClient } from '../../src/postgres.js';
import { DATABASE_URL, describeRealPostgres, usePGlite, usePool } from '../support/postgres.js';

const T0 = '2026-03-01T09:00:00.000Z';

/** Strings that break naive quoting: quotes, backslashes before quotes, dollar quotes, other scripts. */
const NASTY = [
  "O'Brien",
  "''",
  '\\',
  "\\'; drop table orders; --",
  "E'\\x41'",
  '$$ $tag$ $1 @id',
  'C:\\Temp\\new\\table',
  'سفارش «۱۲۳» ثبت شد',
  'Заказ № 5 — «готов»',
  'অর্ডার নিশ্চিত হয়েছে',
  '🧾 emoji 👍🏽',
  'line\nbreak\ttab',
];

function request(orderId: string, expectedVersion: number | null, text: string): CommitRequest {
  const created = createOrder(
    { orderId, currency: 'EUR', items: [{ lineId: 'l1', sku: text, name: text, quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } }] },
    { now: T0 },
  );
  if (!created.ok) throw new Error(`fixture: ${JSON.stringify(created.error)}`);
  const aggregate = created.order;
  return {
    orderId,
    expectedVersion,
    order: { aggregate, statuses: deriveOrderStatuses(aggregate), timers: { fired: [text] }, nextDeadlineAt: null },
    history: {
      at: T0,
      actor: { kind: 'staff', id: text },
      eventType: 'TEST',
      event: { type: 'TEST', note: text },
      changes: [],
      reason: text,
      correlationId: text,
      idempotencyKey: `key:${text}`,
    },
    outbox: [],
    idempotency: { key: `key:${text}`, result: { note: text } },
    at: T0,
  };
}

async function preparedNames(db: SqlClient): Promise<string[]> {
  const { rows } = await db.query(`select name from pg_prepared_statements where name like 'ordermachine\\_%' order by name`);
  return rows.map((r) => (r as { name: string }).name);
}

/** Commits one order per nasty string and reads everything back. */
async function roundTrip(db: SqlClient, schema: string, prefix: string, prepare?: boolean): Promise<void> {
  const storage = createPostgresStorage({ db, schema, ...(prepare === undefined ? {} : { prepare }) });
  for (const [i, text] of NASTY.entries()) {
    const orderId = `${prefix}-${i}-${text}`;
    const create = request(orderId, null, text);
    expect(await storage.commit(create)).toEqual({ ok: true, version: 1 });
    const loaded = await storage.load(orderId);
    expect(loaded?.aggregate).toStrictEqual(create.order.aggregate);
    expect(loaded?.timers).toStrictEqual({ fired: [text] });
    expect(await storage.findIdempotencyResult(orderId, `key:${text}`)).toStrictEqual({ note: text });
    const [entry] = await storage.history(orderId);
    expect(entry).toMatchObject({ actor: { kind: 'staff', id: text }, event: { type: 'TEST', note: text }, reason: text, correlationId: text, idempotencyKey: `key:${text}` });
    // The key is taken: the update writes nothing and answers with the first result.
    expect(await storage.commit(request(orderId, 1, text))).toEqual({ ok: false, reason: 'idempotency_key_taken', result: { note: text } });
    expect(await storage.commit({ ...request(orderId, 1, text), idempotency: null })).toEqual({ ok: true, version: 2 });
  }
}

describe('prepared statements on a PGlite instance', () => {
  const lite = usePGlite();

  it('prepares the hot statements once and reads every value back exactly', async () => {
    const schema = await lite.fresh('om_prep_lite');
    await roundTrip(lite.db(), schema, 'a');
    const names = await preparedNames(lite.db());
    // load, the update and create commits, the key lookup.
    expect(names.length).toBeGreaterThanOrEqual(4);
  });

  it('reads back exactly with standard_conforming_strings off too', async () => {
    const db = lite.db();
    const schema = await lite.fresh('om_prep_scs');
    await db.query('set standard_conforming_strings = off');
    try {
      await roundTrip(db, schema, 'b');
    } finally {
      await db.query('reset standard_conforming_strings');
    }
  });

  it('prepares again when the session forgot its statements (DEALLOCATE ALL)', async () => {
    const db = lite.db();
    const schema = await lite.fresh('om_prep_dealloc');
    const storage = createPostgresStorage({ db, schema });
    expect(await storage.commit(request('o1', null, 'x'))).toEqual({ ok: true, version: 1 });
    await db.query('deallocate all');
    expect(await preparedNames(db)).toEqual([]);
    expect((await storage.load('o1'))?.version).toBe(1);
    expect(await storage.commit({ ...request('o1', 1, 'x'), idempotency: null })).toEqual({ ok: true, version: 2 });
    expect((await preparedNames(db)).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps working when its schema is dropped and migrated again under the same name', async () => {
    const db = lite.db();
    const schema = await lite.fresh('om_prep_again');
    const storage = createPostgresStorage({ db, schema });
    expect(await storage.commit(request('o1', null, 'x'))).toEqual({ ok: true, version: 1 });
    await db.query(`drop schema "${schema}" cascade`);
    await migrate(db, { schema });
    expect(await storage.load('o1')).toBeNull();
    expect(await storage.commit(request('o1', null, 'y'))).toEqual({ ok: true, version: 1 });
    expect((await storage.load('o1'))?.timers).toEqual({ fired: ['y'] });
  });

  it('never runs inside another caller’s open transaction', async () => {
    const db = lite.db();
    const schema = await lite.fresh('om_prep_mutex');
    const storage = createPostgresStorage({ db, schema });
    expect(await storage.commit(request('warm', null, 'x'))).toEqual({ ok: true, version: 1 });
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const rolledBack = db.transaction(async (tx) => {
      await tx.query('select 1');
      entered();
      await gate;
      await tx.rollback();
    });
    await inside;
    const commit = storage.commit(request('o1', null, 'x'));
    release();
    await rolledBack;
    expect(await commit).toEqual({ ok: true, version: 1 });
    expect((await storage.load('o1'))?.version).toBe(1);
  });

  it('with prepare: false, or on a PGlite tx, prepares nothing', async () => {
    const db = lite.db();
    await db.query('deallocate all');
    const schema = await lite.fresh('om_prep_off');
    await roundTrip(db, schema, 'c', false);
    await (db as PGlite).transaction(async (tx) => {
      expect(await createPostgresStorage({ db: tx, schema }).commit(request('in-tx', null, "it's"))).toEqual({ ok: true, version: 1 });
    });
    expect(await preparedNames(db)).toEqual([]);
  });

  it('a value PostgreSQL cannot store as text (NUL) fails the same way, prepared or not', async () => {
    const db = lite.db();
    const schema = await lite.fresh('om_prep_nul');
    for (const prepare of [true, false]) {
      const storage = createPostgresStorage({ db, schema, prepare });
      await expect(storage.findIdempotencyResult('o1', 'a\u0000b')).rejects.toThrow(/0x00/);
      expect(await storage.findIdempotencyResult('o1', 'ab')).toBeUndefined();
    }
  });
});

describeRealPostgres('prepared statements on a real server (pg)', () => {
  const server = usePool(4);

  it('names the hot statements per connection and reads every value back exactly', async () => {
    const schema = await server.fresh('om_prep_pg');
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await roundTrip(client, schema, 'a');
      expect((await preparedNames(client)).length).toBeGreaterThanOrEqual(4);
      // The server forgot them, pg did not: the statements go plain and still work.
      await client.query('deallocate all');
      const storage = createPostgresStorage({ db: client, schema });
      expect((await storage.load(`a-0-${NASTY[0]}`))?.version).toBe(2);
      expect(await storage.commit(request('late', null, 'x'))).toEqual({ ok: true, version: 1 });
    } finally {
      await client.end();
    }
  });

  it('statements prepared inside a rolled-back transaction stay usable', async () => {
    const schema = await server.fresh('om_prep_tx');
    const client = await server.db().connect();
    try {
      await client.query('begin');
      const inTx = createPostgresStorage({ db: client, schema });
      expect(await inTx.commit(request('o1', null, 'x'))).toEqual({ ok: true, version: 1 });
      await client.query('rollback');
      expect(await inTx.load('o1')).toBeNull();
      expect(await inTx.commit(request('o1', null, 'x'))).toEqual({ ok: true, version: 1 });
      expect((await inTx.load('o1'))?.version).toBe(1);
    } finally {
      client.release();
    }
  });

  it('on a pool: the same statements work on every connection; prepare: false prepares nothing', async () => {
    const schema = await server.fresh('om_prep_pool');
    const storage = createPostgresStorage({ db: server.db(), schema });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => storage.commit(request(`p${i}`, null, `v${i}`))));
    expect(results).toEqual(Array.from({ length: 8 }, () => ({ ok: true, version: 1 })));
    const loaded = await Promise.all(Array.from({ length: 8 }, (_, i) => storage.load(`p${i}`)));
    expect(loaded.map((o) => o?.timers.fired[0])).toEqual(Array.from({ length: 8 }, (_, i) => `v${i}`));

    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await roundTrip(client, schema, 'off', false);
      expect(await preparedNames(client)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
