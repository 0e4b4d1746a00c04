// A person opens the ACR Private Link view and browses the sandbox's seed estate: the registry,
// its private endpoint and its DNS records. The final state is the README's screenshot.
import { after, before, test } from 'node:test';
import { activityBarItem, expand, openWorkbench, readmePicturePath, resizeSideBar, screenshotOnFailure, sideBar, treeItem, Workbench } from '../harness/workbench';

const TIMEOUT = 30_000;

let wb: Workbench;

before(async () => {
  wb = await openWorkbench();
});

after(async () => {
  await wb?.close();
});

void test('the ACR Private Link view container opens from the activity bar', () =>
  screenshotOnFailure(wb, 'e2e-view-container', async () => {
    const item = activityBarItem(wb.page, 'ACR Private Link');
    await item.waitFor({ state: 'visible', timeout: TIMEOUT });
    await item.click();
    await sideBar(wb.page).getByText('ACR Private Link', { exact: false }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  }));

void test('the tree shows the seed subscription and its registry', () =>
  screenshotOnFailure(wb, 'e2e-tree-registry', async () => {
    const tree = sideBar(wb.page);
    await expand(treeItem(tree, 'Contoso Production', 1));
    await treeItem(tree, 'myregistry', 2).waitFor({ state: 'visible', timeout: TIMEOUT });
  }));

void test('expanding the registry shows its private endpoint and DNS records', () =>
  screenshotOnFailure(wb, 'e2e-tree-expanded', async () => {
    const tree = sideBar(wb.page);
    await expand(treeItem(tree, 'myregistry', 2));
    // Private endpoints, DNS and the zone open by themselves; expand() only clicks collapsed rows.
    await expand(treeItem(tree, 'Private endpoints', 3));
    await treeItem(tree, 'myPrivateEndpoint', 4).waitFor({ state: 'visible', timeout: TIMEOUT });
    await expand(treeItem(tree, 'DNS', 3));
    await expand(treeItem(tree, 'privatelink.azurecr.io', 4));
    for (const record of ['myregistry', 'myregistry.westeurope.data', 'myregistry.eastus.data']) {
      await treeItem(tree, record, 5).waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    // For the README: wide enough to read the descriptions, and the pointer out of the way so no
    // hover tooltip covers the tree.
    await resizeSideBar(wb.page, 560);
    await wb.page.mouse.move(1000, 700);
    // The window's left part: activity bar and side bar, down to just below the seed's rows.
    await wb.page.screenshot({ path: readmePicturePath('screenshot-tree.png'), clip: { x: 0, y: 0, width: 600, height: 400 } });
  }));
