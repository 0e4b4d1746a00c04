// The checker's access to Azure: the same access layer the extension uses (one credential, one ARM
// target, the inventory loader, fix plans applied with their preconditions).
import { createAzureServices, createSandboxCredential } from '../azure';
import type { TokenCredential } from '@azure/core-auth';
import { subscriptionOf } from '../model/armId';
import type { LoadError } from '../model/types';
import type { CheckBackend, RegistryQuery } from './check';
import { CheckAborted } from './exitCodes';
import { registrySnapshot } from '../azure/registrySnapshot';
import type { ArmConnection } from './target';

const registryProvider = 'Microsoft.ContainerRegistry';

async function credentialFor(connection: ArmConnection): Promise<TokenCredential> {
  const tenant = connection.tenantId !== undefined ? { tenantId: connection.tenantId } : {};
  if (connection.kind === 'sandbox') return createSandboxCredential(tenant);
  // Environment, workload identity, managed identity, Azure CLI, …: whatever the machine has.
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(tenant);
}

export async function createAzureBackend(connection: ArmConnection): Promise<CheckBackend> {
  const services = createAzureServices({
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

  async function find(query: RegistryQuery) {
    const found = await loader.findRegistries(query.registry, {
      ...(query.subscription !== undefined ? { subscriptionIds: [query.subscription] } : {}),
      ...(query.resourceGroup !== undefined ? { resourceGroup: query.resourceGroup } : {}),
    });
    const registry = found.registries[0];
    if (registry) return { registry, subscription: found.subscriptions.find((s) => s.subscriptionId.toLowerCase() === registry.subscriptionId.toLowerCase()) };
    if (query.subscription !== undefined && found.subscriptions.length === 0) {
      throw new CheckAborted(`Subscription ${query.subscription} is not among the subscriptions this account can see.`);
    }
    const where = [
      `${found.subscriptions.length} subscription(s)`,
      ...(query.resourceGroup !== undefined ? [`resource group ${query.resourceGroup}`] : []),
    ].join(', ');
    const unread = found.errors.map((e) => `${e.scope}: ${e.message}`);
    throw new CheckAborted(`No registry named ${query.registry} in ${where}${unread.length > 0 ? `; could not list ${unread.join('; ')}` : ''}.`);
  }

  return {
    async loadSnapshot(query) {
      const { registry, subscription } = await find(query);
      const takenAt = new Date().toISOString();
      const registrations: Record<string, string> = {};
      const registrationErrors: LoadError[] = [];
      const readRegistration = async (id: string): Promise<void> => {
        try {
          registrations[id] = await loader.getProviderRegistrationState(id, registryProvider);
        } catch (e) {
          registrationErrors.push({ scope: `/subscriptions/${id}`, what: `${registryProvider} registration`, message: e instanceof Error ? e.message : String(e) });
        }
      };
      // The registry's own subscription is known now: read its registration beside the details.
      const home = registry.subscriptionId.toLowerCase();
      const [details] = await Promise.all([loader.loadRegistryDetails(registry), readRegistration(home)]);
      // Endpoints to this registry need the provider registered where they live, too.
      const others = new Set(details.privateEndpoints.map((p) => subscriptionOf(p.id).toLowerCase()).filter((id) => id !== home));
      await Promise.all([...others].map(readRegistration));
      const snapshot = registrySnapshot(subscription, registry, details, takenAt);
      Object.assign(snapshot.providerRegistrationState, registrations);
      snapshot.errors.push(...registrationErrors);
      return { snapshot, registryId: registry.id };
    },
    applyFixPlan: (plan) => services.applyFixPlan(plan),
    invalidate: () => loader.invalidate(),
  };
}
