// A person opens the ACR Private Link view and browses the sandbox's seed estate.
import { after, before, test } from 'node:test';
import * as path from 'path';
import { repoRoot } from '../harness/paths';
import { activityBarItem, openWorkbench, Workbench } from '../harness/workbench';

let wb: Workbench;

before(async () => {
  wb = await openWorkbench();
});

after(async () => {
  await wb?.close();
});

void test('the ACR Private Link view container opens from the activity bar', async () => {
  const item = activityBarItem(wb.page, 'ACR Private Link');
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  await item.click();
  await wb.page.screenshot({ path: path.join(repoRoot(), 'media', 'screenshot-tree.png') });
});
