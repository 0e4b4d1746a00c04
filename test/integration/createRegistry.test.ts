// The create-registry-with-private-endpoint form in the real extension host, against the sandbox's
// `empty` scenario: the command on the subscription opens it, the page's messages go through the
// panel's own handler (name check, submit, clean-up), and what Azure holds is read from the sandbox.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, descriptionOf, nodeAt, openCreateForm } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';
import type { CreateRegistryPanel } from '../../src/webviews/forms/createRegistryPanel';
import { defaultCreateRegistryForm, type CreateRegistryForm, type CreateRegistryInventory } from '../../src/provisioning/createRegistryForm';

const SUB = '00000000-0000-4000-8000-000000000001';
const registryPath = `/subscriptions/${SUB}/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/contosoprivate?api-version=2025-11-01`;

async function openForm(api: ExtensionApi): Promise<{ panel: CreateRegistryPanel; form: CreateRegistryForm }> {
  api.tree.refresh();
  const subscription = await nodeAt(api, 'Contoso Production');
  const { panel, inventory } = await openCreateForm<CreateRegistryPanel, CreateRegistryInventory>('acrPrivateLink.createRegistryWithPrivateEndpoint', subscription);
  const form: CreateRegistryForm = {
    ...defaultCreateRegistryForm(inventory),
    registryName: 'contosoprivate',
    endpointName: 'contosoprivate-pe',
    connectionName: 'contosoprivate-pe-connection',
    replicaLocations: ['eastus'],
  };
  return { panel, form };
}

suite('Create registry with private endpoint form (empty scenario)', () => {
  let api: ExtensionApi;
  let panel: CreateRegistryPanel | undefined;

  suiteSetup(async () => {
    api = await activateExtension();
  });
  suiteTeardown(() => resetSandbox('seed'));
  teardown(async () => {
    panel?.dispose();
    panel = undefined;
    await sandboxRequest('DELETE', '/_sandbox/faults');
  });

  test('the name check answers with Azure\'s reason; a taken or malformed name creates nothing', async () => {
    await resetSandbox('empty');
    const opened = await openForm(api);
    panel = opened.panel;
    assert.ok(panel.currentInventory()?.regions.some((r) => r.name === 'eastus'));
    await panel.receive({ type: 'checkName', name: 'myregistry' });
    assert.deepStrictEqual(panel.lastNameCheck(), { name: 'myregistry', nameAvailable: false, reason: 'AlreadyExists', message: 'The registry myregistry is already in use.' });
    await panel.receive({ type: 'checkName', name: 'contosoprivate' });
    assert.strictEqual(panel.lastNameCheck()?.nameAvailable, true);
    // devregistry is in another subscription: Azure's check (made again on submit) refuses it.
    await panel.receive({ type: 'submit', form: { ...opened.form, registryName: 'devregistry' } });
    await panel.receive({ type: 'submit', form: { ...opened.form, registryName: 'contoso-private' } });
    await panel.receive({ type: 'submit', form: { ...opened.form, extra: '<img src=x onerror=alert(1)>' } });
    assert.strictEqual(panel.lastRun(), undefined);
    assert.strictEqual(panel.lastNameCheck()?.reason, 'AlreadyExists');
    assert.strictEqual((await sandboxRequest('GET', registryPath)).status, 404);
  });

  test('submitting creates the registry, its replica and endpoint; the check is healthy and the tree shows them', async () => {
    await resetSandbox('empty');
    const opened = await openForm(api);
    panel = opened.panel;
    await panel.receive({ type: 'submit', form: opened.form });
    const run = panel.lastRun();
    assert.strictEqual(run?.status, 'succeeded', JSON.stringify(run));
    assert.deepStrictEqual(run.steps.map((s) => s.status), ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
    assert.strictEqual(run.check?.verdict, 'healthy', JSON.stringify(run.check));
    assert.match(run.check.summary, /^contosoprivate is healthy/);
    const registry = await sandboxRequest('GET', registryPath);
    assert.strictEqual((registry.body as { properties: { publicNetworkAccess: string } }).properties.publicNetworkAccess, 'Disabled');
    const endpoint = await nodeAt(api, 'Contoso Production', 'contosoprivate', 'Private endpoints', 'contosoprivate-pe');
    assert.match(descriptionOf(endpoint), /^Approved · myDockerVMVNET\/myDockerVMSubnet/);
  });

  test('a failure at the endpoint is reported with what exists; Clean up removes the registry, replica, zone and link', async () => {
    await resetSandbox('empty');
    const opened = await openForm(api);
    panel = opened.panel;
    await sandboxRequest('POST', '/_sandbox/faults', { method: 'PUT', pathPattern: '/privateEndpoints/contosoprivate-pe$', status: 500, times: 1, body: { error: { code: 'InternalServerError', message: 'Injected failure.' } } });
    await panel.receive({ type: 'submit', form: opened.form });
    const run = panel.lastRun();
    assert.strictEqual(run?.status, 'failed');
    assert.strictEqual(run.check, undefined);
    assert.deepStrictEqual(run.created, ['container registry contosoprivate', 'geo-replica eastus', 'private DNS zone privatelink.azurecr.io', `virtual network link ${opened.form.linkName}`]);
    await panel.receive({ type: 'cleanUp' });
    assert.deepStrictEqual(panel.lastRun()?.created, []);
    assert.strictEqual((await sandboxRequest('GET', registryPath)).status, 404);
  });
});
