// DNS fault injection: a rule matches queries by name pattern and, for its next N matches, answers
// late (`slow`), not at all (`noAnswer`: the server looks down), or with SERVFAIL (`servfail`).

export type DnsFaultKind = 'slow' | 'noAnswer' | 'servfail';

export const DNS_FAULT_KINDS: readonly DnsFaultKind[] = ['slow', 'noAnswer', 'servfail'];

export interface DnsFaultRule {
  id: number;
  kind: DnsFaultKind;
  /** A regular expression over the queried name (case-insensitive); absent matches every query. */
  namePattern?: string;
  /** For `slow`: how long the answer is held back; default 2000. */
  delayMs?: number;
  /** Matches left; undefined means every matching query. */
  times?: number;
}

export class DnsFaultTable {
  private rules: DnsFaultRule[] = [];
  private nextId = 1;

  add(rule: Omit<DnsFaultRule, 'id'>): DnsFaultRule {
    if (rule.namePattern !== undefined) new RegExp(rule.namePattern); // throws on a bad pattern before anything is stored
    const stored = { ...rule, id: this.nextId++ };
    this.rules.push(stored);
    return stored;
  }

  clear(): void {
    this.rules = [];
  }

  list(): DnsFaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Consumes one use of the first rule matching a query for `name`. */
  take(name: string): DnsFaultRule | undefined {
    const rule = this.rules.find((r) => r.namePattern === undefined || new RegExp(r.namePattern, 'i').test(name));
    if (!rule) return undefined;
    if (rule.times !== undefined) {
      rule.times--;
      if (rule.times <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return { ...rule };
  }
}
