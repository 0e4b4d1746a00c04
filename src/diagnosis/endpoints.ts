// The private endpoints of one registry, seen from both sides: the registry's
// privateEndpointConnections and the endpoints' own privateLinkServiceConnections. Either side can be
// unreadable (another subscription or tenant), so both are merged.
import { sameId } from '../model/armId';
import type {
  ConnectionStatus,
  NetworkInterface,
  PrivateEndpoint,
  PrivateEndpointConnection,
  Registry,
  ResourceId,
  Snapshot,
} from '../model/types';
import { snapshotCache } from './snapshotCache';
import { indexSnapshot } from './snapshotIndex';

export interface RegistryEndpoint {
  privateEndpointId: ResourceId;
  /** Undefined when only the registry's side of the connection could be read. */
  endpoint?: PrivateEndpoint;
  /** The registry's side; undefined when only the endpoint could be read. */
  connection?: PrivateEndpointConnection;
  status: ConnectionStatus;
  virtualNetworkId?: ResourceId;
  networkInterfaces: NetworkInterface[];
}

// The context, the expected records and the configured DNS of one check each ask for them: worked out
// once per snapshot and registry (snapshots are not changed once read).
const computed = snapshotCache<Map<Registry, RegistryEndpoint[]>>();

export function registryEndpoints(snapshot: Snapshot, registry: Registry): RegistryEndpoint[] {
  let known = computed.get(snapshot);
  const cached = known?.get(registry);
  if (cached) return cached;
  const endpoints = findRegistryEndpoints(snapshot, registry);
  if (!known) computed.set(snapshot, (known = new Map()));
  known.set(registry, endpoints);
  return endpoints;
}

function findRegistryEndpoints(snapshot: Snapshot, registry: Registry): RegistryEndpoint[] {
  const index = indexSnapshot(snapshot);
  const result = new Map<string, RegistryEndpoint>();

  for (const connection of registry.privateEndpointConnections) {
    if (!connection.privateEndpointId) continue;
    const endpoint = index.privateEndpoint(connection.privateEndpointId);
    result.set(connection.privateEndpointId.toLowerCase(), {
      privateEndpointId: connection.privateEndpointId,
      endpoint,
      connection,
      status: connection.status,
      virtualNetworkId: endpoint?.virtualNetworkId,
      networkInterfaces: index.networkInterfacesOf(connection.privateEndpointId),
    });
  }

  for (const endpoint of snapshot.privateEndpoints) {
    if (result.has(endpoint.id.toLowerCase())) continue;
    const plsc = endpoint.connections.find((c) => sameId(c.privateLinkServiceId, registry.id));
    if (!plsc) continue;
    result.set(endpoint.id.toLowerCase(), {
      privateEndpointId: endpoint.id,
      endpoint,
      status: plsc.status,
      virtualNetworkId: endpoint.virtualNetworkId,
      networkInterfaces: index.networkInterfacesOf(endpoint.id),
    });
  }
  return [...result.values()];
}

/** Rejected and Disconnected endpoints carry no traffic, so no DNS record should point at them. */
export function carriesTraffic(status: ConnectionStatus): boolean {
  return status !== 'Rejected' && status !== 'Disconnected';
}
