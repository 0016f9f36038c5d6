import { AGGREGATE_SCHEMA_VERSION, type OrderAggregate } from '../lifecycle/aggregate.js';
import { OrderMachineError } from '../errors.js';

/** One step that upgrades a persisted aggregate from one schema version to the next. */
export interface AggregateMigration {
  readonly from: number;
  readonly to: number;
  /** Pure: takes the stored JSON of version `from`, returns the JSON of version `to`. */
  readonly migrate: (aggregate: Record<string, unknown>) => Record<string, unknown>;
}

/** Upgrades stored aggregates to the current schema version on load. */
export interface MigrationRegistry {
  /**
   * Returns the aggregate at the current version.
   *
   * @throws OrderMachineError `UNKNOWN_SCHEMA_VERSION` for a version no migration leads from
   *   (e.g. written by a newer release), `CORRUPT_ORDER` when there is no version at all.
   */
  upgrade(stored: unknown): OrderAggregate;
}

/**
 * Builds the registry that upgrades old persisted aggregates. Steps must chain from their
 * versions up to the current `AGGREGATE_SCHEMA_VERSION`, one version at a time.
 *
 * @param migrations - the steps, in any order
 * @throws TypeError when the steps do not form one chain ending at the current version
 * @example
 * ```ts
 * import { createMigrationRegistry } from 'ordermachine';
 * const registry = createMigrationRegistry([]);
 * ```
 */
export function createMigrationRegistry(migrations: readonly AggregateMigration[] = []): MigrationRegistry {
  const byFrom = new Map<number, AggregateMigration>();
  for (const m of migrations) {
    if (!Number.isSafeInteger(m.from) || !Number.isSafeInteger(m.to)) throw new TypeError(`aggregate migration ${m.from} → ${m.to}: versions are whole numbers`);
    if (m.to !== m.from + 1) throw new TypeError(`aggregate migration ${m.from} → ${m.to}: steps go one version at a time`);
    if (m.to > AGGREGATE_SCHEMA_VERSION) throw new TypeError(`aggregate migration ${m.from} → ${m.to}: beyond the current version ${AGGREGATE_SCHEMA_VERSION}`);
    if (byFrom.has(m.from)) throw new TypeError(`aggregate migration from ${m.from} is registered twice`);
    byFrom.set(m.from, m);
  }
  // One chain, ending at the current version: every step but the last is followed by the next.
  for (const m of migrations) {
    if (m.to !== AGGREGATE_SCHEMA_VERSION && !byFrom.has(m.to)) {
      throw new TypeError(`aggregate migration ${m.from} → ${m.to}: no step from ${m.to} onwards, so it never reaches the current version ${AGGREGATE_SCHEMA_VERSION}`);
    }
  }
  return {
    upgrade(stored) {
      if (typeof stored !== 'object' || stored === null || typeof (stored as { schemaVersion?: unknown }).schemaVersion !== 'number') {
        throw new OrderMachineError('CORRUPT_ORDER', 'stored order has no numeric schemaVersion');
      }
      let current = stored as Record<string, unknown>;
      let version = current.schemaVersion as number;
      while (version < AGGREGATE_SCHEMA_VERSION) {
        const step = byFrom.get(version);
        if (!step) throw new OrderMachineError('UNKNOWN_SCHEMA_VERSION', `no migration from aggregate schema version ${version} to ${AGGREGATE_SCHEMA_VERSION}`);
        current = { ...step.migrate(current), schemaVersion: step.to };
        version = step.to;
      }
      if (version !== AGGREGATE_SCHEMA_VERSION) {
        throw new OrderMachineError('UNKNOWN_SCHEMA_VERSION', `aggregate schema version ${version} is newer than this library's ${AGGREGATE_SCHEMA_VERSION}`);
      }
      return current as unknown as OrderAggregate;
    },
  };
}
