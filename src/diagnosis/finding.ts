// A finding is one thing wrong (or worth knowing) about a registry's private connectivity, with a
// stable id the views and the CLI's JSON can rely on, and the fix plan when one exists.
import type { FixPlan } from '../model/fixPlan';
import type { ResourceId } from '../model/types';

export type Severity = 'error' | 'warning' | 'info';

export const findingIds = [
  'dns.record.missing',
  'dns.record.ipMismatch',
  'dns.record.orphaned',
  'dns.record.sharedOverwrite',
  'dns.record.sharedByEndpoints',
  /** A record named after a registry whose login server carries a domain-name-label hash: no client asks for it. */
  'dns.record.bareName',
  'dns.zone.missing',
  'dns.zone.notLinked',
  'dns.zone.wrongName',
  'dns.zone.unreadable',
  'dns.link.stale',
  /** A VNet's DNS servers (or a forwarding rule's targets) are not proven to forward azurecr.io to Azure DNS: "depends on your DNS servers". */
  'dns.vnet.dnsServersUnproven',
  /** Asked live, a VNet's own DNS servers answer the registry's names with a public IP or NXDOMAIN. */
  'dns.vnet.dnsServersResolvePublic',
  /** A VNet peered to an endpoint's VNet, using Azure DNS, without the zone linked: it resolves the public IP. */
  'dns.vnet.peeredNotLinked',
  'endpoint.memberMissing',
  /** The endpoint's provisioningState is Failed: whatever its NIC and DNS show, it may carry no traffic. */
  'endpoint.provisioningFailed',
  'endpoint.nsgBlocksHttps',
  'subnet.noRoomForReplica',
  'connection.pending',
  'connection.rejected',
  'connection.disconnected',
  'registry.unreadable',
  'registry.notPremium',
  'registry.endpointLimit',
  'registry.publicNetworkAccessEnabled',
  'registry.tasksNeedVnetAgentPool',
  'registry.virtualNetworkRules',
  'registry.dedicatedDataEndpointsDisabled',
  'provider.notRegistered',
  'live.resolvesPublic',
  'live.mismatch',
  'live.nxdomain',
  'live.resolverFailed',
  'client.privatelinkNameUsed',
  /** A connectivity check (--connect, the panel's Check connectivity) reached the public endpoint: 403 DENIED. */
  'connectivity.publicEndpoint',
  'connectivity.timeout',
  'connectivity.refused',
  'connectivity.tlsFailed',
  'connectivity.unexpectedAnswer',
  'connectivity.notChecked',
  /** A read failed (throttled, refused, not found, broken): what it left unchecked and what to do. */
  'check.unreadable',
] as const;

export type FindingId = (typeof findingIds)[number];

export interface Finding {
  id: FindingId;
  /** Unique within one check and stable across checks: the id, the subject and, where needed, the zone. */
  key: string;
  severity: Severity;
  /** The FQDN or resource id the finding is about. */
  subject: string;
  registryId: ResourceId;
  expected?: string;
  actual?: string;
  /** The VNet a finding about what a VNet resolves is about (`dns.vnet.*`). */
  virtualNetworkId?: ResourceId;
  /** One sentence that says what is wrong and points at the fix. */
  message: string;
  fix?: FixPlan;
}

export function findingKey(id: FindingId, subject: string, scope?: string): string {
  return [id, subject, scope].filter((p): p is string => p !== undefined && p !== '').join('|').toLowerCase();
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then information; stable by key within a severity. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.key.localeCompare(b.key));
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
