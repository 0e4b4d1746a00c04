// Route table for the ARM surface: a path template in Azure's own spelling (case-insensitive, as ARM
// matches paths), the api-version family it belongs to, and a handler over the shared world.

import type { IncomingHttpHeaders } from 'node:http';
import type { ApiFamily } from './apiVersions';
import type { SandboxState } from '../state';
import type { OperationStore } from './lro';
import type { ArmResponse } from './response';

export interface ArmRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  params: Record<string, string>;
  apiVersion: string;
}

export type { ArmResponse } from './response';

/** What a handler may touch: the state, and how to build links back to this server. */
export interface ArmContext {
  state: SandboxState;
  baseUrl: string;
  pageSize: number;
  /** The page size the options or the control API chose, if any (it also caps Resource Graph pages). */
  pageSizeSetting: number | undefined;
  /** Counts the successful writes to `state`, so derived views (Resource Graph rows) know when to rebuild. */
  stateVersion: number;
  operations: OperationStore;
}

export type Handler = (req: ArmRequest, ctx: ArmContext) => ArmResponse;

export interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  family: ApiFamily;
  handler: Handler;
  /** Whether the handler changes state (persisted after it succeeds). */
  writes: boolean;
}

export function route(method: string, template: string, family: ApiFamily, handler: Handler): Route {
  const source = template
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => (/^\{[A-Za-z]+\}$/.test(part) ? `(?<${part.slice(1, -1)}>[^/]+)` : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return { method, template, pattern: new RegExp(`^${source}/?$`, 'i'), family, handler, writes: method !== 'GET' };
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Finds the route for a path; `methodMismatch` tells 405 from 404 apart. */
export function match(routes: readonly Route[], method: string, path: string): RouteMatch | { methodMismatch: boolean } {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = decodeURIComponent(v);
    return { route: r, params };
  }
  return { methodMismatch: pathMatched };
}

export function param(req: ArmRequest, name: string): string {
  const v = req.params[name];
  if (v === undefined) throw new Error(`route has no parameter ${name}`);
  return v;
}
