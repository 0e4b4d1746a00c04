// One live state, clicked: the status panel is left open while the tree fixes the missing eastus data
// record. The panel follows the tree (its table shows the record the sandbox now holds), and its "Fix
// all safe findings" then applies only what is left (the westeurope data record, deleted for this
// test) instead of failing with "changed since it was read". Expected addresses come from the
// sandbox's state.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import { activeWebview, chooseFromContextMenu, expand, openRegistryInTree, openWorkbench, screenshotOnFailure, treeItem, Workbench } from '../harness/workbench';
import { resetSandbox, sandboxRequest } from './sandboxControl';

const TIMEOUT = 30_000;
const PRODUCTION = '00000000-0000-4000-8000-000000000001';
const ZONE = `/subscriptions/${PRODUCTION}/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;
let wb: Workbench;

interface StateDump {
  networkInterfaces: Record<string, { privateEndpointId?: string; ipConfigurations: { privateIPAddress: string; privateLinkConnectionProperties?: { requiredMemberName: string } }[] }>;
  /** Zone id (lower-cased) → record name (lower-cased) → record set. */
  aRecordSets: Record<string, Record<string, { aRecords: { ipv4Address: string }[] }>>;
}

async function sandboxState(): Promise<StateDump> {
  const r = await sandboxRequest('GET', '/_sandbox/state');
  assert.strictEqual(r.status, 200);
  return r.body as StateDump;
}

/** The address myPrivateEndpoint's NIC holds for a required member. */
function nicAddress(state: StateDump, member: string): string {
  const configs = Object.values(state.networkInterfaces)
    .filter((n) => /\/privateEndpoints\/myPrivateEndpoint$/i.test(n.privateEndpointId ?? ''))
    .flatMap((n) => n.ipConfigurations);
  const address = configs.find((c) => c.privateLinkConnectionProperties?.requiredMemberName === member)?.privateIPAddress;
  assert.ok(address, `myPrivateEndpoint's NIC has no ${member}: ${JSON.stringify(configs)}`);
  return address;
}

function recordAddresses(state: StateDump, name: string): string[] | undefined {
  return state.aRecordSets[ZONE.toLowerCase()]?.[name]?.aRecords.map((a) => a.ipv4Address);
}

before(async () => {
  await resetSandbox('seed');
  // A second missing record, so that something is left for the panel's "Fix all" after the tree's fix.
  const deleted = await sandboxRequest('DELETE', `${ZONE}/A/myregistry.westeurope.data?api-version=2024-06-01`);
  assert.ok(deleted.status === 200 || deleted.status === 204, `deleting the westeurope data record answered ${deleted.status}`);
  await sandboxRequest('DELETE', '/_sandbox/requests');
  wb = await openWorkbench();
});

after(async () => {
  await wb?.close();
  // The other e2e files expect the seed document's state, with its defect.
  await resetSandbox('seed');
});

void test('the status panel left open follows the tree\'s fix, and its "Fix all safe findings" applies only what is left', () =>
  screenshotOnFailure(wb, 'e2e-panel-follows-tree', async () => {
    const seed = await sandboxState();
    const eastusIp = nicAddress(seed, 'registry_data_eastus');
    const westeuropeIp = nicAddress(seed, 'registry_data_westeurope');
    assert.strictEqual(recordAddresses(seed, 'myregistry.eastus.data'), undefined);
    assert.strictEqual(recordAddresses(seed, 'myregistry.westeurope.data'), undefined);
    assert.deepStrictEqual(recordAddresses(seed, 'myregistry'), [nicAddress(seed, 'registry')], 'the registry record is as the seed document has it');

    const { tree, registry } = await openRegistryInTree(wb.page);
    await chooseFromContextMenu(registry, 'Open Status Panel');
    const panel = activeWebview(wb.page);
    const table = panel.locator('table:not(.stale)').filter({ hasText: 'Name resolution per FQDN' });
    const row = (fqdn: string) => table.getByRole('row').filter({ has: panel.getByRole('rowheader').filter({ hasText: fqdn }) });
    await panel.getByRole('button', { name: 'Fix all safe findings (2)' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await row('myregistry.eastus.data.azurecr.io').filter({ hasText: 'missing' }).waitFor({ state: 'visible', timeout: TIMEOUT });

    // The tree fixes eastus while the panel stays open beside it.
    await expand(treeItem(tree, 'DNS', 3));
    await expand(treeItem(tree, 'privatelink.azurecr.io', 4));
    const record = treeItem(tree, 'myregistry.eastus.data', 5);
    await chooseFromContextMenu(record, 'Fix DNS Record');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: TIMEOUT });
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT });
    await record.locator('.label-description').filter({ hasText: new RegExp(`^ok · ${eastusIp.replace(/\./g, '\\.')}`) }).waitFor({ state: 'visible', timeout: TIMEOUT });

    // The panel follows without being asked: eastus holds its address, one safe fix is left.
    await row('myregistry.eastus.data.azurecr.io').filter({ hasText: eastusIp }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const fixAll = panel.getByRole('button', { name: 'Fix all safe findings (1)' });
    await fixAll.waitFor({ state: 'visible', timeout: TIMEOUT });
    await fixAll.click();

    await dialog.waitFor({ state: 'visible', timeout: TIMEOUT });
    const confirmation = (await dialog.textContent()) ?? '';
    assert.match(confirmation, new RegExp(`myregistry\\.westeurope\\.data → ${westeuropeIp.replace(/\./g, '\\.')}`));
    assert.doesNotMatch(confirmation, /myregistry\.eastus\.data/, 'the panel offered again what the tree had fixed');
    await dialog.getByRole('button', { name: 'Apply All' }).click();

    await row('myregistry.westeurope.data.azurecr.io').filter({ hasText: westeuropeIp }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await panel.getByRole('button', { name: 'Fix all safe findings', exact: true }).and(panel.locator('[disabled]')).waitFor({ state: 'visible', timeout: TIMEOUT });

    // Two writes, the tree's and the panel's, each a create that went through: none was refused as
    // "changed since it was read" (412), and the panel said nothing of the kind.
    const log = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: { method: string; path: string; status: number }[] }).value;
    const writes = log.filter((r) => r.method !== 'GET' && /\/privateDnsZones\//i.test(r.path)).map((r) => [r.method, r.path.split('?')[0]!.split('/').pop(), r.status]);
    assert.deepStrictEqual(writes, [['PUT', 'myregistry.eastus.data', 201], ['PUT', 'myregistry.westeurope.data', 201]]);
    assert.strictEqual(await wb.page.locator('.notification-toast').filter({ hasText: 'changed since it was read' }).count(), 0);

    const now = await sandboxState();
    assert.deepStrictEqual(recordAddresses(now, 'myregistry.eastus.data'), [eastusIp]);
    assert.deepStrictEqual(recordAddresses(now, 'myregistry.westeurope.data'), [westeuropeIp]);
  }));
