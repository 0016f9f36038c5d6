// ordermachine/testing — helpers for host test suites: invariants, and fast-check fixtures that
// drive an order through random (legal, illegal and malformed) events.
export { checkInvariants, checkTransitionInvariants } from './testing/checkInvariants.js';
export type { InvariantViolation } from './testing/checkInvariants.js';
export { eventFor } from './testing/eventFor.js';
export type { StepChoice, AmountMode } from './testing/eventFor.js';
export { arbitraryStepChoice } from './testing/arbitraryStepChoice.js';
export { describeStorageConformance } from './testing/describeStorageConformance.js';
export type { StorageConformanceRunner, StorageFactory, StorageUnderTest } from './testing/describeStorageConformance.js';
