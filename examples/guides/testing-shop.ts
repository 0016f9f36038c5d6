// The shop's own code that the tests of docs/guides/testing.md check (in an app it lives in src/;
// the tests are examples/guides/testing.ts, testing-engine.ts, testing-storage.ts and testing-notifier.ts).
import {
  createOrderEngine,
  currencyExponent,
  isCurrencyCode,
  type Address,
  type ApplyResult,
  type Clock,
  type Money,
  type Notifier,
  type StorageAdapter,
} from 'ordermachine';
import { match } from 'ts-pattern';

/** The shop's rules of time: returns for 30 days after delivery (default 14), unpaid transfers expire after 2 days (default 3). */
export const SHOP_POLICY = {
  returnWindowDays: 30,
  paymentWindowMinutes: { bank_transfer: 2 * 24 * 60 },
};

/** The shop's engine, as production builds it: your storage, a clock, the shop's policy. */
export function createShopEngine(storage: StorageAdapter, clock: Clock) {
  return createOrderEngine({ storage, clock, policy: SHOP_POLICY });
}

// ── the carrier export: one CSV row per parcel ────────────────────────────────────────────────

/** What the carrier needs for one parcel: where it goes, and the cash to collect on delivery. */
export interface ParcelLabel {
  readonly address: Address;
  readonly collect: Money;
}

const FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'] as const;

/** A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** An amount in major units with the currency's decimals: 1250 JPY → "1250", 1250 EUR → "12.50", 1250 KWD → "1.250". */
function decimal(money: Money): string {
  const exponent = currencyExponent(money.currency);
  const digits = String(money.amount).padStart(exponent + 1, '0');
  return exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * One row of the carrier's CSV upload: the address fields, then the amount to collect and its
 * currency.
 *
 * @param label - the parcel's address and cash to collect
 * @returns the row, without a line break
 */
export function toCsvRow(label: ParcelLabel): string {
  const address = FIELDS.map((field) => csvField(label.address[field] ?? ''));
  return [...address, decimal(label.collect), label.collect.currency].join(',');
}

/**
 * Reads a row back, as the carrier's system does.
 *
 * @param row - one row written by `toCsvRow`
 * @returns the label
 * @throws Error when the row does not have the ten fields, or names an unknown currency
 */
export function fromCsvRow(row: string): ParcelLabel {
  const values = [...row.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => (m[1] === undefined ? (m[2] ?? '') : m[1].replaceAll('""', '"')));
  const [name = '', line1 = '', line2, city = '', region, postalCode, country = '', phone, amount = '', currency = ''] = values;
  if (values.length !== FIELDS.length + 2) throw new Error(`carrier CSV: ${values.length} fields, expected ${FIELDS.length + 2}`);
  if (!isCurrencyCode(currency)) throw new Error(`carrier CSV: unknown currency ${JSON.stringify(currency)}`);
  const optional = (key: string, value: string | undefined) => (value ? { [key]: value } : {});
  return {
    address: { name, line1, ...optional('line2', line2), city, ...optional('region', region), ...optional('postalCode', postalCode), country, ...optional('phone', phone) },
    collect: { amount: Number(amount.replace('.', '')), currency },
  };
}

// ── the storefront API: refusals as HTTP answers ──────────────────────────────────────────────

/** An HTTP status code and JSON body. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * How the storefront API answers a request it decided with `apply`: 200 with the new state, 422
 * for malformed input (one issue per field), 403 for the wrong actor, 409 for "not now" (with the
 * reason and what may be sent instead).
 *
 * @param result - what `apply` returned
 * @returns the answer
 */
export function httpAnswer(result: ApplyResult): HttpAnswer {
  if (result.ok) return { status: 200, body: { state: result.order.order.state } };
  return match(result.error)
    .with({ code: 'INVALID' }, (e) => ({ status: 422, body: { message: e.message, issues: e.issues } }))
    .with({ code: 'FORBIDDEN' }, (e) => ({ status: 403, body: { reason: e.reason, allowedActors: e.allowedActors ?? [] } }))
    .with({ code: 'REJECTED' }, (e) => ({ status: 409, body: { reason: e.reason, state: e.state, allowed: e.allowed.map((a) => a.type) } }))
    .exhaustive();
}

// ── a channel of the shop's own: a messenger API that texts the customer's phone ──────────────

/**
 * The shop's messenger channel: POSTs `{ to, text }` to the provider's `/messages` with a bearer
 * token and the dedupe key as `Idempotency-Key`. Resolves once the provider accepted the message
 * (2xx); rejects on anything else, and for a recipient without a phone number.
 *
 * @param options - the provider's base `url` and the shop's `token`
 * @returns the notifier, for `createOutboxRelay`
 */
export function createMessengerNotifier(options: { readonly url: string; readonly token: string }): Notifier {
  return {
    async send({ dedupeKey, recipient, message }) {
      if (recipient.phone === null) throw new Error(`messenger: ${recipient.name ?? 'the recipient'} has no phone number`);
      const response = await fetch(`${options.url}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', 'idempotency-key': dedupeKey },
        body: JSON.stringify({ to: recipient.phone, text: message.text }),
      });
      if (!response.ok) throw new Error(`messenger: ${response.status} ${await response.text()}`);
    },
  };
}
