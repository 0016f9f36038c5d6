import type { IncomingMessage } from 'node:http';
import { Actor } from 'ordermachine';

/**
 * DEMO ONLY: bearer tokens looked up in a fixed table. How people sign in is the host's business
 * (sessions, OAuth, JWTs…); whatever you use, it ends in the same place: an `Actor` (`customer`
 * or `staff`, with an id) that the engine checks every event against. Payment providers and
 * carriers do not get tokens: their webhooks are authenticated by signature.
 */
export type DemoTokens = Readonly<Record<string, Actor>>;

/**
 * The actor behind `Authorization: Bearer <token>`, or `null` when the header is missing or the
 * token is unknown (answer 401). DEMO ONLY — a static token table stands in for real sign-in.
 *
 * @param req - the request
 * @param tokens - token → actor
 * @returns the authenticated actor, or `null`
 * @example
 * ```ts
 * const tokens: DemoTokens = { 'demo-staff-token': { kind: 'staff', id: 'clerk-7' } };
 * const actor = authenticateDemoToken(req, tokens); // { kind: 'staff', id: 'clerk-7' } or null
 * ```
 */
export function authenticateDemoToken(req: IncomingMessage, tokens: DemoTokens): Actor | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]{1,200})$/.exec(req.headers.authorization ?? '');
  const token = match?.[1];
  if (token === undefined || !Object.hasOwn(tokens, token)) return null;
  const actor = Actor.safeParse(tokens[token]);
  return actor.success ? actor.data : null;
}
