// Runs the example backend: node scripts/run-ts.mjs examples/http-backend/server.ts
// Storage is PostgreSQL when DATABASE_URL is set, else embedded PGlite (in memory). PORT picks the
// port (default 3000; 0 for any free one).
import { createConsoleNotifier, createOrderEngine, createOutboxRelay, type CommandName } from 'ordermachine';
import type { DemoTokens } from './authenticateDemoToken.js';
import { createShopServer } from './createShopServer.js';
import { openStorage } from './openStorage.js';

/** DEMO ONLY: fixed bearer tokens. Replace with your own sign-in. */
const DEMO_TOKENS: DemoTokens = {
  'demo-customer-sara': { kind: 'customer', id: 'sara' },
  'demo-customer-omid': { kind: 'customer', id: 'omid' },
  'demo-staff-clerk': { kind: 'staff', id: 'clerk-7' },
};

/** The host commands this demo does not run (a real shop calls its provider, warehouse, label service…). */
const UNHANDLED: readonly CommandName[] = [
  'reserve_stock', 'release_stock', 'capture_payment', 'void_payment', 'refund_payment', 'buy_label', 'issue_invoice', 'issue_store_credit', 'create_exchange_order',
];

const { storage, driver, close } = await openStorage(process.env.DATABASE_URL);
const engine = createOrderEngine({ storage });
const server = createShopServer({
  engine,
  tokens: DEMO_TOKENS,
  paymentWebhookSecret: process.env.PAYMENT_WEBHOOK_SECRET ?? 'demo-payment-secret',
  carrierWebhookSecret: process.env.CARRIER_WEBHOOK_SECRET ?? 'demo-carrier-secret',
});

// The worker half of the backend: fire due deadlines (expiry, reminders…) and deliver the outbox.
const relay = createOutboxRelay({ storage, notifier: createConsoleNotifier(), ignore: UNHANDLED });
const worker = setInterval(() => {
  engine
    .runDue()
    .then(() => relay.runOnce())
    .catch((error: unknown) => console.error('worker:', error));
}, 5_000);

server.listen(Number(process.env.PORT ?? 3000), () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : process.env.PORT;
  console.log(`order backend on http://localhost:${port} (storage: ${driver})`);
  console.log(`try: curl -H 'Authorization: Bearer demo-staff-clerk' http://localhost:${port}/orders/<id>`);
});

const shutdown = () => {
  clearInterval(worker);
  // Stop taking requests, finish the ones in flight, then close the database; the process then ends by itself.
  server.close(() => void close());
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
