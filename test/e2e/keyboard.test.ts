// A person who uses only the keyboard creates a private endpoint for myregistry: the command palette
// (F1) opens "Create Private Endpoint…", the registry is picked by typing, and in the form Tab and
// Shift+Tab move between the fields, the arrow keys, Space and Enter open drop-downs and choose from
// them, Escape closes one without changing it, Space toggles a checkbox, and Enter presses Create.
// Every step shows done; the focused text field and button show a focus ring (an outline, or the
// field's frame) in the theme's focus border colour; after the run focus stays in the page, so Tab
// reaches "Start a new form" and Enter brings the form back with focus in it. No mouse at all once
// the workbench is open.
// Starts from the sandbox's `empty` scenario (same registries and VNets, no endpoints or zones).
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { FrameLocator, Locator } from 'playwright-core';
import { activeWebview, activityBarItem, screenshotOnFailure, sideBar, treeItem, Workbench } from '../harness/workbench';
import { waitFor } from '../harness/wait';
import { closeAndRestoreSeed, LINK, openOnEmptyWorld, RUN_TIMEOUT, TIMEOUT, ZONE } from './emptyWorld';

/** More presses than the form has stops: a key that never gets there is a failure, not a hang. */
const MAX_PRESSES = 40;

let wb: Workbench;

before(async () => {
  wb = await openOnEmptyWorld();
});

after(() => closeAndRestoreSeed(wb));

/** The form's page: the active webview's inner frame. */
function form(): FrameLocator {
  return activeWebview(wb.page);
}

async function press(key: string): Promise<void> {
  await wb.page.keyboard.press(key);
}

/**
 * In the page: whether `el` has the keyboard focus, looking through shadow roots (a component's host
 * is the document's active element; the control inside it is its shadow root's).
 */
function isFocused(el: Element): boolean {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return document.hasFocus() && active === el;
}

/** In the page: what has the keyboard focus, in words for a failure message. */
function focusedElement(): string {
  if (!document.hasFocus()) return '(outside the form)';
  let active = document.activeElement;
  const hosts: string[] = [];
  while (active?.shadowRoot?.activeElement) {
    hosts.push(active.localName);
    active = active.shadowRoot.activeElement;
  }
  if (!active || active === document.body) return '(nothing: the page body)';
  const name = active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40) ?? '';
  return `${[...hosts, active.localName].join(' > ')}${active.id ? `#${active.id}` : ''} "${name}"`;
}

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus, as a person tabs through a form. */
async function moveFocusTo(target: Locator, what: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  const path: string[] = [];
  for (let presses = 0; presses < MAX_PRESSES; presses++) {
    if (await target.evaluate(isFocused, undefined, { timeout: TIMEOUT })) return;
    await press(key);
    path.push(await form().locator('body').evaluate(focusedElement));
  }
  throw new Error(`${key} pressed ${MAX_PRESSES} times never reached ${what}; focus went: ${path.join(' → ')}`);
}

async function assertFocused(target: Locator, what: string): Promise<void> {
  const focused = await target.evaluate(isFocused);
  assert.ok(focused, `${what} should have the keyboard focus, but it is on ${await form().locator('body').evaluate(focusedElement)}`);
}

/**
 * In the page: the focus ring around `el`, if one shows — an outline, or a border on all four sides,
 * at least 1px wide, in the theme's `--vscode-focusBorder` colour, on `el`, on a component it is part
 * of, or on a box that component paints in its shadow root (a vscode-button's `base` part, a
 * vscode-textfield's frame). Says where it is, or returns null.
 */
function focusRingOf(el: Element): string | null {
  const probe = document.createElement('span');
  probe.style.color = 'var(--vscode-focusBorder)';
  document.body.append(probe);
  const focusBorder = getComputedStyle(probe).color;
  probe.remove();
  const boxes: Element[] = [];
  for (let node: Element | null = el; node; node = (node.getRootNode() as Partial<ShadowRoot>).host ?? null) {
    boxes.push(node, ...(node.shadowRoot ? Array.from(node.shadowRoot.querySelectorAll('*')) : []));
  }
  for (const box of boxes) {
    const rect = box.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const s = getComputedStyle(box);
    const where = [box.localName, ...Array.from(box.classList)].join('.');
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && s.outlineColor === focusBorder) return `outline on ${where} (${focusBorder})`;
    const sides = ['top', 'right', 'bottom', 'left'];
    const border = sides.every((side) => s.getPropertyValue(`border-${side}-style`) !== 'none' && parseFloat(s.getPropertyValue(`border-${side}-width`)) >= 1 && s.getPropertyValue(`border-${side}-color`) === focusBorder);
    if (border) return `border on ${where} (${focusBorder})`;
  }
  return null;
}

/** The focus ring shows on `target` while it has the focus, and (when `before` is given) did not before. */
async function assertFocusRing(target: Locator, what: string, before?: string | null): Promise<void> {
  if (before !== undefined) assert.strictEqual(before, null, `${what} showed a focus-coloured ring before it had the focus: ${before}`);
  await assertFocused(target, what);
  const ring = await target.evaluate(focusRingOf);
  assert.ok(ring, `${what} has the keyboard focus but no outline or border in the theme's focus border colour`);
  console.log(`${what}: focus shown by the ${ring}`);
}

/** Types into the palette's or a quick pick's input, then presses Enter once the wanted row is highlighted. */
async function pickInQuickInput(placeholder: string | undefined, text: string, row: string | RegExp): Promise<void> {
  const widget = wb.page.locator('.quick-input-widget');
  const box = widget.locator(placeholder === undefined ? '.quick-input-box input' : `.quick-input-box input[placeholder="${placeholder}"]`);
  await box.waitFor({ state: 'visible', timeout: TIMEOUT });
  await waitFor('the quick input to take the typing', () => box.evaluate((el) => el === document.activeElement), { timeoutMs: TIMEOUT });
  await wb.page.keyboard.type(text);
  // Enter runs the highlighted row: wait until the filter has put the wanted one there.
  await widget.locator('.monaco-list-row.focused').filter({ hasText: row }).waitFor({ state: 'visible', timeout: TIMEOUT });
  await press('Enter');
}

/** A drop-down of the form by its label, and its list (shown while it is open). */
function dropDown(page: FrameLocator, label: string): { select: Locator; list: Locator; highlighted: Locator; options: Locator } {
  const list = page.getByRole('listbox', { name: label, exact: true });
  return {
    select: page.getByRole('combobox', { name: label, exact: true }),
    list,
    highlighted: list.locator('li.option.active'),
    options: list.getByRole('option'),
  };
}

/** The text of the option the open list highlights (the arrow keys move it, Enter chooses it). */
async function highlightedText(highlighted: Locator): Promise<string> {
  return (await highlighted.textContent({ timeout: TIMEOUT }))?.trim() ?? '';
}

/** Presses an arrow key in an open list and waits until the highlight has moved off `from`. */
async function moveHighlight(highlighted: Locator, key: 'ArrowDown' | 'ArrowUp', from: string): Promise<string> {
  await press(key);
  let now = from;
  await waitFor(`${key} to move the highlight off "${from}"`, async () => (now = await highlightedText(highlighted)) !== from, { timeoutMs: TIMEOUT });
  return now;
}

/**
 * With the drop-down focused: opens it with `openKey`, moves the highlight with the arrow keys to the
 * option whose text contains `option`, and chooses it with Enter.
 */
async function chooseWithKeys(page: FrameLocator, label: string, option: string, openKey: 'Space' | 'Enter' | 'ArrowDown'): Promise<void> {
  const { select, list, highlighted, options } = dropDown(page, label);
  await assertFocused(select, `the ${label} drop-down`);
  await press(openKey);
  await list.waitFor({ state: 'visible', timeout: TIMEOUT });
  const texts = (await options.allTextContents()).map((t) => t.trim());
  const wanted = texts.findIndex((t) => t.includes(option));
  assert.ok(wanted >= 0, `${label}: no option contains "${option}" (${texts.join(' | ')})`);
  let current = await highlightedText(highlighted);
  for (let presses = 0; presses < texts.length && texts.indexOf(current) !== wanted; presses++) {
    current = await moveHighlight(highlighted, texts.indexOf(current) < wanted ? 'ArrowDown' : 'ArrowUp', current);
  }
  assert.ok(current.includes(option), `${label}: the arrow keys did not highlight "${option}" (at "${current}")`);
  await press('Enter');
  await list.waitFor({ state: 'hidden', timeout: TIMEOUT });
  await select.filter({ hasText: option }).waitFor({ state: 'visible', timeout: TIMEOUT });
  await assertFocused(select, `the ${label} drop-down after choosing`);
}

/**
 * With a text field focused: selects what it holds and types `text` over it. End, Shift+Home rather
 * than Ctrl+A: the workbench also answers Ctrl+A in a webview with a select-all of its own, which
 * arrives a moment later and would select the first letters typed.
 */
async function typeOver(box: Locator, label: string, text: string): Promise<void> {
  await assertFocused(box, `the ${label} field`);
  await press('End');
  await press('Shift+Home');
  await wb.page.keyboard.type(text);
  assert.strictEqual(await box.inputValue(), text);
}

void test('with the keyboard alone: palette, registry, fields, drop-downs, Create; every step done', () =>
  screenshotOnFailure(wb, 'e2e-keyboard-create-endpoint', async () => {
    // The extension's commands show in the palette once it is signed in: first its view, from the
    // palette too (once the workbench shows the extension's activity bar entry, its commands are
    // known), until the sandbox's subscription is listed.
    await activityBarItem(wb.page, 'ACR Private Link').waitFor({ state: 'visible', timeout: TIMEOUT });
    await press('F1');
    await pickInQuickInput(undefined, 'ACR Private Link: Focus on Registries View', 'ACR Private Link: Focus on Registries View');
    await treeItem(sideBar(wb.page), 'Contoso Production', 1).waitFor({ state: 'visible', timeout: TIMEOUT });
    // F1, then the command by its title; then the registry, typed into the quick pick.
    await press('F1');
    await pickInQuickInput(undefined, 'ACR Private Link: Create Private Endpoint', 'ACR Private Link: Create Private Endpoint…');
    await pickInQuickInput('Target registry', 'myregistry', /^myregistry/);

    const page = form();
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await name.waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByText('Ready to create.').waitFor({ state: 'visible', timeout: TIMEOUT });

    // Escape closes an open drop-down and keeps its value: the subscription, highlighted elsewhere.
    const subscription = dropDown(page, 'Subscription');
    await moveFocusTo(subscription.select, 'the Subscription drop-down');
    const chosen = (await subscription.select.textContent())?.trim() ?? '';
    assert.match(chosen, /^Contoso Production/);
    await press('ArrowDown');
    await subscription.list.waitFor({ state: 'visible', timeout: TIMEOUT });
    const choices = (await subscription.options.allTextContents()).map((t) => t.trim());
    assert.strictEqual(await highlightedText(subscription.highlighted), chosen, 'the list opens on the chosen subscription');
    const other = await moveHighlight(subscription.highlighted, choices.indexOf(chosen) < choices.length - 1 ? 'ArrowDown' : 'ArrowUp', chosen);
    assert.match(other, /^Contoso Dev/);
    await press('Escape');
    await subscription.list.waitFor({ state: 'hidden', timeout: TIMEOUT });
    assert.strictEqual((await subscription.select.textContent())?.trim(), chosen, 'Escape changed the subscription');
    await assertFocused(subscription.select, 'the Subscription drop-down after Escape');
    // The workbench kept the form open, and the form kept its inventory (no reload for another subscription).
    await page.getByText('Ready to create.').waitFor({ state: 'visible', timeout: TIMEOUT });

    // The name: the text field shows where the focus is.
    const nameRingBefore = await name.evaluate(focusRingOf);
    await moveFocusTo(name, 'the Name field');
    await assertFocusRing(name, 'the Name field', nameRingBefore);
    await typeOver(name, 'Name', 'myKeyboardEndpoint');

    await moveFocusTo(dropDown(page, 'Target registry').select, 'the Target registry drop-down');
    await chooseWithKeys(page, 'Target registry', 'myregistry (westeurope, replicas eastus)', 'Space');

    const connection = page.getByRole('textbox', { name: 'Connection name', exact: true });
    await moveFocusTo(connection, 'the Connection name field');
    await typeOver(connection, 'Connection name', 'myKeyboardConnection');

    await moveFocusTo(dropDown(page, 'Virtual network').select, 'the Virtual network drop-down');
    await chooseWithKeys(page, 'Virtual network', 'myDockerVMVNET (myResourceGroup, westeurope)', 'Enter');
    await moveFocusTo(dropDown(page, 'Subnet').select, 'the Subnet drop-down');
    await chooseWithKeys(page, 'Subnet', 'myDockerVMSubnet (10.0.0.0/24', 'ArrowDown');

    // Space turns DNS integration off and on; the zone's fields go and come back, focus stays put.
    const integrate = page.getByRole('checkbox', { name: 'Integrate with a private DNS zone' });
    const zoneLabel = `Private DNS zone (${ZONE})`;
    await moveFocusTo(integrate, 'the DNS integration checkbox');
    assert.strictEqual(await integrate.isChecked(), true, 'DNS integration is on by default');
    await press('Space');
    await dropDown(page, zoneLabel).select.waitFor({ state: 'hidden', timeout: TIMEOUT });
    assert.strictEqual(await integrate.isChecked(), false);
    await assertFocused(integrate, 'the DNS integration checkbox after Space');
    await press('Space');
    await dropDown(page, zoneLabel).select.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.strictEqual(await integrate.isChecked(), true);

    await moveFocusTo(dropDown(page, zoneLabel).select, 'the private DNS zone drop-down');
    await chooseWithKeys(page, zoneLabel, `(new) ${ZONE}`, 'Space');
    await moveFocusTo(dropDown(page, 'Resource group of the new zone').select, 'the new zone resource group drop-down');
    await chooseWithKeys(page, 'Resource group of the new zone', 'myResourceGroup', 'Enter');
    const link = page.getByRole('textbox', { name: /^Virtual network link name/ });
    await moveFocusTo(link, 'the link name field');
    assert.strictEqual(await link.inputValue(), LINK);
    await page.getByText('Ready to create.').waitFor({ state: 'visible', timeout: TIMEOUT });

    // Past Create to "Show as Azure CLI", and back with Shift+Tab: the button shows its focus.
    const create = page.getByRole('button', { name: 'Create', exact: true });
    const createRingBefore = await create.evaluate(focusRingOf);
    await moveFocusTo(page.getByRole('button', { name: 'Show as Azure CLI' }), 'the Show as Azure CLI button');
    await moveFocusTo(create, 'the Create button', 'Shift+Tab');
    await assertFocusRing(create, 'the Create button', createRingBefore);
    await press('Enter');

    const run = page.locator('#run-status');
    await run.filter({ hasText: 'The private endpoint is ready.' }).waitFor({ state: 'visible', timeout: RUN_TIMEOUT });
    const statuses: string[] = [];
    for (const step of await page.locator('#steps li').all()) statuses.push((await step.getAttribute('data-status')) ?? '');
    assert.deepStrictEqual(statuses, ['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const created = page.locator('#created');
    for (const what of [`private DNS zone ${ZONE}`, `virtual network link ${LINK}`, 'private endpoint myKeyboardEndpoint', 'DNS zone group']) {
      await created.getByText(what, { exact: false }).waitFor({ state: 'visible', timeout: TIMEOUT });
    }
  }));

void test('after the run the keyboard is still in the page: Tab reaches "Start a new form", Enter brings the form back focused', () =>
  screenshotOnFailure(wb, 'e2e-keyboard-new-form', async () => {
    const page = form();
    // The fields are locked once the run starts; focus went to the run's headline, not to nowhere.
    await assertFocusRing(page.getByRole('heading', { name: 'The private endpoint is ready.' }), 'the run headline');
    const again = page.getByRole('button', { name: 'Start a new form' });
    await moveFocusTo(again, 'the Start a new form button');
    await press('Enter');
    await page.locator('#run-status').waitFor({ state: 'hidden', timeout: TIMEOUT });
    await page.getByRole('textbox', { name: 'Name', exact: true }).waitFor({ state: 'visible', timeout: TIMEOUT });
    // Focus lands on the fresh form's first field, so Tab goes on from the top.
    const subscription = dropDown(page, 'Subscription').select;
    await waitFor('the fresh form to take the focus', () => subscription.evaluate(isFocused), { timeoutMs: TIMEOUT });
    await press('Tab');
    await assertFocused(page.getByRole('checkbox', { name: 'Create a new resource group' }), 'the field after Subscription');
  }));
