// Parsing and building ARM resource ids. Azure compares ids case-insensitively.
import * as l10n from '@vscode/l10n';

export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup?: string;
  provider?: string;
  /** Type segments and names after the provider, e.g. [['privateDnsZones','privatelink.azurecr.io'],['A','myregistry']]. */
  types: [string, string][];
}

export function parseResourceId(id: string): ParsedResourceId {
  const parts = id.split('/').filter((p) => p.length > 0);
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'subscriptions') {
    throw new Error(l10n.t('Not an Azure resource id: {0}', id));
  }
  const result: ParsedResourceId = { subscriptionId: parts[1]!, types: [] };
  let i = 2;
  if (parts[i]?.toLowerCase() === 'resourcegroups' && parts[i + 1] !== undefined) {
    result.resourceGroup = parts[i + 1]!;
    i += 2;
  }
  if (parts[i]?.toLowerCase() === 'providers' && parts[i + 1] !== undefined) {
    result.provider = parts[i + 1]!;
    i += 2;
  }
  for (; i + 1 < parts.length; i += 2) {
    result.types.push([parts[i]!, parts[i + 1]!]);
  }
  return result;
}

/** The resource's own name: the last segment of the id. */
export function resourceName(id: string): string {
  // Called for every row of a large inventory: no split into segments.
  let end = id.length;
  while (end > 0 && id.charCodeAt(end - 1) === SLASH) end--;
  return id.slice(id.lastIndexOf('/', end - 1) + 1, end);
}

const SLASH = 47;
const PROVIDERS = /\/providers\//i;

function slashesIn(id: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (id.charCodeAt(i) === SLASH) n++;
  return n;
}
/** `/subscriptions/{id}` at the start of an id, however many slashes separate the segments. */
const SUBSCRIPTION_PREFIX = /^\/*subscriptions\/+([^/]+)/i;

const RESOURCE_GROUP = /^\/*subscriptions\/+[^/]+\/+resourcegroups\/+([^/]+)/i;

/** The id's resource group, '' when it is above one. Without splitting the id (mappers ask it of every row). */
export function resourceGroupOf(id: string): string {
  return RESOURCE_GROUP.exec(id)?.[1] ?? '';
}

const PLAIN_PREFIX = '/subscriptions/';

export function subscriptionOf(id: string): string {
  // The usual shape, without a regular expression's match array (the loader asks this for every id it looks up).
  if (id.length > PLAIN_PREFIX.length && id.startsWith(PLAIN_PREFIX) && id.charCodeAt(PLAIN_PREFIX.length) !== SLASH) {
    const end = id.indexOf('/', PLAIN_PREFIX.length);
    return end < 0 ? id.slice(PLAIN_PREFIX.length) : id.slice(PLAIN_PREFIX.length, end);
  }
  const match = SUBSCRIPTION_PREFIX.exec(id);
  if (!match) throw new Error(`Not an Azure resource id: ${id}`);
  return match[1]!;
}

/** The id of the resource that contains this one (one type/name pair up), or undefined at the top. */
export function parentId(id: string): string | undefined {
  // The usual shape (one slash between segments, none at the end), without splitting the id.
  if (id.charCodeAt(0) === SLASH && id.charCodeAt(id.length - 1) !== SLASH && !id.includes('//')) {
    const last = id.lastIndexOf('/');
    const cut = id.lastIndexOf('/', last - 1);
    const providers = id.search(PROVIDERS);
    // The parent is a resource: it keeps `providers/{namespace}/{type}/{name}` whole.
    if (providers < 0 || cut <= 0 || slashesIn(id, providers + 1, cut) < 3) return undefined;
    return id.slice(0, cut);
  }
  const parts = id.split('/').filter((p) => p.length > 0);
  const providerIndex = parts.findIndex((p) => p.toLowerCase() === 'providers');
  if (providerIndex < 0 || parts.length - 2 <= providerIndex + 3) return undefined;
  return '/' + parts.slice(0, parts.length - 2).join('/');
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  // Ids of different lengths never match (lower-casing does not change an id's length): no copies made.
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  if (a === b) return true;
  // ASCII compared letter by letter, case folded, copying nothing; anything else as lower-cased copies.
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    const lx = x >= 65 && x <= 90 ? x + 32 : x;
    const ly = y >= 65 && y <= 90 ? y + 32 : y;
    if (lx !== ly) return false;
  }
  return true;
}

export function buildId(
  subscriptionId: string,
  resourceGroup: string,
  provider: string,
  ...typeNamePairs: string[]
): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${provider}/${typeNamePairs.join('/')}`;
}
