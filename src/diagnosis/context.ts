// Everything the finding rules need about one registry, computed once per check.
import type { Registry, ResourceId, Snapshot } from '../model/types';
import { configuredDns, type ConfiguredDns } from './configured';
import { registryEndpoints, type RegistryEndpoint } from './endpoints';
import { expectedRecords, type ExpectedRecord } from './expected';
import { idleEndpointsByName, type IdleEndpoints } from './idleEndpoints';
import { registryHostNames, type RegistryHostNames } from './names';
import { snapshotCache } from './snapshotCache';
import { indexSnapshot } from './snapshotIndex';

export interface RegistryContext {
  snapshot: Snapshot;
  registry: Registry;
  names: RegistryHostNames;
  endpoints: RegistryEndpoint[];
  expected: ExpectedRecord[];
  configured: ConfiguredDns;
  /** The IPs of endpoints whose connection is not Approved, per name (`idleEndpointIps`). */
  idle: IdleEndpoints;
}

// A check asks for the context more than once (the findings, then the per-FQDN table): it is worked out
// once per snapshot and registry, as the snapshot's index is (snapshots are not changed once read).
const contexts = snapshotCache<Map<string, RegistryContext>>();

export function registryContext(snapshot: Snapshot, registryId: ResourceId): RegistryContext | undefined {
  let known = contexts.get(snapshot);
  const cached = known?.get(registryId.toLowerCase());
  if (cached) return cached;
  const registry = indexSnapshot(snapshot).registry(registryId);
  if (!registry) return undefined;
  const endpoints = registryEndpoints(snapshot, registry);
  const ctx: RegistryContext = {
    snapshot,
    registry,
    names: registryHostNames(registry),
    endpoints,
    expected: expectedRecords(snapshot, registry.id),
    configured: configuredDns(snapshot, registry.id),
    idle: idleEndpointsByName(endpoints),
  };
  if (!known) contexts.set(snapshot, (known = new Map()));
  known.set(registryId.toLowerCase(), ctx);
  return ctx;
}
