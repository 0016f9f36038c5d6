/** The business rules `apply` checks that depend on time. The engine's policy extends this. */
export interface LifecyclePolicy {
  /** Days after delivery during which a customer may ask to return goods (seed 002: an online form, inside a window). */
  readonly returnWindowDays: number;
  /** Days after delivery during which a damaged, missing or wrong item may be claimed. */
  readonly claimWindowDays: number;
}

/** Defaults: 14 days to return (the EU withdrawal period), 30 days to claim. */
export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = Object.freeze({ returnWindowDays: 14, claimWindowDays: 30 });
