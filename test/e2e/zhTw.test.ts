// The workbench in Traditional Chinese (code-server --locale zh-tw, with a language pack for it: see
// test/harness/languagePack.ts): a person reads the tree, a finding, the create-endpoint form and the
// walkthrough's pages in the words of l10n/GLOSSARY.md. The workbench's own words stay English (the
// test language pack translates nothing of VS Code); the extension's are the ones read here. The
// tree and the status panel beside it are the README's zh-TW pictures.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { activeWebview, activityBarItem, chooseFromContextMenu, expand, openWorkbench, readmePicturePath, resizeSideBar, screenshotOnFailure, sideBar, treeItem, typeInCommandPalette, Workbench } from '../harness/workbench';
import { waitFor } from '../harness/wait';

const TIMEOUT = 30_000;

let wb: Workbench;

before(async () => {
  wb = await openWorkbench('zh-tw');
});

after(async () => {
  await wb?.close();
});

const description = (row: Locator): Promise<string> => row.locator('.label-description').first().innerText();

void test('the tree reads in zh-TW: the registry\'s description, its groups, the endpoint\'s state and the missing record', () =>
  screenshotOnFailure(wb, 'e2e-zh-tw-tree', async () => {
    await activityBarItem(wb.page, 'ACR Private Link').click();
    const tree = sideBar(wb.page);
    // The view's title, as the side bar's header shows it (upper case is the workbench's styling).
    await tree.locator('.composite.title').getByText('容器登錄').waitFor({ state: 'visible', timeout: TIMEOUT });
    await resizeSideBar(wb.page, 560);
    await expand(treeItem(tree, 'Contoso Production', 1));
    const registry = treeItem(tree, 'myregistry', 2);
    await expand(registry);
    // The SKU and the region are Azure's values, shown as Azure names them.
    assert.match(await description(registry), /^Premium · westeurope · 公用存取開啟 · 1 個端點/);
    await expand(treeItem(tree, '私人端點', 3));
    assert.match(await description(treeItem(tree, 'myPrivateEndpoint', 4)), /^已核准 · myDockerVMVNET\/myDockerVMSubnet/);
    await treeItem(tree, '複本', 3).waitFor({ state: 'visible', timeout: TIMEOUT });
    await expand(treeItem(tree, 'DNS', 3));
    await expand(treeItem(tree, 'privatelink.azurecr.io', 4));
    await treeItem(tree, '虛擬網路連結', 5).waitFor({ state: 'visible', timeout: TIMEOUT });
    const missing = treeItem(tree, 'myregistry.eastus.data', 5);
    await missing.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await description(missing), /^遺漏 · — （預期 10\.0\.0\.5）/);
    assert.match(await description(treeItem(tree, 'myregistry', 5)), /^正常 · 10\.0\.0\.7/);
    // The same view as the English picture (test/e2e/tree.test.ts): the pointer out of the way.
    await wb.page.mouse.move(1000, 700);
    await wb.page.screenshot({ path: readmePicturePath('screenshot-tree-zh-tw.png'), clip: { x: 0, y: 0, width: 600, height: 400 } });
  }));

void test('the status panel states the missing record\'s finding in zh-TW', () =>
  screenshotOnFailure(wb, 'e2e-zh-tw-finding', async () => {
    await chooseFromContextMenu(treeItem(sideBar(wb.page), 'myregistry', 2), '開啟狀態面板');
    const panel = activeWebview(wb.page);
    await panel.getByRole('heading', { name: /發現項目/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const finding = panel.locator('li').filter({ hasText: 'myregistry.eastus.data.azurecr.io 在 privatelink.azurecr.io 中沒有 A 記錄' }).first();
    await finding.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await finding.innerText(), /因此連結到它的虛擬網路會得到 NXDOMAIN；請建立 myregistry\.eastus\.data → 10\.0\.0\.5。/);
    await panel.getByRole('button', { name: '重新執行檢查' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    // The tree and the panel side by side, as in the English picture of the status panel.
    await panel.locator('body').getByText('正在檢查…', { exact: true }).waitFor({ state: 'hidden', timeout: TIMEOUT });
    // The time of the check, written as zh-TW writes it (the browser's own locale is not zh-TW's), by
    // the same browser's Intl for the same instant.
    const status = panel.locator('p.status-line[data-checked-at]');
    await status.filter({ hasText: '檢查時間' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const [checkedAt, inZhTw, inBrowserLocale] = await status.evaluate((el) => {
      const iso = el.getAttribute('data-checked-at') ?? '';
      return [iso, new Date(iso).toLocaleString('zh-TW'), new Date(iso).toLocaleString()];
    });
    assert.ok(!Number.isNaN(Date.parse(checkedAt)), checkedAt);
    assert.match(inZhTw, /上午|下午|中午|晚上|凌晨|清晨|早上/);
    assert.ok((await status.innerText()).includes(inZhTw), `${await status.innerText()} does not name ${inZhTw}`);
    if (inBrowserLocale !== inZhTw) assert.ok(!(await status.innerText()).includes(inBrowserLocale));
    await wb.page.mouse.move(300, 700);
    await wb.page.screenshot({ path: readmePicturePath('screenshot-status-zh-tw.png') });
  }));

void test('the create-endpoint form reads in zh-TW', () =>
  screenshotOnFailure(wb, 'e2e-zh-tw-form', async () => {
    await chooseFromContextMenu(treeItem(sideBar(wb.page), 'myregistry', 2), '建立私人端點…');
    const form = activeWebview(wb.page);
    await form.getByRole('heading', { name: '建立私人端點', exact: true }).waitFor({ state: 'visible', timeout: TIMEOUT });
    for (const label of ['資源群組', '目標容器登錄', '虛擬網路', '連線名稱']) {
      await form.getByRole('combobox', { name: label, exact: true }).or(form.getByRole('textbox', { name: label, exact: true })).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    await form.getByRole('button', { name: '顯示為 Azure CLI' }).waitFor({ state: 'visible', timeout: TIMEOUT });
  }));

void test('the walkthrough shows its zh-TW pages and diagrams (package.nls.zh-tw.json names them)', () =>
  screenshotOnFailure(wb, 'e2e-zh-tw-walkthrough', async () => {
    await typeInCommandPalette(wb.page, 'Welcome: Open Walkthrough');
    await wb.page.keyboard.press('Enter');
    const widget = wb.page.locator('.quick-input-widget');
    await waitFor('the walkthrough picker to take the typing', () => widget.locator('.quick-input-box input').evaluate((el) => el === document.activeElement), { timeoutMs: TIMEOUT });
    await wb.page.keyboard.type('容器登錄的 Private Link');
    await widget.locator('.monaco-list-row.focused').filter({ hasText: '容器登錄的 Private Link' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await wb.page.keyboard.press('Enter');
    const page = wb.page.locator('.gettingStartedContainer');
    await page.getByRole('heading', { name: '容器登錄的 Private Link', level: 2 }).waitFor({ state: 'visible', timeout: TIMEOUT });
    // A Markdown page: the step's media is a path package.nls.zh-tw.json gives.
    await page.locator('button.getting-started-step[data-step-id$="#findRegistry"]').click();
    await activeWebview(wb.page).getByRole('heading', { name: '找到您的容器登錄', level: 1 }).waitFor({ state: 'visible', timeout: TIMEOUT });
    // A diagram: its labels in zh-TW too.
    await page.locator('button.getting-started-step[data-step-id$="#createEndpoint"]').click();
    await activeWebview(wb.page).getByText('私人端點（其網路介面）', { exact: true }).waitFor({ state: 'visible', timeout: TIMEOUT });
  }));
