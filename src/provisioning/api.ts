// What the extension asks of the Azure layer for the forms. Plain data in and out, so the extension
// reaches it through the lazily loaded bundle without importing any SDK type.
import type { ResourceId } from '../model/types';
import type { CreateEndpointInventory } from './createEndpointForm';
import type { CreateRegistryInventory, RegistryNameCheck } from './createRegistryForm';
import type { CreatedResource, ProvisioningPlan, RunResult, StepOutcome } from './steps';

export interface RunOptions {
  signal?: AbortSignal;
  /**
   * Called as each step starts and ends, for the progress view and the run journal. A step is sent to
   * Azure only once what `onProgress` returned for its start has settled: a journal that says a step
   * is under way is written before the step's write can reach Azure.
   */
  onProgress?: (outcome: StepOutcome) => unknown;
}

export interface CleanUpOutcome {
  resource: CreatedResource;
  status: 'removed' | 'restored' | 'kept' | 'failed';
  message?: string;
}

export interface ProvisioningApi {
  /** The create-endpoint form's pickers for one subscription, read in one round of parallel requests. */
  loadCreateEndpointInventory(subscriptionId: string, registryIds: ResourceId[], options?: { signal?: AbortSignal }): Promise<CreateEndpointInventory>;
  /** The create-registry form's pickers: the create-endpoint inventory and the subscription's regions. */
  loadCreateRegistryInventory(subscriptionId: string, options?: { signal?: AbortSignal }): Promise<CreateRegistryInventory>;
  /** Azure's answer on a registry name (`checkNameAvailability`); a check that failed says why in `error`. */
  checkRegistryName(subscriptionId: string, name: string, options?: { signal?: AbortSignal }): Promise<RegistryNameCheck>;
  /** Runs the steps in order; stops at the first failure; honours cancellation between steps. */
  run(plan: ProvisioningPlan, options?: RunOptions): Promise<RunResult>;
  /** Removes (or restores) what a run created, newest first. */
  cleanUp(created: CreatedResource[], options?: { signal?: AbortSignal }): Promise<CleanUpOutcome[]>;
  /** Deletes a private endpoint (long-running); its NIC and zone group records go with it. */
  deletePrivateEndpoint(privateEndpointId: ResourceId, options?: { signal?: AbortSignal }): Promise<void>;
  /** Deletes the registry's side of a private endpoint connection. */
  deleteConnection(connectionId: ResourceId, options?: { signal?: AbortSignal }): Promise<void>;
  /** Ids of every private endpoint (of any service) with a subnet in this VNet: a link they may need stays. */
  privateEndpointsInVirtualNetwork(virtualNetworkId: ResourceId, options?: { signal?: AbortSignal }): Promise<ResourceId[]>;
  /** Deletes a virtual network link at the version read (`If-Match`). */
  deleteVirtualNetworkLink(linkId: ResourceId, etag: string | undefined, options?: { signal?: AbortSignal }): Promise<void>;
}
