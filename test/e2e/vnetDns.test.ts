// What a VNet really resolves, clicked in the real workbench against the sandbox's VNet DNS worlds:
// custom DNS servers the configuration cannot prove (the tree says so; the status panel asks the
// server through its loopback listener and finds it answers public, or private with the forwarder),
// a DNS Private Resolver and a forwarding ruleset that prove it, a spoke peered to the hub without
// the zone (linked by a right-click on its finding, after which the finding is gone from the tree and
// the panel), and a missing record that NxDomainRedirect on the link sends to the public IP.
import { after, test } from 'node:test';
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { activeWebview, chooseFromContextMenu, expand, openRegistryInTree, openWorkbench, screenshotOnFailure, treeItem, typeInCommandPalette, Workbench } from '../harness/workbench';
import { resetSandbox, sandboxRequest } from './sandboxControl';

const TIMEOUT = 30_000;
const PRODUCTION = '00000000-0000-4000-8000-000000000001';
const ZONE = `/subscriptions/${PRODUCTION}/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;
let wb: Workbench | undefined;

after(async () => {
  await wb?.close();
  // The other e2e files expect the seed document's state.
  await resetSandbox('seed');
});

/** A fresh workbench on one sandbox world, no editor left open from before, the registry's DNS expanded. */
async function openWorld(world: string): Promise<{ tree: Locator; registry: Locator; page: Workbench['page'] }> {
  await wb?.close();
  wb = undefined;
  await resetSandbox(world);
  wb = await openWorkbench();
  const { page } = wb;
  await typeInCommandPalette(page, 'View: Close All Editors');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: "Don't Save" }).click({ timeout: 1_000 }).catch(() => undefined);
  await page.locator('iframe.webview').waitFor({ state: 'detached', timeout: TIMEOUT });
  const { tree, registry } = await openRegistryInTree(page);
  await expand(treeItem(tree, 'DNS', 3));
  await treeItem(tree, 'privatelink.azurecr.io', 4).waitFor({ state: 'visible', timeout: TIMEOUT });
  return { tree, registry, page };
}

const text = async (l: Locator): Promise<string> => ((await l.innerText()) ?? '').replace(/\s+/g, ' ');
const description = (row: Locator): Locator => row.locator('.label-description');

/** Opens the registry's status panel and waits for its first finished check. */
async function openPanel(registry: Locator) {
  await chooseFromContextMenu(registry, 'Open Status Panel');
  const panel = activeWebview(registry.page());
  const table = panel.locator('table:not(.stale)').filter({ hasText: 'Name resolution per FQDN' });
  await table.waitFor({ state: 'visible', timeout: TIMEOUT });
  return { panel, table, finding: (id: string) => panel.locator('li.finding').filter({ hasText: `(${id})` }) };
}

void test('custom-dns: the tree says myDockerVMVNET depends on its DNS servers; the panel asks 10.0.0.4 and finds it answers the public IP', async () => {
  const { tree, registry } = await openWorld('custom-dns');
  await screenshotOnFailure(wb!, 'e2e-vnet-custom-dns', async () => {
    const vnet = treeItem(tree, 'myDockerVMVNET', 4);
    await vnet.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await text(description(vnet)), /^depends on your DNS servers/);
    assert.equal(await vnet.locator('.codicon-warning').count(), 1, 'a warning, never an error nor healthy, from the configuration alone');

    const { panel, table, finding } = await openPanel(registry);
    const login = table.getByRole('row').filter({ hasText: 'myregistry.azurecr.io' }).first();
    // The VNet answer column is set in capitals by the page's style.
    assert.match(await text(login), /depends on your DNS servers 10\.0\.0\.4/i);
    const resolvesPublic = finding('dns.vnet.dnsServersResolvePublic');
    await resolvesPublic.first().waitFor({ state: 'visible', timeout: TIMEOUT });
    const message = await text(resolvesPublic.first());
    assert.match(message, /^Error: /);
    assert.match(message, /myDockerVMVNET's DNS servers 10\.0\.0\.4 answer myregistry\..* with 203\.0\.113\.\d+ \(public\)/);
    assert.match(message, /conditional forwarder for azurecr\.io to 168\.63\.129\.16/);
    assert.match(await text(panel.locator('body')), /On-premises and VPN clients/);
  });
});

void test('custom-dns-forwarder: the configuration cannot prove it, the live answer of 10.0.0.4 does: every row ok, no VNet DNS finding in the panel', async () => {
  const { tree, registry } = await openWorld('custom-dns-forwarder');
  await screenshotOnFailure(wb!, 'e2e-vnet-custom-dns-forwarder', async () => {
    const vnet = treeItem(tree, 'myDockerVMVNET', 4);
    await vnet.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await text(description(vnet)), /^depends on your DNS servers/);

    const { panel, table } = await openPanel(registry);
    const rows = table.locator('tbody tr');
    assert.ok((await rows.count()) >= 3);
    for (const row of await rows.all()) {
      const cells = await text(row);
      assert.match(cells, /depends on your DNS servers 10\.0\.0\.4/i);
      assert.equal(await row.locator('td.verdict.tone-ok').count(), 1, cells);
    }
    assert.equal(await panel.locator('li.finding').filter({ hasText: '(dns.vnet.' }).count(), 0, await text(panel.locator('body')));
  });
});

void test('private-resolver: appVNet (DNS server: the inbound endpoint) and buildVNet (ruleset to it) are proven private: no VNet DNS finding anywhere', async () => {
  const { tree, registry } = await openWorld('private-resolver');
  await screenshotOnFailure(wb!, 'e2e-vnet-private-resolver', async () => {
    const { panel } = await openPanel(registry);
    assert.equal(await panel.locator('li.finding').filter({ hasText: '(dns.vnet.' }).count(), 0, await text(panel.locator('body')));
    assert.match(await text(panel.locator('body')), /a conditional forwarder for azurecr\.io to 10\.0\.1\.4 \(inbound endpoint of myResolver in myDockerVMVNET\)/);
    // The tree's DNS group read the same configuration: no VNet under it is flagged.
    for (const name of ['appVNet', 'buildVNet', 'myDockerVMVNET']) assert.equal(await treeItem(tree, name, 4).count(), 0, `${name} is flagged under DNS`);
  });
});

void test('hub-spoke: spokeVNet peered without the zone shows in the tree and the panel; a right-click links the zone and the finding goes away in both', async () => {
  const { tree, registry, page } = await openWorld('hub-spoke');
  await screenshotOnFailure(wb!, 'e2e-vnet-hub-spoke', async () => {
    const spoke = treeItem(tree, 'spokeVNet', 4);
    await spoke.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await text(description(spoke)), /peered, zone not linked: resolves the public IP · fix: Link privatelink\.azurecr\.io to spokeVNet/);
    assert.equal(await spoke.locator('.codicon-warning').count(), 1);

    // The panel stays open while the tree applies the fix: it follows the store.
    const { finding } = await openPanel(registry);
    await finding('dns.vnet.peeredNotLinked').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await text(finding('dns.vnet.peeredNotLinked')), /spokeVNet is peered to myDockerVMVNET.*peering does not share private DNS zones/);

    await chooseFromContextMenu(spoke, 'Apply Fix');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await text(dialog), /Link privatelink\.azurecr\.io to spokeVNet/);
    await dialog.getByRole('button', { name: 'Apply' }).click();

    await spoke.waitFor({ state: 'detached', timeout: TIMEOUT });
    await page.locator('.notifications-toasts').filter({ hasText: /re-checked, it is fixed/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await finding('dns.vnet.peeredNotLinked').waitFor({ state: 'detached', timeout: TIMEOUT });
    // What Azure holds: a link from the zone to spokeVNet (taken from the sandbox, not the tree).
    const links = (await sandboxRequest('GET', `${ZONE}/virtualNetworkLinks?api-version=2024-06-01`)).body as { value: { properties: { virtualNetwork: { id: string } } }[] };
    assert.ok(links.value.some((l) => /\/virtualNetworks\/spokeVNet$/i.test(l.properties.virtualNetwork.id)), JSON.stringify(links));
  });
});

void test('nxdomain-redirect: the missing eastus record resolves publicly instead of NXDOMAIN, and the tree and the panel say so', async () => {
  const { tree, registry } = await openWorld('nxdomain-redirect');
  await screenshotOnFailure(wb!, 'e2e-vnet-nxdomain-redirect', async () => {
    const record = treeItem(tree, 'myregistry.eastus.data', 5);
    await record.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await text(description(record)), /^missing/);

    const { table, finding } = await openPanel(registry);
    const eastus = table.getByRole('row').filter({ hasText: 'myregistry.eastus.data.azurecr.io' }).first();
    assert.match(await text(eastus), /public \(NXDOMAIN redirected\)/i);
    assert.match(await text(eastus), /link MyDNSLink has resolutionPolicy NxDomainRedirect, so it is resolved publicly instead of NXDOMAIN/);
    const missing = finding('dns.record.missing').filter({ hasText: 'myregistry.eastus.data' });
    await missing.first().waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await text(missing.first()), /to the public IP instead of NXDOMAIN \(link MyDNSLink has resolutionPolicy NxDomainRedirect\)/);
  });
});
