// The status panel and both forms in VS Code's Light, Dark and High Contrast (dark and light)
// themes, switched as a person does (Preferences: Color Theme in the command palette): inside each
// webview, body text, an input's text, a button's text and secondary text contrast with what is
// behind them (WCAG ratio ≥ 4.5, from getComputedStyle), and the page's background is the theme's editor background,
// so it follows the theme. The pages' component chunks load under their CSP without a refusal.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { FrameLocator, Locator } from 'playwright-core';
import {
  activeWebview,
  activityBarItem,
  chooseFromContextMenu,
  collectConsoleErrors,
  cspErrors,
  expand,
  openWorkbench,
  resizeSideBar,
  screenshotOnFailure,
  sideBar,
  treeItem,
  openRegistryInTree,
  Workbench,
} from '../harness/workbench';
import { waitFor } from '../harness/wait';
import { resetSandbox } from './sandboxControl';

const TIMEOUT = 30_000;
const MIN_CONTRAST = 4.5;

/** Each theme by the label the picker shows and the class the workbench then carries. */
const THEMES = [
  { label: 'Light Modern', workbenchClass: 'vs' },
  { label: 'Dark High Contrast', workbenchClass: 'hc-black' },
  { label: 'Light High Contrast', workbenchClass: 'hc-light' },
  // Last: the default, so the workbench is left as the other tests expect it.
  { label: 'Dark Modern', workbenchClass: 'vs-dark' },
] as const;
type Theme = (typeof THEMES)[number];

let wb: Workbench;
let consoleErrors: string[];
let current: Theme = THEMES[3];

before(async () => {
  await resetSandbox('seed');
  wb = await openWorkbench();
  consoleErrors = collectConsoleErrors(wb.page);
});

after(async () => {
  // A test that stopped half-way leaves the default theme set again for the files after this one.
  if (wb && current !== THEMES[3]) await setColorTheme(THEMES[3]).catch(() => undefined);
  await wb?.close();
});

interface Contrast {
  text: string;
  background: string;
  ratio: number;
}

/**
 * In the page: an element's text colour, the colour behind it (its own background and its ancestors'
 * — across shadow roots — laid over one another down to the first opaque one) and their WCAG
 * contrast ratio. Self-contained: Playwright runs it inside the webview frame.
 */
function contrastOf(host: Element): Contrast {
  // A component paints its text in its shadow root (a vscode-button in its `base` part).
  const el = host.shadowRoot?.querySelector('[part~="base"]') ?? host;
  const parse = (css: string): number[] => {
    const m = /^rgba?\(([^)]*)\)$/.exec(css);
    if (!m) throw new Error(`a colour in an unexpected form: ${css}`);
    const [r = 0, g = 0, b = 0, a = 1] = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top: number[], bottom: number[]): number[] => {
    const alpha = top[3]!;
    return [0, 1, 2].map((i) => top[i]! * alpha + bottom[i]! * (1 - alpha)).concat(1);
  };
  const layers: number[][] = [];
  for (let node: Element | null = el; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const layer = parse(getComputedStyle(node).backgroundColor);
    if (layer[3]! > 0) layers.push(layer);
    if (layer[3]! >= 1) break;
  }
  // Nothing opaque at all: the browser's canvas, white.
  let background = [255, 255, 255, 1];
  for (const layer of layers.reverse()) background = over(layer, background);
  const text = over(parse(getComputedStyle(el).color), background);
  const luminance = (c: number[]): number => {
    const [r = 0, g = 0, b = 0] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [lighter = 0, darker = 0] = [luminance(text), luminance(background)].sort((a, b) => b - a);
  const css = (c: number[]): string => `rgb(${c.slice(0, 3).map((v) => Math.round(v)).join(', ')})`;
  return { text: css(text), background: css(background), ratio: (lighter + 0.05) / (darker + 0.05) };
}

/** The theme's editor background as the workbench has it, in the form getComputedStyle gives. */
async function themeEditorBackground(): Promise<string> {
  return wb.page.locator('.monaco-workbench').evaluate((workbench) => {
    const probe = document.createElement('div');
    probe.style.color = getComputedStyle(workbench).getPropertyValue('--vscode-editor-background').trim();
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  });
}

/** Runs a command from the command palette (F1), by its title. */
async function runCommand(title: string): Promise<void> {
  const page = wb.page;
  const widget = page.locator('.quick-input-widget');
  await page.keyboard.press('F1');
  const box = widget.locator('.quick-input-box input');
  await box.waitFor({ state: 'visible', timeout: TIMEOUT });
  await box.fill(`>${title}`);
  await pickRow(title);
}

/** Clicks the row of the open quick pick whose label is exactly `label` (its keybinding may follow). */
async function pickRow(label: string): Promise<void> {
  const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(,|$)`);
  await wb.page.locator('.quick-input-widget').getByRole('option', { name }).click({ timeout: TIMEOUT });
}

/** Preferences: Color Theme from the command palette, then the theme by its label. */
async function setColorTheme(theme: Theme): Promise<void> {
  const page = wb.page;
  const widget = page.locator('.quick-input-widget');
  const box = widget.locator('.quick-input-box input');
  await runCommand('Preferences: Color Theme');
  // The command palette gives way to the theme picker, with an empty filter.
  await waitFor('the theme picker', async () => (await widget.isVisible()) && (await box.inputValue()) === '', { timeoutMs: TIMEOUT });
  await box.fill(theme.label);
  await pickRow(theme.label);
  await widget.waitFor({ state: 'hidden', timeout: TIMEOUT });
  await page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ state: 'attached', timeout: TIMEOUT });
  current = theme;
}

async function closeAllEditors(): Promise<void> {
  await runCommand('View: Close All Editors');
  // An unsaved document another file left open (an Azure CLI preview) is not kept.
  await wb.page.getByRole('button', { name: "Don't Save" }).click({ timeout: 1_000 }).catch(() => undefined);
  await wb.page.locator('iframe.webview').waitFor({ state: 'detached', timeout: TIMEOUT });
}

/** Runs `body` with a webview panel that `open` opens, and closes it (and every editor) after. */
async function withPanel(open: () => Promise<void>, body: () => Promise<void>): Promise<void> {
  await open();
  try {
    await body();
  } finally {
    await closeAllEditors();
  }
}

/**
 * Goes through the themes with `page` open and checks its body text, an input, a button and a line of
 * secondary (description-coloured) text in each; returns the page's background per theme.
 */
async function checkInEveryTheme(name: string, page: FrameLocator, controls: { input: Locator; button: Locator; note: Locator }): Promise<Map<string, string>> {
  const backgrounds = new Map<string, string>();
  for (const theme of THEMES) {
    await setColorTheme(theme);
    const expected = await themeEditorBackground();
    let body: Contrast | undefined;
    await waitFor(
      `the ${name} page to take the ${theme.label} editor background ${expected}`,
      async () => {
        body = await page.locator('body').evaluate(contrastOf);
        return body.background === expected;
      },
      { timeoutMs: TIMEOUT },
    );
    const where = `${name}, ${theme.label}`;
    assert.ok(body && body.ratio >= MIN_CONTRAST, `${where}: body text ${body?.text} on ${body?.background} has contrast ${body?.ratio.toFixed(2)}`);
    const ratios = [`body ${body.ratio.toFixed(1)}`];
    for (const [what, locator] of [['input text', controls.input], ['button text', controls.button], ['secondary text', controls.note]] as const) {
      const c = await locator.evaluate(contrastOf);
      assert.ok(c.ratio >= MIN_CONTRAST, `${where}: ${what} ${c.text} on ${c.background} has contrast ${c.ratio.toFixed(2)}`);
      ratios.push(`${what} ${c.ratio.toFixed(1)}`);
    }
    console.log(`${where}: background ${expected}; contrast ${ratios.join(', ')}`);
    backgrounds.set(theme.label, expected);
  }
  const light = backgrounds.get('Light Modern');
  const dark = backgrounds.get('Dark Modern');
  assert.notStrictEqual(light, dark, `${name}: the page kept one background in light and dark themes`);
  return backgrounds;
}

async function openTree(): Promise<Locator> {
  return (await openRegistryInTree(wb.page)).registry;
}

void test('the status panel reads well and follows the theme in light, dark and both high contrast themes', async () => {
  const page = activeWebview(wb.page);
  await withPanel(
    async () => chooseFromContextMenu(await openTree(), 'Open Status Panel'),
    () =>
      screenshotOnFailure(wb, 'e2e-themes-status', async () => {
        await page.getByRole('table').filter({ hasText: 'Name resolution per FQDN' }).waitFor({ state: 'visible', timeout: TIMEOUT });
        await checkInEveryTheme('status panel', page, {
          input: page.getByRole('textbox').first(),
          button: page.getByRole('button', { name: 'Re-run checks' }),
          note: page.locator('.muted').first(),
        });
      }),
  );
});

void test('the create-endpoint form reads well and follows the theme in every theme kind', async () => {
  const page = activeWebview(wb.page);
  await withPanel(
    () => chooseFromContextMenu(treeItem(sideBar(wb.page), 'myregistry', 2), 'Create Private Endpoint…'),
    () =>
      screenshotOnFailure(wb, 'e2e-themes-create-endpoint', async () => {
        const name = page.getByRole('textbox', { name: 'Name', exact: true });
        await name.waitFor({ state: 'visible', timeout: TIMEOUT });
        await checkInEveryTheme('create-endpoint form', page, { input: name, button: page.getByRole('button', { name: 'Show as Azure CLI' }), note: page.locator('#summary') });
        // The form's components came as chunks of their own: they are defined.
        const undefinedTags = await page.locator('body').evaluate(() => ['vscode-textfield', 'vscode-single-select', 'vscode-checkbox', 'vscode-button', 'vscode-label'].filter((t) => customElements.get(t) === undefined));
        assert.deepStrictEqual(undefinedTags, [], 'components not defined on the form');
      }),
  );
});

void test('the DNS-records form reads well and follows the theme in every theme kind', async () => {
  const page = activeWebview(wb.page);
  const tree = sideBar(wb.page);
  await withPanel(
    async () => {
      await expand(treeItem(tree, 'DNS', 3));
      await chooseFromContextMenu(treeItem(tree, 'privatelink.azurecr.io', 4), 'Create DNS Records…');
    },
    () =>
      screenshotOnFailure(wb, 'e2e-themes-dns-records', async () => {
        const ttl = page.getByRole('textbox', { name: 'TTL of new record sets (seconds)' });
        await ttl.waitFor({ state: 'visible', timeout: TIMEOUT });
        await checkInEveryTheme('DNS-records form', page, { input: ttl, button: page.getByRole('button', { name: 'Read again' }), note: page.locator('#status') });
      }),
  );
});

void test('no page had a script or chunk refused by its Content Security Policy', () => {
  assert.deepStrictEqual(cspErrors(consoleErrors), []);
});
