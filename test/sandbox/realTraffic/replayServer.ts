// An HTTPS server on loopback that answers the extension's own requests with what real Azure answered
// (the recorded exchanges a test loads into it), so that the real SDK clients, our mappers, the loader,
// the diagnosis and the writes run on Azure's bytes. It trusts nothing and invents nothing:
// - a request is matched by method, path (case-insensitive, each segment URL-decoded, empty segments
//   dropped) and api-version family (see `apiVersionFamily`); a Resource Graph query also by the
//   `$skipToken` it carries, which names the page;
// - among the recordings that match, the first not yet served after the last exchange served from the
//   same recording; a GET may be answered again with the latest one already served (Azure's state has
//   not moved since); a write is answered once;
// - the recorded status, headers and body are sent as recorded, except that Azure's own origin
//   (`https://management.azure.com[:443]`) in operation URLs and next links becomes this server's, so
//   that every poll comes back here;
// - a request no recording answers gets a 404 `NoRecordedExchange` naming it, and is counted.
// Two deliberate substitutions a test must ask for, each counted apart: serving a recorded write's
// precondition failure (412) to a write of another method on the same resource with the same
// `If-Match` / `If-None-Match` (Azure checks the precondition before the method's work), and serving a
// recorded continuation page of a Resource Graph query as its first page.

import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCertificates } from '../../../src/sandbox/certs';
import type { Exchange } from './cassettes';

export interface ReplayEntry {
  exchange: Exchange;
  /** Serve this recorded exchange to a request of this method instead (only for a recorded 412). */
  asMethod?: string;
  /** Serve this recorded Resource Graph page to a query that carries no `$skipToken`. */
  asFirstPage?: boolean;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  apiVersion: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface ServedRequest extends ReceivedRequest {
  exchange: Exchange;
  /** Why the recording was served to a request it does not match exactly. */
  substitution?: 'method' | 'firstPage';
}

const AZURE_ORIGIN = /https:\/\/management\.azure\.com(?::443)?(?=\/)/gi;
/** Headers that describe the recorded transfer, not the answer: recomputed for what is sent. */
const TRANSFER_HEADERS = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'date', 'vary']);

/** The path as matched: segments URL-decoded and lower-cased, empty ones dropped. */
export function normalizedPath(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s).toLowerCase();
      } catch {
        return s.toLowerCase();
      }
    })
    .join('/');
}

/**
 * Which api-versions answer a request alike. The SDKs send newer api-versions than the recordings
 * (recorded 2018–2025); within one resource provider, the properties the extension reads keep their
 * names and types across versions, so a provider's versions are one family — except where a version
 * answers the same request in another layout: Resource Graph before 2021-03-01 answers a table
 * (`columns` / `rows`) where later versions answer the objects the extension asks for.
 */
export function apiVersionFamily(path: string, apiVersion: string): string {
  const p = normalizedPath(path);
  const provider = /(?:^|\/)providers\/([^/]+)/.exec(p)?.[1] ?? 'resources';
  if (p === 'providers/microsoft.resourcegraph/resources') return apiVersion < '2021-03-01' ? `${provider} (table)` : `${provider} (objectArray)`;
  return provider;
}

function skipTokenOf(body: unknown): string | undefined {
  const options = (body as { options?: { $skipToken?: unknown } } | undefined)?.options;
  return typeof options?.$skipToken === 'string' && options.$skipToken !== '' ? options.$skipToken : undefined;
}

function fileOf(ex: Exchange): string {
  return ex.ref.slice(0, ex.ref.lastIndexOf('#'));
}

export interface ReplayServer {
  /** `https://127.0.0.1:<port>` */
  readonly origin: string;
  readonly caCertPem: string;
  /** Every request, in the order received. */
  readonly received: ReceivedRequest[];
  readonly served: ServedRequest[];
  readonly unmatched: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startReplayServer(entries: readonly (Exchange | ReplayEntry)[]): Promise<ReplayServer> {
  const loaded: ReplayEntry[] = entries.map((e) => ('exchange' in e ? e : { exchange: e }));
  for (const e of loaded) {
    if (e.asMethod && e.exchange.status !== 412) throw new Error(`${e.exchange.ref}: only a recorded precondition failure (412) may be served to another method`);
  }
  const used = new Set<ReplayEntry>();
  /** Recording file → index of the last exchange served from it. */
  const cursor = new Map<string, number>();
  const received: ReceivedRequest[] = [];
  const served: ServedRequest[] = [];
  const unmatched: ReceivedRequest[] = [];
  const certs = createCertificates(['127.0.0.1']);
  let origin = '';

  function choose(req: ReceivedRequest): { entry: ReplayEntry; substitution?: ServedRequest['substitution'] } | undefined {
    const path = normalizedPath(req.path);
    const family = apiVersionFamily(req.path, req.apiVersion);
    const token = skipTokenOf(req.body);
    const graph = path === 'providers/microsoft.resourcegraph/resources';
    const candidates = loaded.filter((e) => {
      const ex = e.exchange;
      if (normalizedPath(ex.path) !== path || apiVersionFamily(ex.path, ex.apiVersion) !== family) return false;
      if (ex.method !== req.method && e.asMethod !== req.method) return false;
      // A precondition failure is served to another method only for the very precondition Azure refused.
      if (e.asMethod && (req.headers['if-match'] !== ex.requestHeaders['if-match'] || req.headers['if-none-match'] !== ex.requestHeaders['if-none-match'])) return false;
      if (graph) return e.asFirstPage ? token === undefined : skipTokenOf(ex.requestBody) === token;
      return true;
    });
    const after = (e: ReplayEntry): boolean => e.exchange.index > (cursor.get(fileOf(e.exchange)) ?? -1);
    let entry = candidates.find((e) => !used.has(e) && after(e));
    if (!entry && req.method === 'GET') {
      // Nothing newer: Azure's state as of the last exchange served from that recording.
      const past = candidates.filter((e) => !after(e));
      entry = past[past.length - 1] ?? candidates[candidates.length - 1];
    }
    entry ??= candidates.find((e) => !used.has(e));
    if (!entry) return undefined;
    const substitution = entry.exchange.method !== req.method ? 'method' : entry.asFirstPage ? 'firstPage' : undefined;
    return { entry, ...(substitution ? { substitution } : {}) };
  }

  const server = https.createServer({ key: certs.keyPem, cert: certs.certPem }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', origin);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? (JSON.parse(text) as unknown) : '';
      } catch {
        // not JSON: kept as text
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      const req: ReceivedRequest = { method: (request.method ?? 'GET').toUpperCase(), path: url.pathname, apiVersion: url.searchParams.get('api-version') ?? '', headers, body };
      received.push(req);
      const chosen = choose(req);
      if (!chosen) {
        unmatched.push(req);
        const message = `No recorded Azure exchange answers ${req.method} ${req.path}?api-version=${req.apiVersion} (api-version family ${apiVersionFamily(req.path, req.apiVersion)}${skipTokenOf(req.body) ? ', with a $skipToken' : ''}).`;
        response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ error: { code: 'NoRecordedExchange', message } }));
        return;
      }
      const ex = chosen.entry.exchange;
      used.add(chosen.entry);
      cursor.set(fileOf(ex), Math.max(cursor.get(fileOf(ex)) ?? -1, ex.index));
      served.push({ ...req, exchange: ex, ...(chosen.substitution ? { substitution: chosen.substitution } : {}) });
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(ex.responseHeaders)) if (!TRANSFER_HEADERS.has(k)) out[k] = v.replace(AZURE_ORIGIN, origin);
      const payload = Buffer.from(ex.responseText.replace(AZURE_ORIGIN, origin), 'utf8');
      response.writeHead(ex.status, { ...out, 'content-length': String(payload.length) });
      response.end(payload);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    caCertPem: certs.caCertPem,
    received,
    served,
    unmatched,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
