// The /_sandbox control API (no auth): reset to a scenario, latency, faults (ARM and DNS), the request
// log, which VNet the DNS server answers for, paging size, and a state dump.

import { DNS_FAULT_KINDS, type DnsFaultKind, type DnsFaultTable } from './dns/faults';
import { FAULT_KINDS, type FaultKind, type FaultTable } from './faults';
import type { SandboxState } from './state';

export interface ControlHost {
  state: SandboxState;
  latencyMs: number;
  pageSize: number;
  readonly faults: FaultTable;
  readonly dnsFaults: DnsFaultTable;
  requestLog: unknown[];
  reset(scenario: unknown, scale: unknown): SandboxState;
  persist(): void;
}

export interface ControlResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const bad = (message: string): ControlResponse => ({ status: 400, body: { error: { code: 'BadRequest', message } } });
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function handleControl(host: ControlHost, method: string, path: string, raw: string): ControlResponse {
  let body: unknown = undefined;
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      return bad('The control request body is not valid JSON.');
    }
  }
  const b = isObj(body) ? body : {};
  const route = `${method} ${path.replace(/\/$/, '')}`;
  switch (route) {
    case 'POST /_sandbox/reset': {
      try {
        const state = host.reset(b['scenario'] ?? 'seed', b['scale']);
        return { status: 200, body: { scenario: state.scenario, subscriptionIds: state.subscriptions.map((s) => s.subscriptionId) } };
      } catch (e) {
        return bad((e as Error).message);
      }
    }
    case 'POST /_sandbox/latency': {
      const ms = b['ms'];
      if (typeof ms !== 'number' || ms < 0) return bad("'ms' must be a non-negative number.");
      host.latencyMs = ms;
      return { status: 200, body: { ms } };
    }
    case 'POST /_sandbox/paging': {
      const size = b['pageSize'];
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) return bad("'pageSize' must be a positive integer.");
      host.pageSize = size;
      return { status: 200, body: { pageSize: size } };
    }
    case 'POST /_sandbox/faults': {
      const kind = b['kind'] ?? 'status';
      if (!FAULT_KINDS.includes(kind as FaultKind)) return bad(`'kind' must be one of ${FAULT_KINDS.join(', ')}.`);
      // A TLS fault matches connections (the handshake comes before the path): no pattern needed.
      const pathPattern = b['pathPattern'] ?? (kind === 'tls' ? '' : undefined);
      if (typeof pathPattern !== 'string') return bad("'pathPattern' (a regular expression) is required.");
      const headers = b['headers'];
      if (headers !== undefined && (!isObj(headers) || Object.values(headers).some((v) => typeof v !== 'string'))) return bad("'headers' must map names to strings.");
      for (const n of ['status', 'delayMs', 'times'] as const) if (b[n] !== undefined && typeof b[n] !== 'number') return bad(`'${n}' must be a number.`);
      if (b['method'] !== undefined && typeof b['method'] !== 'string') return bad("'method' must be a string.");
      try {
        const rule = host.faults.add({
          pathPattern,
          kind: kind as FaultKind,
          ...(typeof b['method'] === 'string' ? { method: b['method'] } : {}),
          ...(typeof b['status'] === 'number' ? { status: b['status'] } : {}),
          ...(headers !== undefined ? { headers: headers as Record<string, string> } : {}),
          ...(b['body'] !== undefined ? { body: b['body'] } : {}),
          ...(typeof b['delayMs'] === 'number' ? { delayMs: b['delayMs'] } : {}),
          ...(typeof b['times'] === 'number' ? { times: b['times'] } : {}),
        });
        return { status: 201, body: rule };
      } catch (e) {
        return bad(`'pathPattern' is not a valid regular expression: ${(e as Error).message}`);
      }
    }
    case 'GET /_sandbox/faults':
      return { status: 200, body: { value: host.faults.list() } };
    case 'DELETE /_sandbox/faults':
      host.faults.clear();
      return { status: 204 };
    case 'GET /_sandbox/requests':
      return { status: 200, body: { value: host.requestLog } };
    case 'DELETE /_sandbox/requests':
      host.requestLog = [];
      return { status: 204 };
    case 'POST /_sandbox/dns': {
      const id = b['virtualNetworkId'];
      if (id !== null && typeof id !== 'string') return bad("'virtualNetworkId' must be a VNet id or null.");
      if (typeof id === 'string' && !host.state.virtualNetworks[id.toLowerCase()]) return { status: 404, body: { error: { code: 'ResourceNotFound', message: `Virtual network ${id} does not exist in the sandbox.` } } };
      host.state.dnsVirtualNetworkId = typeof id === 'string' ? (host.state.virtualNetworks[id.toLowerCase()]?.id ?? id) : null;
      host.persist();
      return { status: 200, body: { virtualNetworkId: host.state.dnsVirtualNetworkId } };
    }
    case 'POST /_sandbox/dns/faults': {
      const kind = b['kind'];
      if (!DNS_FAULT_KINDS.includes(kind as DnsFaultKind)) return bad(`'kind' must be one of ${DNS_FAULT_KINDS.join(', ')}.`);
      const namePattern = b['namePattern'];
      if (namePattern !== undefined && typeof namePattern !== 'string') return bad("'namePattern' must be a regular expression.");
      for (const n of ['delayMs', 'times'] as const) if (b[n] !== undefined && (typeof b[n] !== 'number' || (b[n] as number) < 0)) return bad(`'${n}' must be a non-negative number.`);
      try {
        const rule = host.dnsFaults.add({
          kind: kind as DnsFaultKind,
          ...(typeof namePattern === 'string' ? { namePattern } : {}),
          ...(typeof b['delayMs'] === 'number' ? { delayMs: b['delayMs'] } : {}),
          ...(typeof b['times'] === 'number' ? { times: b['times'] } : {}),
        });
        return { status: 201, body: rule };
      } catch (e) {
        return bad(`'namePattern' is not a valid regular expression: ${(e as Error).message}`);
      }
    }
    case 'GET /_sandbox/dns/faults':
      return { status: 200, body: { value: host.dnsFaults.list() } };
    case 'DELETE /_sandbox/dns/faults':
      host.dnsFaults.clear();
      return { status: 204 };
    case 'GET /_sandbox/dns':
      return { status: 200, body: { virtualNetworkId: host.state.dnsVirtualNetworkId } };
    case 'GET /_sandbox/state':
      return { status: 200, body: host.state };
    default:
      return { status: 404, body: { error: { code: 'NotFound', message: `No control operation ${route}.` } } };
  }
}
