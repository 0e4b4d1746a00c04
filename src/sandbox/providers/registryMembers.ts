// A registry's required members and its connections, as the registry provider and the cross-provider
// side effects both need them (a module of its own, so neither imports the other for them).
import type { ArmContext } from '../arm/router';
import { listUnder, type RegistryConnectionRecord, type RegistryRecord } from '../state';

export const dataMember = (registry: RegistryRecord, region: string): { requiredMemberName: string; fqdn: string } => ({
  requiredMemberName: `registry_data_${region.toLowerCase()}`,
  fqdn: `${registry.name.toLowerCase()}.${region.toLowerCase()}.data.azurecr.io`,
});

export function registryConnections(ctx: Pick<ArmContext, 'state'>, registry: RegistryRecord): RegistryConnectionRecord[] {
  return listUnder(ctx.state.registryConnections, `${registry.id}/privateEndpointConnections`);
}
