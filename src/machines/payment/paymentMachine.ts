import { and, assertEvent, assign, setup } from 'xstate';
import type { CommandParams, NotifyParams } from '../../model/effects.js';
import type { PaymentMethod } from '../../model/methods.js';
import { by, byActor, effectPlaceholder } from '../envelope.js';
import { initialPaymentContext, type PaymentContext, type PaymentInput } from './context.js';
import type { PaymentMachineEvent } from './events.js';

/** The amount of an event that carries one (every money-moving payment event does). */
function amountOf(event: PaymentMachineEvent): number {
  return 'amount' in event && event.amount !== undefined ? event.amount.amount : 0;
}

const refundable = (c: PaymentContext) => c.captured - c.refunded - c.refundPending - c.disputed;
const money = (c: PaymentContext, amount: number) => ({ amount, currency: c.amount.currency });

/** The `methodIs` guard reference for some payment methods. */
function paidBy(...methods: PaymentMethod[]): { type: 'methodIs'; params: { methods: readonly PaymentMethod[] } } {
  return { type: 'methodIs', params: { methods } };
}

const RECEIVED = {
  type: 'notify',
  params: ({ context, event }: { context: PaymentContext; event: PaymentMachineEvent }): NotifyParams => ({
    template: 'payment_received',
    data: { amount: money(context, amountOf(event)) },
  }),
} as const;

function GATEWAY_OUTCOMES() {
  return {
    PAYMENT_AUTHORIZED: {
      guard: and([by('payment_provider'), 'newProviderRef', 'authorizationWithinAmount']),
      target: 'authorized',
      actions: 'recordAuthorization',
    },
    // Direct capture (sale): authorization and capture in one step.
    PAYMENT_CAPTURED: {
      guard: and([by('payment_provider'), 'newProviderRef', 'directCaptureWithinAmount']),
      target: 'captured',
      actions: ['recordDirectCapture', RECEIVED],
    },
    PAYMENT_FAILED: {
      guard: by('payment_provider'),
      target: 'failed',
      actions: [
        'recordFailure',
        {
          type: 'notify',
          params: ({ event }: { event: PaymentMachineEvent }): NotifyParams => ({
            template: 'payment_failed',
            data: event.type === 'PAYMENT_FAILED' ? { reason: event.code } : {},
          }),
        },
      ],
    },
    VOID_PAYMENT: { guard: by('staff', 'system'), target: 'voided' },
  } as const;
}

function CAPTURES() {
  return {
    PAYMENT_CAPTURED: [
      {
        guard: and([by('payment_provider'), 'newProviderRef', 'captureWithinAuthorized', 'captureCompletesAuthorization']),
        target: 'captured',
        actions: ['recordCapture', RECEIVED],
      },
      {
        guard: and([by('payment_provider'), 'newProviderRef', 'captureWithinAuthorized']),
        target: 'partially_captured',
        actions: ['recordCapture', RECEIVED],
      },
    ],
    // Ask the host to capture (e.g. when the parcel ships); the provider reports PAYMENT_CAPTURED.
    REQUEST_CAPTURE: {
      guard: and([by('staff', 'system'), 'captureRequestWithinAuthorized']),
      actions: {
        type: 'command',
        params: ({ context, event }: { context: PaymentContext; event: PaymentMachineEvent }): CommandParams => ({
          command: 'capture_payment',
          paymentId: context.paymentId,
          amount: event.type === 'REQUEST_CAPTURE' && event.amount ? event.amount : money(context, context.authorized - context.captured),
        }),
      },
    },
  } as const;
}

const VOID_REMAINING = [
  {
    type: 'command',
    params: ({ context }: { context: PaymentContext }): CommandParams => ({
      command: 'void_payment',
      paymentId: context.paymentId,
      amount: money(context, context.authorized - context.captured),
    }),
  },
] as const;

function REFUNDS() {
  return {
    // Staff (or the cancellation of an order) ask for a refund; never more than is still refundable.
    REQUEST_REFUND: {
      guard: and([by('staff', 'system'), 'refundWithinCaptured']),
      actions: [
        'requestRefund',
        {
          type: 'command',
          params: ({ context, event }: { context: PaymentContext; event: PaymentMachineEvent }): CommandParams => ({
            command: 'refund_payment',
            paymentId: context.paymentId,
            amount: money(context, amountOf(event)),
            reason: event.type === 'REQUEST_REFUND' ? event.reason : '',
          }),
        },
      ],
    },
    // Reported by the provider, or by staff for refunds paid outside it (cash, transfer).
    REFUND_SUCCEEDED: [
      {
        guard: and([by('payment_provider', 'staff'), 'newProviderRef', 'refundedWithinCaptured', 'refundCompletes']),
        target: 'refunded',
        actions: ['recordRefund', REFUNDED],
      },
      {
        guard: and([by('payment_provider', 'staff'), 'newProviderRef', 'refundedWithinCaptured']),
        target: 'partially_refunded',
        actions: ['recordRefund', REFUNDED],
      },
    ],
    REFUND_FAILED: {
      guard: and([by('payment_provider'), 'refundIsPending']),
      actions: ['recordRefundFailure', { type: 'notify', params: { template: 'refund_failed', audience: 'staff' } }],
    },
  } as const;
}

const REFUNDED = {
  type: 'notify',
  params: ({ context, event }: { context: PaymentContext; event: PaymentMachineEvent }): NotifyParams => ({
    template: 'refund_issued',
    data: { amount: money(context, amountOf(event)) },
  }),
} as const;

const DISPUTE = {
  guard: and([by('payment_provider'), 'disputeWithinCaptured']),
  target: 'disputed',
  actions: ['recordDispute', { type: 'notify', params: { template: 'dispute_opened', audience: 'staff' } }],
} as const;

/**
 * One payment: an online gateway payment (authorize then capture, or direct capture; it may need
 * customer action or fail), or an offline one (bank transfer confirmed by staff with its
 * reference, cash collected by the courier, paid at the pickup point, or invoice terms), then
 * refunds and disputes. Captured never exceeds authorized; refunded never exceeds captured.
 *
 * @example
 * ```ts
 * import { paymentMachine } from 'ordermachine';
 * import { initialTransition } from 'xstate';
 * const [p] = initialTransition(paymentMachine, { paymentId: 'p1', method: 'bank_transfer', amount: { amount: 5000, currency: 'IRR' }, at: '2026-01-01T00:00:00Z' });
 * p.value; // 'pending'
 * ```
 */
export const paymentMachine = setup({
  types: {
    context: {} as PaymentContext,
    events: {} as PaymentMachineEvent,
    input: {} as PaymentInput,
  },
  guards: {
    byActor,
    isOffline: ({ context }) => context.method !== 'online',
    isBankTransfer: ({ context }) => context.method === 'bank_transfer',
    methodIs: ({ context }, params: { methods: readonly PaymentMethod[] }) => params.methods.includes(context.method),
    newProviderRef: ({ context, event }) => !('providerRef' in event) || !context.providerRefs.includes(event.providerRef),
    authorizationWithinAmount: ({ context, event }) => amountOf(event) > 0 && amountOf(event) <= context.amount.amount,
    directCaptureWithinAmount: ({ context, event }) => amountOf(event) > 0 && context.captured + amountOf(event) <= context.amount.amount,
    captureWithinAuthorized: ({ context, event }) => amountOf(event) > 0 && context.captured + amountOf(event) <= context.authorized,
    captureCompletesAuthorization: ({ context, event }) => context.captured + amountOf(event) === context.authorized,
    captureRequestWithinAuthorized: ({ context, event }) =>
      event.type === 'REQUEST_CAPTURE' &&
      (event.amount === undefined || (event.amount.amount > 0 && context.captured + event.amount.amount <= context.authorized)),
    settlesExactly: ({ context, event }) => amountOf(event) === context.amount.amount,
    refundWithinCaptured: ({ context, event }) => amountOf(event) > 0 && amountOf(event) <= refundable(context),
    refundedWithinCaptured: ({ context, event }) =>
      amountOf(event) > 0 && context.refunded + amountOf(event) <= context.captured - context.disputed,
    refundCompletes: ({ context, event }) => context.refunded + amountOf(event) === context.captured,
    refundIsPending: ({ context, event }) => amountOf(event) > 0 && amountOf(event) <= context.refundPending,
    disputeWithinCaptured: ({ context, event }) => amountOf(event) > 0 && amountOf(event) <= refundable(context),
    disputeWon: ({ event }) => event.type === 'DISPUTE_RESOLVED' && event.outcome === 'won',
    hasRefunds: ({ context }) => context.refunded > 0,
    disputeLossRefundsAll: ({ context }) => context.refunded + context.disputed >= context.captured,
  },
  actions: {
    notify: (_, _params: NotifyParams) => effectPlaceholder(),
    command: (_, _params: CommandParams) => effectPlaceholder(),
    recordActionRequired: assign({
      actionUrl: ({ event }) => {
        assertEvent(event, 'PAYMENT_REQUIRES_ACTION');
        return event.actionUrl ?? null;
      },
    }),
    recordAuthorization: assign(({ context, event }) => {
      assertEvent(event, 'PAYMENT_AUTHORIZED');
      return { authorized: event.amount.amount, providerRefs: [...context.providerRefs, event.providerRef], authorizedAt: event.at };
    }),
    recordDirectCapture: assign(({ context, event }) => {
      assertEvent(event, 'PAYMENT_CAPTURED');
      return {
        authorized: context.authorized + event.amount.amount,
        captured: context.captured + event.amount.amount,
        providerRefs: [...context.providerRefs, event.providerRef],
        settledAt: event.at,
      };
    }),
    recordCapture: assign(({ context, event }) => {
      assertEvent(event, 'PAYMENT_CAPTURED');
      return {
        captured: context.captured + event.amount.amount,
        providerRefs: [...context.providerRefs, event.providerRef],
        settledAt: event.at,
      };
    }),
    recordOfflineSettlement: assign(({ context, event }) => ({
      authorized: context.amount.amount,
      captured: context.amount.amount,
      reference: event.type === 'CONFIRM_BANK_TRANSFER' ? event.reference : context.reference,
      settledAt: event.at,
    })),
    recordFailure: assign({
      failure: ({ event }) => {
        assertEvent(event, 'PAYMENT_FAILED');
        return { code: event.code, message: event.message ?? null };
      },
    }),
    releaseRemainingAuthorization: assign({ authorized: ({ context }) => context.captured }),
    requestRefund: assign({ refundPending: ({ context, event }) => context.refundPending + amountOf(event) }),
    recordRefund: assign(({ context, event }) => {
      assertEvent(event, 'REFUND_SUCCEEDED');
      return {
        refunded: context.refunded + event.amount.amount,
        refundPending: Math.max(0, context.refundPending - event.amount.amount),
        providerRefs: [...context.providerRefs, event.providerRef],
      };
    }),
    recordRefundFailure: assign({ refundPending: ({ context, event }) => context.refundPending - amountOf(event) }),
    recordDispute: assign({ disputed: ({ event }) => amountOf(event) }),
    dropDispute: assign({ disputed: 0 }),
    chargeBack: assign(({ context }) => ({ refunded: context.refunded + context.disputed, disputed: 0 })),
  },
}).createMachine({
  id: 'payment',
  context: ({ input }) => initialPaymentContext(input),
  initial: 'new',
  states: {
    // Decides where the payment starts; passed through immediately.
    new: {
      always: [
        {
          guard: 'isBankTransfer',
          target: 'pending',
          actions: {
            type: 'notify',
            params: ({ context }) => ({ template: 'bank_transfer_instructions', data: { amount: context.amount } }),
          },
        },
        { guard: 'isOffline', target: 'pending' },
        { target: 'created' },
      ],
    },
    // Online: the customer is at the gateway.
    created: {
      on: {
        PAYMENT_REQUIRES_ACTION: {
          guard: by('payment_provider'),
          target: 'requires_action',
          actions: ['recordActionRequired', { type: 'notify', params: { template: 'payment_action_required' } }],
        },
        ...GATEWAY_OUTCOMES(),
      },
    },
    // 3-D Secure or a bank app confirmation is waiting on the customer.
    requires_action: {
      on: GATEWAY_OUTCOMES(),
    },
    // Offline: bank transfer, cash on delivery, pay at pickup or invoice terms.
    pending: {
      on: {
        CONFIRM_BANK_TRANSFER: {
          guard: and([by('staff'), paidBy('bank_transfer', 'invoice'), 'settlesExactly']),
          target: 'captured',
          actions: ['recordOfflineSettlement', RECEIVED],
        },
        COLLECT_COD: {
          guard: and([by('carrier', 'staff'), paidBy('cash_on_delivery'), 'settlesExactly']),
          target: 'captured',
          actions: ['recordOfflineSettlement', RECEIVED],
        },
        COLLECT_AT_PICKUP: {
          guard: and([by('staff'), paidBy('pay_on_pickup'), 'settlesExactly']),
          target: 'captured',
          actions: ['recordOfflineSettlement', RECEIVED],
        },
        VOID_PAYMENT: { guard: by('staff', 'system'), target: 'voided' },
      },
    },
    authorized: {
      on: {
        ...CAPTURES(),
        VOID_PAYMENT: { guard: by('staff', 'system'), target: 'voided', actions: VOID_REMAINING },
        // The customer is asked to pay again (the order may already be confirmed: ADD_PAYMENT is open for what is due).
        AUTHORIZATION_EXPIRED: {
          guard: by('payment_provider', 'system'),
          target: 'authorization_expired',
          actions: { type: 'notify', params: ({ context }: { context: PaymentContext }): NotifyParams => ({ template: 'payment_authorization_expired', data: { amount: context.amount } }) },
        },
      },
    },
    partially_captured: {
      on: {
        ...CAPTURES(),
        // Releasing the rest of the authorization settles the payment at what was captured.
        VOID_PAYMENT: {
          guard: by('staff', 'system'),
          target: 'captured',
          actions: [...VOID_REMAINING, 'releaseRemainingAuthorization'],
        },
      },
    },
    captured: {
      on: { ...REFUNDS(), DISPUTE_OPENED: DISPUTE },
    },
    partially_refunded: {
      on: { ...REFUNDS(), DISPUTE_OPENED: DISPUTE },
    },
    disputed: {
      on: {
        DISPUTE_RESOLVED: [
          { guard: and([by('payment_provider'), 'disputeWon', 'hasRefunds']), target: 'partially_refunded', actions: 'dropDispute' },
          { guard: and([by('payment_provider'), 'disputeWon']), target: 'captured', actions: 'dropDispute' },
          { guard: and([by('payment_provider'), 'disputeLossRefundsAll']), target: 'refunded', actions: 'chargeBack' },
          { guard: by('payment_provider'), target: 'partially_refunded', actions: 'chargeBack' },
        ],
      },
    },
    refunded: { type: 'final' },
    failed: { type: 'final' },
    voided: { type: 'final' },
    authorization_expired: { type: 'final' },
  },
});

