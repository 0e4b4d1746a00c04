// The loader with Azure Resource Graph: the inventory's breadth in one query, ARM only for what the
// graph does not index, ARM again for whatever was just written or refreshed (the graph lags), and ARM
// for everything when the graph fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InventoryLoader } from '../../../src/azure/loader';
import type { LoadError } from '../../../src/model/types';
import { FakeReads, armFailure, buildEstate, endpointId, registryId, sub, zoneId } from './fakeReads';

void describe('inventory loader with Resource Graph', () => {
  void it('gives the same snapshot as ARM reads (etags aside), with the graph in place of every registry list, endpoint, NIC, VNet, zone, link and record read', async () => {
    const estate = buildEstate(3, 4);
    const viaArm = await new InventoryLoader(new FakeReads(estate)).loadSnapshot();
    const reads = new FakeReads(estate);
    const loader = new InventoryLoader(reads, { resourceGraph: true });
    const viaGraph = await loader.loadSnapshot();
    // Resource Graph has no etags: its record sets carry none, and a write reads them from ARM.
    assert.ok(viaGraph.aRecordSets.length === 12 && viaGraph.aRecordSets.every((r) => r.etag === ''));
    const noEtags = { ...viaArm, takenAt: '', aRecordSets: viaArm.aRecordSets.map((r) => ({ ...r, etag: '' })) };
    assert.deepEqual({ ...viaGraph, takenAt: '' }, noEtags);
    assert.equal(reads.count('graph '), 1);
    for (const kind of ['registries ', 'endpoint ', 'nic ', 'vnet ', 'zones ', 'links ', 'records ']) assert.equal(reads.count(kind), 0, `${kind}read from ARM`);
    // What Resource Graph does not index is still read from ARM: zone groups per endpoint.
    assert.equal(reads.count('zoneGroups '), 12);
    assert.deepEqual(loader.inventorySource(), { source: 'resourceGraph' });
  });

  void it('with resourceGraphRecords false, lists registries and reads records from ARM as before', async () => {
    const reads = new FakeReads(buildEstate(3, 4));
    const snapshot = await new InventoryLoader(reads, { resourceGraph: true, resourceGraphRecords: false }).loadSnapshot();
    assert.equal(reads.count('registries '), 3);
    assert.equal(reads.count('records '), 3);
    assert.ok(snapshot.aRecordSets.every((r) => r.etag.startsWith('e-')));
  });

  void it('reads from ARM the records of a zone whose graph row counts more record sets than the graph shows, the other zones still from the graph', async () => {
    const estate = buildEstate(2, 1);
    // Both zones hold one A record set besides the SOA; the graph has not indexed the second one's yet.
    for (const zone of estate.zones) zone.numberOfRecordSets = 2;
    const reads = new FakeReads(estate);
    reads.notInGraph.add(`${zoneId(sub(2))}/A/reg2x1`.toLowerCase());
    const loader = new InventoryLoader(reads, { resourceGraph: true });
    const snapshot = await loader.loadSnapshot();
    assert.equal(reads.count('records '), 1);
    assert.equal(reads.count(`records ${zoneId(sub(2))}`), 1);
    assert.deepEqual(snapshot.aRecordSets.map((r) => [r.name, r.etag]), [['reg1x1', ''], ['reg2x1', 'e-reg2x1']]);
  });

  void it('reads every zone\'s records from ARM when the graph\'s record query fails, and a zone whose records neither can read is an error, not an empty zone', async () => {
    const reads = new FakeReads(buildEstate(2, 1));
    reads.graphRecordsFail = true;
    reads.failures.set(`records ${zoneId(sub(2))}`, armFailure(429, 'TooManyRequests', 'Too many requests.'));
    const loader = new InventoryLoader(reads, { resourceGraph: true });
    const snapshot = await loader.loadSnapshot();
    assert.equal(reads.count('endpoint '), 0, 'the rest of the graph still answers');
    assert.deepEqual(snapshot.aRecordSets.map((r) => r.name), ['reg1x1']);
    const unread = snapshot.errors.filter((e) => e.scope === zoneId(sub(2)));
    assert.equal(unread.length, 1);
    assert.equal(unread[0]?.status, 429);
  });

  void it('reads records from ARM in a subscription written a moment ago', async () => {
    const reads = new FakeReads(buildEstate(2, 1));
    const loader = new InventoryLoader(reads, { resourceGraph: true });
    loader.invalidate(`${zoneId(sub(1))}/A/reg1x1`);
    const snapshot = await loader.loadSnapshot();
    assert.equal(reads.count('registries '), 1, 'the written subscription lists its registries from ARM');
    assert.equal(reads.count(`records ${zoneId(sub(1))}`), 1);
    assert.equal(reads.count(`records ${zoneId(sub(2))}`), 0);
    assert.equal(snapshot.aRecordSets.find((r) => r.name === 'reg1x1')?.etag, 'e-reg1x1');
  });

  void it('pages a subscription\'s registries from the graph, and from ARM once the graph cannot answer', async () => {
    const reads = new FakeReads(buildEstate(1, 5));
    const loader = new InventoryLoader(reads, { resourceGraph: true });
    const first = await loader.listRegistriesPage(sub(1), { maxItems: 2 });
    assert.deepEqual(first.items.map((r) => r.name), ['reg1x1', 'reg1x2']);
    assert.ok(first.continuationToken);
    const second = await loader.listRegistriesPage(sub(1), { maxItems: 2, continuationToken: first.continuationToken! });
    assert.deepEqual(second.items.map((r) => r.name), ['reg1x3', 'reg1x4']);
    assert.equal(reads.count('registries '), 0);
    loader.invalidate(registryId(sub(1), 'reg1x1'));
    const third = await loader.listRegistriesPage(sub(1), { maxItems: 2, continuationToken: second.continuationToken! });
    assert.deepEqual(third.items.map((r) => r.name), ['reg1x5']);
    assert.equal(third.continuationToken, undefined);
    assert.equal(reads.count('registries '), 1);
  });

  void it('reads a subscription from ARM after a write or refresh in it, the others still from the graph', async () => {
    const reads = new FakeReads(buildEstate(2, 1));
    const loader = new InventoryLoader(reads, { resourceGraph: true });
    const [one] = await loader.listRegistries(sub(1));
    const [two] = await loader.listRegistries(sub(2));
    await loader.loadRegistryDetails(one!);
    assert.equal(reads.count('endpoint '), 0);
    loader.invalidate(registryId(sub(1), 'reg1x1'));
    assert.equal(loader.resourceGraphCurrent(sub(1)), false);
    assert.equal(loader.resourceGraphCurrent(sub(2)), true);
    const again = await loader.loadRegistryDetails(one!);
    assert.equal(reads.count(`endpoint ${endpointId(sub(1), 'pe-reg1x1')}`), 1, 'the written subscription is read from ARM');
    assert.equal(again.privateEndpoints.length, 1);
    await loader.loadRegistryDetails(two!);
    assert.equal(reads.count(`endpoint ${endpointId(sub(2), 'pe-reg2x1')}`), 0, 'the other subscription still comes from the graph');
  });

  void it('goes back to the graph once its lag has passed', async () => {
    let now = 0;
    const reads = new FakeReads(buildEstate(1, 1));
    const loader = new InventoryLoader(reads, { resourceGraph: true, resourceGraphLagMs: 60_000, cacheTtlMs: 0, now: () => now });
    loader.invalidate(registryId(sub(1), 'reg1x1'));
    const [registry] = await loader.listRegistries(sub(1));
    await loader.loadRegistryDetails(registry!);
    assert.equal(reads.count('endpoint '), 1);
    now += 60_000;
    await loader.loadRegistryDetails(registry!);
    assert.equal(reads.count('endpoint '), 1, 'no ARM read of the endpoint once the graph has caught up');
  });

  void it('reads from ARM an endpoint the graph does not show yet', async () => {
    const reads = new FakeReads(buildEstate(1, 2));
    const newEndpoint = endpointId(sub(1), 'pe-reg1x2');
    reads.notInGraph.add(newEndpoint.toLowerCase());
    const loader = new InventoryLoader(reads, { resourceGraph: true });
    const registries = await loader.listRegistries(sub(1));
    const details = await Promise.all(registries.map((r) => loader.loadRegistryDetails(r)));
    assert.deepEqual(details.map((d) => d.privateEndpoints.map((e) => e.name)), [['pe-reg1x1'], ['pe-reg1x2']]);
    assert.equal(reads.count('endpoint '), 1);
    assert.equal(reads.count(`endpoint ${newEndpoint}`), 1);
  });

  void it('falls back to ARM when the graph fails, says why, and does not ask it again for a while', async () => {
    const reads = new FakeReads(buildEstate(2, 2));
    reads.failures.set('graph', armFailure(400, 'BadRequest', 'Resource Graph is not available in this cloud.'));
    const told: LoadError[] = [];
    const loader = new InventoryLoader(reads, { resourceGraph: true, onResourceGraphError: (e) => told.push(e) });
    const snapshot = await loader.loadSnapshot();
    assert.equal(snapshot.registries.length, 4);
    assert.equal(snapshot.privateEndpoints.length, 4);
    assert.deepEqual(snapshot.errors, [], 'the fallback is not an error of the inventory');
    assert.equal(reads.count('endpoint '), 4);
    assert.equal(loader.inventorySource().source, 'arm');
    assert.equal(loader.inventorySource().resourceGraphError?.code, 'BadRequest');
    assert.equal(told.length, 1);
    loader.invalidate();
    await loader.loadSnapshot();
    assert.equal(reads.count('graph '), 1, 'not asked again within the lag');
    assert.equal(loader.resourceGraphCurrent(sub(1)), false);
  });

  void it('is not used unless asked for', async () => {
    const reads = new FakeReads(buildEstate(1, 1));
    const loader = new InventoryLoader(reads);
    await loader.loadSnapshot();
    assert.equal(reads.count('graph '), 0);
    assert.equal(loader.resourceGraphCurrent(sub(1)), false);
  });
});
