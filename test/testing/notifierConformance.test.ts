import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleNotifier, createEmailNotifier, createMemoryNotifier, createSmsNotifier } from '../../src/index.js';
import { describeNotifierConformance, type NotifierFactory, type ReceivedMessage } from '../../src/testing.js';
import { createWebhookNotifier, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER, type WebhookNotificationBody } from '../../src/webhook.js';
import { runCollected } from '../support/runCollected.js';

const runner = { describe, it, afterEach };

// ── memory ──────────────────────────────────────────────────────────────────────────────────

describeNotifierConformance(
  runner,
  async () => {
    const notifier = createMemoryNotifier();
    return {
      notifier,
      received: async () => notifier.sent.map((d) => ({ dedupeKey: d.dedupeKey, to: null, text: d.message.text, subject: d.message.subject })),
      failNext: (count) => notifier.failNext(count, { error: 'memory channel: 503 Service Unavailable' }),
    };
  },
  { name: 'memory' },
);

// ── console: the printed blocks, captured ──────────────────────────────────────────────────────

describeNotifierConformance(
  runner,
  async () => {
    const blocks: string[] = [];
    let failing = 0;
    const notifier = createConsoleNotifier({
      clock: { now: () => new Date('2026-03-02T08:00:00.000Z') },
      write: (block) => {
        if (failing > 0) {
          failing -= 1;
          throw new Error('write EPIPE: the log stream is closed');
        }
        blocks.push(block);
      },
    });
    return {
      notifier,
      // The header line ends in "· <dedupeKey>"; the block shows the subject on its own line.
      received: async () =>
        blocks.map((block) => ({
          dedupeKey: block.split('\n')[0]?.split(' · ').at(-1) ?? null,
          to: null,
          text: block,
          subject: /\nsubject: (.*)\n/.exec(block)?.[1] ?? null,
        })),
      failNext: (count) => void (failing = count),
    };
  },
  { name: 'console' },
);

// ── SMS: a gateway function that records what it was handed ─────────────────────────────────

describeNotifierConformance(
  runner,
  async () => {
    const inbox: ReceivedMessage[] = [];
    let failing = 0;
    const notifier = createSmsNotifier({
      send: async (to, text, { dedupeKey }) => {
        if (failing > 0) {
          failing -= 1;
          throw new Error('SMS gateway: 503 Service Unavailable');
        }
        inbox.push({ dedupeKey, to, text });
      },
    });
    return { notifier, received: async () => [...inbox], failNext: (count) => void (failing = count) };
  },
  { name: 'sms', needs: 'phone', shortens: true },
);

// ── webhook: signed POSTs to a real local HTTP server ──────────────────────────────────────

const SECRET = 'whsec_conformance_0123456789';

describe('webhook notifier against a real node:http server', () => {
  let server: Server;
  let base: string;
  /** Per channel (a path each), what arrived and how many requests to refuse. */
  const channels = new Map<string, { received: ReceivedMessage[]; failing: number }>();
  let next = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const channel = channels.get(req.url ?? '');
        if (!channel) return void res.writeHead(404).end('no such hook');
        if (channel.failing > 0) {
          channel.failing -= 1;
          return void res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
        }
        const raw = Buffer.concat(chunks);
        if (!verifyWebhookSignature(raw, req.headers[WEBHOOK_SIGNATURE_HEADER], SECRET).ok) return void res.writeHead(401).end('bad signature');
        const body = JSON.parse(raw.toString('utf8')) as WebhookNotificationBody;
        const key = req.headers['idempotency-key'];
        channel.received.push({ dedupeKey: typeof key === 'string' ? key : null, to: null, text: body.message.text, subject: body.message.subject });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  const factory: NotifierFactory = async () => {
    next += 1;
    const path = `/hooks/${next}`;
    const channel = { received: [] as ReceivedMessage[], failing: 0 };
    channels.set(path, channel);
    const notifier = createWebhookNotifier({ url: `${base}${path}`, secret: SECRET, timeoutMs: 5_000 });
    return {
      notifier,
      received: async () => [...channel.received],
      failNext: (count) => void (channel.failing = count),
      teardown: async () => void channels.delete(path),
    };
  };

  describeNotifierConformance(runner, factory, { name: 'webhook' });
});

// ── e-mail: a real nodemailer transport to a real SMTP server (as test/adapters/notifiers/email.test.ts) ──

describe('email notifier through nodemailer to a real smtp-server', () => {
  let server: SMTPServer;
  let port: number;
  /** The inbox of the channel under test (tests run one after another), and how many messages it refuses. */
  let inbox: { received: ReceivedMessage[]; failing: number } | null = null;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (inbox && inbox.failing > 0) {
          inbox.failing -= 1;
          callback(Object.assign(new Error('Mailbox temporarily unavailable, try again later'), { responseCode: 451 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              // Message-ID <key@ordermachine>: the key, with every character that is not atext written as %XX.
              const id = /^<(.*)@ordermachine>$/.exec(mail.messageId ?? '')?.[1];
              for (const rcpt of session.envelope.rcptTo) {
                inbox?.received.push({ dedupeKey: id === undefined ? null : decodeURIComponent(id), to: rcpt.address, text: mail.text ?? '', subject: mail.subject ?? null });
              }
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const factory: NotifierFactory = async () => {
    const mine = { received: [] as ReceivedMessage[], failing: 0 };
    inbox = mine;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    return {
      notifier: createEmailNotifier({ transport, from: { name: 'Saffron House', address: 'orders@shop.example.test' } }),
      received: async () => [...mine.received],
      failNext: (count) => void (mine.failing = count),
      teardown: async () => {
        transport.close();
        if (inbox === mine) inbox = null;
      },
    };
  };

  describeNotifierConformance(runner, factory, { name: 'email (nodemailer → smtp-server)', needs: 'email' });
});

// ── the suite itself can fail: channels that break the contract are caught ──────────────────

/** Runs the suite with a runner that collects results instead of registering tests. */
const runSuite = (factory: NotifierFactory, options: Parameters<typeof describeNotifierConformance>[2] = {}) =>
  runCollected((runner) => describeNotifierConformance(runner, factory, options));

describe('describeNotifierConformance catches channels that break the contract', () => {
  it('a channel that swallows failures (resolves although nothing went out) fails the refusal and relay tests', async () => {
    const results = await runSuite(async () => {
      const inbox: ReceivedMessage[] = [];
      let failing = 0;
      return {
        notifier: {
          async send(delivery) {
            if (failing > 0) {
              failing -= 1;
              return; // "logged and ignored"
            }
            inbox.push({ dedupeKey: delivery.dedupeKey, to: null, text: delivery.message.text });
          },
        },
        received: async () => [...inbox],
        failNext: (count) => void (failing = count),
      };
    });
    const failed = [...results].filter(([, error]) => error !== null).map(([title]) => title);
    expect(failed).toEqual([
      'a refusal of the far end rejects with an Error the relay can record, nothing arrives, and the retry delivers',
      'through createOutboxRelay: a failed message is retried with backoff, then delivered and acknowledged',
    ]);
    expect(results.get(failed[0] as string)).toMatch(/send resolved, but the message did not go out/);
  });

  it('a channel that reverses right-to-left text, and one that drops dedupe keys and repeats, are caught with clear messages', async () => {
    const mangling = await runSuite(async () => {
      const inbox: ReceivedMessage[] = [];
      return {
        notifier: {
          async send(d) {
            const text = d.message.dir === 'rtl' ? [...d.message.text].reverse().join('') : d.message.text;
            inbox.push({ dedupeKey: d.dedupeKey, to: null, text });
          },
        },
        received: async () => [...inbox],
        failNext: () => undefined,
      };
    });
    expect(mangling.get('keeps Persian, right to left text exactly as rendered')).toMatch(/the text did not arrive intact/);
    expect(mangling.get('keeps Russian text exactly as rendered')).toBeNull();

    const keyless = await runSuite(async () => {
      const inbox: ReceivedMessage[] = [];
      return { notifier: { send: async (d) => void inbox.push({ dedupeKey: null, to: null, text: d.message.text }) }, received: async () => [...inbox], failNext: () => undefined };
    });
    expect(keyless.get('honours the dedupe key: a redelivery is accepted, and dropped or recognisable as a repeat')).toMatch(/arrived 2 times without its dedupe key/);
  });

  it('an e-mail channel that silently skips recipients without an address is caught', async () => {
    const results = await runSuite(
      async () => {
        const inbox: ReceivedMessage[] = [];
        return {
          notifier: {
            async send(d) {
              if (d.recipient.email === null) return;
              inbox.push({ dedupeKey: d.dedupeKey, to: d.recipient.email, text: d.message.text });
            },
          },
          received: async () => [...inbox],
          failNext: () => undefined,
        };
      },
      { needs: 'email' },
    );
    expect(results.get('refuses a recipient without an e-mail address, with an Error, and sends nothing')).toMatch(/send resolved/);
  });
});
