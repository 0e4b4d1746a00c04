// The seed scenario's fixed ids and a typed view of the sandbox's state, for suites that check what
// Azure holds after a command (GET /_sandbox/state), not what the extension believes.
import { sandboxRequest } from './sandboxControl';

export const production = '00000000-0000-4000-8000-000000000001';
export const group = `/subscriptions/${production}/resourceGroups/myResourceGroup`;
export const registryId = `${group}/providers/Microsoft.ContainerRegistry/registries/myregistry`;
export const zoneId = `${group}/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;
export const vnetId = `${group}/providers/Microsoft.Network/virtualNetworks/myDockerVMVNET`;
export const subnetId = `${vnetId}/subnets/myDockerVMSubnet`;

export interface SandboxWorld {
  registries: Record<string, { name: string; publicNetworkAccess: string; networkRuleBypassOptions: string }>;
  registryConnections: Record<string, { name: string; privateEndpointId: string; privateLinkServiceConnectionState: { status: string } }>;
  privateEndpoints: Record<string, { name: string; privateLinkServiceConnections: { privateLinkServiceConnectionState: { status: string } }[] }>;
  virtualNetworkLinks: Record<string, { name: string }>;
  networkInterfaces: Record<string, { privateEndpointId?: string; ipConfigurations: { privateIPAddress: string; privateLinkConnectionProperties?: { requiredMemberName: string } }[] }>;
  aRecordSets: Record<string, Record<string, { name: string; etag: string; ttl: number; aRecords: { ipv4Address: string }[] }>>;
}

export async function world(): Promise<SandboxWorld> {
  return (await sandboxRequest('GET', '/_sandbox/state')).body as SandboxWorld;
}

/** Record set name → its addresses, in the seed's privatelink.azurecr.io zone. */
export async function zoneRecords(): Promise<Record<string, string[]>> {
  const sets = (await world()).aRecordSets[zoneId.toLowerCase()] ?? {};
  return Object.fromEntries(Object.values(sets).map((r) => [r.name, r.aRecords.map((a) => a.ipv4Address)]));
}

/** The address a NIC of this endpoint holds for a required member (`registry_data_eastus`). */
export async function endpointIp(endpointName: string, member: string): Promise<string> {
  const nic = Object.values((await world()).networkInterfaces).find((n) => n.privateEndpointId?.toLowerCase().endsWith(`/privateendpoints/${endpointName.toLowerCase()}`));
  const ip = nic?.ipConfigurations.find((c) => c.privateLinkConnectionProperties?.requiredMemberName === member)?.privateIPAddress;
  if (!ip) throw new Error(`${endpointName} has no address for ${member}`);
  return ip;
}

/** A second endpoint to myregistry, made directly in Azure (not through the extension). */
export async function createSecondEndpoint(name: string): Promise<void> {
  const r = await sandboxRequest('PUT', `${group}/providers/Microsoft.Network/privateEndpoints/${name}?api-version=2024-05-01`, {
    location: 'westeurope',
    properties: {
      subnet: { id: subnetId },
      privateLinkServiceConnections: [{ name: `${name}Connection`, properties: { privateLinkServiceId: registryId, groupIds: ['registry'] } }],
    },
  });
  if (r.status >= 300) throw new Error(`creating ${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
}

/** A record set written by hand for something else in the same zone: no clean-up may touch it. */
export async function createForeignRecord(name: string, ip: string): Promise<void> {
  const r = await sandboxRequest('PUT', `${zoneId}/A/${name}?api-version=2024-06-01`, { properties: { ttl: 3600, aRecords: [{ ipv4Address: ip }] } });
  if (r.status >= 300) throw new Error(`creating ${name} failed: ${r.status}`);
}

/** A DNS zone group on an endpoint, writing into the seed's zone (as the portal's "Integrate with private DNS zone" does). */
export async function addZoneGroup(endpointName: string): Promise<void> {
  const r = await sandboxRequest('PUT', `${group}/providers/Microsoft.Network/privateEndpoints/${endpointName}/privateDnsZoneGroups/default?api-version=2024-05-01`, {
    properties: { privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', properties: { privateDnsZoneId: zoneId } }] },
  });
  if (r.status >= 300) throw new Error(`the zone group of ${endpointName} failed: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Writes a record set in the seed's zone by hand, replacing what it holds. */
export async function writeRecord(name: string, ips: string[]): Promise<void> {
  const r = await sandboxRequest('PUT', `${zoneId}/A/${name}?api-version=2024-06-01`, { properties: { ttl: 10, aRecords: ips.map((ipv4Address) => ({ ipv4Address })) } });
  if (r.status >= 300) throw new Error(`writing ${name} failed: ${r.status}`);
}
