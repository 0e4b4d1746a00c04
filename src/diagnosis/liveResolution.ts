// What a real resolver answers, from this machine or a chosen DNS server. Failures (timeouts,
// SERVFAIL, REFUSED, nothing listening) are answers to report, never exceptions.
import * as l10n from '@vscode/l10n';
import { Resolver } from 'node:dns/promises';
import { performance } from 'node:perf_hooks';
import { classifyAddresses, type AddressClass } from './ipClass';
import { normalizeFqdn } from './names';

/** The two queries the check needs; node:dns's Resolver has them, tests pass a fake. */
export interface DnsQuerier {
  resolve4(hostname: string): Promise<string[]>;
  resolveCname(hostname: string): Promise<string[]>;
}

export type LiveStatus = 'ok' | 'nxdomain' | 'nodata' | 'timeout' | 'servfail' | 'refused' | 'unreachable' | 'error';

export interface LiveAnswer {
  fqdn: string;
  /** `system` or the `host:port` asked. */
  server: string;
  status: LiveStatus;
  /** The original name, then each CNAME target in order. */
  chain: string[];
  addresses: string[];
  addressClass: AddressClass | 'mixed' | 'none';
  elapsedMs: number;
  checkedAt: string;
  /** The resolver's error code (ETIMEOUT, ESERVFAIL, …) when status is not ok. */
  errorCode?: string;
  message?: string;
}

export interface LiveResolverOptions {
  /** `host`, `host:port` or `[v6]:port`; empty or absent means the system's resolvers. */
  servers?: string[];
  /** Per attempt; a DNS server that does not answer must not hold a check for long. */
  timeoutMs?: number;
  tries?: number;
}

export interface LiveResolver {
  server: string;
  querier: DnsQuerier;
  /** Drops the queries still waiting (node:dns's `Resolver.cancel`). */
  cancel?(): void;
}

export function createLiveResolver(options: LiveResolverOptions = {}): LiveResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2000, tries: options.tries ?? 2 });
  const servers = (options.servers ?? []).filter((s) => s.trim() !== '');
  if (servers.length > 0) resolver.setServers(servers);
  return {
    server: servers.length > 0 ? servers.join(',') : 'system',
    querier: { resolve4: (h) => resolver.resolve4(h), resolveCname: (h) => resolver.resolveCname(h) },
    cancel: () => resolver.cancel(),
  };
}

/** `host:port` as typed by a person; rejects what node:dns would reject later with a vaguer message. */
export function parseDnsServer(text: string): string | undefined {
  const value = text.trim();
  const v6 = /^\[([0-9a-f:]+)\](?::(\d{1,5}))?$/i.exec(value);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(value);
  const match = v6 ?? v4;
  if (!match) return undefined;
  const port = match[2] === undefined ? 53 : Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  if (v4 && match[1]!.split('.').some((o) => Number(o) > 255)) return undefined;
  return value;
}

const statusByCode: Record<string, LiveStatus> = {
  ENOTFOUND: 'nxdomain',
  ENODATA: 'nodata',
  ETIMEOUT: 'timeout',
  ESERVFAIL: 'servfail',
  EREFUSED: 'refused',
  ECONNREFUSED: 'unreachable',
};

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'EUNKNOWN';
}

const maxChainLength = 8;

/** Follows the CNAME chain one query at a time, so each hop is visible even when the last one fails. */
async function followChain(querier: DnsQuerier, name: string): Promise<string[]> {
  const chain = [name];
  let current = name;
  for (let i = 0; i < maxChainLength; i++) {
    let targets: string[];
    try {
      targets = await querier.resolveCname(current);
    } catch {
      break; // no CNAME at this name (or no answer): the chain ends here
    }
    const next = targets[0];
    if (next === undefined) break;
    current = normalizeFqdn(next);
    if (chain.includes(current)) break;
    chain.push(current);
  }
  return chain;
}

/** A deadline for one name's queries: when it passes first, the answer is a timeout. */
interface Limit {
  ms: number;
  /** The deadline of the whole check passed (rather than a query's own timeout). */
  message: string;
  signal?: AbortSignal;
}

function timeoutAfter(limit: Limit | undefined): { promise: Promise<'expired'>; clear(): void } {
  if (limit === undefined) return { promise: new Promise<never>(() => undefined), clear: () => undefined };
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.max(0, limit.ms));
    // A cancelled check waits for nothing more.
    limit.signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve('expired');
    }, { once: true });
  });
  return { promise, clear: () => clearTimeout(timer) };
}

export async function resolveLive(resolver: LiveResolver, fqdn: string, now: () => Date = () => new Date(), limit?: Limit): Promise<LiveAnswer> {
  const name = normalizeFqdn(fqdn);
  const started = performance.now();
  const checkedAt = now().toISOString();
  const expiry = timeoutAfter(limit);
  const queries = Promise.all([
    resolver.querier.resolve4(name).then(
      (ips) => ({ ips }),
      (error: unknown) => ({ error }),
    ),
    followChain(resolver.querier, name),
  ]);
  const settled = await Promise.race([queries, expiry.promise]);
  expiry.clear();
  if (settled === 'expired') {
    const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
    return { fqdn: name, server: resolver.server, chain: [name], elapsedMs, checkedAt, status: 'timeout', addresses: [], addressClass: 'none', errorCode: 'ETIMEOUT', message: limit!.message };
  }
  const [addresses, chain] = settled;
  const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
  const base = { fqdn: name, server: resolver.server, chain, elapsedMs, checkedAt };
  // An answer without A records (an empty record set, a CNAME chain that ends nowhere) is NODATA, not an address.
  if ('ips' in addresses && addresses.ips.length === 0) return { ...base, status: 'nodata', addresses: [], addressClass: 'none', errorCode: 'ENODATA' };
  if ('ips' in addresses) {
    return { ...base, status: 'ok', addresses: addresses.ips, addressClass: classifyAddresses(addresses.ips) };
  }
  const code = codeOf(addresses.error);
  const message = addresses.error instanceof Error ? addresses.error.message : String(addresses.error);
  return { ...base, status: statusByCode[code] ?? 'error', addresses: [], addressClass: 'none', errorCode: code, message };
}

/** Queries in flight at once: a burst of hundreds of UDP queries gets dropped and reads as timeouts. */
export const liveQueryConcurrency = 16;

/** How long a whole live check may take by default: each query has its own timeout besides. */
export const defaultLiveDeadlineMs = 20_000;

export interface LiveCheckOptions {
  /** Names not answered within this many ms (from the start) are reported as timeouts; default 20 s. */
  deadlineMs?: number;
  /** Stops the check: it rejects with an AbortError. */
  signal?: AbortSignal;
}

function abortError(): Error {
  return Object.assign(new Error(l10n.t('The operation was aborted.')), { name: 'AbortError' });
}

/**
 * Resolves every name in parallel; a slow or dead server costs one timeout, not one per name, and the
 * whole check ends by its deadline whatever the server does.
 */
export async function resolveAllLive(resolver: LiveResolver, fqdns: string[], now?: () => Date, options: LiveCheckOptions = {}): Promise<LiveAnswer[]> {
  const { signal } = options;
  if (signal?.aborted) throw abortError();
  const unique = [...new Set(fqdns.map(normalizeFqdn))];
  const deadlineMs = options.deadlineMs ?? defaultLiveDeadlineMs;
  const deadline = performance.now() + deadlineMs;
  const message = l10n.t('No answer within {0}, the time allowed for the live DNS check.', deadlineMs < 1000 ? `${Math.round(deadlineMs)} ms` : `${Math.round(deadlineMs / 100) / 10} s`);
  const answers: LiveAnswer[] = new Array<LiveAnswer>(unique.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length && !signal?.aborted) {
      const i = next++;
      answers[i] = await resolveLive(resolver, unique[i]!, now, { ms: deadline - performance.now(), message, ...(signal ? { signal } : {}) });
    }
  };
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.min(liveQueryConcurrency, unique.length) }, worker)), aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // Queries still waiting for a server that never answered: nobody will read them.
    resolver.cancel?.();
  }
  return answers;
}
