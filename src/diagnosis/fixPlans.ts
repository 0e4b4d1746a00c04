// Builders for the fix plans findings carry. Every write states its precondition: a record set is
// created only if absent (If-None-Match: *) and changed only at the version read (If-Match: etag),
// so a concurrent change surfaces as a conflict instead of being overwritten.
import { buildId, resourceName } from '../model/armId';
import type { ArmWrite, FixPlan } from '../model/fixPlan';
import type { ARecordSet, PrivateDnsZone, PrivateEndpointConnection, ResourceId } from '../model/types';

/**
 * TTL for records we create: 10 seconds, what a private DNS zone group writes (the seed document's
 * `dig` shows `10 IN A`). The CLI's default of 3600 would keep a corrected IP out of clients'
 * caches for an hour; Azure DNS answers private zones from inside the VNet, so short costs nothing.
 */
export const recordTtl = 10;

export function createARecordSetWrite(zoneId: ResourceId, recordSetName: string, ips: string[]): ArmWrite {
  return { kind: 'createARecordSet', privateDnsZoneId: zoneId, recordSetName, ttl: recordTtl, ipv4Addresses: [...ips], ifNoneMatch: '*' };
}

export function addToARecordSetWrite(recordSet: ARecordSet, added: string[]): ArmWrite {
  return {
    kind: 'addToARecordSet',
    recordSetId: recordSet.id,
    ifMatch: recordSet.etag,
    ttl: recordSet.ttl,
    existingIpv4Addresses: [...recordSet.ipv4Addresses],
    addedIpv4Addresses: [...added],
  };
}

export function createVirtualNetworkLinkWrite(zoneId: ResourceId, virtualNetworkId: ResourceId): ArmWrite {
  return {
    kind: 'createVirtualNetworkLink',
    privateDnsZoneId: zoneId,
    linkName: `${resourceName(virtualNetworkId)}-link`,
    virtualNetworkId,
    ifNoneMatch: '*',
  };
}

const arrow = (ips: string[]): string => ips.join(', ');

export function createRecordPlan(findingKey: string, zone: PrivateDnsZone, recordSetName: string, ips: string[]): FixPlan {
  return {
    title: `Create A record ${recordSetName} → ${arrow(ips)} in ${zone.name}`,
    findingKey,
    writes: [createARecordSetWrite(zone.id, recordSetName, ips)],
    safe: true,
  };
}

export function addToRecordPlan(findingKey: string, recordSet: ARecordSet, added: string[]): FixPlan {
  const kept = recordSet.ipv4Addresses.length > 0 ? `, keeping ${arrow(recordSet.ipv4Addresses)}` : '';
  return {
    title: `Add ${arrow(added)} to A record ${recordSet.name}${kept}`,
    findingKey,
    writes: [addToARecordSetWrite(recordSet, added)],
    safe: true,
  };
}

/**
 * Removes IPs no endpoint serves (and adds the right ones, if any). Safe only when the removal policy
 * says so (`removalPolicy`): the title says why each IP goes.
 */
export function replaceInRecordPlan(findingKey: string, recordSet: ARecordSet, removed: string[], added: string[], safe: boolean): FixPlan {
  const why = `no endpoint serves ${removed.length === 1 ? 'it' : 'them'}`;
  const title =
    added.length > 0
      ? `Remove ${arrow(removed)} from ${recordSet.name} (${why}) and add ${arrow(added)}`
      : `Remove ${arrow(removed)} from ${recordSet.name} (${why})`;
  return {
    title,
    findingKey,
    writes: [
      {
        kind: 'replaceInARecordSet',
        recordSetId: recordSet.id,
        ifMatch: recordSet.etag,
        ttl: recordSet.ttl,
        existingIpv4Addresses: [...recordSet.ipv4Addresses],
        removedIpv4Addresses: [...removed],
        addedIpv4Addresses: [...added],
      },
    ],
    safe,
  };
}

/** Never safe: a record nobody seems to use may serve a client we cannot see. */
export function deleteRecordPlan(findingKey: string, recordSet: ARecordSet): FixPlan {
  return {
    title: `Delete A record ${recordSet.name} (${arrow(recordSet.ipv4Addresses)})`,
    findingKey,
    writes: [{ kind: 'deleteARecordSet', recordSetId: recordSet.id, ifMatch: recordSet.etag, ipv4Addresses: [...recordSet.ipv4Addresses] }],
    safe: false,
  };
}

/** Link the zone, then write the records the VNet needs in it. */
export function linkZonePlan(findingKey: string, zone: PrivateDnsZone, virtualNetworkId: ResourceId, recordWrites: ArmWrite[]): FixPlan {
  return {
    title: `Link ${zone.name} to ${resourceName(virtualNetworkId)}${recordWrites.length > 0 ? ` and write ${recordWrites.length} A record(s)` : ''}`,
    findingKey,
    writes: [createVirtualNetworkLinkWrite(zone.id, virtualNetworkId), ...recordWrites],
    safe: true,
  };
}

/** Create the zone where the endpoint lives, link it, and write every record the VNet needs. */
export function createZonePlan(
  findingKey: string,
  subscriptionId: string,
  resourceGroup: string,
  zoneName: string,
  virtualNetworkId: ResourceId,
  records: { recordSetName: string; ips: string[] }[],
): FixPlan {
  const zoneId = buildId(subscriptionId, resourceGroup, 'Microsoft.Network', 'privateDnsZones', zoneName);
  return {
    title: `Create zone ${zoneName} in ${resourceGroup}, link it to ${resourceName(virtualNetworkId)} and write ${records.length} A record(s)`,
    findingKey,
    writes: [
      { kind: 'createPrivateDnsZone', subscriptionId, resourceGroup, zoneName, ifNoneMatch: '*' },
      createVirtualNetworkLinkWrite(zoneId, virtualNetworkId),
      ...records.map((r) => createARecordSetWrite(zoneId, r.recordSetName, r.ips)),
    ],
    safe: true,
  };
}

/** Approving lets a network you may not own into the registry: a person decides, never "Fix all". */
export function approveConnectionPlan(findingKey: string, connection: PrivateEndpointConnection): FixPlan {
  return {
    title: `Approve the connection from ${resourceName(connection.privateEndpointId ?? connection.id)}`,
    findingKey,
    writes: [{ kind: 'setConnectionState', connectionId: connection.id, status: 'Approved', description: 'Approved' }],
    safe: false,
  };
}
