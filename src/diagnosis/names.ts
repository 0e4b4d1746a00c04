// How ACR names its hosts and private DNS records. Everything is derived from the registry's
// `loginServer` (and, where a NIC says, its FQDNs), so sovereign clouds (`azurecr.cn`, `azurecr.us`)
// get their own zone name for free, and a registry with a domain-name-label scope its hashed label
// (`myregistry-<hash>`, in the login server, the data endpoints and the record set names alike).
import * as l10n from '@vscode/l10n';
import { splitLoginServer } from '../model/hostNames';
import type { Registry } from '../model/types';

export const registryMemberName = 'registry';
const dataMemberPrefix = 'registry_data_';

/** The DNS-facing parts of a registry: `myregistry` and `azurecr.io` for `myregistry.azurecr.io`. */
export interface RegistryHostNames {
  /** The first label of the login server, lower case: `myregistry`, or `myregistry-<hash>` with a domain-name-label scope. */
  label: string;
  /** `azurecr.io` in the public cloud. */
  suffix: string;
  /** `privatelink.azurecr.io`: the only zone name that overrides ACR's public resolution. */
  zoneName: string;
  loginServer: string;
}

export function registryHostNames(registry: Pick<Registry, 'name' | 'loginServer'>): RegistryHostNames {
  // Azure always reports the login server; the name is a stand-in only for an answer that lacks it.
  const { label, suffix } = splitLoginServer(registry.loginServer || registry.name);
  return { label, suffix, zoneName: `privatelink.${suffix}`, loginServer: `${label}.${suffix}` };
}

/** Lower case, no trailing dot: the form every comparison in the engine uses. */
export function normalizeFqdn(name: string): string {
  // Asked for every name of every check: no regular expression.
  const trimmed = name.trim();
  return (trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed).toLowerCase();
}

/** ARM location names have no spaces (`westeurope`); display names do (`West Europe`). */
export function normalizeRegion(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

export function dataMemberName(region: string): string {
  return `${dataMemberPrefix}${normalizeRegion(region)}`;
}

/** The region of a `registry_data_<region>` member, or undefined for the `registry` member. */
export function regionOfMember(requiredMemberName: string): string | undefined {
  const lower = requiredMemberName.toLowerCase();
  return lower.startsWith(dataMemberPrefix) ? lower.slice(dataMemberPrefix.length) : undefined;
}

/** Record set name relative to the zone: `myregistry` or `myregistry.eastus.data`. */
export function recordSetNameForMember(names: RegistryHostNames, requiredMemberName: string): string {
  const region = regionOfMember(requiredMemberName);
  return region === undefined ? names.label : `${names.label}.${region}.data`;
}

/**
 * The record set (relative to the registry's privatelink zone) for a name clients use, when that name
 * is one of the suffix's: `myregistry-<hash>.eastus.data` for `myregistry-<hash>.eastus.data.azurecr.io`.
 */
export function recordSetNameForFqdn(names: RegistryHostNames, fqdn: string): string | undefined {
  const n = normalizeFqdn(fqdn);
  if (!n.endsWith(`.${names.suffix}`) || isInZone(n, names.zoneName)) return undefined;
  return n.slice(0, n.length - names.suffix.length - 1);
}

/**
 * The record set of a required member: named after the FQDN the endpoint's NIC gives it (Azure's own
 * word for the name, which the zone group writes), or after the login server when the NIC has none.
 */
export function memberRecordSetName(names: RegistryHostNames, requiredMemberName: string, nicFqdns: readonly string[] = []): string {
  for (const fqdn of nicFqdns) {
    const name = recordSetNameForFqdn(names, fqdn);
    if (name !== undefined) return name;
  }
  return recordSetNameForMember(names, requiredMemberName);
}

/** The name clients use: `myregistry.azurecr.io` or `myregistry.eastus.data.azurecr.io`. */
export function publicFqdnForRecordSet(names: RegistryHostNames, recordSetName: string): string {
  return `${recordSetName.toLowerCase()}.${names.suffix}`;
}

/** The name the public CNAME points at: `myregistry.privatelink.azurecr.io`. */
export function privatelinkFqdnForRecordSet(names: RegistryHostNames, recordSetName: string): string {
  return `${recordSetName.toLowerCase()}.${names.zoneName}`;
}

/** Whether a record set name in a zone belongs to this registry (`myregistry` or `myregistry.<region>.data`). */
export function isRegistryRecordSetName(names: RegistryHostNames, recordSetName: string): boolean {
  const lower = recordSetName.toLowerCase();
  if (lower === names.label) return true;
  const prefix = `${names.label}.`;
  return lower.startsWith(prefix) && /^[a-z0-9]+\.data$/.test(lower.slice(prefix.length));
}

/** The member a registry record set serves, read back from its name. */
export function memberForRecordSetName(names: RegistryHostNames, recordSetName: string): string {
  const lower = recordSetName.toLowerCase();
  if (lower === names.label) return registryMemberName;
  return dataMemberName(lower.slice(names.label.length + 1, -'.data'.length));
}

/** True when `name` is `zone` itself or inside it. */
export function isInZone(name: string, zone: string): boolean {
  const n = normalizeFqdn(name);
  const z = normalizeFqdn(zone);
  // `n` ends with `.` + `z` (asked for every zone of every name a check resolves: no string built).
  return n === z || (n.length > z.length && n.endsWith(z) && n.charCodeAt(n.length - z.length - 1) === 46);
}

/** The record set name of `name` relative to `zone` (`@` for the apex). */
export function relativeName(name: string, zone: string): string {
  const n = normalizeFqdn(name);
  const z = normalizeFqdn(zone);
  return n === z ? '@' : n.slice(0, n.length - z.length - 1);
}

/**
 * Why a zone name is wrong for ACR, or undefined when it is right or unrelated. Only a zone named
 * exactly `privatelink.azurecr.io` takes over the public CNAME target; the others either change
 * nothing (regional zones) or hijack every registry's name (`azurecr.io`).
 */
export function wrongZoneNameReason(zoneName: string, names: RegistryHostNames): string | undefined {
  const zone = normalizeFqdn(zoneName);
  if (zone === names.zoneName) return undefined;
  if (zone === names.suffix) {
    return l10n.t('a zone named {0} answers for every registry, and the public CNAME to {1} is never followed', names.suffix, names.zoneName);
  }
  if (zone === names.loginServer) {
    return l10n.t('a zone named after the registry hides the CNAME to {0}', names.zoneName);
  }
  if (zone.startsWith('privatelink.') && zone.endsWith(`.${names.suffix}`)) {
    return l10n.t('regional zone names are never queried; ACR\'s public CNAME points at {0}', names.zoneName);
  }
  if (zone.endsWith(`.${names.zoneName}`)) {
    return l10n.t('records must be in {0} itself, not in a sub-zone', names.zoneName);
  }
  return undefined;
}
