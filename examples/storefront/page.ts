// The browser entry of the demo page (bundled by createStorefrontServer.ts). Query parameters:
//   order=<url of the order JSON>  actor=customer:<id> | staff:<id>  locale=en|fa|ru|bn (optional)
import type { Actor, OrderAggregate } from 'ordermachine';
import { mountOrderPanel } from './mountOrderPanel.js';

/** `customer:c-1` → a customer; `staff:clerk-7` → a staff member. How a real page knows who is signed in is the host's business. */
function actorFrom(param: string | null): Actor {
  const [kind, id] = (param ?? 'customer:customer-1').split(':');
  return { kind: kind === 'staff' ? 'staff' : 'customer', id: id || 'customer-1' };
}

async function main(root: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const response = await fetch(new URL(params.get('order') ?? 'orders/bank-transfer.json', location.href).href);
  if (!response.ok) throw new Error(`could not load the order: HTTP ${response.status}`);
  const order = (await response.json()) as OrderAggregate;
  mountOrderPanel(root, { order, actor: actorFrom(params.get('actor')), locale: params.get('locale') });
}

const root = document.getElementById('app');
if (root) {
  main(root)
    .then(() => {
      document.body.dataset.ready = 'true';
    })
    .catch((error: unknown) => {
      root.textContent = error instanceof Error ? error.message : String(error);
      document.body.dataset.ready = 'error';
    });
}
