import { format } from 'date-fns';
import { enUS } from 'date-fns/locale';
import type { Messages, MessageWords } from './Messages.js';
import { lines, orderSummary, paragraphs, when, withItems } from './text.js';

const words: MessageWords = {
  greeting: (name) => (name === null ? 'Hello,' : `Hello ${name},`),
  signOff: (store) => `Best regards,\n${store}`,
  defaultStoreName: 'Customer Service',
  viewOrder: 'View your order',
  itemsHeading: 'Your order:',
  subtotal: 'Subtotal',
  shipping: 'Shipping',
  tax: 'Tax',
  discount: 'Discount',
  total: 'Total',
  footer: (store, orderId) => `You are receiving this message from ${store} about order ${orderId}.`,
};

const reply = 'If you have any questions, just reply to this message.';

/**
 * English (US): messages in a friendly, plain shop tone.
 *
 * @example
 * ```ts
 * import { MESSAGES } from 'ordermachine';
 * MESSAGES.en.statusLabels.awaiting_stock; // 'Awaiting stock'
 * ```
 */
export const en = {
  locale: 'en',
  intlLocale: 'en-US',
  dir: 'ltr',
  dateLocale: enUS,
  formatDate: (date) => format(date, 'EEEE, MMMM d, yyyy', { locale: enUS }),
  digits: (text) => text,
  fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  statusLabels: {
    shopping: 'Shopping',
    checking_out: 'Checking out',
    awaiting_payment: 'Awaiting payment',
    on_hold: 'On hold',
    processing: 'Processing',
    awaiting_stock: 'Awaiting stock',
    picking: 'Picking',
    picked: 'Picked',
    packing: 'Packing',
    ready_to_ship: 'Ready to ship',
    partially_shipped: 'Partially shipped',
    shipped: 'Shipped',
    out_for_delivery: 'Out for delivery',
    delivery_attempt_failed: 'Delivery attempt failed',
    ready_for_pickup: 'Ready for pickup',
    delivered: 'Delivered',
    return_in_progress: 'Return in progress',
    returned: 'Returned',
    completed: 'Completed',
    refunded: 'Refunded',
    canceled: 'Canceled',
    expired: 'Expired (not paid)',
  },
  paymentStatusLabels: {
    unpaid: 'Unpaid',
    authorized: 'Authorized',
    partially_paid: 'Partially paid',
    paid: 'Paid',
    partially_refunded: 'Partially refunded',
    refunded: 'Refunded',
  },
  fulfilmentStatusLabels: {
    unfulfilled: 'Not shipped yet',
    partially_shipped: 'Partially shipped',
    shipped: 'Shipped',
    partially_delivered: 'Partially delivered',
    delivered: 'Delivered',
  },
  shippingMethods: {
    standard: 'Standard shipping',
    expedited: 'Expedited shipping',
    express: 'Express shipping',
    pickup: 'Pickup point',
  },
  paymentMethods: {
    online: 'Online payment',
    cash_on_delivery: 'Cash on delivery',
    bank_transfer: 'Bank transfer',
    pay_on_pickup: 'Pay at pickup',
    invoice: 'Invoice (pay later)',
  },
  reasons: {
    cancel: {
      customer_request: 'Canceled at your request',
      payment_failed: 'The payment did not go through',
      out_of_stock: 'The items are out of stock',
      fraud: 'The order did not pass our security check',
      address_invalid: 'We could not verify the delivery address',
      duplicate: 'Duplicate order',
      other: 'Other reasons',
    },
    hold: {
      payment_review: 'Payment review',
      fraud_check: 'Fraud check',
      address_verification: 'Address verification',
      customer_request: 'Customer request',
      stock_issue: 'Stock issue',
      other: 'Other',
    },
    delay: {
      stock: 'Restocking is taking longer than expected',
      carrier: 'A delay at the carrier',
      weather: 'Bad weather',
      holiday: 'Public holidays',
      verification: 'Additional order checks',
      other: 'Other reasons',
    },
    return: {
      changed_mind: 'No longer needed',
      wrong_size: 'Wrong size',
      not_as_described: 'Not as described',
      damaged: 'Arrived damaged',
      defective: 'Defective',
      wrong_item: 'Wrong item sent',
      other: 'Other reasons',
    },
    claim: {
      damaged: 'An item arrived damaged',
      missing: 'An item is missing from the parcel',
      wrong_item: 'We sent the wrong item',
    },
  },
  resolutions: {
    refund: 'Refund',
    store_credit: 'Store credit',
    exchange: 'Exchange',
    replacement: 'Replacement',
  },
  attempts: {
    one: (n) => `${n} delivery attempt`,
    other: (n) => `${n} delivery attempts`,
  },
  templates: {
    cart_reminder: (d) => ({
      subject: 'You left something in your cart',
      text: paragraphs(
        withItems(d, 'The items you added to your cart are still waiting for you', '.'),
        'You can complete your order whenever you are ready.',
      ),
    }),
    order_placed: (d) => ({
      subject: `We have received your order ${d.orderId}`,
      text: paragraphs(
        `Thank you for your order! We have received order ${d.orderId} and will let you know as soon as it is confirmed.`,
        orderSummary(d, words),
        lines(
          when(d.shippingMethod, (m) => `Shipping method: ${m}`),
          when(d.paymentMethod, (m) => `Payment method: ${m}`),
          when(d.estimatedDelivery, (e) => (d.pickup ? `Ready for pickup by: ${e}` : `Estimated delivery: ${e}`)),
        ),
        when(d.codAmount, (c) => `You will pay ${c} in cash to the courier when your order arrives.`),
      ),
    }),
    bank_transfer_instructions: (d) => ({
      subject: `How to pay for order ${d.orderId} by bank transfer`,
      text: paragraphs(
        `Please transfer ${d.amount ?? d.total ?? 'the order total'} to the bank account shown at checkout and include your order number (${d.orderId}) in the payment reference.`,
        'As soon as the transfer arrives, we will confirm your order and start preparing it. If the payment does not reach us within the payment period, the order will be canceled automatically.',
      ),
    }),
    payment_reminder: (d) => ({
      subject: `Reminder: order ${d.orderId} is waiting for your bank transfer`,
      text: paragraphs(
        `We have not yet received your bank transfer of ${d.amount ?? d.total ?? 'the order total'} for order ${d.orderId}.`,
        d.expectedAt !== null
          ? `Please make the transfer by ${d.expectedAt}, with your order number in the payment reference; after that the order will be canceled automatically.`
          : 'Please make the transfer soon, with your order number in the payment reference; otherwise the order will be canceled automatically.',
        'If you have already paid, thank you, and please ignore this message.',
      ),
    }),
    payment_action_required: (d) => ({
      subject: `Please confirm your payment for order ${d.orderId}`,
      text: paragraphs(
        `Your bank needs you to confirm the payment for order ${d.orderId}.`,
        d.actionUrl !== null
          ? `Please complete the payment here: ${d.actionUrl}`
          : 'Please return to the payment page to complete it.',
        'We will start processing your order as soon as the payment is confirmed.',
      ),
    }),
    order_confirmed: (d) => ({
      subject: `Your order ${d.orderId} is confirmed`,
      text: paragraphs(
        `Good news: your order ${d.orderId} is confirmed and we are preparing it now.`,
        orderSummary(d, words),
        when(d.estimatedDelivery, (e) => (d.pickup ? `Ready for pickup by: ${e}` : `Estimated delivery: ${e}`)),
        when(d.codAmount, (c) => `You will pay ${c} in cash to the courier when your order arrives.`),
      ),
    }),
    payment_received: (d) => ({
      subject: `Payment received for order ${d.orderId}`,
      text: `We have received your payment${when(d.amount, (a) => ` of ${a}`)} for order ${d.orderId}. Thank you!`,
    }),
    payment_failed: (d) => ({
      subject: `The payment for order ${d.orderId} did not go through`,
      text: paragraphs(
        lines(`Unfortunately, the payment for order ${d.orderId} was not successful.`, when(d.reason, (r) => `Error code: ${r}`)),
        'Please try again or choose another payment method. If any money was taken from your account, your bank will return it.',
      ),
    }),
    payment_authorization_expired: (d) => ({
      subject: `Please pay again for order ${d.orderId}`,
      text: paragraphs(
        lines(`The authorization of your payment for order ${d.orderId} expired before the amount was collected, so the order is not paid yet.`, when(d.amount, (a) => `Amount: ${a}`)),
        'No money was taken from your account. To receive your order, please pay again, with the same card or another payment method.',
      ),
    }),
    order_canceled: (d) => ({
      subject: `Your order ${d.orderId} has been canceled`,
      text: paragraphs(
        lines(`Your order ${d.orderId} has been canceled.`, when(d.reason, (r) => `Reason: ${r}`)),
        `If you have already paid, the money will be refunded to you. ${reply}`,
      ),
    }),
    order_expired: (d) => ({
      subject: `Order ${d.orderId} was canceled: payment not received`,
      text: `We did not receive the payment for order ${d.orderId} in time, so the order has been canceled. If you still want these items, you are welcome to place a new order.`,
    }),
    order_backordered: (d) => ({
      subject: `Some items in order ${d.orderId} are on backorder`,
      text: paragraphs(
        `Some items in your order ${d.orderId} are temporarily out of stock, and we have ordered them from our supplier.${when(d.expectedAt, (e) => ` We expect them by ${e}.`)}`,
        'We will ship your order as soon as they arrive and keep you updated. Thank you for your patience.',
      ),
    }),
    order_delayed: (d) => ({
      subject: `Your order ${d.orderId} is delayed`,
      text: paragraphs(
        lines(
          `We are sorry: your order ${d.orderId} is taking longer than planned.`,
          when(d.reason, (r) => `Reason: ${r}`),
          when(d.expectedAt, (e) => `New estimated delivery: ${e}`),
        ),
        'We are doing our best to get it to you as soon as possible. Thank you for your patience.',
      ),
    }),
    order_on_hold: (d) => ({
      subject: `Order ${d.orderId} is on hold`,
      text: paragraphs(
        lines(`Order ${d.orderId} has been put on hold.`, when(d.reason, (r) => `Reason: ${r}`)),
        'Please review it, then release the hold or cancel the order.',
      ),
    }),
    shipment_shipped: (d) => ({
      subject: `Your order ${d.orderId} is on its way`,
      text: paragraphs(
        `Your order has been shipped${when(d.carrier, (c) => ` with ${c}`)}.`,
        lines(
          when(d.trackingNumber, (t) => `Tracking number: ${t}`),
          when(d.trackingUrl, (u) => `Track your parcel: ${u}`),
          when(d.estimatedDelivery, (e) => `Estimated delivery: ${e}`),
        ),
      ),
    }),
    shipment_out_for_delivery: (d) => ({
      subject: `Your order ${d.orderId} is out for delivery`,
      text: paragraphs(
        'The courier is on the way and will deliver your order today.',
        when(d.codAmount, (c) => `Please have ${c} in cash ready to pay the courier.`),
        when(d.trackingUrl, (u) => `Track your parcel: ${u}`),
      ),
    }),
    delivery_attempt_failed: (d) => ({
      subject: `We could not deliver your order ${d.orderId}`,
      text: paragraphs(
        `Unfortunately, the courier could not deliver your parcel${when(d.attempts, (a) => ` (${a} so far)`)}.`,
        `Please contact us${when(d.carrier, (c) => ` or ${c}`)} to arrange a new delivery time.`,
        when(d.trackingUrl, (u) => `Track your parcel: ${u}`),
      ),
    }),
    ready_for_pickup: (d) => ({
      subject: `Your order ${d.orderId} is ready for pickup`,
      text: paragraphs(
        `Your order is waiting for you at the pickup point. Please bring your order number (${d.orderId}) when you collect it.`,
        when(d.pickupAmount, (a) => `You will pay ${a} when you collect it.`),
      ),
    }),
    shipment_delivered: (d) => ({
      subject: `Your order ${d.orderId} has been delivered`,
      text: paragraphs(
        'Your order has been delivered. We hope you enjoy your purchase!',
        'If anything is wrong with your order, just reply to this message and we will put it right.',
      ),
    }),
    shipment_lost: (d) => ({
      subject: `Your parcel for order ${d.orderId} has been lost`,
      text: paragraphs(
        `${d.carrier ?? 'The carrier'} has told us that the parcel with your order has been lost. We are very sorry.`,
        'Our team will contact you shortly to send your order again or refund you.',
      ),
    }),
    shipment_returned_to_sender: (d) => ({
      subject: `Your parcel for order ${d.orderId} came back to us`,
      text: 'Your parcel could not be delivered and has been returned to us. Please contact us so we can arrange a new delivery or a refund.',
    }),
    return_requested: (d) => ({
      subject: `We have received your return request for order ${d.orderId}`,
      text: paragraphs(
        lines(`We have received your request to return items from order ${d.orderId}.`, when(d.reason, (r) => `Reason for return: ${r}`)),
        'We will review it and get back to you shortly.',
      ),
    }),
    claim_opened: (d) => ({
      subject: `We have received your report about order ${d.orderId}`,
      text: paragraphs(
        lines(`Thank you for letting us know about the problem with order ${d.orderId}.`, when(d.reason, (r) => `Problem: ${r}`)),
        'Our support team will look into it and contact you shortly.',
      ),
    }),
    return_approved: (d) => ({
      subject: `Your return for order ${d.orderId} is approved`,
      text: `Your return request for order ${d.orderId} has been approved. We will send you the next steps shortly.`,
    }),
    return_label_issued: (d) => ({
      subject: `Your return label for order ${d.orderId}`,
      text: paragraphs(
        lines('Your return shipping label is ready.', when(d.labelUrl, (u) => `Print it here: ${u}`)),
        `Please pack the items securely, attach the label to the parcel and hand it to ${d.carrier ?? 'the carrier'}.`,
        when(d.trackingNumber, (t) => `Tracking number: ${t}`),
      ),
    }),
    return_declined: (d) => ({
      subject: `About your return request for order ${d.orderId}`,
      text: paragraphs(
        lines(`We are sorry, but we cannot accept the return for order ${d.orderId}.`, when(d.reason, (r) => `Reason: ${r}`)),
        reply,
      ),
    }),
    return_received: (d) => ({
      subject: `We have received your returned items (order ${d.orderId})`,
      text: 'Your returned items have arrived. We will inspect them and let you know the outcome within a few days.',
    }),
    return_resolved: (d) => ({
      subject: `Your return for order ${d.orderId} is complete`,
      text: lines(
        `We have finished processing your return for order ${d.orderId}.`,
        when(d.resolution, (r) => `Outcome: ${r}`),
        when(d.amount, (a) => `Amount: ${a}`),
      ),
    }),
    return_rejected: (d) => ({
      subject: `About your returned items (order ${d.orderId})`,
      text: paragraphs(
        'We have inspected the returned items and unfortunately cannot accept them. We will send them back to you.',
        reply,
      ),
    }),
    refund_issued: (d) => ({
      subject: `Your refund for order ${d.orderId}`,
      text: paragraphs(
        `We have refunded ${d.amount ?? 'your payment'} for order ${d.orderId}.`,
        'Depending on your bank, it may take a few business days to appear in your account.',
      ),
    }),
    refund_failed: (d) => ({
      subject: `Refund failed for order ${d.orderId}`,
      text: paragraphs(
        `The payment provider could not complete a refund${when(d.paymentId, (p) => ` on payment ${p}`)} of order ${d.orderId}.`,
        'Please check the payment and issue the refund again.',
      ),
    }),
    dispute_opened: (d) => ({
      subject: `Payment dispute opened for order ${d.orderId}`,
      text: paragraphs(
        lines(
          `The customer's bank has opened a dispute (chargeback)${when(d.paymentId, (p) => ` on payment ${p}`)} of order ${d.orderId}.`,
          when(d.amount, (a) => `Amount: ${a}`),
        ),
        "Please submit your evidence in the payment provider's dashboard.",
      ),
    }),
    invoice_available: (d) => ({
      subject: `Your invoice${when(d.invoiceNumber, (n) => ` ${n}`)} for order ${d.orderId}`,
      text: lines(
        `The invoice${when(d.invoiceNumber, (n) => ` ${n}`)} for your order ${d.orderId} is ready.`,
        when(d.invoiceUrl, (u) => `Download it here: ${u}`),
      ),
    }),
    feedback_request: (d) => ({
      subject: 'How was your order?',
      text: `We hope you are happy with your order ${d.orderId}. We would love to hear how it went: just reply to this message. Your feedback helps us improve.`,
    }),
  },
  words,
} satisfies Messages;
