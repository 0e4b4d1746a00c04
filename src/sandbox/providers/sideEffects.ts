// Azure's side effects that cross resource providers: a replica changes every endpoint's NIC, a
// connection decision shows on both sides, a zone group writes (and on delete deletes) A record sets.

import { allocate } from '../ipam';
import { badRequest, type ArmError } from '../arm/errors';
import { newGuid, sameId } from '../ids';
import type { ArmContext } from '../arm/router';
import {
  key,
  type ARecordSetRecord,
  type ConnectionState,
  type NetworkInterfaceRecord,
  type PrivateDnsZoneGroupRecord,
  type RegistryRecord,
  type SubnetRecord,
  type VirtualNetworkRecord,
} from '../state';
import { dataMember, registryConnections } from './registryMembers';

export function findSubnet(ctx: ArmContext, subnetId: string): { vnet: VirtualNetworkRecord; subnet: SubnetRecord } | undefined {
  const i = subnetId.toLowerCase().lastIndexOf('/subnets/');
  if (i < 0) return undefined;
  const vnet = ctx.state.virtualNetworks[subnetId.slice(0, i).toLowerCase()];
  const subnet = vnet?.subnets.find((s) => sameId(s.id, subnetId));
  return vnet && subnet ? { vnet, subnet } : undefined;
}

export function usedAddresses(ctx: ArmContext, subnetId: string): Set<string> {
  const used = new Set<string>();
  for (const nic of Object.values(ctx.state.networkInterfaces)) {
    for (const c of nic.ipConfigurations) if (sameId(c.subnetId, subnetId)) used.add(c.privateIPAddress);
  }
  // A resolver's inbound endpoint takes an address of its subnet too.
  for (const e of Object.values(ctx.state.inboundEndpoints ?? {})) {
    for (const c of e.ipConfigurations) if (sameId(c.subnetId, subnetId)) used.add(c.privateIpAddress);
  }
  return used;
}

export function nicsInSubnet(ctx: ArmContext, subnetId: string): NetworkInterfaceRecord[] {
  return Object.values(ctx.state.networkInterfaces).filter((nic) => nic.ipConfigurations.some((c) => sameId(c.subnetId, subnetId)));
}

/** Both sides of a connection: the endpoint's (manual)privateLinkServiceConnections entry for the registry. */
export function setEndpointConnectionState(ctx: ArmContext, privateEndpointId: string, registryId: string, state: ConnectionState): void {
  const pe = ctx.state.privateEndpoints[key(privateEndpointId)];
  if (!pe) return; // an endpoint in another tenant or subscription: only the registry's side is here
  for (const c of [...pe.privateLinkServiceConnections, ...pe.manualPrivateLinkServiceConnections]) {
    if (sameId(c.privateLinkServiceId, registryId)) c.privateLinkServiceConnectionState = { ...state };
  }
}

export function setRegistryConnectionState(ctx: ArmContext, registryConnectionId: string | undefined, state: ConnectionState): void {
  if (!registryConnectionId) return;
  const c = ctx.state.registryConnections[key(registryConnectionId)];
  if (c) c.privateLinkServiceConnectionState = { ...state };
}

/** Azure's answer when a subnet cannot give the addresses asked for (recorded in MicrosoftDocs/azure-docs#88211). */
export function subnetIsFull(subnet: SubnetRecord, count: number): ArmError {
  return badRequest('SubnetIsFull', `Subnet ${subnet.name} with address prefix ${subnet.addressPrefix} does not have enough capacity for ${count} IP addresses.`);
}

/**
 * A replica needs one more address in each endpoint's subnet (one per endpoint of the registry
 * there); if a subnet cannot give them, Azure fails the replica and keeps nothing of it.
 */
export function checkReplicaCapacity(ctx: ArmContext, registry: RegistryRecord): void {
  const perSubnet = new Map<string, number>();
  for (const conn of registryConnections(ctx, registry)) {
    const pe = ctx.state.privateEndpoints[key(conn.privateEndpointId)];
    if (pe) perSubnet.set(key(pe.subnetId), (perSubnet.get(key(pe.subnetId)) ?? 0) + 1);
  }
  for (const [subnetId, count] of perSubnet) {
    const found = findSubnet(ctx, subnetId);
    if (found && !allocate(found.subnet.addressPrefix, usedAddresses(ctx, found.subnet.id), count)) throw subnetIsFull(found.subnet, count);
  }
}

/**
 * A new geo-replica adds its data endpoint to every private endpoint of the registry: one more NIC ip
 * configuration with a fresh address, and the connection goes back to Pending until re-approved.
 * No DNS record is written — that is the seed document's warning.
 */
export function addReplicaMember(ctx: ArmContext, registry: RegistryRecord, region: string): void {
  const member = dataMember(registry, region);
  for (const conn of registryConnections(ctx, registry)) {
    const pe = ctx.state.privateEndpoints[key(conn.privateEndpointId)];
    if (!pe) continue;
    const nic = ctx.state.networkInterfaces[key(pe.networkInterfaceId)];
    if (!nic || nic.ipConfigurations.some((c) => c.privateLinkConnectionProperties?.requiredMemberName === member.requiredMemberName)) continue;
    const [ip] = allocate(findSubnet(ctx, pe.subnetId)?.subnet.addressPrefix ?? '', usedAddresses(ctx, pe.subnetId), 1) ?? [];
    if (ip === undefined) continue;
    nic.ipConfigurations.push({
      name: `privateEndpointIpConfig.${newGuid()}`,
      privateIPAddress: ip,
      subnetId: pe.subnetId,
      primary: false,
      privateLinkConnectionProperties: { groupId: 'registry', requiredMemberName: member.requiredMemberName, fqdns: [member.fqdn] },
    });
    const pending: ConnectionState = { status: 'Pending', description: `Geo-replica ${region} added; the connection needs to be re-approved.`, actionsRequired: 'None' };
    conn.privateLinkServiceConnectionState = { ...pending };
    setEndpointConnectionState(ctx, pe.id, registry.id, pending);
  }
}

export function removeReplicaMember(ctx: ArmContext, registry: RegistryRecord, region: string): void {
  const member = dataMember(registry, region);
  for (const conn of registryConnections(ctx, registry)) {
    const pe = ctx.state.privateEndpoints[key(conn.privateEndpointId)];
    const nic = pe && ctx.state.networkInterfaces[key(pe.networkInterfaceId)];
    if (!nic) continue;
    nic.ipConfigurations = nic.ipConfigurations.filter((c) => c.privateLinkConnectionProperties?.requiredMemberName !== member.requiredMemberName);
  }
}

/** Zone name suffix → record name: `myregistry.westeurope.data.azurecr.io` in `privatelink.azurecr.io` is `myregistry.westeurope.data`. */
export function recordNameFor(fqdn: string, zoneName: string): string | undefined {
  const suffix = zoneName.toLowerCase().replace(/^privatelink\./, '');
  const f = fqdn.toLowerCase().replace(/\.$/, '');
  return f.endsWith(`.${suffix}`) ? f.slice(0, -suffix.length - 1) : undefined;
}

export function recordSetId(zoneId: string, name: string): string {
  return `${zoneId}/A/${name}`;
}

/**
 * A zone group writes one A record set per NIC member whose FQDN belongs in the zone, replacing the
 * IPs that were there: a second endpoint of the same registry whose zone group targets the same zone
 * takes the record sets over (MicrosoftDocs/azure-docs#58044: the record "has been changed to" the
 * second endpoint's IP). The record set's metadata names the endpoint, as Azure's does.
 */
export function writeZoneGroupRecords(ctx: ArmContext, group: PrivateDnsZoneGroupRecord, nic: NetworkInterfaceRecord): void {
  const written: NonNullable<PrivateDnsZoneGroupRecord['writtenRecordSets']> = [];
  const endpointName = group.privateEndpointId.slice(group.privateEndpointId.lastIndexOf('/') + 1);
  for (const config of group.privateDnsZoneConfigs) {
    const zone = ctx.state.privateDnsZones[key(config.privateDnsZoneId)];
    if (!zone) continue;
    const records = (ctx.state.aRecordSets[key(zone.id)] ??= {});
    for (const ipc of nic.ipConfigurations) {
      for (const fqdn of ipc.privateLinkConnectionProperties?.fqdns ?? []) {
        const name = recordNameFor(fqdn, zone.name);
        if (name === undefined) continue;
        const record: ARecordSetRecord = {
          id: recordSetId(zone.id, name),
          name,
          zoneId: zone.id,
          etag: newGuid(),
          ttl: 10,
          metadata: { creator: `created by private endpoint ${endpointName}` },
          aRecords: [{ ipv4Address: ipc.privateIPAddress }],
          managedByZoneGroupId: group.id,
        };
        records[name] = record;
        written.push({ zoneId: zone.id, name, ipAddresses: [ipc.privateIPAddress] });
      }
    }
  }
  group.writtenRecordSets = written;
}

/**
 * Deleting a zone group (or its endpoint) deletes every A record set it wrote, whatever the record
 * set holds by then: also one another endpoint's zone group has taken over since, which leaves that
 * endpoint's VNet without the record (MicrosoftDocs/azure-docs#58044, #122192). Record sets it never
 * wrote (written by hand, or only by another group) stay as they are, stale IPs included.
 */
export function removeZoneGroupRecords(ctx: ArmContext, group: PrivateDnsZoneGroupRecord): void {
  for (const w of group.writtenRecordSets ?? []) {
    const records = ctx.state.aRecordSets[key(w.zoneId)];
    if (records) delete records[w.name];
  }
  for (const config of group.privateDnsZoneConfigs) {
    const records = ctx.state.aRecordSets[key(config.privateDnsZoneId)];
    if (!records) continue;
    for (const [name, r] of Object.entries(records)) if (sameId(r.managedByZoneGroupId, group.id)) delete records[name];
  }
}
