// Finds registries among those the tree has listed, for the palette's quick pick and for commands
// called with a registry's id or name. What is found is the registry store's entry, never a node.
import type { Services } from '../services';
import { sameId } from '../model/armId';
import type { RegistryEntry } from '../state/registryStore';
import { listedRegistries } from '../commands/pickRegistry';

/** By resource id, or by name when it is unique (a registry name is unique in Azure per cloud). */
export async function findRegistry(services: Services, idOrName: string): Promise<RegistryEntry | undefined> {
  const held = services.store.get(idOrName);
  if (held) return held;
  const listed = await listedRegistries(services);
  return listed.find((e) => sameId(e.registryId, idOrName)) ?? listed.find((e) => e.registry.name.toLowerCase() === idOrName.toLowerCase());
}
