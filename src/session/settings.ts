// Reading and writing the extension's settings. Numbers are held to their bounds when read; a value
// the extension writes goes where the value in effect comes from, so the change takes effect.
import * as vscode from 'vscode';
import { boundedInteger, integerSettings, type IntegerSettingName } from './settingBounds';

export const section = 'acrPrivateLink';

const reported = new Set<string>();

/** A numeric setting within its bounds; an out-of-range value is logged once and replaced. */
export function integerSetting(name: IntegerSettingName, log?: vscode.LogOutputChannel): number {
  const raw = vscode.workspace.getConfiguration(section).get<unknown>(name);
  const { value, adjusted } = boundedInteger(raw, integerSettings[name]);
  if (adjusted && log && !reported.has(`${name}=${String(raw)}`)) {
    reported.add(`${name}=${String(raw)}`);
    log.warn(vscode.l10n.t('Setting {0}: {1}.', `${section}.${name}`, adjusted));
  }
  return value;
}

/**
 * Writes `section.key` where its value in effect comes from: the workspace's settings when the
 * workspace sets it (a value written to the user settings would stay hidden behind it), otherwise the
 * user settings. The settings that choose the cloud, the credentials, the sandbox and the DNS servers
 * have the `machine` or `application` scope, so for them this is always the user settings (the remote
 * machine's, in a remote window). Returns where it wrote.
 */
export async function updateWhereEffective(key: string, value: unknown, configSection = section): Promise<SettingsPlace> {
  const config = vscode.workspace.getConfiguration(configSection);
  const place: SettingsPlace = config.inspect(key)?.workspaceValue !== undefined ? 'workspace' : 'user';
  await config.update(key, value, place === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  return place;
}

export type SettingsPlace = 'workspace' | 'user';

export const settingsPlaceName: Record<SettingsPlace, string> = {
  get workspace() {
    return vscode.l10n.t('the workspace settings');
  },
  get user() {
    return vscode.l10n.t('the user settings');
  },
};
