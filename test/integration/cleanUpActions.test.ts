// Deleting an endpoint or a connection and turning public access off, against the seed scenario,
// through the commands' programmatic path (`{ confirmed: true }`), as the status panel would.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt } from './extensionApi';
import { resetSandbox } from './sandboxControl';
import { createForeignRecord, createSecondEndpoint, registryId, world, zoneRecords } from './seedWorld';
import type { ExtensionApi } from '../../src/extension';

suite('Delete private endpoint, delete connection, public network access (seed scenario)', () => {
  let api: ExtensionApi;

  setup(async () => {
    await resetSandbox('seed');
    api = await activateExtension();
    api.tree.refresh();
  });

  test('after deleting myPrivateEndpoint, the clean-up removes its two records and MyDNSLink, and leaves a record another service wrote', async () => {
    await createForeignRecord('otherservice', '10.0.0.50');
    api.tree.refresh();
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');

    const done = await vscode.commands.executeCommand<string[] | undefined>('acrPrivateLink.deletePrivateEndpoint', endpoint, { confirmed: true, removeLeftovers: true });

    assert.ok(done, 'the command reported nothing (it failed; see the log)');
    const state = await world();
    assert.deepStrictEqual(Object.values(state.privateEndpoints).map((p) => p.name), []);
    assert.deepStrictEqual(await zoneRecords(), { otherservice: ['10.0.0.50'] });
    assert.deepStrictEqual(Object.values(state.virtualNetworkLinks).map((l) => l.name), []);
    const endpoints = await childrenOf(api, await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints'));
    assert.deepStrictEqual(endpoints.map(labelOf), ['No private endpoints — Create…']);
  });

  test('with a second endpoint in the same VNet, deleting myPrivateEndpoint keeps MyDNSLink and the records the other endpoint resolves through', async () => {
    await createSecondEndpoint('mySecondEndpoint');
    api.tree.refresh();
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');

    await vscode.commands.executeCommand('acrPrivateLink.deletePrivateEndpoint', endpoint, { confirmed: true, removeLeftovers: true });

    const state = await world();
    assert.deepStrictEqual(Object.values(state.privateEndpoints).map((p) => p.name), ['mySecondEndpoint']);
    assert.deepStrictEqual(Object.values(state.virtualNetworkLinks).map((l) => l.name), ['MyDNSLink']);
    assert.deepStrictEqual(Object.keys(await zoneRecords()).sort(), ['myregistry', 'myregistry.westeurope.data']);
    const endpoints = await childrenOf(api, await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints'));
    assert.deepStrictEqual(endpoints.map(labelOf), ['mySecondEndpoint']);
  });

  test('deleting the connection of myPrivateEndpoint leaves the endpoint Disconnected and myregistry with no endpoint', async () => {
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');

    await vscode.commands.executeCommand('acrPrivateLink.deleteConnection', endpoint, { confirmed: true });

    const state = await world();
    const connections = Object.entries(state.registryConnections).filter(([id]) => id.startsWith(registryId.toLowerCase()));
    assert.deepStrictEqual(connections, []);
    const pe = Object.values(state.privateEndpoints).find((p) => p.name === 'myPrivateEndpoint');
    assert.strictEqual(pe?.privateLinkServiceConnections[0]?.privateLinkServiceConnectionState.status, 'Disconnected');
    const registry = await nodeAt(api, 'Contoso Production', 'myregistry');
    assert.match(descriptionOf(registry), /0 endpoints/);
  });

  test('disabling public network access with the trusted-services bypass: myregistry shows public access off', async () => {
    const registry = await nodeAt(api, 'Contoso Production', 'myregistry');
    assert.match(descriptionOf(registry), /public access on/);

    const result = await vscode.commands.executeCommand('acrPrivateLink.setPublicNetworkAccess', registry, { publicNetworkAccess: 'Disabled', networkRuleBypassOptions: 'AzureServices', confirmed: true });

    assert.strictEqual(result, 'Disabled');
    const stored = (await world()).registries[registryId.toLowerCase()];
    assert.deepStrictEqual([stored?.publicNetworkAccess, stored?.networkRuleBypassOptions], ['Disabled', 'AzureServices']);
    assert.match(descriptionOf(await nodeAt(api, 'Contoso Production', 'myregistry')), /public access off/);
  });
});
