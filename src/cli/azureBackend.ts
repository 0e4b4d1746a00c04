// The checker's access to Azure: the same access layer the extension uses (one credential, one ARM
// target, the inventory loader, fix plans applied with their preconditions).
import * as l10n from '@vscode/l10n';
import { createAzureServices, createSandboxCredential, type RetryInfo } from '../azure';
import { runOperation } from '../azure/operation';
import type { TokenCredential } from '@azure/core-auth';
import { subscriptionOf } from '../model/armId';
import type { LoadError, ResourceId, Snapshot } from '../model/types';
import type { CheckBackend, RegistryQuery } from './check';
import { CheckAborted } from './exitCodes';
import { registrySnapshot } from '../azure/registrySnapshot';
import type { ArmConnection } from './target';
import { clause } from '../common/sentence';

async function credentialFor(connection: ArmConnection): Promise<TokenCredential> {
  const tenant = connection.tenantId !== undefined ? { tenantId: connection.tenantId } : {};
  if (connection.kind === 'sandbox') return createSandboxCredential(tenant);
  // Environment, workload identity, managed identity, Azure CLI, …: whatever the machine has.
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(tenant);
}

export interface BackendSettings {
  /** The deadline of the check's reads and of each fix plan. */
  operationTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Told before each wait for a retry (the CLI prints a line on stderr). */
  onRetry?: (info: RetryInfo) => void;
}

export async function createAzureBackend(connection: ArmConnection, settings: BackendSettings = {}): Promise<CheckBackend> {
  const services = createAzureServices({
    ...(settings.operationTimeoutMs !== undefined ? { operationTimeoutMs: settings.operationTimeoutMs } : {}),
    ...(settings.requestTimeoutMs !== undefined ? { requestTimeoutMs: settings.requestTimeoutMs } : {}),
    ...(settings.onRetry ? { retry: { onRetry: settings.onRetry } } : {}),
    target: {
      endpoint: connection.endpoint,
      credentialScopes: connection.credentialScopes,
      ...(connection.caCertPem !== undefined ? { caCertPem: connection.caCertPem } : {}),
    },
    credential: await credentialFor(connection),
    // The sandbox completes long-running writes at once; Azure needs the SDK's pace.
    ...(connection.kind === 'sandbox' ? { pollIntervalMs: 20 } : {}),
  });
  const { loader } = services;

  async function find(query: RegistryQuery, signal: AbortSignal | undefined) {
    const found = await loader.findRegistries(query.registry, {
      ...(signal ? { signal } : {}),
      ...(query.subscription !== undefined ? { subscriptionIds: [query.subscription] } : {}),
      ...(query.resourceGroup !== undefined ? { resourceGroup: query.resourceGroup } : {}),
    });
    // With a domain-name-label scope one name can be taken in several resource groups or tenants;
    // their login servers differ, so a check never picks one of them silently.
    if (found.registries.length > 1) {
      const servers = found.registries.map((r) => `${r.loginServer} (${r.resourceGroup})`).join(', ');
      throw new CheckAborted(l10n.t('{0} registries answer to {1}: {2}; give the login server or --resource-group.', found.registries.length, query.registry, servers));
    }
    const registry = found.registries[0];
    if (registry) return { registry, subscription: found.subscriptions.find((s) => s.subscriptionId.toLowerCase() === registry.subscriptionId.toLowerCase()) };
    if (query.subscription !== undefined && found.subscriptions.length === 0) {
      throw new CheckAborted(l10n.t('Subscription {0} is not among the subscriptions this account can see.', query.subscription));
    }
    const where = [
      `${found.subscriptions.length} subscription(s)`,
      ...(query.resourceGroup !== undefined ? [l10n.t('resource group {0}', query.resourceGroup)] : []),
    ].join(', ');
    const unread = found.errors.map((e) => `${e.scope}: ${clause(e.message)}`);
    throw new CheckAborted(unread.length > 0 ? l10n.t('No registry named {0} in {1}; could not list {2}.', query.registry, where, unread.join('; ')) : l10n.t('No registry named {0} in {1}.', query.registry, where));
  }

  async function loadSnapshotNow(query: RegistryQuery, signal: AbortSignal | undefined): Promise<{ snapshot: Snapshot; registryId: ResourceId }> {
    const { registry, subscription } = await find(query, signal);
    const takenAt = new Date().toISOString();
    const registrations: Record<string, string> = {};
    const registrationErrors: LoadError[] = [];
    const readRegistration = async (id: string): Promise<void> => {
      const state = await loader.readRegistryProviderRegistration(id, registrationErrors, signal);
      if (state !== undefined) registrations[id] = state;
    };
    // The registry's own subscription is known now: read its registration beside the details.
    const home = registry.subscriptionId.toLowerCase();
    const [details] = await Promise.all([loader.loadRegistryDetails(registry, signal ? { signal } : {}), readRegistration(home)]);
    // Endpoints to this registry need the provider registered where they live, too.
    const others = new Set(details.privateEndpoints.map((p) => subscriptionOf(p.id).toLowerCase()).filter((id) => id !== home));
    await Promise.all([...others].map(readRegistration));
    const snapshot = registrySnapshot(subscription, registry, details, takenAt);
    Object.assign(snapshot.providerRegistrationState, registrations);
    snapshot.errors.push(...registrationErrors);
    return { snapshot, registryId: registry.id };
  }

  return {
    // One operation: finding the registry and reading everything about it share one deadline.
    loadSnapshot: (query, options) => runOperation(l10n.t('checking registry {0}', query.registry), settings.operationTimeoutMs, options?.signal, (signal) => loadSnapshotNow(query, signal)),
    applyFixPlan: (plan, options) => services.applyFixPlan(plan, options),
    invalidate: () => loader.invalidate(),
  };
}
