// The create-endpoint flow with the real SDKs against the sandbox's `empty` scenario (the seed
// document's world before its private link steps): the form's plan runs step by step and leaves a
// registry the diagnosis calls healthy; a failure half-way is reported with what exists, and the
// clean-up removes exactly that.
import { after, before, beforeEach, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { startSandbox, SEED, SUBSCRIPTION_DEV, SUBSCRIPTION_PRODUCTION, type RunningSandbox } from '../../../src/sandbox';
import { defaultCreateEndpointForm, type CreateEndpointForm, type CreateEndpointInventory } from '../../../src/provisioning/createEndpointForm';
import { planCreateEndpoint } from '../../../src/provisioning/planCreateEndpoint';
import { validateCreateEndpoint } from '../../../src/provisioning/validateCreateEndpoint';
import { describeCreated, type StepOutcome } from '../../../src/provisioning/steps';
import { all, arm, raw } from '../helpers';
import { errorsOf, wire, type Wired } from './sandboxProvisioning';

const registryId = `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${SEED.registry}`;

void describe('sandbox: create a private endpoint from the form (empty scenario)', () => {
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

  async function inventoryAndForm(): Promise<{ inventory: CreateEndpointInventory; form: CreateEndpointForm }> {
    const inventory = await w.provisioning.loadCreateEndpointInventory(SUBSCRIPTION_PRODUCTION, [registryId]);
    return { inventory, form: { ...defaultCreateEndpointForm(inventory, registryId), name: 'myPrivateEndpoint', connectionName: 'myConnection', linkName: 'MyDNSLink' } };
  }

  void it('fills the pickers from Azure: myregistry with its eastus replica, the VM subnet with its free addresses, no zone yet', async () => {
    const { inventory, form } = await inventoryAndForm();
    const registry = inventory.registries.find((r) => r.name === 'myregistry');
    assert.deepEqual(registry?.regions, ['westeurope', 'eastus']);
    const subnet = inventory.virtualNetworks.find((v) => v.name === SEED.vnet)?.subnets.find((s) => s.name === SEED.subnet);
    // A /24 has 256 − 5 reserved − the VM's address.
    assert.equal(subnet?.freeIpCount, 250);
    assert.equal(subnet?.privateEndpointNetworkPolicies, 'Disabled');
    assert.deepEqual(inventory.zones, []);
    assert.equal(inventory.providerRegistrationState, 'Registered');
    assert.equal(form.zoneMode, 'new');
    assert.deepEqual(validateCreateEndpoint(form, inventory).errors, {});
  });

  void it("a step's write waits until what onProgress returned for the step's start has settled (the run journal is saved before Azure can apply the step)", async () => {
    const { inventory, form } = await inventoryAndForm();
    const plan = planCreateEndpoint(form, inventory);
    const endpointStep = plan.steps.findIndex((s) => s.kind === 'createPrivateEndpoint');
    let release!: () => void;
    const saved = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const held = new Promise<void>((resolve) => (started = resolve));
    const endpointPuts = async (): Promise<number> => {
      const log = (await raw(sb, 'GET', '/_sandbox/requests')).json as { value: { method: string; path: string }[] };
      return log.value.filter((r) => r.method === 'PUT' && /\/privateEndpoints\/myPrivateEndpoint$/i.test(r.path)).length;
    };
    const run = w.provisioning.run(plan, {
      onProgress: (o) => {
        if (o.index !== endpointStep || o.status !== 'running') return undefined;
        started();
        return saved;
      },
    });
    await held;
    // The journal's save for the endpoint's start has not settled: nothing of the endpoint may be sent
    // yet. Without the wait a PUT reaches the sandbox within milliseconds; the log is watched for 2 s.
    // (The wait cannot make this pass: with the fix no PUT can be sent until the release below.)
    for (const until = Date.now() + 2_000; Date.now() < until; ) {
      assert.equal(await endpointPuts(), 0, 'the endpoint was sent before the journal said it was under way');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    release();
    const result = await run;
    assert.equal(result.status, 'succeeded', JSON.stringify(result.outcomes));
    assert.equal(await endpointPuts(), 1);
  });

  void it('runs zone, link, endpoint and zone group; the registry is then healthy and the records hold the NIC addresses', async () => {
    const { inventory, form } = await inventoryAndForm();
    assert.deepEqual(await all(w.clients.containerRegistry(SUBSCRIPTION_PRODUCTION).privateEndpointConnections.list(SEED.resourceGroup, SEED.registry)), []);
    const plan = planCreateEndpoint(form, inventory);
    const seen: StepOutcome[] = [];
    const result = await w.provisioning.run(plan, { onProgress: (o) => seen.push(o) });
    assert.equal(result.status, 'succeeded', JSON.stringify(result.outcomes));
    assert.deepEqual(plan.steps.map((s) => s.kind), ['createPrivateDnsZone', 'createVirtualNetworkLink', 'createPrivateEndpoint', 'createPrivateDnsZoneGroup']);
    assert.deepEqual(seen.map((o) => `${o.index}:${o.status}`), ['0:running', '0:succeeded', '1:running', '1:succeeded', '2:running', '2:succeeded', '3:running', '3:succeeded']);
    assert.match(result.privateEndpointId ?? '', /\/privateEndpoints\/myPrivateEndpoint$/);
    assert.deepEqual(errorsOf(await w.findings(registryId)), []);

    const records = await all(w.clients.privateDns(SUBSCRIPTION_PRODUCTION).recordSets.listByType(SEED.resourceGroup, 'privatelink.azurecr.io', 'A'));
    assert.deepEqual(records.map((r) => [r.name, r.aRecords?.map((a) => a.ipv4Address)]).sort(), [
      ['myregistry', ['10.0.0.5']],
      ['myregistry.eastus.data', ['10.0.0.7']],
      ['myregistry.westeurope.data', ['10.0.0.6']],
    ]);
  });

  void it('with manual approval the connection waits for the registry owner and carries the request message', async () => {
    const { inventory, form } = await inventoryAndForm();
    const result = await w.provisioning.run(planCreateEndpoint({ ...form, manualApproval: true, requestMessage: 'Build agents in myDockerVMVNET need pull access.' }, inventory));
    assert.equal(result.status, 'succeeded');
    const pe = await w.clients.network(SUBSCRIPTION_PRODUCTION).privateEndpoints.get(SEED.resourceGroup, 'myPrivateEndpoint');
    const connection = pe.manualPrivateLinkServiceConnections?.[0];
    assert.equal(connection?.privateLinkServiceConnectionState?.status, 'Pending');
    assert.equal(connection?.requestMessage, 'Build agents in myDockerVMVNET need pull access.');
  });

  void it('in Contoso Dev: registers the provider and disables the subnet policies before creating the endpoint', async () => {
    const devRegistry = `/subscriptions/${SUBSCRIPTION_DEV}/resourceGroups/${SEED.devResourceGroup}/providers/Microsoft.ContainerRegistry/registries/${SEED.devRegistry}`;
    const inventory = await w.provisioning.loadCreateEndpointInventory(SUBSCRIPTION_DEV, [devRegistry]);
    const form = { ...defaultCreateEndpointForm(inventory, devRegistry), subnetName: 'default', disableSubnetPolicies: true };
    assert.equal(inventory.providerRegistrationState, 'NotRegistered');
    const plan = planCreateEndpoint(form, inventory);
    assert.deepEqual(plan.steps.map((s) => s.kind).slice(0, 2), ['registerProvider', 'disableSubnetPolicies']);
    const result = await w.provisioning.run(plan);
    assert.equal(result.status, 'succeeded', JSON.stringify(result.outcomes));
    const provider = await arm(sb, 'GET', `/subscriptions/${SUBSCRIPTION_DEV}/providers/Microsoft.ContainerRegistry?api-version=2021-04-01`);
    assert.equal((provider.json as { registrationState: string }).registrationState, 'Registered');
    const subnet = await w.clients.network(SUBSCRIPTION_DEV).subnets.get(SEED.devResourceGroup, 'devVNet', 'default');
    assert.equal(subnet.privateEndpointNetworkPolicies, 'Disabled');
    assert.deepEqual(errorsOf(await w.findings(devRegistry)), []);
  });

  void it('a failure at the endpoint stops the run, says the zone and link exist and the rest was not started; clean-up removes them', async () => {
    const { inventory, form } = await inventoryAndForm();
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'PUT', pathPattern: '/privateEndpoints/myPrivateEndpoint$', status: 500, times: 1, body: { error: { code: 'InternalServerError', message: 'Injected failure.' } } });
    const result = await w.provisioning.run(planCreateEndpoint(form, inventory));
    assert.equal(result.status, 'failed');
    assert.deepEqual(result.outcomes.map((o) => o.status), ['succeeded', 'succeeded', 'failed', 'skipped']);
    assert.match(result.outcomes[2]?.message ?? '', /Injected failure/);
    assert.deepEqual(result.created.map(describeCreated), ['private DNS zone privatelink.azurecr.io', 'virtual network link MyDNSLink']);

    const cleaned = await w.provisioning.cleanUp(result.created);
    assert.deepEqual(cleaned.map((c) => c.status), ['removed', 'removed']);
    assert.deepEqual(await all(w.clients.privateDns(SUBSCRIPTION_PRODUCTION).privateZones.list()), []);
    assert.deepEqual(await all(w.clients.network(SUBSCRIPTION_PRODUCTION).privateEndpoints.listBySubscription()), []);
  });

  void it('a failure at the zone group leaves the endpoint, which the clean-up deletes with its NIC', async () => {
    const { inventory, form } = await inventoryAndForm();
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'PUT', pathPattern: '/privateDnsZoneGroups/', status: 409, times: 1, body: { error: { code: 'Conflict', message: 'Another operation is in progress.' } } });
    const result = await w.provisioning.run(planCreateEndpoint(form, inventory));
    assert.equal(result.status, 'failed');
    assert.deepEqual(result.created.map((c) => c.kind), ['privateDnsZone', 'virtualNetworkLink', 'privateEndpoint']);
    const cleaned = await w.provisioning.cleanUp(result.created);
    assert.deepEqual(cleaned.map((c) => c.status), ['removed', 'removed', 'removed']);
    assert.deepEqual(await all(w.clients.network(SUBSCRIPTION_PRODUCTION).privateEndpoints.listBySubscription()), []);
    const nics = await arm(sb, 'GET', `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.Network/networkInterfaces?api-version=2026-01-01`);
    assert.deepEqual((nics.json as { value: { name: string }[] }).value.map((n) => n.name), [SEED.vmNic]);
  });

  void it('cancelling after the first step leaves the rest unstarted', async () => {
    const { inventory, form } = await inventoryAndForm();
    const controller = new AbortController();
    const result = await w.provisioning.run(planCreateEndpoint(form, inventory), {
      signal: controller.signal,
      onProgress: (o) => o.index === 0 && o.status === 'succeeded' && controller.abort(),
    });
    assert.equal(result.status, 'cancelled');
    assert.deepEqual(result.outcomes.map((o) => o.status), ['succeeded', 'cancelled', 'skipped', 'skipped']);
    assert.deepEqual(result.created.map((c) => c.kind), ['privateDnsZone']);
  });
});
