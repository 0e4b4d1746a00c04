// Hand-built snapshots in the shapes the inventory loader produces, named after the seed document's
// walkthrough: myregistry in westeurope, a replica in eastus, myVNet with myPrivateEndpoint.
import { buildId } from '../../../src/model/armId';
import {
  emptySnapshot,
  type ARecordSet,
  type ConnectionStatus,
  type PrivateDnsZone,
  type PrivateEndpoint,
  type Registry,
  type Snapshot,
  type VirtualNetwork,
  type VirtualNetworkLink,
} from '../../../src/model/types';

export const subscriptionId = '00000000-0000-0000-0000-000000000001';
export const resourceGroup = 'myResourceGroup';

/** A Connected peering between two VNets, listed on both sides as Azure lists it. */
export function peer(a: VirtualNetwork, b: VirtualNetwork): void {
  a.virtualNetworkPeerings = [...(a.virtualNetworkPeerings ?? []), { id: `${a.id}/virtualNetworkPeerings/to-${b.name}`, name: `to-${b.name}`, remoteVirtualNetworkId: b.id, peeringState: 'Connected' }];
  b.virtualNetworkPeerings = [...(b.virtualNetworkPeerings ?? []), { id: `${b.id}/virtualNetworkPeerings/to-${a.name}`, name: `to-${a.name}`, remoteVirtualNetworkId: a.id, peeringState: 'Connected' }];
}

const id = (provider: string, ...pairs: string[]): string => buildId(subscriptionId, resourceGroup, provider, ...pairs);

export class SnapshotBuilder {
  readonly snapshot: Snapshot = emptySnapshot('2025-01-01T00:00:00.000Z');
  private etagCounter = 0;

  registry(name: string, options: Partial<Registry> = {}): Registry {
    const registry: Registry = {
      id: id('Microsoft.ContainerRegistry', 'registries', name),
      name,
      subscriptionId,
      resourceGroup,
      location: 'westeurope',
      sku: 'Premium',
      loginServer: `${name.toLowerCase()}.azurecr.io`,
      publicNetworkAccess: 'Enabled',
      networkRuleBypassOptions: 'AzureServices',
      dataEndpointEnabled: true,
      dataEndpointHostNames: [],
      privateEndpointConnections: [],
      ...options,
    };
    this.snapshot.registries.push(registry);
    this.snapshot.providerRegistrationState[subscriptionId] = 'Registered';
    return registry;
  }

  replica(registry: Registry, location: string): void {
    this.snapshot.replications.push({
      id: `${registry.id}/replications/${location}`,
      name: location,
      registryId: registry.id,
      location,
      provisioningState: 'Succeeded',
      regionEndpointEnabled: true,
    });
  }

  vnet(name: string, addressPrefix = '10.0.0.0/16'): VirtualNetwork {
    const vnetId = id('Microsoft.Network', 'virtualNetworks', name);
    const vnet: VirtualNetwork = {
      id: vnetId,
      name,
      subscriptionId,
      resourceGroup,
      location: 'westeurope',
      addressPrefixes: [addressPrefix],
      subnets: [{ id: `${vnetId}/subnets/mySubnet`, name: 'mySubnet', virtualNetworkId: vnetId, addressPrefix, privateEndpointNetworkPolicies: 'Disabled' }],
    };
    this.snapshot.virtualNetworks.push(vnet);
    return vnet;
  }

  /** An endpoint to the registry with one NIC ip configuration per member: `{ registry: '10.0.0.7', registry_data_westeurope: '10.0.0.6' }`. */
  endpoint(name: string, registry: Registry, vnet: VirtualNetwork, ips: Record<string, string>, status: ConnectionStatus = 'Approved'): PrivateEndpoint {
    const peId = id('Microsoft.Network', 'privateEndpoints', name);
    const nicId = id('Microsoft.Network', 'networkInterfaces', `${name}.nic`);
    const label = registry.loginServer.split('.')[0]!;
    const fqdnOf = (member: string): string =>
      member === 'registry' ? registry.loginServer : `${label}.${member.slice('registry_data_'.length)}.data.azurecr.io`;
    const pe: PrivateEndpoint = {
      id: peId,
      name,
      subscriptionId,
      resourceGroup,
      location: vnet.location,
      subnetId: vnet.subnets[0]!.id,
      virtualNetworkId: vnet.id,
      networkInterfaceIds: [nicId],
      connections: [{ name, privateLinkServiceId: registry.id, groupIds: ['registry'], status, manual: status !== 'Approved', }],
      customDnsConfigs: Object.entries(ips).map(([member, ip]) => ({ fqdn: fqdnOf(member), ipAddresses: [ip] })),
      provisioningState: 'Succeeded',
    };
    this.snapshot.privateEndpoints.push(pe);
    this.snapshot.networkInterfaces.push({
      id: nicId,
      name: `${name}.nic`,
      privateEndpointId: peId,
      ipConfigurations: Object.entries(ips).map(([member, ip]) => ({
        name: `privateEndpointIpConfig.${member}`,
        privateIPAddress: ip,
        groupId: 'registry',
        requiredMemberName: member,
        fqdns: [fqdnOf(member)],
      })),
    });
    registry.privateEndpointConnections.push({
      id: `${registry.id}/privateEndpointConnections/${name}.conn`,
      name: `${name}.conn`,
      registryId: registry.id,
      privateEndpointId: peId,
      status,
      description: status === 'Approved' ? 'Auto-Approved' : '',
      actionsRequired: 'None',
      provisioningState: 'Succeeded',
    });
    return pe;
  }

  zone(name = 'privatelink.azurecr.io', options: { subscriptionId?: string; resourceGroup?: string } = {}): PrivateDnsZone {
    const sub = options.subscriptionId ?? subscriptionId;
    const rg = options.resourceGroup ?? resourceGroup;
    const zone: PrivateDnsZone = {
      id: buildId(sub, rg, 'Microsoft.Network', 'privateDnsZones', name),
      name,
      subscriptionId: sub,
      resourceGroup: rg,
      etag: this.etag(),
    };
    this.snapshot.privateDnsZones.push(zone);
    return zone;
  }

  link(zone: PrivateDnsZone, vnet: VirtualNetwork, name = `${vnet.name}-link`): VirtualNetworkLink {
    const link: VirtualNetworkLink = {
      id: `${zone.id}/virtualNetworkLinks/${name}`,
      name,
      privateDnsZoneId: zone.id,
      virtualNetworkId: vnet.id,
      registrationEnabled: false,
      virtualNetworkLinkState: 'Completed',
      provisioningState: 'Succeeded',
      etag: this.etag(),
    };
    this.snapshot.virtualNetworkLinks.push(link);
    return link;
  }

  record(zone: PrivateDnsZone, name: string, ips: string[], ttl = 10): ARecordSet {
    const record: ARecordSet = {
      id: `${zone.id}/A/${name}`,
      name,
      privateDnsZoneId: zone.id,
      fqdn: `${name}.${zone.name}.`,
      ttl,
      etag: this.etag(),
      ipv4Addresses: ips,
    };
    this.snapshot.aRecordSets.push(record);
    return record;
  }

  private etag(): string {
    this.etagCounter += 1;
    return `etag-${this.etagCounter}`;
  }
}

/**
 * The seed document's topology after "add a replica later": myregistry (westeurope) with a replica
 * in eastus, myPrivateEndpoint in myVNet whose NIC already serves eastus, the zone linked, and the
 * records for the registry and westeurope data endpoint — but none for eastus.
 */
export function seedTopology() {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  b.replica(registry, 'westeurope');
  b.replica(registry, 'eastus');
  const vnet = b.vnet('myVNet');
  const endpoint = b.endpoint('myPrivateEndpoint', registry, vnet, {
    registry: '10.0.0.7',
    registry_data_westeurope: '10.0.0.6',
    registry_data_eastus: '10.0.0.8',
  });
  const zone = b.zone();
  const link = b.link(zone, vnet, 'MyDNSLink');
  const registryRecord = b.record(zone, 'myregistry', ['10.0.0.7']);
  const westeuropeRecord = b.record(zone, 'myregistry.westeurope.data', ['10.0.0.6']);
  return { b, snapshot: b.snapshot, registry, vnet, endpoint, zone, link, registryRecord, westeuropeRecord };
}

/** The seed topology with every record in place. */
export function healthyTopology() {
  const t = seedTopology();
  const eastusRecord = t.b.record(t.zone, 'myregistry.eastus.data', ['10.0.0.8']);
  return { ...t, eastusRecord };
}
