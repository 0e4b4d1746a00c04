// The snapshot: plain data read from Azure (or the sandbox) that the tree, the diagnosis engine,
// the status panel and the CLI all read. Names follow Azure's own property names.

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
}

export interface VirtualNetwork {
  id: ResourceId;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  addressPrefixes: string[];
  subnets: Subnet[];
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
  | 'resourceGraph';

/** What each read reads, as messages name it. */
export const readWhat: Record<ReadKind, string> = {
  subscriptions: 'subscriptions',
  subscription: 'subscription',
  registries: 'registries',
  registry: 'registry',
  registryDetails: 'registry details',
  replications: 'replications',
  usages: 'usages',
  privateEndpoint: 'private endpoint',
  networkInterface: 'network interface',
  virtualNetwork: 'virtual network',
  privateDnsZones: 'private DNS zones',
  virtualNetworkLinks: 'virtual network links',
  aRecordSets: 'A records',
  privateDnsZoneGroups: 'private DNS zone groups',
  providerRegistration: 'Microsoft.ContainerRegistry registration',
  resourceGraph: 'Resource Graph inventory',
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
  /** Keyed by registry id. */
  usages: Record<ResourceId, RegistryUsage[]>;
  /** `Microsoft.ContainerRegistry` registration state, keyed by subscription id. */
  providerRegistrationState: Record<string, string>;
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
