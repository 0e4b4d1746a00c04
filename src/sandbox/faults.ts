// Fault injection: a rule matches requests by method and path pattern and, for its next N matches,
// answers with a status (and headers/body), resets the connection, delays, sends a malformed body, or
// reads the request and never answers. A `tls` rule matches connections, not requests (the handshake
// comes before the path): the next N connections are offered a certificate no client trusts.

export type FaultKind = 'status' | 'reset' | 'slow' | 'malformed' | 'noAnswer' | 'tls';

export const FAULT_KINDS: readonly FaultKind[] = ['status', 'reset', 'slow', 'malformed', 'noAnswer', 'tls'];

export interface FaultRule {
  id: number;
  method?: string;
  pathPattern: string;
  kind: FaultKind;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  /** Matches left; undefined means every matching request. */
  times?: number;
}

export class FaultTable {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(rule: Omit<FaultRule, 'id'>): FaultRule {
    new RegExp(rule.pathPattern); // throws on a bad pattern before anything is stored
    const stored = { ...rule, id: this.nextId++ };
    this.rules.push(stored);
    return stored;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Consumes one use of the first request rule matching this request. */
  take(method: string, path: string): FaultRule | undefined {
    return this.consume(this.rules.find((r) => r.kind !== 'tls' && (!r.method || r.method.toUpperCase() === method) && new RegExp(r.pathPattern, 'i').test(path)));
  }

  /** Consumes one use of the first `tls` rule, for a connection being accepted. */
  takeConnection(): FaultRule | undefined {
    return this.consume(this.rules.find((r) => r.kind === 'tls'));
  }

  private consume(rule: FaultRule | undefined): FaultRule | undefined {
    if (!rule) return undefined;
    if (rule.times !== undefined) {
      rule.times--;
      if (rule.times <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return { ...rule };
  }
}
