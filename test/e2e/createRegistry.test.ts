// A person creates a registry with its private endpoint from the subscription's context menu, by
// clicking and typing in the real workbench: a name another subscription holds is refused with Azure's
// answer while they type, a free one is confirmed, a geo-replica is ticked, and the run ends with every
// step done, the check's verdict "Healthy" on the page and the registry in the tree. Starts from the
// sandbox's `empty` scenario.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { activeWebview, activityBarItem, chooseFromContextMenu, expand, resizeSideBar, screenshotOnFailure, sideBar, treeItem, typeInto, type Workbench } from '../harness/workbench';
import { waitFor } from '../harness/wait';
import { sandboxRequest } from './sandboxControl';
import { closeAndRestoreSeed, openOnEmptyWorld, RUN_TIMEOUT, TIMEOUT } from './emptyWorld';

let wb: Workbench;

before(async () => {
  wb = await openOnEmptyWorld();
});

after(() => closeAndRestoreSeed(wb));

const NAME_LABEL = 'Registry name (5–50 letters and digits, unique across Azure)';

void test('create a registry with its private endpoint from the form: the name is checked live, the run ends with a healthy check', () =>
  screenshotOnFailure(wb, 'e2e-create-registry', async () => {
    await activityBarItem(wb.page, 'ACR Private Link').click();
    await resizeSideBar(wb.page, 520);
    const tree = sideBar(wb.page);
    const subscription = treeItem(tree, 'Contoso Production', 1);
    await expand(subscription);
    await treeItem(tree, 'myregistry', 2).waitFor({ state: 'visible', timeout: TIMEOUT });

    await chooseFromContextMenu(subscription, 'Create Registry with Private Endpoint…');
    const page = activeWebview(wb.page);
    await page.getByRole('textbox', { name: NAME_LABEL, exact: true }).waitFor({ state: 'visible', timeout: TIMEOUT });

    // Against the naming rule: refused as typed, before Azure is asked.
    await typeInto(page, NAME_LABEL, 'my-registry');
    await page.locator('#registryName-error').filter({ hasText: 'only letters and digits' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    // Held by a registry in another subscription: Azure's checkNameAvailability says AlreadyExists.
    await typeInto(page, NAME_LABEL, 'devregistry');
    await page.locator('#registryName-error').filter({ hasText: 'devregistry is taken: The registry devregistry is already in use.' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    // A free name: Azure says so, and the endpoint's names follow it.
    await typeInto(page, NAME_LABEL, 'contosoprivate');
    await page.locator('#registryName-note').filter({ hasText: 'contosoprivate is available.' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.strictEqual(await page.getByRole('textbox', { name: 'Private endpoint name', exact: true }).inputValue(), 'contosoprivate-pe');

    // A person clicks the region's label, which ticks its box.
    const eastus = page.getByRole('checkbox', { name: 'East US (eastus)' });
    await eastus.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.locator('#replica-eastus').getByText('East US (eastus)').click();
    await waitFor('East US to be ticked', () => eastus.isChecked(), { timeoutMs: TIMEOUT });
    await page.locator('#subnetName-note').filter({ hasText: 'The endpoint takes 3 addresses' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByText('Ready to create.').waitFor({ state: 'visible', timeout: TIMEOUT });

    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.locator('#run-status').filter({ hasText: 'The registry and its private endpoint are ready.' }).waitFor({ state: 'visible', timeout: RUN_TIMEOUT });
    const statuses: string[] = [];
    for (const step of await page.locator('#steps li').all()) statuses.push((await step.getAttribute('data-status')) ?? '');
    assert.deepStrictEqual(statuses, ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);

    const check = page.locator('#check[data-verdict="healthy"]');
    await check.waitFor({ state: 'visible', timeout: RUN_TIMEOUT });
    await check.getByText('Check: Healthy').waitFor({ state: 'visible', timeout: TIMEOUT });
    await check.getByText(/^contosoprivate is healthy: the check found nothing wrong/).waitFor({ state: 'visible', timeout: TIMEOUT });

    // Azure holds what the page says, and the tree lists the new registry.
    const registry = await sandboxRequest('GET', '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/contosoprivate?api-version=2025-11-01');
    assert.strictEqual(registry.status, 200);
    assert.strictEqual((registry.body as { properties: { publicNetworkAccess: string } }).properties.publicNetworkAccess, 'Disabled');
    await treeItem(tree, 'contosoprivate', 2).waitFor({ state: 'visible', timeout: TIMEOUT });
  }));
