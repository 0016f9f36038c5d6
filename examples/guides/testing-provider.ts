// The messenger provider's side for the notifier conformance test of docs/guides/testing.md
// (testing-notifier.ts); in an app, a test helper such as test/support/messengerProvider.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReceivedMessage } from 'ordermachine/testing';

/**
 * Stands in for the messenger provider in one test: a local HTTP server that takes
 * `POST /messages` with `{ to, text }`, records what arrived (with its `Idempotency-Key`), and
 * answers 503 to the next `count` requests after `failNext(count)`.
 *
 * @returns the provider's `url`, what it `received`, the `failNext` switch, and `close`
 */
export async function messengerProvider() {
  const received: ReceivedMessage[] = [];
  let refusing = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (refusing > 0) {
        refusing -= 1;
        return void response.writeHead(503).end('try again later');
      }
      const { to, text } = JSON.parse(body) as { to: string; text: string };
      received.push({ dedupeKey: String(request.headers['idempotency-key']), to, text });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: async () => [...received],
    failNext: (count: number) => void (refusing = count),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
