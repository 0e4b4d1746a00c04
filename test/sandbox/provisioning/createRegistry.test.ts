// The create-registry form's run with the real SDKs against the sandbox (`empty` scenario): Azure's
// name check, the registry's long-running creation (Creating, then Succeeded), a geo-replica, and the
// endpoint in the same run, leaving a registry the check finds nothing wrong with; a failure half-way
// (a 500, a persistent 429, a poll that fails after Azure accepted the PUT) is reported with what
// exists, and the clean-up removes exactly that.
import { after, before, beforeEach, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { startSandbox, SEED, SUBSCRIPTION_PRODUCTION, type RunningSandbox } from '../../../src/sandbox';
import { defaultCreateRegistryForm, registryIdOf, type CreateRegistryForm, type CreateRegistryInventory } from '../../../src/provisioning/createRegistryForm';
import { planCreateRegistry } from '../../../src/provisioning/planCreateRegistry';
import { validateCreateRegistry } from '../../../src/provisioning/validateCreateRegistry';
import { describeCreated } from '../../../src/provisioning/steps';
import { all, arm, raw } from '../helpers';
import { errorsOf, wire, type Wired } from './sandboxProvisioning';

const SUB = SUBSCRIPTION_PRODUCTION;
const RG = SEED.resourceGroup;
/** The SDK's model keeps absent properties as undefined keys. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const registryPath = (name: string): string => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/${name}`;

void describe('sandbox: create a registry with its private endpoint (empty scenario)', () => {
  let sb: RunningSandbox;
  let w: Wired;
  before(async () => {
    sb = await startSandbox({ scenario: 'empty' });
    w = wire(sb);
  });
  after(async () => sb.close());
  beforeEach(async () => {
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'empty' });
    await raw(sb, 'DELETE', '/_sandbox/faults');
  });

  async function inventoryAndForm(overrides: Partial<CreateRegistryForm> = {}): Promise<{ inventory: CreateRegistryInventory; form: CreateRegistryForm }> {
    const inventory = await w.provisioning.loadCreateRegistryInventory(SUB);
    const form: CreateRegistryForm = {
      ...defaultCreateRegistryForm(inventory),
      registryName: 'contosoprivate',
      endpointName: 'contosoprivate-pe',
      connectionName: 'contosoprivate-pe-connection',
      linkName: 'MyDNSLink',
      ...overrides,
    };
    return { inventory, form };
  }

  void it('checkNameAvailability answers as Azure: available, AlreadyExists in any subscription and case, Invalid', async () => {
    const registries = w.clients.containerRegistry(SUB).registries;
    const type = 'Microsoft.ContainerRegistry/registries' as const;
    assert.deepEqual(plain(await registries.checkNameAvailability({ name: 'contosoprivate', type })), { nameAvailable: true });
    assert.deepEqual(plain(await registries.checkNameAvailability({ name: 'MyRegistry', type })), { nameAvailable: false, reason: 'AlreadyExists', message: 'The registry MyRegistry is already in use.' });
    // devregistry lives in another subscription: names are global.
    assert.equal((await registries.checkNameAvailability({ name: SEED.devRegistry, type })).reason, 'AlreadyExists');
    const invalid = await registries.checkNameAvailability({ name: 'my-registry', type });
    assert.equal(invalid.nameAvailable, false);
    assert.equal(invalid.reason, 'Invalid');
    assert.match(invalid.message ?? '', /5 to 50 characters long and contain only letters and digits/);
    assert.deepEqual(await w.provisioning.checkRegistryName(SUB, 'myregistry'), { name: 'myregistry', nameAvailable: false, reason: 'AlreadyExists', message: 'The registry myregistry is already in use.' });
  });

  void it('a failing name check says so instead of calling the name free or taken', async () => {
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'POST', pathPattern: '/checkNameAvailability$', status: 429, times: 1, headers: { 'Retry-After': '1' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } } });
    const check = await w.provisioning.checkRegistryName(SUB, 'contosoprivate');
    assert.equal(check.nameAvailable, undefined);
    assert.match(check.error ?? '', /Too many requests|TooManyRequests/);
  });

  void it('a registry PUT is long-running as in Azure: 201 Creating, the operation Creating, then Succeeded; a taken name is AlreadyInUse', async () => {
    const put = await arm(sb, 'PUT', `${registryPath('contosoprivate')}?api-version=2025-11-01`, { location: 'westeurope', sku: { name: 'Premium' }, properties: { publicNetworkAccess: 'Disabled' } });
    assert.equal(put.status, 201);
    assert.equal((put.json as { properties: { provisioningState: string } }).properties.provisioningState, 'Creating');
    const operation = put.headers['azure-asyncoperation'];
    assert.match(String(operation), /\/registries\/contosoprivate\/operationStatuses\/registries-[0-9a-f-]+\?api-version=2025-11-01$/);
    const path = new URL(String(operation)).pathname + new URL(String(operation)).search;
    assert.deepEqual((await arm(sb, 'GET', path)).json, { status: 'Creating' });
    assert.deepEqual((await arm(sb, 'GET', path)).json, { status: 'Succeeded' });
    const got = await arm(sb, 'GET', `${registryPath('contosoprivate')}?api-version=2025-11-01`);
    assert.equal((got.json as { properties: { provisioningState: string; publicNetworkAccess: string } }).properties.provisioningState, 'Succeeded');
    assert.equal((got.json as { properties: { publicNetworkAccess: string } }).properties.publicNetworkAccess, 'Disabled');

    const taken = await arm(sb, 'PUT', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/DevRegistry?api-version=2025-11-01`, { location: 'westeurope', sku: { name: 'Premium' } });
    assert.equal(taken.status, 400);
    assert.equal((taken.json as { error: { code: string } }).error.code, 'AlreadyInUse');
  });

  void it('the whole run: registry, replica, zone, link, endpoint, zone group; the check of the new registry finds nothing wrong', async () => {
    const { inventory, form } = await inventoryAndForm({ replicaLocations: ['eastus'] });
    assert.ok(inventory.regions.some((r) => r.name === 'eastus' && r.displayName === 'East US'));
    const check = await w.provisioning.checkRegistryName(SUB, form.registryName);
    assert.deepEqual(validateCreateRegistry(form, inventory, check).errors, {});
    const plan = planCreateRegistry(form, inventory, check);
    const result = await w.provisioning.run(plan);
    assert.equal(result.status, 'succeeded', JSON.stringify(result.outcomes));
    assert.deepEqual(plan.steps.map((s) => s.kind), ['createRegistry', 'createReplication', 'createPrivateDnsZone', 'createVirtualNetworkLink', 'createPrivateEndpoint', 'createPrivateDnsZoneGroup']);

    const registryId = registryIdOf(form);
    const registry = await w.clients.containerRegistry(SUB).registries.get(RG, 'contosoprivate');
    assert.equal(registry.sku.name, 'Premium');
    assert.equal(registry.publicNetworkAccess, 'Disabled');
    assert.equal(registry.provisioningState, 'Succeeded');
    assert.deepEqual((await all(w.clients.containerRegistry(SUB).replications.list(RG, 'contosoprivate'))).map((r) => r.location), ['eastus']);
    assert.equal(registry.privateEndpointConnections?.[0]?.privateLinkServiceConnectionState?.status, 'Approved');

    const findings = await w.findings(registryId);
    assert.deepEqual(errorsOf(findings), []);
    assert.deepEqual(findings.filter((f) => f.severity === 'warning').map((f) => f.id), []);
    const records = await all(w.clients.privateDns(SUB).recordSets.listByType(RG, 'privatelink.azurecr.io', 'A'));
    assert.deepEqual(records.map((r) => r.name).sort(), ['contosoprivate', 'contosoprivate.eastus.data', 'contosoprivate.westeurope.data']);
    // The name is taken now.
    assert.equal((await w.provisioning.checkRegistryName(SUB, 'contosoprivate')).reason, 'AlreadyExists');
  });

  void it('a failure at the endpoint stops the run, says the registry, replica, zone and link exist; clean-up removes them and frees the name', async () => {
    const { inventory, form } = await inventoryAndForm({ replicaLocations: ['eastus'] });
    const plan = planCreateRegistry(form, inventory, await w.provisioning.checkRegistryName(SUB, form.registryName));
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'PUT', pathPattern: '/privateEndpoints/contosoprivate-pe$', status: 500, times: 1, body: { error: { code: 'InternalServerError', message: 'Injected failure.' } } });
    const result = await w.provisioning.run(plan);
    assert.equal(result.status, 'failed');
    assert.deepEqual(result.outcomes.map((o) => o.status), ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'skipped']);
    assert.deepEqual(result.created.map(describeCreated), ['container registry contosoprivate', 'geo-replica eastus', 'private DNS zone privatelink.azurecr.io', 'virtual network link MyDNSLink']);

    const cleaned = await w.provisioning.cleanUp(result.created);
    assert.deepEqual(cleaned.map((c) => c.status), ['removed', 'removed', 'removed', 'removed']);
    assert.equal((await arm(sb, 'GET', `${registryPath('contosoprivate')}?api-version=2025-11-01`)).status, 404);
    assert.deepEqual(await all(w.clients.privateDns(SUB).privateZones.list()), []);
    assert.equal((await w.provisioning.checkRegistryName(SUB, 'contosoprivate')).nameAvailable, true);
    // What was there before the run is still there.
    assert.equal((await w.clients.containerRegistry(SUB).registries.get(RG, SEED.registry)).name, SEED.registry);
  });

  void it('throttled at the replica (429 on every try): the step fails saying so, the registry is reported as existing', async () => {
    const { inventory, form } = await inventoryAndForm({ replicaLocations: ['eastus'] });
    const plan = planCreateRegistry(form, inventory, await w.provisioning.checkRegistryName(SUB, form.registryName));
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'PUT', pathPattern: '/replications/eastus$', status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'TooManyRequests', message: 'The request is being throttled.' } } });
    const result = await w.provisioning.run(plan);
    assert.equal(result.status, 'failed');
    assert.equal(result.outcomes[1]?.status, 'failed');
    assert.match(result.outcomes[1]?.message ?? '', /throttled|TooManyRequests/);
    assert.deepEqual(result.created.map((c) => c.kind), ['registry']);
    assert.deepEqual(result.outcomes.slice(2).map((o) => o.status), ['skipped', 'skipped', 'skipped', 'skipped']);
  });

  void it('Azure accepted the registry but its operation could not be read: the step fails and the registry is this run\'s to clean up', async () => {
    const { inventory, form } = await inventoryAndForm();
    const plan = planCreateRegistry(form, inventory, await w.provisioning.checkRegistryName(SUB, form.registryName));
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'GET', pathPattern: '/operationStatuses/registries-', status: 500, body: { error: { code: 'InternalServerError', message: 'Operation status unavailable.' } } });
    const result = await w.provisioning.run(plan);
    assert.equal(result.status, 'failed');
    assert.equal(result.outcomes[0]?.status, 'failed');
    assert.deepEqual(result.created.map(describeCreated), ['container registry contosoprivate']);
    await raw(sb, 'DELETE', '/_sandbox/faults');
    assert.deepEqual((await w.provisioning.cleanUp(result.created)).map((c) => c.status), ['removed']);
    assert.equal((await arm(sb, 'GET', `${registryPath('contosoprivate')}?api-version=2025-11-01`)).status, 404);
  });
});
