// A person creates a private endpoint for myregistry with the form, by clicking and typing in the
// real workbench, and sees every step done and the endpoint in the tree; then a run that fails in the
// middle (a fault the sandbox injects) reports what it created, and the page's clean-up removes it;
// in a short window, a drop-down at the panel's bottom edge opens upward with its whole list visible.
// Starts from the sandbox's `empty` scenario (same registries and VNets, no endpoints or zones).
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { FrameLocator, Locator } from 'playwright-core';
import { activeWebview, activityBarItem, choose, chooseFromContextMenu, expand, openCreateEndpointForm, readmePicturePath, resizeSideBar, screenshotOnFailure, sideBar, treeItem, typeInto, Workbench, openRegistryInTree } from '../harness/workbench';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import { closeAndRestoreSeed, LINK, openOnEmptyWorld, RUN_TIMEOUT, TIMEOUT, ZONE } from './emptyWorld';

let wb: Workbench;

before(async () => {
  wb = await openOnEmptyWorld();
});

after(() => closeAndRestoreSeed(wb));

/** The form's page: the active webview's inner frame. */
function form(): FrameLocator {
  return activeWebview(wb.page);
}


/** Waits for the run's headline, then reads every step's status as the page shows it. */
async function finishedRun(page: FrameLocator, headline: string): Promise<string[]> {
  await page.locator('#run-status').filter({ hasText: headline }).waitFor({ state: 'visible', timeout: RUN_TIMEOUT });
  const steps = page.locator('#steps li');
  const statuses: string[] = [];
  for (const step of await steps.all()) statuses.push((await step.getAttribute('data-status')) ?? '');
  return statuses;
}

interface StateDump {
  privateDnsZones: Record<string, { name: string }>;
  virtualNetworkLinks: Record<string, { name: string }>;
  privateEndpoints: Record<string, { name: string }>;
}

async function sandboxState(): Promise<StateDump> {
  const r = await sandboxRequest('GET', '/_sandbox/state');
  assert.strictEqual(r.status, 200);
  return r.body as StateDump;
}

const names = (records: Record<string, { name: string }>): string[] => Object.values(records).map((r) => r.name).sort();

void test('fill in the create-endpoint form, submit, see every step done and the endpoint approved in the tree', () =>
  screenshotOnFailure(wb, 'e2e-create-endpoint', async () => {
    const { tree, registry } = await openRegistryInTree(wb.page);
    await expand(treeItem(tree, 'Private endpoints', 3));
    await treeItem(tree, 'No private endpoints — Create…', 4).waitFor({ state: 'visible', timeout: TIMEOUT });

    // The fields show once the pickers are filled from Azure.
    const page = await openCreateEndpointForm(registry, TIMEOUT);

    await typeInto(page, 'Name', 'myPrivateEndpoint');
    await typeInto(page, 'Connection name', 'myConnection');
    await choose(page, 'Virtual network', 'myDockerVMVNET (myResourceGroup, westeurope)');
    await choose(page, 'Subnet', 'myDockerVMSubnet (10.0.0.0/24');
    const integrate = page.getByRole('checkbox', { name: 'Integrate with a private DNS zone' });
    assert.strictEqual(await integrate.isChecked(), true, 'DNS integration is on by default');
    await choose(page, `Private DNS zone (${ZONE})`, `(new) ${ZONE}`);
    await choose(page, 'Resource group of the new zone', 'myResourceGroup');
    const link = page.getByRole('textbox', { name: /^Virtual network link name/ });
    assert.strictEqual(await link.inputValue(), LINK);
    await page.getByText('Ready to create.').waitFor({ state: 'visible', timeout: TIMEOUT });

    // For the README: the filled form from its top (the typed names), with the pointer off it so no
    // hover state shows.
    await page.getByRole('heading', { name: 'Create a private endpoint' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await wb.page.mouse.move(5, 790);
    await wb.page.screenshot({ path: readmePicturePath('screenshot-create-endpoint.png') });

    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const statuses = await finishedRun(page, 'The private endpoint is ready.');
    assert.deepStrictEqual(statuses, ['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    // The line beside "Create" says the run is done, not that the form is still ready to create.
    await page.getByText('Created. Start a new form to create another endpoint.').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.strictEqual(await page.getByText('Ready to create.').count(), 0, 'the finished form still says "Ready to create."');
    const created = page.locator('#created');
    for (const what of [`private DNS zone ${ZONE}`, `virtual network link ${LINK}`, 'private endpoint myPrivateEndpoint', 'DNS zone group']) {
      await created.getByText(what, { exact: false }).waitFor({ state: 'visible', timeout: TIMEOUT });
    }

    // The extension re-lists the registry and selects the new endpoint in the tree.
    const endpoint = treeItem(tree, 'myPrivateEndpoint', 4);
    await endpoint.locator('.label-description').filter({ hasText: /^Approved · myDockerVMVNET\/myDockerVMSubnet/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
  }));

void test('a run that fails at the endpoint reports the zone and link it created, and Clean up removes them', () =>
  screenshotOnFailure(wb, 'e2e-create-endpoint-fault', async () => {
    // Back to no endpoint and no zone, so this run creates the zone and the link before it fails.
    await resetSandbox('empty');
    const fault = await sandboxRequest('POST', '/_sandbox/faults', {
      method: 'PUT',
      pathPattern: '/privateEndpoints/myFailingEndpoint$',
      kind: 'status',
      status: 500,
      body: { error: { code: 'InternalServerError', message: 'Injected failure.' } },
      times: 1,
    });
    assert.strictEqual(fault.status, 201, JSON.stringify(fault.body));
    try {
      const page = form();
      // The finished run's page offers a fresh form, read again from Azure.
      await page.getByRole('button', { name: 'Start a new form' }).click();
      await page.locator('#run-status').waitFor({ state: 'hidden', timeout: TIMEOUT });
      await page.getByText('Ready to create.').waitFor({ state: 'visible', timeout: TIMEOUT });
      await typeInto(page, 'Name', 'myFailingEndpoint');
      await typeInto(page, 'Connection name', 'myFailingConnection');
      await page.getByRole('combobox', { name: `Private DNS zone (${ZONE})` }).filter({ hasText: `(new) ${ZONE}` }).waitFor({ state: 'visible', timeout: TIMEOUT });
      await page.getByRole('button', { name: 'Create', exact: true }).click();

      const statuses = await finishedRun(page, 'A step failed; the run stopped there.');
      assert.deepStrictEqual(statuses, ['succeeded', 'succeeded', 'failed', 'skipped']);
      await page.locator('#steps li[data-status="failed"]').getByText('Injected failure.', { exact: false }).waitFor({ state: 'visible', timeout: TIMEOUT });
      const created = page.locator('#created li');
      assert.deepStrictEqual(await created.allTextContents(), [`private DNS zone ${ZONE}`, `virtual network link ${LINK}`]);
      // The workbench says the same in a notification, for someone not looking at the form.
      await wb.page
        .locator('.notification-toast')
        .filter({ hasText: `Creating myFailingEndpoint failed. This run created: private DNS zone ${ZONE}, virtual network link ${LINK}.` })
        .waitFor({ state: 'visible', timeout: TIMEOUT });
      const before = await sandboxState();
      assert.deepStrictEqual(names(before.privateDnsZones), [ZONE]);
      assert.deepStrictEqual(names(before.virtualNetworkLinks), [LINK]);
      assert.deepStrictEqual(names(before.privateEndpoints), []);

      await page.getByRole('button', { name: 'Clean up what this run created' }).click();
      const cleanup = page.locator('#cleanup li');
      await cleanup.first().waitFor({ state: 'visible', timeout: RUN_TIMEOUT });
      // Listed in the order they were created (the removal itself goes newest first).
      assert.deepStrictEqual(await cleanup.allTextContents(), [`private DNS zone ${ZONE}: removed`, `virtual network link ${LINK}: removed`]);
      await page.getByRole('button', { name: 'Clean up what this run created' }).waitFor({ state: 'hidden', timeout: TIMEOUT });
      const afterCleanUp = await sandboxState();
      assert.deepStrictEqual(names(afterCleanUp.privateDnsZones), []);
      assert.deepStrictEqual(names(afterCleanUp.virtualNetworkLinks), []);
    } finally {
      await sandboxRequest('DELETE', '/_sandbox/faults');
    }
  }));

void test('in a short window, the last drop-down of the form, at the bottom edge, opens upward and shows its whole list', () =>
  screenshotOnFailure(wb, 'e2e-create-endpoint-dropdown', async () => {
    const page = form();
    await page.getByRole('button', { name: 'Start a new form' }).click();
    await page.getByText('Ready to create.').waitFor({ state: 'visible', timeout: TIMEOUT });
    const size = wb.page.viewportSize();
    await wb.page.setViewportSize({ width: size?.width ?? 1280, height: 520 });
    try {
      const label = 'Resource group of the new zone';
      const select = page.getByRole('combobox', { name: label, exact: true });
      // Scrolled so that the field's bottom is the frame's bottom edge: no room below it.
      await select.evaluate((el) => el.scrollIntoView({ block: 'end' }));
      const room = await select.evaluate((el) => document.documentElement.clientHeight - el.getBoundingClientRect().bottom);
      await select.click();
      const list = page.getByRole('listbox', { name: label, exact: true });
      await list.waitFor({ state: 'visible', timeout: TIMEOUT });
      // The list's box (its frame and every option), in the webview's own coordinates.
      const box = await list.evaluate((el) => {
        const dropdown = (el.getRootNode() as ShadowRoot).querySelector('.dropdown') ?? el;
        const r = dropdown.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: r.height, frame: document.documentElement.clientHeight };
      });
      assert.ok(box.height > room, `the list (${box.height}px) fits in the ${room}px below the field: the check proves nothing`);
      assert.ok(box.top >= 0 && box.bottom <= box.frame, `the list (${box.top}–${box.bottom}px) is cut off by the webview frame (0–${box.frame}px)`);
      await list.getByRole('option').first().click();
      await list.waitFor({ state: 'hidden', timeout: TIMEOUT });
    } finally {
      await wb.page.setViewportSize({ width: size?.width ?? 1280, height: size?.height ?? 800 });
    }
  }));
