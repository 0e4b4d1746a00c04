import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, nodeAt } from './extensionApi';
import type { StatusPanel } from '../../src/webviews/statusPanel';

/** Our bundles and the Azure SDK packages that Node has loaded into this host so far. */
function loadedModules(): string[] {
  return Object.keys(require.cache).filter((k) => /[\\/]dist[\\/](azure|diagnosis|panels)\.js$|[\\/]@azure[\\/]arm-/.test(k));
}

// Named to run first: nothing else in the host has touched the extension's tree or commands yet.
suite('Activation', () => {
  test('activating the extension loads neither the Azure SDKs nor the diagnosis and panel bundles', async () => {
    const api = await activateExtension();
    // Let the sign-in check that activation starts finish before looking.
    await vscode.commands.executeCommand('setContext', 'acrPrivateLink.probe', true);
    assert.strictEqual(api.isAzureModuleLoaded(), false, 'the Azure bundle was loaded during activation');
    assert.deepStrictEqual(api.loadedLazyBundles(), []);
    assert.deepStrictEqual(loadedModules(), []);
  });

  test('every command in package.json is in the command table, and the other way round', async () => {
    const api = await activateExtension();
    const extension = vscode.extensions.getExtension('acr-private-link.acr-private-link')!;
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepStrictEqual(contributed, api.commandNames.map((n) => `acrPrivateLink.${n}`).sort());
  });

  test('the first registry the tree checks loads the Azure layer and the diagnosis engine, not the panels', async () => {
    const api = await activateExtension();
    const registry = await nodeAt(api, 'Contoso Production', 'myregistry');
    assert.ok((await childrenOf(api, registry)).length > 0);
    assert.deepStrictEqual(api.loadedLazyBundles(), ['dist/azure.js', 'dist/diagnosis.js']);
  });

  test('the first command that opens a panel loads dist/panels.js, which uses the same diagnosis bundle', async () => {
    const api = await activateExtension();
    const before = Object.keys(require.cache).filter((k) => /[\\/]dist[\\/]diagnosis\.js$/.test(k));
    const panel = await vscode.commands.executeCommand<StatusPanel | undefined>('acrPrivateLink.openStatus', 'myregistry');
    try {
      assert.ok(panel, 'openStatus returned no panel');
      // The panel was found by the registry node of the tree: the node kinds work across bundles.
      await panel.whenChecked();
      assert.deepStrictEqual(api.loadedLazyBundles(), ['dist/azure.js', 'dist/diagnosis.js', 'dist/panels.js']);
      assert.deepStrictEqual(Object.keys(require.cache).filter((k) => /[\\/]dist[\\/]diagnosis\.js$/.test(k)), before, 'a second copy of the diagnosis bundle was loaded');
    } finally {
      panel?.dispose();
    }
  });
});
