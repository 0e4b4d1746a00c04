// The retry policy, through a real SDK client and a fake transport; waits are recorded, not slept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createArmClients } from '../../../src/azure/clients';
import { retryAfterMs } from '../../../src/azure/retryPolicy';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { FakeArm, TARGET, armError, fakeCredential, type FakeReply } from './fakeArm';
import { recordSetAGet } from './examplePayloads';

const RG = 'resourceGroup1';
const ZONE = 'privatezone1.com';

function setup(replies: FakeReply[], retry: { maxRetries?: number; maxRetryAfterMs?: number } = {}) {
  const fake = new FakeArm();
  let i = 0;
  fake.on('GET', '*/A/recorda', () => replies[Math.min(i++, replies.length - 1)]!);
  fake.on('PUT', '*/A/recorda', () => replies[Math.min(i++, replies.length - 1)]!);
  const delays: number[] = [];
  const clients = createArmClients({
    target: TARGET,
    credential: fakeCredential,
    httpClient: fake,
    retry: { ...retry, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5, delay: (ms) => (delays.push(ms), Promise.resolve()) },
  });
  return { fake, delays, clients, dns: clients.privateDns('subscriptionId') };
}

const ok: FakeReply = { status: 200, body: recordSetAGet };

void describe('retry policy', () => {
  void it('429 with Retry-After waits as long as ARM says, then succeeds', async () => {
    const { dns, delays, clients } = setup([armError(429, 'TooManyRequests', 'Throttled', { 'retry-after': '7' }), ok]);
    const r = await dns.recordSets.get(RG, ZONE, 'A', 'recorda');
    assert.equal(r.name, 'recorda');
    assert.deepEqual(delays, [7_000]);
    assert.deepEqual([clients.stats.requests, clients.stats.retries], [2, 1]);
  });

  void it('429 without Retry-After backs off exponentially, a bounded number of times', async () => {
    const { dns, delays, fake } = setup([armError(429, 'TooManyRequests', 'Throttled')], { maxRetries: 3 });
    await assert.rejects(dns.recordSets.get(RG, ZONE, 'A', 'recorda'), (e: { statusCode?: number }) => e.statusCode === 429);
    assert.deepEqual(delays, [100, 200, 400]);
    assert.equal(fake.sent.length, 4);
  });

  void it('5xx on a read is retried with backoff capped at the maximum delay', async () => {
    const { dns, delays } = setup([armError(500, 'InternalServerError', 'boom'), armError(502, 'BadGateway', 'x'), armError(503, 'ServiceUnavailable', 'y'), armError(504, 'GatewayTimeout', 'z'), armError(500, 'E', 'e'), ok], { maxRetries: 5 });
    await dns.recordSets.get(RG, ZONE, 'A', 'recorda');
    assert.deepEqual(delays, [100, 200, 400, 800, 1_000]);
  });

  void it('a Retry-After beyond the cap is not waited for: the 429 goes back to the caller', async () => {
    const { dns, delays } = setup([armError(429, 'TooManyRequests', 'Throttled', { 'retry-after': '3600' }), ok], { maxRetryAfterMs: 60_000 });
    await assert.rejects(dns.recordSets.get(RG, ZONE, 'A', 'recorda'), (e: { statusCode?: number }) => e.statusCode === 429);
    assert.deepEqual(delays, []);
  });

  void it('412 is never retried, and neither is a 5xx on a write', async () => {
    const conflict = setup([armError(412, 'PreconditionFailed', 'etag mismatch'), ok]);
    await assert.rejects(conflict.dns.recordSets.createOrUpdate(RG, ZONE, 'A', 'recorda', { ttl: 10 }, { ifMatch: '"old"' }), (e: { statusCode?: number }) => e.statusCode === 412);
    assert.equal(conflict.fake.sent.length, 1);
    const broken = setup([armError(500, 'InternalServerError', 'boom'), ok]);
    await assert.rejects(broken.dns.recordSets.createOrUpdate(RG, ZONE, 'A', 'recorda', { ttl: 10 }, { ifNoneMatch: '*' }), (e: { statusCode?: number }) => e.statusCode === 500);
    assert.equal(broken.fake.sent.length, 1);
  });

  void it('a write throttled with 429 is retried: ARM rejected it before doing anything', async () => {
    const { dns, fake } = setup([armError(429, 'TooManyRequests', 'Throttled'), ok]);
    await dns.recordSets.createOrUpdate(RG, ZONE, 'A', 'recorda', { ttl: 10 }, { ifNoneMatch: '*' });
    assert.equal(fake.requests('PUT').length, 2);
    assert.equal(fake.requests('PUT')[1]?.headers['if-none-match'], '*');
  });

  void it('cancelling while waiting to retry ends the request at once', async () => {
    const fake = new FakeArm().on('GET', '*/A/recorda', armError(503, 'ServiceUnavailable', 'busy', { 'retry-after': '30' }));
    const controller = new AbortController();
    const clients = createArmClients({
      target: TARGET,
      credential: fakeCredential,
      httpClient: fake,
      retry: {
        delay: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
            controller.abort();
          }),
      },
    });
    await assert.rejects(clients.privateDns('s').recordSets.get(RG, ZONE, 'A', 'recorda', { abortSignal: controller.signal }), (e: Error) => e.name === 'AbortError');
    assert.equal(fake.sent.length, 1);
  });

  void it('reads Retry-After in seconds, as an HTTP date, and the millisecond variants', () => {
    const response = (headers: Record<string, string>) => ({ request: createPipelineRequest({ url: 'https://x' }), status: 429, headers: createHttpHeaders(headers) });
    assert.equal(retryAfterMs(response({ 'retry-after': '2' })), 2_000);
    assert.equal(retryAfterMs(response({ 'retry-after-ms': '250' })), 250);
    assert.equal(retryAfterMs(response({ 'x-ms-retry-after-ms': '40' })), 40);
    assert.equal(retryAfterMs(response({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }), () => Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 5_000);
    assert.equal(retryAfterMs(response({})), undefined);
  });

  void it('every client asks for the target scope and has only our retry policy in the retry phase', async () => {
    const scopes = new Set<string>();
    const fake = new FakeArm().on('GET', '*', { status: 200, body: { value: [] } });
    const clients = createArmClients({
      target: TARGET,
      credential: { getToken: (s) => (scopes.add([s].flat().join(' ')), fakeCredential.getToken(s)) },
      httpClient: fake,
    });
    await clients.subscriptions().subscriptions.list().next();
    await clients.network('s').privateEndpoints.listBySubscription().next();
    await clients.privateDns('s').privateZones.list().next();
    await clients.containerRegistry('s').registries.list().next();
    assert.deepEqual([...scopes], ['https://management.example.test/.default']);
    assert.ok(fake.sent.every((r) => r.headers['authorization']?.startsWith('Bearer ')));
    for (const client of [clients.subscriptions(), clients.network('s'), clients.privateDns('s'), clients.containerRegistry('s')]) {
      const names = client.pipeline.getOrderedPolicies().map((p) => p.name);
      assert.ok(names.includes('armRetryPolicy'), names.join(', '));
      assert.ok(!names.includes('defaultRetryPolicy') && !names.includes('exponentialRetryPolicy') && !names.includes('throttlingRetryPolicy'), names.join(', '));
    }
  });
});
