// The "Create DNS records" form's messages, shared by the extension and the page. No `vscode`
// import. The page only chooses a TTL for new record sets and asks for actions; the rows, addresses
// and preconditions are always computed again by the extension from what it reads in Azure.
import * as l10n from '@vscode/l10n';
import type { DnsRecordRow } from '../../provisioning/dnsRecords';
import { isRecord, only } from './messageChecks';

/** Which rows: every endpoint of the registry into its linked zone, one endpoint, or one zone. */
export interface DnsRecordsTarget {
  registryId: string;
  privateEndpointId?: string;
  privateDnsZoneId?: string;
}

export interface DnsRecordRowView {
  requiredMemberName: string;
  recordSetName: string;
  fqdn: string;
  ipv4Address: string;
  ttl: number;
  zoneName: string;
  zoneResourceGroup: string;
  state: DnsRecordRow['state'];
  /** What the row does, in one sentence (for `add`: the address added and the ones kept). */
  change: string;
  /** The header the write carries: `If-None-Match: *` or `If-Match: <etag read>`; empty when nothing is written. */
  precondition: string;
}

export interface DnsRecordsView {
  registryName: string;
  rows: DnsRecordRowView[];
  zoneFile: string;
  hosts: string;
}

export interface WriteOutcomeView {
  recordSetName: string;
  status: 'applied' | 'conflict' | 'failed' | 'skipped';
  message?: string;
}

// ---- extension → webview
export type DnsRecordsExtensionMessage =
  | { type: 'loading' }
  | { type: 'rows'; view: DnsRecordsView }
  | { type: 'applying' }
  | { type: 'applied'; outcomes: WriteOutcomeView[] }
  | { type: 'copied'; format: ExportFormat }
  | { type: 'error'; message: string };

export type ExportFormat = 'zoneFile' | 'hosts';

// ---- webview → extension
export type DnsRecordsWebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'create'; ttl: number }
  | { type: 'copy'; format: ExportFormat };

/** Azure private DNS accepts TTLs from 1 second to 2147483647. */
export const maxRecordTtl = 2_147_483_647;

export function recordTtlProblem(ttl: unknown): string | undefined {
  if (typeof ttl !== 'number' || !Number.isInteger(ttl)) return l10n.t('The TTL is a whole number of seconds.');
  if (ttl < 1 || ttl > maxRecordTtl) return l10n.t('The TTL is between 1 and {0} seconds.', maxRecordTtl);
  return undefined;
}

const isArmId = (v: unknown): v is string => typeof v === 'string' && v.startsWith('/subscriptions/') && v.length <= 2048;

export function parseDnsRecordsMessage(data: unknown): DnsRecordsWebviewMessage | undefined {
  if (!isRecord(data) || typeof data.type !== 'string') return undefined;
  switch (data.type) {
    case 'ready':
    case 'refresh':
      return only(data, []) ? { type: data.type } : undefined;
    case 'create':
      return only(data, ['ttl']) && recordTtlProblem(data.ttl) === undefined ? { type: 'create', ttl: data.ttl as number } : undefined;
    case 'copy':
      return only(data, ['format']) && (data.format === 'zoneFile' || data.format === 'hosts') ? { type: 'copy', format: data.format } : undefined;
    default:
      return undefined;
  }
}

/** What the page keeps with setState and the serializer reads back after a reload. */
export interface DnsRecordsPersisted extends DnsRecordsTarget {
  /** The TTL typed for new record sets, as typed (it may be invalid). */
  ttlText?: string;
}

export function parseDnsRecordsPersisted(data: unknown): DnsRecordsPersisted | undefined {
  if (!isRecord(data) || !isArmId(data.registryId)) return undefined;
  const { registryId, privateEndpointId, privateDnsZoneId, ttlText } = data;
  return {
    registryId,
    ...(isArmId(privateEndpointId) ? { privateEndpointId } : {}),
    ...(isArmId(privateDnsZoneId) ? { privateDnsZoneId } : {}),
    ...(typeof ttlText === 'string' && ttlText.length <= 16 ? { ttlText } : {}),
  };
}

export const dnsRecordsStateElementId = 'acr-private-link-dns-records-state';
