// One full check of a registry for the status panel: the snapshot from the loaded details, live
// answers for every name a client needs, and the engine's report over both. No `vscode` import.
import type { Registry, Subscription } from '../model/types';
import type { RegistryDetails } from '../session/azureModule';
import { registrySnapshot } from '../azure/registrySnapshot';
import { allowList, buildCheckReport, createLiveResolver, fqdnTable, resolveAllLive, type CheckReport, type LiveResolver } from '../diagnosis';
import type { Snapshot } from '../model/types';

export interface CompletedCheck {
  snapshot: Snapshot;
  report: CheckReport;
  /** `system` or the servers asked, as the live answers name them. */
  liveServer: string;
}

export async function checkRegistry(
  subscription: Subscription,
  registry: Registry,
  details: RegistryDetails,
  dnsServers: string[],
  resolver: LiveResolver = createLiveResolver({ servers: dnsServers }),
): Promise<CompletedCheck> {
  const snapshot = registrySnapshot(subscription, registry, details);
  // Every name a VNet needs, and every name a client outside it uses (REST and data endpoints).
  const names = new Set([
    ...fqdnTable(snapshot, registry.id).map((row) => row.fqdn),
    ...allowList(registry, details.replications).hostNames,
  ]);
  const live = await resolveAllLive(resolver, [...names]);
  return { snapshot, report: buildCheckReport(snapshot, registry.id, live), liveServer: resolver.server };
}
