// Every word a person reads has its zh-TW translation, and no translation is left for a word that is
// gone: the manifest's %keys% (package.nls.json, package.nls.zh-tw.json) and every message of src/
// passed to vscode.l10n.t or @vscode/l10n's l10n.t (l10n/bundle.l10n.zh-tw.json). The translations
// keep the message's placeholders and command links, and use the words of l10n/GLOSSARY.md, not the
// forms it lists as not used.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const l10nScript = require(path.join(root, 'scripts', 'l10n.js')) as { exportMessages(): Promise<Record<string, string | { message: string }>> };

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
const nls = readJson('package.nls.json');
const nlsZhTw = readJson('package.nls.zh-tw.json');
const bundleZhTw = readJson('l10n/bundle.l10n.zh-tw.json');

const howToFix =
  'The English bundle (l10n/bundle.l10n.json) is generated from the l10n.t calls of src/ by `npm run l10n` (and by every build); ' +
  'translations are kept by hand in l10n/bundle.l10n.zh-tw.json, keyed by the English message exactly as written in the call, in the words of l10n/GLOSSARY.md.';

/** `"key": "",` lines to paste into a JSON file and translate. */
const skeleton = (keys: string[]) => keys.map((k) => `  ${JSON.stringify(k)}: "",`).join('\n');

/** `{0}`, `{name}` and `command:…` links of a message, sorted: a translation keeps them all. */
function tokens(text: string): string[] {
  return [...text.matchAll(/\{\w+\}|\(command:[^)]+\)/g)].map((m) => m[0]).sort();
}

/** The forms l10n/GLOSSARY.md lists under "Forms we do not use", with what to write instead. */
const notUsed = [...(fs.readFileSync(path.join(root, 'l10n', 'GLOSSARY.md'), 'utf8').split('## Forms we do not use')[1] ?? '').matchAll(/^\| ([^|\s-][^|]*?) \| ([^|]+?) \|/gm)]
  .map((m) => ({ form: m[1]!, instead: m[2]! }))
  .filter((f) => f.form !== 'form');

function glossaryViolations(file: string, table: Record<string, string>): string[] {
  return Object.entries(table).flatMap(([key, text]) => notUsed.filter(({ form }) => text.includes(form)).map(({ form, instead }) => `${file} ${JSON.stringify(key)}: ${form} → ${instead}`));
}

void describe('localisation', () => {
  let messages: string[] = [];

  before(async () => {
    messages = Object.entries(await l10nScript.exportMessages()).map(([key, v]) => (typeof v === 'string' ? key : v.message));
  });

  void it('has every %key% of package.json in package.nls.json and package.nls.zh-tw.json, and no key there that package.json does not use', () => {
    const used = [...new Set([...manifestText.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!))];
    const problems: string[] = [];
    for (const [file, table] of [['package.nls.json', nls], ['package.nls.zh-tw.json', nlsZhTw]] as const) {
      const missing = used.filter((k) => table[k] === undefined);
      const stale = Object.keys(table).filter((k) => !used.includes(k));
      if (missing.length) problems.push(`${file} lacks ${missing.length} key(s) package.json uses; add:\n${skeleton(missing)}`);
      if (stale.length) problems.push(`${file} has ${stale.length} key(s) package.json no longer uses; remove: ${stale.join(', ')}`);
    }
    assert.deepEqual(problems, [], problems.join('\n\n'));
  });

  void it('has a zh-TW translation of every l10n.t message of src/, and none for a message src/ no longer has', () => {
    assert.ok(messages.length > 0, 'the l10n.t calls of src/ were found');
    const missing = messages.filter((m) => bundleZhTw[m] === undefined);
    const stale = Object.keys(bundleZhTw).filter((k) => !messages.includes(k));
    const problems: string[] = [];
    if (missing.length) problems.push(`${missing.length} message(s) of src/ have no translation in l10n/bundle.l10n.zh-tw.json; add and translate:\n${skeleton(missing)}`);
    if (stale.length) problems.push(`${stale.length} entr(ies) of l10n/bundle.l10n.zh-tw.json match no l10n.t message of src/ (changed or removed): re-key them to the new English text, or remove them:\n${stale.map((k) => `  ${JSON.stringify(k)}`).join('\n')}`);
    assert.deepEqual(problems, [], `${problems.join('\n\n')}\n\n${howToFix}`);
  });

  void it('keeps every placeholder and command link of a message in its translation, and translates it (not empty)', () => {
    const pairs: [string, string, string | undefined][] = [
      ...Object.entries(nls).map(([k, en]): [string, string, string | undefined] => [`package.nls.zh-tw.json ${k}`, en, nlsZhTw[k]]),
      ...messages.map((m): [string, string, string | undefined] => [`l10n/bundle.l10n.zh-tw.json ${JSON.stringify(m)}`, m, bundleZhTw[m]]),
    ];
    const wrong = pairs
      .filter(([, , zh]) => zh !== undefined)
      .filter(([, en, zh]) => zh!.trim() === '' || JSON.stringify(tokens(en)) !== JSON.stringify(tokens(zh!)))
      .map(([where, en, zh]) => `${where}: ${JSON.stringify(tokens(en))} in English, ${JSON.stringify(tokens(zh!))} in ${JSON.stringify(zh)}`);
    assert.deepEqual(wrong, []);
  });

  void it('uses the glossary\'s forms: none of the forms l10n/GLOSSARY.md lists as not used appears in a zh-TW file', () => {
    assert.ok(['數據端點', '復寫', '復本'].every((f) => notUsed.some((n) => n.form === f)), 'the glossary lists the article\'s inconsistent forms');
    assert.deepEqual([...glossaryViolations('package.nls.zh-tw.json', nlsZhTw), ...glossaryViolations('l10n/bundle.l10n.zh-tw.json', bundleZhTw)], []);
  });

  void it('would flag the article\'s own wording', () => {
    // A sentence of the seed article, as it is written there.
    const seed = { 'data endpoint': '為每個數據端點建立 DNS 記錄', replica: '異地復寫的登錄' };
    assert.deepEqual(glossaryViolations('seed', seed), ['seed "data endpoint": 數據端點 → 資料端點', 'seed "replica": 復寫 → 複寫']);
  });
});
