// What a VM in a VNet would resolve, according to Azure's configuration alone: Azure DNS answers a
// name from a private zone linked to the VNet whenever the name falls inside that zone (NXDOMAIN if
// the record is missing); otherwise public DNS answers, and for a registry with private endpoints it
// CNAMEs `<x>.azurecr.io` to `<x>.privatelink.azurecr.io`, which a linked zone can then answer.
import * as l10n from '@vscode/l10n';
import type { PrivateDnsZone, ResourceId, Snapshot } from '../model/types';
import { dnsReadErrors, linkedZones } from './configured';
import { isInZone, normalizeFqdn, relativeName } from './names';
import { indexSnapshot } from './snapshotIndex';
import { recordsUnread, unreadAt, unreadNote } from './unread';

export type VirtualStatus = 'private' | 'public' | 'nxdomain' | 'nodata' | 'unknown';

export interface VirtualAnswer {
  virtualNetworkId: ResourceId;
  fqdn: string;
  /** `private`: answered from a linked private zone; `public`: no linked zone covers the name. */
  status: VirtualStatus;
  /** The names queried in order, the original first: `myregistry.azurecr.io`, `myregistry.privatelink.azurecr.io`. */
  chain: string[];
  addresses: string[];
  /** The linked zone that answered (or said NXDOMAIN). */
  zoneId?: ResourceId;
  zoneName?: string;
  recordSetId?: ResourceId;
  /** Why the answer is `unknown`. */
  note?: string;
}

/** `privatelink.` + the public suffix: the zone ACR's public CNAME points into. */
function privatelinkNameFor(name: string, publicSuffix: string): string | undefined {
  if (!name.endsWith(`.${publicSuffix}`) || name.includes('.privatelink.')) return undefined;
  return `${name.slice(0, name.length - publicSuffix.length - 1)}.privatelink.${publicSuffix}`;
}

export function virtualResolution(
  snapshot: Snapshot,
  virtualNetworkId: ResourceId,
  fqdn: string,
  publicSuffix = 'azurecr.io',
): VirtualAnswer {
  const name = normalizeFqdn(fqdn);
  const zones = linkedZones(snapshot, virtualNetworkId);
  const chain = [name];

  const first = answerFromZones(snapshot, zones, name);
  if (first) return { virtualNetworkId, fqdn: name, chain, ...first };

  const target = privatelinkNameFor(name, normalizeFqdn(publicSuffix));
  if (target !== undefined) {
    chain.push(target);
    const second = answerFromZones(snapshot, zones, target);
    if (second) return { virtualNetworkId, fqdn: name, chain, ...second };
  }

  // No visible linked zone covers the name; if DNS resources could not be read we cannot tell
  // whether one exists.
  const hidden = dnsReadErrors(snapshot);
  if (hidden.length > 0) {
    return {
      virtualNetworkId,
      fqdn: name,
      status: 'unknown',
      chain,
      addresses: [],
      note: l10n.t('part of the DNS configuration could not be read: {0}, {1}', unreadNote(hidden[0]!), hidden[0]!.message),
    };
  }
  return { virtualNetworkId, fqdn: name, status: 'public', chain, addresses: [] };
}

function answerFromZones(
  snapshot: Snapshot,
  zones: PrivateDnsZone[],
  name: string,
): Omit<VirtualAnswer, 'virtualNetworkId' | 'fqdn' | 'chain'> | undefined {
  // The most specific linked zone wins, as in any DNS delegation.
  const covering = zones.filter((z) => isInZone(name, z.name)).sort((a, b) => b.name.length - a.name.length)[0];
  // A zone whose links could not be read may be linked to this VNet; if it covers the name more
  // closely than the zone found, it would answer instead.
  const hidden = snapshot.privateDnsZones.find(
    (z) => isInZone(name, z.name) && (!covering || z.name.length > covering.name.length) && unreadAt(snapshot, 'virtualNetworkLinks', z.id),
  );
  if (hidden) {
    return { status: 'unknown', addresses: [], note: l10n.t('whether {0} answers: {1}', hidden.name, unreadNote(unreadAt(snapshot, 'virtualNetworkLinks', hidden.id)!)) };
  }
  if (!covering) return undefined;
  const zone = { zoneId: covering.id, zoneName: normalizeFqdn(covering.name) };
  const record = indexSnapshot(snapshot).recordSet(covering.id, relativeName(name, covering.name));
  const unread = record ? undefined : recordsUnread(snapshot, covering.id);
  if (unread) return { status: 'unknown', addresses: [], ...zone, note: unreadNote(unread) };
  if (!record) return { status: 'nxdomain', addresses: [], ...zone };
  if (record.ipv4Addresses.length === 0) return { status: 'nodata', addresses: [], ...zone, recordSetId: record.id };
  return { status: 'private', addresses: [...record.ipv4Addresses], ...zone, recordSetId: record.id };
}
