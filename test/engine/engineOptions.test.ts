/**
 * Bad caller input is a typed error naming the field, not a storage failure or a silently wrong
 * deadline: an `engine.list` query out of range is refused before the storage is asked, and an
 * engine policy with nonsense numbers is refused when the engine is built.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStorage, createOrderEngine, DEFAULT_ENGINE_POLICY, resolveEnginePolicy, type ListQuery, type StorageAdapter } from '../../src/index.js';
import { customer, must } from '../support/engineFixture.js';

const invalidOption = (message: unknown) => expect.objectContaining({ name: 'OrderMachineError', code: 'INVALID_OPTION', message });

describe('engine.list: a bad query is INVALID_OPTION, and the storage is not asked', () => {
  function setup() {
    const real = createMemoryStorage();
    const asked: ListQuery[] = [];
    const storage: StorageAdapter = {
      ...real,
      list: (query) => {
        asked.push(query);
        return real.list(query);
      },
    };
    return { engine: createOrderEngine({ storage }), asked };
  }

  it.each([0, 1001, 2.5, -1, Number.NaN, Number.POSITIVE_INFINITY, '10'])('limit %s', async (limit) => {
    const { engine, asked } = setup();
    await expect(engine.list({ limit: limit as number })).rejects.toThrow(invalidOption(`list.limit: must be a whole number from 1 to 1000 (got ${typeof limit === 'string' ? `"${limit}"` : String(limit)})`));
    expect(asked).toEqual([]);
  });

  it('filters and the cursor must be strings', async () => {
    const { engine, asked } = setup();
    await expect(engine.list({ orderState: 7 as unknown as string })).rejects.toThrow(invalidOption(expect.stringContaining('list.orderState')));
    await expect(engine.list({ cursor: 3 as unknown as string })).rejects.toThrow(invalidOption(expect.stringContaining('list.cursor')));
    expect(asked).toEqual([]);
  });

  it('takes every limit from 1 to 1000, the default, and a null cursor', async () => {
    const { engine, asked } = setup();
    for (const id of ['a', 'b', 'c']) await must(engine.create({ orderId: id, currency: 'EUR' }, { actor: customer }));
    expect((await engine.list({ limit: 1 })).items.map((o) => o.id)).toEqual(['a']);
    expect((await engine.list({ limit: 1000, cursor: null })).items.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect((await engine.list()).items).toHaveLength(3);
    expect(asked).toHaveLength(3);
  });
});

describe('engine policy: nonsense numbers are refused when the engine is built, naming the field', () => {
  const build = (policy: Parameters<typeof resolveEnginePolicy>[0]) => () => createOrderEngine({ storage: createMemoryStorage(), policy });

  it.each<[string, Parameters<typeof resolveEnginePolicy>[0], string]>([
    ['a negative return window', { returnWindowDays: -1 }, 'policy.returnWindowDays: must be a whole number, 0 or more (got -1)'],
    ['NaN days', { claimWindowDays: Number.NaN }, 'policy.claimWindowDays: must be a whole number, 0 or more (got NaN)'],
    ['fractional days', { feedbackAfterDays: 1.5 }, 'policy.feedbackAfterDays: must be a whole number, 0 or more (got 1.5)'],
    ['infinite days', { authorizationValidDays: Number.POSITIVE_INFINITY }, 'policy.authorizationValidDays: must be a whole number, 0 or more (got Infinity)'],
    ['fractional business days', { dispatchBusinessDays: { express: 0.5 } }, 'policy.dispatchBusinessDays.express: must be a whole number, 0 or more (got 0.5)'],
    ['a negative payment window', { paymentWindowMinutes: { online: -5 } }, 'policy.paymentWindowMinutes.online: must be a finite number, 0 or more (got -5)'],
    ['NaN hours', { abandonedCartAfterHours: Number.NaN }, 'policy.abandonedCartAfterHours: must be a finite number, 0 or more (got NaN)'],
    ['a number as text', { paymentReminderBeforeExpiryMinutes: '60' as unknown as number }, 'policy.paymentReminderBeforeExpiryMinutes: must be a finite number, 0 or more (got "60")'],
    ['an explicit undefined', { returnWindowDays: undefined as unknown as number }, 'policy.returnWindowDays: must be a whole number, 0 or more (got undefined)'],
  ])('%s', (_, policy, message) => {
    expect(build(policy)).toThrow(invalidOption(message));
    expect(() => resolveEnginePolicy(policy)).toThrow(invalidOption(message));
  });

  it('an unknown payment method is refused too', () => {
    expect(build({ paymentWindowMinutes: { paypal: 5 } as never })).toThrow(invalidOption(expect.stringContaining('policy.paymentWindowMinutes')));
  });

  it('takes zero, fractional minutes and hours, and the defaults', () => {
    const policy = resolveEnginePolicy({ returnWindowDays: 0, abandonedCartAfterHours: 0.5, paymentWindowMinutes: { online: 12.5 }, dispatchBusinessDays: { express: 0 } });
    expect(policy).toMatchObject({ returnWindowDays: 0, abandonedCartAfterHours: 0.5, paymentWindowMinutes: { ...DEFAULT_ENGINE_POLICY.paymentWindowMinutes, online: 12.5 } });
    expect(resolveEnginePolicy()).toEqual(DEFAULT_ENGINE_POLICY);
    expect(build({ returnWindowDays: 30 })).not.toThrow();
  });
});

describe('engine tuning: retry and sweep counts are whole numbers of 1 or more', () => {
  it.each<[string, Record<string, number>, string]>([
    ['no attempts', { maxAttempts: 0 }, 'options.maxAttempts: must be a whole number, 1 or more (got 0)'],
    ['half a batch', { dueBatchSize: 0.5 }, 'options.dueBatchSize: must be a whole number, 1 or more (got 0.5)'],
    ['a negative lease', { dueLeaseMs: -1 }, 'options.dueLeaseMs: must be a whole number, 1 or more (got -1)'],
  ])('%s', (_name, tuning, message) => {
    expect(() => createOrderEngine({ storage: createMemoryStorage(), ...tuning })).toThrow(invalidOption(message));
  });

  it('takes the defaults and any whole numbers of 1 or more', () => {
    expect(() => createOrderEngine({ storage: createMemoryStorage(), maxAttempts: 1, dueBatchSize: 1, dueLeaseMs: 1 })).not.toThrow();
  });
});

describe('engine.history: a bad page is INVALID_OPTION, before the storage is asked', () => {
  it.each<[Record<string, unknown>, string]>([
    [{ afterSeq: 1.5 }, 'history.afterSeq: must be a whole number (got 1.5)'],
    [{ afterSeq: 'x' }, 'history.afterSeq: must be a whole number (got "x")'],
    [{ limit: 0 }, 'history.limit: must be a whole number, 1 or more (got 0)'],
  ])('%j', async (options, message) => {
    const engine = createOrderEngine({ storage: createMemoryStorage() });
    await must(engine.create({ orderId: 'o1', currency: 'EUR' }, { actor: customer }));
    await expect(engine.history('o1', options as { afterSeq?: number; limit?: number })).rejects.toThrow(invalidOption(message));
    expect((await engine.history('o1', { afterSeq: 0, limit: 1 })).map((h) => h.seq)).toEqual([1]);
  });
});
