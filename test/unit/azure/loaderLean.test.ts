// The tree's lean registry details: zone groups and usages are left unread only where they cannot
// change the registry's findings, and the status panel's completion reads exactly what was left.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONNECTIONS_WORTH_A_USAGE_READ, InventoryLoader } from '../../../src/azure/loader';
import { diagnoseRegistry } from '../../../src/state/diagnoseRegistry';
import type { Registry } from '../../../src/model/types';
import { FakeReads, buildEstate, sub, vnetId, zoneId } from './fakeReads';

async function firstRegistry(loader: InventoryLoader): Promise<Registry> {
  const [registry] = await loader.listRegistries(sub(1));
  assert.ok(registry);
  return registry;
}

void describe('lean registry details (the tree)', () => {
  void it('skip zone groups and usages on a healthy registry, with the same findings as a full load', async () => {
    const estate = buildEstate(1, 2);
    const reads = new FakeReads(estate);
    const loader = new InventoryLoader(reads);
    const registry = await firstRegistry(loader);
    const lean = await loader.loadRegistryDetails(registry, { lean: true });
    assert.deepEqual(lean.skipped, ['privateDnsZoneGroups', 'usages']);
    assert.equal(reads.count('zoneGroups '), 0);
    assert.equal(reads.count('usages '), 0);
    const full = await new InventoryLoader(new FakeReads(estate)).loadRegistryDetails(registry);
    assert.equal(full.skipped, undefined);
    const subscription = estate.subscriptions[0]!;
    assert.deepEqual(diagnoseRegistry(subscription, registry, lean).findings, diagnoseRegistry(subscription, registry, full).findings);
  });

  void it('read zone groups when an endpoint VNet has no link to a privatelink zone', async () => {
    const estate = buildEstate(1, 1);
    estate.links = [];
    const reads = new FakeReads(estate);
    const loader = new InventoryLoader(reads);
    const details = await loader.loadRegistryDetails(await firstRegistry(loader), { lean: true });
    assert.deepEqual(details.skipped, ['usages']);
    assert.equal(reads.count('zoneGroups '), 1);
  });

  void it('read zone groups when a wrongly named zone serves the registry', async () => {
    const estate = buildEstate(1, 1);
    const wrong = zoneId(sub(1), 'azurecr.io');
    estate.zones.push({ id: wrong, name: 'azurecr.io', subscriptionId: sub(1), resourceGroup: 'rg' });
    estate.links.push({ id: `${wrong}/virtualNetworkLinks/l`, name: 'l', privateDnsZoneId: wrong, virtualNetworkId: vnetId(sub(1)), registrationEnabled: false });
    const reads = new FakeReads(estate);
    const loader = new InventoryLoader(reads);
    await loader.loadRegistryDetails(await firstRegistry(loader), { lean: true });
    assert.equal(reads.count('zoneGroups '), 1);
  });

  void it('read usages when the registry has enough connections to near its limit', async () => {
    const estate = buildEstate(1, 1);
    const registry = estate.registries[0]!;
    const first = registry.privateEndpointConnections[0]!;
    registry.privateEndpointConnections = Array.from({ length: CONNECTIONS_WORTH_A_USAGE_READ }, (_, i) => ({ ...first, id: `${first.id}${i}`, name: `c${i}` }));
    const reads = new FakeReads(estate);
    const loader = new InventoryLoader(reads);
    const details = await loader.loadRegistryDetails(await firstRegistry(loader), { lean: true });
    assert.equal(reads.count('usages '), 1);
    assert.deepEqual(details.skipped, ['privateDnsZoneGroups']);
  });

  void it('completing lean details reads what was skipped and nothing else', async () => {
    const reads = new FakeReads(buildEstate(1, 2));
    const loader = new InventoryLoader(reads);
    const registry = await firstRegistry(loader);
    const lean = await loader.loadRegistryDetails(registry, { lean: true });
    const before = reads.count();
    const complete = await loader.completeRegistryDetails(registry, lean);
    assert.equal(complete.skipped, undefined);
    assert.equal(complete.usages.length, 1);
    assert.equal(reads.count() - before, 2, 'one usages read and one zone-group read');
    assert.equal(await loader.completeRegistryDetails(registry, complete), complete, 'complete details are returned as they are');
  });
});

void describe('reading a registry again after a refresh', () => {
  void it('requests the registry and everything its details needed last time at once, and reads each once', async () => {
    const reads = new FakeReads(buildEstate(1, 1));
    // A cap above the reads' count, so that every read that could start is seen starting.
    const loader = new InventoryLoader(reads, { concurrency: 32 });
    const registry = await firstRegistry(loader);
    const previous = await loader.loadRegistryDetails(registry);
    loader.invalidate();
    loader.invalidate(registry.id);
    const before = new Map(reads.calls);
    let release!: () => void;
    reads.hold = new Promise<void>((resolve) => (release = resolve));
    loader.prefetchRegistryDetails(registry, previous);
    const again = loader.getRegistry(registry.id).then((r) => loader.loadRegistryDetails(r));
    // Let every read that can start, start, while none can finish.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = [...reads.calls].filter(([k, n]) => n > (before.get(k) ?? 0)).map(([k]) => k.split(' ')[0]).sort();
    assert.deepEqual(started, ['endpoint', 'links', 'nic', 'records', 'registry', 'replications', 'usages', 'vnet', 'zoneGroups', 'zones']);
    release();
    reads.hold = undefined;
    assert.deepEqual(await again, previous);
    for (const [key, n] of reads.calls) assert.equal(n - (before.get(key) ?? 0), key.startsWith('subscriptions') || key.startsWith('registries') ? 0 : 1, `${key} read again ${n - (before.get(key) ?? 0)} times`);
  });
});
