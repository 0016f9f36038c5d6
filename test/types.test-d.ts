import { describe, expectTypeOf, it } from 'vitest';
import {
  allowedEvents,
  apply,
  can,
  createOrder,
  deriveOrderStatuses,
  type AllowedEvent,
  type ApplyResult,
  type Effect,
  type EventOf,
  type InvalidInput,
  type Money,
  type OrderAggregate,
  type OrderEvent,
  type OrderEventType,
  type OrderState,
  type PaymentStatus,
  type Rejection,
  type RejectionReason,
} from '../src/index.js';

describe('public types: an event payload is typed by its type', () => {
  it('narrows an event by its type', () => {
    expectTypeOf<EventOf<'COLLECT_COD'>>().toEqualTypeOf<{ type: 'COLLECT_COD'; paymentId: string; amount: Money }>();
    expectTypeOf<EventOf<'CANCEL_ORDER'>['reason']>().toEqualTypeOf<'customer_request' | 'payment_failed' | 'out_of_stock' | 'fraud' | 'address_invalid' | 'duplicate' | 'other'>();
    expectTypeOf<EventOf<'CARRIER_STATUS'>['codCollected']>().toEqualTypeOf<Money | undefined>();
    const handle = (e: OrderEvent) => {
      if (e.type === 'CONFIRM_BANK_TRANSFER') expectTypeOf(e.reference).toEqualTypeOf<string>();
      if (e.type === 'START_PICKING') expectTypeOf(e.pickerId).toEqualTypeOf<string>();
    };
    expectTypeOf(handle).parameter(0).toEqualTypeOf<OrderEvent>();
  });

  it('money is integer minor units plus an ISO 4217 code', () => {
    expectTypeOf<Money['amount']>().toEqualTypeOf<number>();
    expectTypeOf<'USD'>().toExtend<Money['currency']>();
    expectTypeOf<'XYZ'>().not.toExtend<Money['currency']>();
  });

  it('event types are a closed union', () => {
    expectTypeOf<'PLACE_ORDER'>().toExtend<OrderEventType>();
    expectTypeOf<'MAKE_IT_SO'>().not.toExtend<OrderEventType>();
  });
});

describe('public types: the pure API', () => {
  it('apply takes unknown input (it validates) and returns a result value, not a throw', () => {
    expectTypeOf(apply).parameter(1).toEqualTypeOf<unknown>();
    expectTypeOf(apply).returns.toEqualTypeOf<ApplyResult>();
    const r = {} as ApplyResult;
    if (r.ok) {
      expectTypeOf(r.order).toEqualTypeOf<OrderAggregate>();
      expectTypeOf(r.effects).toEqualTypeOf<readonly Effect[]>();
    } else {
      expectTypeOf(r.error).toEqualTypeOf<Rejection | InvalidInput>();
      if (r.error.code !== 'INVALID') {
        expectTypeOf(r.error.reason).toEqualTypeOf<RejectionReason>();
        expectTypeOf(r.error.allowed).toEqualTypeOf<readonly AllowedEvent[]>();
        expectTypeOf(r.error.orderState).toEqualTypeOf<OrderState>();
      }
    }
  });

  it('can answers a boolean; allowedEvents lists typed events per machine', () => {
    expectTypeOf(can).returns.toEqualTypeOf<boolean>();
    expectTypeOf(allowedEvents).returns.toEqualTypeOf<AllowedEvent[]>();
    expectTypeOf<AllowedEvent['type']>().toEqualTypeOf<OrderEventType>();
    expectTypeOf<AllowedEvent['machine']>().toEqualTypeOf<'order' | 'payment' | 'shipment' | 'return'>();
  });

  it('createOrder returns the aggregate or a typed validation error', () => {
    const r = createOrder({ orderId: 'o1', currency: 'EUR' }, { now: new Date() });
    if (!r.ok) expectTypeOf(r.error.code).toEqualTypeOf<'INVALID'>();
  });

  it('statuses are closed unions hosts can switch on exhaustively', () => {
    expectTypeOf(deriveOrderStatuses).returns.toHaveProperty('payment').toEqualTypeOf<PaymentStatus>();
    expectTypeOf<PaymentStatus>().toEqualTypeOf<'unpaid' | 'authorized' | 'partially_paid' | 'paid' | 'partially_refunded' | 'refunded'>();
    expectTypeOf<'placed.confirmed'>().toExtend<OrderState>();
    expectTypeOf<OrderAggregate['order']['state']>().toEqualTypeOf<OrderState>();
  });

  it('effects are a discriminated union of notifications and host commands', () => {
    const handle = (e: Effect) => {
      if (e.kind === 'command' && e.command === 'refund_payment') expectTypeOf(e.amount).toEqualTypeOf<Money>();
      if (e.kind === 'notification') expectTypeOf(e.audience).toEqualTypeOf<'customer' | 'staff'>();
    };
    expectTypeOf(handle).returns.toEqualTypeOf<void>();
  });
});
