// A check's result as one value, and its two exports: JSON for pipelines, Markdown for people
// (tickets, pull requests). Both carry timestamps so a saved report is never mistaken for current.
import { resourceName } from '../model/armId';
import type { ResourceId, Snapshot } from '../model/types';
import { allowList, type AllowList } from './allowList';
import { diagnose } from './diagnose';
import { countBySeverity, type Finding, type Severity } from './finding';
import { fqdnTable, type FqdnRow } from './fqdnTable';
import type { LiveAnswer } from './liveResolution';
import { indexSnapshot } from './snapshotIndex';

export interface CheckReport {
  version: 1;
  registry: { id: ResourceId; name: string; loginServer?: string };
  checkedAt: string;
  /** When the Azure configuration was read. */
  snapshotTakenAt: string;
  /** The DNS server the live answers came from, when there are any. */
  dnsServer?: string;
  summary: Record<Severity, number> & { healthy: boolean };
  findings: Finding[];
  table: FqdnRow[];
  allowList?: AllowList;
}

export function buildCheckReport(snapshot: Snapshot, registryId: ResourceId, live?: readonly LiveAnswer[], now: () => Date = () => new Date()): CheckReport {
  const index = indexSnapshot(snapshot);
  const registry = index.registry(registryId);
  const findings = diagnose(snapshot, registryId, live);
  const counts = countBySeverity(findings);
  const server = live?.[0]?.server;
  return {
    version: 1,
    registry: { id: registry?.id ?? registryId, name: registry?.name ?? resourceName(registryId), ...(registry ? { loginServer: registry.loginServer } : {}) },
    checkedAt: now().toISOString(),
    snapshotTakenAt: snapshot.takenAt,
    ...(server !== undefined ? { dnsServer: server } : {}),
    summary: { ...counts, healthy: counts.error === 0 },
    findings,
    table: fqdnTable(snapshot, registryId, live, findings),
    ...(registry ? { allowList: allowList(registry, index.replications(registry.id)) } : {}),
  };
}

export function reportJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2);
}

const cell = (text: string | undefined): string => (text === undefined || text === '' ? '—' : text.replace(/\|/g, '\\|').replace(/\n/g, ' '));

export function virtualAnswerText(row: FqdnRow): string {
  const a = row.virtualAnswer;
  if (!a) return 'not linked to a VNet with an endpoint';
  const result = a.status === 'private' ? a.addresses.join(', ') : a.status.toUpperCase();
  return `${a.chain.join(' → ')} → ${result}`;
}

export function liveAnswerText(row: FqdnRow): string {
  const a = row.liveAnswer;
  if (!a) return 'not checked';
  const result = a.status === 'ok' ? `${a.addresses.join(', ')} (${a.addressClass})` : a.status.toUpperCase();
  return `${a.chain.join(' → ')} → ${result} in ${a.elapsedMs} ms`;
}

export function reportMarkdown(report: CheckReport): string {
  const { summary } = report;
  const lines = [
    `# Private Link check: ${report.registry.name}`,
    '',
    `- Registry: \`${report.registry.id}\``,
    `- Checked: ${report.checkedAt} (Azure configuration read ${report.snapshotTakenAt})`,
    ...(report.dnsServer ? [`- Live DNS answers from: ${report.dnsServer}`] : []),
    `- Result: ${summary.healthy ? 'healthy' : 'errors found'} — ${summary.error} error(s), ${summary.warning} warning(s), ${summary.info} note(s)`,
    '',
    '## Names',
    '',
    '| FQDN | VNet | Member | Expected IP | Zone record | VNet would resolve | Live answer | Verdict |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.table.map(
      (r) =>
        `| ${cell(r.fqdn)} | ${cell(r.virtualNetworkId && resourceName(r.virtualNetworkId))} | ${cell(r.requiredMemberName)} | ${cell(r.expectedIp)} | ${cell(r.zoneRecordIps.join(', '))} | ${cell(virtualAnswerText(r))} | ${cell(liveAnswerText(r))} | ${r.verdict} |`,
    ),
    '',
    '## Findings',
    '',
    ...(report.findings.length === 0 ? ['None.'] : []),
    ...report.findings.flatMap((f) => [
      `- **${f.severity}** \`${f.id}\` — ${f.subject}`,
      `  ${f.message}`,
      ...(f.expected !== undefined || f.actual !== undefined ? [`  Expected: ${f.expected ?? '—'}; actual: ${f.actual ?? '—'}`] : []),
      ...(f.fix ? [`  Fix${f.fix.safe ? '' : ' (needs confirmation)'}: ${f.fix.title}`] : []),
    ]),
    ...(report.allowList
      ? ['', '## Proxy and firewall allow-list', '', ...report.allowList.hostNames.map((h) => `- \`${h}\``)]
      : []),
    '',
  ];
  return lines.join('\n');
}
