// A check's result as one value, and its two exports: JSON for pipelines, Markdown for people
// (tickets, pull requests). Both carry timestamps so a saved report is never mistaken for current.
import { resourceName } from '../model/armId';
import type { LoadError, ResourceId, Snapshot } from '../model/types';
import { allowList, type AllowList } from './allowList';
import { diagnose } from './diagnose';
import { connectivityFindings, connectivityNotChecked } from './connectivity/findings';
import type { ConnectivityReport, HostConnectivity } from './connectivity/types';
import { countBySeverity, sortFindings, type Finding, type Severity } from './finding';
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
  /** Whether a client on this machine reaches each host, when a connectivity check ran (`--connect`, the panel's Check connectivity). */
  connectivity?: ConnectivityReport;
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
  /** Hosts the connectivity check could not try (when one ran). */
  connectivityNotChecked?: number;
  result: CheckResult;
  /** `result === 'healthy'`. */
  healthy: boolean;
}

export function checkSummary(findings: readonly Finding[], table: readonly FqdnRow[], readErrors: readonly LoadError[], connectivity?: ConnectivityReport): CheckSummary {
  const counts = countBySeverity(findings);
  const unknown = table.filter((r) => r.verdict === 'unknown').length;
  const notChecked = connectivityNotChecked(connectivity);
  const result: CheckResult = counts.error > 0 ? 'errorsFound' : unknown > 0 || readErrors.length > 0 || notChecked > 0 ? 'couldNotCheck' : 'healthy';
  return { ...counts, unknown, unreadable: readErrors.length, ...(connectivity ? { connectivityNotChecked: notChecked } : {}), result, healthy: result === 'healthy' };
}

export function buildCheckReport(
  snapshot: Snapshot,
  registryId: ResourceId,
  live?: readonly LiveAnswer[],
  now: () => Date = () => new Date(),
  connectivity?: ConnectivityReport,
): CheckReport {
  const index = indexSnapshot(snapshot);
  const registry = index.registry(registryId);
  const findings = connectivity ? sortFindings([...diagnose(snapshot, registryId, live), ...connectivityFindings(snapshot, registryId, connectivity)]) : diagnose(snapshot, registryId, live);
  const table = fqdnTable(snapshot, registryId, live, findings);
  const server = live?.[0]?.server;
  return {
    version: 1,
    registry: { id: registry?.id ?? registryId, name: registry?.name ?? resourceName(registryId), ...(registry ? { loginServer: registry.loginServer } : {}) },
    checkedAt: now().toISOString(),
    snapshotTakenAt: snapshot.takenAt,
    ...(server !== undefined ? { dnsServer: server } : {}),
    summary: checkSummary(findings, table, snapshot.errors, connectivity),
    findings,
    readErrors: [...snapshot.errors],
    table,
    ...(registry ? { allowList: allowList(registry, index.replications(registry.id)) } : {}),
    ...(connectivity ? { connectivity } : {}),
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

const outcomeText: Record<HostConnectivity['outcome'], string> = {
  reachable: 'reachable',
  publicEndpoint: 'reached the public endpoint (403 DENIED)',
  unexpectedAnswer: 'unexpected answer',
  timeout: 'timed out',
  reset: 'connection reset',
  refused: 'connection refused',
  unreachable: 'no route',
  tlsNameMismatch: 'certificate does not cover the name',
  tlsUntrusted: 'certificate not trusted',
  tlsFailed: 'TLS failed',
  notChecked: 'could not check',
};

/** One host's result as people read it: the outcome, and the HTTP answer or the failed step. */
export function connectivityOutcomeText(r: HostConnectivity): string {
  const last = r.steps[r.steps.length - 1];
  const answer = r.http ? `HTTP ${r.http.status}${r.http.errorCode ? ` ${r.http.errorCode}` : ''}` : undefined;
  return `${outcomeText[r.outcome]}${r.outcome === 'reachable' && answer ? ` (${answer})` : r.outcome !== 'reachable' && last && last.outcome !== 'ok' ? ` (${last.step}: ${last.errorCode ?? last.outcome})` : ''}`;
}

/** `12.3 ms` per step, `—` for a step not reached. */
export function connectivityStepText(r: HostConnectivity, step: 'resolve' | 'connect' | 'tls' | 'http'): string {
  const s = r.steps.find((x) => x.step === step);
  return s ? `${s.outcome === 'ok' ? '' : `${s.outcome} `}${s.elapsedMs} ms` : '—';
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
    ...(report.connectivity
      ? [
          '',
          '## Connectivity',
          '',
          `Checked ${report.connectivity.checkedAt} from this machine${report.connectivity.mode === 'sandbox' ? ' (sandbox: each address dialed through its loopback listener)' : ''}; names resolved by ${report.connectivity.dnsServer}.`,
          '',
          '| Host | Address | Resolve | Connect | TLS | GET /v2/ | Result |',
          '| --- | --- | --- | --- | --- | --- | --- |',
          ...report.connectivity.results.map(
            (r) =>
              `| ${cell(r.host)} | ${cell(r.address)} | ${connectivityStepText(r, 'resolve')} | ${connectivityStepText(r, 'connect')} | ${connectivityStepText(r, 'tls')} | ${connectivityStepText(r, 'http')} | ${cell(connectivityOutcomeText(r))} |`,
          ),
        ]
      : []),
    ...(report.allowList
      ? ['', '## Proxy and firewall allow-list', '', ...report.allowList.hostNames.map((h) => `- \`${h}\``)]
      : []),
    '',
  ];
  return lines.join('\n');
}
