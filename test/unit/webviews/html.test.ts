import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWebviewHtml, createNonce } from '../../../src/webviews/html';
import { initialStateElementId, l10nBundleElementId } from '../../../src/webviews/protocol';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';

function page(registryName: string, nonce?: string): string {
  return buildWebviewHtml({
    cspSource,
    scriptUri: `${cspSource}/ext/dist/webview/status.js`,
    styleUri: `${cspSource}/ext/dist/webview/webview.css`,
    title: `${registryName} · Private Link status`,
    initialState: { elementId: initialStateElementId, data: { registryName, drafts: {} } },
    ...(nonce ? { nonce } : {}),
  });
}

function csp(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page has a Content-Security-Policy meta element');
  return match[1]!.replace(/&#39;/g, "'");
}

/** The text of the initial-state element, as the bundle reads it with textContent. */
function initialStateText(html: string): string {
  const match = new RegExp(`<script type="application/json" id="${initialStateElementId}" nonce="[^"]+">([\\s\\S]*?)</script>`).exec(html);
  assert.ok(match, 'the initial state element is present');
  return match[1]!;
}

void test('the policy allows nothing by default, only our nonce for scripts, and never unsafe-inline', () => {
  const html = page('myregistry', 'abc123');
  const policy = csp(html);
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'nonce-abc123'(;|$)/);
  assert.match(policy, new RegExp(`style-src ${cspSource.replace(/[.+]/g, '\\$&')} 'nonce-abc123'`));
  assert.match(policy, /img-src \S+ data:/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
});

void test('every script element carries the nonce, and there is no inline handler or inline style', () => {
  const html = page('myregistry', 'abc123');
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 3, 'the state element, the message bundle and the page\'s script');
  for (const tag of scripts) assert.match(tag, /nonce="abc123"/);
  assert.match(html, /<script type="module" src="[^"]*\/dist\/webview\/status\.js" nonce="abc123">/);
  assert.doesNotMatch(html, /\son[a-z]+=/i);
  assert.doesNotMatch(html, /\sstyle=/i);
});

void test('each load gets a fresh, unguessable nonce', () => {
  const nonces = new Set(Array.from({ length: 20 }, () => createNonce()));
  assert.equal(nonces.size, 20);
  for (const n of nonces) assert.ok(n.length >= 24);
  const first = /script-src 'nonce-([^']+)'/.exec(csp(page('myregistry')))?.[1];
  const second = /script-src 'nonce-([^']+)'/.exec(csp(page('myregistry')))?.[1];
  assert.ok(first && second && first !== second);
});

void test('a registry name that is markup appears only escaped, and reads back unchanged', () => {
  const name = '<script>alert(1)</script>';
  const html = page(name);
  assert.equal((html.match(/<script\b/g) ?? []).length, 3, 'no fourth script element');
  assert.doesNotMatch(html, /alert\(1\)<\/script>/);
  assert.match(html, /<title>&#60;script&#62;alert\(1\)&#60;\/script&#62; · Private Link status<\/title>/);
  const text = initialStateText(html);
  assert.doesNotMatch(text, /</);
  assert.equal((JSON.parse(text) as { registryName: string }).registryName, name);
});

void test('quotes, ampersands, comment openers and right-to-left characters survive the round trip', () => {
  const names = [`my"registry'`, 'a&b <!-- c', 'reg\u202Eyrtsiger', 'line\u2028separator'];
  for (const name of names) {
    const html = page(name);
    const text = initialStateText(html);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.equal((JSON.parse(text) as { registryName: string }).registryName, name);
    assert.doesNotMatch(html.split('<title>')[1]!.split('</title>')[0]!, /["'<>]/);
  }
});

void test('the page carries the display language and its message bundle, escaped, for the page\'s @vscode/l10n', () => {
  const html = buildWebviewHtml({
    cspSource,
    scriptUri: `${cspSource}/ext/dist/webview/status.js`,
    styleUri: `${cspSource}/ext/dist/webview/webview.css`,
    title: 'myregistry',
    initialState: { elementId: initialStateElementId, data: {} },
    l10n: { language: 'zh-tw', bundle: { 'Check again': '重新檢查', '</script><script>x': '<b>' } },
    nonce: 'abc',
  });
  assert.match(html, /<html lang="zh-tw">/);
  const match = new RegExp(`<script type="application/json" id="${l10nBundleElementId}" nonce="abc">([\\s\\S]*?)</script>`).exec(html);
  assert.ok(match, 'the bundle element is present, with the page\'s nonce');
  assert.doesNotMatch(match[1]!, /</, 'no markup can break out of the element');
  assert.deepEqual(JSON.parse(match[1]!), { 'Check again': '重新檢查', '</script><script>x': '<b>' });
});

void test('an English page carries no bundle: l10n.t returns the messages as written', () => {
  const html = page('myregistry');
  assert.match(html, /<html lang="en">/);
  assert.match(html, new RegExp(`id="${l10nBundleElementId}" nonce="[^"]+">null</script>`));
});
