// Browser-safe: DOM and the isomorphic core only.
import { MESSAGES, apply, customerStatus, formatMoney, statusLabel, type Actor, type OrderAggregate } from 'ordermachine';
import { PANEL_WORDS } from './actionLabels.js';
import { orderActions, panelLocale, type ActionEvent, type FieldValues, type OrderAction } from './actions.js';

/** How to mount the panel. */
export interface OrderPanelOptions {
  /** The order aggregate, as JSON from the backend. */
  readonly order: OrderAggregate;
  /** Who is looking. */
  readonly actor: Actor;
  /** The labels' language (`en`, `fa`, `ru`, `bn`); anything else, or nothing, means the customer's own. */
  readonly locale?: string | null;
  /** The time decisions are made at; default the browser's clock. */
  readonly now?: () => Date;
  /**
   * Called after a button's event was applied. This demo applies it locally with `apply`; a real
   * storefront posts the event to its backend here (e.g. `POST /orders/:id/events`) and shows
   * the order the backend answers with.
   */
  readonly onApplied?: (event: ActionEvent, order: OrderAggregate) => void;
}

/** The mounted panel. */
export interface OrderPanel {
  /** The order as the panel shows it now. */
  order(): OrderAggregate;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * Renders an order's status and the buttons `actor` may press, in the customer's language (right
 * to left for Persian), into `root`; pressing one applies its event with `apply` and renders again.
 * Buttons come from {@link orderActions}, i.e. from `allowedEvents` and `can` of the core.
 *
 * @param root - the element to render into (its content is replaced)
 * @param options - the order, the actor, and optionally the language, clock and a callback
 * @returns the panel
 * @example
 * ```ts
 * const order = await (await fetch('/api/orders/o-1')).json();
 * mountOrderPanel(document.getElementById('order')!, { order, actor: { kind: 'customer', id: 'c-1' } });
 * ```
 */
export function mountOrderPanel(root: HTMLElement, options: OrderPanelOptions): OrderPanel {
  const now = options.now ?? (() => new Date());
  let order = options.order;
  let message: { readonly kind: 'applied' | 'refused'; readonly text: string } | null = null;

  function press(action: OrderAction, form: HTMLElement): void {
    const locale = panelLocale(order, options.locale);
    const words = PANEL_WORDS[locale];
    const values: Record<string, string> = {};
    for (const field of action.fields) {
      const input = form.querySelector<HTMLInputElement>(`input[name="${field.name}"]`);
      const typed = input?.value.trim() ?? '';
      if (typed === '') {
        message = { kind: 'refused', text: words.required(field.label) };
        return render();
      }
      values[field.name] = typed;
    }
    const event = action.event(values as FieldValues);
    const result = apply(order, event, { actor: options.actor, now: now() });
    if (result.ok) {
      order = result.order;
      message = { kind: 'applied', text: words.applied(action.label) };
      options.onApplied?.(event, order);
    } else {
      // The order refused (someone else acted first, a field was wrong…): say so, change nothing.
      message = { kind: 'refused', text: `${words.refused} (${result.error.code === 'INVALID' ? result.error.issues.map((i) => i.path).join(', ') : result.error.reason})` };
    }
    render();
  }

  function render(): void {
    const locale = panelLocale(order, options.locale);
    const words = PANEL_WORDS[locale];
    const status = customerStatus(order);
    const total = order.order.context.totals?.total;
    const actions = orderActions(order, options.actor, { now: now(), locale });

    const list = element('div', { class: 'actions' });
    for (const action of actions) {
      const form = element('div', { class: 'action', 'data-event': action.type, 'data-target': action.target.id });
      for (const field of action.fields) {
        form.append(element('label', {}, field.label, ' ', element('input', { name: field.name, 'data-field': field.name, required: '' })));
      }
      const button = element('button', { type: 'button', 'data-event': action.type }, action.label);
      button.addEventListener('click', () => press(action, form));
      form.append(button);
      list.append(form);
    }
    if (actions.length === 0) list.append(element('p', { class: 'no-actions' }, words.noActions));

    const panel = element(
      'section',
      { class: 'order-panel', lang: locale, dir: MESSAGES[locale].dir, 'data-state': order.order.state, 'data-status': status },
      element('h2', {}, words.order(MESSAGES[locale].digits(order.id))),
      element('p', { class: 'status' }, `${words.status}: `, element('strong', { class: 'status-label' }, statusLabel(status, locale))),
      ...(total ? [element('p', { class: 'total' }, `${MESSAGES[locale].words.total}: ${formatMoney(total, MESSAGES[locale].intlLocale)}`)] : []),
      list,
      ...(message ? [element('p', { class: `message ${message.kind}`, role: 'status' }, message.text)] : []),
    );
    root.replaceChildren(panel);
  }

  render();
  return { order: () => order };
}
