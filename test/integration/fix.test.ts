// Fix DNS Record on the seed document's world (replica eastus without its data record).
// What the fix must do is read from the sandbox (its state dump and request log), not from the
// extension's own tree; what the person is told is read from the notifications the command showed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { childrenOf, descriptionOf, labelOf, nodeAt, startWorld } from './extensionApi';
import { sandboxRequest } from './sandboxControl';
import { endpointIp, world, zoneId } from './seedWorld';
import type { ExtensionApi } from '../../src/extension';
import type { WriteOutcome } from '../../src/model/fixPlan';
import type { TreeNode } from '../../src/tree/nodes/node';

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  ifMatch: string | null;
  ifNoneMatch: string | null;
}

async function recordNodes(api: ExtensionApi): Promise<Record<string, TreeNode>> {
  const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
  const children = await childrenOf(api, zone);
  return Object.fromEntries(children.filter((c) => labelOf(c) !== 'Virtual network links').map((c) => [labelOf(c), c]));
}

/** The seed zone's record sets as the sandbox holds them: name → addresses and etag. */
async function zoneState(): Promise<Record<string, { ips: string[]; etag: string }>> {
  const sets = (await world()).aRecordSets[zoneId.toLowerCase()] ?? {};
  return Object.fromEntries(Object.values(sets).map((r) => [r.name, { ips: r.aRecords.map((a) => a.ipv4Address), etag: r.etag }]));
}

/** The writes to one record set the sandbox received since its request log was cleared. */
async function writesTo(recordSetName: string): Promise<LoggedRequest[]> {
  const log = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: LoggedRequest[] }).value;
  return log.filter((r) => r.method !== 'GET' && r.path.split('?')[0]!.toLowerCase().endsWith(`/a/${recordSetName.toLowerCase()}`));
}

suite('Fix missing DNS record (seed document: replica eastus without its data record)', () => {
  let api: ExtensionApi;

  setup(async () => {
    api = await startWorld('seed', { clearRequestLog: true });
  });

  test('the fix creates myregistry.eastus.data with the NIC address of registry_data_eastus, leaves the other records as they were, and says it is ok', async () => {
    const before = await zoneState();
    assert.strictEqual(before['myregistry.eastus.data'], undefined, 'the seed lacks the eastus data record');
    const expectedIp = await endpointIp('myPrivateEndpoint', 'registry_data_eastus');
    const stale = (await recordNodes(api))['myregistry.eastus.data'];
    assert.ok(stale, 'the tree shows the missing record');
    const shownBefore = api.shownNotifications().length;

    await vscode.commands.executeCommand('acrPrivateLink.fixDnsRecord', stale, { confirmed: true });

    const after = await zoneState();
    assert.deepStrictEqual(after['myregistry.eastus.data']?.ips, [expectedIp]);
    assert.deepStrictEqual([after['myregistry'], after['myregistry.westeurope.data']], [before['myregistry'], before['myregistry.westeurope.data']]);
    const puts = await writesTo('myregistry.eastus.data');
    assert.deepStrictEqual(puts.map((p) => [p.method, p.ifNoneMatch, p.status]), [['PUT', '*', 201]]);
    assert.deepStrictEqual(api.shownNotifications().slice(shownBefore), [{ severity: 'information', message: 'Fixed myregistry.eastus.data: re-checked, it is ok.' }]);
    assert.strictEqual(descriptionOf((await recordNodes(api))['myregistry.eastus.data']!), `ok · ${expectedIp}`);
  });

  test('when someone else created the record meanwhile, the fix tries once with If-None-Match *, reports the conflict and overwrites nothing', async () => {
    const stale = (await recordNodes(api))['myregistry.eastus.data']!;
    const created = await sandboxRequest('PUT', `${zoneId}/A/myregistry.eastus.data?api-version=2024-06-01`, {
      properties: { ttl: 3600, aRecords: [{ ipv4Address: '10.0.0.99' }] },
    });
    assert.ok(created.status === 200 || created.status === 201, `seeding the concurrent record failed: ${created.status}`);
    const concurrent = (await zoneState())['myregistry.eastus.data'];
    await sandboxRequest('DELETE', '/_sandbox/requests');
    const shownBefore = api.shownNotifications().length;

    const outcomes = await vscode.commands.executeCommand<WriteOutcome[] | undefined>('acrPrivateLink.fixDnsRecord', stale, { confirmed: true });

    // The command did write (once, conditionally), Azure refused it, and the record is the other writer's.
    assert.deepStrictEqual((await writesTo('myregistry.eastus.data')).map((p) => [p.method, p.ifNoneMatch, p.status]), [['PUT', '*', 412]]);
    assert.deepStrictEqual(outcomes?.map((o) => o.status), ['conflict']);
    assert.deepStrictEqual((await zoneState())['myregistry.eastus.data'], concurrent);
    assert.deepStrictEqual(concurrent?.ips, ['10.0.0.99']);
    assert.deepStrictEqual(api.shownNotifications().slice(shownBefore), [
      { severity: 'warning', message: 'myregistry.eastus.data was changed by someone else since it was read. It has been read again.' },
    ]);
    // and the tree now shows what Azure holds
    assert.match(descriptionOf((await recordNodes(api))['myregistry.eastus.data']!), /10\.0\.0\.99/);
  });
});
