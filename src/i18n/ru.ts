import { format } from 'date-fns';
import { ru as ruLocale } from 'date-fns/locale';
import type { Messages, MessageWords, PluralForms } from './Messages.js';
import { lines, orderSummary, paragraphs, when, withItems } from './text.js';

const words: MessageWords = {
  greeting: (name) => (name === null ? 'Здравствуйте!' : `Здравствуйте, ${name}!`),
  signOff: (store) => `С уважением,\n${store}`,
  defaultStoreName: 'Служба поддержки магазина',
  viewOrder: 'Посмотреть заказ',
  itemsHeading: 'Состав заказа:',
  subtotal: 'Товары',
  shipping: 'Доставка',
  tax: 'Налог',
  discount: 'Скидка',
  total: 'Итого',
  footer: (store, orderId) => `Сообщение по заказу № ${orderId}. Отправитель: ${store}.`,
};

const reply = 'Если у вас есть вопросы, просто ответьте на это сообщение.';
/** «по платежу X (заказ № Y)» or «по заказу № Y»: avoids two «по» in a row. */
const paymentOf = (d: { paymentId: string | null; orderId: string }) =>
  d.paymentId !== null ? `по платежу ${d.paymentId} (заказ № ${d.orderId})` : `по заказу № ${d.orderId}`;
/** A carrier's name in «ёлочках» after «служба доставки», so it stays in the nominative («в службу доставки «Почта России»»). */
const carrierName = (c: string) => (/^[«"„]/.test(c) ? c : `«${c}»`);
const eta = (d: { estimatedDelivery: string | null; pickup: boolean }) =>
  when(d.estimatedDelivery, (e) => (d.pickup ? `Заказ будет готов к выдаче: ${e}` : `Ориентировочная дата доставки: ${e}`));

/**
 * Russian: the status words of Russian shops («Необработанный», «Ожидание отправки», «Упаковка»,
 * «Готов к отправке», «Отправлено»), «Вы» throughout, and plural agreement by `Intl.PluralRules`
 * («1 попытка», «2 попытки», «5 попыток»).
 *
 * @example
 * ```ts
 * import { MESSAGES } from 'ordermachine';
 * MESSAGES.ru.statusLabels.ready_to_ship; // 'Готов к отправке'
 * MESSAGES.ru.attempts.few?.('2'); // '2 попытки доставки'
 * ```
 */
export const ru = {
  locale: 'ru',
  intlLocale: 'ru-RU',
  dir: 'ltr',
  dateLocale: ruLocale,
  formatDate: (date) => format(date, "d MMMM yyyy 'г.'", { locale: ruLocale }),
  digits: (text) => text,
  fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  statusLabels: {
    shopping: 'Товары в корзине',
    checking_out: 'Оформление заказа',
    awaiting_payment: 'Ожидает оплаты',
    on_hold: 'Приостановлен',
    processing: 'Необработанный',
    awaiting_stock: 'Ожидание отправки',
    picking: 'Сборка',
    picked: 'Выполнено',
    packing: 'Упаковка',
    ready_to_ship: 'Готов к отправке',
    partially_shipped: 'Частично отправлен',
    shipped: 'Отправлено',
    out_for_delivery: 'Доставляется курьером',
    delivery_attempt_failed: 'Не удалось доставить',
    ready_for_pickup: 'Ожидает в пункте выдачи',
    delivered: 'Доставлен',
    return_in_progress: 'Оформляется возврат',
    returned: 'Возвращён',
    completed: 'Завершён',
    refunded: 'Деньги возвращены',
    canceled: 'Отменён',
    expired: 'Отменён (не оплачен)',
  },
  paymentStatusLabels: {
    unpaid: 'Не оплачен',
    authorized: 'Оплата авторизована',
    partially_paid: 'Частично оплачен',
    paid: 'Оплачен',
    partially_refunded: 'Частичный возврат денег',
    refunded: 'Деньги возвращены',
  },
  fulfilmentStatusLabels: {
    unfulfilled: 'Не отправлен',
    partially_shipped: 'Частично отправлен',
    shipped: 'Отправлен',
    partially_delivered: 'Частично доставлен',
    delivered: 'Доставлен',
  },
  shippingMethods: {
    standard: 'Стандартная доставка',
    expedited: 'Ускоренная доставка',
    express: 'Экспресс-доставка',
    pickup: 'Самовывоз из пункта выдачи',
  },
  paymentMethods: {
    online: 'Онлайн-оплата',
    cash_on_delivery: 'Наличными при получении',
    bank_transfer: 'Банковский перевод',
    pay_on_pickup: 'Оплата при самовывозе',
    invoice: 'Оплата по счёту',
  },
  // Lower case: they follow a colon («Причина: оплата не прошла»).
  reasons: {
    cancel: {
      customer_request: 'по вашей просьбе',
      payment_failed: 'оплата не прошла',
      out_of_stock: 'товара нет в наличии',
      fraud: 'заказ не прошёл проверку безопасности',
      address_invalid: 'не удалось подтвердить адрес доставки',
      duplicate: 'повторный заказ',
      other: 'другая причина',
    },
    hold: {
      payment_review: 'проверка оплаты',
      fraud_check: 'проверка на мошенничество',
      address_verification: 'проверка адреса',
      customer_request: 'просьба покупателя',
      stock_issue: 'проблема с наличием товара',
      other: 'другое',
    },
    delay: {
      stock: 'задержка поставки товара',
      carrier: 'задержка в службе доставки',
      weather: 'неблагоприятные погодные условия',
      holiday: 'праздничные дни',
      verification: 'дополнительная проверка заказа',
      other: 'другая причина',
    },
    return: {
      changed_mind: 'товар больше не нужен',
      wrong_size: 'не подошёл размер',
      not_as_described: 'товар не соответствует описанию',
      damaged: 'товар повреждён',
      defective: 'товар с браком',
      wrong_item: 'прислали не тот товар',
      other: 'другая причина',
    },
    claim: {
      damaged: 'товар пришёл повреждённым',
      missing: 'в посылке не хватает товара',
      wrong_item: 'прислали не тот товар',
    },
  },
  resolutions: {
    refund: 'возврат денег',
    store_credit: 'зачисление суммы на баланс в нашем магазине',
    exchange: 'обмен товара',
    replacement: 'замена товара',
  },
  // Every category Russian integers and fractions use must be spelled out: a missing one does not compile.
  attempts: {
    one: (n) => `${n} попытка доставки`,
    few: (n) => `${n} попытки доставки`,
    many: (n) => `${n} попыток доставки`,
    other: (n) => `${n} попытки доставки`,
  } satisfies Pick<Required<PluralForms>, 'one' | 'few' | 'many' | 'other'>,
  templates: {
    cart_reminder: (d) => ({
      subject: 'Вы оставили товары в корзине',
      text: paragraphs(withItems(d, 'Товары, которые вы добавили в корзину, всё ещё ждут вас', '.'), 'Оформить заказ можно в любой удобный момент.'),
    }),
    order_placed: (d) => ({
      subject: `Заказ № ${d.orderId} принят`,
      text: paragraphs(
        `Спасибо за заказ! Мы получили ваш заказ № ${d.orderId} и сообщим, как только он будет подтверждён.`,
        orderSummary(d, words),
        lines(when(d.shippingMethod, (m) => `Способ доставки: ${m}`), when(d.paymentMethod, (m) => `Способ оплаты: ${m}`), eta(d)),
        when(d.codAmount, (c) => `Оплата наличными курьеру при получении: ${c}.`),
      ),
    }),
    bank_transfer_instructions: (d) => ({
      subject: `Оплата заказа № ${d.orderId} банковским переводом`,
      text: paragraphs(
        `Пожалуйста, переведите ${d.amount ?? d.total ?? 'сумму заказа'} на банковский счёт магазина, указанный при оформлении заказа, и укажите номер заказа (${d.orderId}) в назначении платежа.`,
        'Как только перевод поступит, мы подтвердим заказ и начнём его собирать. Если оплата не поступит в установленный срок, заказ будет автоматически отменён.',
      ),
    }),
    payment_reminder: (d) => ({
      subject: `Напоминание: заказ № ${d.orderId} ожидает оплаты`,
      text: paragraphs(
        `Мы пока не получили ваш банковский перевод${(d.amount ?? d.total) !== null ? ` на сумму ${d.amount ?? d.total}` : ''} за заказ № ${d.orderId}.`,
        d.expectedAt !== null
          ? `Пожалуйста, оплатите заказ до ${d.expectedAt}, указав номер заказа в назначении платежа; после этого заказ будет автоматически отменён.`
          : 'Пожалуйста, оплатите заказ в ближайшее время, указав номер заказа в назначении платежа, иначе он будет автоматически отменён.',
        'Если вы уже оплатили заказ, спасибо — просто не обращайте внимания на это сообщение.',
      ),
    }),
    payment_action_required: (d) => ({
      subject: `Подтвердите оплату заказа № ${d.orderId}`,
      text: paragraphs(
        `Банку требуется ваше подтверждение, чтобы завершить оплату заказа № ${d.orderId}.`,
        d.actionUrl !== null
          ? `Пожалуйста, завершите оплату по ссылке: ${d.actionUrl}`
          : 'Пожалуйста, вернитесь на страницу оплаты и завершите платёж.',
        'Мы начнём обрабатывать заказ сразу после подтверждения оплаты.',
      ),
    }),
    order_confirmed: (d) => ({
      subject: `Заказ № ${d.orderId} подтверждён`,
      text: paragraphs(
        `Хорошие новости: ваш заказ № ${d.orderId} подтверждён и скоро будет передан на сборку.`,
        orderSummary(d, words),
        eta(d),
        when(d.codAmount, (c) => `Оплата наличными курьеру при получении: ${c}.`),
      ),
    }),
    payment_received: (d) => ({
      subject: `Оплата заказа № ${d.orderId} получена`,
      text: `Мы получили оплату заказа № ${d.orderId}${when(d.amount, (a) => ` на сумму ${a}`)}. Спасибо!`,
    }),
    payment_failed: (d) => ({
      subject: `Не удалось оплатить заказ № ${d.orderId}`,
      text: paragraphs(
        lines(`К сожалению, оплата заказа № ${d.orderId} не прошла.`, when(d.reason, (r) => `Код ошибки: ${r}`)),
        'Попробуйте оплатить ещё раз или выберите другой способ оплаты. Если деньги были списаны с вашего счёта, банк вернёт их.',
      ),
    }),
    payment_authorization_expired: (d) => ({
      subject: `Пожалуйста, оплатите заказ № ${d.orderId} ещё раз`,
      text: paragraphs(
        lines(`Срок действия авторизации платежа по заказу № ${d.orderId} истёк до того, как деньги были списаны, поэтому заказ пока не оплачен.`, when(d.amount, (a) => `Сумма: ${a}`)),
        'Деньги с вашего счёта не списывались. Чтобы получить заказ, пожалуйста, оплатите его снова — той же картой или другим способом.',
      ),
    }),
    order_canceled: (d) => ({
      subject: `Заказ № ${d.orderId} отменён`,
      text: paragraphs(
        lines(`Ваш заказ № ${d.orderId} отменён.`, when(d.reason, (r) => `Причина: ${r}`)),
        `Если вы уже оплатили заказ, мы вернём деньги. ${reply}`,
      ),
    }),
    order_expired: (d) => ({
      subject: `Заказ № ${d.orderId} отменён: оплата не поступила`,
      text: `Оплата заказа № ${d.orderId} не поступила в установленный срок, поэтому заказ отменён. Если товары вам всё ещё нужны, будем рады новому заказу.`,
    }),
    order_backordered: (d) => ({
      subject: `Часть товаров из заказа № ${d.orderId} ожидает поступления на склад`,
      text: paragraphs(
        `Некоторых товаров из вашего заказа № ${d.orderId} сейчас нет на складе — мы уже заказали их у поставщика.${when(d.expectedAt, (e) => ` Ожидаем поступления к ${e}`)}`,
        'Мы отправим заказ, как только товары поступят, и будем держать вас в курсе. Спасибо за терпение!',
      ),
    }),
    order_delayed: (d) => ({
      subject: `Заказ № ${d.orderId} задерживается`,
      text: paragraphs(
        lines(
          `Приносим извинения: доставка заказа № ${d.orderId} займёт больше времени, чем планировалось.`,
          when(d.reason, (r) => `Причина: ${r}`),
          when(d.expectedAt, (e) => `Новая ориентировочная дата доставки: ${e}`),
        ),
        'Мы делаем всё возможное, чтобы вы получили заказ как можно скорее. Спасибо за терпение!',
      ),
    }),
    order_on_hold: (d) => ({
      subject: `Заказ № ${d.orderId} приостановлен`,
      text: paragraphs(
        lines(`Заказ № ${d.orderId} приостановлен.`, when(d.reason, (r) => `Причина: ${r}`)),
        'Проверьте заказ и либо возобновите его обработку, либо отмените его.',
      ),
    }),
    shipment_shipped: (d) => ({
      subject: `Заказ № ${d.orderId} отправлен`,
      text: paragraphs(
        `Ваш заказ отправлен${when(d.carrier, (c) => ` службой доставки ${carrierName(c)}`)}.`,
        lines(
          when(d.trackingNumber, (t) => `Трек-номер: ${t}`),
          when(d.trackingUrl, (u) => `Отследить посылку: ${u}`),
          when(d.estimatedDelivery, (e) => `Ориентировочная дата доставки: ${e}`),
        ),
      ),
    }),
    shipment_out_for_delivery: (d) => ({
      subject: `Заказ № ${d.orderId} будет доставлен сегодня`,
      text: paragraphs(
        'Курьер уже в пути и доставит ваш заказ сегодня.',
        when(d.codAmount, (c) => `Пожалуйста, подготовьте ${c} наличными для оплаты курьеру.`),
        when(d.trackingUrl, (u) => `Отследить посылку: ${u}`),
      ),
    }),
    delivery_attempt_failed: (d) => ({
      subject: `Не удалось доставить заказ № ${d.orderId}`,
      text: paragraphs(
        `К сожалению, курьеру не удалось вручить вам посылку${when(d.attempts, (a) => ` (уже ${a})`)}.`,
        `Пожалуйста, свяжитесь с нами${when(d.carrier, (c) => ` или со службой доставки ${carrierName(c)}`)}, чтобы договориться о новом времени доставки.`,
        when(d.trackingUrl, (u) => `Отследить посылку: ${u}`),
      ),
    }),
    ready_for_pickup: (d) => ({
      subject: `Заказ № ${d.orderId} ждёт вас в пункте выдачи`,
      text: paragraphs(
        `Ваш заказ доставлен в пункт выдачи, и его уже можно забрать. При получении назовите номер заказа: ${d.orderId}.`,
        when(d.pickupAmount, (a) => `Оплата при получении: ${a}.`),
      ),
    }),
    shipment_delivered: (d) => ({
      subject: `Заказ № ${d.orderId} доставлен`,
      text: paragraphs(
        'Ваш заказ доставлен. Надеемся, покупка вам понравится!',
        'Если с заказом что-то не так, просто ответьте на это сообщение — мы обязательно поможем.',
      ),
    }),
    shipment_lost: (d) => ({
      subject: `Посылка с заказом № ${d.orderId} утеряна`,
      text: paragraphs(
        `Служба доставки${when(d.carrier, (c) => ` ${carrierName(c)}`)} сообщила нам, что посылка с вашим заказом утеряна. Приносим искренние извинения.`,
        'В ближайшее время мы свяжемся с вами, чтобы отправить заказ повторно или вернуть деньги.',
      ),
    }),
    shipment_returned_to_sender: (d) => ({
      subject: `Посылка с заказом № ${d.orderId} вернулась к нам`,
      text: 'Посылку не удалось доставить, и она вернулась в магазин. Пожалуйста, свяжитесь с нами, чтобы договориться о повторной отправке или возврате денег.',
    }),
    return_requested: (d) => ({
      subject: `Заявка на возврат по заказу № ${d.orderId} получена`,
      text: paragraphs(
        lines(`Мы получили вашу заявку на возврат товаров из заказа № ${d.orderId}.`, when(d.reason, (r) => `Причина возврата: ${r}`)),
        'Мы рассмотрим её и скоро сообщим о решении.',
      ),
    }),
    claim_opened: (d) => ({
      subject: `Ваше обращение по заказу № ${d.orderId} получено`,
      text: paragraphs(
        lines(`Спасибо, что сообщили о проблеме с заказом № ${d.orderId}.`, when(d.reason, (r) => `Проблема: ${r}`)),
        'Служба поддержки разберётся и свяжется с вами в ближайшее время.',
      ),
    }),
    return_approved: (d) => ({
      subject: `Возврат по заказу № ${d.orderId} одобрен`,
      text: `Ваша заявка на возврат по заказу № ${d.orderId} одобрена. Дальнейшие инструкции пришлём в ближайшее время.`,
    }),
    return_label_issued: (d) => ({
      subject: `Этикетка для возврата по заказу № ${d.orderId}`,
      text: paragraphs(
        lines('Этикетка для отправки возврата готова.', when(d.labelUrl, (u) => `Распечатать этикетку: ${u}`)),
        `Пожалуйста, надёжно упакуйте товары, наклейте этикетку на посылку и передайте её в службу доставки${when(d.carrier, (c) => ` ${carrierName(c)}`)}.`,
        when(d.trackingNumber, (t) => `Трек-номер: ${t}`),
      ),
    }),
    return_declined: (d) => ({
      subject: `Ответ на заявку на возврат по заказу № ${d.orderId}`,
      text: paragraphs(lines(`К сожалению, мы не можем принять возврат по заказу № ${d.orderId}.`, when(d.reason, (r) => `Причина: ${r}`)), reply),
    }),
    return_received: (d) => ({
      subject: `Возвращённые товары по заказу № ${d.orderId} получены`,
      text: 'Мы получили возвращённые вами товары. После проверки сообщим результат в течение нескольких дней.',
    }),
    return_resolved: (d) => ({
      subject: `Возврат по заказу № ${d.orderId} завершён`,
      text: lines(
        `Мы завершили обработку возврата по заказу № ${d.orderId}.`,
        when(d.resolution, (r) => `Решение: ${r}`),
        when(d.amount, (a) => `Сумма: ${a}`),
      ),
    }),
    return_rejected: (d) => ({
      subject: `Результат проверки возврата по заказу № ${d.orderId}`,
      text: paragraphs('Мы проверили возвращённые товары и, к сожалению, не можем их принять. Мы отправим их вам обратно.', reply),
    }),
    refund_issued: (d) => ({
      subject: `Возврат денег по заказу № ${d.orderId}`,
      text: paragraphs(
        `Мы вернули вам ${d.amount ?? 'деньги'} по заказу № ${d.orderId}.`,
        'В зависимости от банка деньги поступят на счёт в течение нескольких рабочих дней.',
      ),
    }),
    refund_failed: (d) => ({
      subject: `Не удалось вернуть деньги по заказу № ${d.orderId}`,
      text: paragraphs(`Платёжный провайдер не смог выполнить возврат ${paymentOf(d)}.`, 'Проверьте платёж и повторите возврат.'),
    }),
    dispute_opened: (d) => ({
      subject: `Открыт спор по оплате заказа № ${d.orderId}`,
      text: paragraphs(
        lines(`Банк покупателя открыл спор (чарджбэк) ${paymentOf(d)}.`, when(d.amount, (a) => `Сумма: ${a}`)),
        'Предоставьте подтверждающие документы в личном кабинете платёжного провайдера.',
      ),
    }),
    invoice_available: (d) => ({
      subject: `Счёт${when(d.invoiceNumber, (n) => ` № ${n}`)} по заказу № ${d.orderId}`,
      text: lines(`Счёт${when(d.invoiceNumber, (n) => ` № ${n}`)} по заказу № ${d.orderId} готов.`, when(d.invoiceUrl, (u) => `Скачать счёт: ${u}`)),
    }),
    feedback_request: (d) => ({
      subject: 'Как вам заказ?',
      text: `Надеемся, вам понравился заказ № ${d.orderId}. Поделитесь, пожалуйста, впечатлениями: просто ответьте на это сообщение. Ваш отзыв помогает нам становиться лучше.`,
    }),
  },
  words,
} satisfies Messages;
