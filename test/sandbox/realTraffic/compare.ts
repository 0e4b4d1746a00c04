// Compares a response of the sandbox with what Azure answered, by shape rather than by value: every
// key path and its JSON type; strings by kind (a resource id by its template — the provider and type
// segments with their casing, names left out —, a GUID, an etag by its format, a date, an IP address);
// and by value where the value is the contract: `type`, `provisioningState`, an operation's `status`
// and an error's `code`.

type Json = unknown;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a string value is, for comparing values that differ by nature (ids, GUIDs, dates, IPs). */
export function stringKind(key: string, v: string): string {
  if (key === 'etag') return etagFormat(v);
  if (v.toLowerCase().startsWith('/subscriptions/') || v.toLowerCase().startsWith('/providers/')) return `id ${idTemplate(v)}`;
  if (GUID.test(v)) return 'guid';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v)) return 'date';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return 'ipv4';
  if (/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(v)) return 'cidr';
  return 'text';
}

export function etagFormat(v: string): string {
  if (/^W\/".*"$/.test(v)) return 'etag W/"…"';
  if (/^".*"$/.test(v)) return 'etag "…"';
  return 'etag bare';
}

/** An ARM id with its names replaced by `{}`: `/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/privateDnsZones/{}/A/{}`. */
export function idTemplate(id: string): string {
  const parts = id.split('/');
  const out: string[] = [];
  let afterProviders = -1;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    const prev = (parts[i - 1] ?? '').toLowerCase();
    if (p === '') out.push(p);
    else if (prev === 'subscriptions' || prev === 'resourcegroups' || prev === 'locations') out.push('{}');
    else if (prev === 'providers') {
      out.push(p);
      afterProviders = i;
    } else if (afterProviders >= 0 && (i - afterProviders) % 2 === 0) out.push('{}');
    else out.push(p);
  }
  return out.join('/');
}

/** How many string values two JSON values have in common, at the same place. */
export function sharedValues(a: Json, b: Json): number {
  if (typeof a === 'string' || typeof b === 'string') return a === b ? 1 : 0;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return 0;
  return Object.entries(a).reduce((n, [k, v]) => n + sharedValues(v, (b as Record<string, Json>)[k]), 0);
}

const VALUE_KEYS = new Set(['type', 'provisioningState', 'status', 'code']);

function kind(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * Where `actual` differs from `expected`: `<path>: missing`, `<path>: extra`, `<path>: number, expected string`,
 * `<path>: id …, expected id …`, `<path>: 'Succeeded', expected 'InProgress'`. Free-form maps (tags) are compared as maps.
 */
export function bodyDifferences(expected: Json, actual: Json, path = '$', key = ''): string[] {
  const ek = kind(expected);
  const ak = kind(actual);
  if (actual === undefined) return [`${path}: missing`];
  if (ek !== ak) return [`${path}: ${ak}, expected ${ek}`];
  if (ek === 'string') {
    const e = expected as string;
    const a = actual as string;
    if (VALUE_KEYS.has(key)) return e === a ? [] : [`${path}: '${a}', expected '${e}'`];
    const ekind = stringKind(key, e);
    const akind = stringKind(key, a);
    return ekind === akind ? [] : [`${path}: ${akind}, expected ${ekind}`];
  }
  if (ek === 'array') {
    // Azure's first item against the answer's item most like it (a list's order is not part of the contract).
    const e = (expected as Json[])[0];
    const candidates = actual as Json[];
    const a = candidates.reduce<Json>((best, x) => (sharedValues(e, x) > sharedValues(e, best) ? x : best), candidates[0]);
    return e === undefined || a === undefined ? [] : bodyDifferences(e, a, `${path}[]`, key);
  }
  if (ek === 'object') {
    if (key === 'tags') return [];
    const eo = expected as Record<string, Json>;
    const ao = actual as Record<string, Json>;
    const out: string[] = [];
    for (const k of Object.keys(eo)) out.push(...bodyDifferences(eo[k], ao[k], `${path}.${k}`, k));
    for (const k of Object.keys(ao)) if (!(k in eo)) out.push(`${path}.${k}: extra`);
    return out;
  }
  return [];
}
