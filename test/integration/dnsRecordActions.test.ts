// Creating DNS records from the endpoint's NIC and adding a replica's records, against the seed
// scenario (replica eastus without its data record), through the commands' programmatic path.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { descriptionOf, nodeAt, startWorld } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import { endpointIp, registryId, world, zoneId, zoneRecords } from './seedWorld';
import type { ExtensionApi } from '../../src/extension';
import type { DnsRecordsResult } from '../../src/commands/formCommands';

interface LoggedRequest {
  method: string;
  path: string;
  ifMatch?: string;
  ifNoneMatch?: string;
}

async function recordPuts(): Promise<LoggedRequest[]> {
  const log = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: LoggedRequest[] }).value;
  return log.filter((r) => (r.method === 'PUT' || r.method === 'PATCH') && /\/privateDnsZones\/[^/]+\/A\//i.test(r.path));
}

async function etags(): Promise<Record<string, string>> {
  const sets = (await world()).aRecordSets[zoneId.toLowerCase()] ?? {};
  return Object.fromEntries(Object.values(sets).map((r) => [r.name, r.etag]));
}

suite('DNS records from the NIC (seed scenario)', () => {
  let api: ExtensionApi;

  setup(async () => {
    api = await startWorld('seed', { clearRequestLog: true });
  });

  // Suites after this one read the request log for their own writes.
  suiteTeardown(async () => {
    await resetSandbox('seed');
    await sandboxRequest('DELETE', '/_sandbox/requests');
  });

  test('Add replica records creates myregistry.eastus.data → the NIC address of registry_data_eastus with If-None-Match *, and leaves the other records as they were', async () => {
    const before = await etags();
    const expectedIp = await endpointIp('myPrivateEndpoint', 'registry_data_eastus');
    const registry = await nodeAt(api, 'Contoso Production', 'myregistry');

    const applied = await vscode.commands.executeCommand('acrPrivateLink.addReplicaRecords', registry, { confirmed: true });

    assert.strictEqual(applied, 1);
    const records = await zoneRecords();
    assert.deepStrictEqual(records['myregistry.eastus.data'], [expectedIp]);
    const after = await etags();
    assert.deepStrictEqual([after['myregistry'], after['myregistry.westeurope.data']], [before['myregistry'], before['myregistry.westeurope.data']]);
    const puts = await recordPuts();
    assert.deepStrictEqual(puts.map((p) => [p.path.split('?')[0]!.split('/').pop(), p.ifNoneMatch]), [['myregistry.eastus.data', '*']]);
    const shown = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io', 'myregistry.eastus.data');
    assert.strictEqual(descriptionOf(shown), `ok · ${expectedIp}`);
  });

  test('a new replica sends the connection back to Pending: Add Replica Records approves it again and says that it did', async () => {
    const put = await sandboxRequest('PUT', `${registryId}/replications/northeurope?api-version=2025-11-01`, { location: 'northeurope' });
    assert.ok(put.status < 300, JSON.stringify(put.body));
    api.tree.refresh();
    const before = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');
    assert.match(descriptionOf(before), /^Pending/);

    await vscode.commands.executeCommand('acrPrivateLink.addReplicaRecords', await nodeAt(api, 'Contoso Production', 'myregistry'), { confirmed: true });

    assert.deepStrictEqual(api.shownNotifications().at(-1), { severity: 'information', message: 'Approved again: myPrivateEndpoint (myregistry).' });
    const after = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');
    assert.match(descriptionOf(after), /^Approved/);
  });

  test('Create DNS records on myPrivateEndpoint: the two existing records match, the eastus data record is created', async () => {
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');

    const result = await vscode.commands.executeCommand<DnsRecordsResult | undefined>('acrPrivateLink.createDnsRecords', endpoint, { action: 'create', confirmed: true });

    assert.ok(result, 'the command reported nothing (it failed; see the log)');
    assert.deepStrictEqual(
      result.rows.map((r) => [r.recordSetName, r.state]),
      [['myregistry', 'matches'], ['myregistry.eastus.data', 'create'], ['myregistry.westeurope.data', 'matches']],
    );
    assert.strictEqual(result.applied, 1);
    const records = await zoneRecords();
    assert.deepStrictEqual(records['myregistry.eastus.data'], [await endpointIp('myPrivateEndpoint', 'registry_data_eastus')]);
    assert.deepStrictEqual((await recordPuts()).map((p) => p.ifNoneMatch), ['*']);
  });

  test('a record set that holds another address gets the NIC address added with If-Match on the etag read', async () => {
    const put = await sandboxRequest('PUT', `${zoneId}/A/myregistry.eastus.data?api-version=2024-06-01`, { properties: { ttl: 3600, aRecords: [{ ipv4Address: '10.0.0.99' }] } });
    assert.ok(put.status < 300);
    const etag = (await etags())['myregistry.eastus.data'];
    await sandboxRequest('DELETE', '/_sandbox/requests');
    api.tree.refresh();
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');

    const result = await vscode.commands.executeCommand<DnsRecordsResult | undefined>('acrPrivateLink.createDnsRecords', endpoint, { action: 'create', confirmed: true });

    const row = result?.rows.find((r) => r.recordSetName === 'myregistry.eastus.data');
    const ip = await endpointIp('myPrivateEndpoint', 'registry_data_eastus');
    assert.strictEqual(row?.change, `Add ${ip} to myregistry.eastus.data, keeping 10.0.0.99`);
    assert.deepStrictEqual((await zoneRecords())['myregistry.eastus.data']?.sort(), ['10.0.0.99', ip].sort());
    assert.deepStrictEqual((await recordPuts()).map((p) => p.ifMatch), [etag]);
  });

  test('the Create DNS records form lists one row per member with what it does; Create writes the new one with the TTL typed; the export is copied', async () => {
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');
    const panel = (await vscode.commands.executeCommand<DnsRecordsResult | undefined>('acrPrivateLink.createDnsRecords', endpoint))?.panel;
    assert.ok(panel, 'no form opened');
    try {
      await panel.receive({ type: 'ready' });
      const ip = await endpointIp('myPrivateEndpoint', 'registry_data_eastus');
      const rows = panel.currentView()?.rows ?? [];
      assert.deepStrictEqual(
        rows.map((r) => [r.requiredMemberName, r.recordSetName, r.state, r.zoneName, r.precondition]),
        [
          ['registry', 'myregistry', 'matches', 'privatelink.azurecr.io', ''],
          ['registry_data_eastus', 'myregistry.eastus.data', 'create', 'privatelink.azurecr.io', 'If-None-Match: *'],
          ['registry_data_westeurope', 'myregistry.westeurope.data', 'matches', 'privatelink.azurecr.io', ''],
        ],
      );
      assert.strictEqual(rows[1]!.change, `Create myregistry.eastus.data → ${ip}`);

      // A TTL out of range is refused by the extension too, not only by the page.
      await panel.receive({ type: 'create', ttl: 0 });
      assert.strictEqual((await zoneRecords())['myregistry.eastus.data'], undefined);

      await panel.receive({ type: 'create', ttl: 300 });
      assert.deepStrictEqual(panel.lastOutcomes(), [{ recordSetName: 'myregistry.eastus.data', status: 'applied' }]);
      const created = Object.values((await world()).aRecordSets[zoneId.toLowerCase()] ?? {}).find((r) => r.name === 'myregistry.eastus.data');
      assert.deepStrictEqual([created?.ttl, created?.aRecords.map((a) => a.ipv4Address)], [300, [ip]]);
      assert.deepStrictEqual(panel.currentView()?.rows.map((r) => r.state), ['matches', 'matches', 'matches']);

      await panel.receive({ type: 'copy', format: 'hosts' });
      const copied = (await vscode.env.clipboard.readText()).split('\n');
      assert.ok(copied.includes(`${ip}\tmyregistry.eastus.data.azurecr.io`), copied.join(' | '));
    } finally {
      panel.dispose();
    }
  });
});
