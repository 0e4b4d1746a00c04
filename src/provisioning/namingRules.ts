// Azure's naming rules for the resources the forms create, as the portal enforces them, so a name
// is refused while it is typed rather than by ARM after a long-running operation has started.
import * as l10n from '@vscode/l10n';

/** Private endpoints, connections, links, zone groups: start alphanumeric, end alphanumeric or `_`. */
function networkName(min: number, max: number): RegExp {
  return new RegExp(`^(?=.{${min},${max}}$)[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$`);
}

const privateEndpointName = networkName(2, 64);
const connectionName = networkName(1, 80);
const virtualNetworkLinkName = networkName(1, 80);

/** Undefined when valid; otherwise the sentence the form shows under the field. */
export function privateEndpointNameProblem(name: string): string | undefined {
  if (name === '') return l10n.t('Enter a name for the private endpoint.');
  if (name.length < 2 || name.length > 64) return l10n.t('The name must be 2 to 64 characters long.');
  if (!privateEndpointName.test(name)) {
    return l10n.t('Use letters, digits, underscores, periods and hyphens; start with a letter or digit and end with a letter, digit or underscore.');
  }
  return undefined;
}

export function connectionNameProblem(name: string): string | undefined {
  if (name === '') return l10n.t('Enter a name for the connection.');
  if (!connectionName.test(name)) {
    return l10n.t('Use 1 to 80 letters, digits, underscores, periods and hyphens; start with a letter or digit and end with a letter, digit or underscore.');
  }
  return undefined;
}

export function virtualNetworkLinkNameProblem(name: string): string | undefined {
  if (name === '') return l10n.t('Enter a name for the virtual network link.');
  if (!virtualNetworkLinkName.test(name)) {
    return l10n.t('Use 1 to 80 letters, digits, underscores, periods and hyphens; start with a letter or digit and end with a letter, digit or underscore.');
  }
  return undefined;
}

/** Container registries: 5–50 letters and digits, unique across Azure (checked live with checkNameAvailability). */
export function registryNameProblem(name: string): string | undefined {
  if (name === '') return l10n.t('Enter a name for the registry.');
  if (!/^[A-Za-z0-9]*$/.test(name)) return l10n.t('A registry name may contain only letters and digits (no hyphens, underscores or periods).');
  if (name.length < 5 || name.length > 50) return l10n.t('A registry name is 5 to 50 characters long; this one has {0}.', name.length);
  return undefined;
}

/** Resource groups: 1–90 letters (any script), digits, `_ ( ) . -`, not ending in a period. */
export function resourceGroupNameProblem(name: string): string | undefined {
  if (name === '') return l10n.t('Enter or choose a resource group.');
  if (name.length > 90) return l10n.t('A resource group name is at most 90 characters long.');
  if (!/^[\p{L}\p{N}_().-]+$/u.test(name)) return l10n.t('Use letters, digits, underscores, parentheses, hyphens and periods.');
  if (name.endsWith('.')) return l10n.t('A resource group name cannot end with a period.');
  return undefined;
}

/** The `requestMessage` of a manual connection: ARM refuses more than 140 characters. */
export const maxRequestMessageLength = 140;

export function requestMessageProblem(message: string): string | undefined {
  if (message.length > maxRequestMessageLength) return l10n.t('The request message is {0} characters long; Azure accepts at most {1}.', message.length, maxRequestMessageLength);
  return undefined;
}

/** The only zone name that takes over ACR's public CNAME target (see the seed document). */
export const registryZoneName = 'privatelink.azurecr.io';

export function zoneNameProblem(name: string, expected = registryZoneName): string | undefined {
  return name.trim().replace(/\.$/, '').toLowerCase() === expected ? undefined : l10n.t('The zone must be named exactly {0}; any other name is never queried for the registry.', expected);
}

/** DNS TTL as Private DNS accepts it. */
export function ttlProblem(ttl: number): string | undefined {
  return Number.isInteger(ttl) && ttl >= 1 && ttl <= 2147483647 ? undefined : l10n.t('The TTL must be a whole number of seconds between 1 and 2147483647.');
}

export function ipv4Problem(ip: string): string | undefined {
  const parts = ip.split('.');
  const ok = parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && (p === '0' || !p.startsWith('0')));
  return ok ? undefined : l10n.t('{0} is not an IPv4 address.', ip === '' ? l10n.t('An empty value') : ip);
}
