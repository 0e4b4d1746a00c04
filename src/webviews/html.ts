// The one HTML builder for every webview of the extension. The page may run only our module script
// (by nonce; the chunks it imports inherit the nonce) and load only files VS Code serves from the
// extension (`cspSource`); nothing inline, nothing remote. Azure-supplied text reaches the page only as escaped JSON, read by the bundle with
// JSON.parse and rendered with DOM text APIs. No `vscode` import, so it is tested in plain Node.
import { randomBytes } from 'crypto';
import { l10nBundleElementId } from './protocol';

export interface WebviewPage {
  /** `webview.cspSource`. */
  cspSource: string;
  /** The page's module script (`dist/webview/<page>.js`) as a webview URI string. */
  scriptUri: string;
  /** `dist/webview/webview.css` as a webview URI string. */
  styleUri: string;
  title: string;
  /** The element id and the data the bundle reads on load. */
  initialState: { elementId: string; data: unknown };
  /**
   * VS Code's display language and the extension's message bundle for it (`vscode.l10n.bundle`;
   * none in English): the page's @vscode/l10n reads it before it renders (src/webview-ui/l10n.ts).
   */
  l10n?: { language: string; bundle: Record<string, string> | undefined };
  /** Only for tests; a fresh nonce is made for every load otherwise. */
  nonce?: string;
}

/** A fresh value for every page load: a nonce that is reused or guessable protects nothing. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/**
 * Bidirectional controls (U+200E/F, U+202A–U+202E, U+2066–U+2069): a name holding one can make the
 * page source read differently from what it is, so they never appear raw either.
 */
const bidiControls = '\u200E\u200F\u202A-\u202E\u2066-\u2069';

/** Text for an HTML attribute or element body. */
export function escapeHtml(text: string): string {
  return text.replace(new RegExp(`[&<>"'${bidiControls}]`, 'g'), (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a `<script type="application/json">` element: no `<` (so no `</script>`
 * or `<!--`), no raw line or paragraph separators and no bidi controls; JSON.parse reads the escapes
 * back unchanged.
 */
export function jsonForScriptElement(data: unknown): string {
  return JSON.stringify(data ?? null).replace(new RegExp(`[<>&\u2028\u2029${bidiControls}]`, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function buildWebviewHtml(page: WebviewPage): string {
  const nonce = page.nonce ?? createNonce();
  const attr = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${attr(page.l10n?.language ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(page.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(page.styleUri)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<main id="app"></main>
<script type="application/json" id="${attr(page.initialState.elementId)}" nonce="${attr(nonce)}">${jsonForScriptElement(page.initialState.data)}</script>
<script type="application/json" id="${l10nBundleElementId}" nonce="${attr(nonce)}">${jsonForScriptElement(page.l10n?.bundle ?? null)}</script>
<script type="module" src="${attr(page.scriptUri)}" nonce="${attr(nonce)}"></script>
</body>
</html>`;
}
