// The sandbox's state as Azure Resource Graph tables. Every row is built from exactly the JSON the
// sandbox's own ARM GET returns for that resource (the providers' renderers, through a JSON round trip
// so fields the wire drops are dropped here too), reshaped into ARG's columns: type lower-cased,
// resourceGroup lower-cased, subscriptionId and tenantId added, etag left out (ARG has no such column),
// string columns that are missing as "" and dynamic ones as null, as ARG returns them.
//
// `resources` holds the types ARG indexes that the sandbox serves. It leaves out what real ARG does not
// index there: private endpoints' privateDnsZoneGroups and a registry's usages (nowhere in ARG), and
// private DNS record sets, which ARG keeps in a table of their own: `dnsresources` holds every A
// record set (`microsoft.network/privatednszones/a`, as Microsoft's table reference lists it), each row
// built from the record set's ARM GET like the others, without its etag.
// Subnets and a registry's privateEndpointConnections appear inside their parent's properties, as in the
// ARM GET of the parent.

import type { ArmContext } from '../arm/router';
import { parseId } from '../ids';
import { renderRegistry, renderReplication } from '../providers/containerRegistry';
import { renderInboundEndpoint, renderResolver, renderRuleset } from '../providers/dnsResolver';
import { renderEndpoint, renderNic, renderVnet } from '../providers/network';
import { renderLink, renderRecord, renderZone } from '../providers/privateDns';
import { renderGroup, renderSubscription } from '../providers/resources';
import type { SandboxState } from '../state';
import type { Column, Row, TableSchema } from './kql';

const stringColumn = (name: string): Column => ({ name, type: 'string' });
const dynamicColumn = (name: string): Column => ({ name, type: 'dynamic' });

/** ARG's columns for both tables, in ARG's order. */
export const ARG_COLUMNS: readonly Column[] = [
  ...['id', 'name', 'type', 'tenantId', 'kind', 'location', 'resourceGroup', 'subscriptionId', 'managedBy'].map(stringColumn),
  ...['sku', 'plan', 'properties', 'tags', 'identity', 'zones'].map(dynamicColumn),
];

export const RESOURCES = 'resources';
export const RESOURCE_CONTAINERS = 'resourcecontainers';
export const DNS_RESOURCES = 'dnsresources';

export const ARG_TABLES: readonly TableSchema[] = [
  { name: RESOURCES, columns: ARG_COLUMNS },
  { name: RESOURCE_CONTAINERS, columns: ARG_COLUMNS },
  { name: DNS_RESOURCES, columns: ARG_COLUMNS },
];

type Json = Record<string, unknown>;

const wire = (body: unknown): Json => JSON.parse(JSON.stringify(body)) as Json;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** One ARG row from an ARM GET body; `type` overrides the body's (resource groups are typed by their parent in ARG). */
export function argRow(body: unknown, tenantId: string, type?: string): Row {
  const b = wire(body);
  const id = text(b['id']);
  const parts = parseId(id);
  return {
    id,
    name: text(b['name']),
    type: (type ?? text(b['type'])).toLowerCase(),
    tenantId,
    kind: text(b['kind']),
    location: text(b['location']),
    resourceGroup: (parts?.resourceGroupName ?? '').toLowerCase(),
    subscriptionId: parts?.subscriptionId ?? '',
    managedBy: text(b['managedBy']),
    sku: b['sku'] ?? null,
    plan: b['plan'] ?? null,
    properties: b['properties'] ?? {},
    tags: b['tags'] ?? null,
    identity: b['identity'] ?? null,
    zones: b['zones'] ?? null,
  };
}

/** Every row of a table, ordered by id so that paging is stable when the query does not order them itself. */
function renderTable(ctx: ArmContext, table: string): Row[] {
  const { state } = ctx;
  const tenantOf = new Map(state.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.tenantId]));
  const rows: Row[] = [];
  const add = <T extends { id: string }>(records: Record<string, T>, render: (r: T) => unknown, type?: string): void => {
    for (const r of Object.values(records)) {
      // Only subscriptions the sandbox knows have rows (a record elsewhere is not visible to the caller).
      const tenantId = tenantOf.get(parseId(r.id)?.subscriptionId.toLowerCase() ?? '');
      if (tenantId !== undefined) rows.push(argRow(render(r), tenantId, type));
    }
  };
  if (table === RESOURCES) {
    add(state.registries, (r) => renderRegistry(ctx, r));
    add(state.replications, (r) => renderReplication(r));
    add(state.privateEndpoints, (r) => renderEndpoint(ctx, r));
    add(state.networkInterfaces, renderNic);
    add(state.virtualNetworks, (r) => renderVnet(ctx, r));
    add(state.privateDnsZones, (r) => renderZone(ctx, r));
    add(state.virtualNetworkLinks, renderLink);
    // DNS Private Resolver: resolvers, inbound endpoints and rulesets are tracked resources ARG indexes;
    // forwarding rules and ruleset links are not in the sandbox's graph (they are read from ARM).
    add(state.dnsResolvers ?? {}, (r) => renderResolver(ctx, r));
    add(state.inboundEndpoints ?? {}, renderInboundEndpoint);
    add(state.dnsForwardingRulesets ?? {}, (r) => renderRuleset(ctx, r));
  } else if (table === DNS_RESOURCES) {
    for (const [zoneKey, records] of Object.entries(state.aRecordSets)) {
      const zone = state.privateDnsZones[zoneKey];
      if (zone) add(records, (r) => renderRecord(zone, r));
    }
  } else if (table === RESOURCE_CONTAINERS) {
    add(state.resourceGroups, renderGroup, 'microsoft.resources/subscriptions/resourcegroups');
    for (const s of state.subscriptions) {
      const b = wire(renderSubscription(s));
      const shaped = { id: b['id'], name: b['displayName'], type: 'microsoft.resources/subscriptions', tags: b['tags'], properties: { state: b['state'], subscriptionPolicies: b['subscriptionPolicies'] } };
      rows.push(argRow(shaped, s.tenantId));
    }
  }
  return rows.sort((a, b) => compareIds(text(a['id']), text(b['id'])));
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Rendering is the cost of a query (a registry's render scans every connection), so a table's rows are
// kept until the state changes: the pages of one query and the parallel queries of one load render once.
// Rows are shared between responses and never modified.
const rendered = new WeakMap<SandboxState, { version: number; tables: Map<string, Row[]> }>();

/** The rows of a table for the subscriptions in scope (lower-cased ids), ordered by id. */
export function tableRows(ctx: ArmContext, table: string, scope: ReadonlySet<string>): Row[] {
  let cached = rendered.get(ctx.state);
  if (cached?.version !== ctx.stateVersion) {
    cached = { version: ctx.stateVersion, tables: new Map() };
    rendered.set(ctx.state, cached);
  }
  let rows = cached.tables.get(table);
  if (!rows) {
    rows = renderTable(ctx, table);
    cached.tables.set(table, rows);
  }
  return rows.filter((r) => scope.has(text(r['subscriptionId']).toLowerCase()));
}
