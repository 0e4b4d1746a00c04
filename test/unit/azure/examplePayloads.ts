// Response bodies in the shapes of Azure's published REST examples (azure-rest-api-specs, the
// api-versions the SDKs pin), trimmed to the fields the mappers read. The NIC's
// `privateLinkConnectionProperties` has no published example; its shape follows the swagger definition.

export const privateEndpointGet = {
  name: 'testPe',
  id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateEndpoints/testPe',
  type: 'Microsoft.Network/privateEndpoints',
  location: 'eastus',
  properties: {
    provisioningState: 'Succeeded',
    privateLinkServiceConnections: [
      {
        id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateEndpoints/testPe/privateLinkServiceConnections/plsconnection1',
        properties: {
          privateLinkServiceId: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateLinkServices/testPls',
          groupIds: ['groupIdFromResource'],
          requestMessage: 'Please approve my connection.',
          privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-approved', actionsRequired: 'None' },
        },
      },
    ],
    manualPrivateLinkServiceConnections: [],
    subnet: { id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/myVnet/subnets/mySubnet' },
    networkInterfaces: [{ id: '/subscriptions/subId/resourceGroups/rg1/provders/Microsoft.Network/networkInterfaces/testPe.nic.abcd1234' }],
    customDnsConfigs: [
      { fqdn: 'abc.cosmos.com', ipAddresses: ['192.168.0.4'] },
      { fqdn: 'abc2.cosmos.com', ipAddresses: ['192.168.0.5'] },
    ],
  },
};

export const privateEndpointGetForManualApproval = {
  ...privateEndpointGet,
  properties: {
    ...privateEndpointGet.properties,
    privateLinkServiceConnections: [],
    manualPrivateLinkServiceConnections: [
      {
        id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateEndpoints/testPe/manualPrivateLinkServiceConnections/plsconnection1',
        properties: {
          privateLinkServiceId: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateLinkServices/testPls',
          groupIds: ['groupIdFromResource'],
          requestMessage: 'Please manually approve my connection.',
          privateLinkServiceConnectionState: { status: 'Pending', description: 'Awaiting approval', actionsRequired: 'None' },
        },
      },
    ],
  },
};

export const networkInterfaceOfEndpoint = {
  name: 'testPe.nic.abcd1234',
  id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/networkInterfaces/testPe.nic.abcd1234',
  location: 'eastus',
  properties: {
    privateEndpoint: { id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateEndpoints/testPe' },
    ipConfigurations: [
      {
        name: 'privateEndpointIpConfig.registry',
        id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/networkInterfaces/testPe.nic.abcd1234/ipConfigurations/privateEndpointIpConfig.registry',
        properties: {
          privateIPAddress: '10.0.0.7',
          privateIPAllocationMethod: 'Dynamic',
          privateLinkConnectionProperties: { groupId: 'registry', requiredMemberName: 'registry', fqdns: ['myregistry.azurecr.io'] },
        },
      },
      {
        name: 'privateEndpointIpConfig.data',
        properties: {
          privateIPAddress: '10.0.0.6',
          privateLinkConnectionProperties: { groupId: 'registry', requiredMemberName: 'registry_data_westeurope', fqdns: ['myregistry.westeurope.data.azurecr.io'] },
        },
      },
    ],
  },
};

/** NetworkInterfaceGet.json: a VM's NIC, with no private link properties. */
export const networkInterfaceOfVm = {
  name: 'test-nic',
  id: '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/networkInterfaces/test-nic',
  location: 'eastus',
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1',
        id: '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/networkInterfaces/test-nic/ipConfigurations/ipconfig1',
        properties: { privateIPAddress: '172.20.2.4', privateIPAllocationMethod: 'Dynamic' },
      },
    ],
  },
};

export const virtualNetworkGet = {
  name: 'myVnet',
  id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/myVnet',
  location: 'eastus',
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
    subnets: [
      {
        name: 'mySubnet',
        id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/myVnet/subnets/mySubnet',
        properties: { addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Disabled' },
      },
    ],
  },
};

/** PrivateEndpointDnsZoneGroupGet.json (its id says privateLinkServices, a typo in the published example). */
export const privateDnsZoneGroupGet = {
  name: 'testPdnsgroup',
  id: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateLinkServices/testPe/privateDnsZoneGroups/testPdnsgroup',
  properties: {
    provisioningState: 'Succeeded',
    privateDnsZoneConfigs: [
      {
        properties: {
          privateDnsZoneId: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateDnsZones/zone1.com',
          recordSets: [
            { recordType: 'A', recordSetName: 'abc', fqdn: 'abc.zone1.com', ipAddresses: ['10.0.0.4'] },
            { recordType: 'A', recordSetName: 'abc2', fqdn: 'abc2.zone1.com', ipAddresses: ['10.0.0.5'] },
          ],
        },
      },
    ],
  },
};

export const privateZoneGet = {
  name: 'privatezone1.com',
  type: 'Microsoft.Network/privateDnsZones',
  etag: '00000000-0000-0000-0000-000000000000',
  id: '/subscriptions/subscriptionId/resourceGroups/resourceGroup1/providers/Microsoft.Network/privateDnsZones/privatezone1.com',
  location: 'global',
  properties: { maxNumberOfRecordSets: 5000, numberOfRecordSets: 1, numberOfVirtualNetworkLinks: 0, provisioningState: 'Succeeded' },
};

export const virtualNetworkLinkGet = {
  id: '/subscriptions/subscriptionId/resourceGroups/resourceGroup1/providers/Microsoft.Network/privateDnsZones/privatezone1.com/virtualNetworkLinks/virtualNetworkLink1',
  name: 'virtualNetworkLink1',
  type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  location: 'global',
  etag: '00000000-0000-0000-0000-000000000000',
  properties: {
    virtualNetwork: { id: '/subscriptions/virtualNetworkSubscriptionId/resourceGroups/virtualNetworkResourceGroup/providers/Microsoft.Network/virtualNetworks/virtualNetworkName' },
    registrationEnabled: false,
    virtualNetworkLinkState: 'Completed',
    provisioningState: 'Succeeded',
  },
};

export const recordSetAGet = {
  id: '/subscriptions/subscriptionId/resourceGroups/resourceGroup1/providers/Microsoft.Network/privateDnsZones/privatezone1.com/A/recorda',
  etag: '00000000-0000-0000-0000-000000000000',
  name: 'recorda',
  type: 'Microsoft.Network/privateDnsZones/A',
  properties: { metadata: { key1: 'value1' }, ttl: 3600, fqdn: 'recorda.privatezone1.com.', isAutoRegistered: false, aRecords: [{ ipv4Address: '1.2.3.4' }] },
};

const registryId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myRegistry';

/** RegistryGet.json, with a connection as the registry reports it (PrivateEndpointConnectionGet.json). */
export const registryGet = {
  id: registryId,
  name: 'myRegistry',
  type: 'Microsoft.ContainerRegistry/registries',
  location: 'westus',
  sku: { name: 'Standard', tier: 'Standard' },
  properties: {
    loginServer: 'myRegistry.azurecr.io',
    provisioningState: 'Succeeded',
    adminUserEnabled: false,
    dataEndpointEnabled: false,
    dataEndpointHostNames: [],
    privateEndpointConnections: [
      {
        id: `${registryId}/privateEndpointConnections/myConnection`,
        name: 'myConnection',
        type: 'Microsoft.ContainerRegistry/registries/privateEndpointConnections',
        properties: {
          provisioningState: 'Succeeded',
          privateEndpoint: { id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateEndpoints/peexample01' },
          privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-Approved', actionsRequired: 'None' },
        },
      },
    ],
    publicNetworkAccess: 'Enabled',
    networkRuleBypassOptions: 'AzureServices',
  },
};

export const replicationGet = {
  id: `${registryId}/replications/myReplication`,
  name: 'myReplication',
  type: 'Microsoft.ContainerRegistry/registries/replications',
  location: 'eastus',
  properties: { provisioningState: 'Succeeded', regionEndpointEnabled: true, zoneRedundancy: 'Disabled' },
};

export const registryListUsages = {
  value: [
    { name: 'Size', limit: 107374182400, currentValue: 12345678, unit: 'Bytes' },
    { name: 'Webhooks', limit: 10, currentValue: 2, unit: 'Count' },
  ],
};

export const getSubscriptions = {
  value: [
    {
      id: '/subscriptions/291bba3f-e0a5-47bc-a099-3bdcb2a50a05',
      subscriptionId: '291bba3f-e0a5-47bc-a099-3bdcb2a50a05',
      tenantId: '31c75423-32d6-4322-88b7-c478bdde4858',
      displayName: 'Example Subscription',
      state: 'Enabled',
    },
  ],
  nextLink: 'https://management.example.test/subscriptions?api-version=2022-12-01&$skiptoken=page2',
};

export const getSubscriptionsPage2 = {
  value: [
    {
      id: '/subscriptions/72ac930a-f34e-42d8-b06d-dc2a9e12ed71',
      subscriptionId: '72ac930a-f34e-42d8-b06d-dc2a9e12ed71',
      tenantId: '2a0ff0de-96b2-4859-bb7c-a430d07a3e0c',
      displayName: 'Example Subscription2',
      state: 'Enabled',
    },
  ],
};
