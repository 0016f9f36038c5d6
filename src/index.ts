// ordermachine — the isomorphic core (Node and browsers). Named exports only; no node: imports.

// ── model ───────────────────────────────────────────────────────────────────────────────────
export { CURRENCY_CODES, currencyExponent, isCurrencyCode } from './model/currencies.js';
export type { CurrencyCode } from './model/currencies.js';
export { Currency, MinorUnits, Money, money, addMoney, formatMoney } from './model/money.js';
export { Address } from './model/address.js';
export { Locale } from './model/locale.js';
export { Customer } from './model/customer.js';
export type { CustomerInput } from './model/customer.js';
export { Actor, ActorKind } from './model/actor.js';
export { ShippingMethod, PaymentMethod, OFFLINE_PAYMENT_METHODS, SHIP_BEFORE_PAYMENT_METHODS } from './model/methods.js';
export { LineItem, LineQuantity } from './model/lineItem.js';
export type { LineItemInput } from './model/lineItem.js';
export { Totals, subtotalOf, computeTotals } from './model/totals.js';
export {
  OrderEvent,
  ORDER_EVENT_TYPES,
  PAYMENT_EVENT_TYPES,
  SHIPMENT_EVENT_TYPES,
  RETURN_EVENT_TYPES,
  HoldReason,
  CancelReason,
  DelayReason,
  ReturnReason,
  ClaimKind,
  ReturnResolution,
  InspectionOutcome,
  CarrierStatus,
  ShippingLabel,
} from './model/events.js';
export type {
  OrderEventInput,
  OrderEventType,
  EventOf,
  OrderLevelEvent,
  PaymentEvent,
  ShipmentEvent,
  ReturnEvent,
} from './model/events.js';
export { Effect, NotificationEffect, CommandEffect, NotificationTemplate, NotificationData, MachineKind } from './model/effects.js';
export type { CommandName, CommandParams, NotifyParams } from './model/effects.js';
export { EVENT_DESCRIPTIONS } from './model/eventDescriptions.js';
export {
  PaymentStatus,
  FulfilmentStatus,
  ReturnStatus,
  ShipmentProgress,
  FulfilmentPhase,
  ChildSummary,
  EMPTY_SUMMARY,
} from './model/statuses.js';

// ── machines ────────────────────────────────────────────────────────────────────────────────
export { by, byActor, effectPlaceholder } from './machines/envelope.js';
export type { Envelope, ByActorParams } from './machines/envelope.js';
export { orderMachine, OrderContext, OrderInput, initialOrderContext } from './machines/order/index.js';
export type { OrderInputRaw, OrderMachineEvent, SyncEvent } from './machines/order/index.js';
export { paymentMachine, PaymentContext, initialPaymentContext } from './machines/payment/index.js';
export type { PaymentInput, PaymentMachineEvent } from './machines/payment/index.js';
export { shipmentMachine, ShipmentContext, initialShipmentContext } from './machines/shipment/index.js';
export type { ShipmentInput, ShipmentMachineEvent } from './machines/shipment/index.js';
export { returnMachine, ReturnContext, initialReturnContext } from './machines/return/index.js';
export type { ReturnInput, ReturnMachineEvent } from './machines/return/index.js';

// ── lifecycle: the pure, browser-safe API ───────────────────────────────────────────────────
export { apply } from './lifecycle/apply.js';
export { can } from './lifecycle/can.js';
export { allowedEvents } from './lifecycle/allowedEvents.js';
export { createOrder } from './lifecycle/createOrder.js';
export { createLifecycle } from './lifecycle/createLifecycle.js';
export type { Lifecycle } from './lifecycle/createLifecycle.js';
export { DEFAULT_MACHINES } from './lifecycle/machineSet.js';
export type { MachineSet } from './lifecycle/machineSet.js';
export { AGGREGATE_SCHEMA_VERSION } from './lifecycle/aggregate.js';
export type { OrderAggregate, MachineRecord, PaymentRecord, ShipmentRecord, ReturnRecord } from './lifecycle/aggregate.js';
export { ORDER_STATES, PAYMENT_STATES, SHIPMENT_STATES, RETURN_STATES, FINAL_STATES } from './lifecycle/states.js';
export type { OrderState, PaymentState, ShipmentState, ReturnState } from './lifecycle/states.js';
export type { ApplyContext, ApplyResult, Applied, Rejection, InvalidInput, ValidationIssue, AllowedEvent, StateChange } from './lifecycle/results.js';
export { REJECTION_REASONS } from './lifecycle/rejectionReason.js';
export type { RejectionReason } from './lifecycle/rejectionReason.js';
export { DEFAULT_LIFECYCLE_POLICY } from './lifecycle/policy.js';
export type { LifecyclePolicy } from './lifecycle/policy.js';
export { deriveOrderStatuses } from './lifecycle/deriveOrderStatuses.js';
export type { OrderStatuses } from './lifecycle/deriveOrderStatuses.js';
export { customerStatus, CUSTOMER_STATUSES } from './lifecycle/customerStatus.js';
export type { CustomerStatus } from './lifecycle/customerStatus.js';
export {
  derivePaymentStatus,
  deriveFulfilmentStatus,
  deriveReturnStatus,
  deriveSummary,
  shipmentStage,
  paymentIsLive,
  returnIsOpen,
  paymentTotals,
  lineQuantities,
  paymentAllowsShipping,
  pendingPaymentsOf,
} from './lifecycle/deriveStatuses.js';
export type { ShipmentStage, PaymentTotals, LineQuantities } from './lifecycle/deriveStatuses.js';
export { normalizeCarrierStatus } from './lifecycle/normalizeCarrierStatus.js';
export { toStatePath, toStateValue } from './lifecycle/snapshots.js';
export { buildTransitionIndex } from './lifecycle/transitionIndex.js';
export type { TransitionIndex, Candidate, GuardRef, Decision } from './lifecycle/transitionIndex.js';
export type { GuardInfo } from './lifecycle/guardInfo.js';
export { toMermaid } from './diagram/toMermaid.js';

// ── engine: durable, idempotent, concurrency-safe transitions over a storage adapter ───────
export { createOrderEngine, TIMER_ACTOR } from './engine/createOrderEngine.js';
export { INVENTORY_ACTOR } from './engine/createStockWorker.js';
export type { OrderEngine, OrderEngineOptions, SendOptions, Clock } from './engine/createOrderEngine.js';
export type { SendResult, CreateResult, RunDueReport, AppliedRecord } from './engine/SendResult.js';
export { DEFAULT_ENGINE_POLICY, resolveEnginePolicy } from './engine/EnginePolicy.js';
export type { EnginePolicy } from './engine/EnginePolicy.js';
export { computeDeadlines } from './engine/computeDeadlines.js';
export type { Deadline } from './engine/computeDeadlines.js';
export { createMigrationRegistry } from './engine/createMigrationRegistry.js';
export type { AggregateMigration, MigrationRegistry } from './engine/createMigrationRegistry.js';
export { OrderMachineError } from './errors.js';
export type { OrderMachineErrorCode } from './errors.js';
export { createMemoryInventory } from './adapters/inventory/createMemoryInventory.js';
export type { MemoryInventory } from './adapters/inventory/createMemoryInventory.js';
export type { InventoryAdapter, StockLine, ReservationResult } from './ports/InventoryAdapter.js';

// ── storage: the port and the in-memory adapter (PostgreSQL lives in `ordermachine/postgres`) ──
export { createMemoryStorage } from './adapters/memory/createMemoryStorage.js';
export type { MemoryStorageOptions } from './adapters/memory/createMemoryStorage.js';
export type { StorageAdapter, StoredOrder, HistoryEntry, OutboxMessage, OutboxStatus, CommitRequest, CommitResult, ListQuery, ListPage, DueOrder, TimerState, StockTask, OutboxClaim } from './ports/StorageAdapter.js';

// ── effects: the outbox relay and the notifier port with its in-process channels ────────────
export { createOutboxRelay } from './notifications/createOutboxRelay.js';
export type { OutboxRelay, OutboxRelayOptions, RelayReport, RelayFailure, RelayFailureCode, CommandHandler, CommandHandlers, CommandContext, NotificationRenderer, BackoffOptions } from './notifications/createOutboxRelay.js';
export type { Notifier, NotificationDelivery, Recipient, RenderedMessage } from './ports/Notifier.js';
export { createMemoryNotifier } from './adapters/notifiers/createMemoryNotifier.js';
export type { MemoryNotifier, MemoryNotifierAttempt, MemoryFailureOptions } from './adapters/notifiers/createMemoryNotifier.js';
export { createConsoleNotifier } from './adapters/notifiers/createConsoleNotifier.js';
export type { ConsoleNotifierOptions } from './adapters/notifiers/createConsoleNotifier.js';
export { createEmailNotifier } from './adapters/notifiers/createEmailNotifier.js';
export type { EmailNotifierOptions, EmailTransport, EmailMessage, EmailAddress } from './adapters/notifiers/createEmailNotifier.js';
export { createSmsNotifier, smsSegments } from './adapters/notifiers/createSmsNotifier.js';
export type { SmsNotifierOptions, SmsSegments } from './adapters/notifiers/createSmsNotifier.js';

// ── messages: status labels and templates in en, fa, ru, bn; rendering a notification ────────
export { renderNotification } from './notifications/renderNotification.js';
export type { RenderOptions } from './notifications/renderNotification.js';
export { estimateDelivery } from './notifications/estimateDelivery.js';
export { calendarDayIn } from './notifications/calendarDayIn.js';
export { addWorkingDays, SATURDAY_SUNDAY } from './model/addWorkingDays.js';
export type { Weekday } from './model/addWorkingDays.js';
export type { EstimateDeliveryOptions } from './notifications/estimateDelivery.js';
export { MESSAGES } from './i18n/locales.js';
export { statusLabel } from './i18n/statusLabel.js';
export type { Messages, MessageContext, MessageItem, MessageTotals, MessageParts, MessageTemplate, MessageWords, PluralForms } from './i18n/Messages.js';
export { toJalali } from './i18n/toJalali.js';
export type { JalaliDate } from './i18n/toJalali.js';
