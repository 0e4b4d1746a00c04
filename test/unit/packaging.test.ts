// The .vsix holds only what runs: the bundles, the media, the manifest, README and LICENSE.
// `vsce ls` lists exactly what `npm run package` puts in it (after `npm test`'s build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

void test('the package lists the extension and Azure bundles and nothing but bundles, media and the manifest', () => {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // Required on first use by dist/extension.js (src/session/lazyBundles.ts): without them a command fails.
  for (const lazy of ['dist/diagnosis.js', 'dist/panels.js']) assert.ok(files.includes(lazy), `${lazy} is missing from the package`);
  const pages = ['dist/webview/status.js', 'dist/webview/createEndpoint.js', 'dist/webview/dnsRecords.js', 'dist/webview/webview.css'];
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/extension.js', 'dist/azure.js', 'dist/sandbox.js', ...pages]) {
    assert.ok(files.includes(needed), `${needed} is missing from the package: ${files.join(', ')}`);
  }
  // The pages import their components and later views as chunks: every chunk the build made ships.
  const chunks = fs.readdirSync(path.join(root, 'dist', 'webview', 'chunks')).filter((f) => f.endsWith('.js')).map((f) => `dist/webview/chunks/${f}`);
  assert.ok(chunks.length > 0, 'the webview build made chunks');
  assert.deepEqual(chunks.filter((c) => !files.includes(c)), [], 'every chunk of the webview pages is in the package');
  const stray = files.filter((f) => !/^(dist\/[\w-]+\.js|dist\/webview\/(chunks\/)?[\w-]+\.(js|css)|media\/[\w-]+\.(svg|png)|package\.json|README\.md|LICENSE)$/.test(f));
  assert.deepEqual(stray, [], 'only bundles, media and the manifest belong in the .vsix (no sources, maps, tests or node_modules)');
});
