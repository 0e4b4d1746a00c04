// A new user opens the extension's walkthrough from the palette ("Welcome: Open Walkthrough…"), reads
// the seed article's steps in order, presses the first step's "Sign in to Azure" button (the workbench
// talks to the sandbox, where signing in needs no account) and sees that step checked off: steps are
// completed by the extension's real commands, not by clicking through.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { activeWebview, openWorkbench, readmePicturePath, screenshotOnFailure, type Workbench } from '../harness/workbench';
import { waitFor } from '../harness/wait';

const TIMEOUT = 30_000;
const TITLE = 'Private Link for a container registry';

let wb: Workbench;

before(async () => {
  wb = await openWorkbench();
});

after(async () => {
  await wb?.close();
});

/** Types into the palette's or a quick pick's input and runs the row the filter highlights. */
async function pick(text: string, row: string): Promise<void> {
  const widget = wb.page.locator('.quick-input-widget');
  const box = widget.locator('.quick-input-box input');
  await box.waitFor({ state: 'visible', timeout: TIMEOUT });
  await waitFor('the quick input to take the typing', () => box.evaluate((el) => el === document.activeElement), { timeoutMs: TIMEOUT });
  await wb.page.keyboard.type(text);
  await widget.locator('.monaco-list-row.focused').filter({ hasText: row }).waitFor({ state: 'visible', timeout: TIMEOUT });
  await wb.page.keyboard.press('Enter');
}

/** The check mark of a step in the open walkthrough (step ids are prefixed by the extension's). */
function checkMark(step: string): Locator {
  return wb.page.locator(`.gettingStartedContainer [role="checkbox"][data-done-step-id$="#${step}"]`);
}

/** Where the editor group is on the page, for a picture of the walkthrough alone. */
async function editorArea(): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await wb.page.locator('.gettingStartedContainer').boundingBox();
  if (!box) throw new Error('the walkthrough is not shown');
  return box;
}

void test('the walkthrough opens from "Welcome: Open Walkthrough…" with the seed article\'s steps in order', () =>
  screenshotOnFailure(wb, 'e2e-walkthrough-open', async () => {
    // Wide enough for the walkthrough to show each step's picture beside the steps.
    await wb.page.setViewportSize({ width: 1600, height: 900 });
    // The extension's contributions are known once its activity bar entry is shown.
    await wb.page.getByRole('tab', { name: 'ACR Private Link' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await wb.page.keyboard.press('F1');
    await pick('Welcome: Open Walkthrough', 'Open Walkthrough');
    await pick('Private Link for a', TITLE);
    const page = wb.page.locator('.gettingStartedContainer');
    await page.getByRole('heading', { name: TITLE, level: 2 }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const titles = await page.locator('button.getting-started-step h3.step-title').allInnerTexts();
    assert.deepEqual(titles.map((t) => t.trim()), [
      'Try the sandbox, or sign in to Azure',
      'Find your registry',
      'Create the private endpoint',
      'Check name resolution',
      'Fix a missing record',
      'Disable public network access',
      'Verify from a VM in the VNet',
    ]);
  }));

void test('pressing the first step\'s "Sign in to Azure" runs the command and checks the step off', () =>
  screenshotOnFailure(wb, 'e2e-walkthrough-first-step', async () => {
    const mark = checkMark('signIn');
    await mark.waitFor({ state: 'visible', timeout: TIMEOUT });
    // A step stays checked once done (in this workbench, by an earlier test perhaps): uncheck it as a
    // person can, so that only the button below can check it again.
    if ((await mark.getAttribute('aria-checked')) === 'true') await mark.click();
    await wb.page.locator('.gettingStartedContainer [role="checkbox"][data-done-step-id$="#signIn"][aria-checked="false"]').waitFor({ state: 'visible', timeout: TIMEOUT });

    const step = wb.page.locator('.gettingStartedContainer button.getting-started-step[data-step-id$="#signIn"]');
    if ((await step.getAttribute('aria-expanded')) !== 'true') await step.click();
    const description = wb.page.locator('.gettingStartedContainer [x-step-description-for$="#signIn"]');
    await description.getByRole('button', { name: 'Use the Local Sandbox' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await description.getByRole('button', { name: 'Sign in to Azure' }).click();

    await wb.page.locator('.gettingStartedContainer [role="checkbox"][data-done-step-id$="#signIn"][aria-checked="true"]').waitFor({ state: 'visible', timeout: TIMEOUT });
    // Only that step: the others wait for their own commands.
    assert.equal(await checkMark('verifyFromVm').getAttribute('aria-checked'), 'false');

    // For the README: the first step checked off, the next one open with its picture.
    await wb.page.locator('.gettingStartedContainer button.getting-started-step[data-step-id$="#createEndpoint"]').click();
    await wb.page.locator('.gettingStartedContainer button.getting-started-step[data-step-id$="#createEndpoint"][aria-expanded="true"]').waitFor({ state: 'visible', timeout: TIMEOUT });
    // The step's picture is drawn in a webview of the workbench's own (the only one open here).
    await activeWebview(wb.page).getByText('privatelink.azurecr.io', { exact: true }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await wb.page.mouse.move(0, 0);
    await wb.page.screenshot({ path: readmePicturePath('screenshot-walkthrough.png'), clip: await editorArea() });
  }));
