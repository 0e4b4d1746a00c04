// The extension a person installs is the .vsix: runE2e packs it from the current build and installs
// it into the workbench (code-server --install-extension, as `code --install-extension` does), and
// every e2e test runs that package. Here: its page in the Extensions view shows the README with its
// pictures, which only the packaged README (pictures carried inside it) can show.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { activeWebview, activityBarItem, openWorkbench, screenshotOnFailure, sideBar, Workbench } from '../harness/workbench';
import { repoRoot } from '../harness/paths';
import { waitFor } from '../harness/wait';

const TIMEOUT = 30_000;

let wb: Workbench;

before(async () => {
  wb = await openWorkbench();
});

after(async () => {
  await wb?.close();
});

/** A PNG's width in pixels, from its IHDR header. */
function pngWidth(file: string): number {
  return fs.readFileSync(file).readUInt32BE(16);
}

void test('the installed extension\'s page in the Extensions view shows the README and its pictures', () =>
  screenshotOnFailure(wb, 'e2e-package-readme', async () => {
    await activityBarItem(wb.page, 'Extensions').click();
    const entry = sideBar(wb.page).locator('.extension-list-item').filter({ has: wb.page.locator('.name').getByText('ACR Private Link', { exact: true }) });
    await entry.first().click({ timeout: TIMEOUT });
    const readme = activeWebview(wb.page);
    await readme.getByRole('heading', { name: 'What it does' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const picture = readme.getByRole('img', { name: /^The ACR Private Link view against the sandbox's seed scenario/ });
    await picture.waitFor({ state: 'attached', timeout: TIMEOUT });
    let width = 0;
    await waitFor('the README picture to load', async () => {
      width = await picture.evaluate((img) => ((img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : 0));
      return width > 0;
    }, { timeoutMs: TIMEOUT });
    assert.equal(width, pngWidth(path.join(repoRoot(), 'media', 'screenshot-tree.png')), 'the picture is media/screenshot-tree.png');
  }));
