import type { Actor, CurrencyCode, CustomerInput, LineItemInput, Locale, OrderEventInput, OrderStatuses, RejectionReason } from 'ordermachine';

/**
 * A time since the start of a scenario (`{ days: 1, hours: 2 }` is one day and two hours after
 * the cart was created).
 */
export interface Offset {
  readonly days?: number;
  readonly hours?: number;
  readonly minutes?: number;
}

/**
 * Someone sends an event to the order through `engine.send`. Without `at` it happens one minute
 * after the step before. With `refused`, the step shows that the order refuses the event with that
 * reason (and nothing changes); otherwise the event must be applied.
 */
export interface SendStep {
  readonly at?: Offset;
  readonly actor: Actor;
  readonly event: OrderEventInput;
  readonly refused?: RejectionReason;
}

/**
 * The shop's timer sweep: `engine.runDue(now)` at the step's time. `fires` lists the deadline keys
 * expected to fire for this order (`[]`: nothing is due); anything else firing fails the scenario.
 */
export interface RunDueStep {
  readonly at?: Offset;
  readonly runDue: { readonly fires: readonly string[] };
}

/** Goods arrive at the warehouse: the quantities are added to stock and the order's lines are reserved again. */
export interface RestockStep {
  readonly at?: Offset;
  readonly restock: Readonly<Record<string, number>>;
}

/** One step of a scenario. */
export type DemoStep = SendStep | RunDueStep | RestockStep;

/** What a scenario must end with: the order machine's state and any derived statuses worth checking. */
export type ExpectedFinal = { readonly order: OrderStatuses['order'] } & Partial<Omit<OrderStatuses, 'order'>>;

/**
 * One order driven end to end, following the steps of a seed document: who buys (in which
 * language), what is in the cart, what happens to the order step by step, and where it must end.
 */
export interface DemoScenario {
  /** What the scenario shows, e.g. `'cash on delivery'`. */
  readonly name: string;
  /** The seed document it follows: `'000'` … `'004'`. */
  readonly seed: string;
  /** One line on what the seed says that this scenario walks through. */
  readonly story: string;
  /** The customer's language; every message they get is in it. */
  readonly locale: Locale;
  readonly orderId: string;
  readonly currency: CurrencyCode;
  /** When the cart is created (ISO 8601). */
  readonly startAt: string;
  /** Lines in the cart when it is created. */
  readonly items: readonly LineItemInput[];
  /** A customer known when the cart is created (signed in); most set theirs at checkout. */
  readonly customer?: CustomerInput;
  /** Who created the cart. */
  readonly createdBy: Actor;
  readonly steps: readonly DemoStep[];
  readonly expected: ExpectedFinal;
}

/**
 * Builds an actor with a readable id.
 *
 * @param kind - who: customer, staff, system, carrier or payment_provider
 * @param id - which one
 * @example
 * ```ts
 * import { actor } from './DemoScenario.js';
 * const clerk = actor('staff', 'amirhossein-rezazadeh');
 * ```
 */
export const actor = (kind: Actor['kind'], id: string): Actor => ({ kind, id });

/**
 * The milliseconds in an offset.
 *
 * @param offset - days, hours and minutes
 * @example
 * ```ts
 * import { offsetMs } from './DemoScenario.js';
 * offsetMs({ days: 1, hours: 2 }); // 93_600_000
 * ```
 */
export const offsetMs = (offset: Offset): number => (((offset.days ?? 0) * 24 + (offset.hours ?? 0)) * 60 + (offset.minutes ?? 0)) * 60_000;
