// A check's result as one value, and its two exports: JSON for pipelines, Markdown for people
// (tickets, pull requests). Both carry timestamps so a saved report is never mistaken for current.
import { resourceName } from '../model/armId';
import type { LoadError, ResourceId, Snapshot } from '../model/types';
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
  summary: CheckSummary;
  findings: Finding[];
  /** Every read that failed (throttled, refused, not found, broken): what it was, where, and Azure's answer. */
  readErrors: LoadError[];
  table: FqdnRow[];
  allowList?: AllowList;
}

/**
 * `healthy`: everything was read and verified and no error found. `errorsFound`: at least one error
 * proven from what was read. `couldNotCheck`: no error proven, but a read failed or a verdict is
 * unknown.
 */
export type CheckResult = 'healthy' | 'errorsFound' | 'couldNotCheck';

export interface CheckSummary extends Record<Severity, number> {
  /** Rows of the table whose verdict is `unknown` ("could not check"). */
  unknown: number;
  /** Reads that failed. */
  unreadable: number;
  result: CheckResult;
  /** `result === 'healthy'`. */
  healthy: boolean;
}

export function checkSummary(findings: readonly Finding[], table: readonly FqdnRow[], readErrors: readonly LoadError[]): CheckSummary {
  const counts = countBySeverity(findings);
  const unknown = table.filter((r) => r.verdict === 'unknown').length;
  const result: CheckResult = counts.error > 0 ? 'errorsFound' : unknown > 0 || readErrors.length > 0 ? 'couldNotCheck' : 'healthy';
  return { ...counts, unknown, unreadable: readErrors.length, result, healthy: result === 'healthy' };
}

export function buildCheckReport(snapshot: Snapshot, registryId: ResourceId, live?: readonly LiveAnswer[], now: () => Date = () => new Date()): CheckReport {
  const index = indexSnapshot(snapshot);
  const registry = index.registry(registryId);
  const findings = diagnose(snapshot, registryId, live);
  const table = fqdnTable(snapshot, registryId, live, findings);
  const server = live?.[0]?.server;
  return {
    version: 1,
    registry: { id: registry?.id ?? registryId, name: registry?.name ?? resourceName(registryId), ...(registry ? { loginServer: registry.loginServer } : {}) },
    checkedAt: now().toISOString(),
    snapshotTakenAt: snapshot.takenAt,
    ...(server !== undefined ? { dnsServer: server } : {}),
    summary: checkSummary(findings, table, snapshot.errors),
    findings,
    readErrors: [...snapshot.errors],
    table,
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

const resultText: Record<CheckResult, string> = { healthy: 'healthy', errorsFound: 'errors found', couldNotCheck: 'could not check everything' };

/** A row's verdict as people read it: `unknown` is "could not check", with the reason. */
export function verdictText(row: FqdnRow): string {
  return row.verdict === 'unknown' ? `could not check${row.note ? ` (${row.note})` : ''}` : row.verdict;
}

export function reportMarkdown(report: CheckReport): string {
  const { summary } = report;
  const lines = [
    `# Private Link check: ${report.registry.name}`,
    '',
    `- Registry: \`${report.registry.id}\``,
    `- Checked: ${report.checkedAt} (Azure configuration read ${report.snapshotTakenAt})`,
    ...(report.dnsServer ? [`- Live DNS answers from: ${report.dnsServer}`] : []),
    `- Result: ${resultText[summary.result]} — ${summary.error} error(s), ${summary.warning} warning(s), ${summary.info} note(s), ${summary.unknown} verdict(s) could not be checked`,
    '',
    '## Names',
    '',
    '| FQDN | VNet | Member | Expected IP | Zone record | VNet would resolve | Live answer | Verdict |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.table.map(
      (r) =>
        `| ${cell(r.fqdn)} | ${cell(r.virtualNetworkId && resourceName(r.virtualNetworkId))} | ${cell(r.requiredMemberName)} | ${cell(r.expectedIp)} | ${cell(r.zoneRecordIps.join(', '))} | ${cell(virtualAnswerText(r))} | ${cell(liveAnswerText(r))} | ${cell(verdictText(r))} |`,
    ),
    ...(report.readErrors.length > 0
      ? ['', '## Could not read', '', ...report.readErrors.map((e) => `- ${e.what} of \`${e.scope}\`: ${cell(`${[e.status, e.code].filter((p) => p !== undefined).join(' ') || 'no answer'} — ${e.message}`)}`)]
      : []),
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
