// The HTTPS front door: custom-cloud auth endpoints, the /_sandbox control API, and the ARM surface
// (bearer check → route → api-version → body → handler), with latency, faults, a request log and
// persistence around it. A failed write restores the state from before the request, so bad input
// changes nothing.

import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkBearer, cloudMetadata, openIdConfiguration, tokenResponse } from '../auth';
import { handleControl, type ControlHost } from '../control';
import { createCertificates } from '../certs';
import { DnsFaultTable } from '../dns/faults';
import { FaultTable, type FaultRule } from '../faults';
import { operationRoutes } from '../providers/operations';
import { containerRegistryRoutes } from '../providers/containerRegistry';
import { registryLifecycleRoutes } from '../providers/registryLifecycle';
import { locationRoutes } from '../providers/locations';
import { networkRoutes } from '../providers/network';
import { dnsResolverRoutes } from '../providers/dnsResolver';
import { networkSecurityGroupRoutes } from '../providers/networkSecurityGroups';
import { routeTableRoutes } from '../providers/routeTables';
import { privateDnsRoutes } from '../providers/privateDns';
import { resourceGraphRoutes } from '../providers/resourceGraph';
import { resourceListRoutes } from '../providers/resourceList';
import { resourceRoutes } from '../providers/resources';
import { taskRoutes } from '../providers/tasks';
import { saveState, type SandboxState } from '../state';
import { checkApiVersion } from './apiVersions';
import { ArmError, authenticationFailed, invalidJson } from './errors';
import { OperationStore } from './lro';
import type { RegistryListeners } from '../registryEndpoints/listeners';
import { handleListenerControl } from '../registryEndpoints/control';
import { match, type ArmContext, type ArmRequest, type ArmResponse, type Route } from './router';

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  apiVersion: string | null;
  status: number;
  ifMatch: string | null;
  ifNoneMatch: string | null;
  durationMs: number;
  fault?: string;
}

export interface ArmServerOptions {
  host: string;
  port: number;
  certPem: string;
  keyPem: string;
  state: SandboxState;
  stateFile?: string;
  /** Items per page of list operations; when absent, 100 (and Resource Graph pages follow `$top` alone). */
  pageSize?: number;
  /** Rebuilds the state for `POST /_sandbox/reset`. */
  reset: (scenario: unknown, scale: unknown) => SandboxState;
  /** `GET /_sandbox/dns/servers`: the loopback listener of each private IP that acts as a DNS server. */
  dnsServerAddresses?: () => Promise<Record<string, string>>;
}

const MAX_LOG = 20000;
const DEFAULT_PAGE_SIZE = 100;
const routes: Route[] = [...resourceRoutes(), ...resourceListRoutes(), ...containerRegistryRoutes(), ...taskRoutes(), ...registryLifecycleRoutes(), ...locationRoutes(), ...networkRoutes(), ...networkSecurityGroupRoutes(), ...routeTableRoutes(), ...privateDnsRoutes(), ...dnsResolverRoutes(), ...resourceGraphRoutes(), ...operationRoutes()];

export class ArmServer implements ControlHost {
  state: SandboxState;
  latencyMs = 0;
  /** The page size chosen through the options or POST /_sandbox/paging, if any. */
  private pageSizeSetting: number | undefined;
  /** Successful writes so far (a reset or a failed write replaces the state object instead). */
  private stateVersion = 0;
  readonly faults = new FaultTable();
  readonly dnsFaults = new DnsFaultTable();
  readonly operations = new OperationStore();
  requestLog: RequestLogEntry[] = [];
  private server?: https.Server;
  private baseUrl = '';
  /** A certificate from a CA nobody trusts, made on the first `tls` fault; whether it is offered now. */
  private untrusted: { certPem: string; keyPem: string } | undefined;
  private offeringUntrusted = false;
  /** The registry endpoints' loopback listeners, when the sandbox runs them (`/_sandbox/listeners`). */
  listeners: RegistryListeners | undefined;

  constructor(private readonly options: ArmServerOptions) {
    this.state = options.state;
    this.pageSizeSetting = options.pageSize;
  }

  get pageSize(): number {
    return this.pageSizeSetting ?? DEFAULT_PAGE_SIZE;
  }

  set pageSize(size: number) {
    this.pageSizeSetting = size;
  }

  get armEndpoint(): string {
    return this.baseUrl;
  }

  async listen(): Promise<string> {
    const server = https.createServer({ cert: this.options.certPem, key: this.options.keyPem }, (req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) send(res, 500, { error: { code: 'InternalServerError', message: String(e) } });
      });
    });
    this.server = server;
    // Before the TLS layer takes the connection: choose the certificate it will be offered.
    server.prependListener('connection', () => this.chooseCertificate(server));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    this.baseUrl = `https://${host}:${port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private chooseCertificate(server: https.Server): void {
    const fault = this.faults.takeConnection();
    const untrusted = fault !== undefined;
    if (untrusted === this.offeringUntrusted) return;
    if (untrusted) this.untrusted ??= createCertificates(['127.0.0.1', 'localhost']);
    server.setSecureContext(untrusted && this.untrusted ? { cert: this.untrusted.certPem, key: this.untrusted.keyPem } : { cert: this.options.certPem, key: this.options.keyPem });
    this.offeringUntrusted = untrusted;
  }

  reset(scenario: unknown, scale: unknown): SandboxState {
    this.state = this.options.reset(scenario, scale);
    this.operations.clear();
    this.persist();
    return this.state;
  }

  persist(): void {
    if (this.options.stateFile) saveState(this.options.stateFile, this.state);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    // `//metadata/…` (what the Azure CLI sends for an endpoint ending in '/') is a path, not a host.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'https://sandbox');
    const path = url.pathname.replace(/\/{2,}/g, '/');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);

    if (method === 'GET' && path.replace(/\/$/, '') === '/_sandbox/dns/servers' && this.options.dnsServerAddresses) {
      try {
        send(res, 200, { value: await this.options.dnsServerAddresses() });
      } catch (e) {
        send(res, 500, { error: { code: 'InternalServerError', message: (e as Error).message } });
      }
      return;
    }
    if (this.listeners && /^\/_sandbox\/listeners(\/|$)/.test(path)) {
      const r = await handleListenerControl(this.listeners, method, path, raw);
      send(res, r.status, r.body, r.headers);
      return;
    }
    if (path.startsWith('/_sandbox/') || path === '/_sandbox') {
      const r = handleControl(this, method, path, raw);
      send(res, r.status, r.body, r.headers);
      return;
    }

    const log = (status: number, fault?: FaultRule): void => {
      const entry: RequestLogEntry = {
        time: new Date().toISOString(),
        method,
        path,
        apiVersion: url.searchParams.get('api-version'),
        status,
        ifMatch: header(req, 'if-match') ?? null,
        ifNoneMatch: header(req, 'if-none-match') ?? null,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        ...(fault ? { fault: fault.kind } : {}),
      };
      this.requestLog.push(entry);
      if (this.requestLog.length > MAX_LOG) this.requestLog.splice(0, this.requestLog.length - MAX_LOG);
    };

    if (this.latencyMs > 0) await delay(this.latencyMs);
    const fault = this.faults.take(method, path);
    if (fault?.kind === 'reset') {
      log(0, fault);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'noAnswer') {
      // The request was read; no answer ever comes. The connection stays open until the client gives up.
      log(0, fault);
      return;
    }
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 2000);
    if (fault?.kind === 'status') {
      const status = fault.status ?? 500;
      const body = fault.body ?? { error: { code: status === 429 ? 'TooManyRequests' : 'InjectedFault', message: `Fault injected by the sandbox for ${method} ${path}.` } };
      send(res, status, body, fault.headers);
      log(status, fault);
      return;
    }

    const response = this.dispatch(method, path, url, req, raw);
    if (fault?.kind === 'malformed') {
      // A body that starts like JSON and stops: clients must survive a truncated or garbled response.
      res.writeHead(response.status, { 'Content-Type': 'application/json; charset=utf-8', ...(fault.headers ?? {}) });
      res.end('{"value": [{"id": "/subscriptions/');
      log(response.status, fault);
      return;
    }
    send(res, response.status, response.body, withEtagHeader(method, response));
    log(response.status, fault);
  }

  private dispatch(method: string, path: string, url: URL, req: IncomingMessage, raw: string): ArmResponse {
    const baseUrl = this.baseUrl;
    if (method === 'GET' && /^\/metadata\/endpoints\/?$/i.test(path)) return { status: 200, body: cloudMetadata(baseUrl, this.state.tenantId, url.searchParams.get('api-version')) };
    const oidc = /^\/([^/]+)(?:\/v2\.0)?\/\.well-known\/openid-configuration$/i.exec(path);
    if (method === 'GET' && oidc?.[1]) return { status: 200, body: openIdConfiguration(baseUrl, oidc[1]) };
    const token = /^\/([^/]+)\/oauth2(?:\/v2\.0)?\/token$/i.exec(path);
    if (method === 'POST' && token?.[1]) return { status: 200, body: tokenResponse(baseUrl, token[1], this.state.tenantId, new URLSearchParams(raw)) };
    if (method === 'GET' && /^\/[^/]+\/discovery(?:\/v2\.0)?\/keys$/i.test(path)) return { status: 200, body: { keys: [] } };
    if (method === 'GET' && /^\/common\/discovery\/instance$/i.test(path)) {
      return { status: 200, body: { tenant_discovery_endpoint: `${baseUrl}/${this.state.tenantId}/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [] } };
    }

    try {
      const authProblem = checkBearer(header(req, 'authorization'));
      if (authProblem) throw authenticationFailed(authProblem);
      const found = match(routes, method, path);
      if (!('route' in found)) {
        if (found.methodMismatch) throw new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
        throw new ArmError(404, 'InvalidResourceType', `The resource type could not be found for the path '${path}'.`);
      }
      const apiVersion = url.searchParams.get('api-version');
      const versionProblem = checkApiVersion(found.route.family, apiVersion);
      if (versionProblem) throw versionProblem;
      let body: unknown;
      if (raw.trim() !== '') {
        try {
          body = JSON.parse(raw);
        } catch (e) {
          throw invalidJson((e as Error).message);
        }
      }
      const request: ArmRequest = { method, path, query: url.searchParams, headers: req.headers, body, params: found.params, apiVersion: apiVersion ?? '' };
      return this.run(found.route, request);
    } catch (e) {
      if (e instanceof ArmError) return { status: e.status, body: e.toBody(), headers: e.headers };
      throw e;
    }
  }

  private run(route: Route, request: ArmRequest): ArmResponse {
    const ctx: ArmContext = { state: this.state, baseUrl: this.baseUrl, pageSize: this.pageSize, pageSizeSetting: this.pageSizeSetting, stateVersion: this.stateVersion, operations: this.operations };
    if (!route.writes) return route.handler(request, ctx);
    const before = structuredClone(this.state);
    try {
      const response = route.handler(request, ctx);
      if (response.status < 400) {
        this.stateVersion++;
        this.persist();
      } else this.state = before;
      return response;
    } catch (e) {
      this.state = before;
      throw e;
    }
  }
}

/**
 * Azure repeats a resource's etag in the ETag header when it answers with the resource itself: every
 * GET, and a PUT or PATCH that completed at once (not the first answer of a long-running operation).
 */
function withEtagHeader(method: string, response: ArmResponse): Record<string, string> | undefined {
  const etag = (response.body as { etag?: unknown } | undefined)?.etag;
  const headers = response.headers ?? {};
  if (typeof etag !== 'string' || response.status >= 300 || Object.keys(headers).some((h) => h.toLowerCase() === 'etag')) return response.headers;
  if (method === 'GET' || ((method === 'PUT' || method === 'PATCH') && !Object.keys(headers).some((h) => h.toLowerCase() === 'azure-asyncoperation'))) return { ...headers, ETag: etag };
  return response.headers;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let requestCounter = 0;

export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const requestId = `00000000-0000-4000-8000-${(++requestCounter).toString(16).padStart(12, '0')}`;
  const base: Record<string, string> = { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId, 'Cache-Control': 'no-cache' };
  if (body === undefined || status === 204) {
    res.writeHead(status, { ...base, 'Content-Length': '0', ...headers });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...base, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}
