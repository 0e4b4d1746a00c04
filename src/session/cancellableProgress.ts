// A notification with a Cancel button whose token reaches the Azure layer as an AbortSignal: a
// cancelled fix stops before its next write and reports the writes it did not make.
import * as vscode from 'vscode';

export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    return task(controller.signal).finally(() => subscription.dispose());
  });
}
