// Findings about the registry's host names as Azure reports them: records written under the bare
// resource name of a registry whose login server carries a domain-name-label hash (people following
// the documentation's `--name $REGISTRY_NAME` record commands), and clients outside the VNet sent to
// storage because the registry has no dedicated data endpoints.
import * as l10n from '@vscode/l10n';
import { storageHostPattern } from './allowList';
import type { RegistryContext } from './context';
import { registryRegions } from './expected';
import { findingKey, type Finding } from './finding';
import { normalizeFqdn } from './names';

/** Record sets named `<name>` or `<name>.<region>.data` in the privatelink zones, when the login server is `<name>-<hash>`. */
export function bareNameRecordFindings(ctx: RegistryContext): Finding[] {
  const { registry, names, snapshot } = ctx;
  const bare = registry.name.toLowerCase();
  if (bare === names.label) return [];
  // Another registry of the inventory may own the bare name (a name reused without the hash): its records are its own.
  if (snapshot.registries.some((r) => r.id.toLowerCase() !== registry.id.toLowerCase() && normalizeFqdn(r.loginServer).split('.')[0] === bare)) return [];
  const bareNames = new Set([bare, ...registryRegions(snapshot, registry).map((region) => `${bare}.${region}.data`)]);
  const zones = new Map(snapshot.privateDnsZones.filter((z) => normalizeFqdn(z.name) === names.zoneName).map((z) => [z.id.toLowerCase(), z]));
  return snapshot.aRecordSets.flatMap((record): Finding[] => {
    const zone = zones.get(record.privateDnsZoneId.toLowerCase());
    const name = record.name.toLowerCase();
    if (!zone || !bareNames.has(name)) return [];
    const hashed = `${names.label}${name.slice(bare.length)}`;
    return [
      {
        id: 'dns.record.bareName',
        key: findingKey('dns.record.bareName', `${name}.${names.suffix}`, zone.id),
        severity: 'warning',
        subject: `${name}.${names.suffix}`,
        registryId: registry.id,
        expected: hashed,
        actual: name,
        message: l10n.t(
          'Record set {0} in {1} ({2}) is named after {3}, but its login server is {4} (a domain name label scope), so its clients never ask for that name; its records are named {5}, and this one can be deleted unless another registry named {3} uses it.',
          name,
          zone.name,
          zone.resourceGroup,
          registry.name,
          names.loginServer,
          hashed,
        ),
      },
    ];
  });
}

/** Private link is set up, public access is on, and layers go to storage for every client outside the VNet. */
export function dataEndpointFindings(ctx: RegistryContext): Finding[] {
  const { registry, names } = ctx;
  if (ctx.endpoints.length === 0 || registry.publicNetworkAccess?.toLowerCase() !== 'enabled' || registry.dataEndpointEnabled !== false) return [];
  return [
    {
      id: 'registry.dedicatedDataEndpointsDisabled',
      key: findingKey('registry.dedicatedDataEndpointsDisabled', registry.id),
      severity: 'info',
      subject: registry.id,
      registryId: registry.id,
      expected: l10n.t('{0} (optional)', 'dataEndpointEnabled: true'),
      actual: 'dataEndpointEnabled: false',
      message: l10n.t(
        "Azure reports no dedicated data endpoints for {0}: a client outside the VNet that pulls from {1} can be redirected for layers to the registry's storage ({2}), which its firewall must then allow; run az acr update --name {0} --data-endpoint-enabled to serve them from {3} instead.",
        registry.name,
        names.loginServer,
        storageHostPattern,
        `${names.label}.<region>.data.${names.suffix}`,
      ),
    },
  ];
}
