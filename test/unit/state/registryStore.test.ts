// The registry store over the real inventory loader and the real diagnosis, with an in-memory ARM
// estate behind the loader: one read per registry however many ask, one re-read per write, change
// events that say what changed, and no reader ever handed a state older than the store's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InventoryLoader } from '../../../src/azure/loader';
import { diagnoseRegistry } from '../../../src/state/diagnoseRegistry';
import { RegistryStore, type RegistryChange, type RegistryReads } from '../../../src/state/registryStore';
import type { Registry } from '../../../src/model/types';
import type { Finding } from '../../../src/diagnosis';
import { FakeReads, armFailure, buildEstate, registryId, sub, zoneId } from '../azure/fakeReads';

function setUp(options: { withoutRecord?: boolean } = {}) {
  const estate = buildEstate(1, 2);
  const id = registryId(sub(1), 'reg1x1');
  const record = estate.records.find((r) => r.name === 'reg1x1')!;
  if (options.withoutRecord) estate.records = estate.records.filter((r) => r !== record);
  const reads = new FakeReads(estate);
  const loader = new InventoryLoader(reads);
  const store = new RegistryStore({ reads: () => loader, loadedReads: () => loader, diagnose: diagnoseRegistry });
  const changes: RegistryChange[] = [];
  store.onDidChange((c) => changes.push(c));
  return { estate, id, record, reads, loader, store, changes, reasons: () => changes.map((c) => c.reason) };
}

const missing = (findings: { id: string }[] | undefined): number => (findings ?? []).filter((f) => f.id === 'dns.record.missing').length;

void describe('registry store', () => {
  void it('reads a registry once however many ask at the same time, and tells its listeners once', async () => {
    const { id, reads, store, changes } = setUp();
    const [a, b, c] = await Promise.all([store.read(id), store.read(id), store.read(id)]);
    assert.equal(a, b);
    assert.equal(b, c);
    assert.equal(reads.count('registry '), 1);
    assert.equal(reads.count('zones '), 1);
    assert.deepEqual(changes.map((ch) => [ch.reason, ch.entry.version]), [['read', a.version]]);
    assert.equal(a.registry.name, 'reg1x1');
    assert.equal(a.subscription.subscriptionId, sub(1));
    assert.deepEqual(a.diagnosis?.findings.filter((f) => f.severity === 'error'), []);
    assert.ok(a.readAt !== undefined && !a.stale);
    // Asked again later: what the store holds, no read.
    assert.equal(await store.read(id), a);
    assert.equal(reads.count('registry '), 1);
  });

  void it('after a write, one re-read replaces the state, and a reader meanwhile gets the new state, not the old', async () => {
    const { estate, id, record, reads, loader, store, changes } = setUp({ withoutRecord: true });
    const before = await store.read(id);
    assert.equal(missing(before.diagnosis?.findings), 1, 'the record is missing before the fix');
    const registryReads = reads.count('registry ');
    const recordReads = reads.count('records ');

    // The fix: Azure now holds the record, and the write dropped it from the loader's cache.
    estate.records.push(record);
    loader.invalidate(record.id);
    const rereading = store.reread(id);
    const duringReread = await store.read(id);
    const after = await rereading;

    assert.equal(duringReread, after, 'a read during the re-read waits for it');
    assert.equal(missing(after.diagnosis?.findings), 0, 'the re-read sees the record');
    assert.ok(after.version > before.version);
    assert.equal(reads.count('registry ') - registryReads, 1, 'the registry is read once again');
    assert.equal(reads.count('records ') - recordReads, 1, 'the zone records are read once again');
    assert.deepEqual(changes.slice(1).map((c) => c.reason), ['stale', 'reread']);
    const reread = changes.at(-1)!;
    assert.equal(reread.previous?.version, changes[1]!.entry.version);
    assert.equal(missing(reread.entry.diagnosis?.findings), 0, 'listeners are told the new diagnosis');
    assert.equal(store.get(id), after);
  });

  void it('completing a lean read reads only what the lean read skipped', async () => {
    const { id, reads, store, changes } = setUp();
    const lean = await store.read(id);
    assert.equal(lean.complete, false);
    assert.deepEqual(lean.details?.skipped, ['privateDnsZoneGroups', 'usages']);
    const complete = await store.read(id, { complete: true });
    assert.equal(complete.complete, true);
    assert.equal(complete.details?.skipped, undefined);
    assert.equal(reads.count('zoneGroups '), 1);
    assert.equal(reads.count('usages '), 1);
    assert.equal(reads.count('registry '), 1, 'the registry is not read again');
    assert.equal(reads.count('zones '), 1, 'the zones are not read again');
    assert.deepEqual(changes.map((c) => c.reason), ['read', 'reread']);
    // A lean reader takes the complete state: it is newer.
    assert.equal(await store.read(id), complete);
  });

  void it('a read that fails is kept as what could not be read, never as an empty registry, and the next read tries again', async () => {
    const { estate, id, reads, store, changes } = setUp();
    store.listed(estate.subscriptions[0]!, estate.registries);
    store.markStale();
    reads.failures.set('registry ', armFailure(500, 'InternalServerError', 'The server had an error.'));
    await assert.rejects(store.read(id), /server had an error/);
    const failed = store.get(id)!;
    assert.equal(failed.details, undefined);
    assert.equal(failed.diagnosis, undefined);
    assert.match(String(failed.error), /server had an error/);
    assert.equal(changes.at(-1)?.reason, 'failed');

    reads.failures.clear();
    const read = await store.read(id);
    assert.ok(read.details);
    assert.equal(read.error, undefined);
  });

  void it('a refresh marks the registries stale, tells the listeners, and the next read goes to Azure', async () => {
    const { id, reads, store, changes } = setUp();
    await store.read(id);
    store.markStale(sub(2));
    assert.equal(store.get(id)?.stale, false, 'another subscription refreshed');
    store.markStale(sub(1));
    assert.equal(store.get(id)?.stale, true);
    assert.equal(changes.at(-1)?.reason, 'stale');
    await store.read(id);
    assert.equal(reads.count('registry '), 2);
    assert.equal(store.get(id)?.stale, false);
  });

  void it('a listing does not replace a registry read since, but does replace a stale one', async () => {
    const { estate, id, store } = setUp();
    const read = await store.read(id);
    const listed = { ...estate.registries[0]!, publicNetworkAccess: 'Disabled' };
    store.listed(estate.subscriptions[0]!, [listed]);
    assert.equal(store.get(id), read);
    store.markStale();
    store.listed(estate.subscriptions[0]!, [listed]);
    assert.equal(store.get(id)?.registry.publicNetworkAccess, 'Disabled');
    assert.equal(store.get(id)?.details, undefined);
  });

  void it('a re-read asked while a read runs does not wait for it, and the read that began before the write is not kept', async () => {
    const { estate, id, record, reads, loader, store, changes } = setUp({ withoutRecord: true });
    let release!: () => void;
    reads.hold = new Promise((resolve) => (release = resolve));
    const first = store.read(id);
    await new Promise((resolve) => setImmediate(resolve));
    estate.records.push(record);
    loader.invalidate(zoneId(sub(1)));
    const second = store.reread(id);
    reads.hold = undefined;
    release();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a, b, 'the earlier reader is handed the state read after the write');
    assert.equal(missing(b.diagnosis?.findings), 0);
    assert.equal(store.get(id), b);
    assert.equal(reads.count('registry '), 2, 'the re-read did not join the read that began before the write');
    assert.deepEqual(changes.map((c) => c.reason), ['read'], 'the earlier read never reached the store');
  });

  void it('a slow first read that ends after a second read is dropped: the store keeps the second', async () => {
    const { store, changes, slow, fast, id } = await racing();
    const first = store.read(id);
    await tick();
    store.markStale(); // a refresh while the first read is under way
    const second = await store.read(id);
    assert.equal(second.details, fast, 'the second read did not wait for the first');
    slow.resolve();
    assert.equal(await first, second, 'the first reader is handed the newer state');
    assert.equal(store.get(id), second);
    assert.equal(store.get(id)?.details, fast);
    assert.deepEqual(changes.map((c) => c.reason), ['read']);
  });

  void it('a slow first read that fails after a second read (the sandbox was down) does not replace the second with its error', async () => {
    const { store, slow, fast, id } = await racing();
    const first = store.read(id);
    await tick();
    const second = await store.reread(id, { everything: true });
    assert.equal(second.details, fast);
    slow.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }));
    assert.equal(await first, second);
    assert.equal(store.get(id)?.error, undefined);
    assert.equal(store.get(id)?.details, fast);
  });

  void it('keeps the latest connectivity check across refreshes and re-reads, and marks it outdated once the registry changed', async () => {
    const { estate, id, loader, reads, store, changes } = setUp();
    const entry = await store.read(id);
    const basis = entry.diagnosis!.connectivityBasis;
    assert.match(basis.parts['addresses'] ?? '', /reg1x1\.azurecr\.io=10\.0\.1\.1/);
    const report = { checkedAt: '2025-01-01T00:00:00.000Z', mode: 'sandbox' as const, dnsServer: '127.0.0.1:53', results: [] };
    store.setConnectivity(id, { report, findings: [], basis });
    assert.equal(changes.at(-1)?.reason, 'connectivity');
    assert.ok(changes.at(-1)!.entry.version > entry.version, 'listeners see a newer version');
    assert.deepEqual(store.connectivity(id), { report, findings: [], basis, outdated: false, changed: false });

    // A refresh reads everything again: the result stays, from its time, still current.
    store.markStale();
    await store.reread(id, { everything: true });
    assert.equal(store.connectivity(id)?.report, report);
    assert.equal(store.connectivity(id)?.outdated, false);

    // A read that fails leaves nothing to compare with: not current, not said to have changed.
    reads.failures.set('registry ', armFailure(500, 'InternalServerError', 'The server had an error.'));
    await assert.rejects(store.reread(id, { everything: true }), /server had an error/);
    assert.deepEqual([store.connectivity(id)?.outdated, store.connectivity(id)?.changed, store.connectivity(id)?.undetermined], [true, false, []]);
    reads.failures.clear();
    await store.reread(id, { everything: true });
    assert.equal(store.connectivity(id)?.outdated, false, 'read again as it was: current');

    // Public access disabled since: the result describes the registry as it was.
    estate.registries.find((r) => r.name === 'reg1x1')!.publicNetworkAccess = 'Disabled';
    loader.invalidate(id);
    await store.reread(id);
    assert.equal(store.connectivity(id)?.report, report);
    assert.equal(store.connectivity(id)?.outdated, true);
    assert.equal(store.connectivity(id)?.changed, true);

    // The endpoint's address moved: also outdated (and a registry never checked has none).
    estate.nics.find((n) => n.name === 'pe-reg1x1.nic')!.ipConfigurations[0]!.privateIPAddress = '10.0.1.99';
    loader.invalidate();
    await store.reread(id, { everything: true });
    assert.equal(store.connectivity(id)?.outdated, true);
    assert.equal(store.connectivity(registryId(sub(1), 'reg1x2')), undefined);
  });

  void it('a result once outdated stays outdated when the registry returns to the state it was checked in, until connectivity is checked again', async () => {
    const { estate, id, loader, store } = setUp();
    const entry = await store.read(id);
    const report = { checkedAt: '2025-01-01T00:00:00.000Z', mode: 'sandbox' as const, dnsServer: '127.0.0.1:53', results: [] };
    const host = 'reg1x1.azurecr.io';
    const denied: Finding = { id: 'connectivity.publicEndpoint', key: `connectivity.publicEndpoint|${host}`, severity: 'error', subject: host, registryId: id, message: 'answered 403 DENIED' };
    store.setConnectivity(id, { report, findings: [denied], basis: entry.diagnosis!.connectivityBasis });
    const ownErrors = store.health(store.get(id)!)!.errors - 1;
    const record = estate.records.find((r) => r.name === 'reg1x1')!;
    const rereadWith = async (ips: string[]) => {
      record.ipv4Addresses = ips;
      loader.invalidate();
      return store.reread(id, { everything: true });
    };

    // The registry's A record held another address for a while (a client in the VNet dialed elsewhere), then the old one again.
    await rereadWith(['10.0.1.50']);
    assert.deepEqual([store.connectivity(id)?.outdated, store.connectivity(id)?.changed], [true, true]);
    const back = await rereadWith(['10.0.1.1']);
    assert.deepEqual(back.diagnosis!.connectivityBasis, entry.diagnosis!.connectivityBasis, 'read exactly as when checked');
    assert.deepEqual([store.connectivity(id)?.outdated, store.connectivity(id)?.changed], [true, true], 'still outdated: it changed in between');
    assert.equal(store.health(back)!.errors, ownErrors, 'its 403 DENIED no longer raises the badge');

    // Checked again: the new result is current and counts.
    store.setConnectivity(id, { report: { ...report, checkedAt: '2025-01-01T01:00:00.000Z' }, findings: [denied], basis: back.diagnosis!.connectivityBasis });
    assert.deepEqual([store.connectivity(id)?.outdated, store.connectivity(id)?.changed], [false, false]);
    assert.equal(store.health(store.get(id)!)!.errors, ownErrors + 1);
  });

  void it('a change seen only by a read nobody asked about still outdates the result for good', async () => {
    const { estate, id, loader, store, changes } = setUp();
    const entry = await store.read(id);
    store.setConnectivity(id, { report: { checkedAt: '2025-01-01T00:00:00.000Z', mode: 'sandbox', dnsServer: '127.0.0.1:53', results: [] }, findings: [], basis: entry.diagnosis!.connectivityBasis });
    const registry = estate.registries.find((r) => r.name === 'reg1x1')!;
    // Two re-reads in a row, the tree's listener the only one told: public access off, then on again.
    registry.publicNetworkAccess = 'Disabled';
    loader.invalidate(id);
    await store.reread(id);
    registry.publicNetworkAccess = 'Enabled';
    loader.invalidate(id);
    await store.reread(id);
    assert.equal(changes.filter((c) => c.reason === 'reread').length, 2);
    assert.deepEqual([store.connectivity(id)?.outdated, store.connectivity(id)?.changed], [true, true]);
  });

  void it('a network security group or route table that applies to the endpoint, changed after the check, outdates it; one that cannot be read leaves it "cannot tell", never current', async () => {
    const { estate, id, loader, reads, store } = setUp();
    const vnet = estate.vnets[0]!;
    const nsgId = `${vnet.id.replace(/virtualNetworks\/.*/, '')}networkSecurityGroups/pe-nsg`;
    const rtId = `${vnet.id.replace(/virtualNetworks\/.*/, '')}routeTables/pe-routes`;
    const rule = { name: 'AllowHttps', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefixes: ['VirtualNetwork'], destinationAddressPrefixes: ['*'], destinationPortRanges: ['443'] };
    estate.nsgs = [{ id: nsgId, name: 'pe-nsg', securityRules: [rule] }];
    estate.routeTables = [{ id: rtId, name: 'pe-routes', routes: [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }] }];
    vnet.subnets = [{ id: `${vnet.id}/subnets/default`, name: 'default', virtualNetworkId: vnet.id, addressPrefix: '10.0.1.0/24', privateEndpointNetworkPolicies: 'Enabled', networkSecurityGroupId: nsgId, routeTableId: rtId }];
    const check = async () => {
      const entry = await store.read(id);
      store.setConnectivity(id, { report: { checkedAt: '2025-01-01T00:00:00.000Z', mode: 'sandbox', dnsServer: '127.0.0.1:53', results: [] }, findings: [], basis: entry.diagnosis!.connectivityBasis, detailsRead: entry.detailsRead! });
    };
    const reread = async () => {
      loader.invalidate();
      await store.reread(id, { everything: true });
      const c = store.connectivity(id)!;
      return [c.outdated, c.changed, c.undetermined];
    };
    await check();
    assert.equal(reads.count('nsg '), 1);
    assert.equal(reads.count('routeTable '), 1);
    assert.deepEqual(await reread(), [false, false, undefined], 'read again unchanged: current');

    // A rule for another port changes nothing the check measured; a rule for TCP 443 does.
    estate.nsgs[0]!.securityRules = [rule, { ...rule, name: 'AllowSsh', priority: 110, destinationPortRanges: ['22'] }];
    assert.deepEqual(await reread(), [false, false, undefined]);
    estate.nsgs[0]!.securityRules = [{ ...rule, access: 'Deny' }];
    assert.deepEqual(await reread(), [true, true, undefined]);

    // A route sent through an appliance: outdated too.
    estate.nsgs[0]!.securityRules = [rule];
    await check();
    estate.routeTables[0]!.routes = [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.9.4' }];
    assert.deepEqual(await reread(), [true, true, undefined]);

    // The group cannot be read now: whether it changed cannot be told, and its findings are not counted.
    estate.routeTables[0]!.routes = [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }];
    await check();
    reads.failures.set('nsg ', armFailure(403, 'AuthorizationFailed', 'The client does not have authorization.'));
    const [outdated, changed, undetermined] = await reread();
    assert.deepEqual([outdated, changed], [true, false]);
    assert.deepEqual(undetermined, ['network security group pe-nsg could not be read (403 AuthorizationFailed)']);

    // Checked on that very read, the result is current until the next read, which again cannot tell.
    await check();
    assert.equal(store.connectivity(id)?.outdated, false);
    assert.deepEqual((await reread()).slice(0, 2), [true, false]);

    // Read again once it can be: as when checked? The check's own read could not tell either.
    reads.failures.clear();
    assert.deepEqual(await reread(), [true, false, ['network security group pe-nsg could not be read (403 AuthorizationFailed)']]);
  });

  void it('counts a current connectivity check\'s findings in the registry\'s health, and stops counting them once the check is outdated', async () => {
    const { estate, id, loader, store, changes } = setUp();
    const entry = await store.read(id);
    const before = store.health(entry)!;
    assert.equal(before.errors, 0);
    const host = 'reg1x1.azurecr.io';
    const finding = (fid: 'connectivity.publicEndpoint' | 'connectivity.unexpectedAnswer' | 'connectivity.notChecked', severity: 'error' | 'warning', message: string): Finding => ({ id: fid, key: `${fid}|${host}`, severity, subject: host, registryId: id, message });
    const report = { checkedAt: '2025-01-01T00:00:00.000Z', mode: 'sandbox' as const, dnsServer: '127.0.0.1:53', results: [] };
    const basis = entry.diagnosis!.connectivityBasis;

    store.setConnectivity(id, { report, findings: [finding('connectivity.publicEndpoint', 'error', 'answered 403 DENIED')], basis });
    assert.deepEqual(store.health(changes.at(-1)!.entry), { ...before, errors: 1 }, 'an error found by the check raises the badge to an error');
    store.setConnectivity(id, { report, findings: [finding('connectivity.unexpectedAnswer', 'warning', 'no Bearer challenge')], basis });
    assert.deepEqual(store.health(changes.at(-1)!.entry), { ...before, warnings: before.warnings + 1 }, 'the latest check replaces the one before');
    store.setConnectivity(id, { report, findings: [finding('connectivity.notChecked', 'warning', 'Could not check whether reg1x1.azurecr.io is reachable: it was not tried.')], basis });
    assert.deepEqual(
      store.health(changes.at(-1)!.entry),
      { ...before, unknown: before.unknown + 1, unreadable: [...before.unreadable, 'Could not check whether reg1x1.azurecr.io is reachable: it was not tried.'] },
      'a host not tried is "could not check", not a warning',
    );

    // Public access disabled since: the result is outdated and raises nothing.
    store.setConnectivity(id, { report, findings: [finding('connectivity.publicEndpoint', 'error', 'answered 403 DENIED')], basis });
    estate.registries.find((r) => r.name === 'reg1x1')!.publicNetworkAccess = 'Disabled';
    loader.invalidate(id);
    const reread = await store.reread(id);
    assert.equal(store.connectivity(id)?.outdated, true);
    assert.equal(changes.at(-1)?.entry, reread, 'the re-read is told, so the badge follows');
    const after = store.health(reread)!;
    assert.equal(after.errors, reread.diagnosis!.findings.filter((f) => f.severity === 'error').length, 'only the diagnosis\'s own errors');
    assert.equal(after.errors, 0, 'disabling public access is no error of its own');
  });
});

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A store over a loader whose first details read waits for the test, and whose later ones answer at once. */
async function racing() {
  const estate = buildEstate(1, 1);
  const id = registryId(sub(1), 'reg1x1');
  const loader = new InventoryLoader(new FakeReads(estate));
  const fast = await loader.loadRegistryDetails(await loader.getRegistry(id));
  let settle!: { resolve: () => void; reject: (e: Error) => void };
  const held = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // The registry as the first read got it: its details are the ones held.
  let first: Registry | undefined;
  const reads: RegistryReads = {
    listSubscriptions: () => loader.listSubscriptions(),
    getRegistry: async (registryId) => {
      const registry = { ...(await loader.getRegistry(registryId)) };
      first ??= registry;
      return registry;
    },
    loadRegistryDetails: async (registry) => {
      if (registry !== first) return fast;
      await held;
      return { ...fast, errors: [] };
    },
    completeRegistryDetails: async (_registry, details) => details,
    prefetchRegistryDetails: () => undefined,
    invalidate: () => undefined,
  };
  const store = new RegistryStore({ reads: () => reads, loadedReads: () => reads, diagnose: diagnoseRegistry });
  const changes: RegistryChange[] = [];
  store.onDidChange((c) => changes.push(c));
  return { store, changes, id, fast, slow: settle };
}

