// The check as people read it in a terminal: one line per FQDN and VNet, then the findings with
// what to do, then a one-line summary.
import * as l10n from '@vscode/l10n';
import { resourceName } from '../model/armId';
import type { WriteOutcome } from '../model/fixPlan';
import { connectivityOutcomeText, connectivityStepText, verdictWord, type CheckReport, type FqdnRow } from '../diagnosis';

/** Columns a terminal gives a text: East Asian wide characters take two. */
function columns(text: string): number {
  return [...text].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
}

/** A finding's level in the output's language, padded to the widest so the ids line up. */
function severityLabels(): Record<'error' | 'warning' | 'info', string> {
  const labels = { error: l10n.t('ERROR'), warning: l10n.t('WARN'), info: l10n.t('INFO') };
  const width = Math.max(...Object.values(labels).map(columns));
  const pad = (label: string) => label + ' '.repeat(width - columns(label));
  return { error: pad(labels.error), warning: pad(labels.warning), info: pad(labels.info) };
}

function virtualText(row: FqdnRow): string {
  const a = row.virtualAnswer;
  if (!a) return '-';
  if (a.status === 'dependsOnDnsServers') return `DEPENDS ON ${(a.dnsServers ?? []).join(',')}`;
  return a.status === 'private' ? a.addresses.join(',') : `${a.status.toUpperCase()}${a.nxDomainRedirectLinkId !== undefined ? ' (NXDOMAIN REDIRECTED)' : ''}`;
}

function liveText(row: FqdnRow): string {
  const a = row.liveAnswer;
  if (!a) return '-';
  if (a.status !== 'ok') return a.status.toUpperCase();
  return `${a.addresses.join(',')}${a.addressClass === 'private' ? '' : ` (${a.addressClass})`}`;
}

/** Columns a terminal gives the text: CJK ideographs and full-width forms take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(c) ? 2 : 1;
  return width;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - displayWidth(c)))).join('  ').trimEnd());
}

export function renderText(report: CheckReport): string {
  const lines: string[] = [];
  const dns = report.dnsServer === undefined ? l10n.t('not queried') : report.dnsServer === 'system' ? l10n.t("this machine's resolver") : report.dnsServer;
  lines.push(`${report.registry.name} (${report.registry.loginServer ?? report.registry.id})`);
  lines.push(l10n.t('checked {0}; Azure read {1}; live DNS: {2}', report.checkedAt, report.snapshotTakenAt, dns));
  lines.push('');
  if (report.table.length > 0) {
    lines.push(
      ...table([
        ['FQDN', l10n.t('VNET'), l10n.t('EXPECTED'), l10n.t('ZONE RECORD'), l10n.t('VNET ANSWER'), l10n.t('LIVE ANSWER'), l10n.t('VERDICT')],
        ...report.table.map((r) => [
          r.fqdn,
          r.virtualNetworkId ? resourceName(r.virtualNetworkId) : '-',
          r.expectedIp ?? '?',
          r.zoneRecordIps.length > 0 ? r.zoneRecordIps.join(',') : '-',
          virtualText(r),
          liveText(r),
          verdictWord(r.verdict, r.dependsOnDnsServers),
        ]),
      ]),
    );
  } else {
    lines.push(l10n.t('No private endpoint of this registry was found, so there are no private names to check.'));
  }
  const unknownRows = report.table.filter((r) => r.verdict === 'unknown');
  if (unknownRows.length > 0) {
    lines.push('');
    for (const r of unknownRows)
      lines.push(
        r.dependsOnDnsServers
          ? l10n.t('depends on your DNS servers: {0}{1}: {2}', r.fqdn, r.virtualNetworkId ? ` (${resourceName(r.virtualNetworkId)})` : '', r.note ?? '')
          : l10n.t('could not check {0}{1}: {2}', r.fqdn, r.virtualNetworkId ? ` (${resourceName(r.virtualNetworkId)})` : '', r.note ?? l10n.t('part of the check could not be completed')),
      );
  }
  if (report.vnetDnsServers && report.vnetDnsServers.length > 0) {
    lines.push('');
    lines.push("VNets' own DNS servers, asked live:");
    for (const s of report.vnetDnsServers) {
      const where = `${s.server} (${resourceName(s.virtualNetworkId)})`;
      if (s.dialled === undefined) {
        lines.push(`  ${where}: not reachable from here`);
        continue;
      }
      for (const a of s.answers) lines.push(`  ${where}: ${a.fqdn} → ${a.status === 'ok' ? `${a.addresses.join(', ')} (${a.addressClass})` : a.status.toUpperCase()}`);
    }
  }
  if (report.connectivity) {
    const c = report.connectivity;
    lines.push('');
    const resolver = c.dnsServer === 'system' ? l10n.t("this machine's resolver") : c.dnsServer;
    lines.push(c.mode === 'sandbox' ? l10n.t('Connectivity from this machine (sandbox: each address dialed through its loopback listener); names resolved by {0}:', resolver) : l10n.t('Connectivity from this machine; names resolved by {0}:', resolver));
    lines.push(
      ...table([
        ['HOST', 'ADDRESS', 'RESOLVE', 'CONNECT', 'TLS', 'GET /v2/', 'RESULT'],
        ...c.results.map((r) => [r.host, r.address ?? '-', connectivityStepText(r, 'resolve'), connectivityStepText(r, 'connect'), connectivityStepText(r, 'tls'), connectivityStepText(r, 'http'), connectivityOutcomeText(r)]),
      ]),
    );
  }
  if (report.readErrors.length > 0) {
    lines.push('');
    lines.push(l10n.t('Could not read:'));
    for (const e of report.readErrors) lines.push(`  ${l10n.t('{0} of {1}: {2}', e.what, e.scope, `${[e.status, e.code].filter((p) => p !== undefined).join(' ') || l10n.t('no answer')} — ${e.message}`)}`);
  }
  lines.push('');
  if (report.findings.length === 0) lines.push(l10n.t('No findings.'));
  const severityLabel = severityLabels();
  for (const f of report.findings) {
    lines.push(`${severityLabel[f.severity]} ${f.id}  ${f.subject}`);
    lines.push(`      ${f.message}`);
    if (f.fix) lines.push(`      ${f.fix.safe ? l10n.t('fix (applied by --fix --yes): {0}', f.fix.title) : l10n.t('fix (needs a person; not applied by --fix): {0}', f.fix.title)}`);
  }
  if (report.allowList) {
    lines.push('');
    lines.push(l10n.t('Allow-list for proxies and firewalls (port 443):'));
    for (const host of report.allowList.hostNames) lines.push(`  ${host}`);
    for (const note of report.allowList.notes) lines.push(`  ${note}`);
  }
  if (report.allowList?.onPremisesForwarder) {
    lines.push('');
    lines.push(l10n.t('On-premises and VPN clients: their DNS servers need {0}.', report.allowList.onPremisesForwarder));
  }
  const { error, warning, info, unknown, unreadable, result } = report.summary;
  lines.push('');
  const counts = l10n.t('{0} error(s), {1} warning(s), {2} note(s)', error, warning, info);
  const unchecked = l10n.t('{0} verdict(s) could not be checked, {1} read(s) failed', unknown, unreadable);
  lines.push(result === 'healthy' ? l10n.t('Healthy: {0}.', counts) : result === 'errorsFound' ? l10n.t('Errors found: {0}; {1}.', counts, unchecked) : l10n.t('Could not check everything: {0}; {1}.', counts, unchecked));
  return lines.join('\n') + '\n';
}

export function renderOutcomes(outcomes: WriteOutcome[]): string {
  if (outcomes.length === 0) return l10n.t('Nothing safe to fix.\n');
  return (
    outcomes
      .map((o) => {
        const what = describeWrite(o.write);
        switch (o.status) {
          case 'applied':
            return `applied    ${what}`;
          case 'conflict':
            return l10n.t('conflict   {0}: {1} (changed by someone else since it was read; not retried)', what, o.message);
          case 'failed':
            return `failed     ${what}: ${o.message}`;
          case 'skipped':
            return `skipped    ${what}: ${o.message}`;
        }
      })
      .join('\n') + '\n'
  );
}

export function describeWrite(write: WriteOutcome['write']): string {
  switch (write.kind) {
    case 'createARecordSet':
      return l10n.t('create A {0} → {1} in {2}', write.recordSetName, write.ipv4Addresses.join(', '), resourceName(write.privateDnsZoneId));
    case 'addToARecordSet':
      return l10n.t('add {0} to A {1}', write.addedIpv4Addresses.join(', '), resourceName(write.recordSetId));
    case 'replaceInARecordSet': {
      const removed = write.removedIpv4Addresses.join(', ');
      const recordSet = resourceName(write.recordSetId);
      const added = write.addedIpv4Addresses.join(', ');
      if (write.removedIpv4Addresses.length === 1) return added ? l10n.t('remove {0} (no endpoint serves it) from A {1}, add {2}', removed, recordSet, added) : l10n.t('remove {0} (no endpoint serves it) from A {1}', removed, recordSet);
      return added ? l10n.t('remove {0} (no endpoint serves them) from A {1}, add {2}', removed, recordSet, added) : l10n.t('remove {0} (no endpoint serves them) from A {1}', removed, recordSet);
    }
    case 'deleteARecordSet':
      return `delete A ${resourceName(write.recordSetId)}`;
    case 'createVirtualNetworkLink':
      return l10n.t('link {0} to {1}', resourceName(write.privateDnsZoneId), resourceName(write.virtualNetworkId));
    case 'createPrivateDnsZone':
      return l10n.t('create zone {0} in {1}', write.zoneName, write.resourceGroup);
    case 'setConnectionState':
      return l10n.t('set {0} to {1}', resourceName(write.connectionId), write.status);
    case 'removeVirtualNetworkRules':
      return l10n.t('remove the virtual network rules of {0}', resourceName(write.registryId));
  }
}
