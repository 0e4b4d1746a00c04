// The sandbox as a custom cloud: metadata, OpenID configuration (tenant and /adfs), tokens.

import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RunningSandbox } from '../../src/sandbox';
import { arm, raw, withSandbox } from './helpers';

void describe('sandbox: authentication as a custom cloud', () => {
  let sb: RunningSandbox;
  before(async () => ({ sb } = await withSandbox({ scenario: 'seed' })));
  after(async () => sb.close());

  void it('serves ARM cloud metadata pointing at itself, with its /adfs authority as the login endpoint', async () => {
    const res = await raw(sb, 'GET', '/metadata/endpoints?api-version=2022-09-01');
    const m = res.json as { resourceManager: string; authentication: { loginEndpoint: string; audiences: string[] }; suffixes: { acrLoginServer: string } };
    assert.equal(m.resourceManager, `${sb.armEndpoint}/`);
    assert.equal(m.authentication.loginEndpoint, `${sb.armEndpoint}/adfs`);
    assert.ok(m.authentication.audiences.includes(`${sb.armEndpoint}/`));
    assert.equal(m.suffixes.acrLoginServer, 'azurecr.io');
  });

  void it('answers api-version 2015-01-01 in that version\'s layout, also at the //metadata path `az cloud register` requests', async () => {
    for (const p of ['/metadata/endpoints?api-version=2015-01-01', '//metadata/endpoints?api-version=2015-01-01']) {
      const res = await raw(sb, 'GET', p);
      assert.equal(res.status, 200, p);
      assert.deepEqual(res.json, {
        galleryEndpoint: `${sb.armEndpoint}/`,
        graphEndpoint: `${sb.armEndpoint}/`,
        portalEndpoint: `${sb.armEndpoint}/`,
        authentication: { loginEndpoint: `${sb.armEndpoint}/adfs`, audiences: [`${sb.armEndpoint}/`, sb.armEndpoint] },
      });
    }
  });

  void it('serves OpenID configuration for the tenant and for an /adfs authority', async () => {
    const t = (await raw(sb, 'GET', `/${sb.tenantId}/v2.0/.well-known/openid-configuration`)).json as { token_endpoint: string; issuer: string };
    assert.equal(t.token_endpoint, `${sb.armEndpoint}/${sb.tenantId}/oauth2/v2.0/token`);
    const a = (await raw(sb, 'GET', '/adfs/.well-known/openid-configuration')).json as { token_endpoint: string };
    assert.equal(a.token_endpoint, `${sb.armEndpoint}/adfs/oauth2/token`);
  });

  void it('issues JWT-shaped tokens (aud, tid, oid, exp) that ARM accepts', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: 's', scope: `${sb.armEndpoint}/.default` }).toString();
    const res = await raw(sb, 'POST', `/${sb.tenantId}/oauth2/v2.0/token`, form, { 'Content-Type': 'application/x-www-form-urlencoded' });
    const body = res.json as { access_token: string; token_type: string; expires_in: number };
    assert.equal(body.token_type, 'Bearer');
    const [, payload] = body.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { aud: string; tid: string; oid: string; exp: number };
    assert.equal(claims.aud, sb.armEndpoint);
    assert.equal(claims.tid, sb.tenantId);
    assert.ok(claims.oid);
    assert.ok(claims.exp > Date.now() / 1000);
    const subs = await raw(sb, 'GET', '/subscriptions?api-version=2022-12-01', undefined, { Authorization: `Bearer ${body.access_token}` });
    assert.equal(subs.status, 200);
  });

  void it('refuses a token that is not JWT-shaped', async () => {
    const res = await raw(sb, 'GET', '/subscriptions?api-version=2022-12-01', undefined, { Authorization: 'Bearer not-a-jwt' });
    assert.equal(res.status, 401);
    assert.equal((res.json as { error: { code: string } }).error.code, 'AuthenticationFailed');
    assert.equal((await arm(sb, 'GET', '/subscriptions?api-version=2022-12-01')).status, 200);
  });
});
