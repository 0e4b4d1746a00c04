// The Azure access layer's public surface. It is bundled on its own (dist/azure.js) and required on
// first use, so that activating the extension never parses the Azure SDKs.
import * as l10n from '@vscode/l10n';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { FixPlan, WriteOutcome } from '../model/fixPlan';
import type { LoadError, PrivateEndpointConnection, Registry } from '../model/types';
import { sdkArmReads } from './armReads';
import { createArmClients, type ArmClients } from './clients';
import type { ArmTarget } from './environments';
import { InventoryLoader } from './loader';
import type { RequestStats } from './requestStats';
import type { ArmRetryOptions } from './retryPolicy';
import type { ProvisioningApi } from '../provisioning/api';
import { createProvisioning } from './provisioning';
import { runOperation } from './operation';
import type { WriteRecord } from './writeLog';
import { applyFixPlan, registerProvider, setConnectionState, setPublicNetworkAccess, type WriteOptions } from './writes';

export interface AzureServicesOptions {
  target: ArmTarget;
  credential: TokenCredential;
  /** ARM reads running at once while loading; default 8. */
  concurrency?: number;
  /** How long reads are reused; default 30 s. */
  cacheTtlMs?: number;
  /** Read the inventory's breadth with Azure Resource Graph (default) or with ARM reads only. */
  inventorySource?: 'resourceGraph' | 'arm';
  /** Told when Resource Graph fails and loading falls back to ARM reads. */
  onResourceGraphError?: (error: LoadError) => void;
  /** With Resource Graph, take registry lists and A record sets from it too (default); false reads them from ARM (the benchmark's comparison). */
  resourceGraphRecords?: boolean;
  /** Polling interval of long-running writes; default 2 s (the sandbox: a few ms). */
  pollIntervalMs?: number;
  retry?: ArmRetryOptions;
  /** How long one HTTP request may take; default 60 s (ARM itself gives up after about as long). */
  requestTimeoutMs?: number;
  /**
   * The overall deadline of each operation: a tree level, a registry's details, a snapshot, a write
   * plan, an action; default 5 minutes (long-running writes can take minutes). A create-endpoint run is
   * several operations' worth of writes and keeps only the per-request timeout.
   */
  operationTimeoutMs?: number;
  /** Replaces the HTTP transport (tests). */
  httpClient?: HttpClient;
  /** Told of every write's outcome: what, where, Azure's status and request id (for the Output channel). */
  onWrite?: (record: WriteRecord) => void;
}

export interface TenantInfo {
  tenantId: string;
  displayName: string;
  defaultDomain?: string;
}

export interface ActionOptions {
  signal?: AbortSignal;
}

export interface AzureServices {
  loader: InventoryLoader;
  clients: ArmClients;
  applyFixPlan(plan: FixPlan, options?: ActionOptions): Promise<WriteOutcome[]>;
  approveConnection(connectionId: string, description: string, options?: ActionOptions): Promise<PrivateEndpointConnection>;
  rejectConnection(connectionId: string, description: string, options?: ActionOptions): Promise<PrivateEndpointConnection>;
  setPublicNetworkAccess(registryId: string, publicNetworkAccess: 'Enabled' | 'Disabled', networkRuleBypassOptions?: 'AzureServices' | 'None', options?: ActionOptions): Promise<Registry>;
  registerProvider(subscriptionId: string, namespace?: string, options?: ActionOptions): Promise<string>;
  /** The forms' runs: create an endpoint step by step, clean up, delete endpoints, connections and links. */
  provisioning: ProvisioningApi;
  /** The tenants the signed-in account can reach (for "Select Tenant…"). */
  listTenants(options?: ActionOptions): Promise<TenantInfo[]>;
  /** HTTP requests sent to ARM so far (pages, polls and retries included). */
  requestCount(): number;
  /** A copy of the request figures: requests, retries, in flight now and at most. */
  requestStats(): RequestStats;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_OPERATION_TIMEOUT_MS = 5 * 60_000;

export function createAzureServices(options: AzureServicesOptions): AzureServices {
  const operationTimeoutMs = options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
  const clients = createArmClients({
    target: options.target,
    credential: options.credential,
    retry: { ...options.retry, requestTimeoutMs: options.requestTimeoutMs ?? options.retry?.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS },
    ...(options.httpClient ? { httpClient: options.httpClient } : {}),
    ...(options.onWrite ? { onWrite: options.onWrite } : {}),
  });
  /** One action or write plan as an operation with the deadline. */
  const operation = <T>(what: string, action: ActionOptions | undefined, task: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> =>
    runOperation(what, operationTimeoutMs, action?.signal, task);
  const withSignal = (signal: AbortSignal | undefined): ActionOptions => (signal ? { signal } : {});
  const loader = new InventoryLoader(sdkArmReads(clients), {
    operationTimeoutMs,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.cacheTtlMs !== undefined ? { cacheTtlMs: options.cacheTtlMs } : {}),
    resourceGraph: options.inventorySource !== 'arm',
    ...(options.onResourceGraphError ? { onResourceGraphError: options.onResourceGraphError } : {}),
    ...(options.resourceGraphRecords !== undefined ? { resourceGraphRecords: options.resourceGraphRecords } : {}),
  });
  const writeOptions = (action?: ActionOptions): WriteOptions => ({
    invalidate: (id) => loader.invalidate(id),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(action?.signal ? { signal: action.signal } : {}),
  });
  return {
    loader,
    clients,
    applyFixPlan: (plan, action) => operation(`applying "${plan.title}"`, action, (s) => applyFixPlan(plan, clients, writeOptions(withSignal(s)))),
    approveConnection: (id, description, action) => operation(`approving ${id}`, action, (s) => setConnectionState(clients, id, 'Approved', description, writeOptions(withSignal(s)))),
    rejectConnection: (id, description, action) => operation(`rejecting ${id}`, action, (s) => setConnectionState(clients, id, 'Rejected', description, writeOptions(withSignal(s)))),
    setPublicNetworkAccess: (id, access, bypass, action) =>
      operation(l10n.t('setting public network access of {0}', id), action, (s) => setPublicNetworkAccess(clients, id, access, bypass, writeOptions(withSignal(s)))),
    registerProvider: (subscriptionId, namespace, action) =>
      operation(l10n.t('registering a resource provider in subscription {0}', subscriptionId), action, (s) => registerProvider(clients, subscriptionId, namespace, writeOptions(withSignal(s)))),
    provisioning: withDeadlines(
      createProvisioning(clients, {
        invalidate: (id) => loader.invalidate(id),
        useResourceGraph: (subscriptionId) => loader.resourceGraphCurrent(subscriptionId),
        ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      }),
      operationTimeoutMs,
    ),
    requestCount: () => clients.stats.requests,
    requestStats: () => ({ ...clients.stats }),
    listTenants: (action) =>
      operation(l10n.t('listing tenants'), action, async (signal) => {
        const tenants: TenantInfo[] = [];
        for await (const t of clients.subscriptions().tenants.list(signal ? { abortSignal: signal } : {})) {
          if (t.tenantId) tenants.push({ tenantId: t.tenantId, displayName: t.displayName ?? t.tenantId, ...(t.defaultDomain ? { defaultDomain: t.defaultDomain } : {}) });
        }
        return tenants;
      }),
  };
}

/** The forms' reads and deletions, each an operation with the deadline; a create-endpoint run is not (see above). */
function withDeadlines(api: ProvisioningApi, timeoutMs: number): ProvisioningApi {
  const op = <T>(what: string, signal: AbortSignal | undefined, task: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> => runOperation(what, timeoutMs, signal, task);
  const o = (signal: AbortSignal | undefined): { signal?: AbortSignal } => (signal ? { signal } : {});
  return {
    ...api,
    loadCreateEndpointInventory: (subscriptionId, registryIds, options) =>
      op(l10n.t('reading subscription {0} for the form', subscriptionId), options?.signal, (s) => api.loadCreateEndpointInventory(subscriptionId, registryIds, o(s))),
    loadCreateRegistryInventory: (subscriptionId, options) =>
      op(l10n.t('reading subscription {0} for the form', subscriptionId), options?.signal, (s) => api.loadCreateRegistryInventory(subscriptionId, o(s))),
    checkRegistryName: (subscriptionId, name, options) => op(l10n.t('checking the registry name {0}', name), options?.signal, (s) => api.checkRegistryName(subscriptionId, name, o(s))),
    cleanUp: (created, options) => op(l10n.t('cleaning up'), options?.signal, (s) => api.cleanUp(created, o(s))),
    deletePrivateEndpoint: (id, options) => op(`deleting ${id}`, options?.signal, (s) => api.deletePrivateEndpoint(id, o(s))),
    deleteConnection: (id, options) => op(`deleting ${id}`, options?.signal, (s) => api.deleteConnection(id, o(s))),
    privateEndpointsInVirtualNetwork: (id, options) => op(l10n.t('listing the private endpoints in {0}', id), options?.signal, (s) => api.privateEndpointsInVirtualNetwork(id, o(s))),
    deleteVirtualNetworkLink: (id, etag, options) => op(`deleting ${id}`, options?.signal, (s) => api.deleteVirtualNetworkLink(id, etag, o(s))),
  };
}

/** The signed-in Azure CLI account (`az login`), optionally in a given tenant. */
export function createAzureCliCredential(tenantId?: string): TokenCredential {
  // Required here, not at the top: @azure/identity (with MSAL) is the largest part of the bundle and
  // only the Azure CLI sign-in needs it.
  const { AzureCliCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new AzureCliCredential(tenantId ? { tenantId } : {});
}

export { createSandboxCredential } from './sandboxCredential';
export { azureEnvironments, armTargetFor, environmentNamed, portalUrlFor, sandboxEnvironment } from './environments';
export type { ArmTarget, AzureEnvironment, AzureEnvironmentName } from './environments';
export { InventoryLoader, isRegistryRecord, isRegistryZone } from './loader';
export type { InventoryLoaderOptions, InventorySource, LoadOptions, RegistryDetails, SnapshotOptions } from './loader';
export type { Page, PageRequest } from './paging';
export type { ArmClients } from './clients';
export type { ArmReads } from './armReads';
export type { RequestStats } from './requestStats';
export type { ArmRetryOptions, RetryInfo } from './retryPolicy';
export { describeRetry } from './retryPolicy';
export { describeWriteRecord, WriteOutcomeUnknownError } from './writeLog';
export type { WriteRecord } from './writeLog';
export { OPERATION_TIMED_OUT, REQUEST_TIMEOUT } from './errors';
export type { WriteOptions } from './writes';
export { ArmLoadError } from './errors';
