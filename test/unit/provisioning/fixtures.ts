// The seed document's world as the create-endpoint form's inventory sees it.
import type { CreateEndpointForm, CreateEndpointInventory } from '../../../src/provisioning/createEndpointForm';

export const SUB = '00000000-0000-4000-8000-000000000001';
export const RG = 'myResourceGroup';
export const registryId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/myregistry`;
export const basicRegistryId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/basicregistry`;
export const vnetId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/myDockerVMVNET`;
export const zoneId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;

export function inventory(overrides: Partial<CreateEndpointInventory> = {}): CreateEndpointInventory {
  return {
    subscriptions: [{ subscriptionId: SUB, displayName: 'Contoso Production' }],
    subscriptionId: SUB,
    resourceGroups: [{ name: RG, location: 'westeurope' }],
    registries: [
      { id: registryId, name: 'myregistry', sku: 'Premium', location: 'westeurope', loginServer: 'myregistry.azurecr.io', regions: ['westeurope', 'eastus'] },
      { id: basicRegistryId, name: 'basicregistry', sku: 'Basic', location: 'westeurope', loginServer: 'basicregistry.azurecr.io', regions: ['westeurope'] },
    ],
    virtualNetworks: [
      {
        id: vnetId,
        name: 'myDockerVMVNET',
        resourceGroup: RG,
        location: 'westeurope',
        subnets: [
          { id: `${vnetId}/subnets/myDockerVMSubnet`, name: 'myDockerVMSubnet', addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Disabled', freeIpCount: 250, delegated: false },
          { id: `${vnetId}/subnets/tiny`, name: 'tiny', addressPrefix: '10.0.1.0/29', privateEndpointNetworkPolicies: 'Disabled', freeIpCount: 2, delegated: false },
          { id: `${vnetId}/subnets/guarded`, name: 'guarded', addressPrefix: '10.0.2.0/24', privateEndpointNetworkPolicies: 'Enabled', freeIpCount: 251, delegated: false },
        ],
      },
    ],
    zones: [],
    privateEndpointIds: [],
    providerRegistrationState: 'Registered',
    locations: ['eastus', 'westeurope'],
    ...overrides,
  };
}

export function form(overrides: Partial<CreateEndpointForm> = {}): CreateEndpointForm {
  return {
    subscriptionId: SUB,
    resourceGroup: RG,
    createResourceGroup: false,
    name: 'myPrivateEndpoint',
    location: 'westeurope',
    registryId,
    groupId: 'registry',
    virtualNetworkId: vnetId,
    subnetName: 'myDockerVMSubnet',
    disableSubnetPolicies: false,
    connectionName: 'myConnection',
    manualApproval: false,
    requestMessage: '',
    registerProvider: false,
    privateDnsIntegration: true,
    zoneMode: 'new',
    privateDnsZoneId: '',
    zoneResourceGroup: RG,
    linkName: 'MyDNSLink',
    ...overrides,
  };
}
