// The tree's cold load with every node expanded, through the same parts the extension uses: the
// subscriptions, each subscription's first page of registries (fetched as its node expands and handed
// to the registry store as listed), and each registry read through the store, which loads its details
// (lean, as the tree needs them) and diagnoses it once for its node and its badge. Everything a level
// makes possible starts at once, as the expanded tree asks for it.
import type { InventoryLoader, RegistryDetails } from '../../src/azure';
import type { Registry, Subscription } from '../../src/model/types';
import { diagnoseRegistry } from '../../src/state/diagnoseRegistry';
import type { RegistryDiagnosis } from '../../src/state/registryDiagnosis';
import { RegistryStore } from '../../src/state/registryStore';

/** What the tree shows a subscription before "Load more…" (the pageSize setting's default). */
export const TREE_PAGE_SIZE = 50;

export interface LoadedRegistry {
  subscription: Subscription;
  registry: Registry;
  details: RegistryDetails;
  diagnosis: RegistryDiagnosis;
}

export interface LoadedTree {
  registries: LoadedRegistry[];
  privateEndpoints: number;
  aRecordSets: number;
  errors: number;
  /** Times the diagnosis engine ran: once per registry, however many nodes show it. */
  diagnoses: number;
  /** The store that holds the loaded tree (what the extension host keeps). */
  store: RegistryStore;
}

export async function loadTree(loader: InventoryLoader): Promise<LoadedTree> {
  let diagnoses = 0;
  const store = new RegistryStore({
    reads: () => loader,
    loadedReads: () => loader,
    diagnose: (subscription, registry, details) => {
      diagnoses++;
      return diagnoseRegistry(subscription, registry, details);
    },
  });
  const subscriptions = await loader.listSubscriptions();
  const perSubscription = await Promise.all(
    subscriptions.map(async (subscription) => {
      const page = await loader.listRegistriesPage(subscription.subscriptionId, { maxItems: TREE_PAGE_SIZE });
      store.listed(subscription, page.items);
      // Its health badge (read as soon as Resource Graph lists it) and its node's children read the one entry.
      return Promise.all(
        page.items.map(async (listed) => {
          const entry = await store.read(listed.id);
          await store.read(listed.id);
          return { subscription, registry: entry.registry, details: entry.details!, diagnosis: entry.diagnosis! };
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
    diagnoses,
    store,
  };
}

/** Client CPU (ms, every thread of this process) of each part of a load, run one part after another. */
export interface LoadSplit {
  /** The subscriptions and each one's first page of registries: the Resource Graph queries, their rows parsed and mapped. */
  inventory: number;
  /** Every listed registry's details (lean, as the tree reads them), from the index. */
  details: number;
  /** One diagnosis per registry. */
  diagnoses: number;
  registries: number;
}

/**
 * Where a load's CPU goes. In `loadTree` the parts overlap (a registry's diagnosis runs while others'
 * details are read), so here each part runs alone, after the one before has ended.
 */
export async function splitLoad(loader: InventoryLoader): Promise<LoadSplit> {
  const cpu = (): number => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const t0 = cpu();
  const subscriptions = await loader.listSubscriptions();
  const pages = await Promise.all(subscriptions.map(async (subscription) => ({ subscription, page: await loader.listRegistriesPage(subscription.subscriptionId, { maxItems: TREE_PAGE_SIZE }) })));
  const t1 = cpu();
  const listed = pages.flatMap(({ subscription, page }) => page.items.map((registry) => ({ subscription, registry })));
  const details = await Promise.all(listed.map((r) => loader.loadRegistryDetails(r.registry, { lean: true })));
  const t2 = cpu();
  listed.forEach((r, i) => diagnoseRegistry(r.subscription, r.registry, details[i]!));
  const t3 = cpu();
  return { inventory: t1 - t0, details: t2 - t1, diagnoses: t3 - t2, registries: listed.length };
}
