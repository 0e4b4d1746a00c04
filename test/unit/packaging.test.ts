// The .vsix holds only what runs: the bundles, the media, the manifest, README and LICENSE.
// `vsce ls` lists exactly what `npm run package` puts in it (after `npm test`'s build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

void test('the package lists the extension and Azure bundles and nothing but bundles, media and the manifest', () => {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/extension.js', 'dist/azure.js', 'dist/webview.js', 'dist/sandbox.js']) {
    assert.ok(files.includes(needed), `${needed} is missing from the package: ${files.join(', ')}`);
  }
  const stray = files.filter((f) => !/^(dist\/[\w-]+\.js|media\/[\w-]+\.(svg|png|css)|package\.json|README\.md|LICENSE)$/.test(f));
  assert.deepEqual(stray, [], 'only bundles, media and the manifest belong in the .vsix (no sources, maps, tests or node_modules)');
});
