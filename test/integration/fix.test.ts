import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes/node';

async function records(api: ExtensionApi): Promise<Record<string, TreeNode>> {
  const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
  const children = await childrenOf(api, zone);
  return Object.fromEntries(children.filter((c) => labelOf(c) !== 'Virtual network links').map((c) => [labelOf(c), c]));
}

async function nicIp(api: ExtensionApi, member: string): Promise<string> {
  const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');
  const config = (await childrenOf(api, endpoint)).find((c) => labelOf(c) === member)!;
  return descriptionOf(config).split(' · ')[0]!;
}

suite('Fix missing DNS record (seed document: replica eastus without its data record)', () => {
  let api: ExtensionApi;

  setup(async () => {
    await resetSandbox('seed');
    api = await activateExtension();
    api.tree.refresh();
  });

  test('the fix creates myregistry.eastus.data with the NIC IP of registry_data_eastus and leaves the other records as they were', async () => {
    const before = await records(api);
    const untouched = [descriptionOf(before['myregistry']!), descriptionOf(before['myregistry.westeurope.data']!)];
    const expectedIp = await nicIp(api, 'registry_data_eastus');

    await vscode.commands.executeCommand('acrPrivateLink.fixDnsRecord', before['myregistry.eastus.data'], { confirmed: true });

    const after = await records(api);
    assert.strictEqual(descriptionOf(after['myregistry.eastus.data']!), `ok · ${expectedIp}`);
    assert.deepStrictEqual([descriptionOf(after['myregistry']!), descriptionOf(after['myregistry.westeurope.data']!)], untouched);
    const log = ((await sandboxRequest("GET", "/_sandbox/requests")).body as { value: { method: string; path: string; ifNoneMatch?: string }[] }).value;
    const put = log.filter((r) => r.method === 'PUT' && /\/A\/myregistry\.eastus\.data$/i.test(r.path.split('?')[0]!));
    assert.strictEqual(put.length, 1);
    assert.strictEqual(put[0]!.ifNoneMatch, '*');
  });

  test('when someone else created the record meanwhile, the fix reports the conflict and overwrites nothing', async () => {
    const stale = (await records(api))['myregistry.eastus.data']!;
    const zoneId = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io';
    const created = await sandboxRequest('PUT', `${zoneId}/A/myregistry.eastus.data?api-version=2024-06-01`, {
      properties: { ttl: 3600, aRecords: [{ ipv4Address: '10.0.0.99' }] },
    });
    assert.ok(created.status === 200 || created.status === 201, `seeding the concurrent record failed: ${created.status}`);

    await vscode.commands.executeCommand('acrPrivateLink.fixDnsRecord', stale, { confirmed: true });

    const now = await records(api);
    assert.match(descriptionOf(now['myregistry.eastus.data']!), /10\.0\.0\.99/);
  });
});
