// Everything the finding rules need about one registry, computed once per check.
import type { Registry, ResourceId, Snapshot } from '../model/types';
import { configuredDns, type ConfiguredDns } from './configured';
import { registryEndpoints, type RegistryEndpoint } from './endpoints';
import { expectedRecords, type ExpectedRecord } from './expected';
import { registryHostNames, type RegistryHostNames } from './names';
import { indexSnapshot } from './snapshotIndex';

export interface RegistryContext {
  snapshot: Snapshot;
  registry: Registry;
  names: RegistryHostNames;
  endpoints: RegistryEndpoint[];
  expected: ExpectedRecord[];
  configured: ConfiguredDns;
}

export function registryContext(snapshot: Snapshot, registryId: ResourceId): RegistryContext | undefined {
  const registry = indexSnapshot(snapshot).registry(registryId);
  if (!registry) return undefined;
  return {
    snapshot,
    registry,
    names: registryHostNames(registry),
    endpoints: registryEndpoints(snapshot, registry),
    expected: expectedRecords(snapshot, registry.id),
    configured: configuredDns(snapshot, registry.id),
  };
}
