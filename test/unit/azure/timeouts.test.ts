// Timeouts, deadlines and capped waits, through a real SDK client and a fake transport. Requests that
// never answer are held until their signal aborts, as the real transport is; waits are recorded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RestError, type PipelineRequest } from '@azure/core-rest-pipeline';
import { createArmClients } from '../../../src/azure/clients';
import { OPERATION_TIMED_OUT, REQUEST_TIMEOUT } from '../../../src/azure/errors';
import { operationOf, runOperation } from '../../../src/azure/operation';
import { RequestCache } from '../../../src/azure/requestCache';
import { describeRetry, type ArmRetryOptions, type RetryInfo } from '../../../src/azure/retryPolicy';
import { FakeArm, TARGET, armError, fakeCredential, type FakeReply } from './fakeArm';
import { recordSetAGet } from './examplePayloads';

const RG = 'resourceGroup1';
const ZONE = 'privatezone1.com';

/** A reply that never comes: the attempt ends only when its signal aborts (a timeout or the caller). */
function never(request: PipelineRequest): Promise<FakeReply> {
  return new Promise((_resolve, reject) => {
    const abort = (): void => reject(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }));
    if (request.abortSignal?.aborted) abort();
    request.abortSignal?.addEventListener('abort', abort, { once: true });
  });
}

function setup(reply: (request: PipelineRequest, attempt: number) => FakeReply | Promise<FakeReply>, retry: ArmRetryOptions = {}) {
  const fake = new FakeArm();
  let attempt = 0;
  fake.on('GET', '*/A/recorda', (r) => reply(r, attempt++));
  fake.on('PUT', '*/A/recorda', (r) => reply(r, attempt++));
  const delays: number[] = [];
  const retries: RetryInfo[] = [];
  const clients = createArmClients({
    target: TARGET,
    credential: fakeCredential,
    httpClient: fake,
    retry: { baseDelayMs: 10, maxDelayMs: 40, random: () => 0.5, delay: (ms) => (delays.push(ms), Promise.resolve()), onRetry: (i) => retries.push(i), ...retry },
  });
  const dns = clients.privateDns('subscriptionId');
  return { fake, delays, retries, get: (signal?: AbortSignal) => dns.recordSets.get(RG, ZONE, 'A', 'recorda', signal ? { abortSignal: signal } : {}), put: () => dns.recordSets.createOrUpdate(RG, ZONE, 'A', 'recorda', { ttl: 10 }, { ifNoneMatch: '*' }) };
}

const ok: FakeReply = { status: 200, body: recordSetAGet };
type Coded = { code?: string; statusCode?: number; message: string; name: string };

void describe('request timeouts', () => {
  void it('a read that gets no answer fails with RequestTimeout naming the request and the limit, after one more try', async () => {
    const { get, fake, retries } = setup(never, { requestTimeoutMs: 40 });
    await assert.rejects(get(), (e: Coded) => {
      assert.equal(e.code, REQUEST_TIMEOUT);
      assert.match(e.message, /did not answer GET \/subscriptions\/subscriptionId\/.*\/A\/recorda within 40 ms/);
      return true;
    });
    assert.equal(fake.sent.length, 2, 'tried once more, not maxRetries times');
    assert.match(retries[0]?.reason ?? '', /no answer within 40 ms/);
  });

  void it('a read that times out once and then answers succeeds', async () => {
    const { get, fake } = setup((r, n) => (n === 0 ? never(r) : ok), { requestTimeoutMs: 40 });
    assert.equal((await get()).name, 'recorda');
    assert.equal(fake.sent.length, 2);
  });

  void it('an attempt ends at the limit even when what runs beneath ignores its signal; so does a cancellation', async () => {
    const deaf = setup(() => new Promise<FakeReply>(() => undefined), { requestTimeoutMs: 30, maxRetries: 0 });
    await assert.rejects(deaf.get(), (e: Coded) => e.code === REQUEST_TIMEOUT);
    const controller = new AbortController();
    const cancelled = setup(() => (setTimeout(() => controller.abort(), 5), new Promise<FakeReply>(() => undefined)), { requestTimeoutMs: 60_000 });
    await assert.rejects(cancelled.get(controller.signal), (e: Coded) => e.name === 'AbortError');
  });

  void it('a write that times out is not sent again: it may have reached Azure', async () => {
    const { put, fake } = setup(never, { requestTimeoutMs: 40 });
    await assert.rejects(put(), (e: Coded) => e.code === REQUEST_TIMEOUT);
    assert.equal(fake.sent.length, 1);
  });

  void it("the caller's cancellation during an attempt stays a cancellation, not a timeout, and is not retried", async () => {
    const controller = new AbortController();
    const { get, fake } = setup((r) => (setTimeout(() => controller.abort(), 5), never(r)), { requestTimeoutMs: 10_000 });
    await assert.rejects(get(controller.signal), (e: Coded) => e.name === 'AbortError');
    assert.equal(fake.sent.length, 1);
  });

  void it('TLS failures are not retried; a reset connection is', async () => {
    const tls = setup(() => {
      throw new RestError('unable to verify the first certificate', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    });
    await assert.rejects(tls.get(), (e: Coded) => e.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.equal(tls.fake.sent.length, 1);
    const handshake = setup(() => {
      throw new RestError('write EPROTO SSL routines:ssl3_get_record:wrong version number', { code: 'EPROTO' });
    });
    await assert.rejects(handshake.get(), (e: Coded) => e.code === 'EPROTO');
    assert.equal(handshake.fake.sent.length, 1);
    const reset = setup((_r, n) => {
      if (n === 0) throw new RestError('socket hang up', { code: 'ECONNRESET' });
      return ok;
    });
    assert.equal((await reset.get()).name, 'recorda');
    assert.equal(reset.fake.sent.length, 2);
  });
});

void describe('operation deadlines', () => {
  void it('a request in flight at the deadline fails with OperationTimedOut naming the operation and its limit', async () => {
    const { get, fake } = setup(never, { requestTimeoutMs: 10_000 });
    await assert.rejects(runOperation('loading the details of registry myregistry', 60, undefined, (signal) => get(signal)), (e: Coded) => {
      assert.equal(e.code, OPERATION_TIMED_OUT);
      assert.equal(e.message, 'Gave up loading the details of registry myregistry after 60 ms (the time allowed for one operation).');
      return true;
    });
    assert.equal(fake.sent.length, 1, 'no attempt is started past the deadline');
  });

  void it('an operation named by a function is named in its timeout as a phrase would be; one that ends in time never makes the phrase', async () => {
    let made = 0;
    const name = (): string => {
      made++;
      return 'loading the details of registry lazy';
    };
    const { get } = setup(never, { requestTimeoutMs: 10_000 });
    await assert.rejects(runOperation(name, 60, undefined, (signal) => get(signal)), (e: Coded) => {
      assert.equal(e.code, OPERATION_TIMED_OUT);
      assert.equal(e.message, 'Gave up loading the details of registry lazy after 60 ms (the time allowed for one operation).');
      return true;
    });
    assert.equal(made, 1, 'made once, for the message');
    made = 0;
    const answered = setup(() => ok);
    assert.equal((await runOperation(name, 60_000, undefined, (signal) => answered.get(signal))).name, 'recorda');
    assert.equal(made, 0);
  });

  void it('a Retry-After beyond what is left of the operation fails at once as throttled, with the status and code', async () => {
    const { get, fake, delays } = setup(() => armError(429, 'TooManyRequests', 'Throttled', { 'retry-after': '5' }));
    await assert.rejects(runOperation('listing subscriptions', 1_000, undefined, (signal) => get(signal)), (e: Coded) => {
      assert.equal(e.statusCode, 429);
      assert.equal(e.code, 'TooManyRequests');
      // Within the same millisecond the whole second is still left, and is said as `1 s`.
      assert.match(e.message, /asked to wait 5 s, longer than the (\d+ ms|1 s) left of listing subscriptions/);
      return true;
    });
    assert.deepEqual(delays, [], 'never waited');
    assert.equal(fake.sent.length, 1);
  });

  void it('a Retry-After beyond the cap fails at once with the code Azure sent', async () => {
    const { get, delays } = setup(() => armError(429, 'SubscriptionRequestsThrottled', 'Throttled', { 'retry-after': '120' }), { maxRetryAfterMs: 30_000 });
    await assert.rejects(get(), (e: Coded) => e.statusCode === 429 && e.code === 'SubscriptionRequestsThrottled' && /asked to wait 120 s, longer than the 30 s we wait at most/.test(e.message));
    assert.deepEqual(delays, []);
  });

  void it('a short Retry-After within the deadline is waited for once, and the wait is told', async () => {
    const { get, delays, retries } = setup((_r, n) => (n === 0 ? armError(429, 'TooManyRequests', 'Throttled', { 'retry-after': '2' }) : ok));
    assert.equal((await runOperation('listing subscriptions', 60_000, undefined, (signal) => get(signal))).name, 'recorda');
    assert.deepEqual(delays, [2_000]);
    assert.equal(retries.length, 1);
    assert.equal(retries[0]?.throttled, true);
    assert.match(describeRetry(retries[0]!), /^Azure throttled the request \(429, GET \/subscriptions\/.*\/A\/recorda\); retrying in 2 s \(retry 1 of 3\)\.$/);
  });

  void it('a backoff that would end past the deadline is not started: the answer Azure gave is the error', async () => {
    const { get, fake, delays } = setup(() => armError(503, 'ServiceUnavailable', 'busy'), { baseDelayMs: 5_000, maxDelayMs: 5_000 });
    await assert.rejects(runOperation('reading registry r', 1_000, undefined, (signal) => get(signal)), (e: Coded) => e.statusCode === 503);
    assert.deepEqual(delays, []);
    assert.equal(fake.sent.length, 1);
  });

  void it('a task that waits on something without a deadline is abandoned shortly after it, with OperationTimedOut', async () => {
    let seen: AbortSignal | undefined;
    await assert.rejects(
      runOperation('checking registry r', 30, undefined, (signal) => {
        seen = signal;
        return new Promise(() => undefined);
      }),
      (e: Coded) => e.code === OPERATION_TIMED_OUT,
    );
    assert.equal(seen?.aborted, true, "the task's signal is aborted so its work stops");
  });

  void it('a read shared through the request cache runs under the deadline of the operation that started it', async () => {
    const { get, fake, delays } = setup(() => armError(429, 'TooManyRequests', 'Throttled', { 'retry-after': '5' }));
    const cache = new RequestCache(60_000);
    await assert.rejects(
      runOperation('reading registry shared', 1_000, undefined, (signal) => cache.get('record', { scope: '/subscriptions/subscriptionId' }, (shared) => get(shared), signal)),
      (e: Coded) => e.statusCode === 429 && /asked to wait 5 s, longer than the (\d+ ms|1 s) left of reading registry shared/.test(e.message),
    );
    assert.deepEqual(delays, [], 'the retry policy knew the deadline: it never waited');
    assert.equal(fake.sent.length, 1);
  });

  void it("an inner operation keeps the outer, earlier deadline; the caller's signal cancels", async () => {
    await runOperation('outer', 1_000, undefined, async (outerSignal) => {
      const outer = operationOf(outerSignal);
      assert.equal(outer?.what, 'outer');
      await runOperation('inner', 60_000, outerSignal, async (innerSignal) => {
        assert.equal(operationOf(innerSignal), outer);
      });
      // A shorter inner operation has a deadline of its own.
      await runOperation('short inner', 100, outerSignal, async (innerSignal) => {
        assert.equal(operationOf(innerSignal)?.what, 'short inner');
      });
    });
    const controller = new AbortController();
    const p = runOperation('cancelled', 60_000, controller.signal, (signal) => new Promise((_r, reject) => signal?.addEventListener('abort', () => reject(Object.assign(new Error('x'), { name: 'AbortError' })))));
    controller.abort();
    await assert.rejects(p, (e: Coded) => e.name === 'AbortError');
  });
});
