// What a VNet really resolves, in the real extension host: the tree's DNS group shows a VNet whose
// answer depends on its DNS servers, and a peered VNet without the zone, each with its finding; the
// status panel shows them among its findings, says "depends on your DNS servers" for the rows, and
// settles them by asking the VNet's DNS server (its loopback listener in the sandbox).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt, openStatusPanel, startWorld } from './extensionApi';
import { resetSandbox } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';
import type { StatusPanel } from '../../src/webviews/statusPanel';

suite('What a VNet really resolves (hub-spoke and custom-dns worlds)', () => {
  let api: ExtensionApi;
  let panel: StatusPanel | undefined;

  suiteTeardown(() => panel?.dispose());

  test('hub-spoke: the DNS group shows spokeVNet as peered without the zone, with the link as its fix; the panel lists the finding', async () => {
    api = await startWorld('hub-spoke');
    const dns = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS');
    const children = await childrenOf(api, dns);
    const spoke = children.find((c) => labelOf(c) === 'spokeVNet');
    assert.ok(spoke, `DNS children: ${children.map(labelOf).join(', ')}`);
    assert.match(descriptionOf(spoke), /peered, zone not linked: resolves the public IP · fix: Link privatelink\.azurecr\.io to spokeVNet/);
    assert.match(String(spoke.getTreeItem().tooltip), /peering does not share private DNS zones/);
    assert.match(spoke.getTreeItem().contextValue ?? '', /^virtualNetworkDns azureResource/);

    panel = await openStatusPanel('myregistry');
    const state = panel.sentState();
    const finding = state?.findings.find((f) => f.id === 'dns.vnet.peeredNotLinked');
    assert.ok(finding?.fix?.safe, `findings: ${state?.findings.map((f) => f.id).join(', ')}`);
    panel.dispose();
    panel = undefined;
  });

  test('custom-dns: the tree says myDockerVMVNET depends on its DNS servers; the panel asks 10.0.0.4 and finds it answers public', async () => {
    await resetSandbox('custom-dns');
    api.tree.refresh();
    const dns = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS');
    const vnet = (await childrenOf(api, dns)).find((c) => labelOf(c) === 'myDockerVMVNET');
    assert.ok(vnet, 'a node for myDockerVMVNET under DNS');
    assert.match(descriptionOf(vnet), /^depends on your DNS servers/);
    assert.match(String(vnet.getTreeItem().tooltip), /conditional forwarder for azurecr\.io to 168\.63\.129\.16/);

    panel = await openStatusPanel('myregistry');
    const state = panel.sentState();
    assert.ok(state);
    assert.ok(state.rows.every((r) => r.virtualAnswer?.status === 'depends on your DNS servers 10.0.0.4'), JSON.stringify(state.rows.map((r) => r.virtualAnswer)));
    assert.ok(state.findings.some((f) => f.id === 'dns.vnet.dnsServersResolvePublic' && f.severity === 'error'), `findings: ${state.findings.map((f) => f.id).join(', ')}`);
    assert.match(state.onPremisesForwarder ?? '', /conditional forwarder for azurecr\.io/);
  });
});
