// Microsoft.ResourceGraph: the query operation (POST /providers/Microsoft.ResourceGraph/resources) over
// the `resources`, `resourcecontainers` and `dnsresources` tables, with ARG's options ($top, $skip, $skipToken,
// resultFormat), its paging rules and its error body.

import { badRequest } from '../arm/errors';
import { route, type ArmContext, type ArmRequest, type ArmResponse, type Route } from '../arm/router';
import { invalidQuery } from '../resourceGraph/errors';
import { KqlError, parseQuery, runQuery, type ParsedQuery, type Row } from '../resourceGraph/kql';
import { ARG_TABLES, tableRows } from '../resourceGraph/rows';
import { fingerprint, readSkipToken, writeSkipToken } from '../resourceGraph/skipToken';
import { arrayProp, bodyObject, enumProp, objectProp, requireStringProp, stringProp, type JsonObject } from './common';

/** ARG's page size when `$top` is not given, and the most it returns in one response. */
export const DEFAULT_TOP = 100;
export const MAX_TOP = 1000;

interface QueryRequest {
  query: string;
  /** As requested; undefined (or empty) means every subscription the caller can see. */
  subscriptions?: string[];
  top?: number;
  skip?: number;
  skipToken?: string;
  resultFormat: 'objectArray' | 'table';
}

function wholeNumber(options: JsonObject, name: string, min: number, max: number): number | undefined {
  const v = options[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badRequest('InvalidRequestFormat', `The value of 'options.${name}' must be a whole number from ${min}${max === Infinity ? '' : ` to ${max}`}.`);
  }
  return v;
}

function readRequest(req: ArmRequest): QueryRequest {
  const body = bodyObject(req);
  const query = requireStringProp(body, 'query', 'query');
  const subs = arrayProp(body, 'subscriptions', 'subscriptions');
  if (subs?.some((s) => typeof s !== 'string')) throw badRequest('InvalidRequestFormat', "Cannot parse the request. The property 'subscriptions' must be an array of subscription ids.");
  if (arrayProp(body, 'managementGroups', 'managementGroups')?.length) throw badRequest('InvalidRequestFormat', 'The sandbox has no management groups; scope the query with subscriptions.');
  if (arrayProp(body, 'facets', 'facets')?.length) throw badRequest('InvalidRequestFormat', 'The sandbox does not compute facets.');
  const options = objectProp(body, 'options', 'options') ?? {};
  const top = wholeNumber(options, '$top', 1, MAX_TOP);
  const skip = wholeNumber(options, '$skip', 0, Infinity);
  const skipToken = stringProp(options, '$skipToken', 'options.$skipToken');
  return {
    query,
    ...(subs && subs.length > 0 ? { subscriptions: subs as string[] } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(skip !== undefined ? { skip } : {}),
    ...(skipToken ? { skipToken } : {}),
    resultFormat: enumProp(options, 'resultFormat', 'options.resultFormat', ['objectArray', 'table'] as const) ?? 'objectArray',
  };
}

function parse(text: string): ParsedQuery {
  try {
    return parseQuery(text, ARG_TABLES);
  } catch (e) {
    if (e instanceof KqlError) throw invalidQuery(e);
    throw e;
  }
}

/** The subscriptions a query reads: those requested that the sandbox knows (others are ignored, as ARG ignores ones the caller cannot see). */
function scopeOf(ctx: ArmContext, requested: readonly string[] | undefined): Set<string> {
  const known = ctx.state.subscriptions.map((s) => s.subscriptionId.toLowerCase());
  if (requested === undefined) return new Set(known);
  const wanted = new Set(requested.map((s) => s.toLowerCase()));
  return new Set(known.filter((s) => wanted.has(s)));
}

function formatted(query: ParsedQuery, rows: Row[], format: QueryRequest['resultFormat']): unknown {
  if (format === 'objectArray') return rows;
  return {
    columns: query.columns.map((c) => ({ name: c.name, type: c.type === 'string' ? 'string' : 'object' })),
    rows: rows.map((r) => query.columns.map((c) => r[c.name] ?? null)),
  };
}

function resources(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const request = readRequest(req);
  const query = parse(request.query);
  const print = fingerprint(request.query, request.subscriptions);
  const token = request.skipToken !== undefined ? readSkipToken(request.skipToken, print) : undefined;
  const rows = runQuery(query, tableRows(ctx, query.table, scopeOf(ctx, request.subscriptions)));

  // $top (or the token's page size) within ARG's maximum; a page size chosen for the sandbox (tests that
  // force paging) caps it too. $skip overrides the token's offset, as ARG documents.
  const top = Math.min(request.top ?? token?.top ?? DEFAULT_TOP, MAX_TOP, ctx.pageSizeSetting ?? MAX_TOP);
  // ARG does not page a query bounded by limit/take (it ignores $skip then) or one whose output columns
  // are all dynamic: it returns one page and says the result was truncated.
  const pageable = !query.limited && query.columns.some((c) => c.type !== 'dynamic');
  const offset = query.limited ? 0 : (request.skip ?? token?.offset ?? 0);
  const page = rows.slice(offset, offset + top);
  const more = offset + page.length < rows.length;
  return {
    status: 200,
    body: {
      totalRecords: rows.length,
      count: page.length,
      resultTruncated: more && !pageable ? 'true' : 'false',
      ...(more && pageable ? { $skipToken: writeSkipToken({ offset: offset + page.length, top }, print) } : {}),
      data: formatted(query, page, request.resultFormat),
      facets: [],
    },
  };
}

export function resourceGraphRoutes(): Route[] {
  // A query only reads: `writes: false` spares the server a state snapshot and a save around it.
  return [{ ...route('POST', '/providers/Microsoft.ResourceGraph/resources', 'resourceGraph', resources), writes: false }];
}
