// A write whose answer is lost or fails after Azure applied it: the tree and an open status panel must
// show what Azure holds afterwards, never the state from before the write as if it were current.
// Azure's state comes from the sandbox, not from the extension.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { childrenOf, labelOf, nodeAt, openStatusPanel, startWorld } from './extensionApi';
import { sandboxRequest } from './sandboxControl';
import { registryId, world } from './seedWorld';
import type { ExtensionApi } from '../../src/extension';
import type { StatusPanel } from '../../src/webviews/statusPanel';

async function inject(rule: Record<string, unknown>): Promise<void> {
  const r = await sandboxRequest('POST', '/_sandbox/faults', { times: 1, ...rule });
  assert.strictEqual(r.status, 201, `the fault was refused: ${JSON.stringify(r.body)}`);
}

/** Runs a command that must fail; the command wrapper shows the error as a notification. */
async function failure(api: ExtensionApi, command: string, ...args: unknown[]): Promise<string> {
  const before = api.shownNotifications().length;
  await vscode.commands.executeCommand(command, ...args);
  const shown = api.shownNotifications().slice(before).filter((n) => n.severity === 'error');
  assert.strictEqual(shown.length, 1, `${command} showed ${JSON.stringify(api.shownNotifications().slice(before))}`);
  return shown[0]!.message;
}

suite('A write that fails after Azure applied it', () => {
  let api: ExtensionApi;
  const panels: StatusPanel[] = [];

  setup(async () => {
    api = await startWorld();
    await nodeAt(api, 'Contoso Production', 'myregistry');
  });

  teardown(async () => {
    for (const p of panels.splice(0)) p.dispose();
    await sandboxRequest('DELETE', '/_sandbox/faults');
  });

  test('a reset public-access write: the error says it may have been applied, and the open panel shows what Azure holds, not what it showed before', async () => {
    const panel = await openStatusPanel('myregistry');
    panels.push(panel);
    assert.strictEqual(panel.sentState()!.networkRuleBypassOptions, 'AzureServices');
    // Someone changes the bypass in the portal; then our write's connection is reset.
    const outside = await sandboxRequest('PATCH', `${registryId}?api-version=2023-07-01`, { properties: { networkRuleBypassOptions: 'None' } });
    assert.strictEqual(outside.status, 200);
    await inject({ method: 'PATCH', pathPattern: '/registries/myregistry$', kind: 'reset', times: 10 });

    const message = await failure(api, 'acrPrivateLink.setPublicNetworkAccess', 'myregistry', { publicNetworkAccess: 'Disabled', confirmed: true });
    assert.match(message, /may have been applied/);
    await panel.whenChecked();

    const held = Object.values((await world()).registries).find((r) => r.name === 'myregistry')!;
    assert.deepStrictEqual([panel.sentState()!.publicNetworkAccess, panel.sentState()!.networkRuleBypassOptions], [held.publicNetworkAccess, held.networkRuleBypassOptions]);
    assert.strictEqual(held.networkRuleBypassOptions, 'None');
  });

  test('deleting a connection whose operation fails after Azure removed it: the error names the failure, and the tree and the open panel show the connection gone', async () => {
    const panel = await openStatusPanel('myregistry');
    panels.push(panel);
    const [endpoint] = await childrenOf(api, await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints'));
    assert.ok(endpoint && labelOf(endpoint) === 'myPrivateEndpoint');
    await inject({ method: 'GET', pathPattern: '/Microsoft\\.ContainerRegistry/locations/[^/]+/operationResults/', kind: 'status', status: 409, body: { error: { code: 'Conflict', message: 'Injected: the deletion failed.' } } });

    const message = await failure(api, 'acrPrivateLink.deleteConnection', endpoint, { confirmed: true });
    assert.match(message, /Injected: the deletion failed/);
    await panel.whenChecked();

    assert.deepStrictEqual(Object.keys((await world()).registryConnections).filter((id) => id.includes('/myregistry/')), [], 'the sandbox deleted the connection');
    assert.deepStrictEqual(panel.sentState()!.connections.map((c) => c.status), []);
    assert.deepStrictEqual((await childrenOf(api, await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints'))).map(labelOf), ['No private endpoints — Create…']);
  });

  test('deleting an endpoint whose operation fails after Azure deleted it: the tree and the open panel show it gone', async () => {
    const panel = await openStatusPanel('myregistry');
    panels.push(panel);
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');
    await inject({ method: 'GET', pathPattern: '/Microsoft\\.Network/locations/[^/]+/operations/', kind: 'status', status: 200, body: { status: 'Failed', error: { code: 'InternalServerError', message: 'Injected: the deletion failed.' } } });

    const message = await failure(api, 'acrPrivateLink.deletePrivateEndpoint', endpoint, { confirmed: true, removeLeftovers: false });
    assert.match(message, /^Deleting myPrivateEndpoint failed: .*Injected: the deletion failed\. The view now shows what Azure holds/);
    await panel.whenChecked();

    assert.deepStrictEqual(Object.keys((await world()).privateEndpoints), [], 'the sandbox deleted the endpoint');
    assert.deepStrictEqual(panel.sentState()!.connections.map((c) => c.status), []);
    assert.deepStrictEqual((await childrenOf(api, await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints'))).map(labelOf), ['No private endpoints — Create…']);
  });

  test('a clean-up after a deletion whose link removal fails: what was done and what was not are both said, and the records it removed stay removed', async () => {
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');
    await inject({ method: 'DELETE', pathPattern: '/virtualNetworkLinks/', kind: 'status', status: 409, body: { error: { code: 'Conflict', message: 'Injected: the link is in use.' } } });
    const before = api.shownNotifications().length;
    await vscode.commands.executeCommand('acrPrivateLink.deletePrivateEndpoint', endpoint, { confirmed: true, removeLeftovers: true });

    const state = await world();
    assert.deepStrictEqual(Object.values(state.virtualNetworkLinks).map((l) => l.name), ['MyDNSLink'], 'the sandbox kept the link');
    const said = api.shownNotifications().slice(before);
    assert.deepStrictEqual(said.map((n) => n.severity), ['warning'], JSON.stringify(said));
    assert.match(said[0]!.message, /^Clean-up after the deletion: [1-9]\d* done; not done: Delete virtual network link MyDNSLink .*Injected: the link is in use/);
  });
});
