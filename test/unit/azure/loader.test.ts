// The inventory loader against an in-memory estate: fan-out under a cap, shared reads, the cache and
// its invalidation, errors that stay next to what loaded, and cancellation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InventoryLoader, isRegistryRecord, isRegistryZone } from '../../../src/azure/loader';
import { ArmLoadError } from '../../../src/azure/errors';
import { FakeReads, RG, armFailure, buildEstate, endpointId, registryId, sub, zoneId } from './fakeReads';

void describe('inventory loader', () => {
  void it('fans a snapshot out under the concurrency cap and reads every resource once', async () => {
    const reads = new FakeReads(buildEstate(4, 10));
    const loader = new InventoryLoader(reads, { concurrency: 5 });
    const snapshot = await loader.loadSnapshot();
    assert.equal(snapshot.registries.length, 40);
    assert.equal(snapshot.privateEndpoints.length, 40);
    assert.equal(snapshot.networkInterfaces.length, 40);
    assert.equal(snapshot.aRecordSets.length, 40);
    assert.equal(snapshot.privateDnsZones.length, 4);
    assert.equal(snapshot.virtualNetworks.length, 4);
    assert.deepEqual(snapshot.errors, []);
    assert.equal(snapshot.providerRegistrationState[sub(1)], 'Registered');
    assert.ok(reads.maxInFlight <= 5, `max in flight ${reads.maxInFlight}`);
    assert.equal(reads.maxInFlight, 5, 'the fan-out fills the cap');
    for (const [key, n] of reads.calls) assert.equal(n, 1, `${key} read ${n} times`);
    // zones, links and records once per subscription, not once per registry
    assert.equal(reads.count('zones '), 4);
    assert.equal(reads.count('records '), 4);
    assert.equal(loader.readCount(), reads.count());
  });

  void it('two callers asking for the same registry at once share every read', async () => {
    const reads = new FakeReads(buildEstate(1, 2));
    const loader = new InventoryLoader(reads);
    const [registry] = await loader.listRegistries(sub(1));
    const [a, b] = await Promise.all([loader.loadRegistryDetails(registry!), loader.loadRegistryDetails(registry!)]);
    assert.deepEqual(a, b);
    assert.equal(reads.count(`endpoint `), 1);
    assert.equal(reads.count(`nic `), 1);
    assert.equal(reads.count(`zones `), 1);
    assert.equal(reads.count(`records `), 1);
  });

  void it('keeps reads for the cache time, then reads again', async () => {
    let now = 1_000;
    const reads = new FakeReads(buildEstate(1, 1));
    const loader = new InventoryLoader(reads, { cacheTtlMs: 30_000, now: () => now });
    await loader.listSubscriptions();
    now += 29_999;
    await loader.listSubscriptions();
    assert.equal(reads.count('subscriptions'), 1);
    now += 2;
    await loader.listSubscriptions();
    assert.equal(reads.count('subscriptions'), 2);
  });

  void it('a write to a record set drops what it made stale and nothing else', async () => {
    const reads = new FakeReads(buildEstate(2, 1));
    const loader = new InventoryLoader(reads);
    const registry = (await loader.listRegistries(sub(1)))[0]!;
    await loader.loadRegistryDetails(registry);
    await loader.listRegistries(sub(2));
    const before = new Map(reads.calls);
    loader.invalidate(`${zoneId(sub(1))}/A/reg1x1`);
    await loader.loadRegistryDetails(registry);
    await loader.listRegistries(sub(1));
    await loader.listRegistries(sub(2));
    const reread = [...reads.calls].filter(([k, n]) => n !== (before.get(k) ?? 0)).map(([k]) => k.split(' ')[0]);
    // the zone list (record counts) and the zone's A records; not the registries, endpoint, NIC, links or VNet
    assert.deepEqual(reread.sort(), ['records', 'zones']);
  });

  void it("approving a connection drops the registry's lists that embed it", async () => {
    const reads = new FakeReads(buildEstate(1, 1));
    const loader = new InventoryLoader(reads);
    const registry = (await loader.listRegistries(sub(1)))[0]!;
    await loader.loadRegistryDetails(registry);
    loader.invalidate(registry.privateEndpointConnections[0]!.id);
    await loader.listRegistries(sub(1));
    await loader.loadRegistryDetails(registry);
    assert.equal(reads.count('registries '), 2);
    assert.equal(reads.count('usages '), 2);
    assert.equal(reads.count('records '), 1);
  });

  void it('a subscription that answers 403 becomes an error entry while the others load', async () => {
    const reads = new FakeReads(buildEstate(3, 2));
    reads.failures.set(`registries ${sub(2)}`, armFailure(403, 'AuthorizationFailed', "The client 'x' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/read'."));
    const loader = new InventoryLoader(reads);
    const snapshot = await loader.loadSnapshot();
    assert.deepEqual(snapshot.registries.map((r) => r.subscriptionId).sort(), [sub(1), sub(1), sub(3), sub(3)]);
    assert.equal(snapshot.errors.length, 1);
    assert.deepEqual({ ...snapshot.errors[0], message: undefined }, { scope: `/subscriptions/${sub(2)}`, read: 'registries', what: 'registries', status: 403, code: 'AuthorizationFailed', message: undefined });
    assert.match(snapshot.errors[0]!.message, /does not have authorization/);
    // and the tree, reading that one subscription, gets the same error to show on its node
    await assert.rejects(loader.listRegistries(sub(2)), (e: unknown) => e instanceof ArmLoadError && e.loadError.status === 403 && e.loadError.scope === `/subscriptions/${sub(2)}`);
  });

  void it('an endpoint in a subscription the caller cannot read is an error; its sibling endpoints and the zones still load', async () => {
    const estate = buildEstate(1, 1);
    const registry = estate.registries[0]!;
    const foreign = endpointId(sub(9), 'partner-endpoint');
    registry.privateEndpointConnections.push({ id: `${registry.id}/privateEndpointConnections/p`, name: 'p', registryId: registry.id, privateEndpointId: foreign, status: 'Pending' });
    const reads = new FakeReads(estate);
    reads.failures.set(`endpoint ${foreign}`, armFailure(403, 'AuthorizationFailed', 'no access'));
    reads.failures.set(`zones ${sub(9)}`, armFailure(403, 'AuthorizationFailed', 'no access'));
    const details = await new InventoryLoader(reads).loadRegistryDetails(registry);
    assert.deepEqual(details.privateEndpoints.map((p) => p.name), ['pe-reg1x1']);
    assert.equal(details.networkInterfaces.length, 1);
    assert.deepEqual(details.aRecordSets.map((r) => r.name), ['reg1x1']);
    assert.deepEqual(details.errors.map((e) => [e.scope, e.what, e.status]), [
      [foreign, 'private endpoint', 403],
      [`/subscriptions/${sub(9)}`, 'private DNS zones', 403],
    ]);
  });

  void it('reads a first page and resumes from its continuation token for "Load more…"', async () => {
    const reads = new FakeReads(buildEstate(1, 1));
    const pages: Record<string, { items: string[]; next?: string }> = { '': { items: ['a', 'b'], next: 't1' }, t1: { items: ['c'] } };
    reads.listRegistries = (_s, request) =>
      Promise.resolve({
        items: pages[request.continuationToken ?? '']!.items.map((name) => ({ ...reads.estate.registries[0]!, id: registryId(sub(1), name), name })),
        ...(pages[request.continuationToken ?? '']!.next ? { continuationToken: pages[request.continuationToken ?? '']!.next! } : {}),
      });
    const loader = new InventoryLoader(reads);
    const first = await loader.listRegistriesPage(sub(1), { maxItems: 2 });
    assert.deepEqual([first.items.map((r) => r.name), first.continuationToken], [['a', 'b'], 't1']);
    const more = await loader.listRegistriesPage(sub(1), { maxItems: 2, continuationToken: first.continuationToken! });
    assert.deepEqual([more.items.map((r) => r.name), more.continuationToken], [['c'], undefined]);
  });

  void it('cancelling a load rejects it and cancels the reads nobody else waits for', async () => {
    const reads = new FakeReads(buildEstate(2, 3));
    let release!: () => void;
    reads.hold = new Promise((resolve) => (release = resolve));
    const loader = new InventoryLoader(reads, { concurrency: 2 });
    const controller = new AbortController();
    const loading = loader.loadSnapshot(undefined, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await assert.rejects(loading, (e: Error) => e.name === 'AbortError');
    assert.ok(reads.signals.length > 0 && reads.signals.every((s) => s.aborted));
    release();
    // nothing cancelled was cached: the next load reads again and completes
    reads.hold = undefined;
    const snapshot = await loader.loadSnapshot();
    assert.equal(snapshot.registries.length, 6);
  });

  void it('a caller that cancels does not cancel the read another caller still waits for', async () => {
    const reads = new FakeReads(buildEstate(1, 1));
    let release!: () => void;
    reads.hold = new Promise((resolve) => (release = resolve));
    const loader = new InventoryLoader(reads);
    const controller = new AbortController();
    const impatient = loader.listSubscriptions({ signal: controller.signal });
    const patient = loader.listSubscriptions();
    controller.abort();
    await assert.rejects(impatient, (e: Error) => e.name === 'AbortError');
    release();
    assert.equal((await patient).length, 1);
    assert.equal(reads.count('subscriptions'), 1);
  });

  void it('the zones that concern a registry: privatelink.azurecr.io and wrongly named zones under azurecr.io; its own records only', () => {
    const registry = buildEstate(1, 1).registries[0]!;
    assert.ok(isRegistryZone('privatelink.azurecr.io', registry));
    assert.ok(isRegistryZone('azurecr.io', registry));
    assert.ok(isRegistryZone('westeurope.data.azurecr.io', registry));
    assert.ok(!isRegistryZone('privatelink.blob.core.windows.net', registry));
    assert.ok(!isRegistryZone('notazurecr.io', registry));
    assert.ok(isRegistryRecord('reg1x1', registry));
    assert.ok(isRegistryRecord('REG1X1.westeurope.data', registry));
    assert.ok(!isRegistryRecord('reg1x10', registry));
    assert.ok(!isRegistryRecord('other', registry));
    assert.equal(RG, 'rg');
  });

  void it('loads a wrongly named zone next to the right one, with the registry records in each', async () => {
    const estate = buildEstate(1, 1);
    const wrong = zoneId(sub(1), 'azurecr.io');
    estate.zones.push({ id: wrong, name: 'azurecr.io', subscriptionId: sub(1), resourceGroup: RG });
    estate.records.push({ id: `${wrong}/A/reg1x1`, name: 'reg1x1', privateDnsZoneId: wrong, fqdn: 'reg1x1.azurecr.io.', ttl: 10, etag: 'w', ipv4Addresses: ['10.9.9.9'] });
    estate.zones.push({ id: zoneId(sub(1), 'privatelink.vaultcore.azure.net'), name: 'privatelink.vaultcore.azure.net', subscriptionId: sub(1), resourceGroup: RG });
    const reads = new FakeReads(estate);
    const details = await new InventoryLoader(reads).loadRegistryDetails(estate.registries[0]!);
    assert.deepEqual(details.privateDnsZones.map((z) => z.name).sort(), ['azurecr.io', 'privatelink.azurecr.io']);
    assert.deepEqual(details.aRecordSets.map((r) => r.fqdn).sort(), ['reg1x1.azurecr.io.', 'reg1x1.privatelink.azurecr.io.']);
    assert.equal(reads.count('records '), 2);
  });
});
