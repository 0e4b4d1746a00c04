import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt, startWorld } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';

suite('Resource tree against the sandbox seed scenario', () => {
  let api: ExtensionApi;

  suiteSetup(async () => {
    api = await startWorld();
  });

  test('subscriptions list both seed subscriptions', async () => {
    const roots = (await childrenOf(api)).map(labelOf);
    assert.ok(roots.includes('Contoso Production'), roots.join(','));
    assert.ok(roots.includes('Contoso Dev'), roots.join(','));
  });

  test('a collapsed registry shows its health badge, from the Resource Graph index that listed it, with no ARM read', async () => {
    api.tree.refresh();
    await sandboxRequest('DELETE', '/_sandbox/requests');
    const registries = await childrenOf(api, await nodeAt(api, 'Contoso Production'));
    const registry = registries.find((r) => labelOf(r) === 'myregistry');
    assert.ok(registry?.resourceId, registries.map(labelOf).join(','));
    const id = registry.resourceId;
    // Nothing expands it: the badge comes from the read the listing started.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no diagnosis of the collapsed registry within 30 s')), 30_000);
      const done = (): boolean => {
        if (!api.tree.store.get(id)?.diagnosis) return false;
        clearTimeout(timer);
        listener.dispose();
        resolve();
        return true;
      };
      const listener = api.tree.store.onDidChangeRegistry(id, () => void done());
      done();
    });
    // The seed's missing eastus data record, counted before anything is expanded.
    assert.match(api.tree.health.summary(id) ?? '', /^1 error, /);
    const badge = api.tree.health.provideFileDecoration(registry.getTreeItem().resourceUri!)?.badge;
    assert.strictEqual(badge, '1');
    assert.strictEqual((registry as { childrenVersion?: number }).childrenVersion, undefined, 'the registry was expanded');
    const log = (await sandboxRequest('GET', '/_sandbox/requests')).body as { value: { method: string; path: string }[] };
    // Reads of resources under myregistry's subscription (Resource Graph is asked at the provider
    // root). Reads under the other subscriptions belong to the other registries the refresh lists
    // (Contoso Dev's registry and its partner's endpoint), whose details may still be in flight.
    const subscription = id.split('/')[2]!.toLowerCase();
    const armReads = log.value.filter((e) => e.path.toLowerCase().startsWith(`/subscriptions/${subscription}/`));
    assert.deepStrictEqual(armReads.map((e) => `${e.method} ${e.path}`), [], 'the badge cost ARM reads');
  });

  test('myregistry shows its SKU, region and endpoint count, and its four groups', async () => {
    const registry = await nodeAt(api, 'Contoso Production', 'myregistry');
    assert.match(descriptionOf(registry), /Premium · westeurope/);
    assert.match(descriptionOf(registry), /1 endpoint/);
    assert.strictEqual(registry.resourceId?.toLowerCase().endsWith('/providers/microsoft.containerregistry/registries/myregistry'), true);
    const groups = (await childrenOf(api, registry)).map(labelOf);
    // A connectivity check earlier in this session (the status panel's suite) is kept: its group follows.
    const checked = api.tree.store.connectivity(registry.resourceId!) !== undefined;
    assert.deepStrictEqual(groups, ['Private endpoints', 'Replicas', 'DNS', 'Network settings', ...(checked ? ['Connectivity'] : [])]);
    // Host names are code spans, where a Markdown escape would show as a backslash.
    const tooltip = registry.getTreeItem().tooltip;
    const markdown = tooltip instanceof vscode.MarkdownString ? tooltip.value : String(tooltip);
    assert.match(markdown, /Login server: `myregistry\.azurecr\.io`/);
    const icons = (await childrenOf(api, registry)).map((g) => (g.getTreeItem().iconPath as vscode.ThemeIcon).id);
    assert.deepStrictEqual(icons.slice(2), ['compass', 'shield', ...(checked ? ['plug'] : [])], 'DNS, Network settings (and Connectivity)');
    const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
    assert.strictEqual((zone.getTreeItem().iconPath as vscode.ThemeIcon).id, 'database');
    assert.doesNotMatch(markdown, /`[^`]*\\[^`]*`/, 'a code span in the tooltip holds a backslash');
  });

  test('the private endpoint is Approved and its NIC has one IP configuration per required member', async () => {
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');
    assert.match(descriptionOf(endpoint), /^Approved · myDockerVMVNET\/myDockerVMSubnet/);
    assert.match(endpoint.getTreeItem().contextValue ?? '', /connection\.approved/);
    const members = (await childrenOf(api, endpoint)).map(labelOf).sort();
    assert.deepStrictEqual(members, ['registry', 'registry_data_eastus', 'registry_data_westeurope']);
  });

  test('the replica eastus is listed with its data endpoint', async () => {
    const replica = await nodeAt(api, 'Contoso Production', 'myregistry', 'Replicas', 'eastus');
    assert.strictEqual(descriptionOf(replica), 'myregistry.eastus.data.azurecr.io');
  });

  test('DNS shows the zone, its link, two ok records and the missing eastus data record', async () => {
    const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
    const children = await childrenOf(api, zone);
    const links = await childrenOf(api, children.find((c) => labelOf(c) === 'Virtual network links'));
    assert.deepStrictEqual(links.map(labelOf), ['MyDNSLink']);
    const records = Object.fromEntries(children.filter((c) => labelOf(c) !== 'Virtual network links').map((c) => [labelOf(c), c]));
    assert.match(descriptionOf(records['myregistry']!), /^ok · 10\./);
    assert.match(descriptionOf(records['myregistry.westeurope.data']!), /^ok · 10\./);
    assert.match(descriptionOf(records['myregistry.eastus.data']!), /^missing · — \(expected 10\./);
    assert.match(records['myregistry.eastus.data']!.getTreeItem().contextValue ?? '', /^dnsRecord\.missing/);
  });

  test('a subscription that answers 403 becomes an error node; the other subscription still loads', async () => {
    await sandboxRequest('POST', '/_sandbox/faults', {
      // The registries come from Resource Graph, and from ARM when it fails: both refuse here.
      pathPattern: '/subscriptions/00000000-0000-4000-8000-000000000002/providers/Microsoft.ContainerRegistry/registries|/providers/Microsoft.ResourceGraph/resources$',
      kind: 'status',
      status: 403,
      body: { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action.' } },
    });
    try {
      api.tree.refresh();
      const dev = await nodeAt(api, 'Contoso Dev');
      const children = await childrenOf(api, dev);
      assert.strictEqual(children.length, 1);
      assert.match(labelOf(children[0]!), /^Could not list registries: .*authoriz.*Reader role/i);
      assert.strictEqual(children[0]!.getTreeItem().contextValue, 'error');
      const production = await childrenOf(api, await nodeAt(api, 'Contoso Production'));
      assert.ok(production.map(labelOf).includes('myregistry'));
    } finally {
      await sandboxRequest('DELETE', '/_sandbox/faults');
      api.tree.refresh();
    }
  });

  test('Copy Resource ID puts the registry id on the clipboard', async () => {
    const registry = await nodeAt(api, 'Contoso Production', 'myregistry');
    await vscode.commands.executeCommand('acrPrivateLink.copyId', registry);
    assert.strictEqual(await vscode.env.clipboard.readText(), registry.resourceId);
  });
});

suite('Load more… follows ARM paging', () => {
  let api: ExtensionApi;

  suiteSetup(async () => {
    await resetSandbox('seed');
    api = await activateExtension();
    await sandboxRequest('POST', '/_sandbox/paging', { pageSize: 1 });
    await vscode.workspace.getConfiguration('acrPrivateLink').update('pageSize', 1, vscode.ConfigurationTarget.Global);
    api.tree.refresh();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('acrPrivateLink').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await sandboxRequest('POST', '/_sandbox/paging', { pageSize: 100 });
    api.tree.refresh();
  });

  test('a subscription shows one batch and "Load more…", which reads the next page below it', async () => {
    const dev = await nodeAt(api, 'Contoso Dev');
    const first = (await childrenOf(api, dev)).map(labelOf);
    assert.strictEqual(first.length, 2, first.join(','));
    assert.strictEqual(first[1], 'Load more…');
    const loadMore = (await childrenOf(api, dev))[1]!;
    await vscode.commands.executeCommand('acrPrivateLink.loadMore', loadMore);
    const after = (await childrenOf(api, dev)).map(labelOf);
    assert.deepStrictEqual(after.slice().sort(), ['basicregistry', 'devregistry']);
    assert.strictEqual(after[0], first[0], 'the registry already shown stays first');
  });
});

suite('Select Tenant…', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('acrPrivateLink').update('tenantId', undefined, vscode.ConfigurationTarget.Global);
  });

  test('a tenant the account reaches is remembered; one it does not reach changes nothing', async () => {
    await activateExtension();
    const tenant = vscode.workspace.getConfiguration('acrPrivateLink.sandbox').get<string>('tenantId', '');
    assert.ok(tenant, 'the harness configures the sandbox tenant');
    await vscode.commands.executeCommand('acrPrivateLink.selectTenant', tenant);
    assert.strictEqual(vscode.workspace.getConfiguration('acrPrivateLink').get('tenantId'), tenant);
    await vscode.commands.executeCommand('acrPrivateLink.selectTenant', '11111111-2222-3333-4444-555555555555');
    assert.strictEqual(vscode.workspace.getConfiguration('acrPrivateLink').get('tenantId'), tenant);
  });
});
