// Two private endpoints of one registry in one VNet share the zone's record sets: the writes that give
// both their records must go to each record set once, holding both IPs, never two creates of one
// record set (the second refused with 412 after the first was applied, a half-done run).
// Azure's state comes from the sandbox, not from the extension.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, nodeAt } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import { createSecondEndpoint, endpointIp, zoneRecords } from './seedWorld';
import type { ExtensionApi } from '../../src/extension';
import type { DnsRecordsResult } from '../../src/commands/formCommands';

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

async function recordWrites(): Promise<[string, string, number][]> {
  const log = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: LoggedRequest[] }).value;
  return log.filter((r) => r.method !== 'GET' && /\/privateDnsZones\/[^/]+\/A\//i.test(r.path)).map((r) => [r.method, r.path.split('/').pop()!, r.status]);
}

suite('Two endpoints of one registry in one VNet', () => {
  let api: ExtensionApi;

  setup(async () => {
    await resetSandbox('seed');
    // A second endpoint in the seed's VNet, made outside the extension: no records of its own.
    await createSecondEndpoint('mySecondEndpoint');
    await sandboxRequest('DELETE', '/_sandbox/requests');
    api = await activateExtension();
    api.tree.refresh();
    await nodeAt(api, 'Contoso Production', 'myregistry');
  });

  test('Add Replica Records writes the missing eastus record once, with both endpoints\' IPs, and reports no failure', async () => {
    const before = api.shownNotifications().length;
    const applied = await vscode.commands.executeCommand<number | undefined>('acrPrivateLink.addReplicaRecords', await nodeAt(api, 'Contoso Production', 'myregistry'), { confirmed: true });
    const errors = api.shownNotifications().slice(before).filter((n) => n.severity === 'error');
    assert.deepStrictEqual(errors, []);

    const both = [await endpointIp('myPrivateEndpoint', 'registry_data_eastus'), await endpointIp('mySecondEndpoint', 'registry_data_eastus')].sort();
    const records = await zoneRecords();
    assert.deepStrictEqual([...(records['myregistry.eastus.data'] ?? [])].sort(), both);
    const writes = await recordWrites();
    assert.deepStrictEqual(writes.filter((w) => w[1] === 'myregistry.eastus.data'), [['PUT', 'myregistry.eastus.data', 201]], JSON.stringify(writes));
    assert.ok(writes.every((w) => w[2] < 300), `a write was refused: ${JSON.stringify(writes)}`);
    assert.strictEqual(applied, writes.length);
  });

  test('Create DNS Records on the zone gives each record set both endpoints\' IPs, one write each', async () => {
    const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
    const result = await vscode.commands.executeCommand<DnsRecordsResult | undefined>('acrPrivateLink.createDnsRecords', zone, { action: 'create', confirmed: true });
    assert.ok(result?.applied !== undefined, 'the command failed');

    const records = await zoneRecords();
    for (const [name, member] of [['myregistry', 'registry'], ['myregistry.westeurope.data', 'registry_data_westeurope'], ['myregistry.eastus.data', 'registry_data_eastus']] as const) {
      const both = [await endpointIp('myPrivateEndpoint', member), await endpointIp('mySecondEndpoint', member)].sort();
      assert.deepStrictEqual([...(records[name] ?? [])].sort(), both, name);
    }
    const writes = await recordWrites();
    assert.ok(writes.every((w) => w[2] < 300), `a write was refused: ${JSON.stringify(writes)}`);
    assert.strictEqual(new Set(writes.map((w) => w[1])).size, writes.length, `a record set was written twice: ${JSON.stringify(writes)}`);
  });
});
