import type { CarrierStatus } from '../model/events.js';

// Carrier and aggregator vocabularies seen in tracking webhooks (EasyPost, Shippo, AfterShip,
// UPS/FedEx/DHL summaries, postal services), lower-cased with separators folded to "_".
const VOCABULARY: Readonly<Record<string, CarrierStatus>> = {
  pre_transit: 'pre_transit',
  label_created: 'pre_transit',
  info_received: 'pre_transit',
  inforeceived: 'pre_transit',
  accepted: 'pre_transit',
  picked_up: 'pre_transit',
  in_transit: 'in_transit',
  intransit: 'in_transit',
  transit: 'in_transit',
  arrived_at_facility: 'in_transit',
  departed_facility: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  outfordelivery: 'out_for_delivery',
  with_courier: 'out_for_delivery',
  delivered: 'delivered',
  delivery: 'delivered',
  failure: 'failure',
  failed_attempt: 'failure',
  attemptfail: 'failure',
  attempt_fail: 'failure',
  delivery_failed: 'failure',
  undeliverable: 'failure',
  exception: 'failure',
  available_for_pickup: 'available_for_pickup',
  availableforpickup: 'available_for_pickup',
  ready_for_pickup: 'available_for_pickup',
  held_at_location: 'available_for_pickup',
  return_to_sender: 'return_to_sender',
  returning: 'return_to_sender',
  returned_to_sender: 'returned_to_sender',
  returned: 'returned_to_sender',
  lost: 'lost',
  missing: 'lost',
};

/**
 * Maps a carrier's own tracking word onto the library's `CarrierStatus`, or `null` when unknown
 * (the caller decides: ignore it, log it, or alert staff).
 *
 * @param raw - a carrier status such as `'OutForDelivery'`, `'AttemptFail'`, `'RETURN_TO_SENDER'`
 * @example
 * ```ts
 * import { normalizeCarrierStatus } from 'ordermachine';
 * normalizeCarrierStatus('OutForDelivery'); // 'out_for_delivery'
 * normalizeCarrierStatus('AttemptFail'); // 'failure'
 * ```
 */
export function normalizeCarrierStatus(raw: string): CarrierStatus | null {
  const key = raw
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s\-.]+/g, '_');
  return VOCABULARY[key] ?? VOCABULARY[key.replace(/_/g, '')] ?? null;
}
