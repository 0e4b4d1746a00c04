// The seed document's world (Microsoft Learn, "Connect privately to an Azure container registry using
// Azure Private Link"), stopped at the moment its warning describes: a geo-replica in eastus whose data
// endpoint has a NIC address but no A record. `empty` is the same world before the private link steps.

import { providerId } from '../ids';
import { emptyState, type SandboxState } from '../state';
import { addARecord, addEndpoint, addGroup, addLink, addRegistry, addReplication, addSubscription, addVnet, addZone } from './build';
import { SEED, SUBSCRIPTION_DEV, SUBSCRIPTION_FOREIGN, SUBSCRIPTION_PRODUCTION, TENANT_ID } from './ids';
import { key } from '../state';

/** Subscriptions, groups, registries (with the eastus replica), VNets and the VM's NIC. */
function base(scenario: string): SandboxState {
  const state = emptyState(TENANT_ID, scenario);
  addSubscription(state, SUBSCRIPTION_PRODUCTION, 'Contoso Production', { 'Microsoft.ContainerRegistry': 'Registered' });
  addSubscription(state, SUBSCRIPTION_DEV, 'Contoso Dev', { 'Microsoft.ContainerRegistry': 'NotRegistered' });

  addGroup(state, SUBSCRIPTION_PRODUCTION, SEED.resourceGroup, SEED.location);
  const registry = addRegistry(state, SUBSCRIPTION_PRODUCTION, SEED.resourceGroup, SEED.registry, SEED.location, 'Premium');
  addReplication(state, registry, SEED.replicaLocation);
  const vnet = addVnet(state, SUBSCRIPTION_PRODUCTION, SEED.resourceGroup, SEED.vnet, SEED.location, '10.0.0.0/16', [
    { name: SEED.subnet, addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled' },
  ]);
  // The VM the document creates first holds the subnet's first usable address.
  const vmNicId = providerId(SUBSCRIPTION_PRODUCTION, SEED.resourceGroup, 'Microsoft.Network', 'networkInterfaces', SEED.vmNic);
  state.networkInterfaces[key(vmNicId)] = {
    id: vmNicId,
    name: SEED.vmNic,
    location: SEED.location,
    macAddress: '00-0D-3A-2B-4C-5D',
    virtualMachineId: providerId(SUBSCRIPTION_PRODUCTION, SEED.resourceGroup, 'Microsoft.Compute', 'virtualMachines', 'myDockerVM'),
    ipConfigurations: [{ name: `ipconfig${SEED.vmNic.replace('VMNic', '')}`, privateIPAddress: '10.0.0.4', subnetId: vnet.subnets[0]?.id ?? '', primary: true }],
  };
  state.dnsVirtualNetworkId = vnet.id;

  addGroup(state, SUBSCRIPTION_DEV, SEED.devResourceGroup, SEED.location);
  addRegistry(state, SUBSCRIPTION_DEV, SEED.devResourceGroup, SEED.devRegistry, SEED.location, 'Premium');
  addRegistry(state, SUBSCRIPTION_DEV, SEED.devResourceGroup, SEED.basicRegistry, SEED.location, 'Basic');
  addVnet(state, SUBSCRIPTION_DEV, SEED.devResourceGroup, 'devVNet', SEED.location, '10.1.0.0/16', [
    { name: 'default', addressPrefix: '10.1.0.0/24', privateEndpointNetworkPolicies: 'Enabled', privateLinkServiceNetworkPolicies: 'Enabled' },
    { name: 'tiny', addressPrefix: '10.1.1.0/29', privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled' },
  ]);
  return state;
}

export function emptyScenario(): SandboxState {
  return base('empty');
}

export function seedScenario(): SandboxState {
  const state = base('seed');
  const registryId = providerId(SUBSCRIPTION_PRODUCTION, SEED.resourceGroup, 'Microsoft.ContainerRegistry', 'registries', SEED.registry);
  const registry = state.registries[key(registryId)];
  const vnetId = providerId(SUBSCRIPTION_PRODUCTION, SEED.resourceGroup, 'Microsoft.Network', 'virtualNetworks', SEED.vnet);
  if (!registry) throw new Error('seed registry missing');

  // `az network private-endpoint create … --connection-name myConnection`: auto-approved, three members.
  addEndpoint(state, {
    subscriptionId: SUBSCRIPTION_PRODUCTION,
    resourceGroup: SEED.resourceGroup,
    name: SEED.privateEndpoint,
    location: SEED.location,
    subnetId: `${vnetId}/subnets/${SEED.subnet}`,
    registry,
    regions: [SEED.location, SEED.replicaLocation],
    connectionName: SEED.connection,
    registryConnectionName: SEED.registryConnection,
    nicName: SEED.nic,
    // registry, registry_data_westeurope, registry_data_eastus (the document's dig shows 10.0.0.7).
    addresses: ['10.0.0.7', '10.0.0.6', '10.0.0.5'],
    approved: true,
  });

  // Zone, link and the two records made by hand — none for the eastus replica's data endpoint.
  const zoneId = addZone(state, SUBSCRIPTION_PRODUCTION, SEED.resourceGroup, SEED.zone, '6f0b1d2e-3c4a-4b5d-8e9f-0a1b2c3d4e5f');
  addLink(state, zoneId, SEED.link, vnetId, '7a1c2e3f-4d5b-4c6e-9f0a-1b2c3d4e5f60');
  addARecord(state, zoneId, SEED.registry, ['10.0.0.7'], '8b2d3f40-5e6c-4d7f-a01b-2c3d4e5f6071');
  addARecord(state, zoneId, `${SEED.registry}.${SEED.location}.data`, ['10.0.0.6'], '9c3e4051-6f7d-4e80-b12c-3d4e5f607182');

  // devregistry: a Pending request from an endpoint in another tenant's subscription.
  const devRegistryId = providerId(SUBSCRIPTION_DEV, SEED.devResourceGroup, 'Microsoft.ContainerRegistry', 'registries', SEED.devRegistry);
  const pendingId = `${devRegistryId}/privateEndpointConnections/${SEED.devPendingConnection}`;
  state.registryConnections[key(pendingId)] = {
    id: pendingId,
    name: SEED.devPendingConnection,
    privateEndpointId: providerId(SUBSCRIPTION_FOREIGN, 'partnerResourceGroup', 'Microsoft.Network', 'privateEndpoints', 'partner-endpoint'),
    privateLinkServiceConnectionState: { status: 'Pending', description: 'Fabrikam build agents need pull access.', actionsRequired: 'None' },
  };
  return state;
}
