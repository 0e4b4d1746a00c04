// What a real resolver answers, from this machine or a chosen DNS server. Failures (timeouts,
// SERVFAIL, REFUSED, nothing listening) are answers to report, never exceptions.
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
}

export function createLiveResolver(options: LiveResolverOptions = {}): LiveResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2000, tries: options.tries ?? 2 });
  const servers = (options.servers ?? []).filter((s) => s.trim() !== '');
  if (servers.length > 0) resolver.setServers(servers);
  return {
    server: servers.length > 0 ? servers.join(',') : 'system',
    querier: { resolve4: (h) => resolver.resolve4(h), resolveCname: (h) => resolver.resolveCname(h) },
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

export async function resolveLive(resolver: LiveResolver, fqdn: string, now: () => Date = () => new Date()): Promise<LiveAnswer> {
  const name = normalizeFqdn(fqdn);
  const started = performance.now();
  const checkedAt = now().toISOString();
  const [addresses, chain] = await Promise.all([
    resolver.querier.resolve4(name).then(
      (ips) => ({ ips }),
      (error: unknown) => ({ error }),
    ),
    followChain(resolver.querier, name),
  ]);
  const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
  const base = { fqdn: name, server: resolver.server, chain, elapsedMs, checkedAt };
  if ('ips' in addresses) {
    return { ...base, status: 'ok', addresses: addresses.ips, addressClass: classifyAddresses(addresses.ips) };
  }
  const code = codeOf(addresses.error);
  const message = addresses.error instanceof Error ? addresses.error.message : String(addresses.error);
  return { ...base, status: statusByCode[code] ?? 'error', addresses: [], addressClass: 'none', errorCode: code, message };
}

/** Resolves every name in parallel; a slow or dead server costs one timeout, not one per name. */
/** Queries in flight at once: a burst of hundreds of UDP queries gets dropped and reads as timeouts. */
export const liveQueryConcurrency = 16;

export async function resolveAllLive(resolver: LiveResolver, fqdns: string[], now?: () => Date): Promise<LiveAnswer[]> {
  const unique = [...new Set(fqdns.map(normalizeFqdn))];
  const answers: LiveAnswer[] = new Array<LiveAnswer>(unique.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const i = next++;
      answers[i] = await resolveLive(resolver, unique[i]!, now);
    }
  };
  await Promise.all(Array.from({ length: Math.min(liveQueryConcurrency, unique.length) }, worker));
  return answers;
}
