// One live state: a status panel left open follows what the tree does (a fix, a refresh, an approval),
// because both read the registry store, and a button pressed on the panel acts on the store's latest
// state. Expectations come from the sandbox's own state, not from the extension.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { childrenOf, labelOf, nodeAt, openStatusPanel, startWorld } from './extensionApi';
import { sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';
import type { StatusPanel } from '../../src/webviews/statusPanel';
import type { FqdnRowView } from '../../src/webviews/protocol';
import type { DnsRecordsResult } from '../../src/commands/formCommands';

const PRODUCTION = '00000000-0000-4000-8000-000000000001';
const ZONE = `/subscriptions/${PRODUCTION}/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;
const DNS_API = 'api-version=2024-06-01';

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

/** The IPs the sandbox's record set holds, or undefined when it has none by that name. */
async function recordIps(name: string): Promise<string[] | undefined> {
  const r = await sandboxRequest('GET', `${ZONE}/A/${name}?${DNS_API}`);
  if (r.status === 404) return undefined;
  assert.strictEqual(r.status, 200, `reading ${name} from the sandbox answered ${r.status}`);
  return ((r.body as { properties: { aRecords?: { ipv4Address: string }[] } }).properties.aRecords ?? []).map((a) => a.ipv4Address).sort();
}

async function dnsWrites(): Promise<LoggedRequest[]> {
  const log = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: LoggedRequest[] }).value;
  return log.filter((r) => r.method !== 'GET' && /\/privateDnsZones\//i.test(r.path));
}

function row(panel: StatusPanel, fqdn: string): FqdnRowView {
  const state = panel.sentState();
  assert.ok(state, 'the panel has shown nothing');
  assert.strictEqual(state.checking, false, 'the panel is still checking');
  const found = state.rows.find((r) => r.fqdn === fqdn);
  assert.ok(found, `no row for ${fqdn}: ${state.rows.map((r) => r.fqdn).join(', ')}`);
  return found;
}

suite('A status panel left open follows the tree (one registry store)', () => {
  let api: ExtensionApi;
  const panels: StatusPanel[] = [];

  setup(async () => {
    api = await startWorld('seed', { clearRequestLog: true });
    await nodeAt(api, 'Contoso Production', 'myregistry');
  });

  teardown(() => {
    for (const p of panels.splice(0)) p.dispose();
  });

  test('after the tree fixes the eastus record, the panel shows the record the sandbox holds, and its Fix all writes nothing more', async () => {
    const panel = await openStatusPanel('myregistry');
    panels.push(panel);
    assert.strictEqual(row(panel, 'myregistry.eastus.data.azurecr.io').verdict, 'missing');
    assert.strictEqual(await recordIps('myregistry.eastus.data'), undefined);

    const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
    const record = (await childrenOf(api, zone)).find((n) => labelOf(n) === 'myregistry.eastus.data');
    assert.ok(record);
    await sandboxRequest('DELETE', '/_sandbox/requests');
    await vscode.commands.executeCommand('acrPrivateLink.fixDnsRecord', record, { confirmed: true });
    // Pressed at once, before the panel has shown the new state: it acts on the store's, so there is
    // nothing left for it to fix (a plan from the old check would be refused with 412).
    panel.receiveFromPage({ type: 'fixAll' });
    await panel.whenActed();
    await panel.whenChecked();

    const held = await recordIps('myregistry.eastus.data');
    assert.ok(held && held.length === 1, `the sandbox holds ${JSON.stringify(held)}`);
    const eastus = row(panel, 'myregistry.eastus.data.azurecr.io');
    assert.deepStrictEqual([...eastus.zoneRecordIps].sort(), held);
    assert.strictEqual(eastus.verdict, 'ok');
    assert.deepStrictEqual(panel.sentState()!.findings.filter((f) => f.fix?.safe).map((f) => f.subject), []);
    const writes = await dnsWrites();
    assert.deepStrictEqual(writes.map((w) => [w.method, w.status]), [['PUT', 201]], 'only the tree wrote, once, and nothing was refused');
    // The write updated the store once: the tree, the panel and its Fix all share one re-read.
    const reads = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: LoggedRequest[] }).value.filter((r) => r.method === 'GET').map((r) => r.path.split('?')[0]!);
    assert.strictEqual(reads.filter((p) => /\/registries\/myregistry$/i.test(p)).length, 1, `registry reads: ${reads.join(', ')}`);
    assert.strictEqual(reads.filter((p) => /\/privateDnsZones\/privatelink\.azurecr\.io\/A$/i.test(p)).length, 1, `record set reads: ${reads.join(', ')}`);
  });

  test('after a record is deleted outside and the tree is refreshed, the panel shows it missing, as the sandbox has it', async () => {
    const panel = await openStatusPanel('myregistry');
    panels.push(panel);
    const westeurope = row(panel, 'myregistry.westeurope.data.azurecr.io');
    assert.deepStrictEqual([...westeurope.zoneRecordIps].sort(), await recordIps('myregistry.westeurope.data'));

    const deleted = await sandboxRequest('DELETE', `${ZONE}/A/myregistry.westeurope.data?${DNS_API}`);
    assert.ok(deleted.status === 200 || deleted.status === 204, `deleting the record answered ${deleted.status}`);
    await vscode.commands.executeCommand('acrPrivateLink.refresh');
    await panel.whenChecked();

    assert.strictEqual(await recordIps('myregistry.westeurope.data'), undefined);
    const after = row(panel, 'myregistry.westeurope.data.azurecr.io');
    assert.deepStrictEqual(after.zoneRecordIps, []);
    assert.strictEqual(after.verdict, 'missing');
  });

  test('after Add Replica Records in the tree, the open status panel and the open DNS-records form show the record the sandbox holds', async () => {
    const panel = await openStatusPanel('myregistry');
    panels.push(panel);
    const endpoint = await nodeAt(api, 'Contoso Production', 'myregistry', 'Private endpoints', 'myPrivateEndpoint');
    const opened = await vscode.commands.executeCommand<DnsRecordsResult | undefined>('acrPrivateLink.createDnsRecords', endpoint);
    const form = opened?.panel;
    assert.ok(form, 'no DNS-records form was opened');
    try {
      await form.whenLoaded();
      const before = form.currentView()?.rows.find((r) => r.recordSetName === 'myregistry.eastus.data');
      assert.strictEqual(before?.state, 'create');

      await vscode.commands.executeCommand('acrPrivateLink.addReplicaRecords', await nodeAt(api, 'Contoso Production', 'myregistry'), { confirmed: true });
      await Promise.all([form.whenLoaded(), panel.whenChecked()]);

      const held = await recordIps('myregistry.eastus.data');
      assert.ok(held && held.length === 1, `the sandbox holds ${JSON.stringify(held)}`);
      const after = form.currentView()?.rows.find((r) => r.recordSetName === 'myregistry.eastus.data');
      assert.deepStrictEqual([after?.state, after?.ipv4Address], ['matches', held[0]]);
      const eastus = row(panel, 'myregistry.eastus.data.azurecr.io');
      assert.deepStrictEqual([eastus.verdict, [...eastus.zoneRecordIps].sort()], ['ok', held]);
    } finally {
      form.dispose();
    }
  });

  test('after the tree approves devregistry\'s pending connection, its open panel shows the state the sandbox holds', async () => {
    const panel = await openStatusPanel('devregistry');
    panels.push(panel);
    assert.deepStrictEqual(panel.sentState()!.connections.map((c) => c.status), ['Pending']);

    const [connection] = await childrenOf(api, await nodeAt(api, 'Contoso Dev', 'devregistry', 'Private endpoints'));
    assert.ok(connection);
    await vscode.commands.executeCommand('acrPrivateLink.approveConnection', connection, 'Approved for the partner pipeline');
    await panel.whenChecked();

    const id = panel.sentState()!.connections[0]!.id;
    const held = await sandboxRequest('GET', `${id}?api-version=2023-07-01`);
    assert.strictEqual(held.status, 200);
    const status = (held.body as { properties: { privateLinkServiceConnectionState: { status: string } } }).properties.privateLinkServiceConnectionState.status;
    assert.strictEqual(status, 'Approved');
    assert.deepStrictEqual(panel.sentState()!.connections.map((c) => [c.status, c.description]), [[status, 'Approved for the partner pipeline']]);
  });
});
