import * as l10n from '@vscode/l10n';
import type { ARecordSet, Registry, Subscription } from '../model/types';
import type { RegistryDetails } from '../session/azureModule';
import { sameId } from '../model/armId';
import { connectivityBasis, diagnose, fqdnTable, isNetworkSettingFinding, registryHostNames, type Finding, type FqdnRow, type Verdict } from '../diagnosis/index';
import type { DnsRecordRow, RegistryDiagnosis } from './registryDiagnosis';
import { registrySnapshot } from '../azure/registrySnapshot';

// Worst first: when two VNets share one record set, the record shows its worst verdict.
const verdictRank: Record<Verdict, number> = { wrongIp: 0, missing: 1, nxdomain: 2, public: 3, orphaned: 4, unknown: 5, ok: 6 };

export function diagnoseRegistry(subscription: Subscription, registry: Registry, details: RegistryDetails): RegistryDiagnosis {
  const snapshot = registrySnapshot(subscription, registry, details);
  // `diagnose` returns its findings sorted.
  const findings = diagnose(snapshot, registry.id);
  const rows = fqdnTable(snapshot, registry.id, undefined, findings);
  return { findings, networkFindings: findings.filter(isNetworkSettingFinding), rows, records: recordRows(registry, rows, findings, details.aRecordSets), connectivityBasis: connectivityBasis(snapshot, registry.id) };
}

/** The engine has one row per FQDN and VNet; the tree has one node per record set in a zone. */
export function recordRows(registry: Registry, rows: FqdnRow[], findings: Finding[], recordSets: ARecordSet[]): DnsRecordRow[] {
  const dotSuffix = `.${registryHostNames(registry).suffix}`;
  const byRecord = new Map<string, DnsRecordRow>();
  for (const row of rows) {
    const recordSetName = row.fqdn.endsWith(dotSuffix) ? row.fqdn.slice(0, -dotSuffix.length) : row.fqdn;
    const key = `${row.zoneId?.toLowerCase() ?? ''}|${recordSetName}`;
    // The row's findings in the order of `findings` (sorted), as the explanation shows the first.
    const rowFindings = row.findingKeys.length === 0 ? [] : findings.filter((f) => row.findingKeys.includes(f.key));
    const fix = rowFindings.find((f) => f.fix)?.fix;
    const existing = byRecord.get(key);
    if (!existing) {
      const recordSet = recordSets.find((r) => sameId(r.id, row.recordSetId));
      const record: DnsRecordRow = { recordSetName, fqdn: row.fqdn, expectedIps: row.expectedIp ? [row.expectedIp] : [], verdict: row.verdict, explanation: explanationOf(row, rowFindings) };
      if (row.zoneId) record.privateDnsZoneId = row.zoneId;
      if (row.requiredMemberName) record.requiredMemberName = row.requiredMemberName;
      if (recordSet) record.recordSet = recordSet;
      if (fix) record.fix = fix;
      byRecord.set(key, record);
      continue;
    }
    if (row.expectedIp && !existing.expectedIps.includes(row.expectedIp)) existing.expectedIps.push(row.expectedIp);
    if (verdictRank[row.verdict] < verdictRank[existing.verdict]) {
      existing.verdict = row.verdict;
      existing.explanation = explanationOf(row, rowFindings);
      if (fix) existing.fix = fix;
    }
    existing.fix ??= fix;
  }
  return [...byRecord.values()].sort((a, b) => a.recordSetName.localeCompare(b.recordSetName));
}

function explanationOf(row: FqdnRow, rowFindings: readonly Finding[]): string {
  if (row.verdict === 'unknown') return l10n.t('Could not check: {0}.', row.note ?? l10n.t('part of the check could not be completed'));
  return rowFindings[0]?.message ?? (row.verdict === 'ok' ? l10n.t('The record holds the private IP of the endpoint.') : '');
}
