// Findings from a real resolver's answers, compared with the IPs the registry's endpoints serve.
// They describe this machine (or the chosen DNS server), not every VNet.
import * as l10n from '@vscode/l10n';
import type { RegistryContext } from './context';
import { findingKey, type Finding } from './finding';
import type { LiveAnswer, LiveStatus } from './liveResolution';

const failedStatuses: LiveStatus[] = ['timeout', 'servfail', 'refused', 'unreachable', 'error'];

export function liveFindings(ctx: RegistryContext, live: readonly LiveAnswer[]): Finding[] {
  const findings: Finding[] = [];
  const registryId = ctx.registry.id;
  // Unknown public access (a response without it) is not taken as blocked: the answer is a warning then.
  const publicBlocked = ctx.registry.publicNetworkAccess?.toLowerCase() === 'disabled';
  const failures = new Map<string, LiveAnswer[]>();

  for (const answer of live) {
    const expectedIps = [...new Set(ctx.expected.filter((e) => e.fqdn === answer.fqdn).flatMap((e) => (e.privateIPAddress ? [e.privateIPAddress] : [])))];
    if (expectedIps.length === 0) continue; // nothing private to compare with
    const base = { subject: answer.fqdn, registryId, expected: expectedIps.join(', ') };
    const via = answer.server === 'system' ? l10n.t('this machine') : answer.server;

    if (failedStatuses.includes(answer.status)) {
      const key = `${answer.server}|${answer.status}`;
      failures.set(key, [...(failures.get(key) ?? []), answer]);
    } else if (answer.status === 'nxdomain' || answer.status === 'nodata') {
      findings.push({
        ...base,
        id: 'live.nxdomain',
        key: findingKey('live.nxdomain', answer.fqdn),
        severity: 'error',
        actual: l10n.t('{0} via {1}', answer.status.toUpperCase(), answer.chain.join(' → ')),
        message: l10n.t('{0} cannot resolve {1} ({2}), the "unresolvable host" docker reports; add the missing record or remove the stale zone link that hides it.', via, answer.fqdn, answer.status.toUpperCase()),
      });
    } else if (answer.addressClass === 'public' || answer.addressClass === 'mixed') {
      findings.push({
        ...base,
        id: 'live.resolvesPublic',
        key: findingKey('live.resolvesPublic', answer.fqdn),
        // With public access disabled a public answer means pulls fail; otherwise they work, just not privately.
        severity: publicBlocked ? 'error' : 'warning',
        actual: l10n.t('{0} (public) via {1}', answer.addresses.join(', '), answer.chain.join(' → ')),
        message: l10n.t('{0} resolves {1} to a public IP, so traffic skips the private endpoint; link the zone to this machine\'s VNet, or forward {2} to 168.63.129.16 from your DNS server.', via, answer.fqdn, ctx.names.suffix),
      });
    } else if (!answer.addresses.some((ip) => expectedIps.includes(ip))) {
      findings.push({
        ...base,
        id: 'live.mismatch',
        key: findingKey('live.mismatch', answer.fqdn),
        severity: 'error',
        actual: l10n.t('{0} via {1}', answer.addresses.join(', '), answer.chain.join(' → ')),
        message: l10n.t('{0} resolves {1} to {2}, which no endpoint of {3} serves; fix the record, or the DNS server\'s forwarding if the zone is right.', via, answer.fqdn, answer.addresses.join(', '), ctx.registry.name),
      });
    }
  }

  for (const answers of failures.values()) {
    const first = answers[0]!;
    findings.push({
      id: 'live.resolverFailed',
      key: findingKey('live.resolverFailed', first.server, first.status),
      severity: 'warning',
      subject: first.server,
      registryId,
      expected: l10n.t('an answer'),
      actual: l10n.t('{0} for {1}', `${first.status}${first.errorCode ? ` (${first.errorCode})` : ''}`, answers.map((a) => a.fqdn).join(', ')),
      message: l10n.t('The DNS server {0} did not answer ({1}), so live resolution was not checked; choose a reachable DNS server.', first.server === 'system' ? l10n.t('of this machine') : first.server, first.status),
    });
  }
  return findings;
}
