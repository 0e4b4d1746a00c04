// Lookups by id and by parent over a snapshot. A scale tenant has thousands of record sets, so the
// engine indexes once per snapshot instead of scanning lists per expected record. A check of one
// registry builds an index for its own small snapshot, and the tree checks hundreds of registries in
// one load: each map is built the first time it is asked for, and only then.
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
  Subnet,
  VirtualNetwork,
  VirtualNetworkLink,
} from '../model/types';
import { snapshotCache } from './snapshotCache';

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
  /** The subnet with this id and its VNet (the first VNet that lists it). */
  subnet(id: string): { virtualNetwork: VirtualNetwork; subnet: Subnet } | undefined;
  /** The Private Resolver inbound endpoint that has this IP, if one was read. */
  inboundEndpointAt(ip: string): DnsResolverInboundEndpoint | undefined;
  /** The forwarding rulesets linked to the VNet. */
  rulesetsOfVirtualNetwork(virtualNetworkId: string): DnsForwardingRuleset[];
}

const cache = snapshotCache<SnapshotIndex>();

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  let index = cache.get(snapshot);
  if (!index) cache.set(snapshot, (index = new LazySnapshotIndex(snapshot)));
  return index;
}

const none: never[] = [];

type Lower = (id: string) => string;

function byId<T extends { id: string }>(items: readonly T[], k: Lower): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(k(item.id), item);
  return map;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined, k: Lower): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const lower = k(key);
    const list = map.get(lower);
    if (list) list.push(item);
    else map.set(lower, [item]);
  }
  return map;
}

class LazySnapshotIndex implements SnapshotIndex {
  private registries?: Map<string, Registry>;
  private endpoints?: Map<string, PrivateEndpoint>;
  private nics?: Map<string, NetworkInterface>;
  private zones?: Map<string, PrivateDnsZone>;
  private vnets?: Map<string, VirtualNetwork>;
  private subnets?: Map<string, { virtualNetwork: VirtualNetwork; subnet: Subnet }>;
  private replicationsByRegistry?: Map<string, Replication[]>;
  private linksByZone?: Map<string, VirtualNetworkLink[]>;
  private linksByVnet?: Map<string, VirtualNetworkLink[]>;
  private recordsByZone?: Map<string, ARecordSet[]>;
  /** Zone (lower case) → record set name (lower case) → the record set; the last of a name wins. */
  private recordsByName?: Map<string, Map<string, ARecordSet>>;
  private zoneGroups?: Map<string, PrivateDnsZoneGroup[]>;
  private inboundByIp?: Map<string, DnsResolverInboundEndpoint>;
  private rulesetsByVnet?: Map<string, DnsForwardingRuleset[]>;
  private nicsByEndpoint?: Map<string, NetworkInterface[]>;

  /** Ids lower-cased once each: a check asks for the same few ids many times. */
  private readonly lowered = new Map<string, string>();
  private readonly k: Lower = (id) => {
    let lower = this.lowered.get(id);
    if (lower === undefined) this.lowered.set(id, (lower = id.toLowerCase()));
    return lower;
  };

  constructor(private readonly snapshot: Snapshot) {}

  registry(id: string): Registry | undefined {
    return (this.registries ??= byId(this.snapshot.registries, this.k)).get(this.k(id));
  }

  replications(registryId: string): Replication[] {
    return (this.replicationsByRegistry ??= groupBy(this.snapshot.replications, (r) => r.registryId, this.k)).get(this.k(registryId)) ?? [];
  }

  privateEndpoint(id: string): PrivateEndpoint | undefined {
    return (this.endpoints ??= byId(this.snapshot.privateEndpoints, this.k)).get(this.k(id));
  }

  networkInterface(id: string): NetworkInterface | undefined {
    return (this.nics ??= byId(this.snapshot.networkInterfaces, this.k)).get(this.k(id));
  }

  networkInterfacesOf(privateEndpointId: string): NetworkInterface[] {
    return (this.nicsByEndpoint ??= this.indexNicsByEndpoint()).get(this.k(privateEndpointId)) ?? [];
  }

  zone(id: string): PrivateDnsZone | undefined {
    return (this.zones ??= byId(this.snapshot.privateDnsZones, this.k)).get(this.k(id));
  }

  linksOfZone(zoneId: string): VirtualNetworkLink[] {
    return (this.linksByZone ??= groupBy(this.snapshot.virtualNetworkLinks, (l) => l.privateDnsZoneId, this.k)).get(this.k(zoneId)) ?? [];
  }

  linksOfVirtualNetwork(virtualNetworkId: string): VirtualNetworkLink[] {
    return (this.linksByVnet ??= groupBy(this.snapshot.virtualNetworkLinks, (l) => l.virtualNetworkId, this.k)).get(this.k(virtualNetworkId)) ?? [];
  }

  recordSetsOfZone(zoneId: string): ARecordSet[] {
    return (this.recordsByZone ??= groupBy(this.snapshot.aRecordSets, (r) => r.privateDnsZoneId, this.k)).get(this.k(zoneId)) ?? [];
  }

  recordSet(zoneId: string, name: string): ARecordSet | undefined {
    if (!this.recordsByName) {
      this.recordsByName = new Map();
      for (const r of this.snapshot.aRecordSets) {
        const zone = this.k(r.privateDnsZoneId);
        let names = this.recordsByName.get(zone);
        if (!names) this.recordsByName.set(zone, (names = new Map()));
        names.set(this.k(r.name), r);
      }
    }
    return this.recordsByName.get(this.k(zoneId))?.get(this.k(name));
  }

  zoneGroupsOf(privateEndpointId: string): PrivateDnsZoneGroup[] {
    return (this.zoneGroups ??= groupBy(this.snapshot.privateDnsZoneGroups, (g) => g.privateEndpointId, this.k)).get(this.k(privateEndpointId)) ?? [];
  }

  virtualNetwork(id: string): VirtualNetwork | undefined {
    return (this.vnets ??= byId(this.snapshot.virtualNetworks, this.k)).get(this.k(id));
  }

  subnet(id: string): { virtualNetwork: VirtualNetwork; subnet: Subnet } | undefined {
    if (!this.subnets) {
      this.subnets = new Map();
      for (const virtualNetwork of this.snapshot.virtualNetworks) {
        for (const subnet of virtualNetwork.subnets) {
          const key = this.k(subnet.id);
          if (!this.subnets.has(key)) this.subnets.set(key, { virtualNetwork, subnet });
        }
      }
    }
    return this.subnets.get(this.k(id));
  }

  inboundEndpointAt(ip: string): DnsResolverInboundEndpoint | undefined {
    if (!this.inboundByIp) {
      this.inboundByIp = new Map();
      for (const e of this.snapshot.dnsResolverInboundEndpoints ?? none) for (const address of e.ipAddresses) this.inboundByIp.set(address, e);
    }
    return this.inboundByIp.get(ip);
  }

  rulesetsOfVirtualNetwork(virtualNetworkId: string): DnsForwardingRuleset[] {
    const rulesets = this.snapshot.dnsForwardingRulesets ?? none;
    if (rulesets.length === 0) return none;
    if (!this.rulesetsByVnet) {
      this.rulesetsByVnet = new Map();
      for (const r of rulesets) {
        for (const v of r.virtualNetworkIds) {
          const list = this.rulesetsByVnet.get(this.k(v));
          if (list) list.push(r);
          else this.rulesetsByVnet.set(this.k(v), [r]);
        }
      }
    }
    return this.rulesetsByVnet.get(this.k(virtualNetworkId)) ?? [];
  }

  /** A NIC names its endpoint, and an endpoint lists its NICs; either side may be all we read. */
  private indexNicsByEndpoint(): Map<string, NetworkInterface[]> {
    const nicsByEndpoint = new Map<string, NetworkInterface[]>();
    const addNic = (peId: string, nic: NetworkInterface): void => {
      const key = this.k(peId);
      const list = nicsByEndpoint.get(key);
      if (!list) nicsByEndpoint.set(key, [nic]);
      else if (!list.includes(nic)) list.push(nic);
    };
    for (const nic of this.snapshot.networkInterfaces) if (nic.privateEndpointId) addNic(nic.privateEndpointId, nic);
    for (const pe of this.snapshot.privateEndpoints) {
      for (const nicId of pe.networkInterfaceIds) {
        const nic = this.networkInterface(nicId);
        if (nic) addNic(pe.id, nic);
      }
    }
    return nicsByEndpoint;
  }
}
