// "Create DNS records" for an endpoint: one row per required member of its NIC (registry and each
// region's data endpoint, replicas included), compared with the zone's record sets. Rows that already
// hold the address are shown as such; a record set that exists without it gets the address added
// (If-Match on the etag read, never dropping an address another endpoint may need); a missing one is
// created (If-None-Match: *). The same rows export as a zone-file snippet or hosts lines for people
// who run their own DNS.
import * as l10n from '@vscode/l10n';
import type { ArmWrite } from '../model/fixPlan';
import type { ARecordSet, NetworkInterface, Registry, ResourceId } from '../model/types';
import { memberRecordSetName, publicFqdnForRecordSet, registryHostNames } from '../diagnosis/names';

export interface DnsRecordRow {
  requiredMemberName: string;
  /** Relative to the zone: `myregistry.eastus.data`. */
  recordSetName: string;
  /** What clients resolve: `myregistry.eastus.data.azurecr.io`. */
  fqdn: string;
  ipv4Address: string;
  ttl: number;
  privateDnsZoneId: ResourceId;
  state: 'matches' | 'create' | 'add';
  /** The record set as read, when it exists. */
  existing?: { id: ResourceId; etag: string; ipv4Addresses: string[]; ttl: number };
  /** One sentence: what the row does. */
  change: string;
}

/** The TTL the portal's zone groups write. */
export const defaultRecordTtl = 10;

export function dnsRecordRows(registry: Pick<Registry, 'name' | 'loginServer'>, nics: NetworkInterface[], privateDnsZoneId: ResourceId, recordSets: ARecordSet[], ttl = defaultRecordTtl): DnsRecordRow[] {
  const names = registryHostNames(registry);
  const rows: DnsRecordRow[] = [];
  for (const nic of nics) {
    for (const ipc of nic.ipConfigurations) {
      const member = ipc.requiredMemberName?.toLowerCase();
      if (!member || (member !== 'registry' && !member.startsWith('registry_data_'))) continue;
      const recordSetName = memberRecordSetName(names, member, ipc.fqdns);
      const found = recordSets.find((r) => r.privateDnsZoneId.toLowerCase() === privateDnsZoneId.toLowerCase() && r.name.toLowerCase() === recordSetName);
      const base = { requiredMemberName: member, recordSetName, fqdn: publicFqdnForRecordSet(names, recordSetName), ipv4Address: ipc.privateIPAddress, ttl, privateDnsZoneId };
      if (!found) {
        rows.push({ ...base, state: 'create', change: l10n.t('Create {0} → {1}', recordSetName, ipc.privateIPAddress) });
      } else {
        const existing = { id: found.id, etag: found.etag, ipv4Addresses: found.ipv4Addresses, ttl: found.ttl };
        rows.push(
          found.ipv4Addresses.includes(ipc.privateIPAddress)
            ? { ...base, ttl: found.ttl, existing, state: 'matches', change: l10n.t('{0} already holds {1}', recordSetName, ipc.privateIPAddress) }
            : { ...base, ttl: found.ttl, existing, state: 'add', change: l10n.t('Add {0} to {1}, keeping {2}', ipc.privateIPAddress, recordSetName, found.ipv4Addresses.join(', ') || l10n.t('no other address')) },
        );
      }
    }
  }
  return rows.sort((a, b) => a.recordSetName.localeCompare(b.recordSetName));
}

/**
 * The exact writes of the rows that change something: one per record set. Endpoints that share a
 * record set (two in one VNet, or VNets linked to one zone) get one write holding all their IPs,
 * never two creates of one record set, the second refused after the first was applied.
 */
export function dnsRecordWrites(rows: DnsRecordRow[]): ArmWrite[] {
  const sets = new Map<string, DnsRecordRow[]>();
  for (const row of rows) {
    if (row.state === 'matches' || (row.state === 'add' && !row.existing)) continue;
    const key = `${row.privateDnsZoneId}|${row.recordSetName}`.toLowerCase();
    sets.set(key, [...(sets.get(key) ?? []), row]);
  }
  return [...sets.values()].map((set): ArmWrite => {
    const row = set[0]!;
    const ips = [...new Set(set.map((r) => r.ipv4Address))];
    if (row.state === 'add' && row.existing) {
      return { kind: 'addToARecordSet', recordSetId: row.existing.id, ifMatch: row.existing.etag, ttl: row.existing.ttl, existingIpv4Addresses: row.existing.ipv4Addresses, addedIpv4Addresses: ips };
    }
    return { kind: 'createARecordSet', privateDnsZoneId: row.privateDnsZoneId, recordSetName: row.recordSetName, ttl: row.ttl, ipv4Addresses: ips, ifNoneMatch: '*' };
  });
}

/** A BIND zone-file snippet for `privatelink.azurecr.io`, for a DNS server you run yourself. */
export function zoneFileSnippet(rows: DnsRecordRow[], zoneName = 'privatelink.azurecr.io'): string {
  const width = Math.max(...rows.map((r) => r.recordSetName.length), 1);
  return [`$ORIGIN ${zoneName}.`, ...rows.map((r) => `${r.recordSetName.padEnd(width)}  ${r.ttl}  IN  A  ${r.ipv4Address}`)].join('\n') + '\n';
}

/** Hosts-file lines: the public names clients use, mapped straight to the private addresses. */
export function hostsLines(rows: DnsRecordRow[]): string {
  return rows.map((r) => `${r.ipv4Address}\t${r.fqdn}`).join('\n') + '\n';
}
