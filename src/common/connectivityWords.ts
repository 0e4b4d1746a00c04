// What the status panel and the reports say of a kept connectivity result that is not a verdict on the
// registry as it is: outdated (the registry changed after the check), or not known to be current
// (whether it changed cannot be told). One wording for both; pure, so the webview pages use it too.
import * as l10n from '@vscode/l10n';

/**
 * `undetermined`: what could not be read, when whether the registry changed cannot be told (empty:
 * the registry is not read now); absent: it changed.
 */
export function staleConnectivityNote(undetermined: readonly string[] | undefined): string {
  if (undetermined === undefined) {
    return l10n.t(
      'Outdated: the registry changed after this check (its hosts, endpoint addresses, DNS records, connections, public network access, endpoint subnets, or the security rules or routes that apply to its endpoints), so these results describe it as it was and raise no finding, even if it was changed back since. Check connectivity again.',
    );
  }
  if (undetermined.length === 0) {
    return l10n.t('Not known to be current: the registry is not read now, so whether it changed after this check cannot be told; these results describe it as it was and raise no finding.');
  }
  return l10n.t(
    'Not known to be current: whether the registry changed after this check cannot be told ({0}), so these results describe it as it was and raise no finding. Check connectivity again once it can be read.',
    undetermined.join('; '),
  );
}
