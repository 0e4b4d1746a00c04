// What a client-side proxy or firewall must allow for a registry: the REST endpoint and the data
// endpoint of every region the registry serves from (pulls fetch layers from the nearest one).
import type { Registry, Replication } from '../model/types';
import { normalizeFqdn, normalizeRegion, publicFqdnForRecordSet, registryHostNames } from './names';

export interface AllowList {
  restEndpoint: string;
  dataEndpoints: string[];
  /** Both, REST first: what a copy button puts on the clipboard. */
  hostNames: string[];
}

export function allowList(registry: Registry, replications: readonly Replication[]): AllowList {
  const names = registryHostNames(registry);
  const data = new Set<string>();
  const regions = [registry.location, ...replications.filter((r) => r.registryId.toLowerCase() === registry.id.toLowerCase()).map((r) => r.location)];
  for (const region of regions) data.add(publicFqdnForRecordSet(names, `${names.label}.${normalizeRegion(region)}.data`));
  // Azure's own list wins when it has one; it can include regions whose replication we could not read.
  for (const host of registry.dataEndpointHostNames) data.add(normalizeFqdn(host));
  const dataEndpoints = [...data];
  return { restEndpoint: names.loginServer, dataEndpoints, hostNames: [names.loginServer, ...dataEndpoints] };
}
