// The create-private-endpoint form: the same fields as the portal's "Create a private endpoint"
// tabs (Basics, Resource, Virtual Network, DNS), and the inventory its pickers are filled from.
// Plain data shared by the extension, the webview and the Azure layer.

export interface CreateEndpointForm {
  subscriptionId: string;
  resourceGroup: string;
  /** The resource group does not exist yet and is created in `location`. */
  createResourceGroup: boolean;
  name: string;
  location: string;
  registryId: string;
  /** The target sub-resource; ACR offers only `registry`. */
  groupId: 'registry';
  virtualNetworkId: string;
  subnetName: string;
  /** Set the subnet's `privateEndpointNetworkPolicies` to Disabled first (the seed document's first CLI step). */
  disableSubnetPolicies: boolean;
  connectionName: string;
  /** `manualPrivateLinkServiceConnections`: the registry owner approves (a registry in another tenant). */
  manualApproval: boolean;
  requestMessage: string;
  /** Register `Microsoft.ContainerRegistry` in the endpoint's subscription first. */
  registerProvider: boolean;
  privateDnsIntegration: boolean;
  /** The zone `privatelink.azurecr.io`: an existing one by id, or a new one in `zoneResourceGroup`. */
  zoneMode: 'existing' | 'new';
  privateDnsZoneId: string;
  zoneResourceGroup: string;
  /** Used only when the zone is not linked to the VNet yet. */
  linkName: string;
}

export interface RegistryChoice {
  id: string;
  name: string;
  sku: string;
  location: string;
  loginServer: string;
  /** Home region plus every replica: one NIC address each, plus one for `registry`. */
  regions: string[];
}

export interface SubnetChoice {
  id: string;
  name: string;
  addressPrefix: string;
  privateEndpointNetworkPolicies: string;
  /** Addresses still free: the prefix size minus Azure's five reserved and those in use; undefined when unknown. */
  freeIpCount?: number;
  delegated: boolean;
}

export interface VirtualNetworkChoice {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  subnets: SubnetChoice[];
}

export interface ZoneChoice {
  id: string;
  name: string;
  resourceGroup: string;
  /** VNets this zone is linked to. */
  linkedVirtualNetworkIds: string[];
}

/** Everything the form's pickers and its validation read, for one subscription. */
export interface CreateEndpointInventory {
  subscriptions: { subscriptionId: string; displayName: string }[];
  subscriptionId: string;
  resourceGroups: { name: string; location: string }[];
  registries: RegistryChoice[];
  virtualNetworks: VirtualNetworkChoice[];
  zones: ZoneChoice[];
  /** Ids of the private endpoints already in the subscription (for "name taken"). */
  privateEndpointIds: string[];
  /** The private endpoints already in the subscription that connect to a registry: their VNet and the registries they reach. */
  registryEndpoints?: { id: string; virtualNetworkId: string; registryIds: string[] }[];
  /** `Registered`, `NotRegistered`, … for Microsoft.ContainerRegistry in this subscription. */
  providerRegistrationState: string;
  /** The regions the Region picker offers (those of the VNets, registries and resource groups). */
  locations: string[];
}

/** A form pre-filled for a registry, as the portal would open it from the registry's Networking blade. */
export function defaultCreateEndpointForm(inventory: CreateEndpointInventory, registryId: string): CreateEndpointForm {
  const registry = inventory.registries.find((r) => r.id.toLowerCase() === registryId.toLowerCase());
  // A VNet that has no endpoint of this registry yet comes first: a second one there adds no path a
  // client can use (see `secondEndpointNote`).
  const served = (v: VirtualNetworkChoice): boolean => endpointsOfRegistryIn(inventory, registryId, v.id).length > 0;
  const vnet =
    inventory.virtualNetworks.find((v) => registry && v.location === registry.location && !served(v)) ??
    inventory.virtualNetworks.find((v) => !served(v)) ??
    inventory.virtualNetworks.find((v) => registry && v.location === registry.location) ??
    inventory.virtualNetworks[0];
  const subnet = vnet?.subnets.find((s) => !s.delegated && (s.freeIpCount ?? 1) > 0) ?? vnet?.subnets[0];
  const zone = inventory.zones.find((z) => z.name === 'privatelink.azurecr.io' && vnet && z.linkedVirtualNetworkIds.some((id) => id.toLowerCase() === vnet.id.toLowerCase()))
    ?? inventory.zones.find((z) => z.name === 'privatelink.azurecr.io');
  const resourceGroup = vnet?.resourceGroup ?? inventory.resourceGroups[0]?.name ?? '';
  const base = registry ? `${registry.name}-pe` : 'myPrivateEndpoint';
  return {
    subscriptionId: inventory.subscriptionId,
    resourceGroup,
    createResourceGroup: false,
    name: base,
    location: vnet?.location ?? registry?.location ?? inventory.locations[0] ?? '',
    registryId: registry?.id ?? registryId,
    groupId: 'registry',
    virtualNetworkId: vnet?.id ?? '',
    subnetName: subnet?.name ?? '',
    disableSubnetPolicies: subnet !== undefined && subnet.privateEndpointNetworkPolicies !== 'Disabled',
    connectionName: `${base}-connection`,
    manualApproval: false,
    requestMessage: '',
    registerProvider: inventory.providerRegistrationState !== 'Registered',
    privateDnsIntegration: true,
    zoneMode: zone ? 'existing' : 'new',
    privateDnsZoneId: zone?.id ?? '',
    zoneResourceGroup: zone?.resourceGroup ?? resourceGroup,
    linkName: vnet ? `${vnet.name}-link` : 'MyDNSLink',
  };
}

export const createEndpointFormFields = [
  'subscriptionId',
  'resourceGroup',
  'createResourceGroup',
  'name',
  'location',
  'registryId',
  'groupId',
  'virtualNetworkId',
  'subnetName',
  'disableSubnetPolicies',
  'connectionName',
  'manualApproval',
  'requestMessage',
  'registerProvider',
  'privateDnsIntegration',
  'zoneMode',
  'privateDnsZoneId',
  'zoneResourceGroup',
  'linkName',
] as const satisfies readonly (keyof CreateEndpointForm)[];

export type CreateEndpointField = (typeof createEndpointFormFields)[number];

const booleanFields = new Set<CreateEndpointField>(['createResourceGroup', 'disableSubnetPolicies', 'manualApproval', 'registerProvider', 'privateDnsIntegration']);
const maxFieldLength = 2048;

export const isZoneMode = (v: unknown): boolean => v === 'existing' || v === 'new';

/**
 * Reads the fields of a form from an untrusted message: exactly `fields`, each one `checks` accepts,
 * a boolean where `booleans` says so, else a string of at most 2048 characters; undefined otherwise.
 * (Whether the values are acceptable is the validator's job.)
 */
export function readFormFields<F extends string>(data: unknown, fields: readonly F[], booleans: ReadonlySet<F>, checks: Partial<Record<F, (value: unknown) => boolean>>): Record<F, unknown> | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length !== fields.length || !keys.every((k) => (fields as readonly string[]).includes(k))) return undefined;
  const valid = (field: F, value: unknown): boolean => {
    const check = checks[field];
    if (check) return check(value);
    return booleans.has(field) ? typeof value === 'boolean' : typeof value === 'string' && value.length <= maxFieldLength;
  };
  return fields.every((field) => valid(field, record[field])) ? (record as Record<F, unknown>) : undefined;
}

/** Reads a form from an untrusted message: exactly the known fields with the right types, else undefined. */
export function parseCreateEndpointForm(data: unknown): CreateEndpointForm | undefined {
  const record = readFormFields(data, createEndpointFormFields, booleanFields, { groupId: (v) => v === 'registry', zoneMode: isZoneMode });
  return record as unknown as CreateEndpointForm | undefined;
}

/** The private endpoints of the subscription that connect to the registry from the VNet. */
export function endpointsOfRegistryIn(inventory: CreateEndpointInventory, registryId: string, virtualNetworkId: string): string[] {
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  return (inventory.registryEndpoints ?? [])
    .filter((e) => same(e.virtualNetworkId, virtualNetworkId) && e.registryIds.some((r) => same(r, registryId)))
    .map((e) => e.id);
}
