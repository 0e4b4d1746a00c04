// The status panel's "Check connectivity", clicked in the real workbench against the sandbox: from
// inside the VNet the login server answers the Bearer challenge at its private endpoint's address;
// from outside it, with public access disabled, the public endpoint answers 403 DENIED and the panel
// shows the error finding. The sandbox's registry endpoints are loopback listeners: nothing the check
// dials leaves this machine.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { activeWebview, chooseFromContextMenu, openRegistryInTree, openWorkbench, screenshotOnFailure, sideBar, treeItem, Workbench } from '../harness/workbench';
import { resetSandbox, sandboxRequest } from './sandboxControl';

const TIMEOUT = 30_000;
const PRODUCTION = '00000000-0000-4000-8000-000000000001';
const REGISTRY = `/subscriptions/${PRODUCTION}/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myregistry`;
let wb: Workbench;

before(async () => {
  await resetSandbox('seed');
  await sandboxRequest('DELETE', '/_sandbox/listeners/log');
  wb = await openWorkbench();
});

after(async () => {
  await wb?.close();
  // The other e2e files expect the seed document's state.
  await resetSandbox('seed');
});

void test('Check connectivity in the status panel: reachable over the private endpoint, then 403 DENIED from the public endpoint', () =>
  screenshotOnFailure(wb, 'e2e-connectivity', async () => {
    const { registry } = await openRegistryInTree(wb.page);
    await chooseFromContextMenu(registry, 'Open Status Panel');
    const panel = activeWebview(wb.page);
    await panel.locator('table:not(.stale)').filter({ hasText: 'Name resolution per FQDN' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const check = panel.getByRole('button', { name: 'Check connectivity' });
    await check.waitFor({ state: 'visible', timeout: TIMEOUT });
    await panel.getByText('Not checked yet.').waitFor({ state: 'visible', timeout: TIMEOUT });
    await check.click();

    const table = panel.getByRole('region', { name: 'Connectivity table' });
    const row = (host: string) => table.locator(`tr[data-host="${host}"]`);
    await row('myregistry.azurecr.io').filter({ hasText: 'reachable (HTTP 401' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const login = (await row('myregistry.azurecr.io').innerText()).replace(/\s+/g, ' ');
    assert.match(login, /10\.0\.0\.7/);
    assert.match(login, /10\.0\.0\.7:443 via 127\.0\.0\.1:\d+/);
    assert.match(login, /GET \/v2\/ → HTTP 401, Bearer realm="https:\/\/myregistry\.azurecr\.io\/oauth2\/token", service="myregistry\.azurecr\.io"/);
    assert.match(login, /\d+(\.\d+)? ms/);
    await row('myregistry.eastus.data.azurecr.io').filter({ hasText: 'could not check' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const log = ((await sandboxRequest('GET', '/_sandbox/listeners/log')).body as { value: { address: string; servername?: string; status?: number }[] }).value;
    assert.ok(log.some((e) => e.address === '10.0.0.7' && e.servername === 'myregistry.azurecr.io' && e.status === 401), JSON.stringify(log));

    // A client outside the VNet, and the registry closed to the internet.
    const patched = await sandboxRequest('PATCH', `${REGISTRY}?api-version=2023-07-01`, { properties: { publicNetworkAccess: 'Disabled' } });
    assert.ok(patched.status < 300, `PATCH answered ${patched.status}`);
    assert.strictEqual((await sandboxRequest('POST', '/_sandbox/dns', { virtualNetworkId: null })).status, 200);
    await check.click();
    await row('myregistry.azurecr.io').filter({ hasText: 'reached the public endpoint (403 DENIED)' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const finding = panel.locator('li.finding').filter({ hasText: 'connectivity.publicEndpoint' }).filter({ hasText: 'myregistry.azurecr.io' });
    await finding.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match((await finding.innerText()).replace(/\s+/g, ' '), /answered 403 DENIED \(client with IP '198\.51\.100\.10' is not allowed access\)/);
  }));

const text = async (l: Locator): Promise<string> => (await l.innerText()).replace(/\s+/g, ' ');

void test('the latest result stays for the session: in the tree under the registry with its severity, across re-reads, and outdated once the registry changed', () =>
  screenshotOnFailure(wb, 'e2e-connectivity-kept', async () => {
    // Left by the test before: the login server answered 403 DENIED, checked on the registry as read
    // before its public access was disabled behind the extension's back.
    const tree = sideBar(wb.page);
    const group = treeItem(tree, 'Connectivity', 3);
    await group.waitFor({ state: 'visible', timeout: TIMEOUT });
    const login = treeItem(tree, 'myregistry.azurecr.io', 4);
    await login.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await text(group.locator('.label-description')), /^from \S/);
    // The tree repaints the registry when the store hears of the second check.
    await login.locator('.label-description').filter({ hasText: /403 DENIED/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await login.locator('.codicon-error').waitFor({ state: 'visible', timeout: TIMEOUT });

    const panel = activeWebview(wb.page);
    const outdated = panel.locator('#connectivity-outdated');
    const denied = panel.locator('li.finding').filter({ hasText: '(connectivity.publicEndpoint)' }).filter({ hasText: 'myregistry.azurecr.io answered 403 DENIED' });
    const table = panel.getByRole('region', { name: 'Connectivity table' });

    // Read again from Azure: public access is Disabled now, so the result describes the registry as it was.
    await panel.getByRole('button', { name: 'Re-run checks' }).click();
    await outdated.waitFor({ state: 'visible', timeout: TIMEOUT });
    await denied.waitFor({ state: 'detached', timeout: TIMEOUT });
    assert.match(await text(table), /From \S/);
    assert.match(await text(table), /reached the public endpoint \(403 DENIED\)/, 'the results are still shown, from their time');
    await group.locator('.label-description').filter({ hasText: /outdated: the registry changed since/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await login.locator('.codicon-history').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.equal(await login.locator('.codicon-error').count(), 0, 'an outdated result carries no severity');

    // Checked again on the registry as it is: current, with its finding.
    await panel.getByRole('button', { name: 'Check connectivity' }).click();
    await outdated.waitFor({ state: 'detached', timeout: TIMEOUT });
    await denied.waitFor({ state: 'visible', timeout: TIMEOUT });
    await login.locator('.codicon-error').waitFor({ state: 'visible', timeout: TIMEOUT });

    // A re-read with a change the check does not rest on (this client back inside the VNet, so the live
    // answers turn private): the result stays current, with its finding.
    const loginRow = panel.locator('table').filter({ hasText: 'Name resolution per FQDN' }).getByRole('row').filter({ hasText: 'myregistry.azurecr.io' }).first();
    assert.doesNotMatch(await text(loginRow), /OK: ok/);
    const vnet = `/subscriptions/${PRODUCTION}/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myDockerVMVNET`;
    assert.strictEqual((await sandboxRequest('POST', '/_sandbox/dns', { virtualNetworkId: vnet })).status, 200);
    await panel.getByRole('button', { name: 'Re-run checks' }).click();
    await loginRow.filter({ hasText: 'OK: ok' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.equal(await outdated.count(), 0);
    assert.equal(await denied.count(), 1, 'the connectivity finding is kept across the re-read');
    assert.match(await text(table), /reached the public endpoint \(403 DENIED\)/);
    await login.locator('.codicon-error').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.doesNotMatch(await text(group.locator('.label-description')), /outdated/);
  }));
