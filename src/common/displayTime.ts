// Dates and times as VS Code's display language writes them (`vscode.env.language`: `en`, `zh-tw`, …),
// never as the browser's or the extension host's own locale would: the panels and the tree speak
// that language, so their dates do too. No `vscode` import: the webview pages use it as well.

/** The locale Intl formats dates in for a display language; English for one it does not know (`qps-ploc`). */
export function dateLocale(language: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([language])[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Date and time (`2026/12/7 下午2:05:09` in zh-tw); a value that is not a date stays as given. */
export function formatDateTime(iso: string | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(dateLocale(language));
}

/** The time of day alone (`下午2:05:09` in zh-tw); a value that is not a date stays as given. */
export function formatTimeOfDay(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(dateLocale(language));
}
