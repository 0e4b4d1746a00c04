// A person right-clicks the missing eastus data record (the seed document's replica warning),
// chooses "Fix DNS Record", confirms, and sees it turn ok; then opens the status panel and
// re-runs its checks.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { activeWebview, activityBarItem, chooseFromContextMenu, expand, openWorkbench, readmePicturePath, resizeSideBar, screenshotOnFailure, sideBar, treeItem, Workbench, openRegistryInTree } from '../harness/workbench';
import { resetSandbox } from './sandboxControl';

const TIMEOUT = 30_000;
let wb: Workbench;

before(async () => {
  await resetSandbox('seed');
  wb = await openWorkbench();
});

after(async () => {
  await wb?.close();
  // The other e2e files expect the seed document's state, with its defect.
  await resetSandbox('seed');
});

function description(row: Locator): Locator {
  return row.locator('.label-description');
}


void test('right-click the missing eastus data record, fix it, and it turns ok', () =>
  screenshotOnFailure(wb, 'e2e-fix-record', async () => {
    const { tree } = await openRegistryInTree(wb.page);
    await expand(treeItem(tree, 'DNS', 3));
    await expand(treeItem(tree, 'privatelink.azurecr.io', 4));
    const record = treeItem(tree, 'myregistry.eastus.data', 5);
    await record.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match((await description(record).textContent()) ?? '', /^missing/);

    await chooseFromContextMenu(record, 'Fix DNS Record');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match((await dialog.textContent()) ?? '', /Create A record myregistry\.eastus\.data → 10\.0\.0\.5/);
    await dialog.getByRole('button', { name: 'Apply' }).click();

    await description(record).filter({ hasText: /^ok · 10\.0\.0\.5/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match((await description(treeItem(tree, 'myregistry', 5)).textContent()) ?? '', /^ok · 10\.0\.0\.7/);
  }));

void test('the status panel shows the per-FQDN table and re-runs its checks', () =>
  screenshotOnFailure(wb, 'e2e-status-panel', async () => {
    const tree = sideBar(wb.page);
    await chooseFromContextMenu(treeItem(tree, 'myregistry', 2), 'Open Status Panel');
    const panel = activeWebview(wb.page);
    const table = panel.getByRole('table').filter({ hasText: 'Name resolution per FQDN' });
    await table.waitFor({ state: 'visible', timeout: TIMEOUT });
    for (const fqdn of ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io', 'myregistry.eastus.data.azurecr.io']) {
      await table.getByRole('rowheader').filter({ hasText: fqdn }).waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    const eastus = table.getByRole('row').filter({ hasText: 'myregistry.eastus.data.azurecr.io' });
    // Fixed in the previous test: the zone record and the live answer (the sandbox's DNS) agree.
    await eastus.filter({ hasText: '10.0.0.5' }).waitFor({ state: 'visible', timeout: TIMEOUT });

    await panel.getByRole('button', { name: 'Re-run checks' }).click();
    await table.and(panel.locator('table:not(.stale)')).waitFor({ state: 'visible', timeout: TIMEOUT });
    await panel.getByText('No findings', { exact: false }).or(panel.getByRole('heading', { name: /Findings/ })).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    await wb.page.mouse.move(5, 790);
    await wb.page.screenshot({ path: readmePicturePath('screenshot-status.png') });
  }));
