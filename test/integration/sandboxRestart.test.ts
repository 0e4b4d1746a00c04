// "Use the Local Sandbox" starts a sandbox as a child of the extension host; a window reload stops
// it while the Sandbox settings stay. These suites stop it the way a reload does (SIGTERM to the
// process) and check that Retry on an error node, and what activation runs, bring the same world
// back: the sandbox starts again from the state file it saved, with the person's change in it.
// They put the harness's own sandbox back in the settings afterwards.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt } from './extensionApi';
import { resetSandbox } from './sandboxControl';
import { endpointIp, zoneRecords } from './seedWorld';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes/node';
import { waitFor } from '../harness/wait';

const keys = ['environment', 'sandbox.armEndpoint', 'sandbox.caCertFile', 'sandbox.dnsServer', 'sandbox.tenantId'] as const;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('acrPrivateLink');
}

function armEndpoint(): string {
  return config().get<string>('sandbox.armEndpoint', '');
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the launched sandbox as a window reload does, and waits until its process is gone. */
async function stopAsAReloadWould(api: ExtensionApi): Promise<number> {
  const pid = api.sandbox.pid;
  assert.ok(pid && running(pid), 'the launched sandbox is not running');
  process.kill(pid, 'SIGTERM');
  await waitFor('the sandbox process to exit', () => !running(pid), { timeoutMs: 10_000, intervalMs: 50 });
  return pid;
}

async function eastusDataRecord(api: ExtensionApi): Promise<string> {
  const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
  const record = (await childrenOf(api, zone)).find((c) => labelOf(c) === 'myregistry.eastus.data');
  assert.ok(record, 'no myregistry.eastus.data under the zone');
  return descriptionOf(record);
}

/** Runs what a click on the node runs. */
async function click(node: TreeNode): Promise<void> {
  const command = node.getTreeItem().command;
  assert.ok(command, `"${labelOf(node)}" has no click action`);
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

suite('The local sandbox started by the extension survives a window reload', () => {
  let api: ExtensionApi;
  const harness: Partial<Record<(typeof keys)[number], unknown>> = {};
  let fixedIp = '';

  suiteSetup(async function () {
    this.timeout(60_000);
    for (const key of keys) harness[key] = config().inspect(key)?.globalValue;
    api = await activateExtension();
    await vscode.commands.executeCommand('acrPrivateLink.useSandbox');
    assert.notStrictEqual(armEndpoint(), harness['sandbox.armEndpoint'], 'the settings do not name the launched sandbox');
    // The launched sandbox keeps its state in the extension's storage; start from the seed.
    await resetSandbox('seed');
    api.tree.refresh();
    // The person's change: the documented fix of the missing eastus data record.
    const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
    const missing = (await childrenOf(api, zone)).find((c) => labelOf(c) === 'myregistry.eastus.data')!;
    await vscode.commands.executeCommand('acrPrivateLink.fixDnsRecord', missing, { confirmed: true });
    fixedIp = await endpointIp('myPrivateEndpoint', 'registry_data_eastus');
    assert.deepStrictEqual((await zoneRecords())['myregistry.eastus.data'], [fixedIp], 'the fix did not reach the launched sandbox');
  });

  suiteTeardown(async () => {
    const pid = api?.sandbox.pid;
    for (const key of keys) await config().update(key, harness[key], vscode.ConfigurationTarget.Global);
    if (pid && running(pid)) process.kill(pid, 'SIGTERM');
    api?.tree.refresh();
  });

  test('Retry on the error a stopped sandbox leaves starts it again, and the tree shows the fixed record', async function () {
    this.timeout(60_000);
    const subscription = await nodeAt(api, 'Contoso Production');
    const before = armEndpoint();
    const stopped = await stopAsAReloadWould(api);

    // The subscription's registries are listed again from a sandbox that is gone: an error node,
    // whose click is Retry.
    api.tree.refresh(subscription);
    const children = await childrenOf(api, subscription);
    const error = children.find((c) => descriptionOf(c) === 'Click to retry');
    assert.ok(error, `no error node under Contoso Production; found: ${children.map(labelOf).join(', ')}`);
    await click(error);

    assert.notStrictEqual(api.sandbox.pid, stopped, 'the sandbox was not started again');
    assert.ok(running(api.sandbox.pid!), 'the restarted sandbox is not running');
    assert.notStrictEqual(armEndpoint(), before, 'the settings still name the stopped sandbox');
    assert.strictEqual(await eastusDataRecord(api), `ok · ${fixedIp}`);
    assert.deepStrictEqual((await zoneRecords())['myregistry.eastus.data'], [fixedIp], 'the restarted sandbox lost the fix');
  });

  test('what activation runs after a reload starts the stopped sandbox again with its saved state', async function () {
    this.timeout(60_000);
    const stopped = await stopAsAReloadWould(api);
    await api.resume();

    assert.notStrictEqual(api.sandbox.pid, stopped);
    assert.strictEqual(await eastusDataRecord(api), `ok · ${fixedIp}`);
    assert.deepStrictEqual((await zoneRecords())['myregistry.eastus.data'], [fixedIp]);
  });

  test('a sandbox that cannot start says so in the tree, and its Retry starts it once it can', async function () {
    this.timeout(60_000);
    const saved = fs.readFileSync(api.sandbox.stateFile, 'utf8');
    await stopAsAReloadWould(api);
    // A state file the sandbox cannot read makes it exit at start.
    fs.writeFileSync(api.sandbox.stateFile, '{ not json');
    try {
      api.tree.refresh();
      const roots = await childrenOf(api);
      assert.deepStrictEqual(roots.map(labelOf), ['The local sandbox could not be started']);
      assert.strictEqual(descriptionOf(roots[0]!), 'Click to try again');
      const tooltip = String(roots[0]!.getTreeItem().tooltip);
      assert.match(tooltip, /exited \(code 1\) before it was ready/);
      assert.doesNotMatch(tooltip, /ENOENT/);

      fs.writeFileSync(api.sandbox.stateFile, saved);
      await click(roots[0]!);
      assert.strictEqual(await eastusDataRecord(api), `ok · ${fixedIp}`);
    } finally {
      if (fs.readFileSync(api.sandbox.stateFile, 'utf8') !== saved) fs.writeFileSync(api.sandbox.stateFile, saved);
    }
  });
});

suite('A sandbox the person runs that has stopped', () => {
  const saved: Partial<Record<(typeof keys)[number], unknown>> = {};

  suiteSetup(() => {
    for (const key of keys) saved[key] = config().inspect(key)?.globalValue;
  });

  suiteTeardown(async () => {
    for (const key of keys) await config().update(key, saved[key], vscode.ConfigurationTarget.Global);
  });

  async function rootsFor(armEndpoint: string, caCertFile: string): Promise<TreeNode[]> {
    const api = await activateExtension();
    await config().update('sandbox.armEndpoint', armEndpoint, vscode.ConfigurationTarget.Global);
    await config().update('sandbox.caCertFile', caCertFile, vscode.ConfigurationTarget.Global);
    api.tree.refresh();
    return childrenOf(api);
  }

  function assertNotRunningNode(roots: TreeNode[], armEndpoint: string): void {
    assert.deepStrictEqual(roots.map(labelOf), ['The sandbox is not running']);
    assert.strictEqual(descriptionOf(roots[0]!), 'Click to start the local sandbox');
    assert.deepStrictEqual(roots[0]!.getTreeItem().command?.command, 'acrPrivateLink.useSandbox');
    assert.match(String(roots[0]!.getTreeItem().tooltip), new RegExp(`The sandbox at ${armEndpoint.replace(/[.]/g, '\\.')} is not running`));
  }

  test('its CA file gone: the tree says it is not running and offers the local sandbox, not ENOENT', async () => {
    const endpoint = 'https://127.0.0.1:9';
    const roots = await rootsFor(endpoint, `${saved['sandbox.caCertFile'] as string}.gone`);
    assertNotRunningNode(roots, endpoint);
  });

  test('nothing listening at its address: the same, not ECONNREFUSED alone', async function () {
    this.timeout(60_000);
    const endpoint = 'https://127.0.0.1:9';
    const roots = await rootsFor(endpoint, saved['sandbox.caCertFile'] as string);
    assertNotRunningNode(roots, endpoint);
  });
});
