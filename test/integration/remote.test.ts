// code-server's window is remote the way a Remote-SSH window is: the workbench is in the browser,
// the extension host on the server, with the workspace. The extension declares extensionKind
// "workspace", so it runs there, and its live DNS checks ask the resolvers of that machine: here the
// sandbox's DNS server on the server's loopback, as configured in the (machine-scoped) settings.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, nodeAt, startWorld } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { StatusPanel } from '../../src/webviews/statusPanel';

const extensionId = 'acr-private-link.acr-private-link';
const loginServer = 'myregistry.azurecr.io';

suite('Where the extension runs: the workspace\'s machine, as over Remote-SSH', () => {
  test('the window is remote and the extension runs in the workspace\'s extension host, as it declares', async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(extensionId)!;
    assert.deepStrictEqual(extension.packageJSON.extensionKind, ['workspace']);
    assert.ok(vscode.env.remoteName, 'code-server\'s window has a remote authority, like a Remote-SSH window');
    assert.strictEqual(extension.extensionKind, vscode.ExtensionKind.Workspace, 'the extension runs in the remote (workspace) extension host, not in the UI');
  });

  test('the workspace folder is a folder on the machine the extension runs on', () => {
    // An extension host on the remote machine sees that machine's files as file: URIs; one in the
    // browser would see vscode-remote: URIs and could not read them with Node.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'a workspace folder is open');
    assert.strictEqual(folder.scheme, 'file');
    assert.ok(fs.statSync(folder.path).isDirectory(), `${folder.path} is not a folder on this machine`);
  });

  test('a live DNS check asks the DNS server configured on this machine, and shows what it answers', async () => {
    const api = await startWorld();
    await nodeAt(api, 'Contoso Production', 'myregistry');
    const server = vscode.workspace.getConfiguration('acrPrivateLink.sandbox').get<string>('dnsServer', '');
    assert.match(server, /^127\.0\.0\.1:\d+$/, 'the sandbox\'s DNS server, on loopback, is configured');
    const panel = await vscode.commands.executeCommand<StatusPanel | undefined>('acrPrivateLink.openStatus', 'myregistry');
    assert.ok(panel);
    try {
      await panel.whenChecked();
      const inVnet = panel.sentState()!;
      assert.strictEqual(inVnet.liveServer, server);
      const row = inVnet.rows.find((r) => r.fqdn === loginServer);
      assert.strictEqual(row?.liveAnswer?.server, server);
      assert.deepStrictEqual(row?.liveAnswer?.addresses, ['10.0.0.7'], 'inside the VNet the login server resolves to the endpoint\'s IP');

      // The same server, now answering as a machine outside any VNet: the panel shows the public answer,
      // so the answer it showed came from that server and no other.
      await sandboxRequest('POST', '/_sandbox/dns', { virtualNetworkId: null });
      panel.receiveFromPage({ type: 'rerun' });
      await panel.whenChecked();
      const outside = panel.sentState()!.rows.find((r) => r.fqdn === loginServer);
      assert.strictEqual(outside?.liveAnswer?.server, server);
      assert.ok(outside?.liveAnswer && outside.liveAnswer.addresses.length > 0 && !outside.liveAnswer.addresses.includes('10.0.0.7'), JSON.stringify(outside?.liveAnswer));
    } finally {
      panel.dispose();
      await resetSandbox('seed');
    }
  });

  test('Save the Checker for a VM… saves dist/cli.js, byte for byte, on this machine and says how to run it there', async () => {
    const api = await activateExtension();
    const extension = vscode.extensions.getExtension(extensionId)!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-checker-'));
    try {
      const target = vscode.Uri.file(path.join(dir, 'acr-check.js'));
      const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('acrPrivateLink.saveChecker', target);
      assert.strictEqual(saved?.toString(), target.toString());
      assert.ok(fs.readFileSync(target.fsPath).equals(fs.readFileSync(path.join(extension.extensionPath, 'dist', 'cli.js'))), 'the saved file is the extension\'s dist/cli.js');
      const said = api.shownNotifications().at(-1);
      assert.strictEqual(said?.severity, 'information');
      assert.match(said.message, /^Saved the checker to .*acr-check\.js\. On a VM in the VNet run: node acr-check\.js check --registry <name>$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
