// ARM calls no installed SDK covers (resource groups), sent through the clients' own pipeline so they
// get the same authentication, TLS settings, retry policy and request counter.
import * as l10n from '@vscode/l10n';
import { createPipelineRequest, type HttpMethods } from '@azure/core-rest-pipeline';
import type { ArmClients } from '../clients';

export const RESOURCES_API_VERSION = '2021-04-01';

/** `path` is relative to the ARM endpoint, or a nextLink on it. */
export async function armRequest(clients: ArmClients, method: HttpMethods, path: string, body: unknown, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  const endpoint = clients.target.endpoint.replace(/\/+$/, '');
  // A nextLink is absolute and already carries its api-version.
  const url = path.startsWith(`${endpoint}/`) ? path : `${endpoint}${path}${path.includes('?') ? '&' : '?'}api-version=${RESOURCES_API_VERSION}`;
  const request = createPipelineRequest({
    url,
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(signal ? { abortSignal: signal } : {}),
  });
  if (body !== undefined) request.headers.set('Content-Type', 'application/json');
  const response = await clients.subscriptions().sendRequest(request);
  const parsed: unknown = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
  if (response.status >= 200 && response.status < 300) return { status: response.status, body: parsed };
  const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw Object.assign(new Error(error?.message ?? l10n.t('ARM answered {0} to {1} {2}.', response.status, method, path)), {
    name: 'RestError',
    statusCode: response.status,
    ...(error?.code !== undefined ? { code: error.code } : {}),
  });
}

export function resourceGroupPath(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${encodeURIComponent(subscriptionId)}/resourcegroups/${encodeURIComponent(resourceGroup)}`;
}
