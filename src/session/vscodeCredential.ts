import * as vscode from 'vscode';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

/**
 * A TokenCredential backed by VS Code's built-in Microsoft authentication provider, as the Azure
 * extensions do. The token never leaves this object except into the SDK's Authorization header.
 */
export class VsCodeCredential implements TokenCredential {
  constructor(
    private readonly providerId: string,
    private readonly tenantId: string | undefined,
  ) {}

  static scopesFor(scopes: string[], tenantId: string | undefined): string[] {
    return tenantId ? [...scopes, `VSCODE_TENANT:${tenantId}`] : scopes;
  }

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> {
    const list = Array.isArray(scopes) ? scopes : [scopes];
    const session = await vscode.authentication.getSession(this.providerId, VsCodeCredential.scopesFor(list, this.tenantId), {
      silent: true,
    });
    if (!session) {
      // Silent sign-in also fails for a tenant whose policy wants multi-factor authentication now.
      throw new Error(
        this.tenantId
          ? vscode.l10n.t('Not signed in to tenant {0}, or the sign-in needs you again (expired, or the tenant requires multi-factor authentication). Run "ACR Private Link: Sign in to Azure".', this.tenantId)
          : vscode.l10n.t('Not signed in, or the sign-in needs you again (expired, or the tenant requires multi-factor authentication). Run "ACR Private Link: Sign in to Azure".'),
      );
    }
    // The provider refreshes tokens itself; a short horizon makes the SDK ask again soon.
    return { token: session.accessToken, expiresOnTimestamp: Date.now() + 5 * 60 * 1000 };
  }
}
