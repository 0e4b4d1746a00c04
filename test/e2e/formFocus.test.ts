// Typing into the create-endpoint form right after it gets the focus back: a person clicks into the
// Name field after working in another editor (the Azure CLI preview "Show as Azure CLI" opened
// beside it) and types at once; or comes back to the form with the keyboard (View: Focus First Editor
// Group) and types as soon as the page has the focus: the key goes into the field that had it, not
// to the page's body. Eight times each, no keystroke may be lost.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import { activeWebview, chooseFromContextMenu, openCreateEndpointForm, openRegistryInTree, openWorkbench, screenshotOnFailure, typeInCommandPalette, Workbench } from '../harness/workbench';
import { waitFor } from '../harness/wait';
import { resetSandbox } from './sandboxControl';

const TIMEOUT = 30_000;
const TRIES = 8;

let wb: Workbench;

before(async () => {
  await resetSandbox('seed');
  wb = await openWorkbench();
});

after(async () => {
  // The files after this one expect one editor group and no editor open.
  if (wb) {
    // The Azure CLI preview is an unsaved document: reverted first, closing it asks nothing.
    await focusTheOtherEditor().catch(() => undefined);
    await typeInCommandPalette(wb.page, 'File: Revert File').catch(() => undefined);
    await wb.page.keyboard.press('Enter').catch(() => undefined);
    await typeInCommandPalette(wb.page, 'View: Close All Editor Groups').catch(() => undefined);
    await wb.page.keyboard.press('Enter').catch(() => undefined);
    // The Azure CLI preview is an unsaved document: closing it asks, and it is not kept.
    await wb.page.getByRole('button', { name: "Don't Save" }).click({ timeout: 2_000 }).catch(() => undefined);
    await wb.page.locator('iframe.webview').waitFor({ state: 'detached', timeout: TIMEOUT }).catch(() => undefined);
    await wb.page.locator('.editor-group-container').nth(1).waitFor({ state: 'detached', timeout: TIMEOUT }).catch(() => undefined);
  }
  await wb?.close();
});

/** The form's frame (the only webview), whichever editor group has the focus. */
function formFrame() {
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Moves the keyboard focus out of the form, into the text editor beside it. */
async function focusTheOtherEditor(): Promise<void> {
  const editor = wb.page.locator('.editor-group-container').nth(1).locator('.monaco-editor .view-lines').first();
  await editor.click();
  await wb.page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA', undefined, { timeout: TIMEOUT });
}

void test('a keystroke typed right after clicking back into the form is never lost', () =>
  screenshotOnFailure(wb, 'e2e-form-focus-click', async () => {
    const { registry } = await openRegistryInTree(wb.page);
    const page = await openCreateEndpointForm(registry, TIMEOUT);
    await page.getByRole('button', { name: 'Show as Azure CLI' }).click();
    await wb.page.locator('.editor-group-container').nth(1).locator('.monaco-editor').waitFor({ state: 'visible', timeout: TIMEOUT });
    const field = formFrame().getByRole('textbox', { name: 'Name', exact: true });
    await field.fill('');
    let expected = '';
    const lost: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      await focusTheOtherEditor();
      await field.click();
      await wb.page.keyboard.type(String(i));
      expected += String(i);
      const value = await field.inputValue();
      if (value !== expected) lost.push(i);
      expected = value;
    }
    assert.deepStrictEqual(lost, [], `keystrokes typed right after clicking into the form were lost in tries ${lost.join(', ')} of ${TRIES}`);
  }));

void test('a keystroke typed right after coming back with the keyboard goes where the focus was', () =>
  screenshotOnFailure(wb, 'e2e-form-focus-keyboard', async () => {
    const field = formFrame().getByRole('textbox', { name: 'Name', exact: true });
    await field.fill('');
    await field.click();
    let expected = '';
    const lost: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      await focusTheOtherEditor();
      await typeInCommandPalette(wb.page, 'View: Focus First Editor Group');
      await wb.page.keyboard.press('Enter');
      // The workbench hands the focus to the page's frame a moment after the command (a message
      // between its frames; a key typed before that goes to the workbench's frame, not to the page).
      // From the moment the page has it, the next key goes into the field that had the focus.
      await waitFor('the form to have the focus again', () => formFrame().locator('body').evaluate(() => document.hasFocus()), { timeoutMs: TIMEOUT, intervalMs: 5 });
      await wb.page.keyboard.type(String(i));
      expected += String(i);
      const value = await field.inputValue();
      if (value !== expected) lost.push(i);
      expected = value;
    }
    assert.deepStrictEqual(lost, [], `keystrokes typed right after focusing the form group were lost in tries ${lost.join(', ')} of ${TRIES}`);
  }));
