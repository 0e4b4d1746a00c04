// How ACR names a registry's hosts, read from what Azure reports: the login server
// (`myregistry.azurecr.io`; `myregistry-<hash>.azurecr.io` for a registry created with a
// domain-name-label scope other than Unsecure) and `dataEndpointHostNames`. Nothing here builds a host
// from the registry's resource name, which a hashed login server does not start with.
import type { Registry } from './types';

/** `myregistry-e7ggejfuhzhgedc8` and `azurecr.io` for `myregistry-e7ggejfuhzhgedc8.azurecr.io`. */
export function splitLoginServer(loginServer: string): { label: string; suffix: string } {
  const server = loginServer.trim().replace(/\.$/, '').toLowerCase();
  const dot = server.indexOf('.');
  return dot > 0 ? { label: server.slice(0, dot), suffix: server.slice(dot + 1) } : { label: server, suffix: 'azurecr.io' };
}

/** Whether the login server carries a domain-name-label hash (`<name>-<hash>`), so differs from the name. */
export function hasHashedLoginServer(registry: Pick<Registry, 'name' | 'loginServer'>): boolean {
  return registry.loginServer !== '' && splitLoginServer(registry.loginServer).label !== registry.name.toLowerCase();
}

/**
 * A region's data endpoint, `<label>.<region>.data.<suffix>`: as Azure lists it in
 * `dataEndpointHostNames` when it does, otherwise after the login server's first label.
 */
export function dataEndpointHostName(registry: Pick<Registry, 'loginServer' | 'dataEndpointHostNames'>, region: string): string {
  const { label, suffix } = splitLoginServer(registry.loginServer);
  const r = region.replace(/\s+/g, '').toLowerCase();
  const listed = registry.dataEndpointHostNames.map((h) => h.trim().replace(/\.$/, '').toLowerCase()).find((h) => h.split('.')[1] === r && h.endsWith(`.data.${suffix}`));
  return listed ?? `${label}.${r}.data.${suffix}`;
}
