// Lookups by id and by parent over a snapshot. A scale tenant has thousands of record sets, so the
// engine indexes once per snapshot instead of scanning lists per expected record.
import type {
  ARecordSet,
  DnsForwardingRuleset,
  DnsResolverInboundEndpoint,
  NetworkInterface,
  PrivateDnsZone,
  PrivateDnsZoneGroup,
  PrivateEndpoint,
  Registry,
  Replication,
  Snapshot,
  VirtualNetwork,
  VirtualNetworkLink,
} from '../model/types';

export interface SnapshotIndex {
  registry(id: string): Registry | undefined;
  replications(registryId: string): Replication[];
  privateEndpoint(id: string): PrivateEndpoint | undefined;
  networkInterface(id: string): NetworkInterface | undefined;
  networkInterfacesOf(privateEndpointId: string): NetworkInterface[];
  zone(id: string): PrivateDnsZone | undefined;
  linksOfZone(zoneId: string): VirtualNetworkLink[];
  linksOfVirtualNetwork(virtualNetworkId: string): VirtualNetworkLink[];
  recordSetsOfZone(zoneId: string): ARecordSet[];
  recordSet(zoneId: string, name: string): ARecordSet | undefined;
  zoneGroupsOf(privateEndpointId: string): PrivateDnsZoneGroup[];
  virtualNetwork(id: string): VirtualNetwork | undefined;
  /** The Private Resolver inbound endpoint that has this IP, if one was read. */
  inboundEndpointAt(ip: string): DnsResolverInboundEndpoint | undefined;
  /** The forwarding rulesets linked to the VNet. */
  rulesetsOfVirtualNetwork(virtualNetworkId: string): DnsForwardingRuleset[];
}

const cache = new WeakMap<Snapshot, SnapshotIndex>();

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const cached = cache.get(snapshot);
  if (cached) return cached;

  const k = (id: string): string => id.toLowerCase();
  const byId = <T extends { id: string }>(items: T[]): Map<string, T> => new Map(items.map((i) => [k(i.id), i]));
  const groupBy = <T>(items: T[], keyOf: (item: T) => string | undefined): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const key = keyOf(item);
      if (key === undefined) continue;
      const list = map.get(k(key));
      if (list) list.push(item);
      else map.set(k(key), [item]);
    }
    return map;
  };

  const registries = byId(snapshot.registries);
  const endpoints = byId(snapshot.privateEndpoints);
  const nics = byId(snapshot.networkInterfaces);
  const zones = byId(snapshot.privateDnsZones);
  const replications = groupBy(snapshot.replications, (r) => r.registryId);
  const linksByZone = groupBy(snapshot.virtualNetworkLinks, (l) => l.privateDnsZoneId);
  const linksByVnet = groupBy(snapshot.virtualNetworkLinks, (l) => l.virtualNetworkId);
  const recordsByZone = groupBy(snapshot.aRecordSets, (r) => r.privateDnsZoneId);
  const recordsByName = new Map(snapshot.aRecordSets.map((r) => [`${k(r.privateDnsZoneId)}|${r.name.toLowerCase()}`, r]));
  const zoneGroups = groupBy(snapshot.privateDnsZoneGroups, (g) => g.privateEndpointId);
  const vnets = byId(snapshot.virtualNetworks);
  const inboundByIp = new Map<string, DnsResolverInboundEndpoint>();
  for (const e of snapshot.dnsResolverInboundEndpoints ?? []) for (const ip of e.ipAddresses) inboundByIp.set(ip, e);
  const rulesetsByVnet = new Map<string, DnsForwardingRuleset[]>();
  for (const r of snapshot.dnsForwardingRulesets ?? []) {
    for (const v of r.virtualNetworkIds) rulesetsByVnet.set(k(v), [...(rulesetsByVnet.get(k(v)) ?? []), r]);
  }
  // A NIC names its endpoint, and an endpoint lists its NICs; either side may be all we read.
  const nicsByEndpoint = new Map<string, NetworkInterface[]>();
  const addNic = (peId: string, nic: NetworkInterface): void => {
    const list = nicsByEndpoint.get(k(peId)) ?? [];
    if (!list.includes(nic)) list.push(nic);
    nicsByEndpoint.set(k(peId), list);
  };
  for (const nic of snapshot.networkInterfaces) if (nic.privateEndpointId) addNic(nic.privateEndpointId, nic);
  for (const pe of snapshot.privateEndpoints) {
    for (const nicId of pe.networkInterfaceIds) {
      const nic = nics.get(k(nicId));
      if (nic) addNic(pe.id, nic);
    }
  }

  const index: SnapshotIndex = {
    registry: (id) => registries.get(k(id)),
    replications: (id) => replications.get(k(id)) ?? [],
    privateEndpoint: (id) => endpoints.get(k(id)),
    networkInterface: (id) => nics.get(k(id)),
    networkInterfacesOf: (id) => nicsByEndpoint.get(k(id)) ?? [],
    zone: (id) => zones.get(k(id)),
    linksOfZone: (id) => linksByZone.get(k(id)) ?? [],
    linksOfVirtualNetwork: (id) => linksByVnet.get(k(id)) ?? [],
    recordSetsOfZone: (id) => recordsByZone.get(k(id)) ?? [],
    recordSet: (zoneId, name) => recordsByName.get(`${k(zoneId)}|${name.toLowerCase()}`),
    zoneGroupsOf: (id) => zoneGroups.get(k(id)) ?? [],
    virtualNetwork: (id) => vnets.get(k(id)),
    inboundEndpointAt: (ip) => inboundByIp.get(ip),
    rulesetsOfVirtualNetwork: (id) => rulesetsByVnet.get(k(id)) ?? [],
  };
  cache.set(snapshot, index);
  return index;
}
