// The Azure access layer is a separate bundle (dist/azure.js) required on first use, so that
// activation never parses the Azure SDKs. This file names the part of it the extension uses.
import type { TokenCredential } from '@azure/core-auth';
import type { FixPlan, WriteOutcome } from '../model/fixPlan';
import type {
  ARecordSet,
  NetworkInterface,
  PrivateDnsZone,
  PrivateDnsZoneGroup,
  PrivateEndpoint,
  PrivateEndpointConnection,
  Registry,
  RegistryUsage,
  Replication,
  LoadError,
  Subscription,
  VirtualNetwork,
  VirtualNetworkLink,
} from '../model/types';

export interface ArmTarget {
  endpoint: string;
  credentialScopes: string[];
  caCertPem?: string;
}

export interface RegistryDetails {
  replications: Replication[];
  privateEndpointConnections: PrivateEndpointConnection[];
  privateEndpoints: PrivateEndpoint[];
  networkInterfaces: NetworkInterface[];
  privateDnsZones: PrivateDnsZone[];
  virtualNetworkLinks: VirtualNetworkLink[];
  aRecordSets: ARecordSet[];
  privateDnsZoneGroups: PrivateDnsZoneGroup[];
  usages: RegistryUsage[];
  virtualNetworks: VirtualNetwork[];
  errors: LoadError[];
}

export interface InventoryLoaderApi {
  listSubscriptions(options?: { signal?: AbortSignal }): Promise<Subscription[]>;
  listRegistries(subscriptionId: string, options?: { signal?: AbortSignal }): Promise<Registry[]>;
  loadRegistryDetails(registry: Registry, options?: { signal?: AbortSignal }): Promise<RegistryDetails>;
  invalidate(resourceIdPrefix?: string): void;
}

export interface AzureServicesApi {
  loader: InventoryLoaderApi;
  applyFixPlan(plan: FixPlan, options?: { signal?: AbortSignal }): Promise<WriteOutcome[]>;
  approveConnection(connectionId: string, description: string): Promise<void>;
  rejectConnection(connectionId: string, description: string): Promise<void>;
  requestCount(): number;
}

export interface AzureModule {
  createAzureServices(options: {
    target: ArmTarget;
    credential: TokenCredential;
    concurrency?: number;
    cacheTtlMs?: number;
    pollIntervalMs?: number;
  }): AzureServicesApi;
  createSandboxCredential(): TokenCredential;
  createAzureCliCredential(tenantId?: string): TokenCredential;
}

let loaded: AzureModule | undefined;

export function loadAzureModule(): AzureModule {
  // Resolved next to dist/extension.js at run time; esbuild leaves it external.
  loaded ??= require('./azure.js') as AzureModule;
  return loaded;
}

export function isAzureModuleLoaded(): boolean {
  return loaded !== undefined;
}
