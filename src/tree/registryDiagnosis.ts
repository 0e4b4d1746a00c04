import type { ARecordSet } from '../model/types';
import type { FixPlan } from '../model/fixPlan';

export type RecordVerdict = 'ok' | 'missing' | 'wrongIp' | 'orphaned';

/** One A record the registry needs or has, as the tree shows it. */
export interface DnsRecordRow {
  /** Relative to the zone, e.g. `myregistry.eastus.data`. */
  recordSetName: string;
  fqdn: string;
  privateDnsZoneId?: string;
  requiredMemberName?: string;
  expectedIps: string[];
  recordSet?: ARecordSet;
  verdict: RecordVerdict;
  explanation: string;
  fix?: FixPlan;
}

export interface FindingSummary {
  id: string;
  key: string;
  severity: 'error' | 'warning' | 'info';
  subject: string;
  message: string;
  fix?: FixPlan;
}

export interface RegistryDiagnosis {
  findings: FindingSummary[];
  records: DnsRecordRow[];
}

export function countBySeverity(d: RegistryDiagnosis): { errors: number; warnings: number } {
  return {
    errors: d.findings.filter((f) => f.severity === 'error').length,
    warnings: d.findings.filter((f) => f.severity === 'warning').length,
  };
}
