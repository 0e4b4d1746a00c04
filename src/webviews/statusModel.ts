// Turns one check (the engine's CheckReport and the snapshot it was made from) into the state the
// status panel shows. No `vscode` import: tested in plain Node.
import * as l10n from '@vscode/l10n';
import { resourceName } from '../model/armId';
import { describeWrite } from '../model/fixPlan';
import type { Registry, Snapshot } from '../model/types';
import { connectivityOutcomeText, verdictWord, type CheckReport, type ConnectivityReport, type Finding, type FqdnRow, type HostConnectivity } from '../diagnosis';
import type { ConnectionView, ConnectivityView, FindingView, FqdnRowView, Severity, StatusState, Tone } from './protocol';

/** The VNet's answer as the panel words it: "depends on your DNS servers", "public (NXDOMAIN redirected)". */
function virtualStatusText(v: NonNullable<FqdnRow['virtualAnswer']>): string {
  if (v.status === 'dependsOnDnsServers') return l10n.t('depends on your DNS servers {0}', (v.dnsServers ?? []).join(', '));
  if (v.nxDomainRedirectLinkId !== undefined) return l10n.t('{0} (NXDOMAIN redirected)', v.status);
  return v.status;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A row is as serious as the worst finding about it; without one, any verdict but ok is an error. */
function toneOf(row: FqdnRow, findings: readonly Finding[]): Tone {
  if (row.verdict === 'ok') return 'ok';
  if (row.verdict === 'unknown') return 'unknown';
  const severities = findings.filter((f) => row.findingKeys.includes(f.key)).map((f) => f.severity);
  return severities.sort((a, b) => severityRank[a] - severityRank[b])[0] ?? 'error';
}

function rowView(row: FqdnRow, findings: readonly Finding[]): FqdnRowView {
  const v = row.virtualAnswer;
  const l = row.liveAnswer;
  return {
    fqdn: row.fqdn,
    ...(row.virtualNetworkId !== undefined ? { virtualNetworkId: row.virtualNetworkId, virtualNetworkName: resourceName(row.virtualNetworkId) } : {}),
    ...(row.requiredMemberName !== undefined ? { requiredMemberName: row.requiredMemberName } : {}),
    ...(row.privateEndpointId !== undefined ? { privateEndpointName: resourceName(row.privateEndpointId) } : {}),
    ...(row.answeredBy ? { answeredBy: row.answeredBy.map(resourceName) } : {}),
    ...(row.expectedIp !== undefined ? { expectedIp: row.expectedIp } : {}),
    zoneRecordIps: [...row.zoneRecordIps],
    ...(v ? { virtualAnswer: { status: virtualStatusText(v), addresses: [...v.addresses], chain: [...v.chain], ...(v.note !== undefined ? { note: v.note } : {}) } } : {}),
    ...(l
      ? {
          liveAnswer: {
            status: l.status,
            addresses: [...l.addresses],
            chain: [...l.chain],
            server: l.server,
            elapsedMs: l.elapsedMs,
            checkedAt: l.checkedAt,
            ...(l.message !== undefined ? { note: l.message } : {}),
          },
        }
      : {}),
    verdict: verdictWord(row.verdict, row.dependsOnDnsServers),
    ...(row.note !== undefined ? { note: row.note } : {}),
    tone: toneOf(row, findings),
  };
}

/** A host is as serious as the finding about it; reachable is ok, not tried is unknown. */
function hostTone(r: HostConnectivity, findings: readonly Finding[], outdated: boolean): Tone {
  if (outdated) return 'unknown';
  if (r.outcome === 'reachable') return 'ok';
  if (r.outcome === 'notChecked') return 'unknown';
  return findings.find((f) => f.id.startsWith('connectivity.') && f.subject === r.host)?.severity ?? 'error';
}

export function connectivityView(c: ConnectivityReport, findings: readonly Finding[]): ConnectivityView {
  return {
    checkedAt: c.checkedAt,
    mode: c.mode,
    dnsServer: c.dnsServer,
    ...(c.outdated ? { outdated: true } : {}),
    ...(c.outdated && c.undetermined ? { undetermined: [...c.undetermined] } : {}),
    results: c.results.map((r) => ({
      host: r.host,
      role: r.role,
      ...(r.address !== undefined ? { address: r.address } : {}),
      ...(r.dialed !== undefined ? { dialed: r.dialed } : {}),
      result: connectivityOutcomeText(r),
      tone: hostTone(r, findings, c.outdated === true),
      steps: r.steps.map((s) => ({ step: s.step, outcome: s.outcome, elapsedMs: s.elapsedMs, detail: s.detail })),
    })),
  };
}

function findingView(f: Finding): FindingView {
  return {
    key: f.key,
    id: f.id,
    severity: f.severity,
    subject: f.subject,
    message: f.message,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    ...(f.fix ? { fix: { title: f.fix.title, writes: f.fix.writes.map(describeWrite), safe: f.fix.safe } } : {}),
  };
}

function connectionViews(registry: Registry): ConnectionView[] {
  return registry.privateEndpointConnections.map((c) => ({
    id: c.id,
    name: c.name,
    ...(c.privateEndpointId ? { privateEndpointName: resourceName(c.privateEndpointId) } : {}),
    status: c.status,
    ...(c.description !== undefined ? { description: c.description } : {}),
  }));
}

function endpointUsage(snapshot: Snapshot, registryId: string): StatusState['endpointUsage'] {
  const usages = Object.entries(snapshot.usages).find(([id]) => id.toLowerCase() === registryId.toLowerCase())?.[1] ?? [];
  const usage = usages.find((u) => /privateendpoint/i.test(u.name));
  return usage ? { currentValue: usage.currentValue, limit: usage.limit } : undefined;
}

/** The state before any check finished: what the registry listing already says. */
export function initialStatusState(registry: Registry): StatusState {
  return {
    registryId: registry.id,
    registryName: registry.name,
    loginServer: registry.loginServer,
    sku: registry.sku,
    location: registry.location,
    publicNetworkAccess: registry.publicNetworkAccess ?? 'unknown',
    networkRuleBypassOptions: registry.networkRuleBypassOptions ?? 'unknown',
    allowList: [],
    allowListNotes: [],
    rows: [],
    findings: [],
    connections: connectionViews(registry),
    liveServer: 'system',
    checking: true,
    loadErrors: [],
  };
}

export function statusStateFromReport(report: CheckReport, snapshot: Snapshot, liveServer: string): StatusState {
  const registry = snapshot.registries.find((r) => r.id.toLowerCase() === report.registry.id.toLowerCase());
  const base = registry ? initialStatusState(registry) : { ...initialStatusState(placeholderRegistry(report)), connections: [] };
  return {
    ...base,
    endpointUsage: endpointUsage(snapshot, report.registry.id),
    allowList: report.allowList?.hostNames ?? [],
    ...(report.allowList?.onPremisesForwarder ? { onPremisesForwarder: report.allowList.onPremisesForwarder } : {}),
    allowListNotes: report.allowList?.notes ?? [],
    rows: report.table.map((row) => rowView(row, report.findings)),
    findings: report.findings.map(findingView),
    liveServer,
    checkedAt: report.checkedAt,
    checking: false,
    loadErrors: snapshot.errors.map((e) => l10n.t('{0} of {1}: {2}', e.what, resourceName(e.scope), `${[e.status, e.code].filter((p) => p !== undefined).join(' ') || l10n.t('no answer')} — ${e.message}`)),
    ...(report.connectivity ? { connectivity: connectivityView(report.connectivity, report.findings) } : {}),
  };
}

/** The same results, marked as being re-checked: shown, but never as current. */
export function markChecking(state: StatusState): StatusState {
  return { ...state, checking: true };
}

function placeholderRegistry(report: CheckReport): Registry {
  return {
    id: report.registry.id,
    name: report.registry.name,
    subscriptionId: '',
    resourceGroup: '',
    location: '',
    sku: '',
    loginServer: report.registry.loginServer ?? '',
    publicNetworkAccess: 'unknown',
    networkRuleBypassOptions: 'unknown',
    dataEndpointEnabled: false,
    dataEndpointHostNames: [],
    privateEndpointConnections: [],
  };
}
