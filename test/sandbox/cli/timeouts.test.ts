// The built checker against a sandbox that is slow, silent, throttling or untrusted: every run ends
// by a bound taken from its own configured timeouts, says what gave up and after how long, and exits
// 2 ("could not check"). Small timeouts keep these quick.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { raw } from '../helpers';
import { cliPath, runCli, writeReadyFile, type CliResult } from './runCli';

interface JsonReport {
  table: { fqdn: string; liveAnswer?: { status: string; message?: string } }[];
}

let sandbox: RunningSandbox;
let readyFile: string;
before(async () => {
  sandbox = await startSandbox({ scenario: 'seed' });
  readyFile = writeReadyFile(sandbox);
});
after(async () => sandbox.close());

/** Runs the checker with these timeouts (seconds) and how long it took, in ms. */
async function check(timeout: number, requestTimeout: number, ...extra: string[]): Promise<CliResult & { elapsedMs: number; boundMs: number }> {
  const started = performance.now();
  const r = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', readyFile, '--timeout', String(timeout), '--request-timeout', String(requestTimeout), ...extra]);
  // Generous: the configured deadline plus the time a loaded machine needs to start Node and load the CLI.
  return { ...r, elapsedMs: performance.now() - started, boundMs: timeout * 1000 + 20_000 };
}

/** Where the checker lists registries: Resource Graph's query, and ARM's list per subscription. */
const REGISTRY_LISTS = '(/providers/Microsoft\\.ContainerRegistry/registries|/providers/Microsoft\\.ResourceGraph/resources)$';
const fault = async (body: object): Promise<void> => assert.equal((await raw(sandbox, 'POST', '/_sandbox/faults', body)).status, 201);
const requests = async (): Promise<{ method: string; path: string; status: number; fault?: string }[]> =>
  ((await raw(sandbox, 'GET', '/_sandbox/requests')).json as { value: { method: string; path: string; status: number; fault?: string }[] }).value;

void describe('the checker under slow, silent and throttling Azure', () => {
  beforeEach(async () => {
    await raw(sandbox, 'DELETE', '/_sandbox/faults');
    await raw(sandbox, 'DELETE', '/_sandbox/dns/faults');
    await raw(sandbox, 'DELETE', '/_sandbox/requests');
  });

  void it('subscriptions listed by a server that never answers: RequestTimeout after one more try, each wait on stderr, exit 2', async () => {
    await fault({ method: 'GET', pathPattern: '^/subscriptions$', kind: 'noAnswer' });
    const r = await check(10, 0.5, '--no-dns');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /GET \/subscriptions failed \(no answer within 500 ms\); retrying in [\d.]+ m?s \(retry 1 of 3\)\./);
    assert.match(r.stderr, /Could not check: could not read subscriptions at \/subscriptions: Azure did not answer GET \/subscriptions within 500 ms \(the request timeout\) \[RequestTimeout\]\./);
    assert.equal(r.stdout, '');
    assert.deepEqual((await requests()).map((e) => e.fault), ['noAnswer', 'noAnswer']);
    assert.ok(r.elapsedMs < r.boundMs, `finished in ${Math.round(r.elapsedMs)} ms`);
  });

  void it('registries answered later than the request timeout: the search says which lists it could not read, exit 2', async () => {
    // The registries come from Resource Graph, and from ARM when it fails: both are slow here.
    await fault({ pathPattern: REGISTRY_LISTS, kind: 'slow', delayMs: 3_000 });
    const r = await check(10, 0.4, '--no-dns');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Could not check: No registry named myregistry in 2 subscription\(s\); could not list \/subscriptions\/[0-9a-f-]+: Azure did not answer GET \/subscriptions\/[0-9a-f-]+\/providers\/Microsoft\.ContainerRegistry\/registries within 400 ms/);
    assert.ok(r.elapsedMs < r.boundMs, `finished in ${Math.round(r.elapsedMs)} ms`);
  });

  void it('a check that cannot finish within --timeout gives up at the deadline with OperationTimedOut, exit 2', async () => {
    await fault({ pathPattern: REGISTRY_LISTS, kind: 'noAnswer' });
    const r = await check(1, 30, '--no-dns');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Gave up checking registry myregistry after 1 s \(the time allowed for one operation\)/);
    assert.doesNotMatch(r.stderr, /retrying/, 'no retry starts past the deadline');
    assert.ok(r.elapsedMs < r.boundMs, `finished in ${Math.round(r.elapsedMs)} ms`);
  });

  void it('a Retry-After longer than the time left fails at once as throttled, with the code, without waiting', async () => {
    await fault({ method: 'GET', pathPattern: '^/subscriptions$', kind: 'status', status: 429, headers: { 'Retry-After': '30' } });
    const r = await check(5, 2, '--no-dns');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Azure throttled GET \/subscriptions \(429 TooManyRequests\) and asked to wait 30 s, longer than the [\d.]+ m?s left of checking registry myregistry; not waited for/);
    assert.doesNotMatch(r.stderr, /retrying/);
    assert.deepEqual((await requests()).filter((e) => e.path === '/subscriptions').map((e) => e.status), [429], 'asked once');
  });

  void it('a throttled read with a short Retry-After succeeds after one wait, and stderr says so', async () => {
    await fault({ method: 'GET', pathPattern: '^/subscriptions$', kind: 'status', status: 429, headers: { 'Retry-After': '1' }, times: 1 });
    const r = await check(30, 5, '--no-dns');
    assert.equal(r.code, 1, r.stderr); // checked: the seed's missing eastus record
    assert.equal(r.stderr, 'Azure throttled the request (429, GET /subscriptions); retrying in 1 s (retry 1 of 3).\n');
    assert.match(r.stdout, /dns\.record\.missing/);
    assert.deepEqual((await requests()).filter((e) => e.path === '/subscriptions').map((e) => e.status), [429, 200]);
  });

  void it('an untrusted certificate is not retried: the next connection would have been trusted, yet the check ends, exit 2', async () => {
    await fault({ kind: 'tls', times: 1 });
    const r = await check(10, 5, '--no-dns');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Could not check: could not read subscriptions at \/subscriptions: unable to verify the first certificate \[UNABLE_TO_VERIFY_LEAF_SIGNATURE\]/);
    assert.doesNotMatch(r.stderr, /retrying/);
    assert.deepEqual((await requests()).filter((e) => e.path === '/subscriptions'), [], 'no request got through');
  });

  void it('Ctrl-C while Azure does not answer stops the check at once: "cancelled", exit 2', async () => {
    await fault({ method: 'GET', pathPattern: '^/subscriptions$', kind: 'noAnswer' });
    const child = spawn(process.execPath, [cliPath, 'check', '--registry', 'myregistry', '--sandbox-ready-file', readyFile, '--no-dns'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once the request is waiting in the sandbox.
    for (let i = 0; i < 200 && !(await requests()).some((e) => e.fault === 'noAnswer'); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    assert.equal(await exited, 2, stderr);
    assert.equal(stderr, 'Could not check: cancelled.\n');
  });

  void it('a DNS server that is down, slow or failing: the live answers say TIMEOUT or SERVFAIL, by the deadline', async () => {
    for (const [dnsFault, status] of [
      [{ kind: 'noAnswer' }, 'timeout'],
      [{ kind: 'slow', delayMs: 10_000 }, 'timeout'],
      [{ kind: 'servfail' }, 'servfail'],
    ] as const) {
      await raw(sandbox, 'DELETE', '/_sandbox/dns/faults');
      assert.equal((await raw(sandbox, 'POST', '/_sandbox/dns/faults', dnsFault)).status, 201);
      const r = await check(3, 5, '--json');
      assert.notEqual(r.code, 0, `${dnsFault.kind}: never healthy\n${r.stderr}`);
      const report = JSON.parse(r.stdout) as JsonReport;
      assert.ok(report.table.length > 0);
      assert.deepEqual([...new Set(report.table.map((row) => row.liveAnswer?.status))], [status], dnsFault.kind);
      assert.ok(r.elapsedMs < r.boundMs, `${dnsFault.kind}: finished in ${Math.round(r.elapsedMs)} ms`);
    }
  });
});
