// The DNS record rows of a registry's endpoints, read from Azure, and their writes applied. Shared by
// the "Create DNS records" form, "Add replica records" and the commands' programmatic path.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { parseResourceId, resourceName, sameId } from '../../model/armId';
import { describeWrite, type WriteOutcome } from '../../model/fixPlan';
import { dnsRecordRows, dnsRecordWrites, type DnsRecordRow } from '../../provisioning/dnsRecords';
import { registryZoneName } from '../../provisioning/namingRules';
import type { RegistryEntry } from '../../state/registryStore';
import type { DnsRecordRowView } from './dnsRecordsProtocol';

export interface RecordTarget {
  registryId: string;
  registryName: string;
  rows: DnsRecordRow[];
}

/**
 * Rows for every endpoint of the registry (or one), into the privatelink zone linked to its VNet (or
 * the zone given), from the registry's details as the store holds them.
 */
export function recordTargets(entry: RegistryEntry, endpointId?: string, zoneId?: string): RecordTarget {
  const details = entry.details;
  if (!details) throw new Error(vscode.l10n.t('The details of {0} have not been read.', entry.registry.name));
  const rows: DnsRecordRow[] = [];
  for (const pe of details.privateEndpoints) {
    if (endpointId && !sameId(pe.id, endpointId)) continue;
    const zone =
      (zoneId ? details.privateDnsZones.find((z) => sameId(z.id, zoneId)) : undefined) ??
      details.privateDnsZones.find((z) => z.name === registryZoneName && details.virtualNetworkLinks.some((l) => sameId(l.privateDnsZoneId, z.id) && sameId(l.virtualNetworkId, pe.virtualNetworkId)));
    if (!zone) continue;
    const nics = details.networkInterfaces.filter((n) => pe.networkInterfaceIds.some((id) => sameId(id, n.id)));
    rows.push(...dnsRecordRows(entry.registry, nics, zone.id, details.aRecordSets));
  }
  // Two endpoints in one VNet would give one record set two rows; keep each change once.
  const seen = new Set<string>();
  return {
    registryId: entry.registryId,
    registryName: entry.registry.name,
    rows: rows.filter((r) => {
      const k = `${r.privateDnsZoneId}|${r.recordSetName}|${r.ipv4Address}`.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    }),
  };
}

/** New record sets get the TTL chosen in the form; existing ones keep theirs. */
export function withTtlForNewRecords(rows: DnsRecordRow[], ttl: number): DnsRecordRow[] {
  return rows.map((r) => (r.state === 'create' ? { ...r, ttl } : r));
}

export function rowView(row: DnsRecordRow): DnsRecordRowView {
  const zone = parseResourceId(row.privateDnsZoneId);
  return {
    requiredMemberName: row.requiredMemberName,
    recordSetName: row.recordSetName,
    fqdn: row.fqdn,
    ipv4Address: row.ipv4Address,
    ttl: row.ttl,
    zoneName: resourceName(row.privateDnsZoneId),
    zoneResourceGroup: zone.resourceGroup ?? '',
    state: row.state,
    change: row.state === 'add' && row.existing ? vscode.l10n.t('{0} (TTL {1} kept)', row.change, row.existing.ttl) : row.change,
    precondition: row.state === 'create' ? 'If-None-Match: *' : row.state === 'add' && row.existing ? `If-Match: ${row.existing.etag || vscode.l10n.t('<etag read from ARM just before, if the addresses are unchanged>')}` : '',
  };
}

/** Applies the rows' writes (preconditions included), then reads the registry again through the store. */
export async function applyRows(services: Services, target: RecordTarget, title: string): Promise<WriteOutcome[]> {
  const writes = dnsRecordWrites(target.rows);
  if (writes.length === 0) return [];
  const outcomes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
    services.session.getServices().applyFixPlan({ title, findingKey: 'createDnsRecords', writes, safe: true }),
  );
  await services.store.reread(target.registryId);
  return outcomes;
}

/** The first write that did not go through, as one sentence; undefined when all did. */
export function firstProblem(outcomes: WriteOutcome[]): string | undefined {
  const problem = outcomes.find((o) => o.status === 'conflict' || o.status === 'failed');
  return problem ? `${describeWrite(problem.write)}: ${'message' in problem ? problem.message : ''}` : undefined;
}
