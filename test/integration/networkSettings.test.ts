// The registry's own network settings in the tree, against the sandbox's registry-network world.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { childrenOf, descriptionOf, labelOf, nodeAt, startWorld } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';

const registryPath = (name: string): string =>
  `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/${name}`;

suite('Network settings in the tree (registry-network world)', () => {
  let api: ExtensionApi;

  suiteSetup(async () => {
    api = await startWorld('registry-network');
  });

  suiteTeardown(async () => {
    await resetSandbox('seed');
    api.tree.refresh();
  });

  test('buildregistry: public access disabled, and its task on the shared pool is a warning naming the task', async () => {
    const group = await nodeAt(api, 'Contoso Production', 'buildregistry', 'Network settings');
    assert.strictEqual(descriptionOf(group), 'public access Disabled');
    const findings = await childrenOf(api, group);
    assert.deepStrictEqual(findings.map(labelOf), ['ACR Tasks need an agent pool in the VNet']);
    const item = findings[0]!.getTreeItem();
    assert.strictEqual(descriptionOf(findings[0]!), 'buildregistry');
    const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
    assert.match(tooltip, /these tasks fail: nightly-build/);
    assert.match(tooltip, /trusted-services bypass does not let ACR Tasks in/);
  });

  test('rulesregistry: the service-endpoint rule is a finding with Apply Fix…, which removes the rule after the person confirms', async () => {
    const group = await nodeAt(api, 'Contoso Production', 'rulesregistry', 'Network settings');
    const [finding] = await childrenOf(api, group);
    assert.strictEqual(labelOf(finding!), 'Virtual network rules beside private link');
    assert.match(finding!.getTreeItem().contextValue ?? '', /networkFinding\.fixable/);
    await vscode.commands.executeCommand('acrPrivateLink.applyNetworkFix', finding, { confirmed: true });
    const registry = (await sandboxRequest('GET', `${registryPath('rulesregistry')}?api-version=2021-08-01-preview`)).body as { properties: { networkRuleSet: { defaultAction: string; virtualNetworkRules: unknown[] } } };
    assert.deepStrictEqual(registry.properties.networkRuleSet.virtualNetworkRules, []);
    assert.strictEqual(registry.properties.networkRuleSet.defaultAction, 'Deny');
    const after = await childrenOf(api, await nodeAt(api, 'Contoso Production', 'rulesregistry', 'Network settings'));
    assert.deepStrictEqual(after.map(labelOf), ['Nothing wrong found in the network settings']);
  });

  test('fullregistry: Replicas says there is no address left for another replica; nsgregistry: the NSG finding names the rule', async () => {
    const replicas = await nodeAt(api, 'Contoso Production', 'fullregistry', 'Replicas');
    assert.strictEqual(descriptionOf(replicas), 'no address left for another replica');
    const nsg = await childrenOf(api, await nodeAt(api, 'Contoso Production', 'nsgregistry', 'Network settings'));
    assert.deepStrictEqual(nsg.map(labelOf), ['NSG denies HTTPS from the VNet']);
    const tooltip = nsg[0]!.getTreeItem().tooltip;
    assert.match(typeof tooltip === 'string' ? tooltip : '', /rule DenyVnetHttpsInbound \(priority 200\) denies TCP 443 from VirtualNetwork/);
  });
});

