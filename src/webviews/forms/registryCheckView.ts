// The verdict of the check after a create-registry run, as the form shows it: healthy only when the
// registry was read whole and no error, no warning and no verdict it could not check remain (the same
// counts as the tree's badge); otherwise what is wrong, or what could not be checked, line by line.
import * as l10n from '@vscode/l10n';
import { countBySeverity, type RegistryDiagnosis } from '../../state/registryDiagnosis';
import type { RegistryCheckView } from './createRegistryProtocol';

export function checkView(registryName: string, diagnosis: RegistryDiagnosis | undefined): RegistryCheckView {
  if (!diagnosis) return { verdict: 'unknown', summary: l10n.t('Could not check {0}: its details could not be read.', registryName), lines: [] };
  const health = countBySeverity(diagnosis);
  const problems = diagnosis.findings.filter((f) => f.severity === 'error' || (f.severity === 'warning' && f.id !== 'check.unreadable'));
  const unknown = [
    ...health.unreadable,
    ...diagnosis.rows.filter((r) => r.verdict === 'unknown').map((r) => (r.note ? l10n.t('{0}: could not check ({1})', r.fqdn, r.note) : l10n.t('{0}: could not check', r.fqdn))),
  ];
  if (health.errors > 0 || health.warnings > 0) {
    return {
      verdict: 'problems',
      summary: l10n.t('The check of {0} found errors: {1}, warnings: {2}.', registryName, health.errors, health.warnings),
      lines: [...problems.map((f) => f.message), ...unknown],
    };
  }
  if (unknown.length > 0 || health.unknown > 0) {
    return { verdict: 'unknown', summary: l10n.t('The check of {0} could not check everything; nothing wrong was found in what it read.', registryName), lines: unknown };
  }
  const records = diagnosis.rows.filter((r) => r.verdict === 'ok').length;
  return {
    verdict: 'healthy',
    summary:
      records === 1
        ? l10n.t('{0} is healthy: the check found nothing wrong (1 host name resolves to the private endpoint in its virtual network).', registryName)
        : l10n.t('{0} is healthy: the check found nothing wrong ({1} host names resolve to the private endpoint in its virtual network).', registryName, records),
    lines: [],
  };
}
