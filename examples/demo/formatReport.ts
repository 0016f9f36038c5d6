import { formatMoney, MESSAGES, Money, TIMER_ACTOR, type Actor, type Locale } from 'ordermachine';
import type { DemoResult, ScenarioResult, TimelineEntry } from './runDemo.js';

// Text with right-to-left script (Persian) is wrapped in a Unicode isolate, so a terminal that
// does bidi shows it right to left without turning the columns around it; other terminals show it
// unchanged (the isolate characters have no width).
const FSI = '\u2068';
const PDI = '\u2069';
const RTL_SCRIPT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** Text isolated for bidi when it holds right-to-left script. */
const bidi = (text: string) => (RTL_SCRIPT.test(text) ? `${FSI}${text}${PDI}` : text);

/** Each right-to-left phrase inside left-to-right text isolated on its own. */
const bidiPhrases = (text: string) => text.replace(/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF][\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200c\s\p{N}]*/gu, (phrase) => {
  const trimmed = phrase.trimEnd();
  return `${FSI}${trimmed}${PDI}${phrase.slice(trimmed.length)}`;
});

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** `+1d 02:05`: time since the scenario started. */
function sinceStart(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `+${Math.floor(minutes / 1440)}d ${pad(Math.floor((minutes % 1440) / 60))}:${pad(minutes % 60)}`;
}

function who(actor: Actor | null, kind: TimelineEntry['kind']): string {
  if (kind === 'sweep') return 'timer';
  if (kind === 'warehouse') return 'warehouse';
  if (actor === null) return '';
  if (actor.kind === TIMER_ACTOR.kind && actor.id === TIMER_ACTOR.id) return 'timer';
  return `${actor.kind}:${actor.id}`;
}

/** The event type and what matters in it: a carrier status, a method, a reason, an amount, which parcel or payment. */
function eventText(entry: TimelineEntry, locale: Locale): string {
  if (entry.kind === 'sweep') return 'runDue — nothing due';
  if (entry.kind === 'warehouse') {
    const arrived = Object.entries((entry.event ?? {}) as Record<string, number>).map(([sku, n]) => `${sku} +${n}`);
    return `restock ${arrived.join(', ')} → reserved for the order`;
  }
  const e = (typeof entry.event === 'object' && entry.event !== null ? entry.event : {}) as Record<string, unknown>;
  const parts: string[] = [entry.kind === 'refused' ? `✗ ${entry.eventType}` : entry.eventType];
  for (const key of ['status', 'method', 'reason', 'resolution', 'outcome', 'warehouse'] as const) {
    const value = e[key];
    if (typeof value === 'string') parts.push(bidi(value));
  }
  const amount = Money.safeParse(e.amount ?? e.total);
  if (amount.success) parts.push(bidi(formatMoney(amount.data, MESSAGES[locale].intlLocale)));
  const cod = Money.safeParse(e.codCollected);
  if (cod.success) parts.push(`cash ${bidi(formatMoney(cod.data, MESSAGES[locale].intlLocale))}`);
  for (const key of ['shipmentId', 'paymentId', 'returnId'] as const) {
    const value = e[key];
    if (typeof value === 'string') parts.push(value);
  }
  return parts.join(' ');
}

function stateText(entry: TimelineEntry): string {
  if (entry.kind === 'refused') return `refused: ${entry.refusal ?? ''}`;
  if (entry.kind !== 'event') return '';
  const label = entry.statusLabel !== null ? `«${bidi(entry.statusLabel)}»` : '';
  return `${(entry.orderState ?? '').padEnd(25)} ${label}`;
}

/**
 * The progress line of a scenario: `[3/9] cash on delivery (seed 000, fa) … delivered ✓ 120 ms`.
 *
 * @param result - the scenario's result
 * @param total - how many scenarios run
 * @example
 * ```ts
 * import { formatProgress } from './formatReport.js';
 * import type { ScenarioResult } from './runDemo.js';
 * declare const result: ScenarioResult;
 * console.log(formatProgress(result, 9));
 * ```
 */
export function formatProgress(result: ScenarioResult, total: number): string {
  const ended = result.statuses?.customer ?? 'not created';
  return `[${result.index}/${total}] ${result.name} (seed ${result.seed}, ${result.locale}) … ${ended} ${result.ok ? '✓' : '✗'} ${result.ms} ms`;
}

/**
 * What went wrong in a scenario, one indented line each (nothing when it went as written).
 *
 * @param result - the scenario's result
 * @example
 * ```ts
 * import { formatProblems } from './formatReport.js';
 * import type { ScenarioResult } from './runDemo.js';
 * declare const result: ScenarioResult;
 * for (const line of formatProblems(result)) console.error(line);
 * ```
 */
export function formatProblems(result: ScenarioResult): string[] {
  return result.problems.map((p) => `      ✗ ${p}`);
}

/**
 * One order for people: its story, its timeline (time since the start, who, what, the state
 * after and the customer's status in their language), the messages it sent (channel, template,
 * subject and first line in the customer's language), the host commands and the stock.
 *
 * @param result - the scenario's result
 * @example
 * ```ts
 * import { formatOrder } from './formatReport.js';
 * import type { ScenarioResult } from './runDemo.js';
 * declare const result: ScenarioResult;
 * console.log(formatOrder(result).join('\n'));
 * ```
 */
export function formatOrder(result: ScenarioResult): string[] {
  const { locale } = result;
  const m = MESSAGES[locale];
  const customer = result.order?.order.context.customer?.name;
  const lines: string[] = [
    '',
    `━━ [${result.index}] ${result.name} — seed ${result.seed} — order ${result.orderId} — ${locale}${customer ? ` — ${bidi(customer)}` : ''} ━━`,
    `  ${bidiPhrases(result.story)}`,
    `  timeline, from ${bidi(m.formatDate(new Date(result.startAt)))}:`,
  ];
  for (const entry of result.timeline) {
    const event = eventText(entry, locale);
    lines.push(`    ${sinceStart(entry.sinceStart).padEnd(10)} ${who(entry.actor, entry.kind).padEnd(30)} ${event.padEnd(44)} ${stateText(entry)}`.trimEnd());
  }
  lines.push(`  notifications sent (${result.notifications.length}):`);
  for (const n of result.notifications) {
    const first = n.firstLine !== '' && n.firstLine !== n.subject ? ` — ${bidi(truncate(n.firstLine, 90))}` : '';
    lines.push(`    #${String(n.seq).padEnd(4)} ${n.channel.padEnd(6)} ${n.template.padEnd(27)} ${bidi(n.subject)}${first}`);
  }
  if (result.commands.length > 0) lines.push(`  host commands: ${result.commands.map((c) => `#${c.seq} ${c.command}`).join(', ')}`);
  lines.push(`  stock now: ${result.stock.map((s) => `${s.sku} ${s.onHand} on hand, ${s.reserved} reserved`).join('; ')}`);
  const s = result.statuses;
  const final = s === null ? 'no order' : `${s.order} · payment ${s.payment} · fulfilment ${s.fulfilment} · returns ${s.returns} · «${bidi(m.statusLabels[s.customer])}»`;
  lines.push(`  final: ${final} ${result.ok ? '✓' : '✗'}`);
  for (const p of formatProblems(result)) lines.push(p);
  return lines;
}

/**
 * The last lines: how many scenarios ended as expected, and how long the run took.
 *
 * @param demo - the whole run
 * @example
 * ```ts
 * import { formatSummary } from './formatReport.js';
 * import type { DemoResult } from './runDemo.js';
 * declare const demo: DemoResult;
 * console.log(formatSummary(demo).join('\n'));
 * ```
 */
export function formatSummary(demo: DemoResult): string[] {
  const passed = demo.scenarios.filter((s) => s.ok).length;
  const messages = demo.scenarios.reduce((n, s) => n + s.notifications.length, 0);
  return [
    '',
    `${passed}/${demo.scenarios.length} scenarios ended as expected; ${messages} messages sent; ${(demo.ms / 1000).toFixed(1)} s on embedded PostgreSQL (PGlite).`,
  ];
}
