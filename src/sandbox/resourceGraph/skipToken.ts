// Resource Graph's `$skipToken`: opaque to clients, here base64url JSON of the next offset, the page
// size and a fingerprint of the query and its subscriptions, so a token is refused with any other
// query or scope instead of silently paging through a different result.

import { createHash } from 'node:crypto';
import { invalidSkipToken } from './errors';

export interface SkipToken {
  /** Offset of the next page's first row. */
  offset: number;
  /** Page size the token was issued with (a later `$top` overrides it). */
  top: number;
}

/** What a token is bound to: the query text and the subscriptions as requested (absent: all of them). */
export function fingerprint(query: string, subscriptions: readonly string[] | undefined): string {
  const scope = subscriptions === undefined ? '*' : [...new Set(subscriptions.map((s) => s.toLowerCase()))].sort().join(',');
  return createHash('sha256').update(JSON.stringify([query, scope])).digest('base64url').slice(0, 22);
}

export function writeSkipToken(token: SkipToken, print: string): string {
  return Buffer.from(JSON.stringify({ o: token.offset, t: token.top, f: print })).toString('base64url');
}

export function readSkipToken(value: string, print: string): SkipToken {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalidSkipToken('it was not issued by this service.');
  }
  const t = decoded as { o?: unknown; t?: unknown; f?: unknown } | null;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (typeof t !== 'object' || t === null || !whole(t.o) || !whole(t.t) || t.t < 1 || typeof t.f !== 'string') {
    throw invalidSkipToken('it was not issued by this service.');
  }
  if (t.f !== print) throw invalidSkipToken('it belongs to a different query or set of subscriptions.');
  return { offset: t.o, top: t.t };
}
