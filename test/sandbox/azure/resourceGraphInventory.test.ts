// The inventory through Azure Resource Graph against the sandbox, with the real pipeline over HTTPS:
// the same snapshot and the same form pickers as plain ARM reads, in fewer requests; a write shows at
// once (its subscription is read from ARM); a failing Resource Graph falls back to ARM.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAzureServices, createSandboxCredential, type AzureServices } from '../../../src/azure';
import type { Snapshot } from '../../../src/model/types';
import { startSandbox, SEED, SUBSCRIPTION_DEV, SUBSCRIPTION_PRODUCTION, type RunningSandbox } from '../../../src/sandbox';
import { BEARER, raw } from '../helpers';

const REGISTRY_ID = `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${SEED.registry}`;

function connect(sb: RunningSandbox, inventorySource: 'resourceGraph' | 'arm'): AzureServices {
  return createAzureServices({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
    credential: createSandboxCredential(),
    pollIntervalMs: 1,
    retry: { maxRetries: 1, baseDelayMs: 1 },
    inventorySource,
  });
}

/** A snapshot with its time blanked and its lists in one order (reads finish in any order). */
function comparable(snapshot: Snapshot): unknown {
  const key = (x: unknown): string => (x && typeof x === 'object' && 'id' in x ? String((x as { id: unknown }).id).toLowerCase() : JSON.stringify(x));
  const out: Record<string, unknown> = {};
  // Resource Graph rows carry no etag: zones, links and record sets read through it have none (writes
  // that need one read it from ARM first).
  const noEtag = (x: unknown): unknown => {
    if (!x || typeof x !== 'object') return x;
    const { etag: _etag, ...rest } = x as Record<string, unknown>;
    return rest;
  };
  for (const [name, value] of Object.entries(snapshot)) {
    const list = Array.isArray(value) ? (['privateDnsZones', 'virtualNetworkLinks', 'aRecordSets'].includes(name) ? value.map(noEtag) : value) : undefined;
    out[name] = list ? [...list].sort((a, b) => key(a).localeCompare(key(b))) : value;
  }
  return { ...out, takenAt: '' };
}

interface LogEntry {
  method: string;
  path: string;
}

async function requestLog(sb: RunningSandbox): Promise<LogEntry[]> {
  return ((await raw(sb, 'GET', '/_sandbox/requests')).json as { value: LogEntry[] }).value;
}

void describe('sandbox: the inventory through Azure Resource Graph', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ scenario: 'seed' });
  });
  after(async () => sb.close());

  void it('gives the snapshot plain ARM reads give, in fewer requests', async () => {
    await raw(sb, 'DELETE', '/_sandbox/requests');
    const viaArm = await connect(sb, 'arm').loader.loadSnapshot();
    const armRequests = (await requestLog(sb)).length;
    await raw(sb, 'DELETE', '/_sandbox/requests');
    const graph = connect(sb, 'resourceGraph');
    const viaGraph = await graph.loader.loadSnapshot();
    const log = await requestLog(sb);
    assert.equal(graph.loader.inventorySource().source, 'resourceGraph', graph.loader.inventorySource().resourceGraphError?.message);
    assert.deepEqual(comparable(viaGraph), comparable(viaArm));
    assert.ok(log.some((e) => /resourcegraph/i.test(e.path)), 'Resource Graph was queried');
    // (The Pending connection's endpoint lives in another tenant's subscription, which only ARM can try.)
    const listed = [SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_DEV].map((s) => `/subscriptions/${s}/`);
    const oneByOne = log.filter((e) => e.method === 'GET' && listed.some((p) => e.path.toLowerCase().startsWith(p)) && /\/(privateEndpoints|networkInterfaces|virtualNetworks)\/[^/]+$/i.test(e.path));
    assert.deepEqual(oneByOne, [], 'no endpoint, NIC or VNet of a listed subscription read one by one');
    assert.ok(log.length < armRequests, `${log.length} requests with Resource Graph, ${armRequests} without`);
    // The record sets come from the dnsresources table: no zone's A records listed from ARM, no registry list.
    assert.ok(viaGraph.aRecordSets.length > 0 && viaGraph.aRecordSets.every((r) => r.etag === ''));
    assert.deepEqual(log.filter((e) => e.method === 'GET' && /\/privateDnsZones\/[^/]+\/A$/i.test(e.path)), [], 'no A record list read from ARM');
    assert.deepEqual(log.filter((e) => e.method === 'GET' && /\/registries$/i.test(e.path)), [], 'no registry list read from ARM');
  });

  void it('a fix of a record read through Resource Graph takes its etag from ARM, and a record changed since is a conflict', async () => {
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'seed' });
    const azure = connect(sb, 'resourceGraph');
    const registry = await azure.loader.getRegistry(REGISTRY_ID);
    const details = await azure.loader.loadRegistryDetails(registry);
    const record = details.aRecordSets.find((r) => r.name === SEED.registry)!;
    assert.equal(record.etag, '', 'read through the graph');
    const addTo = (ip: string) => ({ kind: 'addToARecordSet' as const, recordSetId: record.id, ifMatch: record.etag, ttl: record.ttl, existingIpv4Addresses: record.ipv4Addresses, addedIpv4Addresses: [ip] });
    // Someone adds an address in Azure after the read: the fix made from the read must not go through.
    const armRecord = (await raw(sb, 'GET', `${record.id}?api-version=2024-06-01`, undefined, BEARER)).json as { properties: { aRecords: { ipv4Address: string }[]; ttl: number } };
    const changed = await raw(sb, 'PATCH', `${record.id}?api-version=2024-06-01`, { properties: { ttl: armRecord.properties.ttl, aRecords: [...armRecord.properties.aRecords, { ipv4Address: '10.9.9.9' }] } }, BEARER);
    assert.equal(changed.status, 200, changed.text);
    await raw(sb, 'DELETE', '/_sandbox/requests');
    const [conflict] = await azure.applyFixPlan({ title: 'add', findingKey: 'test', safe: true, writes: [addTo('10.8.8.8')] });
    assert.equal(conflict?.status, 'conflict', JSON.stringify(conflict));
    assert.ok(!(await requestLog(sb)).some((e) => e.method === 'PATCH'), 'nothing written');
    // Made from what ARM holds now (still without an etag), it is written, conditionally on ARM's etag.
    const now = (await raw(sb, 'GET', `${record.id}?api-version=2024-06-01`, undefined, BEARER)).json as { etag: string; properties: { aRecords: { ipv4Address: string }[] } };
    await raw(sb, 'DELETE', '/_sandbox/requests');
    const [applied] = await azure.applyFixPlan({ title: 'add', findingKey: 'test', safe: true, writes: [{ ...addTo('10.8.8.8'), existingIpv4Addresses: now.properties.aRecords.map((a) => a.ipv4Address) }] });
    assert.equal(applied?.status, 'applied', JSON.stringify(applied));
    const log = await requestLog(sb);
    assert.deepEqual(log.map((e) => e.method), ['GET', 'PATCH'], 'the etag read from ARM, then the conditional write');
    const after = (await raw(sb, 'GET', `${record.id}?api-version=2024-06-01`, undefined, BEARER)).json as { etag: string; properties: { aRecords: { ipv4Address: string }[] } };
    assert.notEqual(after.etag, now.etag);
    assert.deepEqual(after.properties.aRecords.map((a) => a.ipv4Address).sort(), [...now.properties.aRecords.map((a) => a.ipv4Address), '10.8.8.8'].sort());
  });

  void it('fills the create-endpoint pickers as ARM reads do, in one round', async () => {
    const viaArm = await connect(sb, 'arm').provisioning.loadCreateEndpointInventory(SUBSCRIPTION_PRODUCTION, [REGISTRY_ID]);
    await raw(sb, 'DELETE', '/_sandbox/requests');
    const viaGraph = await connect(sb, 'resourceGraph').provisioning.loadCreateEndpointInventory(SUBSCRIPTION_PRODUCTION, [REGISTRY_ID]);
    const log = await requestLog(sb);
    assert.deepEqual(viaGraph, viaArm);
    assert.ok(viaGraph.virtualNetworks.length > 0 && viaGraph.zones.length > 0 && viaGraph.registries.length > 0);
    assert.deepEqual(viaGraph.registries.find((r) => r.name === SEED.registry)?.regions, ['westeurope', 'eastus']);
    assert.ok(!log.some((e) => /virtualNetworkLinks|replications/i.test(e.path)), 'links and replicas come with the first round');
  });

  void it('shows a record created a moment ago: the written subscription is read from ARM', async () => {
    const azure = connect(sb, 'resourceGraph');
    const registry = await azure.loader.getRegistry(REGISTRY_ID);
    const before = await azure.loader.loadRegistryDetails(registry);
    const zone = before.privateDnsZones[0]!;
    const nic = before.networkInterfaces[0]!;
    const ip = nic.ipConfigurations.find((c) => c.requiredMemberName === 'registry_data_eastus')!;
    const [outcome] = await azure.applyFixPlan({
      title: 'create the eastus data record',
      findingKey: 'test',
      safe: true,
      writes: [{ kind: 'createARecordSet', privateDnsZoneId: zone.id, recordSetName: `${SEED.registry}.eastus.data`, ttl: 10, ipv4Addresses: [ip.privateIPAddress], ifNoneMatch: '*' }],
    });
    assert.equal(outcome?.status, 'applied', JSON.stringify(outcome));
    await raw(sb, 'DELETE', '/_sandbox/requests');
    const afterWrite = await azure.loader.loadRegistryDetails(registry);
    assert.ok(afterWrite.aRecordSets.some((r) => r.name === `${SEED.registry}.eastus.data`));
    assert.ok((await requestLog(sb)).some((e) => /\/privateEndpoints\/[^/]+$/i.test(e.path)), 'the endpoint is read from ARM after the write');
    assert.equal(azure.loader.resourceGraphCurrent(SUBSCRIPTION_PRODUCTION), false);
  });

  void it('a throttled query is retried after Retry-After and Resource Graph is still used', async () => {
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'seed' });
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'POST', pathPattern: 'Microsoft.ResourceGraph', status: 429, headers: { 'Retry-After': '0' }, times: 1 });
    try {
      const azure = connect(sb, 'resourceGraph');
      const snapshot = await azure.loader.loadSnapshot();
      assert.equal(azure.loader.inventorySource().source, 'resourceGraph');
      assert.ok(snapshot.privateEndpoints.length > 0);
      assert.ok(azure.requestStats().retries >= 1);
    } finally {
      await raw(sb, 'DELETE', '/_sandbox/faults');
    }
  });

  void it('a malformed Resource Graph answer falls back to ARM, with the same result', async () => {
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'seed' });
    const expected = await connect(sb, 'arm').loader.loadSnapshot();
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'POST', pathPattern: 'Microsoft.ResourceGraph', kind: 'malformed' });
    try {
      const azure = connect(sb, 'resourceGraph');
      assert.deepEqual(comparable(await azure.loader.loadSnapshot()), comparable(expected));
      assert.equal(azure.loader.inventorySource().source, 'arm');
    } finally {
      await raw(sb, 'DELETE', '/_sandbox/faults');
    }
  });

  void it('falls back to ARM when Resource Graph fails, with the same result', async () => {
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'seed' });
    const expected = await connect(sb, 'arm').loader.loadSnapshot();
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'POST', pathPattern: 'Microsoft.ResourceGraph', status: 400, body: { error: { code: 'BadRequest', message: 'Injected.' } } });
    try {
      const azure = connect(sb, 'resourceGraph');
      const snapshot = await azure.loader.loadSnapshot();
      assert.deepEqual(comparable(snapshot), comparable(expected));
      assert.equal(azure.loader.inventorySource().source, 'arm');
      assert.equal(azure.loader.inventorySource().resourceGraphError?.status, 400);
      const pickers = await azure.provisioning.loadCreateEndpointInventory(SUBSCRIPTION_PRODUCTION, [REGISTRY_ID]);
      assert.ok(pickers.virtualNetworks.length > 0, 'the pickers fill from ARM');
    } finally {
      await raw(sb, 'DELETE', '/_sandbox/faults');
    }
  });
});
