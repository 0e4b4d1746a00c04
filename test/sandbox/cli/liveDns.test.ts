// Live resolution through node:dns against the sandbox's DNS server, which answers as a VM in
// myDockerVMVNET would (the seed document's `dig` step).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLiveResolver, resolveAllLive, resolveLive } from '../../../src/diagnosis';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await startSandbox({ scenario: 'seed' });
});
after(async () => {
  await sandbox.close();
});

void test('myregistry.azurecr.io resolves through the privatelink CNAME to the endpoint IP 10.0.0.7', async () => {
  const resolver = createLiveResolver({ servers: [sandbox.dnsServer], timeoutMs: 2000 });
  const answer = await resolveLive(resolver, 'myregistry.azurecr.io');
  assert.equal(answer.status, 'ok');
  assert.deepEqual(answer.chain.slice(0, 2), ['myregistry.azurecr.io', 'myregistry.privatelink.azurecr.io']);
  assert.deepEqual(answer.addresses, ['10.0.0.7']);
  assert.equal(answer.addressClass, 'private');
  assert.equal(answer.server, sandbox.dnsServer);
});

void test('the eastus data endpoint, whose record is missing, is NXDOMAIN — the "unresolvable host"', async () => {
  const resolver = createLiveResolver({ servers: [sandbox.dnsServer], timeoutMs: 2000 });
  const [westeurope, eastus] = await resolveAllLive(resolver, ['myregistry.westeurope.data.azurecr.io', 'myregistry.eastus.data.azurecr.io']);
  assert.deepEqual(westeurope?.addresses, ['10.0.0.6']);
  assert.equal(eastus?.status, 'nxdomain');
});
