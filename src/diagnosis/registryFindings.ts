// Findings about the registry and its subscriptions: what makes creating an endpoint fail, and what
// a person should know about how clients reach it.
import * as l10n from '@vscode/l10n';
import type { RegistryContext } from './context';
import { findingKey, type Finding } from './finding';

/** Warn when this share of the endpoint limit is taken: creation fails at the limit, not before. */
const endpointLimitWarningShare = 0.8;

export function registryFindings(ctx: RegistryContext): Finding[] {
  const { registry } = ctx;
  const findings: Finding[] = [];
  const hasEndpoints = ctx.endpoints.length > 0;

  if (registry.sku.toLowerCase() !== 'premium') {
    findings.push({
      registryId: registry.id,
      subject: registry.id,
      id: 'registry.notPremium',
      key: findingKey('registry.notPremium', registry.id),
      severity: 'error',
      expected: 'Premium',
      actual: registry.sku,
      message: l10n.t('{0} is a {1} registry and private endpoints need Premium; change the SKU to Premium.', registry.name, registry.sku),
    });
  }

  const usage = (ctx.snapshot.usages[registry.id] ?? Object.entries(ctx.snapshot.usages).find(([id]) => id.toLowerCase() === registry.id.toLowerCase())?.[1] ?? []).find((u) =>
    /privateendpoint/i.test(u.name),
  );
  if (usage && usage.limit > 0 && usage.currentValue >= usage.limit * endpointLimitWarningShare) {
    const full = usage.currentValue >= usage.limit;
    findings.push({
      registryId: registry.id,
      subject: registry.id,
      id: 'registry.endpointLimit',
      key: findingKey('registry.endpointLimit', registry.id),
      severity: full ? 'error' : 'warning',
      expected: l10n.t('fewer than {0} private endpoint connections', usage.limit),
      actual: l10n.t('{0} of {1}', usage.currentValue, usage.limit),
      message: full
        ? l10n.t('{0} has reached its limit of {1} private endpoint connections, so a new endpoint will fail; delete unused connections first.', registry.name, usage.limit)
        : l10n.t('{0} uses {1} of its {2} private endpoint connections; delete unused or rejected connections before adding more.', registry.name, usage.currentValue, usage.limit),
    });
  }

  // Only from a value Azure sent: a registry whose public access is unknown raises nothing.
  if (hasEndpoints && registry.publicNetworkAccess?.toLowerCase() === 'enabled') {
    findings.push({
      registryId: registry.id,
      subject: registry.id,
      id: 'registry.publicNetworkAccessEnabled',
      key: findingKey('registry.publicNetworkAccessEnabled', registry.id),
      severity: 'info',
      expected: l10n.t('Disabled (optional)'),
      actual: 'Enabled',
      message: l10n.t('{0} still accepts connections from the internet; disable public network access once every client uses the private endpoint (ACR Tasks and az acr build then need a dedicated agent pool in the virtual network: the trusted-services bypass does not make them work).', registry.name),
    });
  }

  const subscriptions = new Set([registry.subscriptionId.toLowerCase()]);
  for (const e of ctx.endpoints) if (e.endpoint) subscriptions.add(e.endpoint.subscriptionId.toLowerCase());
  for (const [subscriptionId, state] of Object.entries(ctx.snapshot.providerRegistrationState)) {
    if (!subscriptions.has(subscriptionId.toLowerCase()) || state.toLowerCase() === 'registered') continue;
    const subject = `/subscriptions/${subscriptionId}`;
    findings.push({
      id: 'provider.notRegistered',
      key: findingKey('provider.notRegistered', subject),
      severity: 'error',
      subject,
      registryId: registry.id,
      expected: 'Microsoft.ContainerRegistry Registered',
      actual: state,
      message: l10n.t('The Microsoft.ContainerRegistry resource provider is {0} in subscription {1}, so endpoints to the registry cannot be created there; run az provider register --namespace Microsoft.ContainerRegistry --subscription {1}.', state, subscriptionId),
    });
  }

  if (hasEndpoints) {
    const privatelinkName = `${ctx.names.label}.${ctx.names.zoneName}`;
    findings.push({
      registryId: registry.id,
      subject: registry.id,
      id: 'client.privatelinkNameUsed',
      key: findingKey('client.privatelinkNameUsed', registry.id),
      severity: 'info',
      expected: ctx.names.loginServer,
      actual: l10n.t('clients configured with {0}', privatelinkName),
      message: l10n.t('Clients must keep using {0}: the registry\'s certificate does not cover {1}, so pulling from that name fails TLS; DNS does the redirection.', ctx.names.loginServer, privatelinkName),
    });
  }
  return findings;
}
