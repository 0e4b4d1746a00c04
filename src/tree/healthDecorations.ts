import * as vscode from 'vscode';
import type { RegistryHealth } from '../state/registryDiagnosis';

const scheme = 'acr-private-link-health';

/** The URI a registry's tree item carries so that its health badge can be decorated. */
export function healthUri(registryId: string): vscode.Uri {
  return vscode.Uri.from({ scheme, path: registryId.toLowerCase() });
}

/**
 * The registry's health badge (error count, or warnings, or ✓) as a decoration. A decoration can
 * change without refreshing the tree: refreshing a registry while the view is still fetching its
 * expanded children makes the view drop those children.
 */
export class RegistryHealthDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.emitter.event;
  private readonly health = new Map<string, RegistryHealth>();

  /** The registry's counts as the store gives them (`RegistryStore.health`); none: no badge. */
  update(registryId: string, health: RegistryHealth | undefined): void {
    const uri = healthUri(registryId);
    if (health) this.health.set(uri.toString(), health);
    else this.health.delete(uri.toString());
    this.emitter.fire(uri);
  }

  /** What the badge says, for tests and for the item's accessible name. */
  summary(registryId: string): string | undefined {
    const h = this.health.get(healthUri(registryId).toString());
    if (!h) return undefined;
    const couldNotCheck = h.unknown > 0 || h.unreadable.length > 0;
    if (h.errors === 0 && h.warnings === 0 && !couldNotCheck) return vscode.l10n.t('healthy');
    const errors = h.errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', h.errors);
    const warnings = h.warnings === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', h.warnings);
    const counts = vscode.l10n.t('{0}, {1}', errors, warnings);
    if (!couldNotCheck) return counts;
    const unknown = h.unknown === 1 ? vscode.l10n.t('could not check 1 verdict') : vscode.l10n.t('could not check {0} verdicts', h.unknown);
    return h.errors === 0 && h.warnings === 0 ? unknown : vscode.l10n.t('{0}; {1}', counts, unknown);
  }

  /** The summary, then each read that failed: what the badge's tooltip says. */
  private tooltip(registryId: string, h: RegistryHealth): string {
    return [this.summary(registryId) ?? '', ...h.unreadable].join('\n');
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== scheme) return undefined;
    const h = this.health.get(uri.toString());
    if (!h) return undefined;
    const tooltip = this.tooltip(uri.path, h);
    if (h.errors > 0) return new vscode.FileDecoration(h.errors > 99 ? '99' : String(h.errors), tooltip, new vscode.ThemeColor('list.errorForeground'));
    // Nothing proven wrong, but not everything checked: greyed, never the healthy check mark.
    if (h.unknown > 0 || h.unreadable.length > 0) return new vscode.FileDecoration('?', tooltip, new vscode.ThemeColor('disabledForeground'));
    if (h.warnings > 0) return new vscode.FileDecoration(h.warnings > 99 ? '99' : String(h.warnings), tooltip, new vscode.ThemeColor('list.warningForeground'));
    return new vscode.FileDecoration('✓', tooltip);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
