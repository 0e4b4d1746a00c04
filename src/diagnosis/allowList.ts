// What a client-side proxy or firewall must allow for a registry: the REST endpoint (the login server)
// and the data endpoint of every region the registry serves from (pulls fetch layers from the nearest
// one). Every name comes from what Azure reports — the login server, `dataEndpointHostNames` and the
// endpoints' NIC FQDNs — so a registry with a domain-name-label scope gets its hashed names. Clients
// that reach the registry over its public endpoint need more when it has no dedicated data endpoints:
// the login server redirects them to the registry's storage (`*.blob.core.windows.net`).
import * as l10n from '@vscode/l10n';
import { sameId } from '../model/armId';
import { dataEndpointHostName } from '../model/hostNames';
import type { Registry, Replication, ResourceId, Snapshot } from '../model/types';
import { registryEndpoints } from './endpoints';
import { isInZone, normalizeFqdn, registryHostNames, type RegistryHostNames } from './names';
import { indexSnapshot } from './snapshotIndex';

/** Where a client that does not use a private endpoint fetches layers from. */
export const storageHostPattern = '*.blob.core.windows.net';

export interface AllowList {
  restEndpoint: string;
  dataEndpoints: string[];
  /** Both, REST first: what a copy button puts on the clipboard. */
  hostNames: string[];
  /**
   * Whether a client outside the VNet (over the public endpoint) can be redirected to storage for
   * layers: `true` when Azure says dedicated data endpoints are off and public network access is not
   * disabled, `undefined` when Azure's answer did not say.
   */
  storageRedirect: boolean | undefined;
  /** Sentences on who needs what beyond `hostNames`, as the panel, the report and the CLI print them. */
  notes: string[];
}

export function allowList(registry: Registry, replications: readonly Replication[], nicFqdns: readonly string[] = []): AllowList {
  const names = registryHostNames(registry);
  const dataEndpoints = dataEndpointHostNames(registry, names, replications, nicFqdns);
  const hasPrivateEndpoints = registry.privateEndpointConnections.length > 0 || nicFqdns.length > 0;
  const { storageRedirect, notes } = publicClientNotes(registry, names.loginServer, hasPrivateEndpoints);
  return { restEndpoint: names.loginServer, dataEndpoints, hostNames: [names.loginServer, ...dataEndpoints], storageRedirect, notes };
}

function dataEndpointHostNames(registry: Registry, names: RegistryHostNames, replications: readonly Replication[], nicFqdns: readonly string[]): string[] {
  const data = new Set<string>();
  data.add(dataEndpointHostName(registry, registry.location));
  for (const r of replications) if (sameId(r.registryId, registry.id)) data.add(dataEndpointHostName(registry, r.location));
  // Azure's own lists win when they have more: regions whose replication we could not read.
  for (const host of registry.dataEndpointHostNames) data.add(normalizeFqdn(host));
  for (const nicFqdn of nicFqdns) {
    const fqdn = normalizeFqdn(nicFqdn);
    if (fqdn !== names.loginServer && isInZone(fqdn, names.suffix) && !isInZone(fqdn, names.zoneName)) data.add(fqdn);
  }
  return [...data];
}

/** The FQDNs the registry's endpoints serve: their NICs' and their customDnsConfigs'. */
function endpointFqdns(snapshot: Snapshot, registry: Registry): string[] {
  const fqdns: string[] = [];
  for (const e of registryEndpoints(snapshot, registry)) {
    for (const nic of e.networkInterfaces) for (const ipc of nic.ipConfigurations) fqdns.push(...ipc.fqdns);
    for (const c of e.endpoint?.customDnsConfigs ?? []) fqdns.push(c.fqdn);
  }
  return fqdns;
}

/** The allow-list from a snapshot: the registry, its replications and the FQDNs its endpoints' NICs carry. */
export function allowListOf(snapshot: Snapshot, registryId: ResourceId): AllowList | undefined {
  const index = indexSnapshot(snapshot);
  const registry = index.registry(registryId);
  if (!registry) return undefined;
  return allowList(registry, index.replications(registry.id), endpointFqdns(snapshot, registry));
}

/** The `dataEndpoints` of `allowListOf`, without the notes for people (a connectivity check needs only the names). */
export function dataEndpointsOf(snapshot: Snapshot, registryId: ResourceId): string[] | undefined {
  const index = indexSnapshot(snapshot);
  const registry = index.registry(registryId);
  if (!registry) return undefined;
  return dataEndpointHostNames(registry, registryHostNames(registry), index.replications(registry.id), endpointFqdns(snapshot, registry));
}

/**
 * Microsoft Learn lists storage (`*.blob.core.windows.net`) as where layers come from for registries
 * without dedicated data endpoints or private endpoints, and says private endpoints turn dedicated
 * data endpoints on; Azure may still report `dataEndpointEnabled: false` for such a registry, so
 * with endpoints the redirect is said to be possible, not certain.
 */
function publicClientNotes(registry: Registry, loginServer: string, hasPrivateEndpoints: boolean): { storageRedirect: boolean | undefined; notes: string[] } {
  const access = registry.publicNetworkAccess?.toLowerCase();
  if (access === 'disabled') {
    return {
      storageRedirect: false,
      notes: [l10n.t('Public network access is disabled: only clients that resolve these names to a private endpoint (in its VNet, or forwarding to it) reach {0}.', loginServer)],
    };
  }
  if (registry.dataEndpointEnabled === true) {
    const listed = registry.dataEndpointHostNames.join(', ');
    return {
      storageRedirect: false,
      notes: [
        listed
          ? l10n.t('Dedicated data endpoints are enabled: a client outside the VNet fetches layers from the same data endpoints, as Azure lists them ({0}).', listed)
          : l10n.t('Dedicated data endpoints are enabled: a client outside the VNet fetches layers from the same data endpoints.'),
      ],
    };
  }
  if (registry.dataEndpointEnabled === false) {
    return {
      storageRedirect: true,
      notes: [
        hasPrivateEndpoints
          ? l10n.t(
              "Azure reports no dedicated data endpoints: a client outside the VNet that pulls from {0} over its public endpoint can be redirected for layers to the registry's storage ({1}), which these names do not cover; enable dedicated data endpoints (az acr update --name {2} --data-endpoint-enabled) to allow only the names above.",
              loginServer,
              storageHostPattern,
              registry.name,
            )
          : l10n.t(
              "Azure reports no dedicated data endpoints: a client outside the VNet that pulls from {0} over its public endpoint is redirected for layers to the registry's storage ({1}), which these names do not cover; enable dedicated data endpoints (az acr update --name {2} --data-endpoint-enabled) to allow only the names above.",
              loginServer,
              storageHostPattern,
              registry.name,
            ),
      ],
    };
  }
  return {
    storageRedirect: undefined,
    notes: [
      hasPrivateEndpoints
        ? l10n.t(
            "Azure's answer did not say whether dedicated data endpoints are enabled: without them, a client outside the VNet can be redirected for layers to {0}; if so, enable dedicated data endpoints (az acr update --name {1} --data-endpoint-enabled) to allow only the names above.",
            storageHostPattern,
            registry.name,
          )
        : l10n.t(
            "Azure's answer did not say whether dedicated data endpoints are enabled: without them, a client outside the VNet is redirected for layers to {0}; if so, enable dedicated data endpoints (az acr update --name {1} --data-endpoint-enabled) to allow only the names above.",
            storageHostPattern,
            registry.name,
          ),
    ],
  };
}
