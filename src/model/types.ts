// The snapshot: plain data read from Azure (or the sandbox) that the tree, the diagnosis engine,
// the status panel and the CLI all read. Names follow Azure's own property names.
import * as l10n from '@vscode/l10n';

/** A full ARM resource id, e.g. `/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/privateEndpoints/pe1`. */
export type ResourceId = string;

export interface Subscription {
  id: ResourceId; // `/subscriptions/<subscriptionId>`
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state: string;
}

export type ConnectionStatus = 'Approved' | 'Pending' | 'Rejected' | 'Disconnected' | (string & {});

/** A private endpoint connection as the registry sees it. */
export interface PrivateEndpointConnection {
  id: ResourceId;
  name: string;
  registryId: ResourceId;
  privateEndpointId?: ResourceId;
  status: ConnectionStatus;
  description?: string;
  actionsRequired?: string;
  provisioningState?: string;
}

export interface Registry {
  id: ResourceId;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  sku: string; // Basic | Standard | Premium
  loginServer: string;
  // Enabled | Disabled; AzureServices | None. Absent when the response left them out (Resource Graph
  // rows often do): unknown, never read as Azure's default.
  publicNetworkAccess?: string;
  networkRuleBypassOptions?: string;
  dataEndpointEnabled?: boolean;
  dataEndpointHostNames: string[];
  privateEndpointConnections: PrivateEndpointConnection[];
  /** `networkRuleSet.defaultAction` (Allow | Deny), when the response carried it. */
  networkRuleDefaultAction?: string;
}

/** An ACR task (`Microsoft.ContainerRegistry/registries/tasks`): what runs it. */
export interface AcrTask {
  id: ResourceId;
  name: string;
  /** Enabled | Disabled. */
  status?: string;
  /** The agent pool it runs on; absent: the shared, public pool. */
  agentPoolName?: string;
}

/**
 * A registry's `networkRuleSet` as api-version 2021-08-01-preview shows it: newer api-versions (the
 * SDK's included) leave the virtual network (service endpoint) rules out.
 */
export interface RegistryNetworkRuleSet {
  defaultAction: string;
  ipRules: { action: string; value: string }[];
  /** Subnet ids whose service endpoint may reach the registry. */
  virtualNetworkRules: { action: string; id: ResourceId }[];
}

/** A dedicated agent pool (`Microsoft.ContainerRegistry/registries/agentPools`). */
export interface AgentPool {
  id: ResourceId;
  name: string;
  /** The subnet it runs in; absent: not in a virtual network. */
  virtualNetworkSubnetResourceId?: string;
  provisioningState?: string;
}

export interface Replication {
  id: ResourceId;
  name: string;
  registryId: ResourceId;
  location: string;
  provisioningState?: string;
  regionEndpointEnabled: boolean;
}

/** The endpoint side of a connection (privateLinkServiceConnections or manualPrivateLinkServiceConnections). */
export interface PrivateLinkServiceConnection {
  name: string;
  privateLinkServiceId: ResourceId;
  groupIds: string[];
  requestMessage?: string;
  status: ConnectionStatus;
  description?: string;
  manual: boolean;
}

export interface CustomDnsConfig {
  fqdn: string;
  ipAddresses: string[];
}

export interface PrivateEndpoint {
  id: ResourceId;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  subnetId: ResourceId;
  virtualNetworkId: ResourceId;
  networkInterfaceIds: ResourceId[];
  connections: PrivateLinkServiceConnection[];
  customDnsConfigs: CustomDnsConfig[];
  provisioningState?: string;
}

export interface NetworkInterfaceIpConfiguration {
  name: string;
  privateIPAddress: string;
  /** From `privateLinkConnectionProperties`: `registry`. */
  groupId?: string;
  /** `registry` or `registry_data_<region>`. */
  requiredMemberName?: string;
  fqdns: string[];
}

export interface NetworkInterface {
  id: ResourceId;
  name: string;
  privateEndpointId?: ResourceId;
  ipConfigurations: NetworkInterfaceIpConfiguration[];
}

export interface Subnet {
  id: ResourceId;
  name: string;
  virtualNetworkId: ResourceId;
  addressPrefix: string;
  privateEndpointNetworkPolicies: string; // Disabled | Enabled | NetworkSecurityGroupEnabled | RouteTableEnabled
  /** Number of IPs already taken in the subnet, when known. */
  usedIpCount?: number;
  /** The network security group associated with the subnet. */
  networkSecurityGroupId?: ResourceId;
}

/** A security rule of a network security group, its single and list forms of Azure merged. */
export interface SecurityRule {
  name: string;
  priority: number;
  /** Inbound | Outbound. */
  direction: string;
  /** Allow | Deny. */
  access: string;
  /** Tcp | Udp | Icmp | * … */
  protocol: string;
  sourceAddressPrefixes: string[];
  destinationAddressPrefixes: string[];
  destinationPortRanges: string[];
}

/** A network security group with its rules, Azure's default rules included. */
export interface NetworkSecurityGroup {
  id: ResourceId;
  name: string;
  securityRules: SecurityRule[];
}

export interface VirtualNetwork {
  id: ResourceId;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  addressPrefixes: string[];
  subnets: Subnet[];
  /**
   * `dhcpOptions.dnsServers`: the DNS servers its clients ask. Empty (or absent, as Azure leaves it
   * out when none are set) means Azure-provided DNS, 168.63.129.16.
   */
  dnsServers?: string[];
  /** `virtualNetworkPeerings`: peering shares addresses, never private DNS zones. */
  virtualNetworkPeerings?: VirtualNetworkPeering[];
}

export interface VirtualNetworkPeering {
  id: ResourceId;
  name: string;
  remoteVirtualNetworkId: ResourceId;
  /** Initiated | Connected | Disconnected. */
  peeringState?: string;
}

/** An Azure DNS Private Resolver's inbound endpoint: an IP in the resolver's VNet that answers as Azure DNS does there. */
export interface DnsResolverInboundEndpoint {
  id: ResourceId;
  name: string;
  dnsResolverId: ResourceId;
  /** The VNet of the endpoint's subnet, which is the resolver's VNet. */
  virtualNetworkId: ResourceId;
  ipAddresses: string[];
}

/** A rule of a DNS forwarding ruleset: queries for `domainName` (and names under it) go to the target servers. */
export interface DnsForwardingRule {
  name: string;
  /** As Azure stores it, with the trailing dot: `azurecr.io.`. */
  domainName: string;
  targetDnsServers: { ipAddress: string; port: number }[];
  /** `forwardingRuleState`: Enabled unless Disabled. */
  enabled: boolean;
}

/** A DNS forwarding ruleset with its rules and the VNets it is linked to (those VNets' Azure DNS applies its rules). */
export interface DnsForwardingRuleset {
  id: ResourceId;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  virtualNetworkIds: ResourceId[];
  rules: DnsForwardingRule[];
}

export interface PrivateDnsZone {
  id: ResourceId;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  etag?: string;
  numberOfRecordSets?: number;
  numberOfVirtualNetworkLinks?: number;
}

export interface VirtualNetworkLink {
  id: ResourceId;
  name: string;
  privateDnsZoneId: ResourceId;
  virtualNetworkId: ResourceId;
  registrationEnabled: boolean;
  /** `Default` or `NxDomainRedirect` (a name missing from the zone is then resolved publicly instead of NXDOMAIN). */
  resolutionPolicy?: string;
  virtualNetworkLinkState?: string;
  provisioningState?: string;
  etag?: string;
}

/** An A record set in a private DNS zone. `name` is relative to the zone (`myregistry.westeurope.data`). */
export interface ARecordSet {
  id: ResourceId;
  name: string;
  privateDnsZoneId: ResourceId;
  fqdn: string; // with trailing dot, as Azure returns it
  ttl: number;
  etag: string;
  ipv4Addresses: string[];
}

export interface PrivateDnsZoneConfig {
  name: string;
  privateDnsZoneId: ResourceId;
  recordSets: { recordSetName: string; fqdn?: string; ipAddresses: string[] }[];
}

export interface PrivateDnsZoneGroup {
  id: ResourceId;
  name: string;
  privateEndpointId: ResourceId;
  privateDnsZoneConfigs: PrivateDnsZoneConfig[];
}

export interface RegistryUsage {
  name: string; // e.g. PrivateEndpointConnections
  limit: number;
  currentValue: number;
  unit: string;
}

/**
 * Which read failed: a stable name the diagnosis decides by (which verdicts the failure leaves
 * unknown) and the CLI's JSON carries.
 */
export type ReadKind =
  | 'subscriptions'
  | 'subscription'
  | 'registries'
  | 'registry'
  | 'registryDetails'
  | 'replications'
  | 'usages'
  | 'privateEndpoint'
  | 'networkInterface'
  | 'virtualNetwork'
  | 'privateDnsZones'
  | 'virtualNetworkLinks'
  | 'aRecordSets'
  | 'privateDnsZoneGroups'
  | 'providerRegistration'
  | 'dnsResolvers'
  | 'dnsForwardingRulesets'
  | 'resourceGraph'
  | 'tasks'
  | 'agentPools'
  | 'networkRules'
  | 'networkSecurityGroup';

/** What each read reads, as messages name it (getters: in the language configured when it is read). */
export const readWhat: Record<ReadKind, string> = {
  get subscriptions() {
    return l10n.t('subscriptions');
  },
  get subscription() {
    return l10n.t('subscription');
  },
  get registries() {
    return l10n.t('registries');
  },
  get registry() {
    return l10n.t('registry');
  },
  get registryDetails() {
    return l10n.t('registry details');
  },
  get replications() {
    return l10n.t('replications');
  },
  get usages() {
    return l10n.t('usages');
  },
  get privateEndpoint() {
    return l10n.t('private endpoint');
  },
  get networkInterface() {
    return l10n.t('network interface');
  },
  get virtualNetwork() {
    return l10n.t('virtual network');
  },
  get privateDnsZones() {
    return l10n.t('private DNS zones');
  },
  get virtualNetworkLinks() {
    return l10n.t('virtual network links');
  },
  get aRecordSets() {
    return l10n.t('A records');
  },
  get privateDnsZoneGroups() {
    return l10n.t('private DNS zone groups');
  },
  get providerRegistration() {
    return l10n.t('Microsoft.ContainerRegistry registration');
  },
  get dnsResolvers() {
    return l10n.t('DNS private resolvers');
  },
  get dnsForwardingRulesets() {
    return l10n.t('DNS forwarding rulesets');
  },
  get resourceGraph() {
    return l10n.t('Resource Graph inventory');
  },
  get tasks() {
    return l10n.t('ACR tasks');
  },
  get agentPools() {
    return l10n.t('agent pools');
  },
  get networkRules() {
    return l10n.t('network rules');
  },
  get networkSecurityGroup() {
    return l10n.t('network security group');
  },
};

/** A part of the inventory that could not be read; the rest of the snapshot is still valid. */
export interface LoadError {
  /** The resource id (or subscription id) whose children failed to load. */
  scope: ResourceId;
  read: ReadKind;
  /** `readWhat[read]`: e.g. "registries", "A records". */
  what: string;
  /** The HTTP status, when Azure answered. */
  status?: number;
  /** ARM's error code (`AuthorizationFailed`, `TooManyRequests`, …), or the network's (`ECONNRESET`). */
  code?: string;
  message: string;
}

export interface Snapshot {
  takenAt: string; // ISO time
  subscriptions: Subscription[];
  registries: Registry[];
  replications: Replication[];
  privateEndpoints: PrivateEndpoint[];
  networkInterfaces: NetworkInterface[];
  virtualNetworks: VirtualNetwork[];
  privateDnsZones: PrivateDnsZone[];
  virtualNetworkLinks: VirtualNetworkLink[];
  aRecordSets: ARecordSet[];
  privateDnsZoneGroups: PrivateDnsZoneGroup[];
  /** Inbound endpoints of DNS private resolvers; absent when not read (no VNet needed them). */
  dnsResolverInboundEndpoints?: DnsResolverInboundEndpoint[];
  /** DNS forwarding rulesets with their rules and links; absent when not read. */
  dnsForwardingRulesets?: DnsForwardingRuleset[];
  /** Keyed by registry id. */
  usages: Record<ResourceId, RegistryUsage[]>;
  /** `Microsoft.ContainerRegistry` registration state, keyed by subscription id. */
  providerRegistrationState: Record<string, string>;
  /**
   * Keyed by registry id: its tasks and agent pools, for the registries whose were read (only those
   * with public network access disabled, where they matter). A registry absent here was not read.
   */
  tasks?: Record<ResourceId, AcrTask[]>;
  agentPools?: Record<ResourceId, AgentPool[]>;
  /** Keyed by registry id, for the registries whose rules can matter (see `readsNetworkRules`). */
  networkRuleSets?: Record<ResourceId, RegistryNetworkRuleSet>;
  /** The groups of endpoint subnets whose network policies let them apply to the endpoints. */
  networkSecurityGroups?: NetworkSecurityGroup[];
  errors: LoadError[];
}

export function emptySnapshot(takenAt = new Date().toISOString()): Snapshot {
  return {
    takenAt,
    subscriptions: [],
    registries: [],
    replications: [],
    privateEndpoints: [],
    networkInterfaces: [],
    virtualNetworks: [],
    privateDnsZones: [],
    virtualNetworkLinks: [],
    aRecordSets: [],
    privateDnsZoneGroups: [],
    usages: {},
    providerRegistrationState: {},
    errors: [],
  };
}
