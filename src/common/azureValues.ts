// Azure's values as a person reads them: a connection's status, public network access. The values
// themselves stay Azure's wherever code or Azure reads them (context values, JSON reports, requests).
import * as l10n from '@vscode/l10n';

/** `Approved`, `Pending`, `Rejected`, `Disconnected` in the display language; anything else as Azure wrote it. */
export function connectionStatusText(status: string): string {
  switch (status) {
    case 'Approved':
      return l10n.t('Approved');
    case 'Pending':
      return l10n.t('Pending');
    case 'Rejected':
      return l10n.t('Rejected');
    case 'Disconnected':
      return l10n.t('Disconnected');
    default:
      return status;
  }
}

/** `Enabled`, `Disabled` (publicNetworkAccess) in the display language; `unknown` when Azure did not say. */
export function publicNetworkAccessText(access: string | undefined): string {
  switch (access?.toLowerCase()) {
    case undefined:
      return l10n.t('unknown');
    case 'enabled':
      return l10n.t('Enabled');
    case 'disabled':
      return l10n.t('Disabled');
    default:
      return access!;
  }
}
