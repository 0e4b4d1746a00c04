// The checker's language: `--lang`, else the locale of the environment (LC_ALL, LC_MESSAGES, LANG:
// `zh_TW.UTF-8` → zh-tw), else English. Its translations travel inside dist/cli.js (one file to copy
// onto a VM), from the same bundle the extension uses.
import * as l10n from '@vscode/l10n';
import zhTw from '../../l10n/bundle.l10n.zh-tw.json';

const bundles: Record<string, Record<string, string> | undefined> = { en: undefined, 'zh-tw': zhTw as Record<string, string> };

/** The languages the checker speaks, as `--lang` takes them. */
export const languages = Object.keys(bundles);

/** `zh_TW.UTF-8`, `zh-Hant-TW`, `ZH-tw` → `zh-tw`; `C`, `POSIX`, `en_US` → `en`; undefined when not one we speak. */
export function normalizeLanguage(locale: string): string | undefined {
  const tag = locale.split(/[.@]/)[0]!.trim().toLowerCase().replace(/_/g, '-');
  if (tag === '' || tag === 'c' || tag === 'posix' || tag === 'en' || tag.startsWith('en-')) return 'en';
  if (tag === 'zh-tw' || tag === 'zh-hant' || tag.startsWith('zh-hant-')) return 'zh-tw';
  return languages.includes(tag) ? tag : undefined;
}

/** The `--lang` value in argv (`--lang x` or `--lang=x`), if any. */
function langArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (a === '--lang') return argv[i + 1] ?? '';
    if (a.startsWith('--lang=')) return a.slice('--lang='.length);
  }
  return undefined;
}

export type LanguageChoice = { language: string } | { unknown: string };

/**
 * `--lang` wins (an unknown value is an error the caller reports); then the first of LC_ALL,
 * LC_MESSAGES and LANG that is set (a locale we do not speak gives English, as a program without
 * that translation does).
 */
export function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): LanguageChoice {
  const asked = langArgument(argv);
  if (asked !== undefined) {
    const language = normalizeLanguage(asked);
    return language ? { language } : { unknown: asked };
  }
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return { language: (locale && normalizeLanguage(locale)) ?? 'en' };
}

/** Makes every `l10n.t` of the checker (and the engine it runs) speak `language`. */
export function useLanguage(language: string): void {
  l10n.config({ contents: bundles[language] ?? {} });
}
