// A fix is data before it is an action: the exact ARM writes, each with the precondition that makes
// it safe (create only if absent, or change only the version we read). The azure layer executes
// plans; views only display them.
import * as l10n from '@vscode/l10n';
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

/**
 * Update an existing A record set (PATCH) with IPs added; `If-Match: <etag>` so a concurrent change is
 * never lost. An empty `ifMatch` (on this and the writes below) means the record set was read without
 * an etag (from Resource Graph): the write then reads the etag from ARM first, and writes only if ARM
 * still holds the addresses the plan was made from.
 */
export interface AddToARecordSetWrite {
  kind: 'addToARecordSet';
  recordSetId: ResourceId;
  ifMatch: string;
  ttl: number;
  /** Every IP the record set had when read, kept as it was. */
  existingIpv4Addresses: string[];
  addedIpv4Addresses: string[];
}

/**
 * Remove IPs from an A record set, and add others in their place if any (a record pointing at an IP
 * no endpoint serves any more). `If-Match: <etag>`; the IPs not named here are kept.
 */
export interface ReplaceInARecordSetWrite {
  kind: 'replaceInARecordSet';
  recordSetId: ResourceId;
  ifMatch: string;
  ttl: number;
  existingIpv4Addresses: string[];
  removedIpv4Addresses: string[];
  /** Empty for a removal. */
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

/**
 * Remove service-endpoint rules from a registry's network rule set (PATCH at api-version
 * 2021-08-01-preview, the last that shows them), keeping its default action and IP rules. A registry
 * has no etag: the rules are read again just before the write, and nothing is written unless they are
 * still those the plan was made from.
 */
export interface RemoveVirtualNetworkRulesWrite {
  kind: 'removeVirtualNetworkRules';
  registryId: ResourceId;
  /** Subnet ids of the rules as read. */
  existingSubnetIds: string[];
  removedSubnetIds: string[];
}

export type ArmWrite =
  | CreateARecordSetWrite
  | AddToARecordSetWrite
  | ReplaceInARecordSetWrite
  | DeleteARecordSetWrite
  | CreateVirtualNetworkLinkWrite
  | CreatePrivateDnsZoneWrite
  | SetConnectionStateWrite
  | RemoveVirtualNetworkRulesWrite;

export interface FixPlan {
  /** One sentence a person reads before confirming, e.g. "Create A record myregistry.eastus.data → 10.0.0.8". */
  title: string;
  /** The finding this plan repairs. */
  findingKey: string;
  writes: ArmWrite[];
  /**
   * "Fix all" and the CLI's `--fix` apply only safe plans: those that add (records, IPs, links, zones)
   * and those that remove an IP from a record set when no private endpoint serves that IP for that
   * name, as read in the same check, and no read that could show one did fail (see `removalPolicy`).
   * Deleting a record set or approving a connection is never safe: a person decides.
   */
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
      return l10n.t('Create A record {0} → {1} (TTL {2}) in {3}, only if it does not exist', w.recordSetName, w.ipv4Addresses.join(', '), w.ttl, tail(w.privateDnsZoneId));
    case 'addToARecordSet':
      return l10n.t('Add {0} to A record {1}, keeping {2}, only if unchanged since read', w.addedIpv4Addresses.join(', '), tail(w.recordSetId), w.existingIpv4Addresses.join(', ') || l10n.t('no other IPs'));
    case 'replaceInARecordSet': {
      const [zoneName, , recordSetName] = w.recordSetId.split('/').slice(-3);
      const kept = w.existingIpv4Addresses.filter((ip) => !w.removedIpv4Addresses.includes(ip));
      const why = w.removedIpv4Addresses.length === 1 ? l10n.t('no endpoint serves it') : l10n.t('no endpoint serves them');
      const added = w.addedIpv4Addresses.join(', ');
      const keeping = kept.join(', ');
      const record = [w.removedIpv4Addresses.join(', '), recordSetName ?? '', zoneName ?? '', why] as const;
      if (added && keeping) return l10n.t('Remove {0} from {1} in {2} ({3}) and add {4}, keeping {5}, only if unchanged since read', ...record, added, keeping);
      if (added) return l10n.t('Remove {0} from {1} in {2} ({3}) and add {4}, only if unchanged since read', ...record, added);
      if (keeping) return l10n.t('Remove {0} from {1} in {2} ({3}), keeping {4}, only if unchanged since read', ...record, keeping);
      return l10n.t('Remove {0} from {1} in {2} ({3}), only if unchanged since read', ...record);
    }
    case 'deleteARecordSet':
      return l10n.t('Delete A record {0} ({1}), only if unchanged since read', tail(w.recordSetId), w.ipv4Addresses.join(', '));
    case 'createVirtualNetworkLink':
      return l10n.t('Link {0} to virtual network {1} as {2} (auto-registration off)', tail(w.privateDnsZoneId), w.virtualNetworkId.split('/').pop() ?? '', w.linkName);
    case 'createPrivateDnsZone':
      return l10n.t('Create private DNS zone {0} in {1}', w.zoneName, w.resourceGroup);
    case 'setConnectionState':
      return l10n.t('Set connection {0} to {1} (“{2}”)', w.connectionId.split('/').pop() ?? '', w.status, w.description);
    case 'removeVirtualNetworkRules':
      return l10n.t(
        'Remove the virtual network rules for {0} from the network rule set of {1}, keeping its default action and IP rules, only if its rules are unchanged since read',
        w.removedSubnetIds.map(subnetText).join(', '),
        w.registryId.split('/').pop() ?? w.registryId,
      );
  }
}

/** `myVNet/mySubnet` of a subnet id. */
function subnetText(subnetId: string): string {
  return subnetId.split('/').filter((_, i, parts) => i === parts.length - 3 || i === parts.length - 1).join('/');
}

/** Does this write take an IP out of a record set (or delete one)? */
export function removesIps(w: ArmWrite): boolean {
  return (w.kind === 'replaceInARecordSet' && w.removedIpv4Addresses.length > 0) || w.kind === 'deleteARecordSet';
}

/**
 * The confirmation a person reads before plans are applied: the heading, and the writes with the
 * removals listed apart, after the writes that only add.
 */
export function describePlans(plans: readonly FixPlan[], subject: string): { title: string; detail: string } {
  const writes = plans.flatMap((p) => p.writes);
  const removals = writes.filter(removesIps);
  const others = writes.filter((w) => !removesIps(w));
  const title =
    plans.length === 1
      ? plans[0]!.title
      : removals.length === 0
        ? l10n.t('Apply {0} DNS fixes to {1}?', plans.length, subject)
        : removals.length === 1
          ? l10n.t('Apply {0} DNS fixes to {1} (1 removes IPs)?', plans.length, subject)
          : l10n.t('Apply {0} DNS fixes to {1} ({2} remove IPs)?', plans.length, subject, removals.length);
  const detail = [
    ...others.map(describeWrite),
    ...(removals.length > 0 && others.length > 0 ? [''] : []),
    ...(removals.length > 0 ? [`Removals (${removals.length}):`, ...removals.map(describeWrite)] : []),
  ].join('\n');
  return { title, detail };
}
