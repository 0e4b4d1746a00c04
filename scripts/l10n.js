#!/usr/bin/env node
// The message bundles (l10n/). Every message a person reads goes through `vscode.l10n.t` (code that
// imports vscode) or `l10n.t` of `@vscode/l10n` (the layers that must not, the webview pages and the
// checker); `@vscode/l10n-dev` finds those calls in src/ and writes the English bundle,
// l10n/bundle.l10n.json. It is generated (by every build and by `npm run l10n`), never edited; the
// translations are kept by hand: l10n/bundle.l10n.zh-tw.json and package.nls.zh-tw.json, in the
// words of l10n/GLOSSARY.md.
//
// `node scripts/l10n.js` (npm run l10n) writes the English bundle. `node scripts/l10n.js pseudo <dir>`
// writes the pseudo-localised (qps-ploc) bundle and package.nls into <dir> and <dir>/l10n, for the
// tests that look for English left untranslated. As a module: exportMessages(), writeEnglishBundle(), writePseudo().
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const l10nDir = path.join(root, 'l10n');
const englishBundle = path.join(l10nDir, 'bundle.l10n.json');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every message of src/ passed to `l10n.t` / `vscode.l10n.t`, keyed as the bundles key them. */
async function exportMessages(srcDir = path.join(root, 'src')) {
  const { getL10nJson } = require('@vscode/l10n-dev');
  const files = sourceFiles(srcDir).map((f) => ({ contents: fs.readFileSync(f, 'utf8'), extension: path.extname(f) }));
  return getL10nJson(files);
}

/** Writes l10n/bundle.l10n.json when what src/ says differs from it; returns the message count. */
async function writeEnglishBundle() {
  const messages = await exportMessages();
  const text = `${JSON.stringify(sortKeys(messages), null, 2)}\n`;
  fs.mkdirSync(l10nDir, { recursive: true });
  if (!fs.existsSync(englishBundle) || fs.readFileSync(englishBundle, 'utf8') !== text) fs.writeFileSync(englishBundle, text);
  return Object.keys(messages).length;
}

function sortKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** The pseudo-localised bundle and package.nls (every letter accented, every string longer). */
async function writePseudo(outDir) {
  const { getL10nPseudoLocalized } = require('@vscode/l10n-dev');
  const messages = await exportMessages();
  fs.mkdirSync(path.join(outDir, 'l10n'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'l10n', 'bundle.l10n.qps-ploc.json'), JSON.stringify(getL10nPseudoLocalized(messages), null, 2));
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  // The walkthrough's pages and pictures are named through package.nls too: paths, not words.
  const isPath = (key) => /\.(markdown|svg|image)$/.test(key);
  const pseudo = getL10nPseudoLocalized(Object.fromEntries(Object.entries(nls).filter(([key]) => !isPath(key))));
  const pseudoNls = Object.fromEntries(Object.keys(nls).map((key) => [key, isPath(key) ? nls[key] : pseudo[key]]));
  fs.writeFileSync(path.join(outDir, 'package.nls.qps-ploc.json'), JSON.stringify(pseudoNls, null, 2));
}

async function main() {
  const [command, dir] = process.argv.slice(2);
  if (command === 'pseudo') {
    if (!dir) throw new Error('usage: node scripts/l10n.js pseudo <folder of the extension>');
    await writePseudo(path.resolve(dir));
    console.log(`wrote the qps-ploc bundles into ${dir}`);
    return;
  }
  const count = await writeEnglishBundle();
  console.log(`wrote l10n/bundle.l10n.json (${count} messages)`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

module.exports = { exportMessages, writeEnglishBundle, writePseudo, englishBundle };
