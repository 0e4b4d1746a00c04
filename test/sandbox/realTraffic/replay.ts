// Replays one recording against a sandbox that starts from the recording's world: every request in
// the recorded order, with the same method, path, api-version, body and preconditions. What Azure
// generated (connection and NIC names, etags, operation URLs) is learned from each pair of answers and
// substituted in the requests after it, so a later request names what the sandbox created. Each
// answer is compared with Azure's: status, the long-running-operation headers, the etag header, the body.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../../../src/sandbox';
import { saveState } from '../../../src/sandbox/state';
import { arm, type RawResponse } from '../helpers';
import type { Cassette, Exchange } from './cassettes';
import { bodyDifferences, etagFormat, idTemplate, sharedValues, stringKind } from './compare';
import { worldOf } from './world';

export type Verdict = 'identical' | 'allowed' | 'failure' | 'not served';

export interface ExchangeResult {
  exchange: Exchange;
  verdict: Verdict;
  /** Every difference found (for `allowed`, each matched an allow-list entry). */
  differences: string[];
  /** Why the exchange was not replayed, or which allow-list reasons applied. */
  notes: string[];
}

export interface AllowEntry {
  /** Regular expressions; an absent one matches anything. */
  file?: string;
  method?: string;
  path?: string;
  difference: string;
  reason: string;
}

export interface NotServedEntry {
  file?: string;
  method?: string;
  path?: string;
  apiVersion?: string;
  body?: string;
  reason: string;
}

const POLL = /\/(?:operations|operationStatuses|operationResults|privateDnsOperationStatuses|privateDnsOperationResults)\/[^/]+$/i;
const LRO_HEADERS = ['azure-asyncoperation', 'location'] as const;

const matches = (pattern: string | undefined, value: string): boolean => pattern === undefined || new RegExp(pattern, 'i').test(value);

/** What Azure generated, as the sandbox generated it: id segments, etags, operation URLs. */
class Substitutions {
  private readonly segments = new Map<string, string>();
  private readonly etags = new Map<string, string>();
  private readonly urls = new Map<string, string>();

  learn(recorded: unknown, actual: unknown, key = ''): void {
    if (typeof recorded === 'string' && typeof actual === 'string') {
      if (key === 'etag') this.etags.set(recorded, actual);
      else if (stringKind(key, recorded).startsWith('id ') && idTemplate(recorded) === idTemplate(actual)) {
        const r = recorded.split('/');
        const a = actual.split('/');
        r.forEach((seg, i) => {
          const other = a[i];
          // First pairing wins, one to one: a later, differently ordered list cannot cross two names.
          if (other === undefined || seg.toLowerCase() === other.toLowerCase() || this.segments.has(seg.toLowerCase()) || [...this.segments.values()].includes(other)) return;
          this.segments.set(seg.toLowerCase(), other);
        });
      }
      return;
    }
    if (Array.isArray(recorded) && Array.isArray(actual)) {
      // Pair each recorded item with the answer's item that shares most of its values (lists need not be in Azure's order).
      const free = [...actual];
      for (const r of recorded) {
        const best = free.reduce<{ item: unknown; score: number } | undefined>((acc, a) => {
          const score = sharedValues(r, a);
          return !acc || score > acc.score ? { item: a, score } : acc;
        }, undefined);
        if (!best) break;
        free.splice(free.indexOf(best.item), 1);
        this.learn(r, best.item, key);
      }
      return;
    }
    if (recorded && actual && typeof recorded === 'object' && typeof actual === 'object') {
      for (const [k, v] of Object.entries(recorded)) this.learn(v, (actual as Record<string, unknown>)[k], k);
    }
  }

  learnHeaders(ex: Exchange, res: RawResponse): void {
    for (const h of LRO_HEADERS) {
      const recorded = ex.responseHeaders[h];
      const actual = header(res, h);
      if (recorded && actual) this.urls.set(new URL(recorded).pathname.toLowerCase(), actual);
    }
    const etag = header(res, 'etag');
    if (ex.responseHeaders['etag'] && etag) this.etags.set(ex.responseHeaders['etag'], etag);
  }

  pollUrl(recordedPath: string): string | undefined {
    return this.urls.get(recordedPath.toLowerCase());
  }

  path(p: string): string {
    return p
      .split('/')
      .map((seg) => this.segments.get(seg.toLowerCase()) ?? seg)
      .join('/');
  }

  etag(v: string): string {
    return this.etags.get(v) ?? v;
  }

  body(v: unknown, key = ''): unknown {
    if (typeof v === 'string') return key === 'etag' ? this.etag(v) : stringKind(key, v).startsWith('id ') ? this.path(v) : v;
    if (Array.isArray(v)) return v.map((x) => this.body(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.body(x, k)]));
    return v;
  }
}

function header(res: RawResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function responseDifferences(ex: Exchange, res: RawResponse): string[] {
  const out: string[] = [];
  if (res.status !== ex.status) out.push(`status ${res.status}, expected ${ex.status}`);
  for (const h of [...LRO_HEADERS, 'etag'] as const) {
    const recorded = ex.responseHeaders[h];
    const actual = header(res, h);
    if (recorded && !actual) out.push(`header ${h}: missing`);
    else if (!recorded && actual) out.push(`header ${h}: extra`);
    else if (recorded && actual) {
      const [e, a] = h === 'etag' ? [etagFormat(recorded), etagFormat(actual)] : [idTemplate(new URL(recorded).pathname), idTemplate(new URL(actual).pathname)];
      if (e !== a) out.push(`header ${h}: ${a}, expected ${e}`);
    }
  }
  const recordedEmpty = ex.responseBody === '';
  const actualEmpty = res.text === '';
  if (recordedEmpty && !actualEmpty) out.push('body: json, expected empty');
  else if (!recordedEmpty && actualEmpty) out.push('body: empty, expected json');
  else if (!recordedEmpty) out.push(...bodyDifferences(ex.responseBody, res.json ?? res.text));
  return out;
}

export async function replay(cassette: Cassette, allowed: readonly AllowEntry[], notServed: readonly NotServedEntry[]): Promise<ExchangeResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-replay-'));
  const stateFile = path.join(dir, 'state.json');
  saveState(stateFile, worldOf(cassette));
  const sb = await startSandbox({ stateFile });
  const subs = new Substitutions();
  const results: ExchangeResult[] = [];
  try {
    for (const ex of cassette.exchanges) {
      const skip = notServed.find((n) => matches(n.file, cassette.file) && matches(n.method, ex.method) && matches(n.path, ex.path) && matches(n.apiVersion, ex.apiVersion) && matches(n.body, JSON.stringify(ex.requestBody)));
      if (skip) {
        results.push({ exchange: ex, verdict: 'not served', differences: [], notes: [skip.reason] });
        continue;
      }
      let target: string;
      if (POLL.test(ex.path)) {
        const url = subs.pollUrl(ex.path);
        if (!url) {
          results.push({ exchange: ex, verdict: 'not served', differences: [], notes: ['a poll of an operation the sandbox was not asked to start'] });
          continue;
        }
        target = url;
      } else {
        target = `${subs.path(ex.path)}?${ex.query.toString()}`;
      }
      const headers: Record<string, string> = {};
      if (ex.requestHeaders['if-match']) headers['If-Match'] = subs.etag(ex.requestHeaders['if-match']);
      if (ex.requestHeaders['if-none-match']) headers['If-None-Match'] = ex.requestHeaders['if-none-match'];
      const body = ex.requestBody === '' ? undefined : subs.body(ex.requestBody);
      const res = await arm(sb, ex.method, target, body, headers);
      const code = (res.json as { error?: { code?: string } } | undefined)?.error?.code;
      if ((res.status === 404 && code === 'InvalidResourceType') || res.status === 405) {
        results.push({ exchange: ex, verdict: 'not served', differences: [], notes: [`the sandbox does not serve ${ex.method} on this path (${res.status})`] });
        continue;
      }
      const differences = responseDifferences(ex, res);
      subs.learnHeaders(ex, res);
      subs.learn(ex.responseBody, res.json);
      const reasons = new Set<string>();
      const unexplained = differences.filter((d) => {
        const entry = allowed.find((a) => matches(a.file, cassette.file) && matches(a.method, ex.method) && matches(a.path, ex.path) && new RegExp(a.difference).test(d));
        if (entry) reasons.add(entry.reason);
        return !entry;
      });
      const verdict: Verdict = differences.length === 0 ? 'identical' : unexplained.length === 0 ? 'allowed' : 'failure';
      results.push({ exchange: ex, verdict, differences: verdict === 'failure' ? unexplained : differences, notes: [...reasons] });
    }
  } finally {
    await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
