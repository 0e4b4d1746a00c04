// The notifications the commands show a person (not the modal dialogs that ask first). The latest
// are kept, in order, so that the integration tests can read the words a person sees: they run in
// the real extension host and do not replace `vscode.window`.
import * as vscode from 'vscode';

export type NotificationSeverity = 'information' | 'warning' | 'error';

export interface ShownNotification {
  severity: NotificationSeverity;
  message: string;
}

const KEEP = 20;
const shown: ShownNotification[] = [];

/** Shows a notification (with optional buttons) and keeps its text; resolves to the button chosen. */
export function showNotification(severity: NotificationSeverity, message: string, ...items: string[]): Thenable<string | undefined> {
  shown.push({ severity, message });
  shown.splice(0, Math.max(0, shown.length - KEEP));
  if (severity === 'error') return vscode.window.showErrorMessage(message, ...items);
  if (severity === 'warning') return vscode.window.showWarningMessage(message, ...items);
  return vscode.window.showInformationMessage(message, ...items);
}

/** The latest notifications shown, oldest first. */
export function shownNotifications(): ShownNotification[] {
  return [...shown];
}
