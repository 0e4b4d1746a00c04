// One full check of a registry for the status panel: the snapshot from the loaded details, live
// answers for every name a client needs, and the engine's report over both. No `vscode` import.
import type { Registry, Subscription } from '../model/types';
import type { RegistryDetails } from '../session/azureModule';
import { registrySnapshot } from '../azure/registrySnapshot';
import {
  allowListOf,
  askVnetDnsServers,
  buildCheckReport,
  checkConnectivity,
  connectivityBasis,
  connectivityFindings,
  connectivityHosts,
  createLiveResolver,
  directDialer,
  fetchSandboxListeners,
  fqdnTable,
  resolveAllLive,
  sandboxDialer,
  vnetDnsServersToAsk,
  type CheckReport,
  type ConnectivityReport,
  type LiveResolver,
} from '../diagnosis';
import type { Snapshot } from '../model/types';
import type { StoredConnectivity } from '../state/registryStore';
import { azureVnetDnsResolver, readSandboxDnsServers, sandboxVnetDnsResolver, type VnetDnsResolverFor } from '../common/vnetDnsServers';
import { CA_FILE_MAX_BYTES, readLimitedTextFile } from '../common/limitedFile';

/**
 * How the panel reaches a VNet's own DNS servers: by IP against Azure; against the sandbox, only the
 * loopback listeners it publishes for them (its CA read as every sandbox file is).
 */
export async function vnetDnsResolverFor(sandbox: { armEndpoint: string; caCertFile: string } | undefined): Promise<VnetDnsResolverFor> {
  if (!sandbox) return azureVnetDnsResolver;
  let ca: string | undefined;
  try {
    ca = sandbox.caCertFile ? readLimitedTextFile(sandbox.caCertFile, { what: 'the sandbox CA file', maxBytes: CA_FILE_MAX_BYTES }) : undefined;
  } catch {
    return () => undefined;
  }
  return sandboxVnetDnsResolver(await readSandboxDnsServers(sandbox.armEndpoint, ca));
}

export interface CompletedCheck {
  snapshot: Snapshot;
  report: CheckReport;
  /** `system` or the servers asked, as the live answers name them. */
  liveServer: string;
}

export async function checkRegistry(
  subscription: Subscription,
  registry: Registry,
  details: RegistryDetails,
  dnsServers: string[],
  resolver: LiveResolver = createLiveResolver({ servers: dnsServers }),
  connectivity?: ConnectivityReport,
  resolverForVnetServer?: VnetDnsResolverFor,
): Promise<CompletedCheck> {
  const snapshot = registrySnapshot(subscription, registry, details);
  // Every name a VNet needs, and every name a client outside it uses (REST and data endpoints).
  const names = new Set([
    ...fqdnTable(snapshot, registry.id).map((row) => row.fqdn),
    ...(allowListOf(snapshot, registry.id)?.hostNames ?? []),
  ]);
  // The VNets whose answer depends on their own DNS servers: those servers are asked at the same time.
  const toAsk = resolverForVnetServer ? vnetDnsServersToAsk(snapshot, registry.id) : [];
  const [live, serverAnswers] = await Promise.all([
    resolveAllLive(resolver, [...names]),
    toAsk.length > 0 && resolverForVnetServer ? askVnetDnsServers(toAsk, resolverForVnetServer) : Promise.resolve(undefined),
  ]);
  return { snapshot, report: buildCheckReport(snapshot, registry.id, live, undefined, connectivity, serverAnswers), liveServer: resolver.server };
}

export type ConnectivityTarget = { mode: 'direct' } | { mode: 'sandbox'; armEndpoint: string; caCertPem?: string };

/**
 * The connectivity check of a checked registry, from the machine the extension runs on: names
 * resolved as the live DNS check resolves them; in the sandbox only its loopback listeners dialed.
 */
export async function checkRegistryConnectivity(check: CompletedCheck, dnsServers: string[], target: ConnectivityTarget, signal?: AbortSignal): Promise<ConnectivityReport> {
  const resolver = createLiveResolver({ servers: dnsServers });
  const hosts = connectivityHosts(check.snapshot, check.report.registry.id);
  if (target.mode === 'direct') return checkConnectivity(hosts, { resolver, dialer: directDialer(), ...(signal ? { signal } : {}) });
  const listeners = await fetchSandboxListeners(target.armEndpoint, target.caCertPem);
  return checkConnectivity(hosts, { resolver, dialer: sandboxDialer(listeners), ...(target.caCertPem !== undefined ? { ca: target.caCertPem } : {}), ...(signal ? { signal } : {}) });
}

/**
 * A finished connectivity check as the registry store keeps it: the results, their findings, what they
 * rest on, and which of the store's reads brought the details it checked (`detailsRead`).
 */
export function storedConnectivity(check: CompletedCheck, report: ConnectivityReport, detailsRead?: number): StoredConnectivity {
  const registryId = check.report.registry.id;
  return { report, findings: connectivityFindings(check.snapshot, registryId, report), basis: connectivityBasis(check.snapshot, registryId), ...(detailsRead !== undefined ? { detailsRead } : {}) };
}
