import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, postgresMigrations, type SqlClient } from '../../src/postgres.js';
import { DATABASE_URL, describeRealPostgres, randomSchema, usePGlite, usePool } from '../support/postgres.js';

const ALL_IDS = postgresMigrations().map((m) => m.id);
const TABLES = ['idempotency_keys', 'order_history', 'orders', 'outbox', 'schema_migrations'];
const INDEXES = [
  'idempotency_keys_created_at_idx',
  'idempotency_keys_pkey',
  'order_history_pkey',
  'orders_customer_status_idx',
  'orders_fulfilment_status_idx',
  'orders_next_deadline_at_idx',
  'orders_order_state_idx',
  'orders_payment_status_idx',
  'orders_pkey',
  'orders_return_status_idx',
  'outbox_dead_idx',
  'outbox_dedupe_key_key',
  'outbox_order_id_idx',
  'outbox_pkey',
  'outbox_undelivered_idx',
  'schema_migrations_pkey',
];
// [column, data_type, is_nullable] of ordermachine.orders, in table order.
const ORDER_COLUMNS = [
  ['id', 'text', 'NO'],
  ['version', 'bigint', 'NO'],
  ['schema_version', 'integer', 'NO'],
  ['order_state', 'text', 'NO'],
  ['payment_status', 'text', 'NO'],
  ['fulfilment_status', 'text', 'NO'],
  ['return_status', 'text', 'NO'],
  ['customer_status', 'text', 'NO'],
  ['next_deadline_at', 'timestamp with time zone', 'YES'],
  ['due_claimed_until', 'timestamp with time zone', 'YES'],
  ['aggregate', 'jsonb', 'NO'],
  ['timers', 'jsonb', 'NO'],
  ['created_at', 'timestamp with time zone', 'NO'],
  ['updated_at', 'timestamp with time zone', 'NO'],
];

async function rows<T>(db: SqlClient, text: string, params?: unknown[]): Promise<T[]> {
  return (await db.query(text, params)).rows as T[];
}

async function tablesIn(db: SqlClient, schema: string): Promise<string[]> {
  const found = await rows<{ table_name: string }>(
    db,
    `select table_name from information_schema.tables where table_schema = $1 order by table_name`,
    [schema],
  );
  return found.map((r) => r.table_name);
}

async function recordedIds(db: SqlClient, schema: string): Promise<number[]> {
  const found = await rows<{ id: number }>(db, `select id from "${schema}".schema_migrations order by id`);
  return found.map((r) => Number(r.id));
}

async function explain(db: SqlClient, query: string): Promise<string> {
  const plan = await rows<Record<string, string>>(db, `explain ${query}`);
  return plan.map((r) => r['QUERY PLAN']).join('\n');
}

/** The checks every driver must pass, on `schema`: a name not yet created, which the caller drops afterwards. */
function migrationChecks(getDb: () => SqlClient, schema: string): void {

  it('applies every migration to a fresh schema and records them', async () => {
    const db = getDb();
    const result = await migrate(db, { schema });
    expect(result).toEqual({ applied: ALL_IDS });
    expect(await recordedIds(db, schema)).toEqual(ALL_IDS);
    const names = await rows<{ name: string }>(db, `select name from "${schema}".schema_migrations order by id`);
    expect(names.map((r) => r.name)).toEqual(postgresMigrations().map((m) => m.name));
  });

  it('creates the tables, the columns of orders and the indexes', async () => {
    const db = getDb();
    expect(await tablesIn(db, schema)).toEqual(TABLES);

    const columns = await rows<{ column_name: string; data_type: string; is_nullable: string }>(
      db,
      `select column_name, data_type, is_nullable from information_schema.columns
        where table_schema = $1 and table_name = 'orders' order by ordinal_position`,
      [schema],
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual(ORDER_COLUMNS);

    const indexes = await rows<{ indexname: string; indexdef: string }>(
      db,
      `select indexname, indexdef from pg_indexes where schemaname = $1 order by indexname`,
      [schema],
    );
    expect(indexes.map((i) => i.indexname)).toEqual(INDEXES);
    const def = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef ?? '';
    expect(def('orders_order_state_idx')).toMatch(/\(order_state, id\)$/);
    expect(def('orders_payment_status_idx')).toMatch(/\(payment_status, id\)$/);
    expect(def('orders_fulfilment_status_idx')).toMatch(/\(fulfilment_status, id\)$/);
    expect(def('orders_return_status_idx')).toMatch(/\(return_status, id\)$/);
    expect(def('orders_customer_status_idx')).toMatch(/\(customer_status, id\)$/);
    expect(def('orders_next_deadline_at_idx')).toMatch(/\(next_deadline_at, id\) WHERE \(next_deadline_at IS NOT NULL\)$/);
    expect(def('outbox_undelivered_idx')).toMatch(
      /\(id\) WHERE \(status = ANY \(ARRAY\['pending'::text, 'delivering'::text\]\)\)$/,
    );
    expect(def('outbox_dead_idx')).toMatch(/\(id\) WHERE \(status = 'dead'::text\)$/);
    expect(def('outbox_order_id_idx')).toMatch(/\(order_id, id\)$/);
    expect(def('outbox_dedupe_key_key')).toMatch(/UNIQUE INDEX .*\(dedupe_key\)$/);
  });

  it('enforces the outbox status check and the history foreign key', async () => {
    const db = getDb();
    await expect(
      db.query(
        `insert into "${schema}".outbox (order_id, seq, dedupe_key, effect, status, available_at, created_at, updated_at)
         values ('o1', 1, 'k1', '{}', 'lost', now(), now(), now())`,
      ),
    ).rejects.toThrow(/outbox_status_check/);
    await expect(
      db.query(
        `insert into "${schema}".order_history (order_id, seq, at, actor_kind, actor_id, event_type, event, changes)
         values ('missing', 1, now(), 'system', 'sys', 'x', '{}', '[]')`,
      ),
    ).rejects.toThrow(/foreign key/);
    const [row] = await rows<{ attempts: number; status: string }>(
      db,
      `insert into "${schema}".outbox (order_id, seq, dedupe_key, effect, status, available_at, created_at, updated_at)
       values ('o1', 1, 'k1', '{"type":"notify"}', 'pending', now(), now(), now()) returning attempts, status`,
    );
    expect(row).toEqual({ attempts: 0, status: 'pending' });
    await db.query(`delete from "${schema}".outbox`);
  });

  it('applies nothing the second time', async () => {
    const db = getDb();
    expect(await migrate(db, { schema })).toEqual({ applied: [] });
    expect(await recordedIds(db, schema)).toEqual(ALL_IDS);
  });

  it('answers state queries and the timer sweep from indexes (enable_seqscan on)', async () => {
    const db = getDb();
    const [setting] = await rows<{ enable_seqscan: string }>(db, 'show enable_seqscan');
    expect(setting?.enable_seqscan).toBe('on');
    await db.query(
      `insert into "${schema}".orders (id, version, schema_version, order_state, payment_status,
         fulfilment_status, return_status, customer_status, next_deadline_at, aggregate, timers, created_at, updated_at)
       select 'ord_' || lpad(i::text, 7, '0'), 1, 1,
         (array['cart', 'placed', 'confirmed', 'awaiting_shipment', 'shipped', 'delivered', 'completed', 'cancelled'])[1 + i % 8],
         'paid', 'unfulfilled', 'none', 'active',
         case when i % 10 = 0 then timestamptz '2030-01-01' + i * interval '1 minute' end,
         '{}'::jsonb, '{"fired":[]}'::jsonb, now(), now()
       from generate_series(1, $1::int) as i`,
      [2000],
    );
    await db.query(`analyze "${schema}".orders`);

    const byState = await explain(db, `select id from "${schema}".orders where order_state = 'x' order by id limit 1000`);
    expect(byState).toContain('Index');
    expect(byState).toMatch(/Index (Only )?Scan using orders_order_state_idx/);
    expect(byState).not.toContain('Seq Scan');

    const byFulfilment = await explain(
      db,
      `select id from "${schema}".orders where fulfilment_status = 'x' order by id limit 1000`,
    );
    expect(byFulfilment).toMatch(/Index (Only )?Scan using orders_fulfilment_status_idx/);

    const sweep = await explain(
      db,
      `select id from "${schema}".orders where next_deadline_at <= timestamptz '2030-01-01 01:00'
        order by next_deadline_at, id limit 100`,
    );
    expect(sweep).toMatch(/Index (Only )?Scan using orders_next_deadline_at_idx/);
  });
}

describe('postgresMigrations', () => {
  it('lists migrations with ids 1, 2, 3, … and single statements', () => {
    const migrations = postgresMigrations();
    expect(migrations.map((m) => m.id)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) {
      expect(m.name).not.toBe('');
      expect(m.statements.length).toBeGreaterThan(0);
      for (const statement of m.statements) expect(statement).not.toMatch(/;\s*$/);
      expect(m.sql).toBe(`${m.statements.join(';\n\n')};\n`);
    }
  });

  it('qualifies every object with the (quoted) schema name', () => {
    const sql = postgresMigrations('shop_eu').map((m) => m.sql).join('\n');
    expect(sql).toContain('create table "shop_eu".orders');
    expect(sql).not.toContain('ordermachine');
    expect(postgresMigrations()[0]?.sql).toContain('create table "ordermachine".orders');
  });

  it.each([
    ['upper case', 'Shop'],
    ['a leading digit', '1shop'],
    ['a dash', 'shop-eu'],
    ['a space', 'shop eu'],
    ['a quote', 'shop"; drop schema public; --'],
    ['a semicolon', 'x;drop'],
    ['no characters', ''],
    ['the reserved pg_ prefix', 'pg_shop'],
    ['64 characters', 'a'.repeat(64)],
  ])('throws TypeError for a schema name with %s', (_, name) => {
    expect(() => postgresMigrations(name)).toThrow(TypeError);
    expect(() => migrate({ query: async () => ({ rows: [] }) }, { schema: name })).toThrow(TypeError);
  });

  it('accepts 63 characters and names that are SQL keywords', () => {
    expect(() => postgresMigrations('a'.repeat(63))).not.toThrow();
    expect(() => postgresMigrations('order')).not.toThrow();
  });

  it('throws TypeError for a db without query()', () => {
    expect(() => migrate({} as SqlClient)).toThrow(TypeError);
    expect(() => migrate(null as unknown as SqlClient)).toThrow(TypeError);
  });
});

describe('migrate on PGlite', () => {
  const lite = usePGlite();

  migrationChecks(lite.db, lite.name('om_lite'));

  it('uses the default schema "ordermachine" when none is given', async () => {
    expect(await migrate(lite.db())).toEqual({ applied: ALL_IDS });
    expect(await tablesIn(lite.db(), 'ordermachine')).toEqual(TABLES);
    expect(await migrate(lite.db(), {})).toEqual({ applied: [] });
  });

  it('works with a custom schema name that is an SQL keyword', async () => {
    expect(await migrate(lite.db(), { schema: 'order' })).toEqual({ applied: ALL_IDS });
    expect(await tablesIn(lite.db(), 'order')).toEqual(TABLES);
    expect(await migrate(lite.db(), { schema: 'order' })).toEqual({ applied: [] });
  });

  it('serialises concurrent calls: each migration is applied once', async () => {
    const schema = randomSchema('om_lite_race');
    const results = await Promise.all([1, 2, 3].map(() => migrate(lite.db(), { schema })));
    expect(results.flatMap((r) => r.applied).sort((a, b) => a - b)).toEqual(ALL_IDS);
    expect(await recordedIds(lite.db(), schema)).toEqual(ALL_IDS);
  });

  it('joins an open PGlite transaction, and rolls back with it', async () => {
    const schema = randomSchema('om_lite_tx');
    await expect(
      lite.db().transaction(async (tx) => {
        expect(await migrate(tx, { schema })).toEqual({ applied: ALL_IDS });
        expect(await tablesIn(tx, schema)).toEqual(TABLES);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await tablesIn(lite.db(), schema)).toEqual([]);
  });
});

describeRealPostgres('migrate on a real PostgreSQL server (DATABASE_URL)', () => {
  const server = usePool(4);
  const newPool = () => new pg.Pool({ connectionString: DATABASE_URL, max: 4 });

  migrationChecks(server.db, server.name('om_pg'));

  it('4 pools migrating one fresh schema at once: all succeed, each migration applied once', async () => {
    const schema = server.name('om_pg_race');
    const pools = [1, 2, 3, 4].map(newPool);
    try {
      const results = await Promise.all(pools.map((p) => migrate(p, { schema })));
      expect(results.flatMap((r) => r.applied).sort((a, b) => a - b)).toEqual(ALL_IDS);
      expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
      expect(await recordedIds(server.db(), schema)).toEqual(ALL_IDS);
      expect(await tablesIn(server.db(), schema)).toEqual(TABLES);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('still applies each migration once when the server defaults to serializable transactions', async () => {
    // A migrator that waited for the lock must not work from a snapshot older than the
    // winner's commit; migrate() runs its transaction read committed for that reason.
    const schema = server.name('om_pg_serializable');
    const pools = [1, 2, 3, 4].map(
      () => new pg.Pool({ connectionString: DATABASE_URL, max: 2, options: '-c default_transaction_isolation=serializable' }),
    );
    try {
      const [isolation] = await rows<{ default_transaction_isolation: string }>(
        pools[0] as pg.Pool,
        'show default_transaction_isolation',
      );
      expect(isolation?.default_transaction_isolation).toBe('serializable');
      const results = await Promise.all(pools.map((p) => migrate(p, { schema })));
      expect(results.flatMap((r) => r.applied).sort((a, b) => a - b)).toEqual(ALL_IDS);
      expect(await recordedIds(server.db(), schema)).toEqual(ALL_IDS);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('works on a single pg Client and on a PoolClient', async () => {
    const viaClient = server.name('om_pg_client');
    const viaPoolClient = server.name('om_pg_poolclient');

    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      expect(await migrate(client, { schema: viaClient })).toEqual({ applied: ALL_IDS });
      expect(await migrate(client, { schema: viaClient })).toEqual({ applied: [] });
    } finally {
      await client.end();
    }

    const pooled = await server.db().connect();
    try {
      expect(await migrate(pooled, { schema: viaPoolClient })).toEqual({ applied: ALL_IDS });
      // The transaction ended with the call: its transaction-local setting is gone again.
      const [status] = await rows<{ migrating: string | null }>(
        pooled,
        `select current_setting('ordermachine.migrating', true) as migrating`,
      );
      expect(status?.migrating).not.toBe('on');
    } finally {
      pooled.release();
    }
    expect(await tablesIn(server.db(), viaPoolClient)).toEqual(TABLES);
  });

  it('refuses a handle that spreads one transaction over several connections', async () => {
    const schema = server.name('om_pg_split');
    const a = new pg.Client({ connectionString: DATABASE_URL });
    const b = new pg.Client({ connectionString: DATABASE_URL });
    await Promise.all([a.connect(), b.connect()]);
    let turn = 0;
    const alternating: SqlClient = { query: (text, params) => ((turn++ % 2 === 0 ? a : b).query(text, params)) };
    try {
      await expect(migrate(alternating, { schema })).rejects.toThrow(/more than one connection/);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect(await tablesIn(server.db(), schema)).toEqual([]);
  });
});
