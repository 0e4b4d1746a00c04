// The loader with Azure Resource Graph: the inventory's breadth in one query, ARM only for what the
// graph does not index, ARM again for whatever was just written or refreshed (the graph lags), and ARM
// for everything when the graph fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InventoryLoader } from '../../../src/azure/loader';
import type { LoadError } from '../../../src/model/types';
import { FakeReads, armFailure, buildEstate, endpointId, registryId, sub } from './fakeReads';

void describe('inventory loader with Resource Graph', () => {
  void it('gives the same snapshot as ARM reads, with one graph query in place of every endpoint, NIC, VNet, zone and link read', async () => {
    const estate = buildEstate(3, 4);
    const viaArm = await new InventoryLoader(new FakeReads(estate)).loadSnapshot();
    const reads = new FakeReads(estate);
    const loader = new InventoryLoader(reads, { resourceGraph: true });
    const viaGraph = await loader.loadSnapshot();
    assert.deepEqual({ ...viaGraph, takenAt: '' }, { ...viaArm, takenAt: '' });
    assert.equal(reads.count('graph '), 1);
    for (const kind of ['endpoint ', 'nic ', 'vnet ', 'zones ', 'links ']) assert.equal(reads.count(kind), 0, `${kind}read from ARM`);
    // What Resource Graph does not index is still read from ARM: records once per zone, groups per endpoint.
    assert.equal(reads.count('records '), 3);
    assert.equal(reads.count('zoneGroups '), 12);
    assert.deepEqual(loader.inventorySource(), { source: 'resourceGraph' });
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
