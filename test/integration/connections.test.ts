import * as assert from 'assert';
import * as vscode from 'vscode';
import { childrenOf, descriptionOf, labelOf, nodeAt, startWorld } from './extensionApi';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes/node';

async function devConnection(api: ExtensionApi): Promise<TreeNode> {
  const endpoints = await childrenOf(api, await nodeAt(api, 'Contoso Dev', 'devregistry', 'Private endpoints'));
  assert.strictEqual(endpoints.length, 1, endpoints.map(labelOf).join(','));
  return endpoints[0]!;
}

suite('Approve and reject private endpoint connections (devregistry: a Pending request from another tenant)', () => {
  let api: ExtensionApi;

  setup(async () => {
    api = await startWorld();
  });

  test('the pending connection shows as Pending, with menus for approve and reject', async () => {
    const connection = await devConnection(api);
    assert.match(descriptionOf(connection), /^Pending · endpoint not readable/);
    assert.match(connection.getTreeItem().contextValue ?? '', /connection\.pending/);
  });

  test('Approve changes the connection to Approved on the registry', async () => {
    await vscode.commands.executeCommand('acrPrivateLink.approveConnection', await devConnection(api), 'Approved for the partner pipeline');
    const after = await devConnection(api);
    assert.match(descriptionOf(after), /^Approved/);
    assert.match(after.getTreeItem().tooltip?.toString() ?? '', /Approved for the partner pipeline/);
    const registry = await nodeAt(api, 'Contoso Dev', 'devregistry');
    assert.doesNotMatch(descriptionOf(registry), /pending/);
  });

  test('Reject changes the connection to Rejected, with the reason', async () => {
    await vscode.commands.executeCommand('acrPrivateLink.rejectConnection', await devConnection(api), 'Unknown requester');
    const after = await devConnection(api);
    assert.match(descriptionOf(after), /^Rejected/);
    assert.match(after.getTreeItem().tooltip?.toString() ?? '', /Unknown requester/);
  });
});
