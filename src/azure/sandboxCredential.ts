// The sandbox accepts any well-formed bearer token, so no sign-in is needed: this credential mints
// an unsigned JWT-shaped token whose audience is the scope asked for. It must never be used for Azure.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

const TOKEN_LIFETIME_S = 60 * 60;

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function createSandboxCredential(options: { tenantId?: string; now?: () => number } = {}): TokenCredential {
  const now = options.now ?? Date.now;
  return {
    getToken(scopes: string | string[], getTokenOptions?: GetTokenOptions): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? (scopes[0] ?? '') : scopes;
      const issuedAt = Math.floor(now() / 1000);
      const expiresAt = issuedAt + TOKEN_LIFETIME_S;
      const claims = {
        aud: scope.replace(/\/\.default$/, ''),
        iat: issuedAt,
        nbf: issuedAt,
        exp: expiresAt,
        tid: getTokenOptions?.tenantId ?? options.tenantId ?? 'sandbox',
        oid: 'sandbox-user',
        name: 'Sandbox user',
      };
      const token = `${base64Url({ alg: 'none', typ: 'JWT' })}.${base64Url(claims)}.${Buffer.from('sandbox').toString('base64url')}`;
      return Promise.resolve({ token, expiresOnTimestamp: expiresAt * 1000, tokenType: 'Bearer' });
    },
  };
}
