import { createHmac, timingSafeEqual } from 'node:crypto';
import { Money, normalizeCarrierStatus } from 'ordermachine';
import * as z from 'zod';
import type { UncheckedEvent } from './UncheckedEvent.js';

/** The header a carrier signs its tracking webhooks with: base64 of HMAC-SHA256 over the raw body. */
export const CARRIER_SIGNATURE_HEADER = 'x-carrier-hmac-sha256';

/**
 * Checks a carrier's signature (the scheme of tracking aggregators such as AfterShip: base64
 * HMAC-SHA256 of the raw body with a shared secret, no timestamp) in constant time. This scheme is
 * not the `t=…,v1=…` one of `ordermachine/webhook`, so it is checked with `node:crypto` directly;
 * replays are harmless because each event id is applied once.
 *
 * @param rawBody - the body bytes exactly as received
 * @param header - the signature header's value
 * @param secret - the shared secret
 * @returns whether the signature is the body's
 * @example
 * ```ts
 * if (!verifyCarrierSignature(rawBody, req.headers[CARRIER_SIGNATURE_HEADER], secret)) res.writeHead(401).end();
 * ```
 */
export function verifyCarrierSignature(rawBody: Uint8Array, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(header)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Signs a body the way the carrier does (for tests, and for replaying a stored delivery by hand).
 *
 * @param rawBody - the exact body that will be sent
 * @param secret - the shared secret
 * @returns the value for {@link CARRIER_SIGNATURE_HEADER}
 * @example
 * ```ts
 * const body = JSON.stringify({ eventId: 'trk-1', orderId: 'o-1', shipmentId: 'o-1-S1', status: 'OutForDelivery' });
 * await fetch(url, { method: 'POST', body, headers: { [CARRIER_SIGNATURE_HEADER]: signCarrierBody(body, secret) } });
 * ```
 */
export function signCarrierBody(rawBody: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** The carrier's tracking notification: its event id, our references, and its own status word. */
export const CarrierWebhookBody = z.object({
  eventId: z.string().min(1).max(100),
  orderId: z.string().min(1).max(100),
  shipmentId: z.string().min(1).max(100),
  /** In the carrier's own words: `'OutForDelivery'`, `'AttemptFail'`, `'Delivered'`… */
  status: z.string().min(1).max(100),
  location: z.string().max(300).optional(),
  detail: z.string().max(1000).optional(),
  /** Cash the courier collected at the door (cash on delivery). */
  codCollected: Money.optional(),
});
/** The carrier's tracking notification. */
export type CarrierWebhookBody = z.infer<typeof CarrierWebhookBody>;

/**
 * The `CARRIER_STATUS` event for a tracking notification, with the carrier's word normalised by
 * `normalizeCarrierStatus`; `null` when the word is unknown (acknowledge it and write nothing —
 * a carrier would otherwise retry it forever — and log it for a person to look at).
 *
 * @param body - a verified, parsed notification
 * @returns the event to send as the `carrier` actor, or `null`
 * @example
 * ```ts
 * carrierStatusEvent({ eventId: 'e1', orderId: 'o-1', shipmentId: 'o-1-S1', status: 'OutForDelivery' });
 * // { type: 'CARRIER_STATUS', shipmentId: 'o-1-S1', status: 'out_for_delivery' }
 * ```
 */
export function carrierStatusEvent(body: CarrierWebhookBody): UncheckedEvent | null {
  const status = normalizeCarrierStatus(body.status);
  if (status === null) return null;
  return {
    type: 'CARRIER_STATUS',
    shipmentId: body.shipmentId,
    status,
    ...(body.location !== undefined ? { location: body.location } : {}),
    ...(body.detail !== undefined ? { detail: body.detail } : {}),
    ...(body.codCollected !== undefined ? { codCollected: body.codCollected } : {}),
  };
}
