// What a connectivity check's verdicts rest on, part by part: the hosts it tried, the private address
// each should reach, the A records of those names in the zones read, the registry's connections and
// public network access, and for each endpoint its subnet with the network policies, and what of the
// subnet's network security group and route table applies to it (the inbound rules that take TCP 443
// to its addresses; the routes). A part that could not be read is named with why, never guessed.
// A result whose basis differs from the registry as read now describes a registry that is no longer
// there: it is kept, marked outdated, and raises no finding; one whose basis cannot be compared (a part
// unread then or now) is not taken as current either.
import * as l10n from '@vscode/l10n';
import { resourceName, sameId } from '../../model/armId';
import { routeTableApplies, securityGroupApplies } from '../../model/networkPolicies';
import type { ConnectivityBasis } from '../../model/connectivityBasis';
import { readWhat, type LoadError, type ReadKind, type ResourceId, type RouteTable, type Snapshot } from '../../model/types';
import { registryContext } from '../context';
import type { RegistryEndpoint } from '../endpoints';
import { indexSnapshot } from '../snapshotIndex';
import { inboundHttpsRules } from '../subnetFindings';
import { unreadAt, unreadNote } from '../unread';
import { connectivityHosts } from './check';

export function connectivityBasis(snapshot: Snapshot, registryId: ResourceId): ConnectivityBasis {
  const ctx = registryContext(snapshot, registryId);
  if (!ctx) return { parts: {}, unread: {} };
  const { registry, expected } = ctx;
  const parts: Record<string, string> = {};
  const unread: Record<string, string> = {};
  const put = (part: string, value: string | Unread): void => {
    if (typeof value === 'string') parts[part] = value;
    else unread[part] = value.why;
  };

  const replicas = registry.sku.toLowerCase() === 'premium' ? unreadAt(snapshot, 'replications', registry.id) : undefined;
  put('hosts', replicas ? failed(replicas) : connectivityHosts(snapshot, registryId).map((h) => `${h.role}:${h.host}`).join(' '));

  const endpointFailure = ctx.endpoints.flatMap((e) => endpointReadFailure(snapshot, e) ?? [])[0];
  put('addresses', endpointFailure ?? expected.map((e) => `${e.fqdn}=${e.privateIPAddress ?? ''}@${e.privateEndpointId.toLowerCase()}`).sort().join(' '));

  // What a client in an endpoint's VNet is given for each name: a record written or removed changes what is dialed.
  const recordFailure = snapshot.errors.find((e) => e.read === 'aRecordSets' || e.read === 'privateDnsZones');
  const recordNames = new Set(expected.map((e) => e.recordSetName.toLowerCase()));
  put(
    'records',
    recordFailure
      ? failed(recordFailure)
      : snapshot.aRecordSets
          .filter((r) => recordNames.has(r.name.toLowerCase()))
          .map((r) => `${r.id.toLowerCase()}=${[...r.ipv4Addresses].sort().join(',')}`)
          .sort()
          .join(' '),
  );

  put('connections', registry.privateEndpointConnections.map((c) => `${c.id.toLowerCase()}=${c.status}`).sort().join(' '));
  put('publicNetworkAccess', registry.publicNetworkAccess ?? { why: l10n.t('the public network access of registry {0} is not known', registry.name) });
  for (const e of ctx.endpoints) put(`endpoint:${e.privateEndpointId.toLowerCase()}`, endpointPart(snapshot, e));
  return { parts, unread };
}

interface Unread {
  why: string;
}

const failed = (error: LoadError): Unread => ({ why: unreadNote(error) });
const notRead = (kind: ReadKind, id: ResourceId): Unread => ({ why: l10n.t('{0} {1} was not read', readWhat[kind], resourceName(id)) });

/** Why the endpoint or its NICs (its addresses) could not be read, if they could not. */
function endpointReadFailure(snapshot: Snapshot, e: RegistryEndpoint): Unread | undefined {
  const endpoint = unreadAt(snapshot, 'privateEndpoint', e.privateEndpointId);
  if (endpoint) return failed(endpoint);
  for (const id of e.endpoint?.networkInterfaceIds ?? []) {
    const nic = unreadAt(snapshot, 'networkInterface', id);
    if (nic) return failed(nic);
  }
  return undefined;
}

/**
 * The endpoint's subnet with its network policies; where they let them apply, the inbound rules of
 * its network security group that take TCP 443 to the endpoint's addresses, and its route table's
 * routes. A rule for another port or address, or a group or table the policies leave out, is no part:
 * changing it changes nothing the check measured.
 */
function endpointPart(snapshot: Snapshot, e: RegistryEndpoint): string | Unread {
  const endpoint = e.endpoint;
  if (!endpoint) return endpointReadFailure(snapshot, e) ?? notRead('privateEndpoint', e.privateEndpointId);
  const found = indexSnapshot(snapshot).subnet(endpoint.subnetId);
  if (!found) {
    const vnet = unreadAt(snapshot, 'virtualNetwork', endpoint.virtualNetworkId);
    if (vnet) return failed(vnet);
    // The VNet was read and has no such subnet now; an unread VNet without an error is not known.
    return snapshot.virtualNetworks.some((v) => sameId(v.id, endpoint.virtualNetworkId)) ? `${endpoint.subnetId.toLowerCase()} absent` : notRead('virtualNetwork', endpoint.virtualNetworkId);
  }
  const { subnet } = found;
  const lines = [`${subnet.id.toLowerCase()} ${subnet.privateEndpointNetworkPolicies}`];
  if (subnet.networkSecurityGroupId && securityGroupApplies(subnet)) {
    const nsg = snapshot.networkSecurityGroups?.find((g) => sameId(g.id, subnet.networkSecurityGroupId));
    if (!nsg) return readFailure(snapshot, 'networkSecurityGroup', subnet.networkSecurityGroupId);
    const addresses = e.networkInterfaces.flatMap((n) => n.ipConfigurations.map((c) => c.privateIPAddress));
    const rules = inboundHttpsRules(nsg, addresses).map(
      (r) => `${r.priority} ${r.name} ${r.access} ${r.protocol} ${r.sourceAddressPrefixes.join(',')} > ${r.destinationAddressPrefixes.join(',')}:${r.destinationPortRanges.join(',')}`,
    );
    lines.push(`nsg ${nsg.id.toLowerCase()}`, ...rules);
  }
  if (subnet.routeTableId && routeTableApplies(subnet)) {
    const table = snapshot.routeTables?.find((t) => sameId(t.id, subnet.routeTableId));
    if (!table) return readFailure(snapshot, 'routeTable', subnet.routeTableId);
    lines.push(...routeLines(table));
  }
  return lines.join('\n');
}

function readFailure(snapshot: Snapshot, kind: ReadKind, id: ResourceId): Unread {
  const error = unreadAt(snapshot, kind, id);
  return error ? failed(error) : notRead(kind, id);
}

function routeLines(table: RouteTable): string[] {
  const routes = table.routes.map((r) => `${r.addressPrefix} ${r.nextHopType} ${r.nextHopIpAddress ?? ''} (${r.name})`).sort();
  return [`routeTable ${table.id.toLowerCase()}${table.disableBgpRoutePropagation ? ' no-bgp' : ''}`, ...routes];
}
