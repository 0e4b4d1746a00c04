import * as vscode from 'vscode';
import type { Services } from '../services';
import { showNotification } from './notifications';

export type CommandHandler = (services: Services, ...args: unknown[]) => unknown;

/** Registers every command of the table through one wrapper that logs and shows one clear error. */
export function registerCommands(context: vscode.ExtensionContext, services: Services, table: Record<string, CommandHandler>): void {
  for (const [name, handler] of Object.entries(table)) {
    const id = `acrPrivateLink.${name}`;
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(services, ...args);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          services.log.error(vscode.l10n.t('{0} failed: {1}', id, message));
          void showNotification('error', message, vscode.l10n.t('Show Log')).then((choice) => {
            if (choice) services.log.show(true);
          });
          return undefined;
        }
      }),
    );
  }
}
