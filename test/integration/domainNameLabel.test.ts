// A registry with a domain-name-label scope in the real extension host (the sandbox's `dnl`
// scenario): the tree shows its hashed login server, its replica's hashed data endpoint and the
// hashed records as ok — none of them under the bare registry name; Create DNS records writes a
// missing record under its hashed name and leaves a bare-name record set alone.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { SandboxWorld } from './seedWorld';
import type { ExtensionApi } from '../../src/extension';
import type { DnsRecordsResult } from '../../src/commands/formCommands';

const group = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/contosoResourceGroup';
const zoneId = `${group}/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;

/** Record set name → its addresses, in the dnl scenario's zone, as Azure (the sandbox) holds them. */
async function zoneRecords(): Promise<Record<string, string[]>> {
  const sets = ((await sandboxRequest('GET', '/_sandbox/state')).body as SandboxWorld).aRecordSets[zoneId.toLowerCase()] ?? {};
  return Object.fromEntries(Object.values(sets).map((r) => [r.name, r.aRecords.map((a) => a.ipv4Address)]));
}

suite('Resource tree: a registry with a domain-name-label scope (dnl scenario)', () => {
  let api: ExtensionApi;
  let label: string;

  suiteSetup(async () => {
    await resetSandbox('dnl');
    // What Azure (the sandbox) reports, read apart from the extension.
    const registry = await sandboxRequest(
      'GET',
      `${group}/providers/Microsoft.ContainerRegistry/registries/contosoacrregistry?api-version=2025-03-01-preview`,
    );
    label = String((registry.body as { properties: { loginServer: string } }).properties.loginServer).split('.')[0] ?? '';
    api = await activateExtension();
    api.tree.refresh();
  });

  suiteTeardown(async () => {
    await resetSandbox('seed');
    api.tree.refresh();
  });

  test('the registry node shows the hashed login server beside the name', async () => {
    assert.match(label, /^contosoacrregistry-[a-z0-9]{16}$/);
    const registry = await nodeAt(api, 'Contoso Production', 'contosoacrregistry');
    assert.ok(descriptionOf(registry).startsWith(`${label}.azurecr.io · Premium · westeurope`), descriptionOf(registry));
  });

  test('the replica shows its hashed data endpoint', async () => {
    const replica = await nodeAt(api, 'Contoso Production', 'contosoacrregistry', 'Replicas', 'eastus');
    assert.strictEqual(descriptionOf(replica), `${label}.eastus.data.azurecr.io`);
  });

  test('DNS shows the three hashed records, each ok', async () => {
    const zone = await nodeAt(api, 'Contoso Production', 'contosoacrregistry', 'DNS', 'privatelink.azurecr.io');
    const records = (await childrenOf(api, zone)).filter((c) => labelOf(c) !== 'Virtual network links');
    assert.deepStrictEqual(records.map(labelOf).sort(), [label, `${label}.eastus.data`, `${label}.westeurope.data`]);
    for (const record of records) assert.match(descriptionOf(record), /^ok · 10\.2\.0\./, labelOf(record));
  });

  test('Create DNS records on the endpoint writes the missing record under its hashed name and leaves a bare-name record set as it was', async () => {
    // The eastus data record lost, and one written by hand under the bare name, as the documentation's
    // `--name $REGISTRY_NAME` commands write it.
    const removed = await sandboxRequest('DELETE', `${zoneId}/A/${label}.eastus.data?api-version=2024-06-01`);
    assert.ok(removed.status < 300, JSON.stringify(removed.body));
    const bare = await sandboxRequest('PUT', `${zoneId}/A/contosoacrregistry.eastus.data?api-version=2024-06-01`, { properties: { ttl: 3600, aRecords: [{ ipv4Address: '10.2.0.6' }] } });
    assert.ok(bare.status < 300, JSON.stringify(bare.body));
    await sandboxRequest('DELETE', '/_sandbox/requests');
    api.tree.refresh();
    const endpoint = await nodeAt(api, 'Contoso Production', 'contosoacrregistry', 'Private endpoints', 'contosoPrivateEndpoint');

    const result = await vscode.commands.executeCommand<DnsRecordsResult | undefined>('acrPrivateLink.createDnsRecords', endpoint, { action: 'create', confirmed: true });

    assert.ok(result, 'the command reported nothing (it failed; see the log)');
    assert.deepStrictEqual(
      result.rows.map((r) => [r.recordSetName, r.state]),
      [
        [label, 'matches'],
        [`${label}.eastus.data`, 'create'],
        [`${label}.westeurope.data`, 'matches'],
      ],
    );
    assert.strictEqual(result.applied, 1);
    const log = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: { method: string; path: string }[] }).value;
    const written = log.filter((r) => r.method === 'PUT' || r.method === 'PATCH' || r.method === 'DELETE').map((r) => `${r.method} ${r.path.split('?')[0]!.split('/').pop()}`);
    assert.deepStrictEqual(written, [`PUT ${label}.eastus.data`]);
    const records = await zoneRecords();
    assert.deepStrictEqual(records[`${label}.eastus.data`], ['10.2.0.6']);
    assert.deepStrictEqual(records['contosoacrregistry.eastus.data'], ['10.2.0.6']);

    api.tree.refresh();
    const shown = await nodeAt(api, 'Contoso Production', 'contosoacrregistry', 'DNS', 'privatelink.azurecr.io', `${label}.eastus.data`);
    assert.strictEqual(descriptionOf(shown), 'ok · 10.2.0.6');
  });
});
