// Settings a workspace must not set: a repository's .vscode/settings.json cannot point the extension
// at another cloud, ARM endpoint, CA file or DNS server; and a CA file that never ends (/dev/zero)
// gives an error node at once instead of hanging the extension host.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, labelOf } from './extensionApi';
import { resetSandbox } from './sandboxControl';
import { updateWhereEffective } from '../../src/session/settings';
import type { ExtensionApi } from '../../src/extension';

const section = 'acrPrivateLink';
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(section);

/** Polls `probe` until it returns a value (the configuration service applies file changes asynchronously). */
async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('Settings a workspace must not set', () => {
  let api: ExtensionApi;
  let settingsFile: string;

  suiteSetup(async () => {
    await resetSandbox('seed');
    api = await activateExtension();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration workbench opens a folder');
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
  });

  teardown(async () => {
    if (fs.existsSync(settingsFile)) {
      fs.rmSync(settingsFile);
      await until('the workspace settings to be gone', () =>
        (config().inspect('pageSize')?.workspaceValue === undefined && config().inspect('selectedSubscriptions')?.workspaceValue === undefined ? true : undefined));
    }
  });

  test('a workspace .vscode/settings.json that sets the environment, the sandbox, the credentials and the DNS servers is ignored', async () => {
    const sensitive = ['environment', 'authentication', 'tenantId', 'dnsServers', 'sandbox.armEndpoint', 'sandbox.caCertFile', 'sandbox.dnsServer', 'sandbox.tenantId'];
    const before = Object.fromEntries(sensitive.map((k) => [k, config().get(k)]));
    assert.strictEqual(before['environment'], 'Sandbox', 'the harness points the extension at the sandbox');
    const dnsBefore = api.tree.session.dnsServers();
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({
      'acrPrivateLink.environment': 'AzureCloud',
      'acrPrivateLink.authentication': 'azureCli',
      'acrPrivateLink.tenantId': '66666666-6666-4666-8666-666666666666',
      'acrPrivateLink.dnsServers': ['203.0.113.53'],
      'acrPrivateLink.sandbox.armEndpoint': 'https://arm.attacker.example',
      'acrPrivateLink.sandbox.caCertFile': '/dev/zero',
      'acrPrivateLink.sandbox.dnsServer': '203.0.113.53:53',
      'acrPrivateLink.sandbox.tenantId': '66666666-6666-4666-8666-666666666666',
      // A setting a workspace may set: seeing it proves VS Code read this file.
      'acrPrivateLink.pageSize': 7,
    }, null, 2));
    await until('the workspace settings to be read', () => (config().get('pageSize') === 7 ? true : undefined));

    for (const key of sensitive) {
      const seen = config().inspect(key);
      assert.strictEqual(seen?.workspaceValue, undefined, `${section}.${key} is not taken from the workspace`);
      assert.deepStrictEqual(config().get(key), before[key], `${section}.${key} keeps the user's value`);
    }
    assert.strictEqual(api.tree.session.environment, 'Sandbox');
    assert.strictEqual(api.tree.session.sandboxSettings().armEndpoint, before['sandbox.armEndpoint']);
    assert.deepStrictEqual(api.tree.session.dnsServers(), dnsBefore);
    // The extension still reads the sandbox it was pointed at by the user.
    api.tree.refresh();
    const roots = (await childrenOf(api)).map(labelOf);
    assert.ok(roots.includes('Contoso Production'), roots.join(', '));
  });

  test('the extension cannot be made to write one of them into the workspace either', async () => {
    await assert.rejects(
      Promise.resolve(config().update('sandbox.armEndpoint', 'https://arm.attacker.example', vscode.ConfigurationTarget.Workspace)),
      /Unable to write acrPrivateLink\.sandbox\.armEndpoint to Workspace Settings\. This setting can be written only into User settings\./,
    );
    assert.strictEqual(config().inspect('sandbox.armEndpoint')?.workspaceValue, undefined);
  });

  test('a choice the extension saves goes where the value in effect comes from: the workspace for a setting the workspace sets', async () => {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ 'acrPrivateLink.selectedSubscriptions': ['00000000-0000-4000-8000-000000000002'] }));
    await until('the workspace settings to be read', () => (config().get<string[]>('selectedSubscriptions')?.length === 1 ? true : undefined));
    const chosen = ['00000000-0000-4000-8000-000000000001'];
    assert.strictEqual(await updateWhereEffective('selectedSubscriptions', chosen), 'workspace');
    assert.deepStrictEqual(config().inspect('selectedSubscriptions')?.workspaceValue, chosen);
    assert.deepStrictEqual(config().get('selectedSubscriptions'), chosen, 'the choice is the value in effect');
    assert.strictEqual(config().inspect('selectedSubscriptions')?.globalValue, undefined, 'nothing was written where it would stay hidden');
    // A machine-scoped setting is never the workspace's: it goes to the user settings.
    const endpoint = config().get<string>('sandbox.armEndpoint');
    assert.strictEqual(await updateWhereEffective('sandbox.armEndpoint', endpoint), 'user');
  });

  test('signing out of the sandbox changes the environment in effect, even with a workspace value present', async () => {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ 'acrPrivateLink.environment': 'Sandbox', 'acrPrivateLink.pageSize': 7 }));
    await until('the workspace settings to be read', () => (config().get('pageSize') === 7 ? true : undefined));
    try {
      await vscode.commands.executeCommand('acrPrivateLink.signOut');
      assert.strictEqual(config().get('environment'), 'AzureCloud');
      assert.strictEqual(api.tree.session.environment, 'AzureCloud');
      assert.strictEqual(api.tree.session.signedIn, false);
    } finally {
      await config().update('environment', 'Sandbox', vscode.ConfigurationTarget.Global);
      await until('the sandbox to be signed in again', async () => ((await api.tree.session.refreshSignInState()) ? true : undefined));
      api.tree.refresh();
    }
  });
});

suite('Files named by settings', () => {
  test('a sandbox CA file of /dev/zero gives an error node at once, not a hang', async function () {
    if (!fs.existsSync('/dev/zero')) this.skip();
    await resetSandbox('seed');
    const api = await activateExtension();
    const original = config().get<string>('sandbox.caCertFile');
    await config().update('sandbox.caCertFile', '/dev/zero', vscode.ConfigurationTarget.Global);
    try {
      const error = await until('the tree to show why it cannot read the sandbox', async () => {
        api.tree.refresh();
        const roots = await childrenOf(api);
        return roots.length === 1 && /^Could not list subscriptions/.test(labelOf(roots[0]!)) ? labelOf(roots[0]!) : undefined;
      });
      assert.strictEqual(error, `Could not list subscriptions: Cannot read the sandbox CA file (${section}.sandbox.caCertFile) /dev/zero: it is a character device, not a regular file.`);
    } finally {
      await config().update('sandbox.caCertFile', original, vscode.ConfigurationTarget.Global);
    }
    // Back to the sandbox's own CA: the tree reads the sandbox again.
    const roots = await until('the tree to list the subscriptions again', async () => {
      api.tree.refresh();
      const labels = (await childrenOf(api)).map(labelOf);
      return labels.includes('Contoso Production') ? labels : undefined;
    });
    assert.ok(roots.includes('Contoso Dev'), roots.join(', '));
  });
});
