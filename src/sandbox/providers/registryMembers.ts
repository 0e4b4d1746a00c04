// A registry's host names, required members and connections, as the registry provider, the
// cross-provider side effects and the DNS server all need them (a module of its own, so none of them
// imports another for them).
import { createHash, randomBytes } from 'node:crypto';
import type { ArmContext } from '../arm/router';
import { nameOf, parseId } from '../ids';
import { listUnder, type DomainNameLabelScope, type RegistryConnectionRecord, type RegistryRecord } from '../state';

/**
 * The first label of every host name of the registry: `myregistry`, or with a domain-name-label
 * scope `myregistry-<hash>` (Microsoft Learn: "the DNS name follows the format
 * registryname-hash.azurecr.io, where the dash serves as the hash delineator").
 */
export function registryHostLabel(registry: RegistryRecord): string {
  const name = registry.name.toLowerCase();
  return registry.domainNameLabelHash ? `${name}-${registry.domainNameLabelHash}` : name;
}

export const loginServerOf = (registry: RegistryRecord): string => `${registryHostLabel(registry)}.azurecr.io`;

/**
 * The hash a domain-name-label scope gives a new registry: the same for the same name within the
 * scope (tenant, subscription or resource group), a fresh one every time with NoReuse; none with
 * Unsecure. 16 lower-case letters and digits, like Azure's (`contosoacrregistry-e7ggejfuhzhgedc8`).
 */
export function domainNameLabelHash(scope: DomainNameLabelScope, tenantId: string, registryId: string): string | undefined {
  if (scope === 'Unsecure') return undefined;
  const id = parseId(registryId);
  const parts =
    scope === 'NoReuse'
      ? [randomBytes(16).toString('hex')]
      : [tenantId, ...(scope !== 'TenantReuse' ? [id?.subscriptionId ?? ''] : []), ...(scope === 'ResourceGroupReuse' ? [id?.resourceGroupName ?? ''] : []), nameOf(registryId)];
  const digest = createHash('sha256').update(`${scope}|${parts.join('|').toLowerCase()}`).digest();
  let out = '';
  for (let i = 0; out.length < 16; i++) out += ((digest[i] ?? 0) % 36).toString(36);
  return out;
}

export const dataMember = (registry: RegistryRecord, region: string): { requiredMemberName: string; fqdn: string } => ({
  requiredMemberName: `registry_data_${region.toLowerCase()}`,
  fqdn: `${registryHostLabel(registry)}.${region.toLowerCase()}.data.azurecr.io`,
});

export function registryConnections(ctx: Pick<ArmContext, 'state'>, registry: RegistryRecord): RegistryConnectionRecord[] {
  return listUnder(ctx.state.registryConnections, `${registry.id}/privateEndpointConnections`);
}
