import * as z from 'zod';

/**
 * Who can cause a transition.
 *
 * @example
 * ```ts
 * import { ActorKind } from 'ordermachine';
 * ActorKind.options; // ['customer', 'staff', 'system', 'carrier', 'payment_provider']
 * ActorKind.safeParse('robot').success; // false
 * ```
 */
export const ActorKind = z.enum(['customer', 'staff', 'system', 'carrier', 'payment_provider']);
/** Who can cause a transition: `customer`, `staff`, `system`, `carrier` or `payment_provider`. */
export type ActorKind = z.infer<typeof ActorKind>;

/**
 * The party sending an event: its kind and an id (customer account, staff user, carrier code…).
 *
 * @example
 * ```ts
 * import { Actor } from 'ordermachine';
 * const clerk = Actor.parse({ kind: 'staff', id: 'staff-7' });
 * ```
 */
export const Actor = z.strictObject({ kind: ActorKind, id: z.string().min(1).max(200) });
/** The party sending an event. */
export type Actor = z.infer<typeof Actor>;
