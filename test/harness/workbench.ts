// What an e2e test needs to reach the workbench that runE2e started: its URL (passed in the
// environment) and a browser page on it, loaded far enough that the extension's views exist.
import type { Page } from 'playwright-core';
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
