// SDK objects → the snapshot's plain types. Azure leaves many properties out of a response when they
// hold their default; where the default is certain (an empty list, a record set's TTL) it is filled in
// here. A registry's network settings are not: a response (a Resource Graph row above all) that lacks
// them leaves them unknown, and the model says so with an optional field.
import * as l10n from '@vscode/l10n';
import type * as acr from '@azure/arm-containerregistry';
import type * as network from '@azure/arm-network';
import type * as privatedns from '@azure/arm-privatedns';
import type * as resources from '@azure/arm-resources-subscriptions';
import { parentId, resourceGroupOf, resourceName, subscriptionOf } from '../model/armId';
import type {
  AcrTask,
  AgentPool,
  ARecordSet,
  CustomDnsConfig,
  DnsForwardingRule,
  DnsForwardingRuleset,
  DnsResolverInboundEndpoint,
  NetworkInterface,
  NetworkInterfaceIpConfiguration,
  NetworkSecurityGroup,
  RouteTable,
  SecurityRule,
  PrivateDnsZone,
  PrivateDnsZoneGroup,
  PrivateEndpoint,
  PrivateEndpointConnection,
  PrivateLinkServiceConnection,
  Registry,
  RegistryUsage,
  Replication,
  ResourceId,
  Subnet,
  Subscription,
  VirtualNetwork,
  VirtualNetworkLink,
  VirtualNetworkPeering,
} from '../model/types';

/**
 * Every ARM resource in a response has an id; one without is malformed and cannot be placed in the
 * tree. `what` names it in the error, translated only when there is one (a load maps thousands).
 */
function requireId(resource: { id?: string }, what: string | (() => string)): ResourceId {
  if (!resource.id) throw new Error(l10n.t('Azure returned a {0} without an id.', typeof what === 'string' ? what : what()));
  return resource.id;
}

/**
 * Azure may leave `name` out of a response; it is always the last segment of the id. The mappers put
 * the two in their object literals by name: a literal that starts with a spread and then adds keys
 * takes a slow path in Node's V8, and a load maps thousands of resources.
 */
function idAndName(resource: { id?: string; name?: string }, what: string | (() => string)): { id: ResourceId; name: string } {
  const id = requireId(resource, what);
  return { id, name: resource.name ?? resourceName(id) };
}

function scopeOf(id: ResourceId): { subscriptionId: string; resourceGroup: string } {
  return { subscriptionId: subscriptionOf(id), resourceGroup: resourceGroupOf(id) };
}

export function toSubscription(s: resources.Subscription): Subscription {
  const subscriptionId = s.subscriptionId ?? resourceName(requireId(s, 'subscription'));
  return {
    id: s.id ?? `/subscriptions/${subscriptionId}`,
    subscriptionId,
    displayName: s.displayName ?? subscriptionId,
    tenantId: s.tenantId ?? '',
    state: s.state ?? 'Enabled',
  };
}

export function toPrivateEndpointConnection(registryId: ResourceId, c: acr.PrivateEndpointConnection): PrivateEndpointConnection {
  const state = c.privateLinkServiceConnectionState;
  const { id, name } = idAndName(c, () => l10n.t('private endpoint connection'));
  return {
    id,
    name,
    registryId,
    ...(c.privateEndpoint?.id ? { privateEndpointId: c.privateEndpoint.id } : {}),
    status: state?.status ?? 'Pending',
    ...(state?.description !== undefined ? { description: state.description } : {}),
    ...(state?.actionsRequired !== undefined ? { actionsRequired: state.actionsRequired } : {}),
    ...(c.provisioningState !== undefined ? { provisioningState: c.provisioningState } : {}),
  };
}

export function toRegistry(r: acr.Registry): Registry {
  const { id, name } = idAndName(r, 'registry');
  return {
    id,
    name,
    ...scopeOf(id),
    location: r.location,
    sku: r.sku?.name ?? 'Basic',
    // Azure always reports it; an answer without one leaves it empty, never guessed from the name.
    loginServer: r.loginServer ?? '',
    // A field the response leaves out is unknown, not Azure's default: Resource Graph rows, above all,
    // may lack it, and a finding about public access must come from a value Azure sent.
    ...(r.publicNetworkAccess !== undefined ? { publicNetworkAccess: r.publicNetworkAccess } : {}),
    ...(r.networkRuleBypassOptions !== undefined ? { networkRuleBypassOptions: r.networkRuleBypassOptions } : {}),
    ...(r.dataEndpointEnabled !== undefined ? { dataEndpointEnabled: r.dataEndpointEnabled } : {}),
    dataEndpointHostNames: r.dataEndpointHostNames ?? [],
    privateEndpointConnections: (r.privateEndpointConnections ?? []).map((c) => toPrivateEndpointConnection(id, c)),
    ...(r.networkRuleSet?.defaultAction !== undefined ? { networkRuleDefaultAction: r.networkRuleSet.defaultAction } : {}),
  };
}

/** A task as `GET …/registries/{r}/tasks` lists it (no SDK covers tasks: the raw ARM shape). */
export function toAcrTask(t: { id?: string; name?: string; status?: string; agentPoolName?: string }): AcrTask {
  const { id, name } = idAndName(t, 'task');
  return {
    id,
    name,
    ...(t.status !== undefined ? { status: t.status } : {}),
    ...(t.agentPoolName ? { agentPoolName: t.agentPoolName } : {}),
  };
}

/** An agent pool as `GET …/registries/{r}/agentPools` lists it. */
export function toAgentPool(p: { id?: string; name?: string; virtualNetworkSubnetResourceId?: string; provisioningState?: string }): AgentPool {
  const { id, name } = idAndName(p, 'agent pool');
  return {
    id,
    name,
    ...(p.virtualNetworkSubnetResourceId ? { virtualNetworkSubnetResourceId: p.virtualNetworkSubnetResourceId } : {}),
    ...(p.provisioningState !== undefined ? { provisioningState: p.provisioningState } : {}),
  };
}

export function toReplication(registryId: ResourceId, r: acr.Replication): Replication {
  const { id, name } = idAndName(r, 'replication');
  return {
    id,
    name,
    registryId,
    location: r.location,
    ...(r.provisioningState !== undefined ? { provisioningState: r.provisioningState } : {}),
    regionEndpointEnabled: r.regionEndpointEnabled ?? true,
  };
}

export function toRegistryUsage(u: acr.RegistryUsage): RegistryUsage {
  return { name: u.name ?? '', limit: u.limit ?? 0, currentValue: u.currentValue ?? 0, unit: u.unit ?? 'Count' };
}

function toPrivateLinkServiceConnection(c: network.PrivateLinkServiceConnection, manual: boolean): PrivateLinkServiceConnection {
  const state = c.privateLinkServiceConnectionState;
  return {
    name: c.name ?? resourceName(c.id ?? ''),
    privateLinkServiceId: c.privateLinkServiceId ?? '',
    groupIds: c.groupIds ?? [],
    ...(c.requestMessage !== undefined ? { requestMessage: c.requestMessage } : {}),
    // Auto-approved connections are created Approved; a manual one waits for the owner.
    status: state?.status ?? (manual ? 'Pending' : 'Approved'),
    ...(state?.description !== undefined ? { description: state.description } : {}),
    manual,
  };
}

function toCustomDnsConfig(c: network.CustomDnsConfigPropertiesFormat): CustomDnsConfig {
  return { fqdn: c.fqdn ?? '', ipAddresses: c.ipAddresses ?? [] };
}

export function toPrivateEndpoint(pe: network.PrivateEndpoint): PrivateEndpoint {
  const { id, name } = idAndName(pe, () => l10n.t('private endpoint'));
  const subnetId = pe.subnet?.id ?? '';
  return {
    id,
    name,
    ...scopeOf(id),
    location: pe.location ?? '',
    subnetId,
    virtualNetworkId: subnetId ? (parentId(subnetId) ?? '') : '',
    networkInterfaceIds: (pe.networkInterfaces ?? []).flatMap((n) => (n.id ? [n.id] : [])),
    connections: [
      ...(pe.privateLinkServiceConnections ?? []).map((c) => toPrivateLinkServiceConnection(c, false)),
      ...(pe.manualPrivateLinkServiceConnections ?? []).map((c) => toPrivateLinkServiceConnection(c, true)),
    ],
    customDnsConfigs: (pe.customDnsConfigs ?? []).map(toCustomDnsConfig),
    ...(pe.provisioningState !== undefined ? { provisioningState: pe.provisioningState } : {}),
  };
}

function toIpConfiguration(ip: network.NetworkInterfaceIPConfiguration): NetworkInterfaceIpConfiguration {
  const link = ip.privateLinkConnectionProperties;
  return {
    name: ip.name ?? resourceName(ip.id ?? ''),
    privateIPAddress: ip.privateIPAddress ?? '',
    ...(link?.groupId !== undefined ? { groupId: link.groupId } : {}),
    ...(link?.requiredMemberName !== undefined ? { requiredMemberName: link.requiredMemberName } : {}),
    fqdns: link?.fqdns ?? [],
  };
}

export function toNetworkInterface(nic: network.NetworkInterface): NetworkInterface {
  const { id, name } = idAndName(nic, () => l10n.t('network interface'));
  return {
    id,
    name,
    ...(nic.privateEndpoint?.id ? { privateEndpointId: nic.privateEndpoint.id } : {}),
    ipConfigurations: (nic.ipConfigurations ?? []).map(toIpConfiguration),
  };
}

export function toSubnet(virtualNetworkId: ResourceId, s: network.Subnet): Subnet {
  const { id, name } = idAndName(s, 'subnet');
  return {
    id,
    name,
    virtualNetworkId,
    addressPrefix: s.addressPrefix ?? s.addressPrefixes?.[0] ?? '',
    // Azure's default for new subnets since 2023 is Disabled; older ones omit the property and mean Enabled.
    privateEndpointNetworkPolicies: s.privateEndpointNetworkPolicies ?? 'Enabled',
    ...(s.ipConfigurations !== undefined ? { usedIpCount: s.ipConfigurations.length } : {}),
    ...(s.networkSecurityGroup?.id ? { networkSecurityGroupId: s.networkSecurityGroup.id } : {}),
    ...(s.routeTable?.id ? { routeTableId: s.routeTable.id } : {}),
  };
}

function toSecurityRule(r: network.SecurityRule): SecurityRule {
  const both = (one: string | undefined, many: string[] | undefined): string[] => [...(one ? [one] : []), ...(many ?? [])];
  return {
    name: r.name ?? resourceName(r.id ?? ''),
    priority: r.priority ?? 0,
    direction: r.direction ?? 'Inbound',
    access: r.access ?? 'Allow',
    protocol: r.protocol ?? '*',
    sourceAddressPrefixes: both(r.sourceAddressPrefix, r.sourceAddressPrefixes),
    destinationAddressPrefixes: both(r.destinationAddressPrefix, r.destinationAddressPrefixes),
    destinationPortRanges: both(r.destinationPortRange, r.destinationPortRanges),
  };
}

/** A network security group with its rules and Azure's default rules, which decide what no rule of its own does. */
export function toNetworkSecurityGroup(g: network.NetworkSecurityGroup): NetworkSecurityGroup {
  const { id, name } = idAndName(g, 'network security group');
  return {
    id,
    name,
    securityRules: [...(g.securityRules ?? []), ...(g.defaultSecurityRules ?? [])].map(toSecurityRule),
  };
}

/** A route table with its user-defined routes. */
export function toRouteTable(t: network.RouteTable): RouteTable {
  const { id, name } = idAndName(t, 'route table');
  return {
    id,
    name,
    routes: (t.routes ?? []).map((r) => ({
      name: r.name ?? resourceName(r.id ?? ''),
      addressPrefix: r.addressPrefix ?? '',
      nextHopType: r.nextHopType ?? '',
      ...(r.nextHopIpAddress ? { nextHopIpAddress: r.nextHopIpAddress } : {}),
    })),
    ...(t.disableBgpRoutePropagation !== undefined ? { disableBgpRoutePropagation: t.disableBgpRoutePropagation } : {}),
  };
}

export function toVirtualNetwork(v: network.VirtualNetwork): VirtualNetwork {
  const { id, name } = idAndName(v, () => l10n.t('virtual network'));
  return {
    id,
    name,
    ...scopeOf(id),
    location: v.location ?? '',
    addressPrefixes: v.addressSpace?.addressPrefixes ?? [],
    subnets: (v.subnets ?? []).map((s) => toSubnet(id, s)),
    // Azure leaves dhcpOptions out when the VNet uses Azure-provided DNS: no servers is certain then.
    dnsServers: v.dhcpOptions?.dnsServers ?? [],
    virtualNetworkPeerings: (v.virtualNetworkPeerings ?? []).flatMap((p): VirtualNetworkPeering[] =>
      p.remoteVirtualNetwork?.id
        ? [{ id: p.id ?? `${id}/virtualNetworkPeerings/${p.name ?? ''}`, name: p.name ?? resourceName(p.id ?? ''), remoteVirtualNetworkId: p.remoteVirtualNetwork.id, ...(p.peeringState !== undefined ? { peeringState: p.peeringState } : {}) }]
        : [],
    ),
  };
}

/** The official examples show zone group ids under `privateLinkServices/…`; the endpoint the group was read from is the truth. */
export function toPrivateDnsZoneGroup(privateEndpointId: ResourceId, g: network.PrivateDnsZoneGroup): PrivateDnsZoneGroup {
  const name = g.name ?? resourceName(g.id ?? '');
  return {
    id: g.id ?? `${privateEndpointId}/privateDnsZoneGroups/${name}`,
    name,
    privateEndpointId,
    privateDnsZoneConfigs: (g.privateDnsZoneConfigs ?? []).map((c) => ({
      name: c.name ?? '',
      privateDnsZoneId: c.privateDnsZoneId ?? '',
      recordSets: (c.recordSets ?? []).map((r) => ({
        recordSetName: r.recordSetName ?? '',
        ...(r.fqdn !== undefined ? { fqdn: r.fqdn } : {}),
        ipAddresses: r.ipAddresses ?? [],
      })),
    })),
  };
}

export function toPrivateDnsZone(z: privatedns.PrivateZone): PrivateDnsZone {
  const { id, name } = idAndName(z, () => l10n.t('private DNS zone'));
  return {
    id,
    name,
    ...scopeOf(id),
    ...(z.etag !== undefined ? { etag: z.etag } : {}),
    ...(z.numberOfRecordSets !== undefined ? { numberOfRecordSets: z.numberOfRecordSets } : {}),
    ...(z.numberOfVirtualNetworkLinks !== undefined ? { numberOfVirtualNetworkLinks: z.numberOfVirtualNetworkLinks } : {}),
  };
}

export function toVirtualNetworkLink(l: privatedns.VirtualNetworkLink): VirtualNetworkLink {
  const { id, name } = idAndName(l, () => l10n.t('virtual network link'));
  return {
    id,
    name,
    privateDnsZoneId: parentId(id) ?? '',
    virtualNetworkId: l.virtualNetwork?.id ?? '',
    registrationEnabled: l.registrationEnabled ?? false,
    // Private DNS 2024-06-01 (Resource Graph rows, the raw ARM read); the SDK's older models lack it.
    ...((l as { resolutionPolicy?: string }).resolutionPolicy !== undefined ? { resolutionPolicy: (l as { resolutionPolicy?: string }).resolutionPolicy! } : {}),
    ...(l.virtualNetworkLinkState !== undefined ? { virtualNetworkLinkState: l.virtualNetworkLinkState } : {}),
    ...(l.provisioningState !== undefined ? { provisioningState: l.provisioningState } : {}),
    ...(l.etag !== undefined ? { etag: l.etag } : {}),
  };
}

export function toARecordSet(r: privatedns.RecordSet): ARecordSet {
  const { id, name } = idAndName(r, () => l10n.t('record set'));
  const zoneId = parentId(id) ?? '';
  return {
    id,
    name,
    privateDnsZoneId: zoneId,
    fqdn: r.fqdn ?? `${name}.${resourceName(zoneId)}.`,
    ttl: r.ttl ?? 3600,
    etag: r.etag ?? '',
    ipv4Addresses: (r.aRecords ?? []).flatMap((a) => (a.ipv4Address ? [a.ipv4Address] : [])),
  };
}

// DNS Private Resolver (Microsoft.Network 2022-07-01): no SDK in this project, so raw ARM JSON with
// `properties` flattened (`flattenArmProperties`), the shapes of Microsoft's REST reference.

export interface RawInboundEndpoint {
  id?: string;
  name?: string;
  ipConfigurations?: { subnet?: { id?: string }; privateIpAddress?: string }[];
}

export interface RawForwardingRule {
  id?: string;
  name?: string;
  domainName?: string;
  targetDnsServers?: { ipAddress?: string; port?: number }[];
  forwardingRuleState?: string;
}

export interface RawRulesetLink {
  id?: string;
  virtualNetwork?: { id?: string };
}

export interface RawRuleset {
  id?: string;
  name?: string;
}

export function toInboundEndpoint(e: RawInboundEndpoint): DnsResolverInboundEndpoint {
  const { id, name } = idAndName(e, 'DNS resolver inbound endpoint');
  const configs = e.ipConfigurations ?? [];
  const subnetId = configs.find((c) => c.subnet?.id)?.subnet?.id ?? '';
  return {
    id,
    name,
    dnsResolverId: parentId(id) ?? '',
    virtualNetworkId: subnetId ? (parentId(subnetId) ?? '') : '',
    ipAddresses: configs.flatMap((c) => (c.privateIpAddress ? [c.privateIpAddress] : [])),
  };
}

export function toForwardingRule(r: RawForwardingRule): DnsForwardingRule {
  const { name } = idAndName(r, 'DNS forwarding rule');
  return {
    name,
    domainName: r.domainName ?? '',
    targetDnsServers: (r.targetDnsServers ?? []).flatMap((t) => (t.ipAddress ? [{ ipAddress: t.ipAddress, port: t.port ?? 53 }] : [])),
    enabled: (r.forwardingRuleState ?? 'Enabled').toLowerCase() !== 'disabled',
  };
}

export function toForwardingRuleset(r: RawRuleset, links: RawRulesetLink[], rules: RawForwardingRule[]): DnsForwardingRuleset {
  const { id, name } = idAndName(r, 'DNS forwarding ruleset');
  return {
    id,
    name,
    ...scopeOf(id),
    virtualNetworkIds: links.flatMap((l) => (l.virtualNetwork?.id ? [l.virtualNetwork.id] : [])),
    rules: rules.map(toForwardingRule),
  };
}
