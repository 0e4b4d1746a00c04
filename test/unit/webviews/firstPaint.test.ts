// Each webview page's first paint loads its own code and no component: the @vscode-elements modules
// (and Lit under them) are chunks the page import()s when the part that shows them appears.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';
import { firstPaintFiles, includesLit, webviewPages, type WebviewPageName } from '../../harness/webviewBundles';

const folder = path.join(repoRoot(), 'dist', 'webview');

for (const page of Object.keys(webviewPages) as WebviewPageName[]) {
  void test(`the ${page} page loads no component module before its first paint`, () => {
    const first = firstPaintFiles(folder, page);
    assert.ok(first.files.includes(webviewPages[page]));
    assert.equal(includesLit(folder, first.files), false, `Lit is in the first paint of ${page}: ${first.files.join(', ')}`);
  });
}

void test('every component the pages use is a chunk of its own', () => {
  const chunks = fs.readdirSync(path.join(folder, 'chunks'));
  for (const component of ['vscode-badge', 'vscode-button', 'vscode-checkbox', 'vscode-label', 'vscode-progress-ring', 'vscode-single-select', 'vscode-textfield']) {
    assert.ok(chunks.some((c) => c.startsWith(`${component}-`) && c.endsWith('.js')), `no chunk for ${component}: ${chunks.join(', ')}`);
  }
});
