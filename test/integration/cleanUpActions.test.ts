// Deleting an endpoint or a connection and turning public access off, against the seed scenario,
// through the commands' programmatic path (`{ confirmed: true }`), as the status panel would.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { childrenOf, descriptionOf, labelOf, nodeAt, startWorld } from './extensionApi';
import { sandboxRequest } from './sandboxControl';
import { addZoneGroup, createForeignRecord, createSecondEndpoint, endpointIp, registryId, world, writeRecord, zoneRecords } from './seedWorld';
import type { ExtensionApi } from '../../src/extension';

suite('Delete private endpoint, delete connection, public network access (seed scenario)', () => {
  let api: ExtensionApi;

  setup(async () => {
    api = await startWorld();
  });

  test('after deleting myPrivateEndpoint, the clean-up removes its two records and MyDNSLink, and leaves a record another service wrote', async () => {
    await createForeignRecord('otherservice', '10.0.0.50');
    api.tree.refresh();
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');

    const done = await vscode.commands.executeCommand<string[] | undefined>('acrPrivateLink.deletePrivateEndpoint', endpoint, { confirmed: true, removeLeftovers: true });

    assert.ok(done, 'the command reported nothing (it failed; see the log)');
    // Removing the link says that it succeeded.
    const said = api.shownNotifications().at(-1);
    assert.strictEqual(said?.severity, 'information');
    assert.match(said?.message ?? '', /^Cleaned up after the deletion: .*Deleted virtual network link MyDNSLink\.$/);
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

  test('deleting a second endpoint whose zone group took the records over: the confirmation says myPrivateEndpoint remains and which records Azure deletes; the clean-up writes them again for myPrivateEndpoint', async () => {
    await createSecondEndpoint('mySecondEndpoint');
    await addZoneGroup('mySecondEndpoint');
    const members = ['registry', 'registry_data_westeurope', 'registry_data_eastus'];
    const second = await Promise.all(members.map((m) => endpointIp('mySecondEndpoint', m)));
    const first = await Promise.all(members.map((m) => endpointIp('myPrivateEndpoint', m)));
    assert.deepStrictEqual(await zoneRecords(), { myregistry: [second[0]], 'myregistry.westeurope.data': [second[1]], 'myregistry.eastus.data': [second[2]] });
    api.tree.refresh();
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'mySecondEndpoint');

    const preview = await vscode.commands.executeCommand<string[]>('acrPrivateLink.deletePrivateEndpoint', endpoint, { preview: true });
    const text = preview.join('\n');
    assert.strictEqual(preview[0], 'Delete private endpoint mySecondEndpoint?');
    assert.match(text, /myPrivateEndpoint remains in myDockerVMVNET: clients there can still reach myregistry privately/);
    assert.match(text, /Azure deletes the A records its DNS zone group wrote in privatelink\.azurecr\.io, whatever they hold by then: myregistry, myregistry\.westeurope\.data, myregistry\.eastus\.data\./);
    assert.doesNotMatch(text, /stop reaching/);
    assert.strictEqual(Object.keys(await zoneRecords()).length, 3, 'the preview changed nothing');

    const done = await vscode.commands.executeCommand<string[] | undefined>('acrPrivateLink.deletePrivateEndpoint', endpoint, { confirmed: true, removeLeftovers: true });

    assert.ok(done, 'the command reported nothing (it failed; see the log)');
    const state = await world();
    assert.deepStrictEqual(Object.values(state.privateEndpoints).map((p) => p.name), ['myPrivateEndpoint']);
    assert.deepStrictEqual(await zoneRecords(), { myregistry: [first[0]], 'myregistry.westeurope.data': [first[1]], 'myregistry.eastus.data': [first[2]] });
    assert.deepStrictEqual(Object.values(state.virtualNetworkLinks).map((l) => l.name), ['MyDNSLink']);
  });

  test('deleting one of two endpoints whose IPs share hand-written records: the clean-up removes exactly its IPs, at the etag read, and keeps the other endpoint\'s', async () => {
    await createSecondEndpoint('mySecondEndpoint');
    const rest = [await endpointIp('myPrivateEndpoint', 'registry'), await endpointIp('mySecondEndpoint', 'registry')];
    const data = [await endpointIp('myPrivateEndpoint', 'registry_data_westeurope'), await endpointIp('mySecondEndpoint', 'registry_data_westeurope')];
    await writeRecord('myregistry', rest);
    await writeRecord('myregistry.westeurope.data', data);
    api.tree.refresh();
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');

    const preview = (await vscode.commands.executeCommand<string[]>('acrPrivateLink.deletePrivateEndpoint', endpoint, { preview: true })).join('\n');
    assert.match(preview, /mySecondEndpoint remains in myDockerVMVNET/);
    assert.match(preview, /It has no DNS zone group that wrote A records: Azure deletes no A record with it\./);
    assert.match(preview, new RegExp(`myregistry was not written by its zone group and keeps ${rest[0]!.replace(/\./g, '\\.')}, which no endpoint will serve`));
    assert.doesNotMatch(preview, /stop reaching/);

    await vscode.commands.executeCommand('acrPrivateLink.deletePrivateEndpoint', endpoint, { confirmed: true, removeLeftovers: true });

    const records = await zoneRecords();
    assert.deepStrictEqual(records['myregistry'], [rest[1]]);
    assert.deepStrictEqual(records['myregistry.westeurope.data'], [data[1]]);
    const log = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: { method: string; path: string; ifMatch: string | null }[] }).value;
    const recordWrites = log.filter((e) => (e.method === 'PATCH' || e.method === 'PUT') && /\/A\/myregistry(\.westeurope\.data)?$/i.test(e.path)).slice(-2);
    assert.strictEqual(recordWrites.length, 2);
    assert.ok(recordWrites.every((e) => e.method === 'PATCH' && e.ifMatch !== null), `the removals are conditional: ${JSON.stringify(recordWrites)}`);
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
