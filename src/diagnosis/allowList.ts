// What a client-side proxy or firewall must allow for a registry: the REST endpoint (the login server)
// and the data endpoint of every region the registry serves from (pulls fetch layers from the nearest
// one). Every name comes from what Azure reports — the login server, `dataEndpointHostNames` and the
// endpoints' NIC FQDNs — so a registry with a domain-name-label scope gets its hashed names. Clients
// that reach the registry over its public endpoint need more when it has no dedicated data endpoints:
// the login server redirects them to the registry's storage (`*.blob.core.windows.net`).
import * as l10n from '@vscode/l10n';
import { dataEndpointHostName } from '../model/hostNames';
import type { Registry, Replication, ResourceId, Snapshot } from '../model/types';
import { registryEndpoints } from './endpoints';
import { isInZone, normalizeFqdn, registryHostNames } from './names';
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
  const data = new Set<string>();
  const regions = [registry.location, ...replications.filter((r) => r.registryId.toLowerCase() === registry.id.toLowerCase()).map((r) => r.location)];
  for (const region of regions) data.add(dataEndpointHostName(registry, region));
  // Azure's own lists win when they have more: regions whose replication we could not read.
  for (const host of registry.dataEndpointHostNames) data.add(normalizeFqdn(host));
  for (const fqdn of nicFqdns.map(normalizeFqdn)) {
    if (fqdn !== names.loginServer && isInZone(fqdn, names.suffix) && !isInZone(fqdn, names.zoneName)) data.add(fqdn);
  }
  const dataEndpoints = [...data];
  const hasPrivateEndpoints = registry.privateEndpointConnections.length > 0 || nicFqdns.length > 0;
  const { storageRedirect, notes } = publicClientNotes(registry, names.loginServer, hasPrivateEndpoints);
  return { restEndpoint: names.loginServer, dataEndpoints, hostNames: [names.loginServer, ...dataEndpoints], storageRedirect, notes };
}

/** The allow-list from a snapshot: the registry, its replications and the FQDNs its endpoints' NICs carry. */
export function allowListOf(snapshot: Snapshot, registryId: ResourceId): AllowList | undefined {
  const index = indexSnapshot(snapshot);
  const registry = index.registry(registryId);
  if (!registry) return undefined;
  const nicFqdns = registryEndpoints(snapshot, registry).flatMap((e) => [
    ...e.networkInterfaces.flatMap((nic) => nic.ipConfigurations.flatMap((ipc) => ipc.fqdns)),
    ...(e.endpoint?.customDnsConfigs ?? []).map((c) => c.fqdn),
  ]);
  return allowList(registry, index.replications(registry.id), nicFqdns);
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
