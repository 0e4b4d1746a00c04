// The sandbox's world: plain JSON-serialisable records keyed by lower-cased ARM id (Azure compares ids
// case-insensitively). Resources are stored in the wire shape of the official examples, minus the
// read-only fields that are derived from other resources (a registry's privateEndpointConnections, a
// zone's record counts), which the providers compute when they render a response.

import * as fs from 'node:fs';

export type Tags = Record<string, string>;

export interface SubscriptionRecord {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state: 'Enabled' | 'Disabled' | 'Warned' | 'PastDue' | 'Deleted';
  /** Resource provider namespace → registration state. */
  providers: Record<string, 'Registered' | 'NotRegistered' | 'Registering'>;
}

export interface ResourceGroupRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
}

export interface RegistryRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
  sku: { name: 'Basic' | 'Standard' | 'Premium'; tier: 'Basic' | 'Standard' | 'Premium' };
  creationDate: string;
  adminUserEnabled: boolean;
  dataEndpointEnabled: boolean;
  publicNetworkAccess: 'Enabled' | 'Disabled';
  networkRuleBypassOptions: 'AzureServices' | 'None';
  networkRuleSet: {
    defaultAction: 'Allow' | 'Deny';
    ipRules: { action: string; value: string }[];
    /** Service-endpoint rules: subnet ids. Azure shows them only to api-versions up to 2021-08-01-preview. */
    virtualNetworkRules?: { action: string; id: string }[];
  };
  zoneRedundancy: 'Enabled' | 'Disabled';
  /** Created before October 2021: 10 private endpoints instead of 200. */
  legacyEndpointLimit?: boolean;
}

/** An ACR task (registries/tasks): the parts that decide where it runs. */
export interface TaskRecord {
  id: string;
  name: string;
  location: string;
  status: 'Enabled' | 'Disabled';
  /** The dedicated agent pool it runs on; absent: the shared pool. */
  agentPoolName?: string;
  creationDate: string;
}

/** A dedicated agent pool (registries/agentPools). */
export interface AgentPoolRecord {
  id: string;
  name: string;
  location: string;
  count: number;
  tier: string;
  os: 'Linux' | 'Windows';
  virtualNetworkSubnetResourceId?: string;
}

export interface ReplicationRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
  regionEndpointEnabled: boolean;
  zoneRedundancy: 'Enabled' | 'Disabled';
  createdAt: string;
}

export interface ConnectionState {
  status: string;
  description: string;
  actionsRequired: string;
}

/** A registry's side of a private endpoint connection (Microsoft.ContainerRegistry/registries/privateEndpointConnections). */
export interface RegistryConnectionRecord {
  id: string;
  name: string;
  privateEndpointId: string;
  privateLinkServiceConnectionState: ConnectionState;
}

export interface SubnetRecord {
  id: string;
  name: string;
  addressPrefix: string;
  privateEndpointNetworkPolicies: 'Enabled' | 'Disabled' | 'NetworkSecurityGroupEnabled' | 'RouteTableEnabled';
  privateLinkServiceNetworkPolicies: 'Enabled' | 'Disabled';
  delegations?: unknown[];
  /** The network security group associated with the subnet. */
  networkSecurityGroupId?: string;
}

/** A security rule of a network security group, in ARM's property names. */
export interface SecurityRuleRecord {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  sourcePortRange: string;
  destinationAddressPrefix?: string;
  destinationAddressPrefixes?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
}

export interface NetworkSecurityGroupRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
  securityRules: SecurityRuleRecord[];
}

export interface VirtualNetworkRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
  addressPrefixes: string[];
  dnsServers: string[];
  subnets: SubnetRecord[];
  /** `virtualNetworkPeerings`: Connected once the remote VNet peers back, Initiated until then. */
  peerings?: VirtualNetworkPeeringRecord[];
}

export interface VirtualNetworkPeeringRecord {
  name: string;
  remoteVirtualNetworkId: string;
  allowVirtualNetworkAccess: boolean;
  allowForwardedTraffic: boolean;
}

/** Microsoft.Network/dnsResolvers: a DNS Private Resolver in a VNet. */
export interface DnsResolverRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
  virtualNetworkId: string;
}

/** Microsoft.Network/dnsResolvers/inboundEndpoints: an IP in a subnet of the resolver's VNet that answers as Azure DNS does there. */
export interface InboundEndpointRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
  ipConfigurations: { subnetId: string; privateIpAddress: string; privateIpAllocationMethod: 'Dynamic' | 'Static' }[];
}

/** Microsoft.Network/dnsForwardingRulesets; its outbound endpoints are kept as ids (outbound endpoints are not modelled). */
export interface DnsForwardingRulesetRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
  outboundEndpointIds: string[];
}

export interface ForwardingRuleRecord {
  id: string;
  name: string;
  etag: string;
  domainName: string;
  targetDnsServers: { ipAddress: string; port: number }[];
  forwardingRuleState: 'Enabled' | 'Disabled';
  metadata?: Tags;
}

export interface RulesetLinkRecord {
  id: string;
  name: string;
  etag: string;
  virtualNetworkId: string;
  metadata?: Tags;
}

export interface NicIpConfigurationRecord {
  name: string;
  privateIPAddress: string;
  subnetId: string;
  primary: boolean;
  privateLinkConnectionProperties?: { groupId: string; requiredMemberName: string; fqdns: string[] };
}

export interface NetworkInterfaceRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
  ipConfigurations: NicIpConfigurationRecord[];
  privateEndpointId?: string;
  virtualMachineId?: string;
  macAddress: string;
}

export interface EndpointConnectionRecord {
  id: string;
  name: string;
  privateLinkServiceId: string;
  groupIds: string[];
  requestMessage?: string;
  privateLinkServiceConnectionState: ConnectionState;
}

export interface PrivateEndpointRecord {
  id: string;
  name: string;
  location: string;
  tags?: Tags;
  subnetId: string;
  networkInterfaceId: string;
  privateLinkServiceConnections: EndpointConnectionRecord[];
  manualPrivateLinkServiceConnections: EndpointConnectionRecord[];
  customNetworkInterfaceName?: string;
  /** The registry-side connection this endpoint created (id of registries/privateEndpointConnections). */
  registryConnectionId?: string;
}

export interface DnsZoneConfigRecord {
  name: string;
  privateDnsZoneId: string;
}

export interface PrivateDnsZoneGroupRecord {
  id: string;
  name: string;
  privateEndpointId: string;
  privateDnsZoneConfigs: DnsZoneConfigRecord[];
  /**
   * The A record sets this group wrote. Azure deletes them with the group (or its endpoint) whatever
   * they hold by then, even when another endpoint's zone group has written its IP over them since.
   */
  writtenRecordSets?: { zoneId: string; name: string; ipAddresses: string[] }[];
}

export interface PrivateDnsZoneRecord {
  id: string;
  name: string;
  tags?: Tags;
  etag: string;
  internalId: string;
}

export interface VirtualNetworkLinkRecord {
  id: string;
  name: string;
  tags?: Tags;
  etag: string;
  virtualNetworkId: string;
  registrationEnabled: boolean;
  resolutionPolicy?: string;
}

export interface ARecordSetRecord {
  id: string;
  /** Lower-cased relative name, as Azure returns it. */
  name: string;
  zoneId: string;
  etag: string;
  ttl: number;
  metadata?: Tags;
  aRecords: { ipv4Address: string }[];
  /** The zone group that wrote this record last (scenarios set it for records they build as a zone group would). */
  managedByZoneGroupId?: string;
}

export interface SandboxState {
  tenantId: string;
  scenario: string;
  /** VNet the DNS server answers for (null: a client outside any VNet, i.e. the public chain). */
  dnsVirtualNetworkId: string | null;
  subscriptions: SubscriptionRecord[];
  resourceGroups: Record<string, ResourceGroupRecord>;
  registries: Record<string, RegistryRecord>;
  replications: Record<string, ReplicationRecord>;
  registryConnections: Record<string, RegistryConnectionRecord>;
  virtualNetworks: Record<string, VirtualNetworkRecord>;
  networkInterfaces: Record<string, NetworkInterfaceRecord>;
  privateEndpoints: Record<string, PrivateEndpointRecord>;
  privateDnsZoneGroups: Record<string, PrivateDnsZoneGroupRecord>;
  privateDnsZones: Record<string, PrivateDnsZoneRecord>;
  virtualNetworkLinks: Record<string, VirtualNetworkLinkRecord>;
  /** Zone id (lower) → record name (lower) → record set. */
  aRecordSets: Record<string, Record<string, ARecordSetRecord>>;
  /** Absent in states saved before DNS Private Resolver was modelled: read as empty. */
  dnsResolvers?: Record<string, DnsResolverRecord>;
  inboundEndpoints?: Record<string, InboundEndpointRecord>;
  dnsForwardingRulesets?: Record<string, DnsForwardingRulesetRecord>;
  forwardingRules?: Record<string, ForwardingRuleRecord>;
  rulesetLinks?: Record<string, RulesetLinkRecord>;
  /**
   * DNS servers (not Azure resources: VMs of yours) that forward the registry suffix to Azure DNS from a
   * VNet: IP → that VNet's id. Any other custom DNS server in the sandbox answers as a server without
   * that forwarder does, with the public chain.
   */
  dnsServerForwarders?: Record<string, string>;
  tasks: Record<string, TaskRecord>;
  agentPools: Record<string, AgentPoolRecord>;
  networkSecurityGroups: Record<string, NetworkSecurityGroupRecord>;
}

export type ResourceCollection =
  | 'resourceGroups' | 'registries' | 'replications' | 'registryConnections' | 'virtualNetworks' | 'networkInterfaces'
  | 'privateEndpoints' | 'privateDnsZoneGroups' | 'privateDnsZones' | 'virtualNetworkLinks';

export function emptyState(tenantId: string, scenario: string): SandboxState {
  return {
    tenantId,
    scenario,
    dnsVirtualNetworkId: null,
    subscriptions: [],
    resourceGroups: {},
    registries: {},
    replications: {},
    registryConnections: {},
    virtualNetworks: {},
    networkInterfaces: {},
    privateEndpoints: {},
    privateDnsZoneGroups: {},
    privateDnsZones: {},
    virtualNetworkLinks: {},
    aRecordSets: {},
    dnsResolvers: {},
    inboundEndpoints: {},
    dnsForwardingRulesets: {},
    forwardingRules: {},
    rulesetLinks: {},
    dnsServerForwarders: {},
    tasks: {},
    agentPools: {},
    networkSecurityGroups: {},
  };
}

export const key = (id: string): string => id.toLowerCase();

/** Records of a collection whose id starts with `prefix` (a scope: subscription, group, or parent resource). */
export function listUnder<T extends { id: string }>(collection: Record<string, T>, prefix: string): T[] {
  const p = prefix.toLowerCase() + '/';
  const out: T[] = [];
  for (const [k, v] of Object.entries(collection)) if (k.startsWith(p)) out.push(v);
  return out;
}

/** Loads a persisted state, or undefined if the file does not exist yet. */
export function loadState(file: string): SandboxState | undefined {
  if (!fs.existsSync(file)) return undefined;
  const state = JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxState;
  // A state saved before tasks, agent pools and security groups were modelled has none.
  state.tasks ??= {};
  state.agentPools ??= {};
  state.networkSecurityGroups ??= {};
  return state;
}

/** Writes atomically (temp file + rename) so a crash mid-write never leaves a half-written demo state. */
export function saveState(file: string, state: SandboxState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}
