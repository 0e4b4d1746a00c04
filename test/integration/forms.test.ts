// The create-endpoint form in the real extension host, against the sandbox's `empty` scenario: the
// page's messages go through the panel's own handler, so what is checked is what a submit does.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, descriptionOf, nodeAt, openCreateForm, settledWebviewTabs } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';
import type { CreateEndpointPanel } from '../../src/webviews/forms/createEndpointPanel';
import { defaultCreateEndpointForm, type CreateEndpointForm, type CreateEndpointInventory } from '../../src/provisioning/createEndpointForm';
import type { RegistryNode } from '../../src/tree/nodes/registryNode';

async function openForm(api: ExtensionApi): Promise<{ panel: CreateEndpointPanel; form: CreateEndpointForm; registry: RegistryNode }> {
  api.tree.refresh();
  const registry = (await nodeAt(api, 'Contoso Production', 'myregistry')) as RegistryNode;
  const { panel, inventory } = await openCreateForm<CreateEndpointPanel, CreateEndpointInventory>('acrPrivateLink.createPrivateEndpoint', registry);
  return { panel, form: { ...defaultCreateEndpointForm(inventory, registry.registry.id), name: 'myPrivateEndpoint' }, registry };
}

suite('Create private endpoint form (empty scenario)', () => {
  let api: ExtensionApi;
  let panel: CreateEndpointPanel | undefined;

  suiteSetup(async () => {
    api = await activateExtension();
  });
  // The suites after this one start from the seed world.
  suiteTeardown(() => resetSandbox('seed'));
  teardown(async () => {
    panel?.dispose();
    panel = undefined;
    await sandboxRequest('DELETE', '/_sandbox/faults');
  });

  test('a malformed or invalid submit creates nothing', async () => {
    await resetSandbox('empty');
    const opened = await openForm(api);
    panel = opened.panel;
    await panel.receive({ type: 'submit', form: { ...opened.form, extra: '<script>alert(1)</script>' } });
    await panel.receive({ type: 'submit', form: { ...opened.form, name: '-starts-with-a-hyphen' } });
    await panel.receive({ type: 'submit', form: { ...opened.form, registryId: opened.form.registryId.replace('myregistry', 'basicregistry') } });
    assert.strictEqual(panel.lastRun(), undefined);
    const endpoints = await sandboxRequest('GET', '/subscriptions/00000000-0000-4000-8000-000000000001/providers/Microsoft.Network/privateEndpoints?api-version=2026-01-01');
    assert.deepStrictEqual((endpoints.body as { value: unknown[] }).value, []);
  });

  test('submitting runs every step; myPrivateEndpoint appears under myregistry, approved, and the registry is healthy', async () => {
    await resetSandbox('empty');
    const opened = await openForm(api);
    panel = opened.panel;
    await panel.receive({ type: 'submit', form: opened.form });
    const run = panel.lastRun();
    assert.strictEqual(run?.status, 'succeeded', JSON.stringify(run));
    assert.deepStrictEqual(run.steps.map((s) => s.status), ['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');
    assert.match(descriptionOf(endpoint), /^Approved · myDockerVMVNET\/myDockerVMSubnet/);
    const registry = (await nodeAt(api, 'Contoso Production', 'myregistry')) as RegistryNode;
    await registry.loadDetails();
    assert.deepStrictEqual(registry.entry.diagnosis?.findings.filter((f) => f.severity === 'error').map((f) => f.message), []);
  });

  test('a failure at the endpoint is reported with the zone and link it left; Clean up removes them', async () => {
    await resetSandbox('empty');
    const opened = await openForm(api);
    panel = opened.panel;
    await sandboxRequest('POST', '/_sandbox/faults', { method: 'PUT', pathPattern: '/privateEndpoints/myPrivateEndpoint$', status: 500, times: 1, body: { error: { code: 'InternalServerError', message: 'Injected failure.' } } });
    await panel.receive({ type: 'submit', form: opened.form });
    const run = panel.lastRun();
    assert.strictEqual(run?.status, 'failed');
    assert.deepStrictEqual(run.steps.map((s) => s.status), ['succeeded', 'succeeded', 'failed', 'skipped']);
    assert.deepStrictEqual(run.created, ['private DNS zone privatelink.azurecr.io', 'virtual network link MyDNSLink'].map((x) => x.replace('MyDNSLink', opened.form.linkName)));
    await panel.receive({ type: 'cleanUp' });
    assert.deepStrictEqual(panel.lastRun()?.created, []);
    const zones = await sandboxRequest('GET', '/subscriptions/00000000-0000-4000-8000-000000000001/providers/Microsoft.Network/privateDnsZones?api-version=2024-06-01');
    assert.deepStrictEqual((zones.body as { value: unknown[] }).value, []);
  });

  test('opening the form again for the same registry shows the open one; for another registry it is closed and a new one opens', async () => {
    await resetSandbox('empty');
    const first = await vscode.commands.executeCommand<CreateEndpointPanel | undefined>('acrPrivateLink.createPrivateEndpoint', 'myregistry');
    assert.ok(first, 'the command returned no panel');
    panel = first;
    let firstClosed = false;
    first.panel.onDidDispose(() => (firstClosed = true));
    const again = await vscode.commands.executeCommand<CreateEndpointPanel | undefined>('acrPrivateLink.createPrivateEndpoint', 'myregistry');
    assert.strictEqual(again, first, 'a second open shows the same form');
    assert.strictEqual((await settledWebviewTabs('acrPrivateLink.createEndpoint', 'Create private endpoint', 1)).length, 1);
    assert.strictEqual(firstClosed, false);

    const other = await vscode.commands.executeCommand<CreateEndpointPanel | undefined>('acrPrivateLink.createPrivateEndpoint', 'basicregistry');
    assert.ok(other, 'the command returned no panel');
    panel = other;
    assert.notStrictEqual(other, first, 'another registry gets a form of its own');
    assert.strictEqual(firstClosed, true, 'the form for myregistry was closed');
    assert.strictEqual((await settledWebviewTabs('acrPrivateLink.createEndpoint', 'Create private endpoint', 1)).length, 1);
  });
});
