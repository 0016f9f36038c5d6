import * as z from 'zod';
import { LineQuantity } from './lineItem.js';
import { ShippingMethod } from './methods.js';
import { Money } from './money.js';

/**
 * Every message a transition can ask to send. Customer-facing ones are translated in `i18n/`.
 *
 * @example
 * ```ts
 * import type { NotificationTemplate } from 'ordermachine';
 * // A subject line for every template: adding a template breaks this until it has one.
 * declare const subjects: Record<NotificationTemplate, string>;
 * subjects.order_placed;
 * ```
 */
export const NotificationTemplate = z.enum([
  'cart_reminder',
  'order_placed',
  'bank_transfer_instructions',
  'payment_reminder',
  'payment_action_required',
  'order_confirmed',
  'payment_received',
  'payment_failed',
  'payment_authorization_expired',
  'order_canceled',
  'order_expired',
  'order_backordered',
  'order_delayed',
  'order_on_hold',
  'shipment_shipped',
  'shipment_out_for_delivery',
  'delivery_attempt_failed',
  'ready_for_pickup',
  'shipment_delivered',
  'shipment_lost',
  'shipment_returned_to_sender',
  'return_requested',
  'claim_opened',
  'return_approved',
  'return_label_issued',
  'return_declined',
  'return_received',
  'return_resolved',
  'return_rejected',
  'refund_issued',
  'refund_failed',
  'dispute_opened',
  'invoice_available',
  'feedback_request',
]);
/** A message a transition can ask to send. */
export type NotificationTemplate = z.infer<typeof NotificationTemplate>;

/**
 * Which machine an effect is about.
 *
 * @example
 * ```ts
 * import { MachineKind, type Effect } from 'ordermachine';
 * MachineKind.options; // ['order', 'payment', 'shipment', 'return']
 * declare const effect: Effect;
 * if (effect.kind === 'notification') console.log(effect.subject.machine satisfies MachineKind, effect.subject.id);
 * ```
 */
export const MachineKind = z.enum(['order', 'payment', 'shipment', 'return']);
/** Which machine an effect, a rejection or a history row is about. */
export type MachineKind = z.infer<typeof MachineKind>;

/**
 * Facts a message may show; which are present depends on the template.
 *
 * @example
 * ```ts
 * import { NotificationData } from 'ordermachine';
 * const data: NotificationData = NotificationData.parse({ carrier: 'DHL', trackingNumber: 'JD014600006281230704' }); // every field is optional
 * ```
 */
export const NotificationData = z
  .object({
    amount: Money,
    reason: z.string(),
    carrier: z.string(),
    trackingNumber: z.string(),
    labelUrl: z.string(),
    expectedAt: z.string(),
    attempts: z.number().int(),
    resolution: z.string(),
    invoiceNumber: z.string(),
    url: z.string(),
  })
  .partial();
/** Facts a message may show. */
export type NotificationData = z.infer<typeof NotificationData>;

/**
 * A message to a customer (or to staff) that a transition asks for.
 *
 * @example
 * ```ts
 * import type { Effect, NotificationEffect } from 'ordermachine';
 * declare const effects: readonly Effect[];
 * const customerMessages = effects.filter((e): e is NotificationEffect => e.kind === 'notification' && e.audience === 'customer');
 * for (const m of customerMessages) console.log(m.template, m.data);
 * ```
 */
export const NotificationEffect = z.strictObject({
  kind: z.literal('notification'),
  orderId: z.string(),
  template: NotificationTemplate,
  audience: z.enum(['customer', 'staff']),
  subject: z.strictObject({ machine: MachineKind, id: z.string() }),
  data: NotificationData,
});
/** A message a transition asks for. */
export type NotificationEffect = z.infer<typeof NotificationEffect>;

const command = <T extends string, S extends z.ZodRawShape>(name: T, shape: S) =>
  z.strictObject({ kind: z.literal('command'), orderId: z.string(), command: z.literal(name), ...shape });

/**
 * A job for the host that a transition asks for: talk to the payment provider, the warehouse,
 * the carrier or the invoicing system, then report the outcome back as an event.
 *
 * @example
 * ```ts
 * import { CommandEffect } from 'ordermachine';
 * declare const payload: unknown; // read back from the outbox
 * const job = CommandEffect.parse(payload);
 * switch (job.command) {
 *   case 'capture_payment':
 *     console.log(`capture ${job.amount.amount} on ${job.paymentId}`); // then send PAYMENT_CAPTURED
 *     break;
 *   case 'buy_label':
 *     console.log(`buy a ${job.method} label for ${job.shipmentId}`); // then send LABEL_CREATED
 *     break;
 *   default:
 *     console.log(`${job.command} for order ${job.orderId}`);
 * }
 * ```
 */
export const CommandEffect = z.discriminatedUnion('command', [
  command('reserve_stock', { lines: z.array(LineQuantity) }),
  command('release_stock', { lines: z.array(LineQuantity) }),
  command('capture_payment', { paymentId: z.string(), amount: Money }),
  command('void_payment', { paymentId: z.string(), amount: Money }),
  command('refund_payment', { paymentId: z.string(), amount: Money, reason: z.string() }),
  command('buy_label', { shipmentId: z.string(), method: ShippingMethod }),
  command('issue_invoice', {}),
  command('issue_store_credit', { returnId: z.string(), amount: Money }),
  command('create_exchange_order', { returnId: z.string(), lines: z.array(LineQuantity), resolution: z.enum(['exchange', 'replacement']) }),
]);
/** A job for the host. */
export type CommandEffect = z.infer<typeof CommandEffect>;
/** The name of a host command. */
export type CommandName = CommandEffect['command'];

/**
 * What a transition asks the world to do. Never run inside a machine: `apply` returns effects,
 * the engine writes them to the outbox in the same commit as the state.
 *
 * @example
 * ```ts
 * import { apply, Effect, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const result = apply(order, { type: 'CONFIRM_ORDER' }, { actor: { kind: 'staff', id: 'u7' }, now: new Date() });
 * if (result.ok) {
 *   for (const effect of result.effects) {
 *     if (effect.kind === 'notification') console.log('send', effect.template, 'to the', effect.audience);
 *     else console.log('run', effect.command);
 *   }
 * }
 * // Stored effects are plain JSON: validate them when they are read back.
 * declare const row: { payload: unknown };
 * const stored: Effect = Effect.parse(row.payload);
 * ```
 */
export const Effect = z.union([NotificationEffect, CommandEffect]);
/** What a transition asks the world to do. */
export type Effect = z.infer<typeof Effect>;

/** The params of a machine's `command` action: a command without the order id, which `apply` adds. */
export type CommandParams = CommandEffect extends infer C ? (C extends CommandEffect ? Omit<C, 'kind' | 'orderId'> : never) : never;

/** The params of a machine's `notify` action. */
export interface NotifyParams {
  readonly template: NotificationTemplate;
  readonly audience?: 'customer' | 'staff';
  readonly data?: NotificationData;
}
