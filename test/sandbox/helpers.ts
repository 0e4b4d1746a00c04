// Shared test wiring: a sandbox per suite and the real SDK clients pointed at it, trusting only the
// sandbox's CA through the pipeline's `tlsOptions` (no process-wide TLS switch).

import * as https from 'node:https';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { NetworkManagementClient } from '@azure/arm-network';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox';
import { issueToken } from '../../src/sandbox/auth';

export const SUB1 = '00000000-0000-4000-8000-000000000001';
export const SUB2 = '00000000-0000-4000-8000-000000000002';
export const RG = 'myResourceGroup';
export const LRO = { updateIntervalInMs: 1 };

export function fakeCredential(audience: string): TokenCredential {
  return {
    getToken: async (): Promise<AccessToken> => {
      const { token, expiresOn } = issueToken({ aud: audience, tid: '72f988bf-0000-4000-8000-000000000001', oid: 'test' }, `${audience}/test`);
      return { token, expiresOnTimestamp: expiresOn * 1000 };
    },
  };
}

export interface Clients {
  acr: ContainerRegistryManagementClient;
  network: NetworkManagementClient;
  dns: PrivateDnsManagementClient;
  subscriptions: SubscriptionClient;
}

export function clientOptions(sb: RunningSandbox): { endpoint: string; credentialScopes: string[]; tlsOptions: { ca: string }; retryOptions: { maxRetries: number; retryDelayInMs: number; maxRetryDelayInMs: number } } {
  return {
    endpoint: sb.armEndpoint,
    credentialScopes: [`${sb.armEndpoint}/.default`],
    tlsOptions: { ca: sb.caCertPem },
    retryOptions: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  };
}

export function clients(sb: RunningSandbox, subscriptionId = SUB1): Clients {
  const cred = fakeCredential(sb.armEndpoint);
  const o = clientOptions(sb);
  return {
    // The modular ACR client takes scopes under `credentials` rather than `credentialScopes`.
    acr: new ContainerRegistryManagementClient(cred, subscriptionId, { endpoint: o.endpoint, credentials: { scopes: o.credentialScopes }, tlsOptions: o.tlsOptions, retryOptions: o.retryOptions }),
    network: new NetworkManagementClient(cred, subscriptionId, o),
    dns: new PrivateDnsManagementClient(cred, subscriptionId, o),
    subscriptions: new SubscriptionClient(cred, o),
  };
}

export async function withSandbox(options: SandboxOptions = {}): Promise<{ sb: RunningSandbox; c: Clients }> {
  const sb = await startSandbox(options);
  return { sb, c: clients(sb) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/** A plain HTTPS request (for the control API and for what the SDKs will not send). */
export function raw(sb: RunningSandbox, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  // A path is appended as it is, so that `//metadata/…` stays a path (new URL(path, base) would read a host).
  const url = path.startsWith('/') ? new URL(`${sb.armEndpoint}${path}`) : new URL(path, sb.armEndpoint);
  const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method, ca: sb.caCertPem, headers: { ...(data !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

export const BEARER = { Authorization: 'Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln' };

export function arm(sb: RunningSandbox, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(sb, method, path, body, { ...BEARER, ...headers });
}

export async function all<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

export const id = {
  registry: (name: string, sub = SUB1, rg = RG): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerRegistry/registries/${name}`,
  vnet: (name: string, sub = SUB1, rg = RG): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${name}`,
  subnet: (vnet: string, subnet: string, sub = SUB1, rg = RG): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${subnet}`,
  zone: (name: string, sub = SUB1, rg = RG): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/privateDnsZones/${name}`,
};
