/**
 * The SQL of the PostgreSQL storage adapter, built once per schema.
 *
 * Conventions:
 * - Statements are written with named placeholders (`@name`) and compiled to `$1`, `$2`, …
 *   with the list of names in parameter order, so one value can be bound in several places.
 * - Every placeholder carries an explicit cast, and values cross the wire as text
 *   (`@x::text::jsonb`, `@t::text::timestamptz`): the statement's parameter types never
 *   depend on the driver's guesses or on a host's custom type serialisers.
 * - Results come back as text too (`jsonb::text`, ISO 8601 via `to_char`, ids as text), so
 *   neither `pg`'s nor PGlite's type parsers (nor a host's overrides) change what we read.
 *
 * @internal
 * @module
 */

/** A statement compiled from named placeholders. @internal */
export interface Compiled<TName extends string> {
  readonly text: string;
  /** Placeholder names in `$n` order. */
  readonly names: readonly TName[];
  /**
   * For the statements `engine.send` runs: the name to prepare it under, derived from the text
   * (`ordermachine_` and a 64-bit hash), so the same text always has the same name and
   * statements of different schemas never share one.
   */
  readonly name?: string;
}

/** FNV-1a over the UTF-16 code units, 32 bits, from `seed`, as 8 hex digits. */
function fnv1a(text: string, seed: number): string {
  let hash = seed;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Compile `@name` placeholders to `$1`, `$2`, … (the same name gets the same number).
 *
 * @param sql - SQL with `@name` placeholders (lower-case names, `_` allowed)
 * @param options - `prepared`: give the statement a name to run it as a prepared statement
 * @internal
 */
export function compile<TName extends string>(sql: string, options: { readonly prepared?: boolean } = {}): Compiled<TName> {
  const names: TName[] = [];
  const text = sql.replace(/@([a-z_][a-z0-9_]*)/g, (_, name: string) => {
    let index = names.indexOf(name as TName);
    if (index < 0) index = names.push(name as TName) - 1;
    return `$${index + 1}`;
  });
  if (!options.prepared) return { text, names };
  return { text, names, name: `ordermachine_${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01000193)}` };
}

/**
 * The parameter array for a compiled statement.
 *
 * @param statement - the compiled statement
 * @param values - a value for every placeholder name
 * @internal
 */
export function bind<TName extends string>(statement: Compiled<TName>, values: Record<TName, unknown>): unknown[] {
  return statement.names.map((name) => values[name]);
}

/** `timestamptz` → ISO 8601 in UTC with milliseconds, exactly like `Date.prototype.toISOString`. @internal */
export const iso = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Statuses that keep a message in the relay's queue (and block later messages of its order). */
const UNDELIVERED = `('pending', 'delivering')`;

const ORDER_COLUMNS = (t: string) => `${t}.id, ${t}.version::text as version, ${t}.order_state, ${t}.payment_status,
  ${t}.fulfilment_status, ${t}.return_status, ${t}.customer_status, ${t}.aggregate::text as aggregate,
  ${t}.timers::text as timers, ${iso(`${t}.next_deadline_at`)} as next_deadline_at,
  ${iso(`${t}.created_at`)} as created_at, ${iso(`${t}.updated_at`)} as updated_at`;

const OUTBOX_COLUMNS = (t: string) => `${t}.id::text as id, ${t}.order_id, ${t}.dedupe_key, ${t}.effect::text as effect,
  ${t}.status, ${t}.attempts, ${iso(`${t}.available_at`)} as available_at, ${t}.last_error,
  ${iso(`${t}.created_at`)} as created_at`;

/** Placeholders of the commit statement. @internal */
export type CommitParam =
  | 'id'
  | 'expected'
  | 'schema_version'
  | 'order_state'
  | 'payment_status'
  | 'fulfilment_status'
  | 'return_status'
  | 'customer_status'
  | 'aggregate'
  | 'timers'
  | 'next_deadline_at'
  | 'at'
  | 'h_present'
  | 'h_at'
  | 'h_actor_kind'
  | 'h_actor_id'
  | 'h_event_type'
  | 'h_event'
  | 'h_changes'
  | 'h_reason'
  | 'h_correlation_id'
  | 'h_idempotency_key'
  | 'outbox'
  | 'idem_key'
  | 'idem_result';

/** Every statement the adapter runs, for one schema. @internal */
export interface Statements {
  readonly load: Compiled<'id'>;
  /** Update an existing order at `@expected`, with its history, outbox and key: one statement. */
  readonly commitUpdate: Compiled<CommitParam>;
  /** Create an order (version 1), with its history, outbox and key: one statement. */
  readonly commitCreate: Compiled<Exclude<CommitParam, 'expected'>>;
  /** A fresh look at the order's version and the key, after a commit lost a race. */
  readonly commitRecheck: Compiled<'id' | 'idem_key'>;
  readonly findIdempotency: Compiled<'id' | 'key'>;
  readonly history: Compiled<'id' | 'after' | 'limit'>;
  readonly claimDue: Compiled<'now' | 'limit' | 'lease_ms'>;
  readonly claimOutbox: Compiled<'now' | 'limit' | 'lease_ms'>;
  readonly ackOutbox: Compiled<'id' | 'at' | 'attempt' | 'lease_until'>;
  readonly failOutbox: Compiled<'id' | 'error' | 'at' | 'retry_at' | 'attempt' | 'lease_until'>;
  readonly listDeadLetters: Compiled<'limit'>;
  readonly retryDeadLetter: Compiled<'id' | 'at'>;
  readonly discardDeadLetter: Compiled<'id' | 'at'>;
  /** `list` with the given filter columns (in this order) and an optional cursor. */
  list(filters: readonly string[], withCursor: boolean): { readonly text: string };
}

/**
 * Build every statement for a schema.
 *
 * @param s - the schema name, already quoted
 * @internal
 */
export function buildStatements(s: string): Statements {
  const keyExists = `exists (select 1 from ${s}.idempotency_keys k where k.order_id = @id::text and k.key = @idem_key::text)`;
  // Why a commit wrote nothing: the order's version now, and the first result under the key.
  const currentVersion = `(select o.version::text from ${s}.orders o where o.id = @id::text)`;
  const keyResult = `(select k.result::text from ${s}.idempotency_keys k where k.order_id = @id::text and k.key = @idem_key::text)`;

  // The parts of a commit that follow the order write (`w` returns the new version). Each
  // reads `w`, so when the order write matched nothing (version conflict, existing order,
  // taken key) nothing else is written either. Data-modifying CTEs all run, referenced or not.
  const afterWrite = `,
hist as (
  insert into ${s}.order_history (order_id, seq, at, actor_kind, actor_id, event_type, event, changes, reason,
                                  correlation_id, idempotency_key)
  select @id::text, w.version, @h_at::text::timestamptz, @h_actor_kind::text, @h_actor_id::text, @h_event_type::text,
         @h_event::text::jsonb, @h_changes::text::jsonb, @h_reason::text, @h_correlation_id::text,
         @h_idempotency_key::text
    from w where @h_present::boolean
),
ob as (
  insert into ${s}.outbox (order_id, seq, dedupe_key, effect, status, attempts, available_at, created_at, updated_at)
  select @id::text, w.version, m.e->>'dedupeKey', m.e->'effect', 'pending', 0,
         @at::text::timestamptz, @at::text::timestamptz, @at::text::timestamptz
    from w, jsonb_array_elements(@outbox::text::jsonb) with ordinality as m(e, n)
   order by m.n
),
idem as (
  insert into ${s}.idempotency_keys (order_id, key, result, created_at)
  select @id::text, @idem_key::text, @idem_result::text::jsonb, @at::text::timestamptz
    from w where @idem_key::text is not null
)
select w.version::text as version, null::text as current_version, false as key_taken, null::text as key_result
  from w
union all
-- Only when nothing was written: why (the snapshot's version and key; see commitRecheck).
select null, ${currentVersion}, ${keyExists},
       ${keyResult}
 where not exists (select 1 from w)`;

  const commitUpdate = `with w as (
  update ${s}.orders set
    version = version + 1,
    schema_version = @schema_version::int4,
    order_state = @order_state::text,
    payment_status = @payment_status::text,
    fulfilment_status = @fulfilment_status::text,
    return_status = @return_status::text,
    customer_status = @customer_status::text,
    next_deadline_at = @next_deadline_at::text::timestamptz,
    due_claimed_until = null,
    aggregate = @aggregate::text::jsonb,
    timers = @timers::text::jsonb,
    updated_at = @at::text::timestamptz
  where id = @id::text and version = @expected::int8 and not ${keyExists}
  returning version
)${afterWrite}`;

  const commitCreate = `with w as (
  insert into ${s}.orders (id, version, schema_version, order_state, payment_status, fulfilment_status, return_status,
                           customer_status, next_deadline_at, due_claimed_until, aggregate, timers, created_at, updated_at)
  select @id::text, 1, @schema_version::int4, @order_state::text, @payment_status::text, @fulfilment_status::text,
         @return_status::text, @customer_status::text, @next_deadline_at::text::timestamptz, null,
         @aggregate::text::jsonb, @timers::text::jsonb, @at::text::timestamptz, @at::text::timestamptz
   where not ${keyExists}
  on conflict (id) do nothing
  returning version
)${afterWrite}`;

  const listCache = new Map<string, { text: string }>();

  return {
    load: compile(`select ${ORDER_COLUMNS('o')} from ${s}.orders o where o.id = @id::text`, { prepared: true }),
    commitUpdate: compile(commitUpdate, { prepared: true }),
    commitCreate: compile(commitCreate, { prepared: true }),
    commitRecheck: compile(`select
  ${currentVersion} as current_version,
  ${keyExists} as key_taken,
  ${keyResult} as key_result`),
    findIdempotency: compile(
      `select k.result::text as result from ${s}.idempotency_keys k where k.order_id = @id::text and k.key = @key::text`,
      { prepared: true },
    ),
    history: compile(`select h.seq::text as seq, ${iso('h.at')} as at, h.actor_kind, h.actor_id, h.event_type,
  h.event::text as event, h.changes::text as changes, h.reason, h.correlation_id, h.idempotency_key
  from ${s}.order_history h
 where h.order_id = @id::text and h.seq > @after::int8
 order by h.seq
 limit @limit::int8`),
    // The sweep: an index scan on orders_next_deadline_at_idx in deadline order; rows another
    // sweeper is locking right now are skipped, and so are rows whose lease has not run out.
    // Taking the lease only writes the unindexed due_claimed_until (a HOT update).
    // `id = any(array(...))` makes the update an index lookup by primary key whatever the
    // planner thinks of the table's size (a join with the picked ids may become a hash join
    // over a sequential scan).
    claimDue: compile(`update ${s}.orders o
   set due_claimed_until = @now::text::timestamptz + @lease_ms::float8 * interval '1 millisecond'
 where o.id = any(array(
   select d.id from ${s}.orders d
    where d.next_deadline_at <= @now::text::timestamptz
      and (d.due_claimed_until is null or d.due_claimed_until <= @now::text::timestamptz)
    order by d.next_deadline_at, d.id
    limit @limit::int4
      for update skip locked))
returning o.id, o.version::text as version, ${iso('o.next_deadline_at')} as next_deadline_at`),
    // The relay's claim: walks outbox_undelivered_idx (pending + delivering only) in id order.
    // A message is claimable when it is pending or delivering, its available_at has come (for
    // a delivering message that is the end of the previous claim's lease), and no older
    // message of its order is still pending or delivering.
    claimOutbox: compile(`update ${s}.outbox t
   set status = 'delivering',
       attempts = t.attempts + 1,
       available_at = @now::text::timestamptz + @lease_ms::float8 * interval '1 millisecond',
       updated_at = @now::text::timestamptz
 where t.id = any(array(
   select m.id from ${s}.outbox m
    where m.status in ${UNDELIVERED}
      and m.available_at <= @now::text::timestamptz
      and not exists (select 1 from ${s}.outbox e
                       where e.order_id = m.order_id and e.id < m.id and e.status in ${UNDELIVERED})
    order by m.id
    limit @limit::int4
      for update of m skip locked))
returning ${OUTBOX_COLUMNS('t')}`),
    // Only the current claim acks or fails a message: it must still be delivering with the
    // attempts count its holder claimed it at (and, when the holder names it, the lease end it
    // got: after a dead letter is retried the count starts again, the lease end does not). After
    // a lease ran out and another relay took the message over, the late holder changes nothing.
    // Lease ends are compared to the millisecond, the precision they are handed out with.
    ackOutbox: compile(`update ${s}.outbox
   set status = 'delivered', updated_at = @at::text::timestamptz
 where id = @id::int8 and status = 'delivering' and attempts = @attempt::int8
   and (@lease_until::text is null or date_trunc('milliseconds', available_at) = @lease_until::text::timestamptz)`),
    failOutbox: compile(`update ${s}.outbox
   set status = case when @retry_at::text is null then 'dead' else 'pending' end,
       available_at = coalesce(@retry_at::text::timestamptz, available_at),
       last_error = @error::text,
       updated_at = @at::text::timestamptz
 where id = @id::int8 and status = 'delivering' and attempts = @attempt::int8
   and (@lease_until::text is null or date_trunc('milliseconds', available_at) = @lease_until::text::timestamptz)`),
    listDeadLetters: compile(`select ${OUTBOX_COLUMNS('m')} from ${s}.outbox m
 where m.status = 'dead'
 order by m.id
 limit @limit::int8`),
    retryDeadLetter: compile(`update ${s}.outbox
   set status = 'pending', attempts = 0, available_at = @at::text::timestamptz, updated_at = @at::text::timestamptz
 where id = @id::int8 and status = 'dead'
returning id::text as id`),
    discardDeadLetter: compile(`update ${s}.outbox
   set status = 'discarded', updated_at = @at::text::timestamptz
 where id = @id::int8 and status = 'dead'
returning id::text as id`),
    list(filters, withCursor) {
      const cacheKey = `${filters.join(',')}|${withCursor}`;
      let statement = listCache.get(cacheKey);
      if (!statement) {
        const conditions = filters.map((column, i) => `o.${column} = $${i + 1}::text`);
        if (withCursor) conditions.push(`o.id > $${filters.length + 1}::text`);
        const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
        const limit = `$${filters.length + (withCursor ? 2 : 1)}::int4`;
        statement = { text: `select ${ORDER_COLUMNS('o')} from ${s}.orders o ${where} order by o.id limit ${limit}` };
        listCache.set(cacheKey, statement);
      }
      return statement;
    },
  };
}
