// What Azure's configuration says about a registry's DNS: the zones its endpoints' VNets are linked
// to, zones that exist but are not linked, wrongly named zones, their record sets and zone groups,
// and the parts of the inventory that could not be read.
import { sameId, subscriptionOf } from '../model/armId';
import type {
  ARecordSet,
  PrivateDnsZone,
  PrivateDnsZoneGroup,
  ResourceId,
  Snapshot,
  VirtualNetworkLink,
} from '../model/types';
import { registryEndpoints } from './endpoints';
import { isRegistryRecordSetName, normalizeFqdn, registryHostNames, wrongZoneNameReason, type RegistryHostNames } from './names';
import { dnsReadErrors } from './unread';
import { snapshotCache } from './snapshotCache';
import { indexSnapshot } from './snapshotIndex';

export { dnsReadErrors, endpointReadErrors } from './unread';

export interface ConfiguredZone {
  zone: PrivateDnsZone;
  links: VirtualNetworkLink[];
  /** The VNets with an endpoint of this registry that this zone is linked to. */
  endpointVirtualNetworkIds: ResourceId[];
  /** Record sets in this zone that belong to the registry (`<reg>`, `<reg>.<region>.data`). */
  recordSets: ARecordSet[];
  /** Zone groups of the registry's endpoints that write into this zone. */
  zoneGroups: PrivateDnsZoneGroup[];
  /** For wrongly named zones: why the name does not work. */
  wrongNameReason?: string;
}

export interface ConfiguredDns {
  zoneName: string;
  endpointVirtualNetworkIds: ResourceId[];
  /** Zones named `privatelink.azurecr.io` linked to at least one endpoint VNet. */
  linked: ConfiguredZone[];
  /** Zones named `privatelink.azurecr.io` that hold this registry's records or are its zone groups' target, linked to no endpoint VNet. */
  unlinked: ConfiguredZone[];
  /** Zones with a name ACR never queries (or that hijacks it), linked to an endpoint VNet or holding this registry's records. */
  wronglyNamed: ConfiguredZone[];
  /** Zone ids the registry's zone groups point at that are not in the snapshot, in a subscription whose zones were not all read (one that was read would have shown them). */
  unreadableZoneIds: ResourceId[];
  zoneGroups: PrivateDnsZoneGroup[];
}

export function isZoneNamed(zone: PrivateDnsZone, name: string): boolean {
  return normalizeFqdn(zone.name) === normalizeFqdn(name);
}

// Every name a check resolves in a VNet asks for its zones: worked out once per snapshot and VNet.
const linkedZonesOf = snapshotCache<Map<string, readonly PrivateDnsZone[]>>();

/** Every zone linked to the VNet, whatever its name (shared: never changed). */
export function linkedZones(snapshot: Snapshot, virtualNetworkId: ResourceId): readonly PrivateDnsZone[] {
  let known = linkedZonesOf.get(snapshot);
  if (!known) linkedZonesOf.set(snapshot, (known = new Map()));
  // Keyed by the id as asked (the index compares ids ignoring case): no lower-cased copy per question.
  const cached = known.get(virtualNetworkId);
  if (cached) return cached;
  const index = indexSnapshot(snapshot);
  const zones: PrivateDnsZone[] = [];
  for (const link of index.linksOfVirtualNetwork(virtualNetworkId)) {
    const zone = index.zone(link.privateDnsZoneId);
    if (zone && !zones.includes(zone)) zones.push(zone);
  }
  known.set(virtualNetworkId, zones);
  return zones;
}

/** The zone with the given name linked to the VNet; Azure allows at most one per name. */
export function linkedZoneNamed(snapshot: Snapshot, virtualNetworkId: ResourceId, zoneName: string): PrivateDnsZone | undefined {
  return linkedZones(snapshot, virtualNetworkId).find((z) => isZoneNamed(z, zoneName));
}

export function configuredDns(snapshot: Snapshot, registryId: ResourceId): ConfiguredDns {
  const index = indexSnapshot(snapshot);
  const registry = index.registry(registryId);
  if (!registry) return { zoneName: 'privatelink.azurecr.io', endpointVirtualNetworkIds: [], linked: [], unlinked: [], wronglyNamed: [], unreadableZoneIds: [], zoneGroups: [] };
  const names = registryHostNames(registry);
  const endpoints = registryEndpoints(snapshot, registry);
  const vnetIds = uniqueIds(endpoints.map((e) => e.virtualNetworkId));
  const zoneGroups = endpoints.flatMap((e) => index.zoneGroupsOf(e.privateEndpointId));
  const zoneGroupTargets = zoneGroups.flatMap((g) => g.privateDnsZoneConfigs.map((c) => c.privateDnsZoneId));

  const result: ConfiguredDns = { zoneName: names.zoneName, endpointVirtualNetworkIds: vnetIds, linked: [], unlinked: [], wronglyNamed: [], unreadableZoneIds: [], zoneGroups };
  for (const zone of snapshot.privateDnsZones) {
    const view = describeZone(snapshot, zone, names, vnetIds, zoneGroups);
    const targeted = zoneGroupTargets.some((id) => sameId(id, zone.id));
    const linked = view.endpointVirtualNetworkIds.length > 0;
    if (isZoneNamed(zone, names.zoneName)) {
      if (linked) result.linked.push(view);
      else if (targeted || view.recordSets.length > 0) result.unlinked.push(view);
    } else if (view.wrongNameReason !== undefined && (linked || targeted || view.recordSets.length > 0)) {
      result.wronglyNamed.push(view);
    }
  }
  // A target absent from a subscription whose zones were listed (the registry's, an endpoint's) was
  // deleted: it is missing, not unreadable. Elsewhere it may be in a subscription we cannot see.
  const listed = uniqueIds([registry.subscriptionId, ...endpoints.map((e) => subscriptionOfZone(e.privateEndpointId))]).map((id) => id.toLowerCase());
  result.unreadableZoneIds = uniqueIds(zoneGroupTargets.filter((id) => !index.zone(id))).filter((id) => {
    const subscription = subscriptionOfZone(id)?.toLowerCase();
    return subscription === undefined || !listed.includes(subscription) || dnsReadErrors(snapshot, subscription).length > 0;
  });
  return result;
}

function describeZone(
  snapshot: Snapshot,
  zone: PrivateDnsZone,
  names: RegistryHostNames,
  endpointVnetIds: ResourceId[],
  zoneGroups: PrivateDnsZoneGroup[],
): ConfiguredZone {
  const index = indexSnapshot(snapshot);
  const links = index.linksOfZone(zone.id);
  const reason = wrongZoneNameReason(zone.name, names);
  // In a wrongly named zone the registry's record can be `myregistry` (zone `azurecr.io`) or the
  // apex `@` (zone `myregistry.azurecr.io`), so there its FQDN decides.
  const belongs = (r: ARecordSet): boolean =>
    isRegistryRecordSetName(names, r.name) ||
    (reason !== undefined && (normalizeFqdn(r.fqdn) === names.loginServer || normalizeFqdn(r.fqdn).startsWith(`${names.label}.`)));
  const view: ConfiguredZone = {
    zone,
    links,
    endpointVirtualNetworkIds: endpointVnetIds.filter((v) => links.some((l) => sameId(l.virtualNetworkId, v))),
    recordSets: index.recordSetsOfZone(zone.id).filter(belongs),
    zoneGroups: zoneGroups.filter((g) => g.privateDnsZoneConfigs.some((c) => sameId(c.privateDnsZoneId, zone.id))),
  };
  if (reason !== undefined) view.wrongNameReason = reason;
  return view;
}

export function subscriptionOfZone(zoneId: ResourceId): string | undefined {
  try {
    return subscriptionOf(zoneId);
  } catch {
    return undefined;
  }
}

function uniqueIds(ids: (ResourceId | undefined)[]): ResourceId[] {
  const out: ResourceId[] = [];
  for (const id of ids) if (id !== undefined && !out.some((o) => sameId(o, id))) out.push(id);
  return out;
}
