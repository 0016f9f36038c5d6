import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStorage, createOrder, deriveOrderStatuses, type CommitRequest } from '../../src/index.js';
import { describeStorageConformance } from '../../src/testing.js';

describeStorageConformance('memory', async () => ({ storage: createMemoryStorage() }), { describe, it, afterEach });

describe('createMemoryStorage — what only the memory adapter promises', () => {
  const at = '2026-03-01T09:00:00.000Z';
  const created = createOrder({ orderId: 'o-1', currency: 'EUR' }, { now: at });
  if (!created.ok) throw new Error(created.error.message);
  const aggregate = created.order;
  const create = (overrides: Partial<CommitRequest> = {}): CommitRequest => ({
    orderId: 'o-1',
    expectedVersion: null,
    order: { aggregate, statuses: deriveOrderStatuses(aggregate), timers: { fired: [] }, nextDeadlineAt: null },
    history: null,
    outbox: [],
    idempotency: null,
    at,
    ...overrides,
  });
  const effect = { kind: 'notification', orderId: 'o-1', template: 'order_placed', audience: 'customer', subject: { machine: 'order', id: 'o-1' }, data: {} } as const;

  it('outbox ids are increasing numeric strings, in write order across orders', async () => {
    const storage = createMemoryStorage();
    const outbox = Array.from({ length: 11 }, (_, i) => ({ dedupeKey: `o-1:1:${i}`, effect }));
    await storage.commit(create({ outbox }));
    await storage.commit(create({ orderId: 'o-2', outbox: [{ dedupeKey: 'o-2:1:0', effect: { ...effect, orderId: 'o-2' } }] }));
    const ids: string[] = [];
    for (;;) {
      const claimed = await storage.claimOutbox(at, { limit: 100, leaseMs: 1000 });
      if (claimed.length === 0) break;
      for (const m of claimed) {
        ids.push(m.id);
        await storage.ackOutbox(m.id, { at, attempt: m.attempts });
      }
    }
    expect(ids.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(ids.every((id) => /^[1-9][0-9]*$/.test(id))).toBe(true);
  });

  it("copy: 'json' stores what a jsonb column would: undefined properties vanish, a Date becomes its ISO string", async () => {
    const result = { outcome: 'applied', when: new Date(at), skipped: undefined };
    const json = createMemoryStorage({ copy: 'json' });
    await json.commit(create({ idempotency: { key: 'k', result } }));
    expect(await json.findIdempotencyResult('o-1', 'k')).toStrictEqual({ outcome: 'applied', when: at });

    const structured = createMemoryStorage();
    await structured.commit(create({ idempotency: { key: 'k', result } }));
    expect(await structured.findIdempotencyResult('o-1', 'k')).toStrictEqual(result);
  });

  it('a malformed time is a RangeError, thrown before anything is written', async () => {
    const storage = createMemoryStorage();
    await expect(storage.commit(create({ at: 'yesterday-ish' }))).rejects.toThrow(RangeError);
    await expect(storage.commit(create({ order: { ...create().order, nextDeadlineAt: 'soon' } }))).rejects.toThrow(RangeError);
    expect(await storage.load('o-1')).toBeNull();
    await expect(storage.claimDue('now', { limit: 1, leaseMs: 1000 })).rejects.toThrow(RangeError);
    await expect(storage.claimOutbox('now', { limit: 1, leaseMs: 1000 })).rejects.toThrow(RangeError);
  });

  it('claim and history limits must be positive integers, and a lease positive', async () => {
    const storage = createMemoryStorage();
    await expect(storage.claimDue(at, { limit: 0, leaseMs: 1000 })).rejects.toThrow(RangeError);
    await expect(storage.claimDue(at, { limit: 1, leaseMs: 0 })).rejects.toThrow(RangeError);
    await expect(storage.claimOutbox(at, { limit: 1.5, leaseMs: 1000 })).rejects.toThrow(RangeError);
    await expect(storage.claimOutbox(at, { limit: 1, leaseMs: Number.POSITIVE_INFINITY })).rejects.toThrow(RangeError);
    await expect(storage.history('o-1', { limit: 0 })).rejects.toThrow(RangeError);
  });

  it('an uncloneable value is an error, and the commit writes nothing', async () => {
    const storage = createMemoryStorage();
    await expect(storage.commit(create({ idempotency: { key: 'k', result: { callback: () => 1 } } }))).rejects.toThrow();
    expect(await storage.load('o-1')).toBeNull();
    expect(await storage.findIdempotencyResult('o-1', 'k')).toBeUndefined();
  });

  it('two storages share nothing', async () => {
    const a = createMemoryStorage();
    const b = createMemoryStorage();
    await a.commit(create());
    expect(await b.load('o-1')).toBeNull();
  });
});
