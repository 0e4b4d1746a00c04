// A check's result as one value, and its two exports: JSON for pipelines, Markdown for people
// (tickets, pull requests). Both carry timestamps so a saved report is never mistaken for current.
import * as l10n from '@vscode/l10n';
import { staleConnectivityNote } from '../common/connectivityWords';
import { resourceName } from '../model/armId';
import type { LoadError, ResourceId, Snapshot } from '../model/types';
import { allowListOf, type AllowList } from './allowList';
import { diagnose } from './diagnose';
import { connectivityFindings, connectivityNotChecked } from './connectivity/findings';
import type { ConnectivityReport, HostConnectivity } from './connectivity/types';
import { countBySeverity, sortFindings, type Finding, type Severity } from './finding';
import { fqdnTable, type FqdnRow } from './fqdnTable';
import type { LiveAnswer } from './liveResolution';
import { indexSnapshot } from './snapshotIndex';
import { onPremisesForwarder } from './vnetDnsFindings';
import type { VnetServerAnswer } from './vnetDnsLive';
import { verdictWord } from './verdictWords';

export { verdictWord };

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
  allowList?: AllowList & {
    /** What on-premises and VPN clients' DNS servers need for the registry's names to resolve privately. */
    onPremisesForwarder?: string;
  };
  /** Whether a client on this machine reaches each host, when a connectivity check ran (`--connect`, the panel's Check connectivity). */
  connectivity?: ConnectivityReport;
  /** The VNets' own DNS servers, asked live where their answer decides a verdict. */
  vnetDnsServers?: VnetServerAnswer[];
}

/**
 * `healthy`: everything was read and verified and no error found. `errorsFound`: at least one error
 * proven from what was read. `couldNotCheck`: no error proven, but a read failed or a verdict is
 * unknown.
 */
export type CheckResult = 'healthy' | 'errorsFound' | 'couldNotCheck';

export interface CheckSummary extends Record<Severity, number> {
  /** Rows of the table whose verdict is `unknown` ("could not check"), and what else was not verified (a peered VNet whose DNS servers decide, an endpoint whose provisioning failed). */
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
  // A VNet without rows of its own (peered to an endpoint's VNet) whose DNS servers decide its answer is a verdict not reached too.
  const unprovenVnets = findings.filter((f) => f.id === 'dns.vnet.dnsServersUnproven' && !table.some((r) => r.virtualNetworkId !== undefined && r.virtualNetworkId.toLowerCase() === f.subject.toLowerCase()));
  // An endpoint whose provisioning failed may carry no traffic whatever DNS says: not verified, so never healthy.
  const failedEndpoints = findings.filter((f) => f.id === 'endpoint.provisioningFailed').length;
  const unknown = table.filter((r) => r.verdict === 'unknown').length + unprovenVnets.length + failedEndpoints;
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
  serverAnswers?: readonly VnetServerAnswer[],
): CheckReport {
  const index = indexSnapshot(snapshot);
  const registry = index.registry(registryId);
  const dnsFindings = diagnose(snapshot, registryId, live, serverAnswers);
  // An outdated result (the registry changed since) is shown as from its time and proves nothing now.
  const current = connectivity && !connectivity.outdated ? connectivity : undefined;
  const findings = current ? sortFindings([...dnsFindings, ...connectivityFindings(snapshot, registryId, current)]) : dnsFindings;
  const table = fqdnTable(snapshot, registryId, live, findings, serverAnswers);
  const server = live?.[0]?.server;
  const allowList = allowListOf(snapshot, registryId);
  return {
    version: 1,
    registry: { id: registry?.id ?? registryId, name: registry?.name ?? resourceName(registryId), ...(registry ? { loginServer: registry.loginServer } : {}) },
    checkedAt: now().toISOString(),
    snapshotTakenAt: snapshot.takenAt,
    ...(server !== undefined ? { dnsServer: server } : {}),
    summary: checkSummary(findings, table, snapshot.errors, current),
    findings,
    readErrors: [...snapshot.errors],
    table,
    ...(allowList ? { allowList: { ...allowList, onPremisesForwarder: onPremisesForwarder(snapshot, registryId) } } : {}),
    ...(connectivity ? { connectivity } : {}),
    ...(serverAnswers && serverAnswers.length > 0 ? { vnetDnsServers: [...serverAnswers] } : {}),
  };
}

export function reportJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2);
}

const cell = (text: string | undefined): string => (text === undefined || text === '' ? '—' : text.replace(/\|/g, '\\|').replace(/\n/g, ' '));

export function virtualAnswerText(row: FqdnRow): string {
  const a = row.virtualAnswer;
  if (!a) return l10n.t('not linked to a VNet with an endpoint');
  const result = a.status === 'private' ? a.addresses.join(', ') : a.status === 'dependsOnDnsServers' ? l10n.t('depends on DNS servers {0}', (a.dnsServers ?? []).join(', ')) : a.status.toUpperCase();
  const redirected = a.nxDomainRedirectLinkId !== undefined ? l10n.t(' (NXDOMAIN redirected to public DNS by the link)') : '';
  return `${a.chain.join(' → ')} → ${result}${redirected}${a.via ? ` (${a.via})` : ''}`;
}

export function liveAnswerText(row: FqdnRow): string {
  const a = row.liveAnswer;
  if (!a) return l10n.t('not checked');
  const result = a.status === 'ok' ? `${a.addresses.join(', ')} (${a.addressClass})` : a.status.toUpperCase();
  return l10n.t('{0} → {1} in {2} ms', a.chain.join(' → '), result, a.elapsedMs);
}

// Getters: each is read when a message is made, in the language configured by then.
const outcomeText: Record<HostConnectivity['outcome'], string> = {
  get reachable() {
    return l10n.t('reachable');
  },
  get publicEndpoint() {
    return l10n.t('reached the public endpoint (403 DENIED)');
  },
  get unexpectedAnswer() {
    return l10n.t('unexpected answer');
  },
  get timeout() {
    return l10n.t('timed out');
  },
  get reset() {
    return l10n.t('connection reset');
  },
  get refused() {
    return l10n.t('connection refused');
  },
  get unreachable() {
    return l10n.t('no route');
  },
  get tlsNameMismatch() {
    return l10n.t('certificate does not cover the name');
  },
  get tlsUntrusted() {
    return l10n.t('certificate not trusted');
  },
  get tlsFailed() {
    return l10n.t('TLS failed');
  },
  get notChecked() {
    return l10n.t('could not check');
  },
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

function resultText(result: CheckResult): string {
  switch (result) {
    case 'healthy':
      return l10n.t('healthy');
    case 'errorsFound':
      return l10n.t('errors found');
    case 'couldNotCheck':
      return l10n.t('could not check everything');
  }
}

/** A row's verdict as people read it: `unknown` is "could not check", with the reason. */
export function verdictText(row: FqdnRow): string {
  if (row.verdict !== 'unknown' || !row.note) return verdictWord(row.verdict, row.dependsOnDnsServers);
  return row.dependsOnDnsServers ? l10n.t('depends on your DNS servers ({0})', row.note) : l10n.t('could not check ({0})', row.note);
}

export function reportMarkdown(report: CheckReport): string {
  const { summary } = report;
  const lines = [
    l10n.t('# Private Link check: {0}', report.registry.name),
    '',
    l10n.t('- Registry: {0}', `\`${report.registry.id}\``),
    l10n.t('- Checked: {0} (Azure configuration read {1})', report.checkedAt, report.snapshotTakenAt),
    ...(report.dnsServer ? [l10n.t('- Live DNS answers from: {0}', report.dnsServer)] : []),
    l10n.t('- Result: {0} — {1} error(s), {2} warning(s), {3} note(s), {4} verdict(s) could not be checked', resultText(summary.result), summary.error, summary.warning, summary.info, summary.unknown),
    '',
    l10n.t('## Names'),
    '',
    l10n.t('| FQDN | VNet | Member | Expected IP | Zone record | VNet would resolve | Live answer | Verdict |'),
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.table.map(
      (r) =>
        `| ${cell(r.fqdn)} | ${cell(r.virtualNetworkId && resourceName(r.virtualNetworkId))} | ${cell(r.requiredMemberName)} | ${cell(r.expectedIp)} | ${cell(r.zoneRecordIps.join(', '))} | ${cell(virtualAnswerText(r))} | ${cell(liveAnswerText(r))} | ${cell(verdictText(r))} |`,
    ),
    ...(report.readErrors.length > 0
      ? ['', l10n.t('## Could not read'), '', ...report.readErrors.map((e) => l10n.t('- {0} of {1}: {2}', e.what, `\`${e.scope}\``, cell(`${[e.status, e.code].filter((p) => p !== undefined).join(' ') || l10n.t('no answer')} — ${e.message}`)))]
      : []),
    '',
    l10n.t('## Findings'),
    '',
    ...(report.findings.length === 0 ? [l10n.t('None.')] : []),
    ...report.findings.flatMap((f) => [
      `- **${f.severity}** \`${f.id}\` — ${f.subject}`,
      `  ${f.message}`,
      ...(f.expected !== undefined || f.actual !== undefined ? [`  ${l10n.t('Expected: {0}; actual: {1}', f.expected ?? '—', f.actual ?? '—')}`] : []),
      ...(f.fix ? [`  ${f.fix.safe ? l10n.t('Fix: {0}', f.fix.title) : l10n.t('Fix (needs confirmation): {0}', f.fix.title)}`] : []),
    ]),
    ...(report.connectivity
      ? [
          '',
          l10n.t('## Connectivity'),
          '',
          report.connectivity.mode === 'sandbox'
            ? l10n.t('Checked {0} from this machine (sandbox: each address dialed through its loopback listener); names resolved by {1}.', report.connectivity.checkedAt, report.connectivity.dnsServer)
            : l10n.t('Checked {0} from this machine; names resolved by {1}.', report.connectivity.checkedAt, report.connectivity.dnsServer),
          ...(report.connectivity.outdated ? ['', staleConnectivityNote(report.connectivity.undetermined)] : []),
          '',
          l10n.t('| Host | Address | Resolve | Connect | TLS | GET /v2/ | Result |'),
          '| --- | --- | --- | --- | --- | --- | --- |',
          ...report.connectivity.results.map(
            (r) =>
              `| ${cell(r.host)} | ${cell(r.address)} | ${connectivityStepText(r, 'resolve')} | ${connectivityStepText(r, 'connect')} | ${connectivityStepText(r, 'tls')} | ${connectivityStepText(r, 'http')} | ${cell(connectivityOutcomeText(r))} |`,
          ),
        ]
      : []),
    ...(report.allowList
      ? [
          '',
          l10n.t('## Proxy and firewall allow-list'),
          '',
          ...report.allowList.hostNames.map((h) => `- \`${h}\``),
          ...report.allowList.notes.flatMap((n) => ['', n]),
          ...(report.allowList.onPremisesForwarder ? ['', l10n.t('On-premises and VPN clients: their DNS servers need {0}.', cell(report.allowList.onPremisesForwarder))] : []),
        ]
      : []),
    '',
  ];
  return lines.join('\n');
}
