import { createLifecycle } from './createLifecycle.js';

/** The lifecycle over the shipped machines, behind `apply`, `can`, `allowedEvents` and `createOrder`. @internal */
export const defaultLifecycle = createLifecycle();
