// ordermachine/testing — helpers for host test suites: invariants, fast-check arbitraries derived
// from the schemas, event sequences and model-based engine commands, a fake clock, a
// given/when/then helper, and the storage, inventory and notifier conformance suites.

// ── invariants and the step fixtures behind random lives ─────────────────────────────────────
export { checkInvariants, checkTransitionInvariants } from './testing/checkInvariants.js';
export type { InvariantViolation } from './testing/checkInvariants.js';
export { eventFor } from './testing/eventFor.js';
export type { StepChoice, AmountMode } from './testing/eventFor.js';
export { arbitraryStepChoice } from './testing/arbitraryStepChoice.js';

// ── arbitraries derived from the zod schemas ─────────────────────────────────────────────────
export { arbitraryMoney, arbitraryCurrency } from './testing/arbitraryMoney.js';
export type { ArbitraryMoneyOptions } from './testing/arbitraryMoney.js';
export { arbitraryAddress } from './testing/arbitraryAddress.js';
export type { ArbitraryAddressOptions } from './testing/arbitraryAddress.js';
export type { AddressScript } from './testing/AddressScript.js';
export { arbitraryLineItem } from './testing/arbitraryLineItem.js';
export type { ArbitraryLineItemOptions } from './testing/arbitraryLineItem.js';
export { arbitraryCustomer } from './testing/arbitraryCustomer.js';
export type { ArbitraryCustomerOptions } from './testing/arbitraryCustomer.js';
export { arbitraryOrder } from './testing/arbitraryOrder.js';
export type { ArbitraryOrderOptions } from './testing/arbitraryOrder.js';
export { arbitraryEventSequence } from './testing/arbitraryEventSequence.js';
export type { ArbitraryEventSequenceOptions, SequenceStep, SequenceStepKind } from './testing/arbitraryEventSequence.js';

// ── model-based tests of a host's engine ─────────────────────────────────────────────────────
export { orderEngineCommands, runEngineModel } from './testing/orderEngineCommands.js';
export type { EngineCommand, EngineFactory, EngineModel, EngineUnderTest, ModelOrder, OrderEngineCommandsOptions, RunEngineModelOptions } from './testing/orderEngineCommands.js';

// ── given / when / then ──────────────────────────────────────────────────────────────────────
export { expectTransition } from './testing/expectTransition.js';
export type { TransitionSpec, TransitionStep, TransitionExpectation, TransitionOutcome } from './testing/expectTransition.js';

// ── time and ids ─────────────────────────────────────────────────────────────────────────────
export { createFakeClock } from './testing/createFakeClock.js';
export type { FakeClock, ClockDuration } from './testing/createFakeClock.js';
export { createSequentialIds } from './testing/createSequentialIds.js';

// ── conformance suites for adapters a host writes ────────────────────────────────────────────
export { describeStorageConformance } from './testing/describeStorageConformance.js';
export type { StorageConformanceRunner, StorageFactory, StorageUnderTest } from './testing/describeStorageConformance.js';
export { describeInventoryConformance } from './testing/describeInventoryConformance.js';
export type { InventoryConformanceRunner, InventoryFactory, InventoryUnderTest } from './testing/describeInventoryConformance.js';
export { describeNotifierConformance } from './testing/describeNotifierConformance.js';
export type { NotifierConformanceRunner, NotifierConformanceOptions, NotifierFactory, NotifierUnderTest, ReceivedMessage } from './testing/describeNotifierConformance.js';
