// The loader (what the tree and the status panel read through) against a sandbox that is slow, silent
// or untrusted, over HTTPS through the real SDKs: every load ends by a bound taken from its own
// configured timeouts, a read that gave up is an error naming the resource and the code beside what
// was read, and cancelling stops a load.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ArmLoadError, createAzureServices, createSandboxCredential, type AzureServices } from '../../../src/azure';
import type { Registry } from '../../../src/model/types';
import { SEED, SUBSCRIPTION_PRODUCTION, startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { raw } from '../helpers';

const REGISTRY_ID = `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${SEED.registry}`;
const ZONE_ID = `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.Network/privateDnsZones/${SEED.zone}`;

function connect(sb: RunningSandbox, requestTimeoutMs: number, operationTimeoutMs: number): AzureServices {
  return createAzureServices({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
    credential: createSandboxCredential(),
    inventorySource: 'arm',
    cacheTtlMs: 0,
    pollIntervalMs: 1,
    requestTimeoutMs,
    operationTimeoutMs,
    retry: { baseDelayMs: 10, maxDelayMs: 20 },
  });
}

/** `task`'s result and whether it ended within `boundMs` (generous: the configured limit and then some). */
async function timed<T>(boundMs: number, task: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await task();
  } finally {
    const elapsed = performance.now() - started;
    assert.ok(elapsed < boundMs, `ended in ${Math.round(elapsed)} ms, bound ${boundMs} ms`);
  }
}

void describe('sandbox: the loader under slow, silent and untrusted Azure', () => {
  let sb: RunningSandbox;
  let registry: Registry;
  const fault = async (body: object): Promise<void> => assert.equal((await raw(sb, 'POST', '/_sandbox/faults', body)).status, 201);
  before(async () => {
    sb = await startSandbox({ scenario: 'seed' });
    registry = await connect(sb, 5_000, 10_000).loader.getRegistry(REGISTRY_ID);
  });
  after(async () => sb.close());
  beforeEach(async () => {
    await raw(sb, 'DELETE', '/_sandbox/faults');
    await raw(sb, 'DELETE', '/_sandbox/requests');
  });

  void it("a zone's record sets that never come: the details name that read with RequestTimeout, the rest is read", async () => {
    await fault({ method: 'GET', pathPattern: '/privateDnsZones/privatelink\\.azurecr\\.io/A$', kind: 'noAnswer' });
    // Long enough for every other read on a busy machine: only the silent one may time out.
    const details = await timed(20_000, () => connect(sb, 2_000, 15_000).loader.loadRegistryDetails(registry));
    const error = details.errors.find((e) => e.scope === ZONE_ID && e.what === 'A records');
    assert.equal(error?.code, 'RequestTimeout', JSON.stringify(details.errors));
    assert.match(error?.message ?? '', /did not answer GET .*\/A within 2 s/);
    assert.equal(details.errors.length, 1, 'nothing else failed');
    assert.deepEqual(details.privateEndpoints.map((e) => e.name), ['myPrivateEndpoint']);
    assert.deepEqual(details.privateDnsZones.map((z) => z.id), [ZONE_ID]);
  });

  void it("record sets slower than the operation's deadline: OperationTimedOut names the load and its limit", async () => {
    await fault({ method: 'GET', pathPattern: '/privateDnsZones/privatelink\\.azurecr\\.io/A$', kind: 'slow', delayMs: 5_000 });
    const details = await timed(10_000, () => connect(sb, 30_000, 800).loader.loadRegistryDetails(registry));
    const error = details.errors.find((e) => e.what === 'A records');
    assert.equal(error?.code, 'OperationTimedOut');
    assert.equal(error?.message, 'Gave up loading the details of registry myregistry after 800 ms (the time allowed for one operation).');
  });

  void it('a level of the tree whose list never comes fails as that node: an ArmLoadError with RequestTimeout', async () => {
    await fault({ method: 'GET', pathPattern: '/providers/Microsoft.ContainerRegistry/registries$', kind: 'noAnswer' });
    await timed(10_000, () =>
      assert.rejects(connect(sb, 250, 10_000).loader.listRegistriesPage(SUBSCRIPTION_PRODUCTION), (e: ArmLoadError) => {
        assert.ok(e instanceof ArmLoadError);
        assert.deepEqual([e.loadError.scope, e.loadError.what, e.loadError.code], [`/subscriptions/${SUBSCRIPTION_PRODUCTION}`, 'registries', 'RequestTimeout']);
        return true;
      }),
    );
  });

  void it('cancelling a load while Azure does not answer ends it at once with an AbortError', async () => {
    await fault({ method: 'GET', pathPattern: '/providers/Microsoft.ContainerRegistry/registries$', kind: 'noAnswer' });
    const controller = new AbortController();
    const load = connect(sb, 60_000, 120_000).loader.listRegistriesPage(SUBSCRIPTION_PRODUCTION, { signal: controller.signal });
    for (let i = 0; i < 200; i++) {
      const log = (await raw(sb, 'GET', '/_sandbox/requests')).json as { value: { fault?: string }[] };
      if (log.value.some((e) => e.fault === 'noAnswer')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    controller.abort();
    await timed(5_000, () => assert.rejects(load, (e: Error) => e.name === 'AbortError'));
  });

  void it('an untrusted certificate fails the read at once with its TLS code, and is not retried', async () => {
    await fault({ kind: 'tls', times: 1 });
    await assert.rejects(connect(sb, 5_000, 10_000).loader.listSubscriptions(), (e: ArmLoadError) => e.loadError.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    // Only the subscription list counts: a slow read an earlier test gave up on can still end (and be
    // logged) now, seconds later.
    const log = (await raw(sb, 'GET', '/_sandbox/requests')).json as { value: { method: string; path: string }[] };
    const listings = log.value.filter((e) => /^\/subscriptions\/?(\?|$)/.test(e.path));
    assert.deepEqual(listings, [], 'no request got through, and no second connection was tried');
  });
});
