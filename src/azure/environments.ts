// The clouds the Azure access layer can talk to: where ARM is, where the portal is, where sign-in
// happens and which token scope ARM accepts. The sandbox is a cloud of its own on loopback.
import * as l10n from '@vscode/l10n';

export type AzureEnvironmentName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud' | 'Sandbox';

export interface AzureEnvironment {
  name: AzureEnvironmentName;
  /** Resource Manager endpoint, without a trailing slash. */
  armEndpoint: string;
  portalUrl: string;
  /** Microsoft Entra authority host (for @azure/identity's `authorityHost`). */
  authorityHost: string;
  /** `<arm>/.default`: the scope every ARM token is requested for. */
  credentialScopes: string[];
}

/** The target the SDK clients are built for: ARM's endpoint, the scopes to ask for, and an extra CA for the sandbox. */
export interface ArmTarget {
  endpoint: string;
  credentialScopes: string[];
  /** PEM of a CA to trust in addition to the system's; only the sandbox needs one. */
  caCertPem?: string;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function cloud(name: AzureEnvironmentName, armEndpoint: string, portalUrl: string, authorityHost: string): AzureEnvironment {
  return { name, armEndpoint, portalUrl, authorityHost, credentialScopes: [`${armEndpoint}/.default`] };
}

export const azureEnvironments: Record<Exclude<AzureEnvironmentName, 'Sandbox'>, AzureEnvironment> = {
  AzureCloud: cloud('AzureCloud', 'https://management.azure.com', 'https://portal.azure.com', 'https://login.microsoftonline.com'),
  AzureUSGovernment: cloud('AzureUSGovernment', 'https://management.usgovcloudapi.net', 'https://portal.azure.us', 'https://login.microsoftonline.us'),
  AzureChinaCloud: cloud('AzureChinaCloud', 'https://management.chinacloudapi.cn', 'https://portal.azure.cn', 'https://login.chinacloudapi.cn'),
};

/**
 * The sandbox serves ARM, its own token endpoint and a fake portal from one origin; an authority
 * ending in `/adfs` makes MSAL skip instance discovery, which a loopback host cannot pass.
 */
export function sandboxEnvironment(armEndpoint: string): AzureEnvironment {
  const arm = trimSlash(armEndpoint);
  return cloud('Sandbox', arm, arm, `${arm}/adfs`);
}

export function environmentNamed(name: AzureEnvironmentName, sandboxArmEndpoint?: string): AzureEnvironment {
  if (name !== 'Sandbox') return azureEnvironments[name];
  if (!sandboxArmEndpoint) throw new Error(l10n.t('The Sandbox environment needs the sandbox ARM endpoint.'));
  return sandboxEnvironment(sandboxArmEndpoint);
}

export function armTargetFor(environment: AzureEnvironment, caCertPem?: string): ArmTarget {
  return {
    endpoint: environment.armEndpoint,
    credentialScopes: [...environment.credentialScopes],
    ...(caCertPem !== undefined ? { caCertPem } : {}),
  };
}

/** A portal deep link to a resource, in the form the Azure portal accepts. */
export function portalUrlFor(environment: AzureEnvironment, resourceId: string, tenantId?: string): string {
  const tenant = tenantId ? `@${tenantId}` : '';
  return `${environment.portalUrl}/#${tenant}/resource${resourceId}`;
}
