import { describe, expect, it } from 'vitest';
import { AGGREGATE_SCHEMA_VERSION, OrderMachineError, createMigrationRegistry, createOrder } from '../../src/index.js';

describe('migration registry: older persisted aggregates are upgraded on load; unknown ones are typed errors', () => {
  const created = createOrder({ orderId: 'o1', currency: 'EUR' }, { now: '2026-01-01T00:00:00Z' });
  if (!created.ok) throw new Error('setup');
  const current = created.order;

  it('passes the current version through unchanged', () => {
    expect(createMigrationRegistry().upgrade(current)).toEqual(current);
  });

  it('walks a chain of steps up to the current version', () => {
    // A hypothetical version 0 that named the order machine's record `main`.
    const v0 = { ...current, schemaVersion: 0, main: current.order, order: undefined };
    const registry = createMigrationRegistry([{ from: 0, to: 1, migrate: ({ main, ...rest }) => ({ ...rest, order: main }) }]);
    const upgraded = registry.upgrade(JSON.parse(JSON.stringify(v0)));
    expect(upgraded.schemaVersion).toBe(AGGREGATE_SCHEMA_VERSION);
    expect(upgraded.order).toEqual(current.order);
  });

  it('refuses versions it has no path from, and data without a version', () => {
    const registry = createMigrationRegistry();
    expect(() => registry.upgrade({ ...current, schemaVersion: 99 })).toThrow(OrderMachineError);
    expect(() => registry.upgrade({ ...current, schemaVersion: 0 })).toThrow(/no migration from aggregate schema version 0/);
    expect(() => registry.upgrade({ id: 'x' })).toThrow(expect.objectContaining({ name: 'OrderMachineError', code: 'CORRUPT_ORDER' }));
  });

  it('refuses a registry whose steps do not chain one version at a time', () => {
    expect(() => createMigrationRegistry([{ from: 0, to: 2, migrate: (a) => a }])).toThrow(TypeError);
    expect(() => createMigrationRegistry([{ from: 0, to: 1, migrate: (a) => a }, { from: 0, to: 1, migrate: (a) => a }])).toThrow(TypeError);
    // One chain ending at the current version (1): a chain that stops short, has a gap, or uses fractions is refused when built.
    const step = (from: number, to: number) => ({ from, to, migrate: (a: Record<string, unknown>) => a });
    expect(() => createMigrationRegistry([step(-1, 0)])).toThrow(/never reaches the current version 1/);
    expect(() => createMigrationRegistry([step(-2, -1), step(0, 1)])).toThrow(/no step from -1 onwards/);
    expect(() => createMigrationRegistry([step(0.5, 1.5)])).toThrow(/whole numbers/);
    expect(() => createMigrationRegistry([step(-1, 0), step(0, 1)])).not.toThrow();
  });
});
