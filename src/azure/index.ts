// The Azure access layer's public surface. It is bundled on its own (dist/azure.js) and required on
// first use, so that activating the extension never parses the Azure SDKs.
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
  /** Polling interval of long-running writes; default 2 s (the sandbox: a few ms). */
  pollIntervalMs?: number;
  retry?: ArmRetryOptions;
  /** Replaces the HTTP transport (tests). */
  httpClient?: HttpClient;
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

export function createAzureServices(options: AzureServicesOptions): AzureServices {
  const clients = createArmClients({
    target: options.target,
    credential: options.credential,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.httpClient ? { httpClient: options.httpClient } : {}),
  });
  const loader = new InventoryLoader(sdkArmReads(clients), {
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.cacheTtlMs !== undefined ? { cacheTtlMs: options.cacheTtlMs } : {}),
    resourceGraph: options.inventorySource !== 'arm',
    ...(options.onResourceGraphError ? { onResourceGraphError: options.onResourceGraphError } : {}),
  });
  const writeOptions = (action?: ActionOptions): WriteOptions => ({
    invalidate: (id) => loader.invalidate(id),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(action?.signal ? { signal: action.signal } : {}),
  });
  return {
    loader,
    clients,
    applyFixPlan: (plan, action) => applyFixPlan(plan, clients, writeOptions(action)),
    approveConnection: (id, description, action) => setConnectionState(clients, id, 'Approved', description, writeOptions(action)),
    rejectConnection: (id, description, action) => setConnectionState(clients, id, 'Rejected', description, writeOptions(action)),
    setPublicNetworkAccess: (id, access, bypass, action) => setPublicNetworkAccess(clients, id, access, bypass, writeOptions(action)),
    registerProvider: (subscriptionId, namespace, action) => registerProvider(clients, subscriptionId, namespace, writeOptions(action)),
    provisioning: createProvisioning(clients, {
      invalidate: (id) => loader.invalidate(id),
      useResourceGraph: (subscriptionId) => loader.resourceGraphCurrent(subscriptionId),
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    }),
    requestCount: () => clients.stats.requests,
    requestStats: () => ({ ...clients.stats }),
    listTenants: async (action) => {
      const tenants: TenantInfo[] = [];
      for await (const t of clients.subscriptions().tenants.list(action?.signal ? { abortSignal: action.signal } : {})) {
        if (t.tenantId) tenants.push({ tenantId: t.tenantId, displayName: t.displayName ?? t.tenantId, ...(t.defaultDomain ? { defaultDomain: t.defaultDomain } : {}) });
      }
      return tenants;
    },
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
export type { ArmRetryOptions } from './retryPolicy';
export type { WriteOptions } from './writes';
export { ArmLoadError } from './errors';
