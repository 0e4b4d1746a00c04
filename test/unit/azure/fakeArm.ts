// A fake HTTP transport for the real SDK clients: answers by method and path from a table, records
// every request (method, path, headers) and can hold responses back to measure concurrency.
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/core-auth';

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeRoute = (request: PipelineRequest, path: string) => FakeReply | Promise<FakeReply> | undefined;

export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export class FakeArm implements HttpClient {
  readonly sent: SentRequest[] = [];
  private readonly routes: FakeRoute[] = [];

  /** Answers `method path` (path without query; `*` matches anything) with a fixed reply or a function. */
  on(method: string, pathPattern: string, reply: FakeReply | ((request: PipelineRequest) => FakeReply | Promise<FakeReply>)): this {
    const re = new RegExp(`^${pathPattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
    this.routes.push((request, path) => {
      if (request.method !== method || !re.test(path)) return undefined;
      return typeof reply === 'function' ? reply(request) : reply;
    });
    return this;
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname);
    const body = typeof request.body === 'string' && request.body !== '' ? (JSON.parse(request.body) as unknown) : undefined;
    this.sent.push({ method: request.method, path, headers: request.headers.toJSON(), ...(body !== undefined ? { body } : {}) });
    let reply: FakeReply | undefined;
    for (const route of this.routes) {
      reply = await route(request, path);
      if (reply) break;
    }
    reply ??= { status: 404, body: { error: { code: 'ResourceNotFound', message: `No fake for ${request.method} ${path}` } } };
    return {
      request,
      status: reply.status,
      headers: createHttpHeaders({ 'content-type': 'application/json', ...reply.headers }),
      ...(reply.body !== undefined ? { bodyAsText: JSON.stringify(reply.body) } : {}),
    };
  }

  requests(method: string, pathPart = ''): SentRequest[] {
    return this.sent.filter((r) => r.method === method && r.path.toLowerCase().includes(pathPart.toLowerCase()));
  }
}

export const fakeCredential: TokenCredential = {
  getToken: () => Promise.resolve({ token: 'eyJhbGciOiJub25lIn0.eyJhdWQiOiJ0ZXN0In0.c2ln', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export const TARGET = { endpoint: 'https://management.example.test', credentialScopes: ['https://management.example.test/.default'] };

export function armError(status: number, code: string, message: string, headers?: Record<string, string>): FakeReply {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}
