import type { CustomerStatus } from '../lifecycle/customerStatus.js';
import type { Locale } from '../model/locale.js';
import { MESSAGES } from './locales.js';

/**
 * The label of a customer-facing order status in a language, in the words shops of that language
 * use («در حال آماده‌سازی», «Готов к отправке», «ডেলিভারির পথে»).
 *
 * @param status - the status, e.g. from `customerStatus(order)`
 * @param locale - the language
 * @returns the translated label
 * @example
 * ```ts
 * import { customerStatus, statusLabel, type OrderAggregate } from 'ordermachine';
 * declare const order: OrderAggregate;
 * const badge = statusLabel(customerStatus(order), order.order.context.customer?.locale ?? 'en');
 * statusLabel('ready_to_ship', 'ru'); // 'Готов к отправке'
 * ```
 */
export function statusLabel(status: CustomerStatus, locale: Locale): string {
  return MESSAGES[locale].statusLabels[status];
}
