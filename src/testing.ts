// ordermachine/testing — helpers for host test suites. Grows with the testing-kit issue.
export { checkInvariants, checkTransitionInvariants } from './testing/checkInvariants.js';
export type { InvariantViolation } from './testing/checkInvariants.js';
