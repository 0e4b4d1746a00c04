// The check as people read it in a terminal: one line per FQDN and VNet, then the findings with
// what to do, then a one-line summary.
import { resourceName } from '../model/armId';
import type { WriteOutcome } from '../model/fixPlan';
import { connectivityOutcomeText, connectivityStepText, type CheckReport, type FqdnRow } from '../diagnosis';

const severityLabel = { error: 'ERROR', warning: 'WARN ', info: 'INFO ' } as const;

function virtualText(row: FqdnRow): string {
  const a = row.virtualAnswer;
  if (!a) return '-';
  return a.status === 'private' ? a.addresses.join(',') : a.status.toUpperCase();
}

function liveText(row: FqdnRow): string {
  const a = row.liveAnswer;
  if (!a) return '-';
  if (a.status !== 'ok') return a.status.toUpperCase();
  return `${a.addresses.join(',')}${a.addressClass === 'private' ? '' : ` (${a.addressClass})`}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

export function renderText(report: CheckReport): string {
  const lines: string[] = [];
  const dns = report.dnsServer === undefined ? 'not queried' : report.dnsServer === 'system' ? "this machine's resolver" : report.dnsServer;
  lines.push(`${report.registry.name} (${report.registry.loginServer ?? report.registry.id})`);
  lines.push(`checked ${report.checkedAt}; Azure read ${report.snapshotTakenAt}; live DNS: ${dns}`);
  lines.push('');
  if (report.table.length > 0) {
    lines.push(
      ...table([
        ['FQDN', 'VNET', 'EXPECTED', 'ZONE RECORD', 'VNET ANSWER', 'LIVE ANSWER', 'VERDICT'],
        ...report.table.map((r) => [
          r.fqdn,
          r.virtualNetworkId ? resourceName(r.virtualNetworkId) : '-',
          r.expectedIp ?? '?',
          r.zoneRecordIps.length > 0 ? r.zoneRecordIps.join(',') : '-',
          virtualText(r),
          liveText(r),
          r.verdict === 'unknown' ? 'could not check' : r.verdict,
        ]),
      ]),
    );
  } else {
    lines.push('No private endpoint of this registry was found, so there are no private names to check.');
  }
  const unknownRows = report.table.filter((r) => r.verdict === 'unknown');
  if (unknownRows.length > 0) {
    lines.push('');
    for (const r of unknownRows) lines.push(`could not check ${r.fqdn}${r.virtualNetworkId ? ` (${resourceName(r.virtualNetworkId)})` : ''}: ${r.note ?? 'part of the check could not be completed'}`);
  }
  if (report.connectivity) {
    const c = report.connectivity;
    lines.push('');
    lines.push(`Connectivity from this machine${c.mode === 'sandbox' ? ' (sandbox: each address dialed through its loopback listener)' : ''}; names resolved by ${c.dnsServer === 'system' ? "this machine's resolver" : c.dnsServer}:`);
    lines.push(
      ...table([
        ['HOST', 'ADDRESS', 'RESOLVE', 'CONNECT', 'TLS', 'GET /v2/', 'RESULT'],
        ...c.results.map((r) => [r.host, r.address ?? '-', connectivityStepText(r, 'resolve'), connectivityStepText(r, 'connect'), connectivityStepText(r, 'tls'), connectivityStepText(r, 'http'), connectivityOutcomeText(r)]),
      ]),
    );
  }
  if (report.readErrors.length > 0) {
    lines.push('');
    lines.push('Could not read:');
    for (const e of report.readErrors) lines.push(`  ${e.what} of ${e.scope}: ${[e.status, e.code].filter((p) => p !== undefined).join(' ') || 'no answer'} — ${e.message}`);
  }
  lines.push('');
  if (report.findings.length === 0) lines.push('No findings.');
  for (const f of report.findings) {
    lines.push(`${severityLabel[f.severity]} ${f.id}  ${f.subject}`);
    lines.push(`      ${f.message}`);
    if (f.fix) lines.push(`      fix${f.fix.safe ? ' (applied by --fix --yes)' : ' (needs a person; not applied by --fix)'}: ${f.fix.title}`);
  }
  const { error, warning, info, unknown, unreadable, result } = report.summary;
  lines.push('');
  const counts = `${error} error(s), ${warning} warning(s), ${info} note(s)`;
  const unchecked = `${unknown} verdict(s) could not be checked, ${unreadable} read(s) failed`;
  lines.push(result === 'healthy' ? `Healthy: ${counts}.` : result === 'errorsFound' ? `Errors found: ${counts}; ${unchecked}.` : `Could not check everything: ${counts}; ${unchecked}.`);
  return lines.join('\n') + '\n';
}

export function renderOutcomes(outcomes: WriteOutcome[]): string {
  if (outcomes.length === 0) return 'Nothing safe to fix.\n';
  return (
    outcomes
      .map((o) => {
        const what = describeWrite(o.write);
        switch (o.status) {
          case 'applied':
            return `applied    ${what}`;
          case 'conflict':
            return `conflict   ${what}: ${o.message} (changed by someone else since it was read; not retried)`;
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
      return `create A ${write.recordSetName} → ${write.ipv4Addresses.join(', ')} in ${resourceName(write.privateDnsZoneId)}`;
    case 'addToARecordSet':
      return `add ${write.addedIpv4Addresses.join(', ')} to A ${resourceName(write.recordSetId)}`;
    case 'replaceInARecordSet':
      return `remove ${write.removedIpv4Addresses.join(', ')} (no endpoint serves ${write.removedIpv4Addresses.length === 1 ? 'it' : 'them'}) from A ${resourceName(write.recordSetId)}${
        write.addedIpv4Addresses.length > 0 ? `, add ${write.addedIpv4Addresses.join(', ')}` : ''
      }`;
    case 'deleteARecordSet':
      return `delete A ${resourceName(write.recordSetId)}`;
    case 'createVirtualNetworkLink':
      return `link ${resourceName(write.privateDnsZoneId)} to ${resourceName(write.virtualNetworkId)}`;
    case 'createPrivateDnsZone':
      return `create zone ${write.zoneName} in ${write.resourceGroup}`;
    case 'setConnectionState':
      return `set ${resourceName(write.connectionId)} to ${write.status}`;
  }
}
