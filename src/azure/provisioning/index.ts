// The forms' Azure writes and reads, as one object the extension reaches through dist/azure.js.
import type { ProvisioningApi } from '../../provisioning/api';
import type { ArmClients } from '../clients';
import { cleanUp } from './cleanUp';
import { deleteConnection, deletePrivateEndpoint, deleteVirtualNetworkLink, privateEndpointsInVirtualNetwork } from './deletions';
import { loadCreateEndpointInventory } from './inventory';
import { checkRegistryName, loadCreateRegistryInventory } from './registryInventory';
import { runPlan } from './runPlan';

export interface ProvisioningOptions {
  /** LRO polling interval; Azure suggests seconds, the sandbox completes at once. */
  pollIntervalMs?: number;
  /** Drops cached reads a write may have made stale (the inventory loader's cache). */
  invalidate?: (resourceId: string) => void;
  /** Whether the pickers may read a subscription through Resource Graph now (see the loader). */
  useResourceGraph?: (subscriptionId: string) => boolean;
  /** Waits between provider registration polls. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const DEFAULT_POLL_INTERVAL_MS = 2_000;

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(Object.assign(new Error('Cancelled.'), { name: 'AbortError' }));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(Object.assign(new Error('Cancelled.'), { name: 'AbortError' }));
    }, { once: true });
  });
}

export function createProvisioning(clients: ArmClients, options: ProvisioningOptions = {}): ProvisioningApi {
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const base = { clients, pollIntervalMs, ...(options.invalidate ? { invalidate: options.invalidate } : {}) };
  const withSignal = (signal?: AbortSignal) => ({ ...base, ...(signal ? { signal } : {}) });
  return {
    loadCreateEndpointInventory: (subscriptionId, registryIds, o) => loadCreateEndpointInventory(clients, subscriptionId, registryIds, {
        ...(o?.signal ? { signal: o.signal } : {}),
        ...(options.useResourceGraph ? { useResourceGraph: options.useResourceGraph } : {}),
      }),
    loadCreateRegistryInventory: (subscriptionId, o) => loadCreateRegistryInventory(clients, subscriptionId, {
        ...(o?.signal ? { signal: o.signal } : {}),
        ...(options.useResourceGraph ? { useResourceGraph: options.useResourceGraph } : {}),
      }),
    checkRegistryName: (subscriptionId, name, o) => checkRegistryName(clients, subscriptionId, name, o?.signal),
    run: (plan, o) => runPlan({ ...base, wait: options.wait ?? delay }, plan, o),
    cleanUp: (created, o) => cleanUp(withSignal(o?.signal), created),
    deletePrivateEndpoint: (id, o) => deletePrivateEndpoint(withSignal(o?.signal), id),
    deleteConnection: (id, o) => deleteConnection(withSignal(o?.signal), id),
    privateEndpointsInVirtualNetwork: (id, o) => privateEndpointsInVirtualNetwork(withSignal(o?.signal), id),
    deleteVirtualNetworkLink: (id, etag, o) => deleteVirtualNetworkLink(withSignal(o?.signal), id, etag),
  };
}

export { freeAddressCount } from './inventory';
