// What an e2e test needs to reach the workbench that runE2e started: its URL (passed in the
// environment) and a browser page on it, loaded far enough that the extension's views exist; then
// the tree, the menus and the palette, and the extension's forms, used as a person does.
import * as assert from 'assert';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import * as fs from 'fs';
import * as path from 'path';
import { Browser, launchBrowser } from './browser';
import { repoRoot } from './paths';
import { waitFor } from './wait';

export const E2E_ENV = 'ACR_PL_WORKBENCH_URL';
/** JSON `{ armEndpoint, caCertFile }` of the sandbox the workbench talks to. */
export const SANDBOX_ENV = 'ACR_PL_SANDBOX';

/**
 * The workbench's user data folder: its User/settings.json, and the extensions' global storage,
 * where "Use the Local Sandbox" keeps its sandbox's state and ready file.
 */
export const USER_DATA_ENV = 'ACR_PL_USER_DATA_DIR';

export interface Workbench extends Browser {
  readonly url: string;
}

/** The variable holding the URL of the workbench runE2e started in a display language (`zh-tw` → …_ZH_TW). */
export function localeWorkbenchEnv(locale: string): string {
  return `${E2E_ENV}_${locale.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * Opens the workbench and waits until it has rendered: the English one, or the one runE2e started
 * in `locale`'s display language (with its own sandbox in the seed scenario).
 */
export async function openWorkbench(locale?: string): Promise<Workbench> {
  const variable = locale ? localeWorkbenchEnv(locale) : E2E_ENV;
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set: run e2e tests through out/test/harness/runE2e.js`);
  const browser = await launchBrowser();
  try {
    await browser.page.goto(url);
    await browser.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 30_000 });
    return { ...browser, url };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** The activity bar entry of a view container, by its title. */
export function activityBarItem(page: Page, title: string) {
  return page.getByRole('tab', { name: title });
}

/** The primary side bar, where an opened view container shows its views. */
export function sideBar(page: Page): Locator {
  return page.locator('[id="workbench.parts.sidebar"]');
}

/**
 * A tree row by the label a person sees on it (exactly that text: `myregistry` does not also find
 * `myregistry.westeurope.data`). Not by accessible name: VS Code builds that from the extension's
 * accessibility text or the tooltip, which may not start with the label. `level` is the depth
 * (1 = roots), which tells apart rows with the same label (a registry and its DNS record).
 */
export function treeItem(scope: Page | Locator, label: string, level?: number): Locator {
  const page = 'page' in scope ? scope.page() : scope;
  const rows = scope.getByRole('treeitem', level === undefined ? {} : { level });
  return rows.filter({ has: page.locator('.label-name').getByText(label, { exact: true }) });
}

/** Expands a collapsed row (a click toggles it) and waits until the tree says it is expanded. */
export async function expand(item: Locator, timeout = 30_000): Promise<void> {
  await item.waitFor({ state: 'visible', timeout });
  if ((await item.getAttribute('aria-expanded')) === 'false') await item.click();
  await item.and(item.page().locator('[aria-expanded="true"]')).waitFor({ state: 'visible', timeout });
}

/**
 * Runs a test body; when it fails, saves a screenshot of the page under test-results/ first, so a
 * failure on a headless machine shows what the workbench looked like.
 */
export async function screenshotOnFailure(wb: Workbench, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    const file = path.join(repoRoot(), 'test-results', `${name.replace(/[^\w-]+/g, '-')}.png`);
    await wb.page.screenshot({ path: file }).then(() => console.error(`screenshot: ${path.relative(repoRoot(), file)}`), () => undefined);
    throw e;
  }
}

/**
 * Where a README picture goes: media/<name> only on request (ACR_PL_UPDATE_SCREENSHOT=1) or when
 * missing, since PNG bytes differ from run to run and a test run must not leave the tree changed;
 * otherwise test-results/<name>.
 */
export function readmePicturePath(name: string): string {
  const readme = path.join(repoRoot(), 'media', name);
  if (process.env['ACR_PL_UPDATE_SCREENSHOT'] === '1' || !fs.existsSync(readme)) return readme;
  return path.join(repoRoot(), 'test-results', name);
}

/**
 * Chooses an entry of a tree row's context menu. A menu ignores a click that comes too soon after
 * it opened (it guards against the right-click's own mouse-up); the highlighted entry also runs on
 * Enter, as it does for a keyboard user.
 */
export async function chooseFromContextMenu(row: Locator, entry: string, timeout = 30_000): Promise<void> {
  const page = row.page();
  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.getByRole('menuitem', { name: entry });
  // The tree redraws a row when its badge or description changes, and a redraw closes a context menu
  // opened on it a moment before: a person right-clicks again, and so does this, until the time is up.
  const deadline = Date.now() + timeout;
  for (;;) {
    await row.click({ button: 'right' });
    const left = deadline - Date.now();
    const shown = await item.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(5_000, left)) }).then(
      () => true,
      (error: unknown) => {
        if (Date.now() >= deadline) throw error;
        return false;
      },
    );
    if (shown) break;
    await page.keyboard.press('Escape');
  }
  await item.hover();
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout });
}

/**
 * Opens the command palette, types a command's title and waits until it is the highlighted row;
 * the caller presses Enter (and waits for what the command does).
 */
export async function typeInCommandPalette(page: Page, title: string, timeout = 30_000): Promise<void> {
  await page.keyboard.press('F1');
  const widget = page.locator('.quick-input-widget');
  const box = widget.locator('.quick-input-box input');
  await box.waitFor({ state: 'visible', timeout });
  await waitFor('the palette to take the typing', () => box.evaluate((el) => el === document.activeElement), { timeoutMs: timeout });
  await page.keyboard.type(title);
  await widget.locator('.monaco-list-row.focused').filter({ hasText: title }).waitFor({ state: 'visible', timeout });
}

/**
 * "Developer: Reload Window" from the command palette; resolves once the new page has loaded. The
 * command, not the browser's own reload: it waits for the workbench to write its state (the editors
 * and each webview's setState) before reloading.
 */
export async function reloadWindow(page: Page, timeout = 60_000): Promise<void> {
  await typeInCommandPalette(page, 'Developer: Reload Window');
  await Promise.all([page.waitForEvent('load', { timeout }), page.keyboard.press('Enter')]);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
}

/** The page of the active webview panel: its inner frame. */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/**
 * The console errors of the page and of every frame in it (the webviews' included) from now on:
 * a script or chunk the Content Security Policy refuses is reported there.
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Those of `errors` that are refusals by a Content Security Policy. */
export function cspErrors(errors: string[]): string[] {
  return errors.filter((e) => /Content Security Policy|Refused to (load|execute|apply)/i.test(e));
}

/** Drags the side bar's edge until it is `width` px wide (descriptions are cut off otherwise). */
export async function resizeSideBar(page: Page, width: number, timeout = 10_000): Promise<void> {
  const bar = sideBar(page);
  const box = await bar.boundingBox();
  if (!box) throw new Error('the side bar is not visible');
  const edge = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(edge - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
  await waitFor('the side bar to take its new width', async () => ((await bar.boundingBox())?.width ?? 0) >= width - 5, { timeoutMs: timeout });
}

/**
 * Opens the ACR Private Link view (wide enough to read its descriptions) and expands the seed's
 * Contoso Production and myregistry, as a person does first in most tests.
 */
export async function openRegistryInTree(page: Page): Promise<{ tree: Locator; registry: Locator }> {
  await activityBarItem(page, 'ACR Private Link').click();
  await resizeSideBar(page, 520);
  const tree = sideBar(page);
  await expand(treeItem(tree, 'Contoso Production', 1));
  const registry = treeItem(tree, 'myregistry', 2);
  await expand(registry);
  return { tree, registry };
}

/** Opens the create-endpoint form from a registry row's context menu; resolves once its fields show (the pickers filled from Azure). */
export async function openCreateEndpointForm(registry: Locator, timeout = 30_000): Promise<FrameLocator> {
  await chooseFromContextMenu(registry, 'Create Private Endpoint…');
  const form = activeWebview(registry.page());
  await form.getByRole('textbox', { name: 'Name', exact: true }).waitFor({ state: 'visible', timeout });
  return form;
}

/**
 * Replaces a form field's value the way a person does: click into it, select what it holds, type.
 * End, Shift+Home rather than Ctrl+A: the workbench answers Ctrl+A in a webview with a select-all of
 * its own that can land after the first typed letter.
 */
export async function typeInto(form: FrameLocator, label: string, text: string): Promise<void> {
  const box = form.getByRole('textbox', { name: label, exact: true });
  await box.click();
  await box.press('End');
  await box.press('Shift+Home');
  await box.pressSequentially(text);
  assert.strictEqual(await box.inputValue(), text);
}

/** Opens a form's drop-down by its label and clicks the option whose text contains `option`; resolves once the drop-down shows it. */
export async function choose(form: FrameLocator, label: string, option: string, timeout = 30_000): Promise<void> {
  const select = form.getByRole('combobox', { name: label, exact: true });
  await select.click();
  const list = form.getByRole('listbox', { name: label, exact: true });
  await list.waitFor({ state: 'visible', timeout });
  await list.getByRole('option').filter({ hasText: option }).click();
  await list.waitFor({ state: 'hidden', timeout });
  await select.filter({ hasText: option }).waitFor({ state: 'visible', timeout });
}
