// Azure Resource Graph queries, sent through the ARM clients' own pipeline (same sign-in, TLS, retry
// policy and request counter). The SDK for it is not used: its current major requires Node 22 and the
// one before runs on the retired ms-rest-js stack. A query answers for many subscriptions at once; its
// rows come in pages of at most 1000, linked by `$skipToken`.
import * as l10n from '@vscode/l10n';
import type { ArmClients } from './clients';

export const RESOURCE_GRAPH_API_VERSION = '2022-10-01';
const RESOURCE_GRAPH_PATH = '/providers/Microsoft.ResourceGraph/resources';

/** Resource Graph takes at most 1000 subscriptions per query and returns at most 1000 rows per page. */
export const MAX_SUBSCRIPTIONS_PER_QUERY = 1000;
export const MAX_ROWS_PER_PAGE = 1000;

export type GraphRow = Record<string, unknown>;

interface QueryResponse {
  data?: unknown;
  $skipToken?: string;
  /** `"true"` / `"false"`: a string in Azure's answers. */
  resultTruncated?: string | boolean;
}

export interface GraphQuery {
  query: string;
  subscriptionIds: string[];
  signal?: AbortSignal;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function queryPages(clients: ArmClients, query: string, subscriptions: string[], signal: AbortSignal | undefined): Promise<GraphRow[]> {
  const rows: GraphRow[] = [];
  let skipToken: string | undefined;
  do {
    const body = {
      subscriptions,
      query,
      options: { resultFormat: 'objectArray', $top: MAX_ROWS_PER_PAGE, ...(skipToken ? { $skipToken: skipToken } : {}) },
    };
    const page = (await clients.send('POST', RESOURCE_GRAPH_PATH, RESOURCE_GRAPH_API_VERSION, signal, body)) as QueryResponse | undefined;
    if (!page || !Array.isArray(page.data)) throw new Error(l10n.t('Azure Resource Graph answered without a data array (was the result format objectArray?).'));
    for (const row of page.data) if (row && typeof row === 'object') rows.push(row as GraphRow);
    skipToken = page.$skipToken || undefined;
    // Azure sends the flag as a string ("false"). A truncated result with no page after it is part of
    // the answer: taken as the whole, what it left out would read as missing.
    if (!skipToken && String(page.resultTruncated).toLowerCase() === 'true') {
      throw new Error(l10n.t('Azure Resource Graph truncated the result of a query ({0} rows read) and offered no next page; it is not taken as complete.', rows.length));
    }
  } while (skipToken);
  return rows;
}

/** Every row of `query` over the given subscriptions (none: nothing to ask, no request). */
export async function queryResourceGraph(clients: ArmClients, request: GraphQuery): Promise<GraphRow[]> {
  if (request.subscriptionIds.length === 0) return [];
  const parts = await Promise.all(chunks(request.subscriptionIds, MAX_SUBSCRIPTIONS_PER_QUERY).map((ids) => queryPages(clients, request.query, ids, request.signal)));
  return parts.flat();
}

/** A KQL string literal. */
export function kqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `resources | where type in~ (…)` with the columns the mappers read, ordered by id so pages are stable. */
export function resourcesOfTypes(types: string[], extra?: string): string {
  const where = `type in~ (${types.map(kqlString).join(', ')})`;
  return `resources | where ${extra ? `(${where}) or (${extra})` : where} | project id, name, type, location, resourceGroup, subscriptionId, sku, properties, tags | order by id asc`;
}

/**
 * An ARG row (an ARM resource as ARM returns it, `properties` nested) in the shape the SDKs hand to our
 * mappers, which flatten `properties` into the resource and into the items of its arrays
 * (`subnets[].properties`, `ipConfigurations[].properties`, `privateLinkServiceConnections[].properties`,
 * …). Plain nested objects (`sku`, `tags`, `subnet`, a connection state) are kept as they are.
 * The row is reshaped in place, not copied: rows are parsed for this alone, and a copy of thousands of
 * them was most of the garbage (and a good part of the CPU) of a large inventory. The mappers never
 * read `properties` itself.
 */
export function flattenArmProperties(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = flattenArmProperties(value[i]);
    return value;
  }
  if (!value || typeof value !== 'object') return value;
  const resource = value as Record<string, unknown>;
  const properties = resource.properties;
  // `properties` stays where it is: deleting a key turns a parsed object into a slow dictionary, for
  // this loop and for every mapper that reads it after (measured: three times the cost of the flattening).
  // `for…in` over parsed JSON (own keys only: nothing enumerable is inherited) lists keys without an array of them.
  for (const key in resource) flattenArrays(resource[key]);
  if (isPlainObject(properties)) {
    for (const key in properties) if (!(key in resource)) resource[key] = flattenArrays(properties[key]);
  }
  return resource;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Items of arrays are resources or sub-resources of their own; other values stay as they are. */
function flattenArrays(value: unknown): unknown {
  return Array.isArray(value) ? flattenArmProperties(value) : value;
}
