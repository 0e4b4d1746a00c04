// Where the tree reads its inventory from, seen in the sandbox's request log: Azure Resource Graph by
// default (no endpoint, NIC or VNet read one by one), ARM reads with the setting on `arm`, and the
// same tree either way.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';

interface LogEntry {
  method: string;
  path: string;
}

async function requestLog(): Promise<LogEntry[]> {
  return ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: LogEntry[] }).value;
}

/** The seed registry's DNS records as the tree shows them, read after a refresh of everything. */
async function recordsShown(api: ExtensionApi): Promise<string[]> {
  await vscode.commands.executeCommand('acrPrivateLink.refresh');
  const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
  return (await childrenOf(api, zone)).filter((c) => labelOf(c) !== 'Virtual network links').map((c) => `${labelOf(c)} ${descriptionOf(c)}`);
}

const readOneByOne = (log: LogEntry[]): LogEntry[] => log.filter((e) => e.method === 'GET' && /\/(privateEndpoints|networkInterfaces|virtualNetworks)\/[^/]+$/i.test(e.path));
const graphQueries = (log: LogEntry[]): LogEntry[] => log.filter((e) => /\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(e.path));

suite('Inventory source', () => {
  let api: ExtensionApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('acrPrivateLink');

  suiteSetup(async () => {
    await resetSandbox('seed');
    api = await activateExtension();
  });

  suiteTeardown(async () => {
    await config().update('inventorySource', undefined, vscode.ConfigurationTarget.Global);
  });

  test('with inventorySource "arm" the tree reads every resource from ARM and never queries Resource Graph', async () => {
    await config().update('inventorySource', 'arm', vscode.ConfigurationTarget.Global);
    await sandboxRequest('DELETE', '/_sandbox/requests');
    const records = await recordsShown(api);
    const log = await requestLog();
    assert.deepStrictEqual(graphQueries(log), []);
    assert.ok(readOneByOne(log).length > 0, 'the endpoint, its NIC and VNet are read one by one');
    assert.ok(records.some((r) => r.startsWith('myregistry.eastus.data')), records.join('\n'));
  });

  test('by default the tree reads its breadth through Resource Graph, shows the same records, and reads no endpoint, NIC or VNet one by one', async () => {
    await config().update('inventorySource', 'arm', vscode.ConfigurationTarget.Global);
    const viaArm = await recordsShown(api);
    await config().update('inventorySource', undefined, vscode.ConfigurationTarget.Global);
    await sandboxRequest('DELETE', '/_sandbox/requests');
    const viaGraph = await recordsShown(api);
    const log = await requestLog();
    assert.ok(graphQueries(log).length > 0, 'Resource Graph was queried');
    // (The Pending connection's endpoint lives in another tenant's subscription: only ARM can try it.)
    const listed = readOneByOne(log).filter((e) => /^\/subscriptions\/00000000-0000-4000-8000-00000000000[12]\//i.test(e.path));
    assert.deepStrictEqual(listed, []);
    assert.deepStrictEqual(viaGraph, viaArm);
  });
});
