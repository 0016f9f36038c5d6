import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { OrderAggregate } from 'ordermachine';

/** The browser bundle of the page, and every module path it pulled in (to prove none is a Node built-in). */
export interface StorefrontBundle {
  readonly code: string;
  readonly imports: readonly string[];
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Bundles `page.ts` (with `actions.ts`, `mountOrderPanel.ts` and the core of `ordermachine`) for
 * the browser with esbuild: `platform: 'browser'`, one classic script (IIFE). A Node built-in
 * anywhere in the graph fails the build.
 *
 * In this repository `ordermachine` is aliased to its sources; in your project, leave the alias
 * out and the package resolves from node_modules.
 *
 * @returns the bundled code and the import paths it resolved
 * @example
 * ```ts
 * const { code } = await bundleStorefront();
 * await writeFile('public/storefront.js', code);
 * ```
 */
export async function bundleStorefront(): Promise<StorefrontBundle> {
  const result = await build({
    entryPoints: [here('./page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    alias: { ordermachine: here('../../src/index.ts') },
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no output');
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  return { code, imports };
}

/**
 * A tiny static server for the demo page: `/` (index.html), `/storefront.js` (the bundle) and
 * `/orders/<name>.json` (the orders it can show — in a real shop, your backend's `GET /orders/:id`).
 *
 * @param orders - the orders to serve, by name
 * @returns an `http.Server`, not yet listening
 * @example
 * ```ts
 * const server = await createStorefrontServer({ 'o-1': order });
 * server.listen(8080); // open http://localhost:8080/?order=orders/o-1.json&actor=customer:c-1
 * ```
 */
export async function createStorefrontServer(orders: Readonly<Record<string, OrderAggregate>>): Promise<Server> {
  const [html, bundle] = await Promise.all([readFile(here('./index.html'), 'utf8'), bundleStorefront()]);
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const orderName = /^\/orders\/([\w-]+)\.json$/.exec(path)?.[1];
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (path === '/storefront.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle.code);
    } else if (orderName !== undefined && Object.hasOwn(orders, orderName)) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(orders[orderName]));
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
}
