import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt, openStatusPanel, settledWebviewTabs, startWorld } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';
import type { StatusPanel } from '../../src/webviews/statusPanel';

suite('Status panel for myregistry (seed scenario: replica eastus without its data record)', () => {
  let api: ExtensionApi;
  let panel: StatusPanel | undefined;

  suiteSetup(async () => {
    api = await startWorld();
    await nodeAt(api, 'Contoso Production', 'myregistry');
  });

  suiteTeardown(() => panel?.dispose());

  test('the command opens one webview tab titled with the registry name', async () => {
    panel = await vscode.commands.executeCommand<StatusPanel | undefined>('acrPrivateLink.openStatus', 'myregistry');
    assert.ok(panel, 'openStatus returned no panel');
    assert.strictEqual((await settledWebviewTabs('acrPrivateLink.status', 'myregistry', 1)).length, 1);

    const again = await vscode.commands.executeCommand<StatusPanel | undefined>('acrPrivateLink.openStatus', 'myregistry');
    assert.strictEqual(again, panel, 'a second open shows the same panel');
    assert.strictEqual((await settledWebviewTabs('acrPrivateLink.status', 'myregistry', 1)).length, 1);
  });

  test('the state sent to the page lists myregistry.eastus.data.azurecr.io as missing, with a fix, and the time of the check', async () => {
    assert.ok(panel);
    await panel.whenChecked();
    const state = panel.sentState();
    assert.ok(state, 'no state was sent');
    assert.strictEqual(state.checking, false);
    assert.ok(state.checkedAt && !Number.isNaN(Date.parse(state.checkedAt)));
    const eastus = state.rows.find((r) => r.fqdn === 'myregistry.eastus.data.azurecr.io');
    assert.ok(eastus, `rows: ${state.rows.map((r) => r.fqdn).join(', ')}`);
    assert.strictEqual(eastus.verdict, 'missing');
    assert.strictEqual(eastus.requiredMemberName, 'registry_data_eastus');
    const finding = state.findings.find((f) => f.id === 'dns.record.missing' && f.subject === 'myregistry.eastus.data.azurecr.io');
    assert.ok(finding?.fix?.safe, 'the missing record comes with a safe fix');
    assert.ok(state.allowList.includes('myregistry.azurecr.io') && state.allowList.includes('myregistry.eastus.data.azurecr.io'));
  });
});

suite('Status panel: a DNS server for one check', () => {
  test('re-running with another DNS server uses it for that check only; a dead server is reported, not a crash', async () => {
    const api = await startWorld();
    await nodeAt(api, 'Contoso Production', 'myregistry');
    const panel = await openStatusPanel('myregistry');
    const configured = vscode.workspace.getConfiguration('acrPrivateLink.sandbox').get<string>('dnsServer', '');
    assert.strictEqual(panel.sentState()?.liveServer, configured);

    // Nothing listens on the discard port: every live answer fails, and the panel says so.
    panel.receiveFromPage({ type: 'rerun', dnsServer: '127.0.0.1:9' });
    await panel.whenChecked();
    const dead = panel.sentState()!;
    assert.strictEqual(dead.liveServer, '127.0.0.1:9');
    assert.ok(dead.findings.some((f) => f.id === 'live.resolverFailed'), dead.findings.map((f) => f.id).join(', '));

    panel.receiveFromPage({ type: 'rerun' });
    await panel.whenChecked();
    assert.strictEqual(panel.sentState()?.liveServer, configured);
    panel.dispose();
  });
});

suite('Status panel: Check connectivity', () => {
  test('from the extension host, each host of myregistry is tried through the sandbox\'s loopback listeners: the login server answers the Bearer challenge at 10.0.0.7', async () => {
    const api = await startWorld();
    await nodeAt(api, 'Contoso Production', 'myregistry');
    const panel = await openStatusPanel('myregistry');
    assert.strictEqual(panel.sentState()?.connectivity, undefined, 'nothing is dialed until asked');

    panel.receiveFromPage({ type: 'checkConnectivity' });
    await panel.whenActed();
    await panel.whenChecked();
    const c = panel.sentState()?.connectivity;
    assert.ok(c, 'no connectivity results were sent');
    assert.strictEqual(c.mode, 'sandbox');
    const login = c.results.find((r) => r.host === 'myregistry.azurecr.io');
    assert.match(login?.result ?? '', /^reachable \(HTTP 401/, JSON.stringify(login));
    assert.strictEqual(login?.address, '10.0.0.7');
    assert.match(login?.dialed ?? '', /^10\.0\.0\.7:443 via 127\.0\.0\.1:\d+$/);
    assert.deepStrictEqual(login?.steps.map((s) => s.step), ['resolve', 'connect', 'tls', 'http']);
    const eastus = c.results.find((r) => r.host === 'myregistry.eastus.data.azurecr.io');
    assert.strictEqual(eastus?.tone, 'unknown', 'the missing record leaves eastus untried: could not check');
    assert.ok(panel.sentState()?.findings.some((f) => f.id === 'connectivity.notChecked' && f.subject === 'myregistry.eastus.data.azurecr.io'));

    // The result is the registry's for the session: the tree shows it under the registry, each host with its severity.
    const group = await nodeAt(api, 'Contoso Production', 'myregistry', 'Connectivity');
    assert.match(descriptionOf(group), /^from \S/);
    const hosts = await childrenOf(api, group);
    const loginNode = hosts.find((h) => labelOf(h) === 'myregistry.azurecr.io');
    assert.ok(loginNode, `hosts: ${hosts.map(labelOf).join(', ')}`);
    assert.match(descriptionOf(loginNode), /^reachable \(HTTP 401\) · 10\.0\.0\.7$/);
    assert.strictEqual((loginNode.getTreeItem().iconPath as vscode.ThemeIcon).id, 'pass');
    const eastusNode = hosts.find((h) => labelOf(h) === 'myregistry.eastus.data.azurecr.io');
    assert.ok(eastusNode);
    assert.match(descriptionOf(eastusNode), /^could not check/);
    assert.strictEqual((eastusNode.getTreeItem().iconPath as vscode.ThemeIcon).id, 'warning');
    panel.dispose();
  });

  test('a current result\'s findings count in the registry\'s badge: the untried host as "could not check", the 403 DENIED as an error; a re-read that outdates the result lowers the badge again', async () => {
    const api = await startWorld();
    const registry = await nodeAt(api, 'Contoso Production', 'myregistry');
    const id = registry.resourceId!;
    const panel = await openStatusPanel('myregistry');
    try {
      const badge = (): string | undefined => api.tree.health.provideFileDecoration(registry.getTreeItem().resourceUri!)?.badge;
      const tooltip = (): string => String(api.tree.health.provideFileDecoration(registry.getTreeItem().resourceUri!)?.tooltip ?? '');
      // The diagnosis's own errors (the seed's missing eastus record), as the store holds them now.
      const ownErrors = (): number => api.tree.store.get(id)!.diagnosis!.findings.filter((f) => f.severity === 'error').length;
      const untried = /Could not check whether myregistry\.eastus\.data\.azurecr\.io is reachable/;

      panel.receiveFromPage({ type: 'checkConnectivity' });
      await panel.whenActed();
      await panel.whenChecked();
      assert.strictEqual(api.tree.store.connectivity(id)?.outdated, false);
      assert.match(api.tree.health.summary(id) ?? '', /; could not check 1 verdict$/, 'the untried eastus host');
      assert.match(tooltip(), untried);
      assert.strictEqual(badge(), String(ownErrors()));

      // A client outside the VNet, and the registry closed to the internet behind the extension's back:
      // the login server answers 403 DENIED, an error on the registry as it was read.
      const patched = await sandboxRequest('PATCH', `${id}?api-version=2023-07-01`, { properties: { publicNetworkAccess: 'Disabled' } });
      assert.ok(patched.status < 300, `PATCH answered ${patched.status}`);
      assert.strictEqual((await sandboxRequest('POST', '/_sandbox/dns', { virtualNetworkId: null })).status, 200);
      panel.receiveFromPage({ type: 'checkConnectivity' });
      await panel.whenActed();
      await panel.whenChecked();
      const denied = api.tree.store.connectivity(id)?.findings.filter((f) => f.severity === 'error') ?? [];
      assert.ok(denied.length > 0 && denied.every((f) => f.id === 'connectivity.publicEndpoint'), JSON.stringify(denied.map((f) => f.id)));
      assert.strictEqual(badge(), String(ownErrors() + denied.length), 'each 403 DENIED raises the badge');
      assert.match(api.tree.health.summary(id) ?? '', new RegExp(`^${ownErrors() + denied.length} errors, `));

      // Read again: public access is Disabled now, so the result is outdated and counts no more.
      panel.receiveFromPage({ type: 'rerun' });
      await panel.whenChecked();
      assert.strictEqual(api.tree.store.connectivity(id)?.outdated, true);
      assert.ok(ownErrors() >= 1, 'the missing eastus record is still an error');
      assert.strictEqual(badge(), String(ownErrors()));
      assert.match(api.tree.health.summary(id) ?? '', new RegExp(`^${ownErrors() === 1 ? '1 error' : `${ownErrors()} errors`}, `));
      assert.doesNotMatch(tooltip(), untried);

      // Back to the seed, checked again from inside the VNet: the session keeps a result that holds for
      // the seed (the suites after this one expect the seed's badge, which a 403 DENIED kept as current would raise).
      await resetSandbox('seed');
      panel.receiveFromPage({ type: 'rerun' });
      await panel.whenChecked();
      panel.receiveFromPage({ type: 'checkConnectivity' });
      await panel.whenActed();
      await panel.whenChecked();
      assert.strictEqual(api.tree.store.connectivity(id)?.findings.filter((f) => f.severity === 'error').length, 0);
      assert.strictEqual(badge(), String(ownErrors()));
    } finally {
      panel.dispose();
      await resetSandbox('seed');
    }
  });

  test('a result outdated by a route table put on the endpoint\'s subnet stays outdated once the subnet is as it was; a route table that cannot be read leaves it "could not check", counted nowhere', async () => {
    const api = await startWorld();
    const registry = await nodeAt(api, 'Contoso Production', 'myregistry');
    const id = registry.resourceId!;
    const group = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.Network';
    const subnet = `${group}/virtualNetworks/myDockerVMVNET/subnets/myDockerVMSubnet`;
    const routeTable = `${group}/routeTables/myDockerVMSubnet-routes`;
    const putSubnet = async (properties: Record<string, unknown>): Promise<void> => {
      const put = await sandboxRequest('PUT', `${subnet}?api-version=2024-05-01`, { properties: { addressPrefix: '10.0.0.0/24', ...properties } });
      assert.ok(put.status < 300, `subnet PUT answered ${put.status}`);
    };
    const state = (): [boolean | undefined, boolean | undefined, readonly string[] | undefined] => {
      const c = api.tree.store.connectivity(id);
      return [c?.outdated, c?.changed, c?.undetermined];
    };
    const groupDescription = async (): Promise<string> => descriptionOf(await nodeAt(api, 'Contoso Production', 'myregistry', 'Connectivity'));
    const panel = await openStatusPanel('myregistry');
    try {
      const badge = (): string | undefined => api.tree.health.provideFileDecoration(registry.getTreeItem().resourceUri!)?.badge;
      const ownErrors = (): number => api.tree.store.get(id)!.diagnosis!.findings.filter((f) => f.severity === 'error').length;
      const checkConnectivity = async (): Promise<void> => {
        panel.receiveFromPage({ type: 'checkConnectivity' });
        await panel.whenActed();
        await panel.whenChecked();
      };
      const reread = async (): Promise<void> => {
        panel.receiveFromPage({ type: 'rerun' });
        await panel.whenChecked();
      };
      // Checked from outside the VNet with public access disabled: a 403 DENIED error, counted in the badge.
      const patched = await sandboxRequest('PATCH', `${id}?api-version=2023-07-01`, { properties: { publicNetworkAccess: 'Disabled' } });
      assert.ok(patched.status < 300, `PATCH answered ${patched.status}`);
      assert.strictEqual((await sandboxRequest('POST', '/_sandbox/dns', { virtualNetworkId: null })).status, 200);
      await reread();
      await checkConnectivity();
      const denied = api.tree.store.connectivity(id)?.findings.filter((f) => f.severity === 'error').length ?? 0;
      assert.ok(denied > 0);
      assert.deepStrictEqual(state(), [false, false, undefined]);
      assert.strictEqual(badge(), String(ownErrors() + denied));

      // A route table sending everything through an appliance, put on the endpoint's subnet with policies that let it apply.
      const table = await sandboxRequest('PUT', `${routeTable}?api-version=2024-05-01`, {
        location: 'westeurope',
        properties: { routes: [{ name: 'toFirewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.9.4' } }] },
      });
      assert.ok(table.status < 300, `route table PUT answered ${table.status}: ${JSON.stringify(table.body)}`);
      await putSubnet({ privateEndpointNetworkPolicies: 'RouteTableEnabled', routeTable: { id: routeTable } });
      await reread();
      assert.deepStrictEqual(state(), [true, true, undefined]);
      assert.match(await groupDescription(), /outdated: the registry changed since$/);
      assert.strictEqual(panel.sentState()?.connectivity?.outdated, true);
      assert.strictEqual(badge(), String(ownErrors()), 'an outdated result raises nothing');

      // The subnet as it was when checked: still outdated (it was otherwise in between), and still not counted.
      await putSubnet({ privateEndpointNetworkPolicies: 'Disabled', routeTable: null });
      await reread();
      assert.deepStrictEqual(state(), [true, true, undefined]);
      assert.match(await groupDescription(), /outdated: the registry changed since$/);
      assert.strictEqual(badge(), String(ownErrors()));

      // Checked again, with the route table applying: current, and counted.
      await putSubnet({ privateEndpointNetworkPolicies: 'RouteTableEnabled', routeTable: { id: routeTable } });
      await reread();
      await checkConnectivity();
      assert.deepStrictEqual(state(), [false, false, undefined]);
      assert.strictEqual(badge(), String(ownErrors() + denied));

      // The route table can no longer be read: whether it changed cannot be told, so the result is not current.
      await sandboxRequest('POST', '/_sandbox/faults', { method: 'GET', pathPattern: '/routeTables/myDockerVMSubnet-routes$', status: 403, body: { error: { code: 'AuthorizationFailed', message: 'Injected.' } } });
      await reread();
      const [outdated, changed, undetermined] = state();
      assert.deepStrictEqual([outdated, changed], [true, false]);
      assert.deepStrictEqual(undetermined, ['route table myDockerVMSubnet-routes could not be read (403 AuthorizationFailed)']);
      assert.match(await groupDescription(), /could not check whether the registry changed since: part of it could not be read$/);
      assert.deepStrictEqual(panel.sentState()?.connectivity?.undetermined, undetermined);
      assert.ok(!panel.sentState()?.findings.some((f) => f.id === 'connectivity.publicEndpoint'), 'its findings are not shown as current');
      assert.strictEqual(badge(), String(ownErrors()), 'its 403 DENIED is not counted');
    } finally {
      panel.dispose();
      await sandboxRequest('DELETE', '/_sandbox/faults');
      await resetSandbox('seed');
      // Back to the seed, checked again from inside the VNet: the suites after this one expect the seed's badge.
      const again = await openStatusPanel('myregistry');
      again.receiveFromPage({ type: 'rerun' });
      await again.whenChecked();
      again.receiveFromPage({ type: 'checkConnectivity' });
      await again.whenActed();
      await again.whenChecked();
      again.dispose();
    }
  });
});
