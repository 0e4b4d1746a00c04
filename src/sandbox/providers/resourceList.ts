// Microsoft.Resources' generic resource list: Resources_List (`GET /subscriptions/{id}/resources`) and
// Resources_ListByResourceGroup, with the `$filter` clauses clients use (`az acr … --registry-name X`
// without `-g` finds the registry's group through `resourceType eq 'Microsoft.ContainerRegistry/registries'`;
// `az resource list -g X` asks the subscription's list for `resourceGroup eq 'X'`).
// Each item is the GenericResourceExpanded ARM lists: id, name, type, sku, kind, location, tags (the
// fields a resource has of these), built from the same JSON the resource's own GET returns.

import { ArmError } from '../arm/errors';
import { paged } from '../arm/paging';
import { param, route, type ArmContext, type ArmRequest, type Route } from '../arm/router';
import { parseId } from '../ids';
import { renderRegistry, renderReplication } from './containerRegistry';
import { requireGroup, requireSubscription } from './common';
import { renderInboundEndpoint, renderResolver, renderRuleset } from './dnsResolver';
import { renderEndpoint, renderNic, renderVnet } from './network';
import { renderNetworkSecurityGroup } from './networkSecurityGroups';
import { renderLink, renderZone } from './privateDns';
import { renderRouteTable } from './routeTables';
import { renderAgentPool, renderTask } from './tasks';

type Json = Record<string, unknown>;

const GENERIC_FIELDS = ['id', 'name', 'type', 'sku', 'kind', 'location', 'tags'] as const;

function generic(body: unknown): Json {
  const b = JSON.parse(JSON.stringify(body)) as Json;
  const out: Json = {};
  for (const f of GENERIC_FIELDS) if (b[f] !== undefined && b[f] !== null) out[f] = b[f];
  return out;
}

/** Every tracked resource the sandbox serves, as the generic list shows it, ordered by id. */
function allResources(ctx: ArmContext): Json[] {
  const { state } = ctx;
  const out: Json[] = [];
  const add = <T>(records: Record<string, T>, render: (r: T) => unknown): void => {
    for (const r of Object.values(records)) out.push(generic(render(r)));
  };
  add(state.registries, (r) => renderRegistry(ctx, r));
  add(state.replications, (r) => renderReplication(r));
  add(state.virtualNetworks, (r) => renderVnet(ctx, r));
  add(state.networkInterfaces, renderNic);
  add(state.privateEndpoints, (r) => renderEndpoint(ctx, r));
  add(state.privateDnsZones, (r) => renderZone(ctx, r));
  add(state.virtualNetworkLinks, renderLink);
  add(state.networkSecurityGroups, (g) => renderNetworkSecurityGroup(ctx, g));
  add(state.routeTables, (t) => renderRouteTable(ctx, t));
  add(state.dnsResolvers ?? {}, (r) => renderResolver(ctx, r));
  add(state.inboundEndpoints ?? {}, renderInboundEndpoint);
  add(state.dnsForwardingRulesets ?? {}, (r) => renderRuleset(ctx, r));
  add(state.tasks, renderTask);
  add(state.agentPools, (p) => renderAgentPool(p));
  const id = (r: Json): string => String(r['id']).toLowerCase();
  return out.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

type Predicate = (r: Json) => boolean;

const invalidFilter = (filter: string): ArmError => new ArmError(400, 'InvalidFilterInQueryString', `Invalid $filter '${filter}' specified in the query string.`);

const groupOf = (r: Json): string | undefined => parseId(String(r['id']))?.resourceGroupName;
const subscriptionOf = (r: Json): string | undefined => parseId(String(r['id']))?.subscriptionId;
const same = (a: unknown, b: string): boolean => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** One clause of the `$filter` grammar ARM documents for this list; anything else is refused as ARM refuses it. */
function clause(text: string): Predicate | undefined {
  const eq = /^(resourceType|name|location|resourceGroup)\s+eq\s+'([^']*)'$/i.exec(text);
  if (eq) {
    const [, field = '', value = ''] = eq;
    if (field.toLowerCase() === 'resourcegroup') return (r) => same(groupOf(r), value);
    const column = field.toLowerCase() === 'resourcetype' ? 'type' : field.toLowerCase();
    return (r) => same(r[column], value);
  }
  const sub = /^substringof\('([^']*)',\s*name\)$/i.exec(text);
  if (sub) {
    const part = (sub[1] ?? '').toLowerCase();
    return (r) => typeof r['name'] === 'string' && r['name'].toLowerCase().includes(part);
  }
  return undefined;
}

function parseFilter(filter: string | null): Predicate {
  if (filter === null || filter.trim() === '') return () => true;
  const predicates = filter.trim().split(/\s+and\s+/i).map((c) => clause(c.trim()));
  if (predicates.some((p) => p === undefined)) throw invalidFilter(filter);
  return (r) => predicates.every((p) => p?.(r));
}

function listed(req: ArmRequest, ctx: ArmContext, inScope: Predicate): unknown {
  const matches = parseFilter(req.query.get('$filter'));
  return paged(allResources(ctx).filter((r) => inScope(r) && matches(r)), req, ctx);
}

export function resourceListRoutes(): Route[] {
  return [
    route('GET', '/subscriptions/{subscriptionId}/resources', 'resources', (req, ctx) => {
      const sub = requireSubscription(ctx, param(req, 'subscriptionId'));
      return { status: 200, body: listed(req, ctx, (r) => same(subscriptionOf(r), sub.subscriptionId)) };
    }),
    route('GET', '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/resources', 'resources', (req, ctx) => {
      const rg = requireGroup(ctx, param(req, 'subscriptionId'), param(req, 'resourceGroupName'));
      const sub = param(req, 'subscriptionId');
      return { status: 200, body: listed(req, ctx, (r) => same(subscriptionOf(r), sub) && same(groupOf(r), rg.name)) };
    }),
  ];
}
