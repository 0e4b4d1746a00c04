// Findings about each endpoint's connection to the registry and the IPs its NIC serves: an endpoint
// that is not Approved carries no traffic, whatever DNS says.
import * as l10n from '@vscode/l10n';
import { resourceName } from '../model/armId';
import type { RegistryContext } from './context';
import { findingKey, type Finding } from './finding';
import { approveConnectionPlan } from './fixPlans';

export function connectionFindings(ctx: RegistryContext): Finding[] {
  const findings: Finding[] = [];
  for (const pe of ctx.endpoints) {
    const subject = pe.privateEndpointId;
    const name = resourceName(subject);
    const base = { subject, registryId: ctx.registry.id, expected: 'Approved', actual: pe.status };
    switch (pe.status) {
      case 'Pending': {
        const key = findingKey('connection.pending', subject);
        findings.push({
          ...base,
          id: 'connection.pending',
          key,
          severity: 'error',
          message: l10n.t('The connection from {0} is Pending, so the endpoint carries no traffic until the registry owner approves it; approve it if you expect this endpoint.', name),
          ...(pe.connection ? { fix: approveConnectionPlan(key, pe.connection) } : {}),
        });
        break;
      }
      case 'Rejected':
        findings.push({
          ...base,
          id: 'connection.rejected',
          key: findingKey('connection.rejected', subject),
          severity: 'error',
          message: l10n.t('The connection from {0} was rejected{1}, so the endpoint carries no traffic; delete the endpoint and create it again to ask for approval anew.', name, pe.connection?.description ? ` ("${pe.connection.description}")` : ''),
        });
        break;
      case 'Disconnected':
        findings.push({
          ...base,
          id: 'connection.disconnected',
          key: findingKey('connection.disconnected', subject),
          severity: 'error',
          message: l10n.t('The connection from {0} is Disconnected (the endpoint or its connection was removed); delete the connection and recreate the endpoint if it is still needed.', name),
        });
        break;
      default:
        break;
    }
    // Azure could not finish setting the endpoint up: its NIC and DNS may look right while it carries no traffic.
    const provisioning = pe.endpoint?.provisioningState;
    if (provisioning !== undefined && provisioning.toLowerCase() === 'failed') {
      findings.push({
        id: 'endpoint.provisioningFailed',
        key: findingKey('endpoint.provisioningFailed', subject),
        severity: 'warning',
        subject,
        registryId: ctx.registry.id,
        expected: 'provisioningState: Succeeded',
        actual: `provisioningState: ${provisioning}`,
        message: l10n.t('The provisioning of {0} failed, so it may carry no traffic even where DNS points at it; update it again (az resource update --ids {1}) or delete it and create it again.', name, subject),
      });
    }
  }

  for (const e of ctx.expected) {
    if (e.privateIPAddress) continue;
    const name = resourceName(e.privateEndpointId);
    const nicRead = ctx.endpoints.some((p) => p.privateEndpointId === e.privateEndpointId && p.networkInterfaces.length > 0);
    findings.push({
      id: 'endpoint.memberMissing',
      key: findingKey('endpoint.memberMissing', e.privateEndpointId, e.requiredMemberName),
      severity: 'warning',
      subject: e.privateEndpointId,
      registryId: ctx.registry.id,
      expected: l10n.t('an IP configuration for {0}', e.requiredMemberName),
      actual: nicRead ? l10n.t('none on the network interface') : l10n.t('network interface not readable'),
      message: nicRead
        ? l10n.t('{0} has no IP for {1}{2}, so {3} cannot get a private record yet; approve the endpoint\'s connection again or recreate the endpoint.', name, e.requiredMemberName, e.region ? l10n.t(' (replica {0})', e.region) : '', e.fqdn)
        : l10n.t('The network interface of {0} could not be read, so the IP for {1} is unknown; check your access to the endpoint\'s resource group.', name, e.fqdn),
    });
  }
  return findings;
}
