// Wiring for the provisioning sandbox tests: the extension's own clients and loader against a sandbox.
import { createArmClients, type ArmClients } from '../../../src/azure/clients';
import { sdkArmReads } from '../../../src/azure/armReads';
import { InventoryLoader } from '../../../src/azure/loader';
import { createSandboxCredential } from '../../../src/azure/sandboxCredential';
import { createProvisioning } from '../../../src/azure/provisioning';
import { diagnose, type Finding } from '../../../src/diagnosis';
import type { ProvisioningApi } from '../../../src/provisioning/api';
import type { RunningSandbox } from '../../../src/sandbox';

export interface Wired {
  clients: ArmClients;
  provisioning: ProvisioningApi;
  /** The registry's findings on a fresh snapshot, as the tree and the CLI compute them. */
  findings(registryId: string): Promise<Finding[]>;
}

export function wire(sb: RunningSandbox): Wired {
  const clients = createArmClients({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
    credential: createSandboxCredential(),
    retry: { maxRetries: 0 },
  });
  const provisioning = createProvisioning(clients, { pollIntervalMs: 1, wait: () => Promise.resolve() });
  return {
    clients,
    provisioning,
    async findings(registryId) {
      const loader = new InventoryLoader(sdkArmReads(clients), { cacheTtlMs: 0 });
      return diagnose(await loader.loadSnapshot(), registryId);
    },
  };
}

export const errorsOf = (findings: Finding[]): string[] => findings.filter((f) => f.severity === 'error').map((f) => `${f.id}: ${f.message}`);
