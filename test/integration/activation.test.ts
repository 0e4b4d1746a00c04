import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension } from './extensionApi';

// Named to run first: nothing else in the host has touched the extension's tree yet.
suite('Activation', () => {
  test('activating the extension does not load the Azure SDKs', async () => {
    const api = await activateExtension();
    // Let the sign-in check that activation starts finish before looking.
    await vscode.commands.executeCommand('setContext', 'acrPrivateLink.probe', true);
    assert.strictEqual(api.isAzureModuleLoaded(), false, 'the Azure bundle was loaded during activation');
    const loaded = Object.keys(require.cache).filter((k) => /[\\/]dist[\\/]azure\.js$|[\\/]@azure[\\/]arm-/.test(k));
    assert.deepStrictEqual(loaded, []);
  });

  test('every command in package.json is in the command table, and the other way round', async () => {
    const api = await activateExtension();
    const extension = vscode.extensions.getExtension('acr-private-link.acr-private-link')!;
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepStrictEqual(contributed, api.commandNames.map((n) => `acrPrivateLink.${n}`).sort());
  });
});
