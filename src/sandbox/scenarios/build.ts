// Small builders the scenarios share, writing records straight into a state (no HTTP round trips, so
// even the scale scenario is generated in milliseconds).

import { groupId, providerId } from '../ids';
import {
  key,
  type NetworkInterfaceRecord,
  type PrivateEndpointRecord,
  type RegistryRecord,
  type SandboxState,
  type SubnetRecord,
  type VirtualNetworkRecord,
} from '../state';
import { dataMember, loginServerOf } from '../providers/registryMembers';

export function addSubscription(state: SandboxState, subscriptionId: string, displayName: string, providers: Record<string, 'Registered' | 'NotRegistered'>): void {
  state.subscriptions.push({ subscriptionId, displayName, tenantId: state.tenantId, state: 'Enabled', providers: { 'Microsoft.Network': 'Registered', ...providers } });
}

export function addGroup(state: SandboxState, subscriptionId: string, name: string, location: string): string {
  const id = groupId(subscriptionId, name);
  state.resourceGroups[key(id)] = { id, name, location };
  return id;
}

export function addRegistry(state: SandboxState, subscriptionId: string, rg: string, name: string, location: string, sku: RegistryRecord['sku']['name'], creationDate = '2024-03-11T09:12:45.1234567Z'): RegistryRecord {
  const id = providerId(subscriptionId, rg, 'Microsoft.ContainerRegistry', 'registries', name);
  const r: RegistryRecord = {
    id,
    name,
    location,
    tags: {},
    sku: { name: sku, tier: sku },
    creationDate,
    adminUserEnabled: false,
    dataEndpointEnabled: false,
    publicNetworkAccess: 'Enabled',
    networkRuleBypassOptions: 'AzureServices',
    networkRuleSet: { defaultAction: 'Allow', ipRules: [] },
    zoneRedundancy: 'Disabled',
  };
  state.registries[key(id)] = r;
  return r;
}

export function addReplication(state: SandboxState, registry: RegistryRecord, location: string): void {
  const id = `${registry.id}/replications/${location}`;
  state.replications[key(id)] = { id, name: location, location, tags: {}, regionEndpointEnabled: true, zoneRedundancy: 'Disabled', createdAt: '2024-03-11T10:02:11.5550000Z' };
}

export function addVnet(state: SandboxState, subscriptionId: string, rg: string, name: string, location: string, prefix: string, subnets: Omit<SubnetRecord, 'id'>[]): VirtualNetworkRecord {
  const id = providerId(subscriptionId, rg, 'Microsoft.Network', 'virtualNetworks', name);
  const v: VirtualNetworkRecord = { id, name, location, addressPrefixes: [prefix], dnsServers: [], subnets: subnets.map((s) => ({ ...s, id: `${id}/subnets/${s.name}` })) };
  state.virtualNetworks[key(id)] = v;
  return v;
}

export interface EndpointSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  subnetId: string;
  registry: RegistryRecord;
  regions: string[];
  connectionName: string;
  registryConnectionName: string;
  nicName: string;
  /** One address per member: registry first, then each region's data endpoint. */
  addresses: string[];
  approved: boolean;
}

export function addEndpoint(state: SandboxState, spec: EndpointSpec): { pe: PrivateEndpointRecord; nic: NetworkInterfaceRecord } {
  const peId = providerId(spec.subscriptionId, spec.resourceGroup, 'Microsoft.Network', 'privateEndpoints', spec.name);
  const nicId = providerId(spec.subscriptionId, spec.resourceGroup, 'Microsoft.Network', 'networkInterfaces', spec.nicName);
  const members = [{ requiredMemberName: 'registry', fqdn: loginServerOf(spec.registry) }, ...spec.regions.map((region) => dataMember(spec.registry, region))];
  const nic: NetworkInterfaceRecord = {
    id: nicId,
    name: spec.nicName,
    location: spec.location,
    privateEndpointId: peId,
    macAddress: '',
    ipConfigurations: members.map((m, i) => ({
      name: `privateEndpointIpConfig.${spec.nicName.slice(-12)}-${i}`,
      privateIPAddress: spec.addresses[i] ?? '',
      subnetId: spec.subnetId,
      primary: i === 0,
      privateLinkConnectionProperties: { groupId: 'registry', requiredMemberName: m.requiredMemberName, fqdns: [m.fqdn] },
    })),
  };
  const connectionState = spec.approved
    ? { status: 'Approved', description: 'Auto-Approved', actionsRequired: 'None' }
    : { status: 'Pending', description: 'Please approve', actionsRequired: 'None' };
  const kind = spec.approved ? 'privateLinkServiceConnections' : 'manualPrivateLinkServiceConnections';
  const connection = { id: `${peId}/${kind}/${spec.connectionName}`, name: spec.connectionName, privateLinkServiceId: spec.registry.id, groupIds: ['registry'], privateLinkServiceConnectionState: connectionState };
  const registryConnectionId = `${spec.registry.id}/privateEndpointConnections/${spec.registryConnectionName}`;
  const pe: PrivateEndpointRecord = {
    id: peId,
    name: spec.name,
    location: spec.location,
    subnetId: spec.subnetId,
    networkInterfaceId: nicId,
    privateLinkServiceConnections: spec.approved ? [connection] : [],
    manualPrivateLinkServiceConnections: spec.approved ? [] : [connection],
    registryConnectionId,
  };
  state.networkInterfaces[key(nicId)] = nic;
  state.privateEndpoints[key(peId)] = pe;
  state.registryConnections[key(registryConnectionId)] = { id: registryConnectionId, name: spec.registryConnectionName, privateEndpointId: peId, privateLinkServiceConnectionState: { ...connectionState } };
  return { pe, nic };
}

export function addZone(state: SandboxState, subscriptionId: string, rg: string, name: string, etagSeed: string): string {
  const id = providerId(subscriptionId, rg, 'Microsoft.Network', 'privateDnsZones', name);
  state.privateDnsZones[key(id)] = { id, name, etag: etagSeed, internalId: Buffer.from(id).toString('base64').slice(0, 40) };
  return id;
}

export function addLink(state: SandboxState, zoneId: string, name: string, virtualNetworkId: string, etag: string): void {
  const id = `${zoneId}/virtualNetworkLinks/${name}`;
  state.virtualNetworkLinks[key(id)] = { id, name, etag, virtualNetworkId, registrationEnabled: false };
}

export function addARecord(state: SandboxState, zoneId: string, name: string, ips: string[], etag: string, managedByZoneGroupId?: string): void {
  const records = (state.aRecordSets[key(zoneId)] ??= {});
  const n = name.toLowerCase();
  records[n] = { id: `${zoneId}/A/${n}`, name: n, zoneId, etag, ttl: 10, aRecords: ips.map((ipv4Address) => ({ ipv4Address })), ...(managedByZoneGroupId ? { managedByZoneGroupId } : {}) };
}
