// A read that failed is never "missing": the sandbox not listening (connection refused) while the
// registry's details are read, with Resource Graph answering or not, leaves every record row
// "could not check" with the read error named, never "missing".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InventoryLoader } from '../../../src/azure/loader';
import { diagnoseRegistry } from '../../../src/state/diagnoseRegistry';
import { FakeReads, buildEstate, registryId, sub } from '../azure/fakeReads';

const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { name: 'RestError', code: 'ECONNREFUSED' });

async function check(setUp: (reads: FakeReads) => void, options: { resourceGraph?: boolean } = {}) {
  const estate = buildEstate(1, 1);
  const reads = new FakeReads(estate);
  const loader = new InventoryLoader(reads, options);
  const id = registryId(sub(1), 'reg1x1');
  const registry = await loader.getRegistry(id);
  const subscription = estate.subscriptions[0]!;
  setUp(reads);
  const details = await loader.loadRegistryDetails(registry, {});
  return { details, diagnosis: diagnoseRegistry(subscription, registry, details) };
}

void describe('records of a zone whose read was refused', () => {
  for (const [name, setUp, options] of [
    ['ARM only, the record listing refused', (r: FakeReads) => r.failures.set('records ', refused()), {}],
    ['the graph refused, the ARM record listing refused', (r: FakeReads) => { r.failures.set('graph ', refused()); r.failures.set('records ', refused()); }, { resourceGraph: true }],
    ['the graph record query failed, the ARM record listing refused', (r: FakeReads) => { r.graphRecordsFail = true; r.failures.set('records ', refused()); }, { resourceGraph: true }],
    ['everything refused', (r: FakeReads) => r.failures.set('', refused()), { resourceGraph: true }],
  ] as const) {
    void it(`${name}: every record row is unknown and names the error`, async () => {
      const { details, diagnosis } = await check(setUp, options);
      assert.ok(details.errors.length > 0 && details.errors.every((e) => e.code === 'ECONNREFUSED'), 'the read errors are kept beside the details');
      for (const row of diagnosis.records) assert.equal(row.verdict, 'unknown', `${row.fqdn}: ${row.explanation}`);
      // The registry's own name has an IP to check: what stopped the check is named.
      const named = diagnosis.records.filter((r) => r.expectedIps.length > 0);
      for (const row of named) assert.match(row.explanation, /could not be read \(ECONNREFUSED\)/);
      assert.ok(!diagnosis.findings.some((f) => f.id === 'dns.record.missing' || f.id === 'dns.zone.missing'), diagnosis.findings.map((f) => f.id).join(', '));
      const unreadable = diagnosis.findings.filter((f) => f.id === 'check.unreadable');
      assert.ok(unreadable.length > 0 && unreadable.every((f) => /ECONNREFUSED/.test(f.message)));
    });
  }
});
