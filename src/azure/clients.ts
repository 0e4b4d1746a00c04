// One credential and one ARM target in, the four SDK clients out. Every client gets the target's
// endpoint and explicit credential scopes (with a custom endpoint the SDKs would otherwise guess the
// scope), the sandbox CA through the pipeline's `tlsOptions` (never a process-wide TLS switch), one
// shared HTTP client (so keep-alive connections are shared), our retry policy in place of the SDKs',
// and a request counter. The network, private DNS and registry clients are bound to a subscription,
// so they are made per subscription on first use.
import * as l10n from '@vscode/l10n';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { NetworkManagementClient } from '@azure/arm-network';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  createPipelineRequest,
  type HttpClient,
  type HttpMethods,
  type Pipeline,
  type TlsSettings,
} from '@azure/core-rest-pipeline';
import type { ArmTarget } from './environments';
import { armErrorText } from './errors';
import { armRetryPolicy, type ArmRetryOptions } from './retryPolicy';
import { createRequestStats, requestCounterPolicy, type RequestStats } from './requestStats';
import { writeLogPolicy, type WriteRecord } from './writeLog';

export interface ArmClientsOptions {
  target: ArmTarget;
  credential: TokenCredential;
  retry?: ArmRetryOptions;
  /** Replaces the HTTP transport; unit tests pass a fake. */
  httpClient?: HttpClient;
  /** Told of every write's outcome (method, path, status, request id; never headers or bodies). */
  onWrite?: (record: WriteRecord) => void;
}

export interface ArmClients {
  readonly target: ArmTarget;
  readonly stats: RequestStats;
  subscriptions(): SubscriptionClient;
  network(subscriptionId: string): NetworkManagementClient;
  privateDns(subscriptionId: string): PrivateDnsManagementClient;
  containerRegistry(subscriptionId: string): ContainerRegistryManagementClient;
  /**
   * An ARM call no installed SDK covers (resource provider registration), sent through the same
   * pipeline: same auth, TLS, retry and counter. Throws a RestError-like error on a non-2xx status.
   * `body` is sent as JSON.
   */
  send(method: HttpMethods, path: string, apiVersion: string, signal?: AbortSignal, body?: unknown): Promise<unknown>;
}

const USER_AGENT_PREFIX = 'acr-private-link';

interface ArmErrorBody {
  code?: string;
  message?: string;
  details?: unknown;
}

export function createArmClients(options: ArmClientsOptions): ArmClients {
  const { target, credential } = options;
  const endpoint = target.endpoint.replace(/\/+$/, '');
  const stats = createRequestStats();
  const httpClient = options.httpClient ?? createDefaultHttpClient();
  // One TLS settings object for all clients: the HTTP client caches its agent per settings object.
  const tlsOptions: TlsSettings | undefined = target.caCertPem !== undefined ? { ca: target.caCertPem } : undefined;
  const common = {
    endpoint,
    httpClient,
    userAgentOptions: { userAgentPrefix: USER_AGENT_PREFIX },
    ...(tlsOptions ? { tlsOptions } : {}),
  };
  const classic = { ...common, credentialScopes: target.credentialScopes };

  const onRetry = options.retry?.onRetry;
  const retry: ArmRetryOptions = {
    ...options.retry,
    onRetry: (info) => {
      stats.retries++;
      onRetry?.(info);
    },
  };
  const configure = <T extends { pipeline: Pipeline }>(client: T): T => {
    client.pipeline.removePolicy({ phase: 'Retry' });
    client.pipeline.addPolicy(armRetryPolicy(retry), { phase: 'Retry' });
    client.pipeline.addPolicy(requestCounterPolicy(stats), { afterPhase: 'Retry' });
    // Outside the retries: one record per write, with its final answer.
    client.pipeline.addPolicy(writeLogPolicy((record) => options.onWrite?.(record)));
    return client;
  };

  let subscriptionClient: SubscriptionClient | undefined;
  const network = new Map<string, NetworkManagementClient>();
  const privateDns = new Map<string, PrivateDnsManagementClient>();
  const containerRegistry = new Map<string, ContainerRegistryManagementClient>();
  const perSubscription = <T>(map: Map<string, T>, subscriptionId: string, make: () => T): T => {
    const key = subscriptionId.toLowerCase();
    let client = map.get(key);
    if (!client) {
      client = make();
      map.set(key, client);
    }
    return client;
  };

  const subscriptions = (): SubscriptionClient => (subscriptionClient ??= configure(new SubscriptionClient(credential, classic)));

  return {
    target,
    stats,
    subscriptions,
    network: (id) => perSubscription(network, id, () => configure(new NetworkManagementClient(credential, id, classic))),
    privateDns: (id) => perSubscription(privateDns, id, () => configure(new PrivateDnsManagementClient(credential, id, classic))),
    // The registry SDK is generated from TypeSpec and takes its scopes under `credentials`.
    containerRegistry: (id) =>
      perSubscription(containerRegistry, id, () => configure(new ContainerRegistryManagementClient(credential, id, { ...common, credentials: { scopes: target.credentialScopes } }))),
    async send(method, path, apiVersion, signal, body) {
      const url = `${endpoint}${path}${path.includes('?') ? '&' : '?'}api-version=${encodeURIComponent(apiVersion)}`;
      const request = createPipelineRequest({ url, method, ...(signal ? { abortSignal: signal } : {}), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      if (body !== undefined) request.headers.set('Content-Type', 'application/json');
      const response = await subscriptions().sendRequest(request);
      // The pipeline's deserialization has parsed a JSON body already (`parsedBody`); parsing the text
      // again cost as much (Resource Graph pages are hundreds of kilobytes).
      const deserialized = response as typeof response & { parsedBody?: unknown };
      let parsed: unknown = deserialized.parsedBody;
      if (parsed === undefined && response.bodyAsText) {
        try {
          parsed = JSON.parse(response.bodyAsText);
        } catch {
          parsed = undefined; // a gateway's HTML error page: the status says enough
        }
      }
      if (response.status >= 200 && response.status < 300) return parsed;
      // ARM wraps an error in `error`; some services (Private DNS's 412s) answer `{ code, message }` bare.
      const answer = parsed as { error?: ArmErrorBody; code?: unknown } | undefined;
      const error: ArmErrorBody | undefined = answer?.error ?? (typeof answer?.code === 'string' ? (answer as ArmErrorBody) : undefined);
      throw Object.assign(new Error((error && armErrorText(error)) ?? l10n.t('ARM answered {0} to {1} {2}.', response.status, method, path)), {
        name: 'RestError',
        statusCode: response.status,
        ...(error?.code !== undefined ? { code: error.code } : {}),
      });
    },
  };
}
