// The inventory's breadth in a few Azure Resource Graph queries: every registry, replica, private
// endpoint, endpoint NIC, virtual network, private DNS zone and VNet link of many subscriptions at
// once, one query per kind, all in parallel. What Resource Graph does not index (A record sets,
// private DNS zone groups, registry usages) is still read from ARM. Resource Graph can lag ARM by
// seconds to minutes, so the loader reads from ARM whatever was just written or refreshed.
import { parentId } from '../model/armId';
import type { NetworkInterface, PrivateDnsZone, PrivateEndpoint, Replication, ResourceId, Snapshot, VirtualNetwork, VirtualNetworkLink } from '../model/types';
import type * as acr from '@azure/arm-containerregistry';
import type * as network from '@azure/arm-network';
import type * as privatedns from '@azure/arm-privatedns';
import type { ArmClients } from './clients';
import { toNetworkInterface, toPrivateDnsZone, toPrivateEndpoint, toRegistry, toReplication, toVirtualNetwork, toVirtualNetworkLink } from './mappers';
import { flattenArmProperties, queryResourceGraph, resourcesOfTypes, type GraphRow } from './resourceGraph';

/** The part of a snapshot Resource Graph answers, for the subscriptions its queries covered. */
export type GraphInventory = Pick<Snapshot, 'registries' | 'replications' | 'privateEndpoints' | 'networkInterfaces' | 'virtualNetworks' | 'privateDnsZones' | 'virtualNetworkLinks'> & {
  /** The subscriptions the queries covered (lower-case): what is absent from them does not exist there. */
  subscriptionIds: string[];
};

export const GRAPH_TYPES = {
  registries: 'microsoft.containerregistry/registries',
  replications: 'microsoft.containerregistry/registries/replications',
  privateEndpoints: 'microsoft.network/privateendpoints',
  networkInterfaces: 'microsoft.network/networkinterfaces',
  virtualNetworks: 'microsoft.network/virtualnetworks',
  privateDnsZones: 'microsoft.network/privatednszones',
  virtualNetworkLinks: 'microsoft.network/privatednszones/virtualnetworklinks',
} as const;

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

function typeOf(row: GraphRow): string {
  return typeof row.type === 'string' ? row.type.toLowerCase() : '';
}

/** Runs one query (its pages one after another) when the caller's concurrency cap has room. */
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

export async function readGraphInventory(clients: ArmClients, subscriptionIds: string[], signal?: AbortSignal, schedule: Schedule = (task) => task()): Promise<GraphInventory> {
  const ask = (query: string): Promise<GraphRow[]> => schedule(() => queryResourceGraph(clients, { query, subscriptionIds, ...(signal ? { signal } : {}) }));
  // Four queries at once, each a page or a few: registries with their replicas, endpoints, their NICs,
  // and the network side (VNets, zones, links).
  const [registryRows, endpointRows, nicRows, networkRows] = await Promise.all([
    ask(resourcesOfTypes([GRAPH_TYPES.registries, GRAPH_TYPES.replications])),
    ask(resourcesOfTypes([GRAPH_TYPES.privateEndpoints])),
    ask(ENDPOINT_NICS_QUERY),
    ask(resourcesOfTypes([GRAPH_TYPES.virtualNetworks, GRAPH_TYPES.privateDnsZones, GRAPH_TYPES.virtualNetworkLinks])),
  ]);
  const ofType = (rows: GraphRow[], type: string): GraphRow[] => rows.filter((r) => typeOf(r) === type);
  return {
    subscriptionIds: subscriptionIds.map((s) => s.toLowerCase()),
    registries: mapRows(ofType(registryRows, GRAPH_TYPES.registries), (r: acr.Registry) => toRegistry(r)),
    replications: mapRows(ofType(registryRows, GRAPH_TYPES.replications), (r: acr.Replication) => toReplication(parentId(r.id ?? '') ?? '', r)),
    privateEndpoints: mapRows(endpointRows, (r: network.PrivateEndpoint) => toPrivateEndpoint(r)),
    networkInterfaces: mapRows(nicRows, (r: network.NetworkInterface) => toNetworkInterface(r)),
    virtualNetworks: mapRows(ofType(networkRows, GRAPH_TYPES.virtualNetworks), (r: network.VirtualNetwork) => toVirtualNetwork(r)),
    privateDnsZones: mapRows(ofType(networkRows, GRAPH_TYPES.privateDnsZones), (r: privatedns.PrivateZone) => toPrivateDnsZone(r)),
    virtualNetworkLinks: mapRows(ofType(networkRows, GRAPH_TYPES.virtualNetworkLinks), (r: privatedns.VirtualNetworkLink) => toVirtualNetworkLink(r)),
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

  constructor(readonly inventory: GraphInventory) {
    this.subscriptions = new Set(inventory.subscriptionIds.map(lower));
    this.endpoints = byId(inventory.privateEndpoints);
    this.nics = byId(inventory.networkInterfaces);
    this.vnets = byId(inventory.virtualNetworks);
    this.replicasByRegistry = groupBy(inventory.replications, (r) => r.registryId);
    this.zonesBySubscription = groupBy(inventory.privateDnsZones, (z) => z.subscriptionId);
    this.linksByZone = groupBy(inventory.virtualNetworkLinks, (l) => l.privateDnsZoneId);
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
