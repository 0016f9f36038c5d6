// Serves the storefront demo page: node scripts/run-ts.mjs examples/storefront/serve.ts  (PORT, default 8080)
import { createStorefrontServer } from './createStorefrontServer.js';
import { SAMPLE_ORDER_NAMES, sampleOrders } from './sampleOrders.js';

const server = await createStorefrontServer(sampleOrders(new Date()));
server.listen(Number(process.env.PORT ?? 8080), () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : process.env.PORT;
  console.log(`storefront demo on http://localhost:${port}/`);
  for (const name of SAMPLE_ORDER_NAMES) console.log(`  http://localhost:${port}/?order=orders/${name}.json&actor=customer:customer-1`);
  console.log(`  http://localhost:${port}/?order=orders/bank-transfer.json&actor=staff:clerk-7&locale=en`);
});
