// The create-registry form's reads: the create-endpoint form's inventory of the subscription and, in
// the same round, the regions it may deploy to (Subscriptions_ListLocations, physical regions only);
// and Azure's live answer on a registry name (Registries_CheckNameAvailability).
import type { CreateRegistryInventory, RegionChoice, RegistryNameCheck } from '../../provisioning/createRegistryForm';
import type { ArmClients } from '../clients';
import { errorMessageOf, isAbortError } from '../errors';
import { readAll } from '../paging';
import { loadCreateEndpointInventory, type PickerOptions } from './inventory';

async function listRegions(clients: ArmClients, subscriptionId: string, signal?: AbortSignal): Promise<RegionChoice[]> {
  const locations = await readAll(clients.subscriptions().subscriptions.listLocations(subscriptionId, signal ? { abortSignal: signal } : {}));
  return locations
    .filter((l) => l.name && (l.metadata?.regionType ?? 'Physical') === 'Physical')
    .map((l) => ({ name: l.name ?? '', displayName: l.displayName ?? l.name ?? '' }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export async function loadCreateRegistryInventory(clients: ArmClients, subscriptionId: string, options: PickerOptions = {}): Promise<CreateRegistryInventory> {
  const [inventory, regions] = await Promise.all([loadCreateEndpointInventory(clients, subscriptionId, [], options), listRegions(clients, subscriptionId, options.signal)]);
  return { ...inventory, regions };
}

/** Never throws for Azure's refusal: a failed check says so in `error` (a cancelled one still throws). */
export async function checkRegistryName(clients: ArmClients, subscriptionId: string, name: string, signal?: AbortSignal): Promise<RegistryNameCheck> {
  try {
    const status = await clients
      .containerRegistry(subscriptionId)
      .registries.checkNameAvailability({ name, type: 'Microsoft.ContainerRegistry/registries' }, signal ? { abortSignal: signal } : {});
    return {
      name,
      nameAvailable: status.nameAvailable === true,
      ...(status.reason ? { reason: status.reason } : {}),
      ...(status.message ? { message: status.message } : {}),
    };
  } catch (e) {
    if (isAbortError(e)) throw e;
    return { name, error: errorMessageOf(e) };
  }
}
