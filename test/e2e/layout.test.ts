// The status panel and the create-endpoint form in a narrow (380 px) and a common (800 px) editor
// group: nothing runs off the page to the side, every verdict of the name-resolution table is in
// view without scrolling sideways, and host names wrap only after a dot, never inside a label.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { activeWebview, chooseFromContextMenu, openCreateEndpointForm, openRegistryInTree, openWorkbench, screenshotOnFailure, treeItem, sideBar, typeInCommandPalette, Workbench } from '../harness/workbench';
import { waitFor } from '../harness/wait';
import { resetSandbox } from './sandboxControl';

const TIMEOUT = 30_000;
const WIDTHS = [380, 800] as const;

let wb: Workbench;

before(async () => {
  await resetSandbox('seed');
  wb = await openWorkbench();
});

after(async () => {
  await wb?.page.setViewportSize({ width: 1280, height: 800 }).catch(() => undefined);
  await wb?.close();
});

/** Resizes the window until the active webview (the editor group) is `width` px wide. */
async function setEditorWidth(width: number): Promise<void> {
  const frame = wb.page.locator('iframe.webview.ready');
  for (let attempt = 0; attempt < 5; attempt++) {
    const box = await frame.boundingBox();
    const viewport = wb.page.viewportSize();
    if (!box || !viewport) throw new Error('no webview or viewport to measure');
    if (Math.abs(box.width - width) <= 2) return;
    await wb.page.setViewportSize({ width: Math.round(viewport.width + width - box.width), height: viewport.height });
    await waitFor('the webview to take the new width', async () => Math.abs(((await frame.boundingBox())?.width ?? 0) - box.width) > 1, { timeoutMs: TIMEOUT }).catch(() => undefined);
  }
  const final = (await frame.boundingBox())?.width;
  assert.ok(final !== undefined && Math.abs(final - width) <= 2, `the editor group is ${final} px wide, not ${width}`);
}

interface Overflow {
  pageWidth: number;
  scrollWidth: number;
  /** Elements whose right edge is past the page's (their tag, class and text). */
  outside: string[];
}

/** In the page: what sticks out to the right of the visible width, and the page's own sideways scroll. */
function overflowIn(selector: string): (root: Element) => Overflow {
  return new Function(
    'root',
    `const pageWidth = document.documentElement.clientWidth;
     const outside = [];
     for (const el of root.querySelectorAll(${JSON.stringify(selector)})) {
       const r = el.getBoundingClientRect();
       if (r.width > 0 && r.right > pageWidth + 1) outside.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + (el.textContent || '').trim().slice(0, 40) + '" right=' + Math.round(r.right));
     }
     return { pageWidth, scrollWidth: document.documentElement.scrollWidth, outside };`,
  ) as (root: Element) => Overflow;
}

/** In the page: for each host name in the table, the places where a line ends other than after a dot. */
function midLabelBreaks(root: Element): string[] {
  const bad: string[] = [];
  for (const code of root.querySelectorAll('code.host')) {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const chars: { c: string; top: number }[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        chars.push({ c: text[i]!, top: Math.round(range.getBoundingClientRect().top) });
      }
    }
    for (let i = 1; i < chars.length; i++) {
      if (chars[i]!.top > chars[i - 1]!.top && chars[i - 1]!.c !== '.') bad.push(`${code.textContent}: after "${chars.slice(0, i).map((x) => x.c).join('')}"`);
    }
  }
  return bad;
}

async function assertFits(page: FrameLocator, what: string, selector: string): Promise<void> {
  const o = await page.locator('body').evaluate(overflowIn(selector));
  assert.deepStrictEqual(o.outside, [], `${what}: these stick out of the ${o.pageWidth} px page`);
  assert.ok(o.scrollWidth <= o.pageWidth + 1, `${what}: the page scrolls sideways (${o.scrollWidth} px in ${o.pageWidth} px)`);
}

void test('the status panel: every verdict in view and host names whole, at 380 px and 800 px', () =>
  screenshotOnFailure(wb, 'e2e-layout-status', async () => {
    const { registry } = await openRegistryInTree(wb.page);
    await chooseFromContextMenu(registry, 'Open Status Panel');
    const page = activeWebview(wb.page);
    const table = page.getByRole('table').filter({ hasText: 'Name resolution per FQDN' });
    await table.waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByText('myregistry.eastus.data.azurecr.io').first().waitFor({ state: 'visible', timeout: TIMEOUT });
    for (const width of WIDTHS) {
      await setEditorWidth(width);
      await assertFits(page, `status panel at ${width} px`, 'td, th, code, button, h1, h2, p, li');
      // The scroll box around the table does not scroll either: the Live answer and Verdict columns are in view.
      const scroll = await page.locator('.table-scroll').first().evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
      assert.ok(scroll.scrollWidth <= scroll.clientWidth + 1, `at ${width} px the table scrolls sideways (${scroll.scrollWidth} in ${scroll.clientWidth})`);
      const verdicts = await table.locator('td.verdict').evaluateAll((cells) => cells.map((c) => ({ text: (c.textContent ?? '').trim(), right: c.getBoundingClientRect().right, left: c.getBoundingClientRect().left, page: document.documentElement.clientWidth })));
      assert.ok(verdicts.length >= 3, `at ${width} px: ${verdicts.length} verdicts`);
      for (const v of verdicts) assert.ok(v.left >= 0 && v.right <= v.page + 1, `at ${width} px the verdict "${v.text}" is at ${v.left}–${v.right} of ${v.page} px`);
      assert.deepStrictEqual(await table.evaluate(midLabelBreaks), [], `at ${width} px a host name breaks inside a label`);
    }
  }));

void test('the create-endpoint form: nothing runs off to the side at 380 px and 800 px', () =>
  screenshotOnFailure(wb, 'e2e-layout-create-endpoint', async () => {
    await typeInCommandPalette(wb.page, 'View: Close All Editors');
    await wb.page.keyboard.press('Enter');
    // An unsaved document another file left open (an Azure CLI preview) is not kept.
    await wb.page.getByRole('button', { name: "Don't Save" }).click({ timeout: 1_000 }).catch(() => undefined);
    await wb.page.locator('iframe.webview').waitFor({ state: 'detached', timeout: TIMEOUT });
    const page = await openCreateEndpointForm(treeItem(sideBar(wb.page), 'myregistry', 2), TIMEOUT);
    for (const width of WIDTHS) {
      await setEditorWidth(width);
      await assertFits(page, `create-endpoint form at ${width} px`, 'fieldset, .field, vscode-textfield, vscode-single-select, vscode-checkbox, vscode-button, button, p, legend, label, h1');
    }
  }));
