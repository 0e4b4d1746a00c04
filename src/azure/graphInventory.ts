// The inventory in a few Azure Resource Graph queries: every registry, replica, private endpoint,
// endpoint NIC, virtual network, private DNS zone, VNet link and registry A record set of many
// subscriptions at once, all queries in parallel. What Resource Graph does not index (private DNS
// zone groups, registry usages) is still read from ARM, and so is every etag (its rows carry none).
// Resource Graph can lag ARM by seconds to minutes, so the loader reads from ARM whatever was just
// written or refreshed.
//
// Record sets: Microsoft's "Azure Resource Graph table and resource type reference" lists
// `microsoft.network/privatednszones/a` (and the other record types) in the `dnsresources` table. Its
// rows have the columns of every ARG table (id, name, type lower-cased, tenantId, location,
// resourceGroup, subscriptionId, properties, …) and no etag column; `properties` is the record set's
// ARM properties, whose paths Azure Policy publishes as aliases of `Microsoft.Network/privateDnsZones/A`
// (`properties.ttl`, `properties.fqdn`, `properties.isAutoRegistered`, `properties.metadata`,
// `properties.aRecords[*].ipv4Address`). So a record set read here has no etag: a write reads it
// from ARM first (see writes.ts).
import { parentId } from '../model/armId';
import type { ARecordSet, DnsResolverInboundEndpoint, NetworkInterface, PrivateDnsZone, PrivateEndpoint, Registry, Replication, ResourceId, Snapshot, VirtualNetwork, VirtualNetworkLink } from '../model/types';
import type * as acr from '@azure/arm-containerregistry';
import type * as network from '@azure/arm-network';
import type * as privatedns from '@azure/arm-privatedns';
import type { ArmClients } from './clients';
import type { RawInboundEndpoint } from './mappers';
import { toARecordSet, toInboundEndpoint, toNetworkInterface, toPrivateDnsZone, toPrivateEndpoint, toRegistry, toReplication, toVirtualNetwork, toVirtualNetworkLink } from './mappers';
import { flattenArmProperties, kqlString, queryResourceGraph, resourcesOfTypes, type GraphRow } from './resourceGraph';

/** The part of a snapshot Resource Graph answers, for the subscriptions its queries covered. */
export type GraphInventory = Pick<Snapshot, 'registries' | 'replications' | 'privateEndpoints' | 'networkInterfaces' | 'virtualNetworks' | 'privateDnsZones' | 'virtualNetworkLinks'> & {
  /** The subscriptions the queries covered (lower-case): what is absent from them does not exist there. */
  subscriptionIds: string[];
  /**
   * The A record sets of every zone whose name holds a registry DNS suffix, etags empty (Resource
   * Graph has none); undefined when their query failed or one of its rows could not be read, and then
   * every zone's records are read from ARM.
   */
  aRecordSets?: ARecordSet[];
  /** DNS Private Resolver inbound endpoints (`resources`, type `microsoft.network/dnsresolvers/inboundendpoints`). */
  dnsResolverInboundEndpoints?: DnsResolverInboundEndpoint[];
  /** DNS forwarding rulesets; their rules and VNet links are not in the graph and are read from ARM. */
  dnsForwardingRulesets?: { id: ResourceId; name: string }[];
};

export const GRAPH_TYPES = {
  registries: 'microsoft.containerregistry/registries',
  replications: 'microsoft.containerregistry/registries/replications',
  privateEndpoints: 'microsoft.network/privateendpoints',
  networkInterfaces: 'microsoft.network/networkinterfaces',
  virtualNetworks: 'microsoft.network/virtualnetworks',
  privateDnsZones: 'microsoft.network/privatednszones',
  virtualNetworkLinks: 'microsoft.network/privatednszones/virtualnetworklinks',
  aRecordSets: 'microsoft.network/privatednszones/a',
  dnsResolverInboundEndpoints: 'microsoft.network/dnsresolvers/inboundendpoints',
  dnsForwardingRulesets: 'microsoft.network/dnsforwardingrulesets',
} as const;

/**
 * The registry zones' A record sets from the `dnsresources` table, ordered by id so pages are stable.
 * Only zones named after a registry DNS suffix (`privatelink.azurecr.io`, `azurecr.io`, `azurecr.us`, …):
 * a tenant's other private zones (VM auto-registration above all) would outnumber them by far. The
 * loader keeps the records of the zones that concern each registry, as it does with an ARM listing.
 */
export const REGISTRY_RECORDS_QUERY = `dnsresources | where type =~ ${kqlString(GRAPH_TYPES.aRecordSets)} and id contains 'azurecr.' | project id, name, type, resourceGroup, subscriptionId, properties | order by id asc`;

/** Only the NICs private endpoints own: a tenant's VM NICs would outnumber them by far. */
export const ENDPOINT_NICS_QUERY = `resources | where type =~ '${GRAPH_TYPES.networkInterfaces}' and isnotempty(properties.privateEndpoint) | project id, name, type, location, resourceGroup, subscriptionId, sku, properties, tags | order by id asc`;

/** Rows that cannot be mapped (no id, say) are left out rather than failing the whole inventory. */
function mapRows<T>(rows: GraphRow[], map: (flat: never) => T): T[] {
  const out: T[] = [];
  for (const row of rows) {
    try {
      out.push(map(flattenArmProperties(row) as never));
    } catch {
      // a malformed row: the ARM reads of the registry that needs it will report it
    }
  }
  return out;
}

/**
 * Every row mapped, or undefined when one cannot be: for record sets, where a row left out would make
 * the zone look as if it lacked that record ("missing" from data that was not read), the zone's
 * records are then read from ARM.
 */
function mapAllRows<T>(rows: GraphRow[], map: (flat: never) => T): T[] | undefined {
  const out: T[] = [];
  for (const row of rows) {
    try {
      out.push(map(flattenArmProperties(row) as never));
    } catch {
      // a malformed row: the ARM reads of the registry that needs it will report it
      return undefined;
    }
  }
  return out;
}

function typeOf(row: GraphRow): string {
  return typeof row.type === 'string' ? row.type.toLowerCase() : '';
}

/** Runs one query (its pages one after another) when the caller's concurrency cap has room. */
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

export async function readGraphInventory(clients: ArmClients, subscriptionIds: string[], signal?: AbortSignal, schedule: Schedule = (task) => task()): Promise<GraphInventory> {
  // Each query's rows are mapped as soon as its pages are in, not once all four are: parsed pages are
  // megabytes of short-lived objects, and kept while the other queries run they outlive the young
  // generation and cost the garbage collector far more than their parsing did.
  const ask = <T>(query: string, map: (rows: GraphRow[]) => T): Promise<T> =>
    schedule(() => queryResourceGraph(clients, { query, subscriptionIds, ...(signal ? { signal } : {}) })).then(map);
  // The rows of one query by type, sorted once (a query asks for several types).
  const byType = new WeakMap<GraphRow[], Map<string, GraphRow[]>>();
  const ofType = (rows: GraphRow[], type: string): GraphRow[] => {
    let types = byType.get(rows);
    if (!types) {
      types = new Map();
      for (const row of rows) {
        const t = typeOf(row);
        const list = types.get(t);
        if (list) list.push(row);
        else types.set(t, [row]);
      }
      byType.set(rows, types);
    }
    return types.get(type) ?? [];
  };
  // Four queries at once, each a page or a few: registries with their replicas and the network side
  // (VNets, zones, links), which together rarely fill a page; endpoints; their NICs; the record sets.
  // A failed record query leaves the records to ARM rather than failing the rest.
  const [registrySide, privateEndpoints, networkInterfaces, aRecordSets] = await Promise.all([
    ask(
      resourcesOfTypes([
        GRAPH_TYPES.registries,
        GRAPH_TYPES.replications,
        GRAPH_TYPES.virtualNetworks,
        GRAPH_TYPES.privateDnsZones,
        GRAPH_TYPES.virtualNetworkLinks,
        GRAPH_TYPES.dnsResolverInboundEndpoints,
        GRAPH_TYPES.dnsForwardingRulesets,
      ]),
      (rows) => ({
        registries: mapRows(ofType(rows, GRAPH_TYPES.registries), (r: acr.Registry) => toRegistry(r)),
        replications: mapRows(ofType(rows, GRAPH_TYPES.replications), (r: acr.Replication) => toReplication(parentId(r.id ?? '') ?? '', r)),
        virtualNetworks: mapRows(ofType(rows, GRAPH_TYPES.virtualNetworks), (r: network.VirtualNetwork) => toVirtualNetwork(r)),
        privateDnsZones: mapRows(ofType(rows, GRAPH_TYPES.privateDnsZones), (r: privatedns.PrivateZone) => toPrivateDnsZone(r)),
        virtualNetworkLinks: mapRows(ofType(rows, GRAPH_TYPES.virtualNetworkLinks), (r: privatedns.VirtualNetworkLink) => toVirtualNetworkLink(r)),
        dnsResolverInboundEndpoints: mapRows(ofType(rows, GRAPH_TYPES.dnsResolverInboundEndpoints), (r: RawInboundEndpoint) => toInboundEndpoint(r)),
        dnsForwardingRulesets: mapRows(ofType(rows, GRAPH_TYPES.dnsForwardingRulesets), (r: { id?: string; name?: string }) => {
          if (!r.id) throw new Error('a ruleset row without an id');
          return { id: r.id, name: r.name ?? r.id.split('/').pop()! };
        }),
      }),
    ),
    ask(resourcesOfTypes([GRAPH_TYPES.privateEndpoints]), (rows) => mapRows(rows, (r: network.PrivateEndpoint) => toPrivateEndpoint(r))),
    ask(ENDPOINT_NICS_QUERY, (rows) => mapRows(rows, (r: network.NetworkInterface) => toNetworkInterface(r))),
    ask(REGISTRY_RECORDS_QUERY, (rows) => mapAllRows(ofType(rows, GRAPH_TYPES.aRecordSets), (r: privatedns.RecordSet) => toARecordSet(r))).catch((e: unknown) => {
      if (signal?.aborted) throw e;
      return undefined;
    }),
  ]);
  return {
    subscriptionIds: subscriptionIds.map((s) => s.toLowerCase()),
    ...(aRecordSets ? { aRecordSets } : {}),
    ...registrySide,
    privateEndpoints,
    networkInterfaces,
  };
}

const lower = (s: string): string => s.toLowerCase();

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((i) => [lower(i.id), i]));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = lower(key(item));
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** The inventory indexed for the loader's look-ups. */
export class InventoryIndex {
  private readonly subscriptions: Set<string>;
  private readonly endpoints: Map<string, PrivateEndpoint>;
  private readonly nics: Map<string, NetworkInterface>;
  private readonly vnets: Map<string, VirtualNetwork>;
  private readonly replicasByRegistry: Map<string, Replication[]>;
  private readonly zonesBySubscription: Map<string, PrivateDnsZone[]>;
  private readonly linksByZone: Map<string, VirtualNetworkLink[]>;
  private readonly registriesBySubscription: Map<string, Registry[]>;
  private readonly zones: Map<string, PrivateDnsZone>;
  private readonly recordsByZone: Map<string, ARecordSet[]> | undefined;

  constructor(readonly inventory: GraphInventory) {
    this.subscriptions = new Set(inventory.subscriptionIds.map(lower));
    this.endpoints = byId(inventory.privateEndpoints);
    this.nics = byId(inventory.networkInterfaces);
    this.vnets = byId(inventory.virtualNetworks);
    this.replicasByRegistry = groupBy(inventory.replications, (r) => r.registryId);
    this.zonesBySubscription = groupBy(inventory.privateDnsZones, (z) => z.subscriptionId);
    this.linksByZone = groupBy(inventory.virtualNetworkLinks, (l) => l.privateDnsZoneId);
    this.registriesBySubscription = groupBy(inventory.registries, (r) => r.subscriptionId);
    this.zones = byId(inventory.privateDnsZones);
    this.recordsByZone = inventory.aRecordSets ? groupBy(inventory.aRecordSets, (r) => r.privateDnsZoneId) : undefined;
  }

  /** The registries of a subscription the index covers, ordered by id. */
  registriesIn(subscriptionId: string): Registry[] {
    return this.registriesBySubscription.get(lower(subscriptionId)) ?? [];
  }

  /**
   * The zone's A record sets (etags empty), or undefined when the index cannot say, and the zone's
   * records are then read from ARM: the record query failed; the graph does not show the zone; or the
   * zone's row counts more record sets than the graph shows A record sets besides the SOA (the graph's
   * record rows lag its zone row, or the zone holds other types: an empty or short list would be a guess).
   */
  aRecordSetsOf(zoneId: ResourceId): ARecordSet[] | undefined {
    const zone = this.zones.get(lower(zoneId));
    if (!this.recordsByZone || !zone) return undefined;
    const records = this.recordsByZone.get(lower(zoneId)) ?? [];
    if (zone.numberOfRecordSets !== undefined && records.length + 1 < zone.numberOfRecordSets) return undefined;
    return records;
  }

  /** Every inbound endpoint of the subscriptions the graph covered. */
  dnsResolverInboundEndpoints(): DnsResolverInboundEndpoint[] {
    return this.inventory.dnsResolverInboundEndpoints ?? [];
  }

  /** Every forwarding ruleset of the subscriptions the graph covered (rules and links are read from ARM). */
  dnsForwardingRulesets(): { id: ResourceId; name: string }[] {
    return this.inventory.dnsForwardingRulesets ?? [];
  }

  covers(subscriptionId: string): boolean {
    return this.subscriptions.has(lower(subscriptionId));
  }

  replicationsOf(registryId: ResourceId): Replication[] {
    return this.replicasByRegistry.get(lower(registryId)) ?? [];
  }

  privateEndpoint(id: ResourceId): PrivateEndpoint | undefined {
    return this.endpoints.get(lower(id));
  }

  networkInterface(id: ResourceId): NetworkInterface | undefined {
    return this.nics.get(lower(id));
  }

  virtualNetwork(id: ResourceId): VirtualNetwork | undefined {
    return this.vnets.get(lower(id));
  }

  privateDnsZonesIn(subscriptionId: string): PrivateDnsZone[] {
    return this.zonesBySubscription.get(lower(subscriptionId)) ?? [];
  }

  virtualNetworkLinksOf(zoneId: ResourceId): VirtualNetworkLink[] {
    return this.linksByZone.get(lower(zoneId)) ?? [];
  }
}
