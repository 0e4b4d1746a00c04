// A person opens the status panel and the create-endpoint form for myregistry, types a name and
// chooses a new DNS zone in the form, hides the side bar, then reloads the window with "Developer:
// Reload Window". After the reload the workbench brings both tabs back and the restore alone
// activates the extension (its view stays hidden): the form with the typed name and the chosen zone,
// still validating as the person types, and the status panel with its table. Neither page is blank,
// and no script is refused by the Content Security Policy.
// The command, not the browser's own reload: the command waits for the workbench to write its state
// (the editors and each webview's setState) before reloading; a browser reload keeps only what the
// workbench's periodic save (every 5 s in code-server 4.100.3) wrote, so a draft typed just before
// it can come back older.
// Starts from the sandbox's `seed` scenario and changes nothing in Azure.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { activeWebview, activityBarItem, chooseFromContextMenu, collectConsoleErrors, cspErrors, expand, openWorkbench, reloadWindow, screenshotOnFailure, sideBar, treeItem, Workbench } from '../harness/workbench';
import { waitFor } from '../harness/wait';
import { resetSandbox } from './sandboxControl';

const TIMEOUT = 30_000;
/** After a reload the workbench, the extension host and the revived panels all start again. */
const RELOAD_TIMEOUT = 60_000;
const NAME = 'draftSurvivesReload-pe';
const FORM_TITLE = 'Create private endpoint';
const STATUS_TITLE = 'myregistry · Private Link status';
const ZONE_LABEL = 'Private DNS zone (privatelink.azurecr.io)';
const NEW_ZONE = '(new) privatelink.azurecr.io';
/** The seed's zone, already linked to myDockerVMVNET: the form proposes it. */
const SEED_ZONE = 'privatelink.azurecr.io in myResourceGroup';
const ZONE_GROUP_LABEL = 'Resource group of the new zone';
const TABLE = 'Name resolution per FQDN';
const FQDNS = ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io', 'myregistry.eastus.data.azurecr.io'];

let wb: Workbench;
let errors: string[] = [];

before(async () => {
  await resetSandbox('seed');
  wb = await openWorkbench();
  errors = collectConsoleErrors(wb.page);
});

after(async () => {
  await wb?.close();
  await resetSandbox('seed');
});

/** An editor tab by its title (not the activity bar's tabs). */
function editorTab(page: Page, title: string): Locator {
  return page.locator('[id="workbench.parts.editor"]').getByRole('tab', { name: title, exact: true });
}

function nameBox(page: FrameLocator): Locator {
  return page.getByRole('textbox', { name: 'Name', exact: true });
}

function dropDown(page: FrameLocator, label: string): Locator {
  return page.getByRole('combobox', { name: label, exact: true });
}

/** Waits until `read` gives `expected`; the failure names what it gave last. */
async function waitForValue(what: string, read: () => Promise<string | null>, expected: string): Promise<void> {
  let last: string | null = null;
  await waitFor(`${what} to be "${expected}"`, async () => (last = (await read())?.trim() ?? null) === expected, { timeoutMs: TIMEOUT }).catch((e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)} (it is "${last}")`);
  });
}

/** The status panel's per-FQDN table, with a row for each of myregistry's names. */
async function statusTable(page: FrameLocator): Promise<void> {
  const table = page.getByRole('table').filter({ hasText: TABLE });
  await table.waitFor({ state: 'visible', timeout: RELOAD_TIMEOUT });
  for (const fqdn of FQDNS) await table.getByRole('rowheader').filter({ hasText: fqdn }).waitFor({ state: 'visible', timeout: TIMEOUT });
}

let filled = false;

void test('the create-endpoint form and the status panel, a name typed and a new DNS zone chosen before the reload', () =>
  screenshotOnFailure(wb, 'e2e-reload-before', async () => {
    await activityBarItem(wb.page, 'ACR Private Link').click();
    const tree = sideBar(wb.page);
    await expand(treeItem(tree, 'Contoso Production', 1));
    const registry = treeItem(tree, 'myregistry', 2);
    await registry.waitFor({ state: 'visible', timeout: TIMEOUT });

    await chooseFromContextMenu(registry, 'Open Status Panel');
    await statusTable(activeWebview(wb.page));

    await chooseFromContextMenu(registry, 'Create Private Endpoint…');
    await editorTab(wb.page, FORM_TITLE).waitFor({ state: 'visible', timeout: TIMEOUT });
    const page = activeWebview(wb.page);
    const name = nameBox(page);
    await name.waitFor({ state: 'visible', timeout: TIMEOUT });
    await name.click();
    await name.press('End');
    await name.press('Shift+Home');
    await name.pressSequentially(NAME);
    assert.strictEqual(await name.inputValue(), NAME);

    // The proposed zone is the one already linked to the network; the person picks a new zone instead.
    const select = dropDown(page, ZONE_LABEL);
    await waitForValue('the proposed zone', () => select.textContent(), SEED_ZONE);
    await select.click();
    const list = page.getByRole('listbox', { name: ZONE_LABEL, exact: true });
    await list.waitFor({ state: 'visible', timeout: TIMEOUT });
    await list.getByRole('option', { name: NEW_ZONE, exact: true }).click();
    await list.waitFor({ state: 'hidden', timeout: TIMEOUT });
    await select.filter({ hasText: NEW_ZONE }).waitFor({ state: 'visible', timeout: TIMEOUT });
    // A new zone asks for its resource group.
    await dropDown(page, ZONE_GROUP_LABEL).waitFor({ state: 'visible', timeout: TIMEOUT });
    filled = true;

    // The side bar goes away, so that after the reload nothing but the restored tabs can start the extension.
    await activityBarItem(wb.page, 'ACR Private Link').click();
    await tree.waitFor({ state: 'hidden', timeout: TIMEOUT });
  }));

void test('after a reload the form is back with the typed name and the chosen zone, and still validates', () =>
  screenshotOnFailure(wb, 'e2e-reload-form', async () => {
    assert.ok(filled, 'the first test did not fill the form');
    errors.length = 0;
    await reloadWindow(wb.page, RELOAD_TIMEOUT);

    // The form was the active tab: it comes back active, its page drawn by the revived panel.
    const tab = editorTab(wb.page, FORM_TITLE);
    await tab.and(wb.page.locator('[aria-selected="true"]')).waitFor({ state: 'visible', timeout: RELOAD_TIMEOUT });
    await editorTab(wb.page, STATUS_TITLE).waitFor({ state: 'visible', timeout: TIMEOUT });
    // Not a blank page: the revived panel gave it its HTML, and the extension sent the inventory the
    // fields show once filled. The side bar stayed hidden, so the restore is what activated it.
    const page = activeWebview(wb.page);
    await page.getByRole('heading', { name: 'Create a private endpoint' }).waitFor({ state: 'visible', timeout: RELOAD_TIMEOUT });
    const name = nameBox(page);
    await name.waitFor({ state: 'visible', timeout: RELOAD_TIMEOUT });
    assert.strictEqual(await sideBar(wb.page).isVisible(), false, 'the side bar came back: its view, not the restored form, may have started the extension');
    await waitForValue('the restored Name', () => name.inputValue(), NAME);
    await waitForValue('the restored zone', () => dropDown(page, ZONE_LABEL).textContent(), NEW_ZONE);
    await dropDown(page, ZONE_GROUP_LABEL).waitFor({ state: 'visible', timeout: TIMEOUT });

    // Still a working form: a name ending in a hyphen is refused as it is typed, and accepted again.
    const error = page.locator('#name-error');
    await waitForValue('the Name error', () => error.textContent(), '');
    await name.click();
    await name.press('End');
    await name.press('-');
    await error.filter({ hasText: /end with a letter, digit or underscore/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await name.press('Backspace');
    await waitForValue('the Name error once the hyphen is deleted', () => error.textContent(), '');
    assert.strictEqual(await name.inputValue(), NAME);
    assert.deepStrictEqual(cspErrors(errors), [], 'the Content Security Policy refused part of the revived form');
  }));

void test('after the reload the status panel is back with its table', () =>
  screenshotOnFailure(wb, 'e2e-reload-status', async () => {
    const tab = editorTab(wb.page, STATUS_TITLE);
    await tab.click();
    await tab.and(wb.page.locator('[aria-selected="true"]')).waitFor({ state: 'visible', timeout: TIMEOUT });
    await statusTable(activeWebview(wb.page));
    assert.deepStrictEqual(cspErrors(errors), [], 'the Content Security Policy refused part of the revived status panel');
  }));
