// A fix is data before it is an action: the exact ARM writes, each with the precondition that makes
// it safe (create only if absent, or change only the version we read). The azure layer executes
// plans; views only display them.
import type { ResourceId } from './types';

/** PUT a new A record set; `If-None-Match: *` so an existing record set is never overwritten. */
export interface CreateARecordSetWrite {
  kind: 'createARecordSet';
  privateDnsZoneId: ResourceId;
  /** Relative to the zone, e.g. `myregistry.eastus.data`. */
  recordSetName: string;
  ttl: number;
  ipv4Addresses: string[];
  ifNoneMatch: '*';
}

/** Update an existing A record set (PATCH) with IPs added; `If-Match: <etag>` so a concurrent change is never lost. */
export interface AddToARecordSetWrite {
  kind: 'addToARecordSet';
  recordSetId: ResourceId;
  ifMatch: string;
  ttl: number;
  /** Every IP the record set had when read, kept as it was. */
  existingIpv4Addresses: string[];
  addedIpv4Addresses: string[];
}

/** Replace one IP of an A record set by another (a record pointing at an IP the NIC no longer has). */
export interface ReplaceInARecordSetWrite {
  kind: 'replaceInARecordSet';
  recordSetId: ResourceId;
  ifMatch: string;
  ttl: number;
  existingIpv4Addresses: string[];
  removedIpv4Addresses: string[];
  addedIpv4Addresses: string[];
}

/** DELETE an A record set, only at the version read. */
export interface DeleteARecordSetWrite {
  kind: 'deleteARecordSet';
  recordSetId: ResourceId;
  ifMatch: string;
  ipv4Addresses: string[];
}

/** PUT a virtual network link (registrationEnabled: false); `If-None-Match: *`. */
export interface CreateVirtualNetworkLinkWrite {
  kind: 'createVirtualNetworkLink';
  privateDnsZoneId: ResourceId;
  linkName: string;
  virtualNetworkId: ResourceId;
  ifNoneMatch: '*';
}

/** PUT a private DNS zone (location global); `If-None-Match: *`. */
export interface CreatePrivateDnsZoneWrite {
  kind: 'createPrivateDnsZone';
  subscriptionId: string;
  resourceGroup: string;
  zoneName: string;
  ifNoneMatch: '*';
}

/** PUT the connection state on the registry's private endpoint connection (approve / reject). */
export interface SetConnectionStateWrite {
  kind: 'setConnectionState';
  connectionId: ResourceId;
  status: 'Approved' | 'Rejected';
  description: string;
}

export type ArmWrite =
  | CreateARecordSetWrite
  | AddToARecordSetWrite
  | ReplaceInARecordSetWrite
  | DeleteARecordSetWrite
  | CreateVirtualNetworkLinkWrite
  | CreatePrivateDnsZoneWrite
  | SetConnectionStateWrite;

export interface FixPlan {
  /** One sentence a person reads before confirming, e.g. "Create A record myregistry.eastus.data → 10.0.0.8". */
  title: string;
  /** The finding this plan repairs. */
  findingKey: string;
  writes: ArmWrite[];
  /** Safe plans only add (never remove an IP another endpoint needs); "Fix all" applies only these. */
  safe: boolean;
}

/** The result of applying one write. */
export type WriteOutcome =
  | { write: ArmWrite; status: 'applied'; resourceId: ResourceId; etag?: string }
  | { write: ArmWrite; status: 'conflict'; message: string } // 412 / If-None-Match failed: re-read and offer again
  | { write: ArmWrite; status: 'failed'; message: string; code?: string; httpStatus?: number }
  | { write: ArmWrite; status: 'skipped'; message: string }; // not attempted because an earlier write failed

/** One line per write, for the confirmation a person reads before anything is changed. */
export function describeWrite(w: ArmWrite): string {
  const tail = (id: string) => id.split('/').slice(-3).join('/');
  switch (w.kind) {
    case 'createARecordSet':
      return `Create A record ${w.recordSetName} → ${w.ipv4Addresses.join(', ')} (TTL ${w.ttl}) in ${tail(w.privateDnsZoneId)}, only if it does not exist`;
    case 'addToARecordSet':
      return `Add ${w.addedIpv4Addresses.join(', ')} to A record ${tail(w.recordSetId)}, keeping ${w.existingIpv4Addresses.join(', ') || 'no other IPs'}, only if unchanged since read`;
    case 'replaceInARecordSet':
      return `In A record ${tail(w.recordSetId)} replace ${w.removedIpv4Addresses.join(', ')} by ${w.addedIpv4Addresses.join(', ')}, only if unchanged since read`;
    case 'deleteARecordSet':
      return `Delete A record ${tail(w.recordSetId)} (${w.ipv4Addresses.join(', ')}), only if unchanged since read`;
    case 'createVirtualNetworkLink':
      return `Link ${tail(w.privateDnsZoneId)} to virtual network ${w.virtualNetworkId.split('/').pop()} as ${w.linkName} (auto-registration off)`;
    case 'createPrivateDnsZone':
      return `Create private DNS zone ${w.zoneName} in ${w.resourceGroup}`;
    case 'setConnectionState':
      return `Set connection ${w.connectionId.split('/').pop()} to ${w.status} (“${w.description}”)`;
  }
}
