// Authentication as a custom cloud: cloud metadata, OpenID configuration (tenant and /adfs authorities)
// and a token endpoint issuing JWT-shaped tokens. Signatures are not real: the ARM side accepts any
// well-formed bearer token, as the brief of a local Azure asks.

import { randomUUID } from 'node:crypto';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface TokenClaims {
  aud: string;
  tid: string;
  oid: string;
  scp?: string;
  appid?: string;
}

export function issueToken(claims: TokenClaims, issuer: string, lifetimeSeconds = 3600): { token: string; expiresOn: number } {
  const now = Math.floor(Date.now() / 1000);
  const payload = { ...claims, iss: issuer, iat: now, nbf: now, exp: now + lifetimeSeconds, ver: '2.0', name: 'Sandbox User', upn: 'user@contoso.onmicrosoft.com' };
  const header = { typ: 'JWT', alg: 'RS256', kid: 'sandbox' };
  return { token: `${b64url(header)}.${b64url(payload)}.${Buffer.from('sandbox-signature').toString('base64url')}`, expiresOn: now + lifetimeSeconds };
}

/** A bearer token with three base64url parts; anything else is refused as ARM refuses it. */
export function checkBearer(authorization: string | undefined): string | undefined {
  if (!authorization) return "The request does not contain an Authorization header. Authentication failed.";
  const m = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization.trim());
  if (!m) return "The 'Authorization' header is either not present or not in the correct format ('Bearer <token>' with a JSON web token).";
  return undefined;
}

/**
 * `GET /metadata/endpoints`. The login endpoint is the sandbox's `/adfs` authority: MSAL skips instance
 * discovery for an ADFS authority, which a loopback host could not pass (see `src/azure/environments.ts`).
 * `api-version=2015-01-01` (what `az cloud register --endpoint-resource-manager` asks for) answers in that
 * version's layout, as ARM does; later versions answer in the layout of one cloud.
 */
export function cloudMetadata(baseUrl: string, tenantId: string, apiVersion: string | null = null): unknown {
  const host = new URL(baseUrl).host;
  const loginEndpoint = `${baseUrl}/adfs`;
  if (apiVersion === '2015-01-01') {
    return {
      galleryEndpoint: `${baseUrl}/`,
      graphEndpoint: `${baseUrl}/`,
      portalEndpoint: `${baseUrl}/`,
      authentication: { loginEndpoint, audiences: [`${baseUrl}/`, baseUrl] },
    };
  }
  return {
    portal: baseUrl,
    authentication: {
      loginEndpoint,
      audiences: [`${baseUrl}/`, baseUrl],
      tenant: tenantId,
      identityProvider: 'ADFS',
    },
    media: baseUrl,
    graphAudience: baseUrl,
    graph: baseUrl,
    name: 'AzureSandbox',
    suffixes: {
      azureDataLakeStoreFileSystem: 'azuredatalakestore.net',
      acrLoginServer: 'azurecr.io',
      sqlServerHostname: 'database.windows.net',
      azureDataLakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
      keyVaultDns: 'vault.azure.net',
      storage: 'core.windows.net',
      azureFrontDoorEndpointSuffix: 'azurefd.net',
      storageSyncEndpointSuffix: 'afs.azure.net',
      mhsmDns: 'managedhsm.azure.net',
      mysqlServerEndpoint: 'mysql.database.azure.com',
      postgresqlServerEndpoint: 'postgres.database.azure.com',
      mariadbServerEndpoint: 'mariadb.database.azure.com',
      synapseAnalytics: 'dev.azuresynapse.net',
      attestationEndpoint: 'attest.azure.net',
    },
    batch: baseUrl,
    resourceManager: `${baseUrl}/`,
    vmImageAliasDoc: `${baseUrl}/_sandbox/vm-image-aliases`,
    activeDirectoryDataLake: baseUrl,
    sqlManagement: baseUrl,
    gallery: baseUrl,
    sandboxHost: host,
  };
}

export function openIdConfiguration(baseUrl: string, authority: string): unknown {
  const a = `${baseUrl}/${authority}`;
  const adfs = authority === 'adfs';
  return {
    issuer: adfs ? `${baseUrl}/adfs` : `${a}/v2.0`,
    authorization_endpoint: adfs ? `${a}/oauth2/authorize` : `${a}/oauth2/v2.0/authorize`,
    token_endpoint: adfs ? `${a}/oauth2/token` : `${a}/oauth2/v2.0/token`,
    device_authorization_endpoint: adfs ? `${a}/oauth2/devicecode` : `${a}/oauth2/v2.0/devicecode`,
    end_session_endpoint: adfs ? `${a}/oauth2/logout` : `${a}/oauth2/v2.0/logout`,
    jwks_uri: adfs ? `${a}/discovery/keys` : `${a}/discovery/v2.0/keys`,
    userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid', 'name', 'preferred_username'],
    tenant_region_scope: null,
    cloud_instance_name: new URL(baseUrl).host,
    cloud_graph_host_name: new URL(baseUrl).host,
    msgraph_host: new URL(baseUrl).host,
    request_uri_parameter_supported: false,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
  };
}

/** Token endpoint: any grant succeeds; the audience is the resource of the requested scope. */
export function tokenResponse(baseUrl: string, tenant: string, tenantId: string, form: URLSearchParams): unknown {
  const scope = form.get('scope') ?? (form.get('resource') ? `${form.get('resource') ?? ''}/.default` : `${baseUrl}/.default`);
  const resourceScope = scope.split(' ').find((s) => !['openid', 'profile', 'offline_access'].includes(s)) ?? `${baseUrl}/.default`;
  const aud = resourceScope.replace(/\/?\.default$/, '');
  const tid = tenant === 'adfs' || tenant === 'organizations' || tenant === 'common' ? tenantId : tenant;
  const { token, expiresOn } = issueToken({ aud, tid, oid: '11111111-0000-4000-8000-000000000001', scp: 'user_impersonation', appid: form.get('client_id') ?? randomUUID() }, `${baseUrl}/${tid}/v2.0`);
  const clientInfo = Buffer.from(JSON.stringify({ uid: '11111111-0000-4000-8000-000000000001', utid: tid })).toString('base64url');
  return {
    token_type: 'Bearer',
    scope: resourceScope,
    expires_in: expiresOn - Math.floor(Date.now() / 1000),
    ext_expires_in: expiresOn - Math.floor(Date.now() / 1000),
    expires_on: expiresOn,
    access_token: token,
    refresh_token: `sandbox-refresh-${randomUUID()}`,
    id_token: issueToken({ aud: form.get('client_id') ?? 'sandbox', tid, oid: '11111111-0000-4000-8000-000000000001' }, `${baseUrl}/${tid}/v2.0`).token,
    client_info: clientInfo,
  };
}
