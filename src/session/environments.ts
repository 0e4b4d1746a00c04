// The clouds the extension can talk to. Sovereign clouds use VS Code's `microsoft-sovereign-cloud`
// authentication provider, whose cloud is chosen by its own `microsoft-sovereign-cloud.environment` setting.

export type EnvironmentName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud' | 'Sandbox';

export interface CloudEnvironment {
  name: EnvironmentName;
  armEndpoint: string;
  portalUrl: string;
  authProviderId: 'microsoft' | 'microsoft-sovereign-cloud' | undefined;
  /** Value for `microsoft-sovereign-cloud.environment`. */
  sovereignCloudName?: string;
}

export const cloudEnvironments: Record<Exclude<EnvironmentName, 'Sandbox'>, CloudEnvironment> = {
  AzureCloud: {
    name: 'AzureCloud',
    armEndpoint: 'https://management.azure.com',
    portalUrl: 'https://portal.azure.com',
    authProviderId: 'microsoft',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    armEndpoint: 'https://management.usgovcloudapi.net',
    portalUrl: 'https://portal.azure.us',
    authProviderId: 'microsoft-sovereign-cloud',
    sovereignCloudName: 'USGovernment',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    armEndpoint: 'https://management.chinacloudapi.cn',
    portalUrl: 'https://portal.azure.cn',
    authProviderId: 'microsoft-sovereign-cloud',
    sovereignCloudName: 'ChinaCloud',
  },
};

export function portalLink(portalUrl: string, tenantId: string | undefined, resourceId: string): string {
  const tenant = tenantId ? `${tenantId}/` : '';
  return `${portalUrl}/#@${tenant}resource${resourceId}`;
}
