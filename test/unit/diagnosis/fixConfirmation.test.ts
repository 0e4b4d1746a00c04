// What a person reads before "Fix all": the writes that add, then the removals apart, each saying why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixPlansForRegistry } from '../../../src/diagnosis';
import { describePlans } from '../../../src/model/fixPlan';
import { seedTopology } from './builder';

void test('Fix all with a missing record and a dead IP: the heading counts the removal and the detail lists it apart, after the additions', () => {
  const t = seedTopology();
  const rest = t.snapshot.aRecordSets.find((r) => r.name === 'myregistry')!;
  rest.ipv4Addresses = [...rest.ipv4Addresses, '10.0.0.99'];
  const plans = fixPlansForRegistry(t.snapshot, t.registry.id);
  const { title, detail } = describePlans(plans, 'myregistry');
  assert.equal(title, 'Apply 2 DNS fixes to myregistry (1 removes IPs)?');
  const lines = detail.split('\n');
  assert.match(lines[0]!, /^Create A record myregistry\.eastus\.data → 10\.0\.0\.8/);
  assert.equal(lines[1], '');
  assert.equal(lines[2], 'Removals (1):');
  assert.match(lines[3]!, /^Remove 10\.0\.0\.99 from myregistry in privatelink\.azurecr\.io \(no endpoint serves it\), keeping 10\.0\.0\.7, only if unchanged since read$/);
});

void test('one plan: its own title, never the generic one', () => {
  const t = seedTopology();
  const plans = fixPlansForRegistry(t.snapshot, t.registry.id);
  assert.equal(describePlans(plans, 'myregistry').title, 'Create A record myregistry.eastus.data → 10.0.0.8 in privatelink.azurecr.io');
});
