// The status panel's messages, shared by the extension and the webview bundle. No `vscode` import:
// the browser bundle compiles this file too. Everything the webview sends is untrusted until one
// of the parsers below accepts it.

export type Severity = 'error' | 'warning' | 'info';
/** How a verdict is shown: ok, a problem of a severity, or "could not check" (e.g. the zone's records could not be read). */
export type Tone = 'ok' | Severity | 'unknown';

/** One DNS answer as the panel shows it: the status, the addresses and the CNAME chain followed. */
export interface AnswerView {
  status: string;
  addresses: string[];
  chain: string[];
  note?: string;
}

export interface LiveAnswerView extends AnswerView {
  /** `system` or the `host:port` asked. */
  server: string;
  elapsedMs: number;
  checkedAt: string;
}

/** One FQDN a registry needs, in one virtual network that has an endpoint. */
export interface FqdnRowView {
  fqdn: string;
  virtualNetworkId?: string;
  virtualNetworkName?: string;
  requiredMemberName?: string;
  /** The endpoint whose NIC holds the expected IP (a VNet may hold several endpoints of the registry). */
  privateEndpointName?: string;
  expectedIp?: string;
  zoneRecordIps: string[];
  virtualAnswer?: AnswerView;
  /** Other endpoints in the VNet whose IP the VNet's answer holds instead of this one's (they share the record set). */
  answeredBy?: string[];
  liveAnswer?: LiveAnswerView;
  verdict: string;
  /** Why the verdict is "could not check". */
  note?: string;
  tone: Tone;
}

export interface FixView {
  title: string;
  /** One line per ARM write, as the confirmation lists them. */
  writes: string[];
  safe: boolean;
}

export interface FindingView {
  key: string;
  id: string;
  severity: Severity;
  subject: string;
  message: string;
  expected?: string;
  actual?: string;
  fix?: FixView;
}

/** One step of a connectivity probe: resolve, TCP connect, TLS, GET /v2/. */
export interface ConnectivityStepView {
  step: string;
  outcome: string;
  elapsedMs: number;
  detail: string;
}

/** Whether a client on the machine the extension runs on reaches one host of the registry. */
export interface HostConnectivityView {
  host: string;
  /** `loginServer` or `dataEndpoint`. */
  role: string;
  address?: string;
  dialed?: string;
  /** The outcome in words (`reachable (HTTP 401)`, `reached the public endpoint (403 DENIED)`, …). */
  result: string;
  tone: Tone;
  steps: ConnectivityStepView[];
}

export interface ConnectivityView {
  checkedAt: string;
  /** `direct`, or `sandbox` (each address dialed through the sandbox's loopback listener). */
  mode: string;
  dnsServer: string;
  results: HostConnectivityView[];
  /** The registry changed after the check: its results are from their time, not verdicts on the registry as read now. */
  outdated?: boolean;
  /** Whether the registry changed cannot be told: what could not be read. */
  undetermined?: string[];
}

/** A private endpoint connection as the registry sees it (`privateLinkServiceConnectionState`). */
export interface ConnectionView {
  id: string;
  name: string;
  privateEndpointName?: string;
  status: string;
  description?: string;
}

export interface StatusState {
  registryId: string;
  registryName: string;
  loginServer: string;
  sku: string;
  location: string;
  publicNetworkAccess: string;
  networkRuleBypassOptions: string;
  /** `PrivateEndpointConnections` usage (`az acr show-usage`), when read. */
  endpointUsage?: { currentValue: number; limit: number };
  /** What a client proxy or firewall must allow: the REST endpoint and every data endpoint. */
  allowList: string[];
  /** What on-premises and VPN clients' DNS servers need (a conditional forwarder), when the registry has endpoints. */
  onPremisesForwarder?: string;
  /** Who needs what beyond those names: storage for clients outside the VNet without dedicated data endpoints. */
  allowListNotes?: string[];
  rows: FqdnRowView[];
  findings: FindingView[];
  connections: ConnectionView[];
  /** The server live answers came from: `system` or `host:port`. */
  liveServer: string;
  /** When the results shown were computed; absent before the first check finishes. */
  checkedAt?: string;
  /** A check is running: the results shown are from `checkedAt` and may be out of date. */
  checking: boolean;
  /** Parts of Azure that could not be read, so a reader does not take silence for health. */
  loadErrors: string[];
  /** The last connectivity check of the registry as it is now, when one was made ("Check connectivity"). */
  connectivity?: ConnectivityView;
}

// ---- extension → webview

export type ExtensionMessage =
  | { type: 'state'; state: StatusState }
  | { type: 'busy'; busy: boolean; label?: string }
  | { type: 'error'; message: string };

// ---- webview → extension

export type ReportFormat = 'markdown' | 'json';

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'rerun'; dnsServer?: string }
  | { type: 'fix'; findingKey: string }
  | { type: 'fixAll' }
  | { type: 'checkConnectivity' }
  | { type: 'approve'; connectionId: string; description: string }
  | { type: 'reject'; connectionId: string; description: string }
  | { type: 'exportReport'; format: ReportFormat }
  | { type: 'copy'; text: string };

/** Longer strings than these are not something the panel sends; refuse rather than pass them on. */
const maxIdLength = 2048;
const maxTextLength = 64 * 1024;

type Fields = Record<string, unknown>;

const dnsServerShape = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\])(:\d{1,5})?$/i;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max: number, nonEmpty = false): value is string {
  return typeof value === 'string' && value.length <= max && (!nonEmpty || value.trim() !== '');
}

/** Exactly these keys (besides `type`), so a message carrying extra data is not half-understood. */
function hasOnly(message: Fields, keys: string[]): boolean {
  return Object.keys(message).every((k) => k === 'type' || keys.includes(k));
}

/** Returns the message if it is one the panel sends, with fields of the right types; otherwise undefined. */
export function parseWebviewMessage(data: unknown): WebviewMessage | undefined {
  if (!isRecord(data) || typeof data.type !== 'string') return undefined;
  const m = data;
  switch (m.type) {
    case 'ready':
    case 'fixAll':
    case 'checkConnectivity':
      return hasOnly(m, []) ? { type: m.type } : undefined;
    case 'rerun':
      // A DNS server for this check only: an IPv4 or bracketed IPv6 address, with an optional port.
      if (!hasOnly(m, ['dnsServer'])) return undefined;
      if (m.dnsServer === undefined) return { type: 'rerun' };
      return text(m.dnsServer, 64, true) && dnsServerShape.test(m.dnsServer.trim()) ? { type: 'rerun', dnsServer: m.dnsServer.trim() } : undefined;
    case 'fix':
      return hasOnly(m, ['findingKey']) && text(m.findingKey, maxIdLength, true) ? { type: 'fix', findingKey: m.findingKey } : undefined;
    case 'approve':
      return hasOnly(m, ['connectionId', 'description']) && text(m.connectionId, maxIdLength, true) && text(m.description, maxTextLength)
        ? { type: 'approve', connectionId: m.connectionId, description: m.description }
        : undefined;
    case 'reject':
      // Azure accepts an empty description, but the endpoint owner deserves to know why.
      return hasOnly(m, ['connectionId', 'description']) && text(m.connectionId, maxIdLength, true) && text(m.description, maxTextLength, true)
        ? { type: 'reject', connectionId: m.connectionId, description: m.description }
        : undefined;
    case 'exportReport':
      return hasOnly(m, ['format']) && (m.format === 'markdown' || m.format === 'json') ? { type: 'exportReport', format: m.format } : undefined;
    case 'copy':
      return hasOnly(m, ['text']) && text(m.text, maxTextLength, true) ? { type: 'copy', text: m.text } : undefined;
    default:
      return undefined;
  }
}

// ---- what the webview keeps with setState, and the serializer reads back after a reload

export interface PersistedState {
  registryId: string;
  registryName: string;
  /** The last state received, shown (marked as from its time) until a new one arrives. */
  last?: StatusState;
  /** Descriptions typed for connections, by connection id, so a reload loses no typing. */
  drafts: Record<string, string>;
}

/**
 * The serializer gets whatever the webview stored; only the registry id and name are needed to
 * revive the panel, so only they are required (the rest is re-read from Azure).
 */
export function parsePersistedState(data: unknown): Pick<PersistedState, 'registryId' | 'registryName'> | undefined {
  if (!isRecord(data)) return undefined;
  const { registryId, registryName } = data;
  if (!text(registryId, maxIdLength, true) || !registryId.startsWith('/subscriptions/')) return undefined;
  if (!text(registryName, 256, true)) return undefined;
  return { registryId, registryName };
}

/** The id of the element that carries the initial state as JSON in the panel's HTML. */
export const initialStateElementId = 'acr-private-link-initial-state';

/** The element holding the page's message bundle (src/webview-ui/l10n.ts reads it). */
export const l10nBundleElementId = 'acr-private-link-l10n';
