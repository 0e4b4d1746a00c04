// Findings from a connectivity check: what stopped a client from reaching each host, or showed it
// reached the public endpoint, with the likely causes and what to do. They describe this machine.
import { sameId, resourceName } from '../../model/armId';
import type { ResourceId, Snapshot } from '../../model/types';
import { registryContext } from '../context';
import { findingKey, type Finding } from '../finding';
import { indexSnapshot } from '../snapshotIndex';
import type { ConnectivityReport, HostConnectivity } from './types';

const stepName = { resolve: 'resolving', connect: 'TCP connect', tls: 'TLS handshake', http: 'GET /v2/' } as const;

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
    return `${r.address} is a public address: a firewall or proxy between this machine and the internet, or DNS that should have given the private endpoint's IP`;
  }
  const at = r.address !== undefined ? endpointAt(snapshot, registryId, r.address) : undefined;
  const nsg =
    at?.policies === undefined
      ? 'an NSG on the private endpoint\'s subnet that blocks 443 from this machine (NSGs apply to private endpoints only when the subnet\'s private endpoint network policies are enabled)'
      : /disabled/i.test(at.policies)
        ? `not an NSG on ${at.subnet ?? 'the endpoint\'s subnet'} (its private endpoint network policies are Disabled, so NSGs do not apply to ${at.endpoint})`
        : `an NSG on ${at.subnet ?? 'the endpoint\'s subnet'} that blocks 443 from this machine (its private endpoint network policies are ${at.policies}, so NSGs apply to ${at.endpoint})`;
  return `likely causes: ${nsg}; a firewall (Azure Firewall or an appliance) between this machine and ${r.address}; or a route (UDR) that sends ${r.address} elsewhere`;
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
      const ip = r.http?.clientIp !== undefined ? ` (client with IP '${r.http.clientIp}' is not allowed access)` : '';
      const why =
        r.addressClass === 'public'
          ? `DNS${dnsServer === 'system' ? ' on this machine' : ` (${dnsServer})`} gave the public address ${r.address}`
          : `${r.address} resolved privately, so a proxy or a route carried the request out to the public endpoint`;
      return {
        ...base,
        id: 'connectivity.publicEndpoint',
        key: findingKey('connectivity.publicEndpoint', r.host),
        severity: 'error',
        ...(expectedText ? { expected: `401 from the private endpoint ${expectedText}` } : {}),
        actual: `403 DENIED${at}`,
        message: `${r.host} answered 403 DENIED${ip}: the request reached the registry's public endpoint, not its private endpoint; ${why}. Make ${r.host} resolve to ${expectedText ?? 'the private endpoint\'s IP'} on this machine (link privatelink.azurecr.io to its VNet, or forward azurecr.io to 168.63.129.16) and send it directly, not through a proxy.`,
      };
    }
    case 'unexpectedAnswer':
      return {
        ...base,
        id: 'connectivity.unexpectedAnswer',
        key: findingKey('connectivity.unexpectedAnswer', r.host),
        severity: 'warning',
        expected: '401 with WWW-Authenticate: Bearer realm=…,service=…',
        actual: failed?.detail ?? `HTTP ${r.http?.status ?? '?'}`,
        message: `${r.host}${at} answered GET /v2/ without the registry's Bearer challenge (${failed?.detail ?? 'no challenge'}): something else answers there, such as a proxy or a firewall's page; check what ${r.address ?? 'the address'} is.`,
      };
    case 'timeout':
      return {
        ...base,
        id: 'connectivity.timeout',
        key: findingKey('connectivity.timeout', r.host),
        severity: 'error',
        expected: 'an answer on 443',
        actual: `${stepName[r.step]} timed out${at}`,
        message: `${r.host}${at}: no answer (${stepName[r.step]}: ${failed?.detail ?? 'timed out'}); ${likelyCauses(snapshot, registryId, r)}.`,
      };
    case 'reset':
    case 'refused':
    case 'unreachable':
      return {
        ...base,
        id: 'connectivity.refused',
        key: findingKey('connectivity.refused', r.host),
        severity: 'error',
        expected: 'an answer on 443',
        actual: `${r.outcome === 'reset' ? 'connection reset' : r.outcome === 'refused' ? 'connection refused' : 'no route'} during ${stepName[r.step]}${at}`,
        message: `${r.host}${at}: ${r.outcome === 'reset' ? 'the connection was reset' : r.outcome === 'refused' ? 'the connection was refused' : 'no route to the address'} (${stepName[r.step]}: ${failed?.errorCode ?? failed?.detail ?? ''}); ${likelyCauses(snapshot, registryId, r)}.`,
      };
    case 'tlsNameMismatch':
    case 'tlsUntrusted':
    case 'tlsFailed':
      return {
        ...base,
        id: 'connectivity.tlsFailed',
        key: findingKey('connectivity.tlsFailed', r.host),
        severity: 'error',
        expected: `a trusted certificate for ${r.host}`,
        actual: `${failed?.errorCode ?? 'TLS failed'}${r.certificateNames ? ` (certificate for ${r.certificateNames.join(', ')})` : ''}`,
        message:
          r.outcome === 'tlsNameMismatch'
            ? `${r.host}${at} offered a certificate that does not cover ${r.host}${r.certificateNames ? ` (it covers ${r.certificateNames.join(', ')})` : ''}: ${r.address ?? 'the address'} is not this registry's endpoint, or something in between answers for it; check the record and any TLS-inspecting firewall.`
            : r.outcome === 'tlsUntrusted'
              ? `${r.host}${at} offered a certificate this machine does not trust (${failed?.errorCode ?? ''}): a firewall or proxy that inspects TLS; exempt the registry's host names from inspection or trust its CA.`
              : `${r.host}${at}: the TLS handshake failed (${failed?.detail ?? ''}); a firewall or proxy in between may be interfering.`,
      };
    case 'notChecked':
      return {
        ...base,
        id: 'connectivity.notChecked',
        key: findingKey('connectivity.notChecked', r.host),
        severity: 'warning',
        actual: failed?.detail ?? 'not tried',
        message: `Could not check whether ${r.host} is reachable: ${r.step === 'resolve' ? `it did not resolve (${failed?.detail ?? ''}); see the DNS findings` : failed?.detail ?? 'it was not tried'}.`,
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
