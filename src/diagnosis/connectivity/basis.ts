// What a connectivity check's verdicts rest on: the hosts it tried, the private address each should
// reach, the A records of those names in the zones read, the registry's connections and public
// network access, and the endpoint subnets' network policies (named in its messages). A result whose basis differs from the registry as read now
// describes a registry that is no longer there: it is kept, marked outdated, and raises no finding.
import type { ResourceId, Snapshot } from '../../model/types';
import { registryContext } from '../context';
import { indexSnapshot } from '../snapshotIndex';
import { connectivityHosts } from './check';

export function connectivityBasis(snapshot: Snapshot, registryId: ResourceId): string {
  const ctx = registryContext(snapshot, registryId);
  if (!ctx) return '';
  const { registry, expected } = ctx;
  const index = indexSnapshot(snapshot);
  const endpointIds = new Set(expected.map((e) => e.privateEndpointId.toLowerCase()));
  const subnets: string[] = [];
  for (const id of endpointIds) {
    const endpoint = index.privateEndpoint(id);
    const subnet = endpoint ? index.subnet(endpoint.subnetId)?.subnet : undefined;
    if (subnet) subnets.push(`${subnet.id.toLowerCase()}=${subnet.privateEndpointNetworkPolicies}`);
  }
  // What a client in an endpoint's VNet is given for each name: a record written or removed changes what is dialed.
  const recordNames = new Set(expected.map((e) => e.recordSetName.toLowerCase()));
  const records = snapshot.aRecordSets.filter((r) => recordNames.has(r.name.toLowerCase())).map((r) => `${r.id.toLowerCase()}=${[...r.ipv4Addresses].sort().join(',')}`);
  return JSON.stringify({
    hosts: connectivityHosts(snapshot, registryId).map((h) => `${h.role}:${h.host}`),
    addresses: expected.map((e) => `${e.fqdn}=${e.privateIPAddress ?? ''}@${e.privateEndpointId.toLowerCase()}`).sort(),
    records: records.sort(),
    connections: registry.privateEndpointConnections.map((c) => `${c.id.toLowerCase()}=${c.status}`).sort(),
    publicNetworkAccess: registry.publicNetworkAccess ?? '',
    subnets: subnets.sort(),
  });
}
