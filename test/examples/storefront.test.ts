import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { isBuiltin } from 'node:module';
import type { AddressInfo } from 'node:net';
import { JSDOM } from 'jsdom';
import { statusLabel } from 'ordermachine';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_LABELS } from '../../examples/storefront/actionLabels.js';
import { bundleStorefront, createStorefrontServer } from '../../examples/storefront/createStorefrontServer.js';
import { sampleOrders } from '../../examples/storefront/sampleOrders.js';

// CI installs Debian's chromium; without it (a laptop) the same checks run in jsdom, and the title says so.
const CHROMIUM = process.env.STOREFRONT_CHROMIUM ?? '/usr/bin/chromium';
const useChromium = existsSync(CHROMIUM);
const where = useChromium ? 'in headless Chromium' : `in jsdom because ${CHROMIUM} is missing`;

/** What the page shows, read inside the page (the same script in Chromium and in jsdom). */
interface PanelState {
  readonly dir: string | null;
  readonly lang: string | null;
  readonly state: string | null;
  readonly status: string | null;
  readonly statusLabel: string | null;
  readonly buttons: readonly { readonly event: string; readonly text: string }[];
  readonly noActions: string | null;
  readonly message: string | null;
}

const READ_PANEL = `(() => {
  const panel = document.querySelector('.order-panel');
  const text = (selector) => panel?.querySelector(selector)?.textContent ?? null;
  return {
    dir: panel?.getAttribute('dir') ?? null,
    lang: panel?.getAttribute('lang') ?? null,
    state: panel?.getAttribute('data-state') ?? null,
    status: panel?.getAttribute('data-status') ?? null,
    statusLabel: text('.status-label'),
    buttons: [...(panel?.querySelectorAll('button[data-event]') ?? [])].map((b) => ({ event: b.getAttribute('data-event'), text: b.textContent })),
    noActions: text('.no-actions'),
    message: text('.message'),
  };
})()`;

/** Drives the page the same way in either engine. */
interface PageDriver {
  open(query: string): Promise<void>;
  panel(): Promise<PanelState>;
  fill(field: string, value: string): Promise<void>;
  click(event: string): Promise<void>;
  close(): Promise<void>;
}

async function chromiumDriver(base: string): Promise<PageDriver> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    async open(query) {
      await page.goto(`${base}/${query}`);
      await page.waitForSelector('body[data-ready]', { timeout: 10_000 });
      expect(await page.getAttribute('body', 'data-ready'), await page.textContent('main') ?? '').toBe('true');
      expect(errors).toEqual([]);
    },
    panel: () => page.evaluate(READ_PANEL) as Promise<PanelState>,
    fill: (field, value) => page.fill(`input[name="${field}"]`, value),
    click: (event) => page.click(`button[data-event="${event}"]`),
    close: () => browser.close(),
  };
}

async function jsdomDriver(base: string): Promise<PageDriver> {
  let dom: JSDOM | null = null;
  const window = () => {
    if (dom === null) throw new Error('open a page first');
    return dom.window;
  };
  return {
    async open(query) {
      dom?.window.close();
      dom = await JSDOM.fromURL(`${base}/${query}`, {
        runScripts: 'dangerously',
        resources: 'usable',
        pretendToBeVisual: true,
        // jsdom has no fetch; a browser has. The page asks for an absolute URL.
        beforeParse(w) {
          (w as unknown as { fetch: typeof fetch }).fetch = (input, init) => fetch(input, init);
        },
      });
      const body = dom.window.document.body;
      for (let waited = 0; body.dataset.ready === undefined && waited < 10_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      expect(body.dataset.ready, body.textContent ?? '').toBe('true');
    },
    panel: async () => window().eval(READ_PANEL) as PanelState,
    async fill(field, value) {
      const input = window().document.querySelector<HTMLInputElement>(`input[name="${field}"]`);
      if (!input) throw new Error(`no input ${field}`);
      input.value = value;
    },
    async click(event) {
      const button = window().document.querySelector<HTMLButtonElement>(`button[data-event="${event}"]`);
      if (!button) throw new Error(`no button ${event}`);
      button.click();
    },
    async close() {
      dom?.window.close();
    },
  };
}

const events = (panel: PanelState) => panel.buttons.map((b) => b.event);
const texts = (panel: PanelState) => panel.buttons.map((b) => b.text);
const page = (order: string, actor: string, locale?: string) => `?order=orders/${order}.json&actor=${actor}${locale ? `&locale=${locale}` : ''}`;

describe(`examples/storefront — the buttons a customer or staff member may press, ${where}`, () => {
  let server: Server;
  let driver: PageDriver;

  beforeAll(async () => {
    server = await createStorefrontServer(sampleOrders(new Date()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    driver = useChromium ? await chromiumDriver(base) : await jsdomDriver(base);
  }, 30_000);
  afterAll(async () => {
    await driver?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('the page bundles for the browser (esbuild, platform browser) with no Node built-in anywhere in its graph', async () => {
    const { code, imports } = await bundleStorefront();
    expect(imports.filter((path) => path.startsWith('node:') || isBuiltin(path))).toEqual([]);
    expect(imports.some((path) => path.endsWith('src/index.ts'))).toBe(true);
    expect(code).toContain('CONFIRM_BANK_TRANSFER');
  }, 30_000);

  it('a Persian customer waiting to pay by bank transfer sees only «لغو سفارش», right to left — never a button that marks the order paid', async () => {
    await driver.open(page('bank-transfer', 'customer:customer-1'));
    const panel = await driver.panel();
    expect(panel).toMatchObject({ dir: 'rtl', lang: 'fa', state: 'placed.awaiting_payment', status: 'awaiting_payment' });
    expect(panel.statusLabel).toBe('در انتظار پرداخت');
    expect(panel.buttons).toEqual([{ event: 'CANCEL_ORDER', text: 'لغو سفارش' }]);
    expect(events(panel)).not.toContain('CONFIRM_BANK_TRANSFER');
    expect(events(panel)).not.toContain('PAYMENT_CAPTURED');
  }, 20_000);

  it('staff see "Confirm bank transfer"; pressing it without a reference asks for one; with one, apply() confirms the order and the page re-renders', async () => {
    await driver.open(page('bank-transfer', 'staff:clerk-7', 'en'));
    const before = await driver.panel();
    expect(before).toMatchObject({ dir: 'ltr', lang: 'en', state: 'placed.awaiting_payment' });
    expect(texts(before)).toContain('Confirm bank transfer');

    await driver.click('CONFIRM_BANK_TRANSFER');
    const unfilled = await driver.panel();
    expect(unfilled.message).toBe('Please fill in: Bank reference');
    expect(unfilled.state, 'nothing applied').toBe('placed.awaiting_payment');

    await driver.fill('reference', 'TRX-881');
    await driver.click('CONFIRM_BANK_TRANSFER');
    const after = await driver.panel();
    expect(after).toMatchObject({ state: 'placed.confirmed', status: 'processing', statusLabel: 'Processing', message: 'Done: Confirm bank transfer.' });
    expect(events(after)).not.toContain('CONFIRM_BANK_TRANSFER');
    expect(events(after)).toEqual(expect.arrayContaining(['STOCK_RESERVED', 'CREATE_SHIPMENT', 'CANCEL_ORDER']));
  }, 20_000);

  it('a customer may cancel while the parcel is being picked (Russian), but not once it is packed (English)', async () => {
    await driver.open(page('picking', 'customer:customer-1'));
    const picking = await driver.panel();
    expect(picking).toMatchObject({ lang: 'ru', dir: 'ltr', status: 'picking', statusLabel: statusLabel('picking', 'ru') });
    expect(picking.buttons).toContainEqual({ event: 'CANCEL_ORDER', text: 'Отменить заказ' });

    await driver.open(page('packed', 'customer:customer-1'));
    const packed = await driver.panel();
    expect(packed).toMatchObject({ lang: 'en', status: 'packing' });
    expect(events(packed)).not.toContain('CANCEL_ORDER');
    expect(texts(packed)).not.toContain('Cancel order');
  }, 20_000);

  it('pressing «لغو سفارش» cancels the order with apply(); the page shows the canceled status and no buttons are left', async () => {
    await driver.open(page('bank-transfer', 'customer:customer-1'));
    await driver.click('CANCEL_ORDER');
    const panel = await driver.panel();
    expect(panel).toMatchObject({ dir: 'rtl', state: 'canceled', status: 'canceled', statusLabel: statusLabel('canceled', 'fa'), message: `انجام شد: لغو سفارش.` });
    expect(panel.buttons).toEqual([]);
    expect(panel.noActions).toBe('در حال حاضر اقدامی لازم نیست.');
  }, 20_000);

  it('a Bengali customer with a delivered order may ask for a return; pressing it opens one and the page says so in Bengali', async () => {
    await driver.open(page('delivered', 'customer:customer-1'));
    const delivered = await driver.panel();
    expect(delivered).toMatchObject({ lang: 'bn', status: 'delivered', statusLabel: statusLabel('delivered', 'bn') });
    expect(delivered.buttons).toContainEqual({ event: 'REQUEST_RETURN', text: 'পণ্য ফেরতের অনুরোধ করুন' });
    expect(delivered.buttons).toContainEqual({ event: 'CONFIRM_RECEIPT', text: ACTION_LABELS.bn.CONFIRM_RECEIPT });
    expect(events(delivered)).not.toContain('CANCEL_ORDER');

    await driver.click('REQUEST_RETURN');
    const returning = await driver.panel();
    expect(returning).toMatchObject({ status: 'return_in_progress', statusLabel: statusLabel('return_in_progress', 'bn') });
    expect(events(returning)).toContain('CANCEL_RETURN');
    expect(events(returning)).not.toContain('REQUEST_RETURN');
  }, 20_000);
});
