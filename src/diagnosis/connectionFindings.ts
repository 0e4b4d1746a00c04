// Findings about each endpoint's connection to the registry and the IPs its NIC serves: an endpoint
// that is not Approved carries no traffic, whatever DNS says.
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
          message: `The connection from ${name} is Pending, so the endpoint carries no traffic until the registry owner approves it; approve it if you expect this endpoint.`,
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
          message: `The connection from ${name} was rejected${pe.connection?.description ? ` ("${pe.connection.description}")` : ''}, so the endpoint carries no traffic; delete the endpoint and create it again to ask for approval anew.`,
        });
        break;
      case 'Disconnected':
        findings.push({
          ...base,
          id: 'connection.disconnected',
          key: findingKey('connection.disconnected', subject),
          severity: 'error',
          message: `The connection from ${name} is Disconnected (the endpoint or its connection was removed); delete the connection and recreate the endpoint if it is still needed.`,
        });
        break;
      default:
        break;
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
      expected: `an IP configuration for ${e.requiredMemberName}`,
      actual: nicRead ? 'none on the network interface' : 'network interface not readable',
      message: nicRead
        ? `${name} has no IP for ${e.requiredMemberName}${e.region ? ` (replica ${e.region})` : ''}, so ${e.fqdn} cannot get a private record yet; approve the endpoint's connection again or recreate the endpoint.`
        : `The network interface of ${name} could not be read, so the IP for ${e.fqdn} is unknown; check your access to the endpoint's resource group.`,
    });
  }
  return findings;
}
