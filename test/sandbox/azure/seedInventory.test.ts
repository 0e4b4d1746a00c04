// The Azure access layer against the local sandbox over HTTPS, through the real SDKs: what a person
// opening the tree on the seed scenario sees, and a fix applied and read back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAzureServices, createSandboxCredential, type AzureServices } from '../../../src/azure';
import type { ArmWrite } from '../../../src/model/fixPlan';
import type { ARecordSet, Snapshot } from '../../../src/model/types';
import { startSandbox, SEED, SUBSCRIPTION_DEV, SUBSCRIPTION_PRODUCTION, type RunningSandbox } from '../../../src/sandbox';

const ZONE_ID = `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.Network/privateDnsZones/${SEED.zone}`;
const REGISTRY_ID = `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${SEED.registry}`;

function connect(sb: RunningSandbox, withCa = true): AzureServices {
  return createAzureServices({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], ...(withCa ? { caCertPem: sb.caCertPem } : {}) },
    credential: createSandboxCredential(),
    pollIntervalMs: 1,
    retry: { maxRetries: 1, baseDelayMs: 1 },
  });
}

void describe('sandbox: the seed inventory through the loader', () => {
  let sb: RunningSandbox;
  let azure: AzureServices;
  let snapshot: Snapshot;
  // Page size 1 makes every list follow nextLink.
  before(async () => {
    sb = await startSandbox({ scenario: 'seed', pageSize: 1 });
    azure = connect(sb);
    snapshot = await azure.loader.loadSnapshot();
  });
  after(async () => sb.close());

  void it('shows both subscriptions and their registries', () => {
    assert.deepEqual(snapshot.subscriptions.map((s) => s.displayName), ['Contoso Production', 'Contoso Dev']);
    assert.deepEqual(snapshot.registries.map((r) => [r.name, r.sku, r.location]).sort(), [
      ['basicregistry', 'Basic', 'westeurope'],
      ['devregistry', 'Premium', 'westeurope'],
      ['myregistry', 'Premium', 'westeurope'],
    ]);
    assert.deepEqual(snapshot.providerRegistrationState, { [SUBSCRIPTION_PRODUCTION]: 'Registered', [SUBSCRIPTION_DEV]: 'NotRegistered' });
  });

  void it('myregistry has its eastus replica and the Approved endpoint myPrivateEndpoint in myDockerVMSubnet', () => {
    assert.deepEqual(snapshot.replications.map((r) => [r.registryId, r.location]), [[REGISTRY_ID, 'eastus']]);
    const registry = snapshot.registries.find((r) => r.name === SEED.registry)!;
    assert.deepEqual(registry.privateEndpointConnections.map((c) => c.status), ['Approved']);
    const endpoint = snapshot.privateEndpoints.find((p) => p.id === registry.privateEndpointConnections[0]?.privateEndpointId);
    assert.equal(endpoint?.name, SEED.privateEndpoint);
    assert.deepEqual(endpoint?.connections.map((c) => [c.name, c.status]), [[SEED.connection, 'Approved']]);
    assert.equal(endpoint?.subnetId.split('/').pop(), SEED.subnet);
    assert.deepEqual(snapshot.virtualNetworks.map((v) => v.name), [SEED.vnet]);
    assert.deepEqual(snapshot.usages[REGISTRY_ID]?.find((u) => u.name === 'PrivateEndpointConnections')?.currentValue, 1);
  });

  void it("its NIC has one ip configuration per required member", () => {
    const nic = snapshot.networkInterfaces.find((n) => n.name === SEED.nic);
    assert.deepEqual(nic?.ipConfigurations.map((ip) => [ip.requiredMemberName, ip.privateIPAddress, ip.fqdns]), [
      ['registry', '10.0.0.7', ['myregistry.azurecr.io']],
      ['registry_data_westeurope', '10.0.0.6', ['myregistry.westeurope.data.azurecr.io']],
      ['registry_data_eastus', '10.0.0.5', ['myregistry.eastus.data.azurecr.io']],
    ]);
  });

  void it('the zone is linked by MyDNSLink and has the login and westeurope data records, but none for eastus', () => {
    assert.deepEqual(snapshot.privateDnsZones.map((z) => z.id), [ZONE_ID]);
    assert.deepEqual(snapshot.virtualNetworkLinks.map((l) => [l.name, l.virtualNetworkId.split('/').pop(), l.registrationEnabled]), [[SEED.link, SEED.vnet, false]]);
    assert.deepEqual(snapshot.aRecordSets.map((r) => [r.name, r.ipv4Addresses]), [
      ['myregistry', ['10.0.0.7']],
      ['myregistry.westeurope.data', ['10.0.0.6']],
    ]);
    assert.ok(!snapshot.aRecordSets.some((r) => r.name === 'myregistry.eastus.data'));
  });

  void it("devregistry has a Pending connection from an endpoint the caller cannot read, reported as a load error", () => {
    const dev = snapshot.registries.find((r) => r.name === SEED.devRegistry)!;
    assert.deepEqual(dev.privateEndpointConnections.map((c) => [c.name, c.status]), [[SEED.devPendingConnection, 'Pending']]);
    const foreign = dev.privateEndpointConnections[0]!.privateEndpointId!;
    const error = snapshot.errors.find((e) => e.scope === foreign);
    assert.equal(error?.what, 'private endpoint');
    assert.ok(error?.status === 403 || error?.status === 404, JSON.stringify(error));
    assert.ok(!JSON.stringify(snapshot.errors).includes('Bearer'));
  });

  void it('loads level by level for the tree, with "Load more…" pages and the same answers', async () => {
    const first = await azure.loader.listRegistriesPage(SUBSCRIPTION_DEV, { maxItems: 1 });
    assert.equal(first.items.length, 1);
    assert.ok(first.continuationToken);
    const more = await azure.loader.listRegistriesPage(SUBSCRIPTION_DEV, { maxItems: 1, continuationToken: first.continuationToken! });
    assert.deepEqual([...first.items, ...more.items].map((r) => r.name).sort(), ['basicregistry', 'devregistry']);
    assert.equal(more.continuationToken, undefined);
    const registry = (await azure.loader.listRegistries(SUBSCRIPTION_PRODUCTION)).find((r) => r.name === SEED.registry)!;
    const details = await azure.loader.loadRegistryDetails(registry);
    assert.deepEqual(details.aRecordSets.map((r) => r.name), ['myregistry', 'myregistry.westeurope.data']);
    assert.deepEqual(details.errors, []);
  });

  void it('never has more requests in flight than the concurrency cap', async () => {
    const capped = createAzureServices({
      target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
      credential: createSandboxCredential(),
      concurrency: 2,
    });
    const again = await capped.loader.loadSnapshot();
    assert.equal(again.registries.length, snapshot.registries.length);
    assert.equal(capped.requestStats().maxInFlight, 2);
  });

  void it('a second snapshot within the cache time sends no request', async () => {
    const before = azure.requestCount();
    await azure.loader.loadSnapshot();
    assert.equal(azure.requestCount(), before);
  });

  void it('trusts the sandbox CA only for the clients given it: without it the TLS handshake fails', async () => {
    assert.equal(process.env['NODE_TLS_REJECT_UNAUTHORIZED'], undefined);
    const untrusting = connect(sb, false);
    await assert.rejects(untrusting.loader.listSubscriptions(), (e: Error) => /certificate|self.signed|issuer/i.test(e.message));
  });
});

void describe('sandbox: fixes written through the SDKs and read back', () => {
  let sb: RunningSandbox;
  let azure: AzureServices;
  before(async () => {
    sb = await startSandbox({ scenario: 'seed' });
    azure = connect(sb);
  });
  after(async () => sb.close());

  async function myregistryRecords() {
    const registry = (await azure.loader.listRegistries(SUBSCRIPTION_PRODUCTION)).find((r) => r.name === SEED.registry)!;
    return (await azure.loader.loadRegistryDetails(registry)).aRecordSets;
  }

  void it('creating the missing eastus data record: the record appears with its IP, the others are untouched', async () => {
    const before = await myregistryRecords();
    const write: ArmWrite = { kind: 'createARecordSet', privateDnsZoneId: ZONE_ID, recordSetName: 'myregistry.eastus.data', ttl: 3600, ipv4Addresses: ['10.0.0.5'], ifNoneMatch: '*' };
    const outcomes = await azure.applyFixPlan({ title: 'Create A record myregistry.eastus.data → 10.0.0.5', findingKey: 'k', writes: [write], safe: true });
    assert.deepEqual(outcomes.map((o) => o.status), ['applied']);
    const after = await myregistryRecords();
    assert.deepEqual(after.find((r) => r.name === 'myregistry.eastus.data')?.ipv4Addresses, ['10.0.0.5']);
    // Etags aside: the first read came through Resource Graph, which has none; the one after the write from ARM.
    const noEtag = (r: ARecordSet | undefined): unknown => (r ? { ...r, etag: undefined } : r);
    for (const r of before) assert.deepEqual(noEtag(after.find((a) => a.id === r.id)), noEtag(r), `${r.name} unchanged`);
    // a second create of the same record meets the record just made: a conflict, not an overwrite
    const again = await azure.applyFixPlan({ title: 'again', findingKey: 'k', writes: [{ ...write, ipv4Addresses: ['10.9.9.9'] }], safe: true });
    assert.deepEqual(again.map((o) => o.status), ['conflict']);
    assert.deepEqual((await myregistryRecords()).find((r) => r.name === 'myregistry.eastus.data')?.ipv4Addresses, ['10.0.0.5']);
  });

  void it('a change made against a stale etag is a conflict and changes nothing', async () => {
    const login = (await myregistryRecords()).find((r) => r.name === 'myregistry')!;
    const stale: ArmWrite = { kind: 'addToARecordSet', recordSetId: login.id, ifMatch: `${login.etag}-stale`, ttl: login.ttl, existingIpv4Addresses: login.ipv4Addresses, addedIpv4Addresses: ['10.0.0.99'] };
    const create: ArmWrite = { kind: 'createARecordSet', privateDnsZoneId: ZONE_ID, recordSetName: 'myregistry.northeurope.data', ttl: 3600, ipv4Addresses: ['10.0.0.98'], ifNoneMatch: '*' };
    const outcomes = await azure.applyFixPlan({ title: 'stale', findingKey: 'k', writes: [stale, create], safe: true });
    assert.deepEqual(outcomes.map((o) => o.status), ['conflict', 'skipped']);
    const records = await myregistryRecords();
    assert.deepEqual(records.find((r) => r.id === login.id), login);
    assert.ok(!records.some((r) => r.name === 'myregistry.northeurope.data'));
  });

  void it('with the current etag the same change applies and keeps the IP that was there', async () => {
    const login = (await myregistryRecords()).find((r) => r.name === 'myregistry')!;
    const write: ArmWrite = { kind: 'addToARecordSet', recordSetId: login.id, ifMatch: login.etag, ttl: login.ttl, existingIpv4Addresses: login.ipv4Addresses, addedIpv4Addresses: ['10.0.0.99'] };
    const [outcome] = await azure.applyFixPlan({ title: 'add', findingKey: 'k', writes: [write], safe: true });
    assert.equal(outcome?.status, 'applied');
    assert.deepEqual((await myregistryRecords()).find((r) => r.id === login.id)?.ipv4Addresses, ['10.0.0.7', '10.0.0.99']);
  });

  void it("approving devregistry's Pending connection: the next read shows it Approved", async () => {
    const dev = (await azure.loader.listRegistries(SUBSCRIPTION_DEV)).find((r) => r.name === SEED.devRegistry)!;
    const connection = dev.privateEndpointConnections[0]!;
    const approved = await azure.approveConnection(connection.id, 'Approved for the partner team');
    assert.equal(approved.status, 'Approved');
    const reread = (await azure.loader.listRegistries(SUBSCRIPTION_DEV)).find((r) => r.name === SEED.devRegistry)!;
    assert.deepEqual(reread.privateEndpointConnections.map((c) => [c.status, c.description]), [['Approved', 'Approved for the partner team']]);
  });

  void it('turning public network access off, and registering the registry provider in the dev subscription', async () => {
    const registry = await azure.setPublicNetworkAccess(REGISTRY_ID, 'Disabled');
    assert.equal(registry.publicNetworkAccess, 'Disabled');
    assert.equal((await azure.loader.listRegistries(SUBSCRIPTION_PRODUCTION)).find((r) => r.id === REGISTRY_ID)?.publicNetworkAccess, 'Disabled');
    assert.equal((await azure.loader.loadSnapshot([SUBSCRIPTION_DEV])).providerRegistrationState[SUBSCRIPTION_DEV], 'NotRegistered');
    assert.equal(await azure.registerProvider(SUBSCRIPTION_DEV), 'Registered');
    assert.equal((await azure.loader.loadSnapshot([SUBSCRIPTION_DEV])).providerRegistrationState[SUBSCRIPTION_DEV], 'Registered');
  });
});
