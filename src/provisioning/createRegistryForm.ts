// The create-registry-with-private-endpoint form: the portal's "Create container registry" with
// Networking set to private access (the seed document's first portal path) — a Premium registry, its
// region and optional geo-replicas, public network access, and its private endpoint (VNet, subnet,
// connection, private DNS integration) made in the same run. The endpoint half is the create-endpoint
// form's: `endpointFormOf` and `endpointInventoryOf` turn this form into that one, so its validation
// and its steps are the same code. Plain data shared by the extension, the webview and the Azure layer.
import { buildId } from '../model/armId';
import { defaultCreateEndpointForm, isZoneMode, readFormFields, type CreateEndpointForm, type CreateEndpointInventory, type RegistryChoice } from './createEndpointForm';

export interface CreateRegistryForm {
  subscriptionId: string;
  /** The registry and its endpoint go in this resource group. */
  resourceGroup: string;
  createResourceGroup: boolean;
  registryName: string;
  /** The registry's home region. */
  location: string;
  /** Geo-replicas, one per region (Premium). */
  replicaLocations: string[];
  publicNetworkAccess: 'Enabled' | 'Disabled';
  endpointName: string;
  virtualNetworkId: string;
  subnetName: string;
  disableSubnetPolicies: boolean;
  connectionName: string;
  registerProvider: boolean;
  privateDnsIntegration: boolean;
  zoneMode: 'existing' | 'new';
  privateDnsZoneId: string;
  zoneResourceGroup: string;
  linkName: string;
}

export interface RegionChoice {
  name: string;
  displayName: string;
}

/** The create-endpoint inventory of the subscription, and the regions it may deploy to. */
export interface CreateRegistryInventory extends CreateEndpointInventory {
  regions: RegionChoice[];
}

/** Azure's answer to `Microsoft.ContainerRegistry/checkNameAvailability` for one name, or why it could not be asked. */
export interface RegistryNameCheck {
  name: string;
  nameAvailable?: boolean;
  /** `AlreadyExists` or `Invalid`, as Azure says it. */
  reason?: string;
  message?: string;
  /** The check itself failed (throttled, offline…): nothing is known about the name. */
  error?: string;
}

export function registryIdOf(form: Pick<CreateRegistryForm, 'subscriptionId' | 'resourceGroup' | 'registryName'>): string {
  return buildId(form.subscriptionId, form.resourceGroup, 'Microsoft.ContainerRegistry', 'registries', form.registryName);
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The registry as the endpoint half sees it: Premium, its home region first, then each replica's. */
export function newRegistryChoice(form: CreateRegistryForm): RegistryChoice {
  return {
    id: registryIdOf(form),
    name: form.registryName,
    sku: 'Premium',
    location: form.location,
    // Azure names the login server when it creates the registry (hashed with a domain-name-label
    // scope); nothing here guesses it from the name.
    loginServer: '',
    regions: [form.location, ...form.replicaLocations.filter((r) => !same(r, form.location))],
  };
}

/** The endpoint half of the form, as the create-endpoint form would hold it. */
export function endpointFormOf(form: CreateRegistryForm, inventory: CreateEndpointInventory): CreateEndpointForm {
  const vnet = inventory.virtualNetworks.find((v) => same(v.id, form.virtualNetworkId));
  return {
    subscriptionId: form.subscriptionId,
    resourceGroup: form.resourceGroup,
    createResourceGroup: form.createResourceGroup,
    name: form.endpointName,
    // An endpoint is always in its VNet's region, whatever the registry's.
    location: vnet?.location ?? form.location,
    registryId: registryIdOf(form),
    groupId: 'registry',
    virtualNetworkId: form.virtualNetworkId,
    subnetName: form.subnetName,
    disableSubnetPolicies: form.disableSubnetPolicies,
    connectionName: form.connectionName,
    manualApproval: false,
    requestMessage: '',
    registerProvider: form.registerProvider,
    privateDnsIntegration: form.privateDnsIntegration,
    zoneMode: form.zoneMode,
    privateDnsZoneId: form.privateDnsZoneId,
    zoneResourceGroup: form.zoneResourceGroup,
    linkName: form.linkName,
  };
}

/** The inventory with the registry this form will create among the registries. */
export function endpointInventoryOf(form: CreateRegistryForm, inventory: CreateEndpointInventory): CreateEndpointInventory {
  return { ...inventory, registries: [...inventory.registries.filter((r) => !same(r.name, form.registryName)), newRegistryChoice(form)] };
}

/** A fresh form: the VNet, subnet and zone the create-endpoint form would pick, private access, no name yet. */
export function defaultCreateRegistryForm(inventory: CreateRegistryInventory): CreateRegistryForm {
  const endpoint = defaultCreateEndpointForm(inventory, '');
  const location = endpoint.location || inventory.regions[0]?.name || '';
  return {
    subscriptionId: inventory.subscriptionId,
    resourceGroup: endpoint.resourceGroup,
    createResourceGroup: false,
    registryName: '',
    location,
    replicaLocations: [],
    publicNetworkAccess: 'Disabled',
    endpointName: '',
    virtualNetworkId: endpoint.virtualNetworkId,
    subnetName: endpoint.subnetName,
    disableSubnetPolicies: endpoint.disableSubnetPolicies,
    connectionName: '',
    registerProvider: endpoint.registerProvider,
    privateDnsIntegration: true,
    zoneMode: endpoint.zoneMode,
    privateDnsZoneId: endpoint.privateDnsZoneId,
    zoneResourceGroup: endpoint.zoneResourceGroup,
    linkName: endpoint.linkName,
  };
}

export const createRegistryFormFields = [
  'subscriptionId',
  'resourceGroup',
  'createResourceGroup',
  'registryName',
  'location',
  'replicaLocations',
  'publicNetworkAccess',
  'endpointName',
  'virtualNetworkId',
  'subnetName',
  'disableSubnetPolicies',
  'connectionName',
  'registerProvider',
  'privateDnsIntegration',
  'zoneMode',
  'privateDnsZoneId',
  'zoneResourceGroup',
  'linkName',
] as const satisfies readonly (keyof CreateRegistryForm)[];

export type CreateRegistryField = (typeof createRegistryFormFields)[number];

const booleanFields = new Set<CreateRegistryField>(['createResourceGroup', 'disableSubnetPolicies', 'registerProvider', 'privateDnsIntegration']);
const maxReplicas = 50;

/** Reads a form from an untrusted message: exactly the known fields with the right types, else undefined. */
export function parseCreateRegistryForm(data: unknown): CreateRegistryForm | undefined {
  const record = readFormFields(data, createRegistryFormFields, booleanFields, {
    replicaLocations: (v) => Array.isArray(v) && v.length <= maxReplicas && v.every((r) => typeof r === 'string' && r.length <= 64),
    zoneMode: isZoneMode,
    publicNetworkAccess: (v) => v === 'Enabled' || v === 'Disabled',
  });
  return record as unknown as CreateRegistryForm | undefined;
}
