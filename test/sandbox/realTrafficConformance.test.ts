// Sandbox conformance against real Azure: every exchange the Azure CLI's test suites recorded against
// live Azure (../shared/real-traffic) on a resource type the sandbox serves is sent again, in the
// recorded order, to a sandbox that starts from the recording's world, and the answer is compared
// with Azure's (status, Azure-AsyncOperation / Location, etag format, the body's key paths, JSON types,
// id templates and casing, provisioningState / status / error codes). A difference is either fixed in
// the sandbox or listed with its reason in realTraffic/allowed.json. Prints the conformance figure.

import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cassetteFiles, readCassette, REAL_TRAFFIC_DIR } from './realTraffic/cassettes';
import { replay, type AllowEntry, type ExchangeResult, type NotServedEntry } from './realTraffic/replay';

const root = path.resolve(__dirname, '../../..');
const allowList = JSON.parse(fs.readFileSync(path.join(root, 'test', 'sandbox', 'realTraffic', 'allowed.json'), 'utf8')) as { notServed: NotServedEntry[]; allowed: AllowEntry[] };
const files = cassetteFiles();
const MISSING = files.length === 0 ? `no recorded Azure traffic at ${REAL_TRAFFIC_DIR}` : false;

void describe('sandbox: conformance with recorded real Azure traffic', { skip: MISSING }, () => {
  const all: ExchangeResult[] = [];
  after(() => {
    const count = (v: string): number => all.filter((r) => r.verdict === v).length;
    const replayed = all.length - count('not served');
    console.log(
      `conformance: ${replayed} exchanges replayed of ${all.length} recorded, ${count('identical')} identical in shape, ${count('allowed')} with allowed differences, ${count('failure')} failures (${count('not served')} not served by the sandbox)`,
    );
  });

  for (const file of files) {
    void it(file, async () => {
      const results = await replay(readCassette(file), allowList.allowed, allowList.notServed);
      all.push(...results);
      const failures = results.filter((r) => r.verdict === 'failure').map((r) => `#${r.exchange.index} ${r.exchange.method} ${r.exchange.path}: ${r.differences.join('; ')}`);
      assert.deepEqual(failures, []);
    });
  }
});
