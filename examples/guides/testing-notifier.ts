// Snippets of docs/guides/testing.md: a host's conformance test (vitest) for a notifier it wrote
// itself (createMessengerNotifier in testing-shop.ts). Run by test/docs/guides.test.ts.
// #region notifier
import { describeNotifierConformance } from 'ordermachine/testing';
import { afterEach, describe, it } from 'vitest';
import { createMessengerNotifier } from './testing-shop.js';
import { messengerProvider } from './testing-provider.js'; // a local HTTP server in the provider's place

describeNotifierConformance(
  { describe, it, afterEach },
  async () => {
    const provider = await messengerProvider(); // records what arrives; failNext(n) makes it answer 503
    const notifier = createMessengerNotifier({ url: provider.url, token: 'test-token' });
    return { notifier, received: provider.received, failNext: provider.failNext, teardown: provider.close };
  },
  { name: 'messenger', needs: 'phone' }, // it texts a phone number: a recipient without one must be refused
);
// #endregion notifier
