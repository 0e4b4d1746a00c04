// Flows in combination: with the status panel for myregistry left open, a person creates a second
// private endpoint for it with the create-endpoint form, in the same VNet and subnet, into the zone
// the form proposes (the seed's privatelink.azurecr.io). Its DNS zone group takes the zone's A
// records over, as Azure's does. Afterwards the tree lists both endpoints and shows each record with
// the IPs the sandbox holds; the open panel follows without being asked, names the endpoint of each
// row and says which endpoint answers for the first one's names; "Fix all safe findings" offers
// nothing, and the extension wrote no record itself. Expected addresses come from the sandbox's state.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import { activeWebview, choose, chooseFromContextMenu, expand, openCreateEndpointForm, openRegistryInTree, openWorkbench, screenshotOnFailure, treeItem, typeInto, Workbench } from '../harness/workbench';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import { closeAndRestoreSeed, RUN_TIMEOUT, TIMEOUT } from './emptyWorld';

const FIRST = 'myPrivateEndpoint';
const SECOND = 'mySecondEndpoint';
const STATUS_TITLE = 'myregistry · Private Link status';
const NAMES = { registry: 'myregistry', registry_data_westeurope: 'myregistry.westeurope.data', registry_data_eastus: 'myregistry.eastus.data' } as const;
type Member = keyof typeof NAMES;
let wb: Workbench;

interface StateDump {
  networkInterfaces: Record<string, { privateEndpointId?: string; ipConfigurations: { privateIPAddress: string; privateLinkConnectionProperties?: { requiredMemberName: string } }[] }>;
  aRecordSets: Record<string, Record<string, { name: string; aRecords: { ipv4Address: string }[] }>>;
}

async function sandboxState(): Promise<StateDump> {
  const r = await sandboxRequest('GET', '/_sandbox/state');
  assert.strictEqual(r.status, 200);
  return r.body as StateDump;
}

/** The address an endpoint's NIC holds for each required member. */
function nicAddresses(state: StateDump, endpoint: string): Record<Member, string> {
  const configs = Object.values(state.networkInterfaces)
    .filter((n) => new RegExp(`/privateEndpoints/${endpoint}$`, 'i').test(n.privateEndpointId ?? ''))
    .flatMap((n) => n.ipConfigurations);
  const byMember = Object.fromEntries(configs.map((c) => [c.privateLinkConnectionProperties?.requiredMemberName, c.privateIPAddress]));
  for (const member of Object.keys(NAMES)) assert.ok(byMember[member], `${endpoint}'s NIC has no ${member}: ${JSON.stringify(configs)}`);
  return byMember as Record<Member, string>;
}

/** Record name → its IPs, in privatelink.azurecr.io. */
function records(state: StateDump): Record<string, string[]> {
  const zone = Object.entries(state.aRecordSets).find(([id]) => id.endsWith('/privatednszones/privatelink.azurecr.io'))?.[1] ?? {};
  return Object.fromEntries(Object.values(zone).map((r) => [r.name, r.aRecords.map((a) => a.ipv4Address)]));
}

before(async () => {
  await resetSandbox('seed');
  wb = await openWorkbench();
});

after(() => closeAndRestoreSeed(wb));

void test('a second endpoint in the same VNet, created with the status panel open: the tree and the panel show what Azure holds, and nothing is offered to fix', () =>
  screenshotOnFailure(wb, 'e2e-second-endpoint', async () => {
    const seed = await sandboxState();
    const first = nicAddresses(seed, FIRST);
    const { tree, registry } = await openRegistryInTree(wb.page);
    await expand(treeItem(tree, 'DNS', 3));
    await expand(treeItem(tree, 'privatelink.azurecr.io', 4));
    await chooseFromContextMenu(registry, 'Open Status Panel');
    const panelTab = wb.page.locator('[id="workbench.parts.editor"]').getByRole('tab', { name: STATUS_TITLE, exact: true });
    await panelTab.waitFor({ state: 'visible', timeout: TIMEOUT });
    // The seed's missing eastus record: one safe fix before the second endpoint exists.
    await activeWebview(wb.page).getByRole('button', { name: 'Fix all safe findings (1)' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await sandboxRequest('DELETE', '/_sandbox/requests');

    const form = await openCreateEndpointForm(registry, TIMEOUT);
    await typeInto(form, 'Name', SECOND);
    await typeInto(form, 'Connection name', 'mySecondConnection');
    await choose(form, 'Virtual network', 'myDockerVMVNET (myResourceGroup, westeurope)');
    await choose(form, 'Subnet', 'myDockerVMSubnet (10.0.0.0/24');
    // The form warns before the person creates it, and proposes the zone already linked to the VNet.
    await form.getByText(`myDockerVMVNET already has a private endpoint for myregistry (${FIRST})`, { exact: false }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await form.getByRole('combobox', { name: 'Private DNS zone (privatelink.azurecr.io)' }).filter({ hasText: 'privatelink.azurecr.io in myResourceGroup' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await form.getByText('Ready to create.').waitFor({ state: 'visible', timeout: TIMEOUT });
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    await form.locator('#run-status').filter({ hasText: 'The private endpoint is ready.' }).waitFor({ state: 'visible', timeout: RUN_TIMEOUT });

    // What Azure holds now: the zone group wrote every name with the second endpoint's IPs.
    const now = await sandboxState();
    const second = nicAddresses(now, SECOND);
    const held = records(now);
    for (const member of Object.keys(NAMES) as Member[]) assert.deepStrictEqual(held[NAMES[member]], [second[member]], `${NAMES[member]} in the sandbox`);
    // The extension wrote no record itself: the only record writes are the zone group's.
    const log = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: { method: string; path: string }[] }).value;
    assert.deepStrictEqual(log.filter((r) => r.method !== 'GET' && /\/privateDnsZones\/[^/]+\/A\//i.test(r.path)), []);

    // The tree: both endpoints, each record with the IPs the sandbox holds.
    for (const endpoint of [FIRST, SECOND]) {
      await treeItem(tree, endpoint, 4).locator('.label-description').filter({ hasText: /^Approved · myDockerVMVNET\/myDockerVMSubnet/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    for (const name of Object.values(NAMES)) {
      const ip = held[name]![0]!.replace(/\./g, '\\.');
      await treeItem(tree, name, 5).locator('.label-description').filter({ hasText: new RegExp(`^ok · ${ip}$`) }).waitFor({ state: 'visible', timeout: TIMEOUT });
    }

    // The panel, left open, followed: a row per endpoint and name, each naming its endpoint; the first
    // endpoint's rows say the second one answers, with the record the sandbox holds.
    await panelTab.click();
    const panel = activeWebview(wb.page);
    const table = panel.locator('table:not(.stale)').filter({ hasText: 'Name resolution per FQDN' });
    await table.getByRole('rowheader').filter({ hasText: SECOND }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    for (const member of Object.keys(NAMES) as Member[]) {
      const rows = (endpoint: string) => table.getByRole('row').filter({ has: panel.getByRole('rowheader').filter({ hasText: `${NAMES[member]}.azurecr.io` }).filter({ hasText: `${member} · ${endpoint} · VNet myDockerVMVNET` }) });
      const firstRow = rows(FIRST);
      await firstRow.filter({ hasText: `answered by ${SECOND}` }).waitFor({ state: 'visible', timeout: TIMEOUT });
      const cells = await firstRow.getByRole('cell').allInnerTexts();
      assert.strictEqual(cells[0]?.trim(), first[member], `${NAMES[member]}: the first endpoint's NIC address`);
      assert.strictEqual(cells[1]?.trim(), held[NAMES[member]]![0], `${NAMES[member]}: the zone record as the sandbox holds it`);
      assert.match(cells[4] ?? '', /^OK:\s*ok/);
      assert.strictEqual(await rows(SECOND).filter({ hasText: 'answered by' }).count(), 0, `${NAMES[member]}: the second endpoint's own IP answers`);
    }
    // Nothing safe to fix: no finding offers to put the first endpoint's IPs back over the second's.
    await panel.getByRole('button', { name: 'Fix all safe findings', exact: true }).and(panel.locator('[disabled]')).waitFor({ state: 'visible', timeout: TIMEOUT });
    await panel.getByText(`is in no record, so clients there use only ${SECOND}`, { exact: false }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  }));
