// Where a webview page's files are: its script, the chunks that script imports and the stylesheet,
// all in dist/webview/ (esbuild.js puts them there). That folder is the panels' only local resource
// root, so a page can read nothing else the extension ships (its Node bundles included).
import * as vscode from 'vscode';
import type { WebviewPage } from './html';

/** The pages' entry scripts in dist/webview/. */
export type WebviewScript = 'status.js' | 'createEndpoint.js' | 'createRegistry.js' | 'dnsRecords.js';

function webviewFolder(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [webviewFolder(extensionUri)],
  };
}

/**
 * The CSP source, the URIs of a page's script and stylesheet, and the display language with its
 * message bundle, for `buildWebviewHtml`.
 */
export function webviewPageFiles(webview: vscode.Webview, extensionUri: vscode.Uri, script: WebviewScript): Pick<WebviewPage, 'cspSource' | 'scriptUri' | 'styleUri' | 'l10n'> {
  const folder = webviewFolder(extensionUri);
  return {
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(folder, script)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(folder, 'webview.css')).toString(),
    l10n: { language: vscode.env.language, bundle: vscode.l10n.bundle as Record<string, string> | undefined },
  };
}
