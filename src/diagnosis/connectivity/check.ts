// The connectivity check of a registry: for the login server and every data endpoint, resolve with
// the live DNS check's resolver, then probe (probe.ts). Hosts are probed a few at a time; the check
// ends when every probe has (each step has its own timeout).
import * as l10n from '@vscode/l10n';
import type { ResourceId, Snapshot } from '../../model/types';
import { dataEndpointsOf } from '../allowList';
import { registryContext } from '../context';
import { resolveLive, type LiveResolver } from '../liveResolution';
import { normalizeFqdn } from '../names';
import { probeHost, type ProbeOptions } from './probe';
import type { ConnectivityReport, HostConnectivity, HostRole } from './types';

export interface ConnectivityHost {
  host: string;
  role: HostRole;
}

/**
 * The names a client uses, all public: the login server and each data endpoint (Azure's list, every
 * region's, and every name the endpoints' NICs serve). Never a privatelink name: the certificate does
 * not cover it, so no client uses it.
 */
export function connectivityHosts(snapshot: Snapshot, registryId: ResourceId): ConnectivityHost[] {
  const ctx = registryContext(snapshot, registryId);
  const dataEndpoints = dataEndpointsOf(snapshot, registryId);
  if (!ctx || !dataEndpoints) return [];
  const loginServer = ctx.names.loginServer;
  const data = new Set(dataEndpoints);
  for (const e of ctx.expected) if (e.fqdn !== loginServer) data.add(normalizeFqdn(e.fqdn));
  return [{ host: loginServer, role: 'loginServer' }, ...[...data].sort().map((host) => ({ host, role: 'dataEndpoint' as const }))];
}

export interface ConnectivityOptions extends ProbeOptions {
  resolver: LiveResolver;
  /** How long the resolve step may take per name; default 5 s. */
  resolveTimeoutMs?: number;
}

const probesAtOnce = 4;

function abortError(): Error {
  return Object.assign(new Error(l10n.t('The operation was aborted.')), { name: 'AbortError' });
}

export async function checkConnectivity(hosts: readonly ConnectivityHost[], options: ConnectivityOptions): Promise<ConnectivityReport> {
  const now = options.now ?? (() => new Date());
  const checkedAt = now().toISOString();
  const results = new Array<HostConnectivity>(hosts.length);
  let next = 0;
  const resolveMs = options.resolveTimeoutMs ?? 5000;
  const worker = async (): Promise<void> => {
    while (next < hosts.length && !options.signal?.aborted) {
      const i = next++;
      const { host, role } = hosts[i]!;
      const resolved = await resolveLive(options.resolver, host, now, {
        ms: resolveMs,
        message: l10n.t('No answer within {0} s, the time allowed for resolving before connecting.', resolveMs / 1000),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      results[i] = await probeHost(host, role, resolved, options);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(probesAtOnce, hosts.length) }, worker));
  } finally {
    options.resolver.cancel?.();
  }
  if (options.signal?.aborted) throw abortError();
  return { checkedAt, mode: options.dialer.mode, dnsServer: options.resolver.server, results };
}
