import * as z from 'zod';
import {
  ActorKind,
  DEFAULT_MACHINES,
  EVENT_DESCRIPTIONS,
  ORDER_EVENT_TYPES,
  OrderEvent,
  PAYMENT_EVENT_TYPES,
  REJECTION_REASONS,
  RETURN_EVENT_TYPES,
  SHIPMENT_EVENT_TYPES,
  buildTransitionIndex,
  type MachineKind,
  type OrderEventType,
} from '../../src/index.js';
import { RULE_REASONS } from '../../src/lifecycle/ruleReasons.js';

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/** A short, TypeScript-like rendering of a JSON schema. */
function render(s: JsonSchema): string {
  if (s.properties && 'amount' in s.properties && 'currency' in s.properties && Object.keys(s.properties).length === 2) return 'Money';
  if (s.enum) return s.enum.length > 30 ? 'ISO 4217 code' : s.enum.map((e) => `'${String(e)}'`).join(' \\| ');
  if (s.const !== undefined) return `'${String(s.const)}'`;
  if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf ?? []).map(render).join(' \\| ');
  if (s.type === 'array' && s.items) return `${render(s.items)}[]`;
  if (s.type === 'object' && s.properties) {
    const req = new Set(s.required ?? []);
    return `{ ${Object.entries(s.properties).map(([k, v]) => `${k}${req.has(k) ? '' : '?'}: ${render(v)}`).join('; ')} }`;
  }
  if (s.format === 'date-time') return 'ISO date-time';
  if (s.type === 'integer') return 'integer';
  return s.type ?? 'unknown';
}

const GROUPS: [MachineKind, string, readonly OrderEventType[], string][] = [
  ['order', 'Order events (cart, checkout, the order itself)', ORDER_EVENT_TYPES, 'the order'],
  ['payment', 'Payment events (address a payment with `paymentId`)', PAYMENT_EVENT_TYPES, 'a payment'],
  ['shipment', 'Shipment events (address a parcel with `shipmentId`)', SHIPMENT_EVENT_TYPES, 'a shipment'],
  ['return', 'Return and claim events (address one with `returnId`)', RETURN_EVENT_TYPES, 'a return or claim'],
];

/**
 * The event vocabulary, generated from the event schemas and the machines themselves: payload,
 * who may send each event, in which states, and why it may be refused there.
 */
export function eventVocabulary(): string {
  const out: string[] = [
    '# Event vocabulary',
    '',
    '<!-- Generated from src/model/events.ts, src/model/eventDescriptions.ts and the machines by',
    '     test/docs/events.test.ts (run `npm run docs:events` to refresh). Do not edit by hand. -->',
    '',
    'Every event is sent as `apply(order, event, { actor, now })` (or `engine.send(...)`). The actor',
    'is passed beside the event, never inside it. An event sent by an actor not listed is refused',
    'with `FORBIDDEN`; in a state not listed, with `REJECTED` / `NOT_ALLOWED_IN_STATE` (or',
    '`TERMINAL_STATE`); and when a listed condition fails, with `REJECTED` and the reason shown.',
    'Every refusal carries the events the actor may send instead.',
    '',
    `Actors: ${ActorKind.options.map((a) => `\`${a}\``).join(', ')}. Money is \`{ amount, currency }\`: integer minor units and an ISO 4217 code, in the order's currency.`,
    '',
  ];
  const schemas = new Map(OrderEvent.options.map((o) => [o.shape.type.value, o] as const));
  for (const [kind, title, types, addressed] of GROUPS) {
    const index = buildTransitionIndex(kind, DEFAULT_MACHINES[kind]);
    out.push(`## ${title}`, '');
    for (const type of types) {
      const schema = z.toJSONSchema(schemas.get(type) as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      const req = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {}).filter(([k]) => k !== 'type');
      const actors = new Set<string>();
      const states: string[] = [];
      for (const state of index.states) {
        const candidates = index.candidates(state, type);
        if (candidates.length === 0) continue;
        candidates.forEach((c) => c.actors?.forEach((a) => actors.add(a)));
        const reasons = [...new Set(candidates.flatMap((c) => c.guards.map((g) => g.info.reason).filter((r) => r !== null)))];
        const who = [...new Set(candidates.flatMap((c) => c.actors ?? []))];
        states.push(`\`${state}\` (${who.join(', ')}${reasons.length ? `; may be refused: ${reasons.map((r) => `\`${r}\``).join(', ')}` : ''})`);
      }
      out.push(`### \`${type}\``, '', EVENT_DESCRIPTIONS[type], '');
      out.push(`- **Addresses:** ${addressed}`);
      out.push(`- **Who may send it:** ${[...actors].map((a) => `\`${a}\``).join(', ')}`);
      out.push(`- **Accepted in:** ${states.join('; ')}`);
      const rules = RULE_REASONS[type];
      if (rules) out.push(`- **Also refused, in any of those states, when:** ${rules.map((r) => `${REJECTION_REASONS[r]} (\`${r}\`)`).join('; ')}`);
      if (fields.length === 0) out.push('- **Payload:** none besides `type`');
      else {
        out.push('- **Payload:**', '', '  | field | type | required |', '  | --- | --- | --- |');
        for (const [name, s] of fields) out.push(`  | \`${name}\` | ${render(s)} | ${req.has(name) ? 'yes' : 'no'} |`);
      }
      out.push('', `  Example: \`apply(order, { type: '${type}'${fields.filter(([k]) => req.has(k)).map(([k]) => `, ${k}: …`).join('')} }, { actor, now })\``, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
