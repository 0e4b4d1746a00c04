// Which zones, records and zone groups concern a registry: the rules the loader filters and skips by.
import { sameId } from '../model/armId';
import { splitLoginServer } from '../model/hostNames';
import type { ARecordSet, LoadError, PrivateDnsZone, PrivateEndpoint, Registry, VirtualNetworkLink } from '../model/types';

const lower = (s: string): string => s.toLowerCase();

/** `azurecr.io` for `myregistry.azurecr.io` (`azurecr.us`, `azurecr.cn` in sovereign clouds). */
function registryDnsSuffix(registry: Registry): string {
  return splitLoginServer(registry.loginServer).suffix;
}

function registryLabel(registry: Registry): string {
  const server = lower(registry.loginServer || registry.name);
  return server.split('.')[0] ?? lower(registry.name);
}

/**
 * Whether `query` names the registry: its resource name, its login server, or the login server's
 * first label (`myregistry-<hash>` for a registry with a domain-name-label scope).
 */
export function namesRegistry(registry: Registry, query: string): boolean {
  const q = lower(query.trim()).replace(/\.$/, '');
  return q === lower(registry.name) || (registry.loginServer !== '' && (q === lower(registry.loginServer) || q === registryLabel(registry)));
}

/**
 * Zones that can answer for the registry's names: `privatelink.azurecr.io` (the right one) and any
 * other zone under `azurecr.io`, which is a mistake the diagnosis needs to see (`azurecr.io` itself
 * hijacks every registry's name; regional zones change nothing).
 */
export function isRegistryZone(zoneName: string, registry: Registry): boolean {
  const suffix = registryDnsSuffix(registry);
  const name = lower(zoneName).replace(/\.$/, '');
  return name === suffix || name.endsWith(`.${suffix}`);
}

/** A record set names the registry when it is `<reg>` or `<reg>.<…>` (`myregistry.westeurope.data`). */
export function isRegistryRecord(recordName: string, registry: Registry): boolean {
  return registryRecordTest(registry)(recordName);
}

/**
 * `isRegistryRecord` for one registry and many records (its labels worked out once). A registry whose
 * login server carries a domain-name-label hash keeps the records under its bare name too, so the
 * check can say that no client asks for them.
 */
export function registryRecordTest(registry: Registry): (recordName: string) => boolean {
  const labels = [...new Set([registryLabel(registry), lower(registry.name)])];
  return (recordName) => {
    const name = lower(recordName);
    return labels.some((label) => name === label || name.startsWith(`${label}.`));
  };
}

/** A zone's record sets by the first label of their name, lower case: worked out once per list read. */
const byFirstLabel = new WeakMap<readonly ARecordSet[], Map<string, ARecordSet[]>>();

/**
 * The record sets of a zone that name the registry (`isRegistryRecord`). Every
 * registry of a subscription looks through the same zone's list: it is indexed once, not lower-cased
 * record by record for each registry.
 */
export function registryRecordsIn(records: readonly ARecordSet[], registry: Registry): ARecordSet[] {
  let index = byFirstLabel.get(records);
  if (!index) {
    index = new Map();
    for (const r of records) {
      const name = lower(r.name);
      const dot = name.indexOf('.');
      const first = dot < 0 ? name : name.slice(0, dot);
      const list = index.get(first);
      if (list) list.push(r);
      else index.set(first, [r]);
    }
    byFirstLabel.set(records, index);
  }
  const label = registryLabel(registry);
  const bare = lower(registry.name);
  // A hashed login server: the records under the bare name come too (see registryRecordTest).
  return bare === label ? (index.get(label) ?? []) : [...(index.get(label) ?? []), ...(index.get(bare) ?? [])];
}

/**
 * Whether the endpoints' zone groups can change the registry's findings: they name the zone a fix
 * should link to a VNet that has none, grade a wrongly named zone, and point at zones that could not
 * be read. When every endpoint's VNet is linked to a rightly named zone and every zone loaded, they
 * change nothing.
 */
export function zoneGroupsMatter(registry: Registry, endpoints: PrivateEndpoint[], zones: PrivateDnsZone[], links: VirtualNetworkLink[], errors: LoadError[]): boolean {
  if (errors.length > 0) return true;
  const rightName = `privatelink.${registryDnsSuffix(registry)}`;
  if (zones.some((z) => lower(z.name).replace(/\.$/, '') !== rightName)) return true;
  // A registry has a few of each: compared one by one, without lower-cased copies.
  const linked = links.filter((l) => zones.some((z) => sameId(z.id, l.privateDnsZoneId)));
  return endpoints.some((e) => !e.virtualNetworkId || !linked.some((l) => sameId(l.virtualNetworkId, e.virtualNetworkId)));
}
