// Clouds, the sandbox credential, masking secrets in messages, and which cached reads a write affects.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { armTargetFor, azureEnvironments, environmentNamed, portalUrlFor, sandboxEnvironment } from '../../../src/azure/environments';
import { createSandboxCredential } from '../../../src/azure/sandboxCredential';
import { maskSecrets, toLoadError } from '../../../src/azure/errors';
import { affects } from '../../../src/azure/requestCache';
import { ConcurrencyLimiter } from '../../../src/azure/limiter';

const zone = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io';

void describe('environments', () => {
  void it('each cloud has its ARM endpoint, portal, authority and the `<arm>/.default` scope', () => {
    assert.deepEqual(azureEnvironments.AzureCloud.credentialScopes, ['https://management.azure.com/.default']);
    assert.equal(azureEnvironments.AzureUSGovernment.armEndpoint, 'https://management.usgovcloudapi.net');
    assert.equal(azureEnvironments.AzureUSGovernment.authorityHost, 'https://login.microsoftonline.us');
    assert.equal(azureEnvironments.AzureChinaCloud.portalUrl, 'https://portal.azure.cn');
    assert.deepEqual(armTargetFor(azureEnvironments.AzureChinaCloud), { endpoint: 'https://management.chinacloudapi.cn', credentialScopes: ['https://management.chinacloudapi.cn/.default'] });
  });

  void it('the sandbox is a cloud on its own endpoint with an /adfs authority and its CA', () => {
    const env = sandboxEnvironment('https://127.0.0.1:4443/');
    assert.deepEqual([env.armEndpoint, env.authorityHost, env.credentialScopes], ['https://127.0.0.1:4443', 'https://127.0.0.1:4443/adfs', ['https://127.0.0.1:4443/.default']]);
    assert.equal(armTargetFor(env, 'PEM').caCertPem, 'PEM');
    assert.throws(() => environmentNamed('Sandbox'), /sandbox ARM endpoint/);
    assert.equal(portalUrlFor(azureEnvironments.AzureCloud, zone, 't1'), `https://portal.azure.com/#@t1/resource${zone}`);
  });
});

void describe('sandbox credential', () => {
  void it('returns a JWT-shaped token for the scope asked, valid for an hour', async () => {
    const token = await createSandboxCredential({ now: () => 1_700_000_000_000 }).getToken('https://127.0.0.1:4443/.default');
    const parts = token!.token.split('.');
    assert.equal(parts.length, 3);
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) as { aud: string; exp: number };
    assert.equal(claims.aud, 'https://127.0.0.1:4443');
    assert.equal(token!.expiresOnTimestamp, 1_700_000_000_000 + 3_600_000);
  });
});

void describe('load errors', () => {
  void it('carry ARM’s status, code and message, with anything token-like masked', () => {
    const e = Object.assign(new Error('Denied for Bearer eyJhbGciOi.eyJzdWIiOi.c2ln\nsecond line'), { statusCode: 403, code: 'AuthorizationFailed' });
    assert.deepEqual(toLoadError('/subscriptions/s1', 'registries', e), { scope: '/subscriptions/s1', read: 'registries', what: 'registries', status: 403, code: 'AuthorizationFailed', message: 'Denied for Bearer ***' });
    assert.equal(maskSecrets('token eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln end'), 'token *** end');
    assert.equal(maskSecrets('access_token=abc&x=1'), 'access_token=***&x=1');
  });
});

void describe('cache invalidation scope', () => {
  void it('a record set write affects its zone, its zone’s A list and the subscription’s zone list, not the links or registries', () => {
    const record = `${zone}/A/myregistry`;
    assert.ok(affects(record, { scope: zone.toLowerCase() }));
    assert.ok(affects(record, { scope: `${zone}/a`.toLowerCase() }));
    assert.ok(affects(record, { scope: '/subscriptions/s1', resourceType: 'microsoft.network/privatednszones' }));
    assert.ok(!affects(record, { scope: `${zone}/virtualnetworklinks`.toLowerCase() }));
    assert.ok(!affects(record, { scope: '/subscriptions/s1', resourceType: 'microsoft.containerregistry/registries' }));
    assert.ok(!affects(record, { scope: '/subscriptions/s2', resourceType: 'microsoft.network/privatednszones' }));
    assert.ok(!affects(`${zone}/A/myregistry2`, { scope: `${zone}/a/myregistry`.toLowerCase() }));
  });

  void it('invalidating a whole subscription or resource group drops every list under it, whatever its type', () => {
    assert.ok(affects('/subscriptions/s1', { scope: '/subscriptions/s1', resourceType: 'microsoft.containerregistry/registries' }));
    assert.ok(affects('/subscriptions/s1/resourceGroups/rg', { scope: '/subscriptions/s1', resourceType: 'microsoft.containerregistry/registries' }));
    assert.ok(!affects('/subscriptions/s2', { scope: '/subscriptions/s1', resourceType: 'microsoft.containerregistry/registries' }));
  });

  void it('deleting a zone affects the lists under it', () => {
    assert.ok(affects(zone, { scope: `${zone}/a`.toLowerCase() }));
  });
});

void describe('concurrency limiter', () => {
  void it('runs at most `limit` tasks at once and starts the next as one finishes', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      limiter.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      });
    const all = Promise.all([task(), task(), task(), task()]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(releases.length, 2);
    releases.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(releases.length, 2);
    while (releases.length > 0) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await all;
    assert.equal(most, 2);
    assert.throws(() => new ConcurrencyLimiter(0));
  });
});
