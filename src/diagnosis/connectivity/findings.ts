// Findings from a connectivity check: what stopped a client from reaching each host, or showed it
// reached the public endpoint, with the likely causes and what to do. They describe this machine.
import * as l10n from '@vscode/l10n';
import { sameId, resourceName } from '../../model/armId';
import type { ResourceId, Snapshot } from '../../model/types';
import { registryContext } from '../context';
import { findingKey, type Finding } from '../finding';
import { indexSnapshot } from '../snapshotIndex';
import type { ConnectivityReport, HostConnectivity } from './types';

// Getters: each is read when a message is made, in the language configured by then.
const stepName = {
  get resolve() {
    return l10n.t('resolving');
  },
  get connect() {
    return l10n.t('TCP connect');
  },
  get tls() {
    return l10n.t('TLS handshake');
  },
  http: 'GET /v2/',
};

/** The private endpoint whose NIC holds `address`, and what its subnet's network policies say about NSGs. */
function endpointAt(snapshot: Snapshot, registryId: ResourceId, address: string): { endpoint: string; subnet?: string; policies?: string } | undefined {
  const ctx = registryContext(snapshot, registryId);
  const record = ctx?.expected.find((e) => e.privateIPAddress === address);
  if (!record) return undefined;
  const endpoint = indexSnapshot(snapshot).privateEndpoint(record.privateEndpointId);
  const subnet = endpoint ? snapshot.virtualNetworks.flatMap((v) => v.subnets).find((s) => sameId(s.id, endpoint.subnetId)) : undefined;
  return {
    endpoint: resourceName(record.privateEndpointId),
    ...(endpoint ? { subnet: resourceName(endpoint.subnetId) } : {}),
    ...(subnet ? { policies: subnet.privateEndpointNetworkPolicies } : {}),
  };
}

/** Where to look for what drops or refuses the connection. */
function likelyCauses(snapshot: Snapshot, registryId: ResourceId, r: HostConnectivity): string {
  if (r.addressClass === 'public') {
    return l10n.t('{0} is a public address: a firewall or proxy between this machine and the internet, or DNS that should have given the private endpoint\'s IP', r.address ?? '');
  }
  const at = r.address !== undefined ? endpointAt(snapshot, registryId, r.address) : undefined;
  const nsg =
    at?.policies === undefined
      ? l10n.t('an NSG on the private endpoint\'s subnet that blocks 443 from this machine (NSGs apply to private endpoints only when the subnet\'s private endpoint network policies are enabled)')
      : /disabled/i.test(at.policies)
        ? l10n.t('not an NSG on {0} (its private endpoint network policies are Disabled, so NSGs do not apply to {1})', at.subnet ?? l10n.t('the endpoint\'s subnet'), at.endpoint)
        : l10n.t('an NSG on {0} that blocks 443 from this machine (its private endpoint network policies are {1}, so NSGs apply to {2})', at.subnet ?? l10n.t('the endpoint\'s subnet'), at.policies, at.endpoint);
  return l10n.t('likely causes: {0}; a firewall (Azure Firewall or an appliance) between this machine and {1}; or a route (UDR) that sends {1} elsewhere', nsg, r.address ?? '');
}

function findingFor(snapshot: Snapshot, registryId: ResourceId, r: HostConnectivity, dnsServer: string): Finding | undefined {
  const base = { subject: r.host, registryId };
  const at = r.address !== undefined ? ` at ${r.address}:443` : '';
  const failed = r.steps.find((s) => s.step === r.step);
  const ctx = registryContext(snapshot, registryId);
  const expected = [...new Set((ctx?.expected ?? []).filter((e) => e.fqdn === r.host && e.privateIPAddress).map((e) => e.privateIPAddress!))];
  const expectedText = expected.length > 0 ? expected.join(', ') : undefined;
  switch (r.outcome) {
    case 'reachable':
      return undefined;
    case 'publicEndpoint': {
      const ip = r.http?.clientIp !== undefined ? l10n.t(' (client with IP \'{0}\' is not allowed access)', r.http.clientIp) : '';
      const why =
        r.addressClass === 'public'
          ? l10n.t('DNS{0} gave the public address {1}', dnsServer === 'system' ? l10n.t(' on this machine') : ` (${dnsServer})`, r.address ?? '')
          : l10n.t('{0} resolved privately, so a proxy or a route carried the request out to the public endpoint', r.address ?? '');
      return {
        ...base,
        id: 'connectivity.publicEndpoint',
        key: findingKey('connectivity.publicEndpoint', r.host),
        severity: 'error',
        ...(expectedText ? { expected: l10n.t('401 from the private endpoint {0}', expectedText) } : {}),
        actual: `403 DENIED${at}`,
        message: l10n.t('{0} answered 403 DENIED{1}: the request reached the registry\'s public endpoint, not its private endpoint; {2}. Make {0} resolve to {3} on this machine (link privatelink.azurecr.io to its VNet, or forward azurecr.io to 168.63.129.16) and send it directly, not through a proxy.', r.host, ip, why, expectedText ?? l10n.t('the private endpoint\'s IP')),
      };
    }
    case 'unexpectedAnswer':
      return {
        ...base,
        id: 'connectivity.unexpectedAnswer',
        key: findingKey('connectivity.unexpectedAnswer', r.host),
        severity: 'warning',
        expected: l10n.t('401 with WWW-Authenticate: Bearer realm=…,service=…'),
        actual: failed?.detail ?? `HTTP ${r.http?.status ?? '?'}`,
        message: l10n.t('{0}{1} answered GET /v2/ without the registry\'s Bearer challenge ({2}): something else answers there, such as a proxy or a firewall\'s page; check what {3} is.', r.host, at, failed?.detail ?? l10n.t('no challenge'), r.address ?? l10n.t('the address')),
      };
    case 'timeout':
      return {
        ...base,
        id: 'connectivity.timeout',
        key: findingKey('connectivity.timeout', r.host),
        severity: 'error',
        expected: l10n.t('an answer on 443'),
        actual: l10n.t('{0} timed out{1}', stepName[r.step], at),
        message: l10n.t('{0}{1}: no answer ({2}: {3}); {4}.', r.host, at, stepName[r.step], failed?.detail ?? l10n.t('timed out'), likelyCauses(snapshot, registryId, r)),
      };
    case 'reset':
    case 'refused':
    case 'unreachable':
      return {
        ...base,
        id: 'connectivity.refused',
        key: findingKey('connectivity.refused', r.host),
        severity: 'error',
        expected: l10n.t('an answer on 443'),
        actual: `${l10n.t('{0} during {1}', r.outcome === 'reset' ? l10n.t('connection reset') : r.outcome === 'refused' ? l10n.t('connection refused') : l10n.t('no route'), stepName[r.step])}${at}`,
        message: `${r.host}${at}: ${r.outcome === 'reset' ? l10n.t('the connection was reset') : r.outcome === 'refused' ? l10n.t('the connection was refused') : l10n.t('no route to the address')} (${stepName[r.step]}: ${failed?.errorCode ?? failed?.detail ?? ''}); ${likelyCauses(snapshot, registryId, r)}.`,
      };
    case 'tlsNameMismatch':
    case 'tlsUntrusted':
    case 'tlsFailed':
      return {
        ...base,
        id: 'connectivity.tlsFailed',
        key: findingKey('connectivity.tlsFailed', r.host),
        severity: 'error',
        expected: l10n.t('a trusted certificate for {0}', r.host),
        actual: `${failed?.errorCode ?? 'TLS failed'}${r.certificateNames ? l10n.t(' (certificate for {0})', r.certificateNames.join(', ')) : ''}`,
        message:
          r.outcome === 'tlsNameMismatch'
            ? l10n.t('{0}{1} offered a certificate that does not cover {0}{2}: {3} is not this registry\'s endpoint, or something in between answers for it; check the record and any TLS-inspecting firewall.', r.host, at, r.certificateNames ? l10n.t(' (it covers {0})', r.certificateNames.join(', ')) : '', r.address ?? l10n.t('the address'))
            : r.outcome === 'tlsUntrusted'
              ? l10n.t('{0}{1} offered a certificate this machine does not trust ({2}): a firewall or proxy that inspects TLS; exempt the registry\'s host names from inspection or trust its CA.', r.host, at, failed?.errorCode ?? '')
              : l10n.t('{0}{1}: the TLS handshake failed ({2}); a firewall or proxy in between may be interfering.', r.host, at, failed?.detail ?? ''),
      };
    case 'notChecked':
      return {
        ...base,
        id: 'connectivity.notChecked',
        key: findingKey('connectivity.notChecked', r.host),
        severity: 'warning',
        actual: failed?.detail ?? l10n.t('not tried'),
        message: l10n.t('Could not check whether {0} is reachable: {1}.', r.host, r.step === 'resolve' ? l10n.t('it did not resolve ({0}); see the DNS findings', failed?.detail ?? '') : failed?.detail ?? l10n.t('it was not tried')),
      };
  }
}

export function connectivityFindings(snapshot: Snapshot, registryId: ResourceId, report: ConnectivityReport): Finding[] {
  return report.results.flatMap((r) => {
    const f = findingFor(snapshot, registryId, r, report.dnsServer);
    return f ? [f] : [];
  });
}

/** Hosts whose connectivity could not be checked: the check is then not complete. */
export function connectivityNotChecked(report: ConnectivityReport | undefined): number {
  return report?.results.filter((r) => r.outcome === 'notChecked').length ?? 0;
}
