import type { MachineKind } from '../model/effects.js';
import type { RejectionReason } from './rejectionReason.js';

/**
 * What a failing guard means. `reason: null` marks a routing guard that only picks between
 * transitions (its failure is not the reason an event is refused). `payload: true` marks a guard
 * that reads the event's payload, so `allowedEvents` (which has no payload) assumes it passes.
 */
export interface GuardInfo {
  readonly reason: RejectionReason | null;
  readonly payload: boolean;
}

const needs = (reason: RejectionReason): GuardInfo => ({ reason, payload: false });
const checks = (reason: RejectionReason): GuardInfo => ({ reason, payload: true });
const routing: GuardInfo = { reason: null, payload: false };
const routingOnPayload: GuardInfo = { reason: null, payload: true };

/** Guard meanings per machine; a test proves every guard of every machine is listed. @internal */
export const GUARD_INFO: Readonly<Record<MachineKind, Readonly<Record<string, GuardInfo>>>> = {
  order: {
    byActor: needs('ACTOR_NOT_ALLOWED'),
    hasItems: needs('CART_EMPTY'),
    lineIsNew: checks('LINE_EXISTS'),
    hasLine: checks('LINE_NOT_FOUND'),
    checkoutComplete: needs('CHECKOUT_INCOMPLETE'),
    cartReminderDue: needs('CART_REMINDER_NOT_DUE'),
    paymentReminderDue: needs('PAYMENT_REMINDER_NOT_DUE'),
    paymentSecured: { reason: 'PAYMENT_NOT_SECURED', payload: true },
    onInvoiceTerms: routing,
    offlinePayment: needs('NOT_OFFLINE_PAYMENT'),
    nothingCaptured: needs('PAYMENT_ALREADY_CAPTURED'),
    stockNotReserved: needs('STOCK_ALREADY_RESERVED'),
    linesBackorderable: checks('NOT_BACKORDERABLE'),
    notPacked: needs('ALREADY_PACKED'),
    notShipped: needs('ALREADY_SHIPPED'),
    invoiceNotRequested: needs('INVOICE_ALREADY_REQUESTED'),
    invoiceAwaited: needs('INVOICE_NOT_REQUESTED'),
    paid: needs('NOT_PAID'),
    receiptNotConfirmed: needs('RECEIPT_ALREADY_CONFIRMED'),
    feedbackNotRequested: needs('FEEDBACK_ALREADY_REQUESTED'),
    noOpenReturns: needs('RETURNS_OPEN'),
    wasConfirmed: routing,
    phaseIs: routingOnPayload,
  },
  payment: {
    byActor: needs('ACTOR_NOT_ALLOWED'),
    isOffline: routing,
    isBankTransfer: routing,
    methodIs: needs('WRONG_PAYMENT_METHOD'),
    newProviderRef: checks('DUPLICATE_PROVIDER_REFERENCE'),
    authorizationWithinAmount: checks('AMOUNT_EXCEEDS_PAYMENT'),
    directCaptureWithinAmount: checks('AMOUNT_EXCEEDS_PAYMENT'),
    captureWithinAuthorized: checks('CAPTURE_EXCEEDS_AUTHORIZED'),
    captureCompletesAuthorization: routingOnPayload,
    captureRequestWithinAuthorized: checks('CAPTURE_EXCEEDS_AUTHORIZED'),
    settlesExactly: checks('AMOUNT_MISMATCH'),
    refundWithinCaptured: checks('REFUND_EXCEEDS_CAPTURED'),
    refundedWithinCaptured: checks('REFUND_EXCEEDS_CAPTURED'),
    refundCompletes: routingOnPayload,
    refundIsPending: checks('NO_PENDING_REFUND'),
    disputeWithinCaptured: checks('DISPUTE_EXCEEDS_CAPTURED'),
    disputeWon: routingOnPayload,
    hasRefunds: routing,
    disputeLossRefundsAll: routing,
  },
  shipment: {
    byActor: needs('ACTOR_NOT_ALLOWED'),
    carrierStatusIs: checks('CARRIER_STATUS_NOT_APPLICABLE'),
    isPickup: needs('NOT_A_PICKUP'),
    isNotPickup: needs('PICKUP_ONLY'),
    labelMissing: needs('LABEL_EXISTS'),
    needsLabel: routingOnPayload,
    trackable: checks('LABEL_MISSING'),
  },
  return: {
    byActor: needs('ACTOR_NOT_ALLOWED'),
    needsInbound: needs('NO_INBOUND_NEEDED'),
    noInboundNeeded: needs('INBOUND_REQUIRED'),
    inspectionValid: checks('INSPECTION_INVALID'),
    somethingAccepted: needs('NOTHING_ACCEPTED'),
    allRejected: needs('NOT_REJECTED'),
    resolutionIs: routingOnPayload,
    resolutionComplete: checks('RESOLUTION_INCOMPLETE'),
  },
};
