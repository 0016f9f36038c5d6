/**
 * An applied `send` lists exactly the effects it wrote to the outbox. With an inventory adapter the
 * engine reserves and releases stock itself, so `reserve_stock` / `release_stock` are neither
 * written nor listed (a host acting on `result.effects` must not reserve twice); without one they
 * are both. The idempotency record (a `duplicate`'s `first`) lists the same.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryInventory, createMemoryStorage, createOrderEngine, type Effect, type OutboxMessage, type SendResult, type StorageAdapter } from '../../src/index.js';
import { eur, fakeClock, placed, psp, staff } from '../support/engineFixture.js';

/** Every outbox row written so far, claimed and acknowledged one by one (one order's rows go out in order). */
async function drainOutbox(storage: StorageAdapter): Promise<OutboxMessage[]> {
  const all: OutboxMessage[] = [];
  for (;;) {
    const claimed = await storage.claimOutbox('2100-01-01T00:00:00.000Z', { limit: 100, leaseMs: 60_000 });
    if (claimed.length === 0) return all;
    for (const m of claimed) await storage.ackOutbox(m.id, { at: '2100-01-01T00:00:00.000Z', attempt: m.attempts, leaseUntil: m.availableAt });
    all.push(...claimed);
  }
}

const commands = (effects: readonly Effect[]) => effects.flatMap((e) => (e.kind === 'command' ? [e.command] : []));

function applied(result: SendResult) {
  if (result.status !== 'applied') throw new Error(JSON.stringify(result));
  return result;
}

/** Confirms (an online capture, or a bank transfer confirmed by hand) and cancels, with or without an inventory adapter. */
async function run(withInventory: boolean) {
  const storage = createMemoryStorage();
  const inventory = withInventory ? createMemoryInventory({ KETTLE: 10 }) : undefined;
  const engine = createOrderEngine({ storage, clock: fakeClock(), retryDelayMs: () => 0, ...(inventory ? { inventory } : {}) });
  await placed(engine, 'online');
  await placed(engine, 'transfer', { method: 'bank_transfer' });
  const capture = { type: 'PAYMENT_CAPTURED', paymentId: 'online-P1', amount: eur(2500), providerRef: 'cap-1' };
  const captured = applied(await engine.send('online', capture, { actor: psp }));
  const confirmed = applied(await engine.send('transfer', { type: 'CONFIRM_ORDER' }, { actor: staff, idempotencyKey: 'confirm-1' }));
  const canceled = applied(await engine.send('transfer', { type: 'CANCEL_ORDER', reason: 'customer_request' }, { actor: staff }));
  const repeatedFact = await engine.send('online', capture, { actor: psp });
  const repeatedKey = await engine.send('transfer', { type: 'CONFIRM_ORDER' }, { actor: staff, idempotencyKey: 'confirm-1' });
  const outbox = await drainOutbox(storage);
  /** The effects of the outbox rows the commit of `result` wrote, in write order. */
  const writtenBy = (orderId: string, result: { order: { version: number } }) =>
    outbox.filter((m) => m.orderId === orderId && m.dedupeKey.startsWith(`${orderId}:${result.order.version}:`)).map((m) => m.effect);
  return { captured, confirmed, canceled, repeatedFact, repeatedKey, outbox, writtenBy, inventory };
}

describe('send: an applied result lists exactly the effects written to the outbox', () => {
  it('without an inventory adapter: the stock commands are listed and written', async () => {
    const { captured, confirmed, canceled, writtenBy } = await run(false);
    expect(commands(captured.effects)).toContain('reserve_stock');
    expect(commands(confirmed.effects)).toContain('reserve_stock');
    expect(commands(canceled.effects)).toContain('release_stock');
    expect(writtenBy('online', captured)).toEqual(captured.effects);
    expect(writtenBy('transfer', confirmed)).toEqual(confirmed.effects);
    expect(writtenBy('transfer', canceled)).toEqual(canceled.effects);
  });

  it('with an inventory adapter: the stock commands are done by the engine, neither written nor listed', async () => {
    const { captured, confirmed, canceled, repeatedFact, repeatedKey, outbox, writtenBy, inventory } = await run(true);
    // The engine did the stock work itself: reserved for the capture, reserved and released for the transfer.
    expect(inventory?.levels('KETTLE')).toEqual({ onHand: 10, reserved: 2 });
    for (const result of [captured, confirmed, canceled]) {
      expect(commands(result.effects)).not.toContain('reserve_stock');
      expect(commands(result.effects)).not.toContain('release_stock');
      expect(result.effects.length).toBeGreaterThan(0); // the notifications and other commands are still there
    }
    expect(writtenBy('online', captured)).toEqual(captured.effects);
    expect(writtenBy('transfer', confirmed)).toEqual(confirmed.effects);
    expect(writtenBy('transfer', canceled)).toEqual(canceled.effects);
    expect(commands(outbox.map((m) => m.effect)).filter((c) => c === 'reserve_stock' || c === 'release_stock')).toEqual([]);
    // The first outcome a repeat answers with lists the same effects.
    expect(repeatedFact).toMatchObject({ status: 'duplicate', first: { version: captured.order.version, effects: captured.effects } });
    expect(repeatedKey).toMatchObject({ status: 'duplicate', first: { version: confirmed.order.version, effects: confirmed.effects } });
  });
});
