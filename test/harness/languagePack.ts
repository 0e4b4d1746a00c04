// A display language for the workbench the tests start. code-server's --locale alone leaves the
// workbench and every extension in English: the server resolves the locale through the language
// packs listed in <user data>/languagepacks.json (VS Code's NativeLanguagePackService writes that
// file when a pack is installed from the workbench; code-server's --install-extension does not), and
// for a locale without an entry there the browser gets English and the extension host is told 'en',
// so the extensions' package.nls.<locale>.json and l10n bundles are never read.
//
// So a test that needs zh-TW or qps-ploc installs a language pack for it, made as the Marketplace's
// are (`contributes.localizations`, a `vscode` translation file in the format VS Code's nls reads:
// `{ contents: { <module>: { <key>: <text> } } }`), but translating nothing of VS Code itself: the
// workbench's own words stay English, the extension's are the ones under test. Then it writes the
// pack's languagepacks.json entry as VS Code's LanguagePacksCache does (locale → hash, the pack's
// id and version, its translation files by id).
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { readJson, repoRoot } from './paths';

const PUBLISHER = 'acr-private-link-tests';

const packName = (locale: string): string => `test-language-pack-${locale}`;

/** Packs a language pack for `locale` into `dir`; returns the .vsix path. */
export function languagePackVsix(locale: string, dir: string): string {
  const folder = path.join(dir, `language-pack-${locale}`);
  fs.mkdirSync(path.join(folder, 'translations'), { recursive: true });
  const manifest = {
    name: packName(locale),
    displayName: `Test language pack (${locale})`,
    description: `Makes ${locale} the workbench's display language; translates nothing of VS Code itself.`,
    publisher: PUBLISHER,
    version: '1.0.0',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{ languageId: locale, languageName: locale, localizedLanguageName: locale, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
    },
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(folder, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(folder, 'README.md'), `# Test language pack (${locale})\n`);
  fs.writeFileSync(path.join(folder, 'LICENSE'), 'MIT\n');
  const out = path.join(dir, `language-pack-${locale}.vsix`);
  const vsce = path.join(repoRoot(), 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '-o', out], { cwd: folder, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packing the ${locale} language pack failed:\n${r.stdout}${r.stderr}`);
  return out;
}

interface LocalizationContribution {
  languageId: string;
  localizedLanguageName?: string;
  languageName?: string;
  translations: { id: string; path: string }[];
}

/**
 * Lists the installed language pack for `locale` in <userDataDir>/languagepacks.json, as VS Code
 * does after installing one: `{ "<locale>": { hash, label, extensions: [{ extensionIdentifier: { id },
 * version }], translations: { vscode: "<absolute path of main.i18n.json>" } } }`.
 */
export function recordLanguagePack(locale: string, extensionsDir: string, userDataDir: string): void {
  const id = `${PUBLISHER}.${packName(locale)}`;
  const folder = fs.readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${id}-`));
  if (!folder) throw new Error(`the ${locale} language pack is not installed in ${extensionsDir}`);
  const location = path.join(extensionsDir, folder);
  const manifest = readJson<{ version: string; contributes: { localizations: LocalizationContribution[] } }>(path.join(location, 'package.json'));
  const contribution = manifest.contributes.localizations.find((l) => l.languageId === locale);
  if (!contribution) throw new Error(`${id} contributes no localization for ${locale}`);
  const translations = Object.fromEntries(contribution.translations.map((t) => [t.id, path.join(location, t.path)]));
  for (const file of Object.values(translations)) if (!fs.existsSync(file)) throw new Error(`${file} of the ${locale} language pack is missing`);
  const file = path.join(userDataDir, 'languagepacks.json');
  const packs = fs.existsSync(file) ? readJson<Record<string, unknown>>(file) : {};
  packs[locale] = {
    hash: createHash('md5').update(id).update(manifest.version).digest('hex'),
    label: contribution.localizedLanguageName ?? contribution.languageName,
    extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
    translations,
  };
  fs.writeFileSync(file, JSON.stringify(packs));
}
