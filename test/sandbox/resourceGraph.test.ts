// Azure Resource Graph over the seed world: real HTTPS POSTs to /providers/Microsoft.ResourceGraph/resources.
// Rows are compared with the sandbox's own ARM GET of the same resources, reshaped here the way ARG
// shapes them (independently of the sandbox's code), so both stay one serializer.

import { after, before, beforeEach, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { bearerTokenAuthenticationPolicy, createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { RunningSandbox } from '../../src/sandbox';
import { arm, fakeCredential, raw, RG, SUB1, SUB2, withSandbox, type RawResponse } from './helpers';

type Json = Record<string, unknown>;

interface ArgResponse {
  totalRecords: number;
  count: number;
  resultTruncated: string;
  $skipToken?: string;
  data: Json[];
  facets: unknown[];
}

interface ArgErrorBody {
  error: { code: string; message: string; details: (Json & { code: string; message: string })[] };
}

const ARG_PATH = '/providers/Microsoft.ResourceGraph/resources';
const UNKNOWN_SUB = '00000000-0000-4000-8000-0000000000ff';
const TYPES = [
  'microsoft.containerregistry/registries',
  'microsoft.containerregistry/registries/replications',
  'microsoft.network/networkinterfaces',
  'microsoft.network/privatednszones',
  'microsoft.network/privatednszones/virtualnetworklinks',
  'microsoft.network/privateendpoints',
  'microsoft.network/virtualnetworks',
];
// What the extension sends for its inventory.
const INVENTORY_QUERY =
  "resources | where type in~ ('microsoft.containerregistry/registries', 'microsoft.containerregistry/registries/replications', 'microsoft.network/privateendpoints', 'microsoft.network/virtualnetworks', 'microsoft.network/privatednszones', 'microsoft.network/privatednszones/virtualnetworklinks') or (type =~ 'microsoft.network/networkinterfaces' and isnotempty(properties.privateEndpoint)) | project id, name, type, location, resourceGroup, subscriptionId, sku, properties, tags | order by id asc";
const GROUPS_QUERY = "resourcecontainers | where type =~ 'microsoft.resources/subscriptions/resourcegroups' | project id, name, location, subscriptionId";

/** The ARM api-version to GET a resource of this ARG type with. */
function getVersion(type: string): string {
  if (type.startsWith('microsoft.containerregistry/')) return '2025-11-01';
  if (type.startsWith('microsoft.network/privatednszones')) return '2024-06-01';
  return '2025-05-01';
}

/** Etags are left out: ARG has no etag column, and the sandbox mints a fresh one per read of a network resource. */
function withoutEtags(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEtags);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'etag').map(([k, x]) => [k, withoutEtags(x)]));
}

/** An ARM GET body as ARG shows it: lower-cased type and group, "" for missing strings, null for missing dynamics. */
function asArgRow(body: Json, tenantId: string, type = String(body['type']).toLowerCase()): Json {
  const [, , subscriptionId, , resourceGroup] = String(body['id']).split('/');
  return {
    id: body['id'],
    name: body['name'],
    type,
    tenantId,
    kind: '',
    location: body['location'],
    resourceGroup: (resourceGroup ?? '').toLowerCase(),
    subscriptionId,
    managedBy: '',
    sku: body['sku'] ?? null,
    plan: null,
    properties: body['properties'],
    tags: body['tags'] ?? null,
    identity: null,
    zones: null,
  };
}

const sortedIds = (rows: Json[]): string[] => rows.map((r) => String(r['id'])).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

void describe('sandbox: Azure Resource Graph queries', () => {
  let sb: RunningSandbox;
  const post = (body: unknown, apiVersion = '2022-10-01', headers: Record<string, string> = {}): Promise<RawResponse> =>
    arm(sb, 'POST', `${ARG_PATH}?api-version=${apiVersion}`, body, headers);
  const query = async (body: Json): Promise<ArgResponse> => {
    const res = await post(body);
    assert.equal(res.status, 200, res.text);
    return res.json as ArgResponse;
  };
  /** Follows $skipToken to the end; returns every page. */
  const allPages = async (body: Json): Promise<ArgResponse[]> => {
    const pages = [await query(body)];
    for (let token = pages[0]?.$skipToken; token !== undefined; token = pages[pages.length - 1]?.$skipToken) {
      pages.push(await query({ ...body, options: { ...(body['options'] as Json | undefined), $skipToken: token } }));
    }
    return pages;
  };

  before(async () => ({ sb } = await withSandbox({ scenario: 'seed' })));
  after(async () => sb.close());
  beforeEach(async () => {
    await raw(sb, 'DELETE', '/_sandbox/faults');
  });

  void it('every resource of the seven indexed types is one row, equal to its ARM GET as ARG reshapes it', async () => {
    const state = (await raw(sb, 'GET', '/_sandbox/state')).json as Record<string, Json>;
    const expectedIds = ['registries', 'replications', 'privateEndpoints', 'networkInterfaces', 'virtualNetworks', 'privateDnsZones', 'virtualNetworkLinks'].flatMap((c) => Object.keys(state[c] ?? {}));
    const res = await query({ subscriptions: [SUB1, SUB2], query: 'resources', options: { $top: 1000 } });
    assert.deepEqual([res.totalRecords, res.count, res.resultTruncated, res.$skipToken, res.facets], [11, 11, 'false', undefined, []]);
    // No record sets (they are in dnsresources), zone groups, registry connections or usages.
    assert.deepEqual(res.data.map((r) => String(r['id']).toLowerCase()).sort(), expectedIds.sort());
    assert.deepEqual([...new Set(res.data.map((r) => r['type']))].sort(), TYPES);
    assert.deepEqual(res.data.map((r) => r['id']), sortedIds(res.data), 'ordered by id when the query does not order');
    for (const row of res.data) {
      const get = await arm(sb, 'GET', `${String(row['id'])}?api-version=${getVersion(String(row['type']))}`);
      assert.equal(get.status, 200, String(row['id']));
      assert.deepEqual(Object.keys(row), ['id', 'name', 'type', 'tenantId', 'kind', 'location', 'resourceGroup', 'subscriptionId', 'managedBy', 'sku', 'plan', 'properties', 'tags', 'identity', 'zones']);
      assert.deepEqual(withoutEtags(row), withoutEtags(asArgRow(get.json as Json, sb.tenantId)), String(row['id']));
    }
    const registry = res.data.find((r) => r['name'] === 'myregistry');
    assert.deepEqual([registry?.['type'], registry?.['resourceGroup'], registry?.['subscriptionId'], registry?.['sku']], ['microsoft.containerregistry/registries', RG.toLowerCase(), SUB1, { name: 'Premium', tier: 'Premium' }]);
  });

  void it('dnsresources: every A record set is one row, equal to its ARM GET as ARG reshapes it and without its etag; it pages through $skipToken', async () => {
    const state = (await raw(sb, 'GET', '/_sandbox/state')).json as { aRecordSets: Record<string, Record<string, Json>> };
    const expectedIds = Object.values(state.aRecordSets).flatMap((records) => Object.values(records).map((r) => String(r['id']).toLowerCase()));
    assert.ok(expectedIds.length >= 2, 'the seed world has record sets');
    const records = "dnsresources | where type =~ 'microsoft.network/privatednszones/a'";
    const res = await query({ subscriptions: [SUB1, SUB2], query: records, options: { $top: 1000 } });
    assert.deepEqual(res.data.map((r) => String(r['id']).toLowerCase()).sort(), expectedIds.sort());
    for (const row of res.data) {
      assert.equal(row['type'], 'microsoft.network/privatednszones/a');
      assert.ok(!('etag' in row), 'ARG has no etag column');
      const get = await arm(sb, 'GET', `${String(row['id'])}?api-version=2024-06-01`);
      assert.equal(get.status, 200, String(row['id']));
      const body = get.json as Json;
      assert.ok(typeof body['etag'] === 'string' && body['etag'] !== '', 'ARM has the etag');
      // A record set has no location in ARM; ARG answers a missing string column as "".
      assert.deepEqual(row, { ...asArgRow(withoutEtags(body) as Json, sb.tenantId), location: '' });
    }
    // The extension's record query: the registry zones' records, by id, through pages of one.
    const extension = "dnsresources | where type =~ 'microsoft.network/privatednszones/a' and id contains 'azurecr.' | project id, name, type, resourceGroup, subscriptionId, properties | order by id asc";
    const pages = await allPages({ subscriptions: [SUB1, SUB2], query: extension, options: { $top: 1 } });
    assert.equal(pages.length, res.data.length);
    assert.deepEqual(pages.flatMap((p) => p.data.map((r) => r['id'])), sortedIds(res.data));
    // Other tables do not hold record sets, and dnsresources holds nothing else.
    assert.equal((await query({ query: "resources | where type =~ 'microsoft.network/privatednszones/a'" })).count, 0);
    assert.equal((await query({ query: "dnsresources | where type !~ 'microsoft.network/privatednszones/a'" })).count, 0);
  });

  void it("the extension's inventory query keeps only the endpoint's NIC and the nine projected columns, ordered by id", async () => {
    const res = await query({ subscriptions: [SUB1, SUB2], query: INVENTORY_QUERY, options: { $top: 1000 } });
    assert.equal(res.count, 10);
    const nics = res.data.filter((r) => r['type'] === 'microsoft.network/networkinterfaces');
    assert.deepEqual(nics.map((r) => r['name']), ['myPrivateEndpoint.nic.5d8f0a3b-7c1e-4f2a-9b6d-0e4c2a1f8b37']);
    assert.match(String((nics[0]?.['properties'] as { privateEndpoint?: { id?: string } }).privateEndpoint?.id), /\/privateEndpoints\/myPrivateEndpoint$/);
    for (const row of res.data) assert.deepEqual(Object.keys(row), ['id', 'name', 'type', 'location', 'resourceGroup', 'subscriptionId', 'sku', 'properties', 'tags']);
    assert.deepEqual(res.data.map((r) => r['id']), sortedIds(res.data));
  });

  void it('resourcecontainers lists the resource groups (as their ARM GET) and the subscriptions', async () => {
    const groups = await query({ query: GROUPS_QUERY });
    assert.deepEqual(groups.data, [
      { id: `/subscriptions/${SUB1}/resourceGroups/${RG}`, name: RG, location: 'westeurope', subscriptionId: SUB1 },
      { id: `/subscriptions/${SUB2}/resourceGroups/devResourceGroup`, name: 'devResourceGroup', location: 'westeurope', subscriptionId: SUB2 },
    ]);
    const full = await query({ query: "resourcecontainers | where type =~ 'microsoft.resources/subscriptions/resourcegroups'" });
    for (const row of full.data) {
      const get = await arm(sb, 'GET', `${String(row['id'])}?api-version=2021-04-01`);
      assert.deepEqual(row, asArgRow(get.json as Json, sb.tenantId, 'microsoft.resources/subscriptions/resourcegroups'));
    }
    const subs = await query({ query: "resourcecontainers | where type == 'microsoft.resources/subscriptions' | project id, name, subscriptionId, properties" });
    assert.deepEqual(subs.data.map((r) => [r['id'], r['name'], r['subscriptionId'], (r['properties'] as Json)['state']]), [
      [`/subscriptions/${SUB1}`, 'Contoso Production', SUB1, 'Enabled'],
      [`/subscriptions/${SUB2}`, 'Contoso Dev', SUB2, 'Enabled'],
    ]);
  });

  void it('subscriptions scope the rows: unknown ones are ignored, none listed means all', async () => {
    const dev = await query({ subscriptions: [SUB2], query: 'resources | project id, name, subscriptionId' });
    assert.deepEqual(dev.data.map((r) => r['name']), ['basicregistry', 'devregistry', 'devVNet']);
    assert.ok(dev.data.every((r) => r['subscriptionId'] === SUB2));
    const withUnknown = await query({ subscriptions: [UNKNOWN_SUB, SUB2.toUpperCase()], query: 'resources | project id, name, subscriptionId' });
    assert.deepEqual(withUnknown.data, dev.data);
    const none = await query({ subscriptions: [UNKNOWN_SUB], query: 'resources' });
    assert.deepEqual([none.totalRecords, none.count, none.data], [0, 0, []]);
    assert.equal((await query({ query: 'resources' })).totalRecords, 11);
    assert.equal((await query({ subscriptions: [SUB1], query: GROUPS_QUERY })).count, 1);
  });

  void it('paging with $top 1 through $skipToken yields every row exactly once; $skip starts further on', async () => {
    const everything = (await query({ query: INVENTORY_QUERY, options: { $top: 1000 } })).data.map((r) => r['id']);
    const pages = await allPages({ subscriptions: [SUB1, SUB2], query: INVENTORY_QUERY, options: { $top: 1 } });
    assert.equal(pages.length, everything.length);
    for (const page of pages) assert.deepEqual([page.count, page.totalRecords, page.resultTruncated], [1, everything.length, 'false']);
    assert.deepEqual(pages.flatMap((p) => p.data.map((r) => r['id'])), everything);
    assert.equal(pages[pages.length - 1]?.$skipToken, undefined);
    // Without $top a token keeps the page size it was issued with.
    const second = await query({ subscriptions: [SUB1, SUB2], query: INVENTORY_QUERY, options: { $skipToken: pages[0]?.$skipToken } });
    assert.deepEqual(second.data.map((r) => r['id']), [everything[1]]);
    const tail = await query({ query: INVENTORY_QUERY, options: { $top: 5, $skip: everything.length - 2 } });
    assert.deepEqual([tail.data.map((r) => r['id']), tail.$skipToken], [everything.slice(-2), undefined]);
  });

  void it('a forged or mismatched $skipToken is refused with 400', async () => {
    const first = await query({ subscriptions: [SUB1, SUB2], query: 'resources | project id', options: { $top: 2 } });
    const token = first.$skipToken;
    assert.ok(token);
    const cases: Json[] = [
      { subscriptions: [SUB1, SUB2], query: 'resources | project id', options: { $skipToken: 'bm90IGEgdG9rZW4' } },
      { subscriptions: [SUB1, SUB2], query: 'resources | project id', options: { $skipToken: Buffer.from(JSON.stringify({ o: 4, t: 2, f: 'made-up' })).toString('base64url') } },
      { subscriptions: [SUB1, SUB2], query: 'resources | project id, name', options: { $skipToken: token } },
      { subscriptions: [SUB1], query: 'resources | project id', options: { $skipToken: token } },
    ];
    for (const body of cases) {
      const res = await post(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const e = (res.json as ArgErrorBody).error;
      assert.equal(e.code, 'BadRequest');
      assert.equal(e.details[0]?.code, 'InvalidSkipToken');
    }
    // The subscriptions' order and case do not matter.
    assert.equal((await post({ subscriptions: [SUB2.toUpperCase(), SUB1], query: 'resources | project id', options: { $skipToken: token } })).status, 200);
  });

  void it('summarize, extend and join are refused: 400 InvalidQuery with what and where', async () => {
    for (const [q, op, position] of [
      ['resources | summarize count() by type', 'summarize', 12],
      ["resources | extend registry = tostring(properties.loginServer)", 'extend', 12],
      ['resources | join kind=inner (resourcecontainers) on subscriptionId', 'join', 12],
    ] as const) {
      const res = await post({ query: q });
      assert.equal(res.status, 400, q);
      const e = (res.json as ArgErrorBody).error;
      assert.equal(e.code, 'BadRequest');
      const m = /^Please provide below info when asking for support: timestamp = \S+, correlationId = ([0-9a-f-]{36})\.$/.exec(e.message);
      assert.ok(m, e.message);
      assert.equal(res.headers['x-ms-correlation-request-id'], m[1]);
      assert.deepEqual(e.details[0], { code: 'InvalidQuery', message: 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.' });
      assert.deepEqual([e.details[1]?.code, e.details[1]?.['token'], e.details[1]?.['line'], e.details[1]?.['characterPositionInLine']], ['UnsupportedOperator', op, 1, position]);
      assert.match(e.details[1]?.message ?? '', new RegExp(`^Line 1, position ${position}: The sandbox does not support the '${op}' operator`));
    }
    const syntax = (await post({ query: "resources | where name = 'x'" })).json as ArgErrorBody;
    assert.deepEqual([syntax.error.details[1]?.code, syntax.error.details[1]?.['characterPositionInLine']], ['ParserFailure', 23]);
  });

  void it('limit, or only dynamic columns, turn paging off: one page, resultTruncated "true", no token', async () => {
    const limited = await query({ query: 'resources | order by id asc | limit 5', options: { $top: 2, $skip: 3 } });
    assert.deepEqual([limited.totalRecords, limited.count, limited.resultTruncated, limited.$skipToken], [5, 2, 'true', undefined]);
    const first = (await query({ query: 'resources | order by id asc | take 1' })).data[0];
    assert.equal(limited.data[0]?.['id'], first?.['id'], '$skip is ignored with limit');
    const dynamic = await query({ query: 'resources | project properties, tags', options: { $top: 2 } });
    assert.deepEqual([dynamic.totalRecords, dynamic.count, dynamic.resultTruncated, dynamic.$skipToken], [11, 2, 'true', undefined]);
    const whole = await query({ query: 'resources | limit 3' });
    assert.deepEqual([whole.count, whole.resultTruncated], [3, 'false']);
  });

  void it('resultFormat table answers columns and rows', async () => {
    const res = await query({ query: "resourcecontainers | where name =~ 'myresourcegroup' | project id, name, tags", options: { resultFormat: 'table' } });
    assert.deepEqual(res.data, {
      columns: [{ name: 'id', type: 'string' }, { name: 'name', type: 'string' }, { name: 'tags', type: 'object' }],
      rows: [[`/subscriptions/${SUB1}/resourceGroups/${RG}`, RG, null]],
    });
  });

  void it('refuses a request without a bearer token (401), with another api-version (400) or a bad body (400)', async () => {
    const noToken = await raw(sb, 'POST', `${ARG_PATH}?api-version=2022-10-01`, { query: 'resources' });
    assert.deepEqual([noToken.status, (noToken.json as ArgErrorBody).error.code], [401, 'AuthenticationFailed']);
    const badVersion = await post({ query: 'resources' }, '2021-06-01-preview');
    assert.equal(badVersion.status, 400);
    assert.equal((badVersion.json as ArgErrorBody).error.code, 'InvalidApiVersionParameter');
    assert.match((badVersion.json as ArgErrorBody).error.message, /'2024-04-01,2022-10-01,2021-03-01'/);
    for (const v of ['2021-03-01', '2022-10-01', '2024-04-01']) assert.equal((await post({ query: 'resources | limit 1' }, v)).status, 200, v);
    for (const body of [{}, { query: 'resources', options: { $top: 0 } }, { query: 'resources', options: { $top: 1001 } }, { query: 'resources', options: { $skip: -1 } }, { query: 'resources', subscriptions: [1] }, { query: 'resources', options: { resultFormat: 'csv' } }]) {
      const res = await post(body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal((await arm(sb, 'GET', `${ARG_PATH}?api-version=2022-10-01`)).status, 405);
  });

  void it('a fault injected on the path through the control API is what the client gets, once', async () => {
    const fault = await raw(sb, 'POST', '/_sandbox/faults', { method: 'POST', pathPattern: '^/providers/Microsoft.ResourceGraph/resources$', kind: 'status', status: 429, headers: { 'Retry-After': '3' }, times: 1 });
    assert.equal(fault.status, 201);
    await raw(sb, 'DELETE', '/_sandbox/requests');
    const throttled = await post({ query: GROUPS_QUERY });
    assert.deepEqual([throttled.status, throttled.headers['retry-after'], (throttled.json as ArgErrorBody).error.code], [429, '3', 'TooManyRequests']);
    assert.equal((await post({ query: GROUPS_QUERY })).status, 200);
    const log = (await raw(sb, 'GET', '/_sandbox/requests')).json as { value: { method: string; path: string; status: number; fault?: string }[] };
    assert.deepEqual(log.value.map((e) => [e.method, e.path, e.status, e.fault]), [
      ['POST', ARG_PATH, 429, 'status'],
      ['POST', ARG_PATH, 200, undefined],
    ]);
  });

  void it('a write is in the next query; a refused write changes nothing', async () => {
    const tagged = "resources | where tags.team == 'platform' | project name, tags";
    assert.deepEqual((await query({ query: tagged })).data, []);
    const registry = `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/myregistry?api-version=2025-11-01`;
    assert.equal((await arm(sb, 'PATCH', registry, { tags: { team: 'platform' } })).status, 200);
    assert.deepEqual((await query({ query: tagged })).data, [{ name: 'myregistry', tags: { team: 'platform' } }]);
    assert.equal((await arm(sb, 'PATCH', registry, { tags: { team: 'other' }, sku: { name: 'Basic' } })).status, 400);
    assert.deepEqual((await query({ query: tagged })).data, [{ name: 'myregistry', tags: { team: 'platform' } }]);
  });

  void it('an Azure SDK pipeline (bearer policy, the sandbox CA through tlsOptions) pages through the inventory', async () => {
    const pipeline = createPipelineFromOptions({ tlsOptions: { ca: sb.caCertPem }, retryOptions: { maxRetries: 0 } });
    pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: fakeCredential(sb.armEndpoint), scopes: `${sb.armEndpoint}/.default` }));
    const client = createDefaultHttpClient();
    const ids: unknown[] = [];
    let skipToken: string | undefined;
    do {
      const request = createPipelineRequest({
        url: `${sb.armEndpoint}${ARG_PATH}?api-version=2024-04-01`,
        method: 'POST',
        headers: createHttpHeaders({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({ subscriptions: [SUB1, SUB2], query: INVENTORY_QUERY, options: { $top: 4, ...(skipToken ? { $skipToken: skipToken } : {}) } }),
      });
      const res = await pipeline.sendRequest(client, request);
      assert.equal(res.status, 200, res.bodyAsText ?? '');
      const page = JSON.parse(res.bodyAsText ?? '{}') as ArgResponse;
      ids.push(...page.data.map((r) => r['id']));
      skipToken = page.$skipToken;
    } while (skipToken);
    assert.equal(ids.length, 10);
    assert.equal(new Set(ids).size, 10);
  });

  // As Microsoft's "Azure Resource Graph table and resource type reference" lists them: resolvers,
  // their inbound endpoints and rulesets are in `resources`; a ruleset's forwarding rules and VNet
  // links are in no table, so they are read from ARM.
  void it('DNS Private Resolver: resolvers, inbound endpoints and rulesets are rows; forwarding rules and ruleset links only ARM lists', async () => {
    assert.equal((await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'private-resolver' })).status, 200);
    try {
      const rows = (await query({ subscriptions: [SUB1, SUB2], query: 'resources | project id, type', options: { $top: 1000 } })).data;
      const dnsTypes = [...new Set(rows.map((r) => String(r['type'])).filter((t) => t.startsWith('microsoft.network/dns')))].sort();
      assert.deepEqual(dnsTypes, ['microsoft.network/dnsforwardingrulesets', 'microsoft.network/dnsresolvers', 'microsoft.network/dnsresolvers/inboundendpoints']);
      const records = (await query({ subscriptions: [SUB1, SUB2], query: 'dnsresources | project id, type', options: { $top: 1000 } })).data;
      assert.deepEqual([...new Set(records.map((r) => String(r['type'])))], ['microsoft.network/privatednszones/a']);
      const ruleset = String(rows.find((r) => r['type'] === 'microsoft.network/dnsforwardingrulesets')?.['id']);
      for (const child of ['forwardingRules', 'virtualNetworkLinks']) {
        const listed = await arm(sb, 'GET', `${ruleset}/${child}?api-version=2022-07-01`);
        assert.equal(listed.status, 200, listed.text);
        const value = (listed.json as { value: Json[] }).value;
        assert.equal(value.length, 1, `${child}: ${listed.text}`);
        assert.equal(rows.some((r) => String(r['id']).toLowerCase() === String(value[0]?.['id']).toLowerCase()), false, `${child} is not a graph row`);
      }
    } finally {
      assert.equal((await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'seed' })).status, 200);
    }
  });

  // Last: a page size chosen through the control API stays chosen.
  void it('the control API page size caps $top, so tests can force paging', async () => {
    assert.equal((await raw(sb, 'POST', '/_sandbox/paging', { pageSize: 2 })).status, 200);
    const pages = await allPages({ query: 'resources | project id', options: { $top: 5 } });
    assert.deepEqual(pages.map((p) => p.count), [2, 2, 2, 2, 2, 1]);
    assert.equal(new Set(pages.flatMap((p) => p.data.map((r) => r['id']))).size, 11);
  });
});
