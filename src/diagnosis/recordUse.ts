// Which private IPs current endpoints actually serve, per FQDN. A record IP outside this set is
// stale (its endpoint was deleted or its NIC changed); an IP inside it must never be removed.
import { sameId } from '../model/armId';
import type { ARecordSet, LoadError, PrivateDnsZone, ResourceId, Snapshot } from '../model/types';
import type { ConfiguredDns } from './configured';
import type { ExpectedRecord } from './expected';
import { normalizeFqdn, publicFqdnForRecordSet, type RegistryHostNames } from './names';
import { snapshotCache } from './snapshotCache';
import { endpointReadErrors } from './unread';

const cache = snapshotCache<Map<string, Set<string>>>();

/** Every endpoint's IPs by FQDN, from NIC ip configurations and the endpoints' customDnsConfigs, whatever the registry. */
function ipsByFqdn(snapshot: Snapshot): Map<string, Set<string>> {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const map = new Map<string, Set<string>>();
  const add = (fqdn: string, ip: string | undefined): void => {
    if (!ip) return;
    const key = normalizeFqdn(fqdn);
    const set = map.get(key) ?? new Set<string>();
    set.add(ip);
    map.set(key, set);
  };
  for (const nic of snapshot.networkInterfaces) {
    for (const ipc of nic.ipConfigurations) for (const f of ipc.fqdns) add(f, ipc.privateIPAddress);
  }
  for (const pe of snapshot.privateEndpoints) {
    for (const c of pe.customDnsConfigs) for (const ip of c.ipAddresses) add(c.fqdn, ip);
  }
  cache.set(snapshot, map);
  return map;
}

// The table, the record findings and the leftovers of one check each ask for the same names.
const inUseCache = snapshotCache<Map<readonly ExpectedRecord[], Map<string, ReadonlySet<string>>>>();

/** The IPs current endpoints serve for the name (worked out once per snapshot, expected records and name; never changed). */
export function ipsInUse(snapshot: Snapshot, expected: readonly ExpectedRecord[], fqdn: string): ReadonlySet<string> {
  let bySnapshot = inUseCache.get(snapshot);
  if (!bySnapshot) inUseCache.set(snapshot, (bySnapshot = new Map()));
  let byName = bySnapshot.get(expected);
  if (!byName) bySnapshot.set(expected, (byName = new Map()));
  const name = normalizeFqdn(fqdn);
  let set = byName.get(name) as Set<string> | undefined;
  if (set) return set;
  set = new Set(ipsByFqdn(snapshot).get(name) ?? []);
  for (const e of expected) if (e.fqdn === name && e.privateIPAddress) set.add(e.privateIPAddress);
  byName.set(name, set);
  return set;
}

export interface OrphanedRecordSet {
  fqdn: string;
  zone: PrivateDnsZone;
  recordSet: ARecordSet;
  /** VNets linked to the zone that have no endpoint of this registry: they resolve to the dead IP. */
  staleLinkVirtualNetworkIds: ResourceId[];
  staleLinkIds: ResourceId[];
  /** Set when endpoints, NICs or replicas could not be read: one of them may still serve the record. */
  unverifiedBecause?: LoadError;
}

/**
 * The registry's record sets in `privatelink.azurecr.io` zones that no endpoint expects and whose
 * IPs no endpoint serves: what is left after an endpoint or a replica is deleted. When endpoints could
 * not all be read, such a record is only a candidate (`unverifiedBecause`): no finding, no plan.
 */
export function orphanedRecordSets(
  snapshot: Snapshot,
  names: RegistryHostNames,
  expected: readonly ExpectedRecord[],
  configured: ConfiguredDns,
): OrphanedRecordSet[] {
  // The findings and the per-FQDN table of one check both ask, with the same context.
  let known = orphansOf.get(snapshot);
  if (!known) orphansOf.set(snapshot, (known = new Map()));
  const cached = known.get(configured);
  if (cached && cached.expected === expected && cached.label === names.label && cached.suffix === names.suffix) return cached.result;
  const result = findOrphanedRecordSets(snapshot, names, expected, configured);
  known.set(configured, { expected, label: names.label, suffix: names.suffix, result });
  return result;
}

const orphansOf = snapshotCache<Map<ConfiguredDns, { expected: readonly ExpectedRecord[]; label: string; suffix: string; result: OrphanedRecordSet[] }>>();

function findOrphanedRecordSets(
  snapshot: Snapshot,
  names: RegistryHostNames,
  expected: readonly ExpectedRecord[],
  configured: ConfiguredDns,
): OrphanedRecordSet[] {
  const result: OrphanedRecordSet[] = [];
  const hidden = endpointReadErrors(snapshot)[0];
  for (const view of [...configured.linked, ...configured.unlinked]) {
    const expectedHere = expected.filter((e) => view.endpointVirtualNetworkIds.some((v) => sameId(v, e.virtualNetworkId)));
    for (const recordSet of view.recordSets) {
      if (expectedHere.some((e) => e.recordSetName === recordSet.name.toLowerCase())) continue;
      const fqdn = publicFqdnForRecordSet(names, recordSet.name);
      const inUse = ipsInUse(snapshot, expected, fqdn);
      if (recordSet.ipv4Addresses.some((ip) => inUse.has(ip))) continue;
      const staleLinks = view.links.filter((l) => !configured.endpointVirtualNetworkIds.some((v) => sameId(v, l.virtualNetworkId)));
      result.push({
        fqdn,
        zone: view.zone,
        recordSet,
        staleLinkVirtualNetworkIds: staleLinks.map((l) => l.virtualNetworkId),
        staleLinkIds: staleLinks.map((l) => l.id),
        ...(hidden ? { unverifiedBecause: hidden } : {}),
      });
    }
  }
  return result;
}

