// A recursive key-shape comparator: every property of the official example must be present in the
// sandbox's response with the same kind (object / array / scalar) and the same nesting. Values may
// differ; extra properties in the response are allowed (newer api-versions add read-only fields).
// `tags` and `metadata` are user-defined maps: only their kind is compared, not the example's keys.

const FREE_FORM_MAPS = new Set(['tags', 'metadata']);

export type Kind = 'object' | 'array' | 'scalar' | 'null';

const kindOf = (v: unknown): Kind => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : 'scalar');

/** Returns the paths where `actual` does not have the shape of `example` (empty when they agree). */
export function shapeDifferences(example: unknown, actual: unknown, ignore: readonly string[] = [], path = '$'): string[] {
  if (ignore.includes(path)) return [];
  const ek = kindOf(example);
  const ak = kindOf(actual);
  // A null in an example (e.g. `status: null`) says nothing about the shape.
  if (ek === 'null') return [];
  if (actual === undefined) return [`${path}: missing`];
  if (ek !== ak) return [`${path}: expected ${ek}, got ${ak}`];
  if (ek === 'array') {
    const e = (example as unknown[])[0];
    const a = (actual as unknown[])[0];
    return e === undefined || a === undefined ? [] : shapeDifferences(e, a, ignore, `${path}[]`);
  }
  if (ek === 'object') {
    const out: string[] = [];
    if (FREE_FORM_MAPS.has(path.slice(path.lastIndexOf('.') + 1))) return [];
    for (const [k, v] of Object.entries(example as Record<string, unknown>)) {
      out.push(...shapeDifferences(v, (actual as Record<string, unknown>)[k], ignore, `${path}.${k}`));
    }
    return out;
  }
  return [];
}
