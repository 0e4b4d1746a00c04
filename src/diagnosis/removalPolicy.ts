// When a fix may remove an IP from an A record set without a person deciding: only when no private
// endpoint serves that IP for that name, as read in this same check, and nothing that could show
// such an endpoint failed to read. The same rule for "Fix All Safe DNS Findings" and `--fix`.
import * as l10n from '@vscode/l10n';
import { resourceName } from '../model/armId';
import { endpointReadErrors } from './configured';
import type { RegistryContext } from './context';

/**
 * Why removals are not safe in this check (empty when they are): an endpoint or network interface
 * list that failed, or a connection whose endpoint we cannot read (another subscription or tenant),
 * whose IPs could be the ones a record holds.
 */
export function removalBlockers(ctx: RegistryContext): string[] {
  const blockers = endpointReadErrors(ctx.snapshot).map((e) => l10n.t('{0} at {1} could not be read', e.what, e.scope));
  for (const e of ctx.endpoints) {
    const readable = e.networkInterfaces.length > 0 || (e.endpoint?.customDnsConfigs.length ?? 0) > 0;
    if (!readable) blockers.push(l10n.t('the IPs of {0} could not be read', resourceName(e.privateEndpointId)));
  }
  return blockers;
}
