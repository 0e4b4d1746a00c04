// The steps a valid create-registry form produces: what the create-endpoint plan would do first
// (resource group, provider registration), then the registry and its geo-replicas — before the
// endpoint, so its network interface gets an address for every region at once and no connection has
// to be approved again — then the endpoint's own steps (subnet policies, zone, link, endpoint, zone
// group), planned by the create-endpoint planner.
import { endpointFormOf, endpointInventoryOf, registryIdOf, type CreateRegistryForm, type CreateRegistryInventory, type RegistryNameCheck } from './createRegistryForm';
import { planCreateEndpoint } from './planCreateEndpoint';
import type { ProvisioningPlan, ProvisioningStep } from './steps';
import { validateCreateRegistry } from './validateCreateRegistry';

const first = new Set<ProvisioningStep['kind']>(['createResourceGroup', 'registerProvider']);

/** Throws when the form is not valid: the extension never plans what the webview merely claims is valid. */
export function planCreateRegistry(form: CreateRegistryForm, inventory: CreateRegistryInventory, nameCheck: RegistryNameCheck | undefined): ProvisioningPlan {
  const validation = validateCreateRegistry(form, inventory, nameCheck);
  if (!validation.valid) {
    throw new Error(`The form is not valid: ${Object.entries(validation.errors).map(([field, problem]) => `${field}: ${problem}`).join(' ')}`);
  }
  const endpoint = planCreateEndpoint(endpointFormOf(form, inventory), endpointInventoryOf(form, inventory));
  const registryId = registryIdOf(form);
  const registry: ProvisioningStep[] = [
    { kind: 'createRegistry', registryId, location: form.location, sku: 'Premium', publicNetworkAccess: form.publicNetworkAccess },
    ...form.replicaLocations.map((location): ProvisioningStep => ({ kind: 'createReplication', registryId, replicationName: location.toLowerCase(), location })),
  ];
  return {
    title: `Create container registry ${form.registryName} with private endpoint ${form.endpointName}`,
    steps: [...endpoint.steps.filter((s) => first.has(s.kind)), ...registry, ...endpoint.steps.filter((s) => !first.has(s.kind))],
  };
}
