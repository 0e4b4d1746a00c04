// A record's verdict in words, one wording wherever it is shown: the tree, the status panel, the
// checker's table and the reports. No `vscode` import: the tree (dist/extension.js) takes it too.
import * as l10n from '@vscode/l10n';
import type { Verdict } from './fqdnTable';

/**
 * A verdict id (`ok`, `missing`, …) as people read it. An `unknown` verdict that waits on a VNet's own
 * DNS servers (the row's `dependsOnDnsServers`) says so instead of "could not check".
 */
export function verdictWord(verdict: Verdict, dependsOnDnsServers?: readonly string[]): string {
  switch (verdict) {
    case 'ok':
      return l10n.t('ok');
    case 'missing':
      return l10n.t('missing');
    case 'wrongIp':
      return l10n.t('wrong IP');
    case 'orphaned':
      return l10n.t('orphaned');
    case 'public':
      return l10n.t('resolves public');
    case 'nxdomain':
      return 'NXDOMAIN';
    case 'unknown':
      return dependsOnDnsServers !== undefined ? l10n.t('depends on your DNS servers') : l10n.t('could not check');
  }
}
