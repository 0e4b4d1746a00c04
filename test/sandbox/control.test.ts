// The control API: faults observable exactly as injected, latency, the request log, reset, paging.

import { after, before, beforeEach, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import type { RunningSandbox } from '../../src/sandbox';
import { arm, BEARER, clients, raw, RG, SUB1, withSandbox, type Clients } from './helpers';

const registryPath = `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/myregistry`;
const CV = 'api-version=2025-11-01';

void describe('sandbox: control API', () => {
  let sb: RunningSandbox;
  let c: Clients;
  before(async () => ({ sb, c } = await withSandbox({ scenario: 'seed' })));
  after(async () => sb.close());
  beforeEach(async () => {
    await raw(sb, 'DELETE', '/_sandbox/faults');
    await raw(sb, 'DELETE', '/_sandbox/requests');
    await raw(sb, 'POST', '/_sandbox/latency', { ms: 0 });
  });

  void it('a status fault answers exactly the injected status, headers and body, for N times', async () => {
    const fault = await raw(sb, 'POST', '/_sandbox/faults', { pathPattern: '/registries/myregistry$', kind: 'status', status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } }, times: 2 });
    assert.equal(fault.status, 201);
    for (let i = 0; i < 2; i++) {
      const res = await arm(sb, 'GET', `${registryPath}?${CV}`);
      assert.equal(res.status, 429);
      assert.equal(res.headers['retry-after'], '7');
      assert.deepEqual(res.json, { error: { code: 'TooManyRequests', message: 'slow down' } });
    }
    assert.equal((await arm(sb, 'GET', `${registryPath}?${CV}`)).status, 200);
  });

  void it('the SDK retries a 503 with Retry-After and then succeeds; the log shows both attempts', async () => {
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'GET', pathPattern: '/registries/myregistry$', kind: 'status', status: 503, headers: { 'Retry-After': '0' }, times: 1 });
    const reg = await c.acr.registries.get(RG, 'myregistry');
    assert.equal(reg.name, 'myregistry');
    const log = (await raw(sb, 'GET', '/_sandbox/requests')).json as { value: { path: string; status: number; apiVersion: string; durationMs: number }[] };
    assert.deepEqual(log.value.map((e) => e.status), [503, 200]);
    assert.equal(log.value[0]?.apiVersion, '2025-11-01');
    assert.equal(typeof log.value[0]?.durationMs, 'number');
  });

  void it('a method filter leaves other methods alone', async () => {
    await raw(sb, 'POST', '/_sandbox/faults', { method: 'PATCH', pathPattern: '/registries/myregistry', kind: 'status', status: 500 });
    assert.equal((await arm(sb, 'GET', `${registryPath}?${CV}`)).status, 200);
    assert.equal((await arm(sb, 'PATCH', `${registryPath}?${CV}`, { properties: {} })).status, 500);
  });

  void it('a reset fault drops the connection', async () => {
    await raw(sb, 'POST', '/_sandbox/faults', { pathPattern: '/registries/myregistry$', kind: 'reset', times: 1 });
    await assert.rejects(arm(sb, 'GET', `${registryPath}?${CV}`), (e: NodeJS.ErrnoException) => ['ECONNRESET', 'EPIPE'].includes(e.code ?? '') || /socket hang up/.test(e.message));
    assert.equal((await arm(sb, 'GET', `${registryPath}?${CV}`)).status, 200);
  });

  void it('a slow fault delays the answer by delayMs', async () => {
    await raw(sb, 'POST', '/_sandbox/faults', { pathPattern: '/registries/myregistry$', kind: 'slow', delayMs: 300, times: 1 });
    const t = performance.now();
    assert.equal((await arm(sb, 'GET', `${registryPath}?${CV}`)).status, 200);
    assert.ok(performance.now() - t >= 290, 'took at least the injected delay');
  });

  void it('a malformed fault sends a body that is not JSON; the SDK reports an error', async () => {
    await raw(sb, 'POST', '/_sandbox/faults', { pathPattern: '/registries/myregistry$', kind: 'malformed', times: 2 });
    const res = await arm(sb, 'GET', `${registryPath}?${CV}`);
    assert.equal(res.status, 200);
    assert.throws(() => JSON.parse(res.text) as unknown);
    await assert.rejects(c.acr.registries.get(RG, 'myregistry'));
  });

  void it('a noAnswer fault reads the request and never answers; the log shows it unanswered', async () => {
    await raw(sb, 'POST', '/_sandbox/faults', { pathPattern: '/registries/myregistry$', kind: 'noAnswer', times: 1 });
    const unanswered = await new Promise<string>((resolve, reject) => {
      const req = https.request(new URL(`${registryPath}?${CV}`, sb.armEndpoint), { ca: sb.caCertPem, headers: BEARER, agent: false }, () => reject(new Error('answered')));
      req.setTimeout(300, () => {
        req.destroy();
        resolve('no answer within 300 ms');
      });
      req.on('error', () => undefined);
      req.end();
    });
    assert.equal(unanswered, 'no answer within 300 ms');
    const log = (await raw(sb, 'GET', '/_sandbox/requests')).json as { value: { path: string; status: number; fault?: string }[] };
    assert.deepEqual(log.value.map((e) => [e.status, e.fault]), [[0, 'noAnswer']]);
    assert.equal((await arm(sb, 'GET', `${registryPath}?${CV}`)).status, 200, 'the next request is answered');
  });

  void it('a tls fault offers the next connection a certificate no client trusts; the one after is trusted again', async () => {
    const rule = await raw(sb, 'POST', '/_sandbox/faults', { kind: 'tls', times: 1 });
    assert.equal(rule.status, 201);
    const fresh = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = https.request(new URL(`${registryPath}?${CV}`, sb.armEndpoint), { ca: sb.caCertPem, headers: BEARER, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    await assert.rejects(fresh(), (e: NodeJS.ErrnoException) => e.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.equal(await fresh(), 200);
    assert.deepEqual((await raw(sb, 'GET', '/_sandbox/faults')).json, { value: [] });
  });

  void it('latency applies to every ARM request', async () => {
    await raw(sb, 'POST', '/_sandbox/latency', { ms: 150 });
    const t = performance.now();
    await arm(sb, 'GET', `${registryPath}?${CV}`);
    assert.ok(performance.now() - t >= 140);
  });

  void it('rejects a fault with a bad pattern or kind', async () => {
    assert.equal((await raw(sb, 'POST', '/_sandbox/faults', { pathPattern: '(', kind: 'status' })).status, 400);
    assert.equal((await raw(sb, 'POST', '/_sandbox/faults', { pathPattern: 'x', kind: 'explode' })).status, 400);
    assert.equal((await raw(sb, 'POST', '/_sandbox/faults', { kind: 'noAnswer' })).status, 400, 'a request fault needs its path pattern');
    assert.equal((await raw(sb, 'POST', '/_sandbox/dns/faults', { kind: 'explode' })).status, 400);
    assert.equal((await raw(sb, 'POST', '/_sandbox/dns/faults', { kind: 'slow', namePattern: '(' })).status, 400);
    assert.equal((await raw(sb, 'POST', '/_sandbox/dns/faults', { kind: 'slow', delayMs: -1 })).status, 400);
  });

  void it('reset returns to a scenario and paging follows the page size', async () => {
    assert.equal((await arm(sb, 'DELETE', `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.Network/privateEndpoints/myPrivateEndpoint?api-version=2025-05-01`)).status, 202);
    const reset = await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'seed' });
    assert.equal(reset.status, 200);
    assert.equal((await arm(sb, 'GET', `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.Network/privateEndpoints/myPrivateEndpoint?api-version=2025-05-01`)).status, 200);
    await raw(sb, 'POST', '/_sandbox/paging', { pageSize: 1 });
    const page = (await arm(sb, 'GET', '/subscriptions?api-version=2022-12-01')).json as { value: unknown[]; nextLink?: string };
    assert.equal(page.value.length, 1);
    assert.ok(page.nextLink?.startsWith(sb.armEndpoint));
    const next = (await arm(sb, 'GET', (page.nextLink ?? '').slice(sb.armEndpoint.length))).json as { value: unknown[]; nextLink?: string };
    assert.equal(next.value.length, 1);
    assert.equal(next.nextLink, undefined);
    await raw(sb, 'POST', '/_sandbox/paging', { pageSize: 100 });
  });

  void it('reset to empty leaves registries and VNets but no endpoints', async () => {
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'empty' });
    const fresh = clients(sb);
    assert.equal((await fresh.acr.registries.get(RG, 'myregistry')).privateEndpointConnections?.length ?? 0, 0);
    const state = (await raw(sb, 'GET', '/_sandbox/state')).json as { privateEndpoints: object; privateDnsZones: object; virtualNetworks: object };
    assert.deepEqual([Object.keys(state.privateEndpoints).length, Object.keys(state.privateDnsZones).length], [0, 0]);
    assert.equal(Object.keys(state.virtualNetworks).length, 2);
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'seed' });
  });
});
