// The tree's cold load with every node expanded: the subscriptions, each subscription's first page of
// registries (fetched as its node expands), and each registry's details with the diagnosis its node
// shows. Everything a level makes possible starts at once, as the expanded tree asks for it.
import type { InventoryLoader, RegistryDetails } from '../../src/azure';
import type { Registry, Subscription } from '../../src/model/types';
import { diagnoseRegistry } from '../../src/state/diagnoseRegistry';

/** What the tree shows a subscription before "Load more…" (the pageSize setting's default). */
export const TREE_PAGE_SIZE = 50;

export interface LoadedRegistry {
  subscription: Subscription;
  registry: Registry;
  details: RegistryDetails;
}

export interface LoadedTree {
  registries: LoadedRegistry[];
  privateEndpoints: number;
  aRecordSets: number;
  errors: number;
}

export async function loadTree(loader: InventoryLoader): Promise<LoadedTree> {
  const subscriptions = await loader.listSubscriptions();
  const perSubscription = await Promise.all(
    subscriptions.map(async (subscription) => {
      const page = await loader.listRegistriesPage(subscription.subscriptionId, { maxItems: TREE_PAGE_SIZE });
      return Promise.all(
        page.items.map(async (registry) => {
          const details = await loader.loadRegistryDetails(registry, { lean: true });
          diagnoseRegistry(subscription, registry, details);
          return { subscription, registry, details };
        }),
      );
    }),
  );
  const registries = perSubscription.flat();
  return {
    registries,
    privateEndpoints: registries.reduce((n, r) => n + r.details.privateEndpoints.length, 0),
    aRecordSets: registries.reduce((n, r) => n + r.details.aRecordSets.length, 0),
    errors: registries.reduce((n, r) => n + r.details.errors.length, 0),
  };
}
