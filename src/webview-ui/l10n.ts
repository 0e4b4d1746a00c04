// The page's words: the extension puts its message bundle for VS Code's display language in the
// page (src/webviews/html.ts); @vscode/l10n takes it before anything renders. Each page's entry
// imports this module first. Without a bundle (English) l10n.t returns the message as written.
import * as l10n from '@vscode/l10n';
import { l10nBundleElementId } from '../webviews/protocol';

const text = document.getElementById(l10nBundleElementId)?.textContent;
const bundle = text ? (JSON.parse(text) as Record<string, string> | null) : null;
if (bundle) l10n.config({ contents: bundle });
