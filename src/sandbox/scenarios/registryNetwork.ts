// The registry's own network settings, one registry per failure mode, each otherwise healthy (its
// private endpoint approved, its records in privatelink.azurecr.io, the zone linked to the VNet):
//   buildregistry — public network access disabled and a task on the shared agent pool;
//   rulesregistry — a service-endpoint VNet rule for the VNet of its private endpoint;
//   fullregistry  — its endpoint's /29 subnet has no address left for another replica;
//   nsgregistry   — network policies on its endpoint's subnet and an NSG that denies 443 from the VNet.
// They share the seed document's VNet (myDockerVMVNET), each endpoint in a subnet of its own.

import { providerId } from '../ids';
import { emptyState, key, type RegistryRecord, type SandboxState, type SubnetRecord } from '../state';
import { addARecord, addEndpoint, addGroup, addLink, addRegistry, addSubscription, addVnet, addZone } from './build';
import { SEED, SUBSCRIPTION_PRODUCTION, TENANT_ID } from './ids';

export const REGISTRY_NETWORK = {
  buildRegistry: 'buildregistry',
  task: 'nightly-build',
  rulesRegistry: 'rulesregistry',
  fullRegistry: 'fullregistry',
  fullSubnet: 'fullSubnet',
  nsgRegistry: 'nsgregistry',
  nsgSubnet: 'nsgSubnet',
  nsg: 'nsgSubnet-nsg',
  nsgRule: 'DenyVnetHttpsInbound',
} as const;

const SUB = SUBSCRIPTION_PRODUCTION;
const RG = SEED.resourceGroup;
const LOCATION = SEED.location;

interface Member {
  registry: string;
  subnet: string;
  /** The registry's address, then its data endpoint's. */
  addresses: [string, string];
}

const members: Member[] = [
  { registry: REGISTRY_NETWORK.buildRegistry, subnet: 'buildSubnet', addresses: ['10.0.1.4', '10.0.1.5'] },
  { registry: REGISTRY_NETWORK.rulesRegistry, subnet: 'rulesSubnet', addresses: ['10.0.2.4', '10.0.2.5'] },
  { registry: REGISTRY_NETWORK.fullRegistry, subnet: REGISTRY_NETWORK.fullSubnet, addresses: ['10.0.3.4', '10.0.3.5'] },
  { registry: REGISTRY_NETWORK.nsgRegistry, subnet: REGISTRY_NETWORK.nsgSubnet, addresses: ['10.0.4.4', '10.0.4.5'] },
];

export function registryNetworkScenario(): SandboxState {
  const state = emptyState(TENANT_ID, 'registry-network');
  addSubscription(state, SUB, 'Contoso Production', { 'Microsoft.ContainerRegistry': 'Registered' });
  addGroup(state, SUB, RG, LOCATION);
  const nsgId = providerId(SUB, RG, 'Microsoft.Network', 'networkSecurityGroups', REGISTRY_NETWORK.nsg);
  const subnets: Omit<SubnetRecord, 'id'>[] = [
    { name: SEED.subnet, addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled' },
    { name: 'buildSubnet', addressPrefix: '10.0.1.0/24', privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled' },
    { name: 'rulesSubnet', addressPrefix: '10.0.2.0/24', privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled' },
    // 8 addresses, 5 of them Azure's: room for three, and the endpoint and a VM take them all.
    { name: REGISTRY_NETWORK.fullSubnet, addressPrefix: '10.0.3.0/29', privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled' },
    { name: REGISTRY_NETWORK.nsgSubnet, addressPrefix: '10.0.4.0/24', privateEndpointNetworkPolicies: 'Enabled', privateLinkServiceNetworkPolicies: 'Enabled', networkSecurityGroupId: nsgId },
  ];
  const vnet = addVnet(state, SUB, RG, SEED.vnet, LOCATION, '10.0.0.0/16', subnets);
  state.dnsVirtualNetworkId = vnet.id;
  const zoneId = addZone(state, SUB, RG, SEED.zone, '6f0b1d2e-3c4a-4b5d-8e9f-0a1b2c3d4e5f');
  addLink(state, zoneId, SEED.link, vnet.id, '7a1c2e3f-4d5b-4c6e-9f0a-1b2c3d4e5f60');

  const registries: Record<string, RegistryRecord> = {};
  members.forEach((m, i) => {
    const registry = addRegistry(state, SUB, RG, m.registry, LOCATION, 'Premium');
    registries[m.registry] = registry;
    addEndpoint(state, {
      subscriptionId: SUB,
      resourceGroup: RG,
      name: `${m.registry}-endpoint`,
      location: LOCATION,
      subnetId: `${vnet.id}/subnets/${m.subnet}`,
      registry,
      regions: [LOCATION],
      connectionName: `${m.registry}-connection`,
      registryConnectionName: `${m.registry}-endpoint.0d6c1b7e-5f2a-4c3d-9e8f-7a6b5c4d3e2${i}`,
      nicName: `${m.registry}-endpoint.nic.4b3a2c1d-0e9f-4a8b-8c7d-6e5f4a3b2c1${i}`,
      addresses: m.addresses,
      approved: true,
    });
    addARecord(state, zoneId, m.registry, [m.addresses[0]], `a${i}000000-0000-4000-8000-000000000001`);
    addARecord(state, zoneId, `${m.registry}.${LOCATION}.data`, [m.addresses[1]], `a${i}000000-0000-4000-8000-000000000002`);
  });

  // buildregistry: private only, and a task on the shared pool (no agent pool at all).
  const build = registries[REGISTRY_NETWORK.buildRegistry]!;
  build.publicNetworkAccess = 'Disabled';
  const taskId = `${build.id}/tasks/${REGISTRY_NETWORK.task}`;
  state.tasks[key(taskId)] = { id: taskId, name: REGISTRY_NETWORK.task, location: LOCATION, status: 'Enabled', creationDate: '2024-03-12T08:00:00.0000000Z' };

  // rulesregistry: private only, with the service-endpoint rule it had before private link.
  const rules = registries[REGISTRY_NETWORK.rulesRegistry]!;
  rules.publicNetworkAccess = 'Disabled';
  rules.networkRuleSet = { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [{ action: 'Allow', id: `${vnet.id}/subnets/${SEED.subnet}` }] };

  // fullregistry's subnet: the endpoint holds .4 and .5, a VM holds .6, the last one before Azure's broadcast.
  const vmNicId = providerId(SUB, RG, 'Microsoft.Network', 'networkInterfaces', 'buildAgentVMNic');
  state.networkInterfaces[key(vmNicId)] = {
    id: vmNicId,
    name: 'buildAgentVMNic',
    location: LOCATION,
    macAddress: '00-0D-3A-2B-4C-6E',
    virtualMachineId: providerId(SUB, RG, 'Microsoft.Compute', 'virtualMachines', 'buildAgentVM'),
    ipConfigurations: [{ name: 'ipconfig1', privateIPAddress: '10.0.3.6', subnetId: `${vnet.id}/subnets/${REGISTRY_NETWORK.fullSubnet}`, primary: true }],
  };

  // nsgregistry's subnet: network policies on, and a rule that denies HTTPS from the whole VNet.
  state.networkSecurityGroups[key(nsgId)] = {
    id: nsgId,
    name: REGISTRY_NETWORK.nsg,
    location: LOCATION,
    securityRules: [
      { name: 'AllowSshFromVnet', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'VirtualNetwork', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '22' },
      { name: REGISTRY_NETWORK.nsgRule, priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: 'VirtualNetwork', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '443' },
    ],
  };
  return state;
}
