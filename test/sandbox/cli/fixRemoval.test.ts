// The checker's --fix removal policy against the seed scenario: an IP is removed from a record set
// only when no private endpoint serves it as read in the same check, and never when a read that could
// show one failed. Expectations come from the sandbox's record sets, not from the checker's report.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { arm, raw } from '../helpers';
import { runCli, writeReadyFile } from './runCli';

const zone = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io';

let sandbox: RunningSandbox;
let readyFile: string;
before(async () => {
  sandbox = await startSandbox({ scenario: 'seed' });
  readyFile = writeReadyFile(sandbox);
});
after(async () => sandbox.close());
beforeEach(async () => {
  assert.equal((await raw(sandbox, 'POST', '/_sandbox/reset', { scenario: 'seed' })).status, 200);
  // A dead IP next to the endpoint's own in the registry's record set.
  const put = await arm(sandbox, 'PUT', `${zone}/A/myregistry?api-version=2024-06-01`, { properties: { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.7' }, { ipv4Address: '10.0.0.99' }] } });
  assert.equal(put.status, 200);
});

async function recordIps(name: string): Promise<string[]> {
  const r = await arm(sandbox, 'GET', `${zone}/A/${name}?api-version=2024-06-01`);
  return r.status === 200 ? ((r.json as { properties: { aRecords: { ipv4Address: string }[] } }).properties.aRecords.map((a) => a.ipv4Address)) : [];
}

void test('--fix --yes removes the IP no endpoint serves, says so as a removal, keeps the endpoint\'s IP, and adds the missing record', async () => {
  const r = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', readyFile, '--no-dns', '--fix', '--yes']);
  assert.match(r.stdout, /fix \(applied by --fix --yes\): Remove 10\.0\.0\.99 from myregistry \(no endpoint serves it\)/);
  assert.match(r.stdout, /applied {4}remove 10\.0\.0\.99 \(no endpoint serves it\) from A myregistry/);
  assert.deepEqual(await recordIps('myregistry'), ['10.0.0.7']);
  assert.deepEqual(await recordIps('myregistry.eastus.data'), ['10.0.0.5']);
});

void test('when the network interfaces cannot be read, --fix removes nothing: the removal needs a person, and the record keeps both IPs', async () => {
  // Resource Graph answers the NICs first; when it fails the loader reads them from ARM, which refuses.
  for (const [method, pathPattern] of [['GET', '/networkInterfaces'], ['POST', '/providers/Microsoft\\.ResourceGraph/resources$']]) {
    assert.equal((await raw(sandbox, 'POST', '/_sandbox/faults', { kind: 'status', method, status: 403, pathPattern })).status, 201);
  }
  try {
    const r = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', readyFile, '--no-dns', '--fix', '--yes']);
    assert.match(r.stdout, /fix \(needs a person; not applied by --fix\): Remove 10\.0\.0\.99 from myregistry/);
    assert.doesNotMatch(r.stdout, /applied {4}remove/);
    assert.deepEqual((await recordIps('myregistry')).sort(), ['10.0.0.7', '10.0.0.99']);
  } finally {
    await raw(sandbox, 'DELETE', '/_sandbox/faults');
  }
});
