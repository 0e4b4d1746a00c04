import type { ARecordSet } from '../model/types';
import type { FixPlan } from '../model/fixPlan';
import type { Finding, FqdnRow, Verdict } from '../diagnosis/index';
import type { ConnectivityBasis } from '../model/connectivityBasis';

export type RecordVerdict = Verdict;

/** One A record the registry needs or has, in one zone, as the tree shows it. */
export interface DnsRecordRow {
  /** Relative to the zone, e.g. `myregistry.eastus.data`. */
  recordSetName: string;
  fqdn: string;
  privateDnsZoneId?: string;
  requiredMemberName?: string;
  /** The NIC IPs this record should hold (one per VNet with an endpoint that uses the zone). */
  expectedIps: string[];
  recordSet?: ARecordSet;
  verdict: RecordVerdict;
  explanation: string;
  fix?: FixPlan;
}

export interface RegistryDiagnosis {
  findings: Finding[];
  /** The findings about the registry's own network settings (tasks, VNet rules, subnets, NSGs), for the tree's Network settings node. */
  networkFindings: Finding[];
  rows: FqdnRow[];
  records: DnsRecordRow[];
  /** What a connectivity check of the registry rests on (`connectivityBasis`): a stored result with another basis is outdated. */
  connectivityBasis: ConnectivityBasis;
}

export interface RegistryHealth {
  errors: number;
  warnings: number;
  /** Verdicts that could not be checked (their data could not be read or answered; hosts a current connectivity check could not try). */
  unknown: number;
  /** Reads that failed, and hosts a current connectivity check could not try: what they were, for the badge's tooltip. */
  unreadable: string[];
}

/**
 * The badge's counts: the diagnosis's findings and verdicts, with the findings of a current
 * connectivity check counted alike. A host that check could not try is a verdict it could not check,
 * never a warning.
 */
export function countBySeverity(d: RegistryDiagnosis, connectivity: readonly Finding[] = []): RegistryHealth {
  const findings = connectivity.length > 0 ? [...d.findings, ...connectivity] : d.findings;
  const untried = connectivity.filter((f) => f.id === 'connectivity.notChecked');
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning' && f.id !== 'check.unreadable' && f.id !== 'connectivity.notChecked').length,
    unknown: d.rows.filter((r) => r.verdict === 'unknown').length + untried.length,
    unreadable: [...d.findings.filter((f) => f.id === 'check.unreadable'), ...untried].map((f) => f.message),
  };
}
