// Unknown is not missing, as a person reads the CLI: the zone's A-record listing answers 500 every
// time, so the records are "could not check" (not missing), the failed read is named with its status
// and code, the exit code is 2, and --fix --yes writes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED, startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { inject, recordIps, removedIps, resetWorld, sandboxState, writesReceived } from '../faultWorld';
import { runCli, writeReadyFile } from './runCli';

let sandbox: RunningSandbox;
let readyFile: string;
before(async () => {
  sandbox = await startSandbox({ scenario: 'seed' });
  readyFile = writeReadyFile(sandbox);
});
after(async () => {
  await sandbox.close();
});

async function recordsFail(): Promise<void> {
  await resetWorld(sandbox);
  await inject(sandbox, {
    method: 'GET',
    pathPattern: '/privateDnsZones/privatelink\\.azurecr\\.io/A$',
    status: 500,
    body: { error: { code: 'InternalServerError', message: 'The zone service failed.' } },
  });
  // Resource Graph answers record sets too: refused, so the records are listed from ARM.
  await inject(sandbox, { method: 'POST', pathPattern: '/providers/Microsoft\\.ResourceGraph/resources', status: 403, body: { error: { code: 'AuthorizationFailed', message: 'Injected.' } } });
}

void test('the text says "could not check" for every record, names the failed read, and exits 2', async () => {
  await recordsFail();
  const r = await runCli(['check', '--registry', SEED.registry, '--sandbox-ready-file', readyFile, '--no-dns']);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /myregistry\.eastus\.data\.azurecr\.io\s+myDockerVMVNET\s+10\.0\.0\.5\s+-\s+UNKNOWN\s+-\s+could not check/);
  assert.doesNotMatch(r.stdout, /dns\.record\.missing|NXDOMAIN|\smissing$/m);
  assert.match(r.stdout, /Could not read:\n {2}A records of \/subscriptions\/[^ ]+\/privateDnsZones\/privatelink\.azurecr\.io: 500 InternalServerError — The zone service failed\./);
  assert.match(r.stdout, /WARN {2}check\.unreadable .*privatelink\.azurecr\.io\n.*Could not check: the A records of privatelink\.azurecr\.io could not be read \(500 InternalServerError\).*Azure failed to answer; retry later\./);
  assert.match(r.stdout, /Could not check everything: 0 error\(s\), 1 warning\(s\), 3 note\(s\); 3 verdict\(s\) could not be checked, 1 read\(s\) failed\./);
});

void test('--fix --yes writes nothing from unread records and no IP is removed', async () => {
  await recordsFail();
  const before = recordIps(await sandboxState(sandbox));
  const r = await runCli(['check', '--registry', SEED.registry, '--sandbox-ready-file', readyFile, '--no-dns', '--fix', '--yes']);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /^Fixes:\nNothing safe to fix\.$/m);
  assert.deepEqual(await writesReceived(sandbox), []);
  assert.deepEqual(removedIps(before, recordIps(await sandboxState(sandbox))), []);
});
