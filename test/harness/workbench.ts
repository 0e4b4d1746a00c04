// What an e2e test needs to reach the workbench that runE2e started: its URL (passed in the
// environment) and a browser page on it, loaded far enough that the extension's views exist.
import type { Locator, Page } from 'playwright-core';
import { Browser, launchBrowser } from './browser';

export const E2E_ENV = 'ACR_PL_WORKBENCH_URL';

export interface Workbench extends Browser {
  readonly url: string;
}

/** Opens the workbench and waits until it has rendered. */
export async function openWorkbench(): Promise<Workbench> {
  const url = process.env[E2E_ENV];
  if (!url) throw new Error(`${E2E_ENV} is not set: run e2e tests through out/test/harness/runE2e.js`);
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
 * A tree row by its accessible name, which starts with the node's label (VS Code may append a
 * description or the extension its own accessibility text). The label must end there, so that
 * `myregistry` does not also find `myregistry.westeurope.data`. `level` is the depth (1 = roots).
 */
export function treeItem(scope: Page | Locator, label: string, level?: number): Locator {
  const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`);
  return scope.getByRole('treeitem', level === undefined ? { name } : { name, level });
}

/** Expands a collapsed row (a click toggles it) and waits until the tree says it is expanded. */
export async function expand(item: Locator, timeout = 30_000): Promise<void> {
  await item.waitFor({ state: 'visible', timeout });
  if ((await item.getAttribute('aria-expanded')) === 'false') await item.click();
  await item.and(item.page().locator('[aria-expanded="true"]')).waitFor({ state: 'visible', timeout });
}
