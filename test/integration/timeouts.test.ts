// The timeout settings reach the extension's requests: a list the sandbox never answers becomes an
// error node naming the request and the configured limit, instead of a tree that waits forever.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, labelOf, nodeAt } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';

const DEV = '00000000-0000-4000-8000-000000000002';

/** The label of Contoso Dev's only child once the tree shows an error there (the settings apply on the next load). */
async function devError(api: ExtensionApi, pattern: RegExp): Promise<string> {
  let last = '';
  for (let i = 0; i < 5; i++) {
    api.tree.refresh();
    const children = await childrenOf(api, await nodeAt(api, 'Contoso Dev'));
    last = children.map(labelOf).join(' | ');
    if (children.length === 1 && pattern.test(last)) return last;
  }
  return last;
}

suite('Timeouts: the settings are honoured', () => {
  let api: ExtensionApi;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('acrPrivateLink');

  // The tree lists registries from Resource Graph, and from ARM when the graph fails: neither answers here.
  const devRegistryLists = `(/subscriptions/${DEV}/providers/Microsoft\\.ContainerRegistry/registries|/providers/Microsoft\\.ResourceGraph/resources)$`;

  suiteSetup(async () => {
    await resetSandbox('seed');
    api = await activateExtension();
  });

  teardown(async () => {
    await sandboxRequest('DELETE', '/_sandbox/faults');
    await settings().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('operationTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    api.tree.refresh();
  });

  test('requestTimeoutSeconds (0 is bounded to 1 s): a registry list that never comes is an error node naming the request and the limit', async () => {
    await sandboxRequest('POST', '/_sandbox/faults', { pathPattern: devRegistryLists, kind: 'noAnswer' });
    await settings().update('requestTimeoutSeconds', 0, vscode.ConfigurationTarget.Global);
    const label = await devError(api, /within 1 s/);
    assert.match(label, new RegExp(`^Could not list registries: Azure did not answer GET /subscriptions/${DEV}/providers/Microsoft\\.ContainerRegistry/registries within 1 s \\(the request timeout\\)`));
    const production = await childrenOf(api, await nodeAt(api, 'Contoso Production'));
    assert.ok(production.map(labelOf).includes('myregistry'), 'the other subscription still loads');
  });

  test('operationTimeoutSeconds: a level that cannot load within it gives up with the operation and its limit', async () => {
    await sandboxRequest('POST', '/_sandbox/faults', { pathPattern: devRegistryLists, kind: 'noAnswer' });
    await settings().update('requestTimeoutSeconds', 60, vscode.ConfigurationTarget.Global);
    await settings().update('operationTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    const label = await devError(api, /Gave up/);
    assert.match(label, new RegExp(`^Could not list registries: Gave up listing the registries of subscription ${DEV} after 1 s \\(the time allowed for one operation\\)`));
  });
});
