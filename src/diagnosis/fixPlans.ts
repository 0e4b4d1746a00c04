// Builders for the fix plans findings carry. Every write states its precondition: a record set is
// created only if absent (If-None-Match: *) and changed only at the version read (If-Match: etag),
// so a concurrent change surfaces as a conflict instead of being overwritten.
import * as l10n from '@vscode/l10n';
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
    title: l10n.t('Create A record {0} → {1} in {2}', recordSetName, arrow(ips), zone.name),
    findingKey,
    writes: [createARecordSetWrite(zone.id, recordSetName, ips)],
    safe: true,
  };
}

export function addToRecordPlan(findingKey: string, recordSet: ARecordSet, added: string[]): FixPlan {
  const kept = recordSet.ipv4Addresses.length > 0 ? `, keeping ${arrow(recordSet.ipv4Addresses)}` : '';
  return {
    title: l10n.t('Add {0} to A record {1}{2}', arrow(added), recordSet.name, kept),
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
  const why = removed.length === 1 ? l10n.t('no endpoint serves it') : l10n.t('no endpoint serves them');
  const title =
    added.length > 0
      ? l10n.t('Remove {0} from {1} ({2}) and add {3}', arrow(removed), recordSet.name, why, arrow(added))
      : l10n.t('Remove {0} from {1} ({2})', arrow(removed), recordSet.name, why);
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
    title: l10n.t('Delete A record {0} ({1})', recordSet.name, arrow(recordSet.ipv4Addresses)),
    findingKey,
    writes: [{ kind: 'deleteARecordSet', recordSetId: recordSet.id, ifMatch: recordSet.etag, ipv4Addresses: [...recordSet.ipv4Addresses] }],
    safe: false,
  };
}

/** Link the zone, then write the records the VNet needs in it. */
export function linkZonePlan(findingKey: string, zone: PrivateDnsZone, virtualNetworkId: ResourceId, recordWrites: ArmWrite[]): FixPlan {
  return {
    title: recordWrites.length > 0 ? l10n.t('Link {0} to {1} and write {2} A record(s)', zone.name, resourceName(virtualNetworkId), recordWrites.length) : l10n.t('Link {0} to {1}', zone.name, resourceName(virtualNetworkId)),
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
    title: l10n.t('Create zone {0} in {1}, link it to {2} and write {3} A record(s)', zoneName, resourceGroup, resourceName(virtualNetworkId), records.length),
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
    title: l10n.t('Approve the connection from {0}', resourceName(connection.privateEndpointId ?? connection.id)),
    findingKey,
    writes: [{ kind: 'setConnectionState', connectionId: connection.id, status: 'Approved', description: 'Approved' }],
    safe: false,
  };
}
