// The .vsix is the product: it holds only what runs (the bundles, the icon, the manifest, README and
// LICENSE), every file the code loads, and a README whose pictures show in VS Code's extension page.
// The package is made here from the current build, the way `npm run package` makes it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

interface VsixEntry {
  name: string;
  size: number;
  read(): Buffer;
}
interface PackageScript {
  packageVsix(options: { build: boolean; out: string }): { file: string; size: number; files: VsixEntry[] };
  packagedReadme(text: string): string;
}
const script = require(path.join(root, 'scripts', 'package.js')) as PackageScript;

void describe('the .vsix', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-pl-vsix-'));
  let files: VsixEntry[] = [];
  let names: string[] = [];

  before(() => {
    files = script.packageVsix({ build: false, out: path.join(dir, 'acr-private-link.vsix') }).files;
    names = files.map((f) => f.name).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  void it('holds the extension, its lazily required bundles, the pages and every chunk they import', () => {
    // Required on first use by dist/extension.js (src/session/lazyBundles.ts): without them a command fails.
    const pages = ['dist/webview/status.js', 'dist/webview/createEndpoint.js', 'dist/webview/dnsRecords.js', 'dist/webview/webview.css'];
    for (const needed of ['package.json', 'readme.md', 'LICENSE.txt', 'dist/extension.js', 'dist/azure.js', 'dist/diagnosis.js', 'dist/panels.js', 'dist/sandbox.js', 'dist/cli.js', 'media/acr-private-link.svg', ...pages]) {
      assert.ok(names.includes(needed), `${needed} is missing from the package: ${names.join(', ')}`);
    }
    const chunks = fs.readdirSync(path.join(root, 'dist', 'webview', 'chunks')).filter((f) => f.endsWith('.js')).map((f) => `dist/webview/chunks/${f}`);
    assert.ok(chunks.length > 0, 'the webview build made chunks');
    assert.deepEqual(chunks.filter((c) => !names.includes(c)), [], 'every chunk of the webview pages is in the package');
  });

  void it('holds the translations: the manifest\'s (package.nls*.json), the message bundles (l10n/) and the one @vscode/l10n the bundles share', () => {
    for (const needed of ['package.nls.json', 'package.nls.zh-tw.json', 'l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-tw.json', 'dist/l10n.js']) {
      assert.ok(names.includes(needed), `${needed} is missing from the package: ${names.join(', ')}`);
    }
  });

  void it('holds nothing but bundles, the icon, the walkthrough\'s pages and pictures, the manifest and its translations, the message bundles, README and LICENSE (no sources, maps, tests, node_modules or loose pictures)', () => {
    const stray = names.filter((f) => !/^(dist\/[\w-]+\.js|dist\/webview\/(chunks\/)?[\w-]+\.(js|css)|media\/[\w-]+\.svg|media\/walkthrough\/(zh-tw\/)?[\w-]+\.(md|svg)|package\.json|package\.nls(\.zh-tw)?\.json|l10n\/bundle\.l10n(\.zh-tw)?\.json|readme\.md|LICENSE\.txt)$/.test(f));
    assert.deepEqual(stray, []);
  });

  void it('holds every page and picture the walkthrough shows, in English and in zh-TW', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: { media: Record<string, unknown> }[] }[] } };
    const named = manifest.contributes.walkthroughs.flatMap((w) => w.steps).flatMap((s) => [s.media['markdown'], s.media['svg'], s.media['image']]).filter((m): m is string => typeof m === 'string');
    assert.ok(named.length >= 7, 'every step of the walkthrough shows something');
    // A "%key%" is a path in each language's package.nls.
    const media = ['package.nls.json', 'package.nls.zh-tw.json'].flatMap((file) => {
      const nls = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
      return named.map((m) => (/^%.+%$/.test(m) ? nls[m.slice(1, -1)] ?? m : m));
    });
    assert.deepEqual(media.filter((m) => !names.includes(m)), [], 'walkthrough media missing from the package');
  });

  void it('carries the README pictures inside its README, byte for byte, and no link the packaged README cannot follow', () => {
    const readme = files.find((f) => f.name === 'extension/readme.md')!.read().toString('utf8');
    const source = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const pictures = [...source.matchAll(/!\[[^\]]*\]\((media\/[^)\s]+\.png)\)/g)].map((m) => m[1]!);
    assert.ok(pictures.length >= 1, 'the README shows at least one picture');
    const inlined = [...readme.matchAll(/!\[[^\]]*\]\(data:image\/png;base64,([A-Za-z0-9+/=]+)\)/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    assert.equal(inlined.length, pictures.length);
    pictures.forEach((p, i) => assert.ok(inlined[i]!.equals(fs.readFileSync(path.join(root, p))), `${p} is the picture in the packaged README`));
    assert.deepEqual([...readme.matchAll(/\]\((?![a-z][\w+.-]*:|#)([^)\s]+)\)/gi)].map((m) => m[1]), [], 'no relative links are left');
  });
});

void describe('the packaged README', () => {
  void it('refuses a relative link or a picture from outside media/, which the installed extension could not show', () => {
    assert.throws(() => script.packagedReadme('See [the design](docs/DESIGN.md).'), /docs\/DESIGN\.md: a relative link/);
    assert.throws(() => script.packagedReadme('![tree](test-results/tree.png)'), /test-results\/tree\.png: images must be PNG, JPEG or GIF files in media\//);
    assert.throws(() => script.packagedReadme('<img src="media/screenshot-tree.png">'), /an HTML image needs an https source/);
  });

  void it('keeps absolute links and headings as they are', () => {
    const text = 'See [VS Code](https://code.visualstudio.com) and [Design](#design).';
    assert.equal(script.packagedReadme(text), text);
  });
});
