// The checker's flow with Azure replaced by an in-memory snapshot: what a person sees and which
// exit code a pipeline gets, before and after --fix --yes. The same flow against the sandbox, through
// the built CLI, is in test/sandbox/cli/seed.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main, type CliIo } from '../../../src/cli/main';
import type { CheckBackend } from '../../../src/cli/check';
import type { WriteOutcome } from '../../../src/model/fixPlan';
import { seedTopology } from '../diagnosis/builder';
import { useLanguage } from '../../../src/cli/language';

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

/** Applies record creations to the snapshot, as Azure would, and counts the writes. */
function memoryBackend() {
  const t = seedTopology();
  const writes: string[] = [];
  const backend: CheckBackend = {
    loadSnapshot: async (query) => {
      const registry = t.snapshot.registries.find((r) => r.name === query.registry);
      if (!registry) throw new Error(`no registry ${query.registry}`);
      return { snapshot: { ...t.snapshot, aRecordSets: [...t.snapshot.aRecordSets] }, registryId: registry.id };
    },
    applyFixPlan: async (plan) =>
      plan.writes.map((write): WriteOutcome => {
        writes.push(write.kind);
        if (write.kind !== 'createARecordSet') return { write, status: 'failed', message: 'not modelled' };
        const record = t.b.record(t.zone, write.recordSetName, write.ipv4Addresses, write.ttl);
        return { write, status: 'applied', resourceId: record.id, etag: record.etag };
      }),
    invalidate: () => undefined,
  };
  return { backend, writes, topology: t };
}

const noDns = ['--no-dns'];

void test('the seed registry: exit 1, and the text names the missing eastus data record and its fix', async () => {
  const { backend } = memoryBackend();
  const io = capture();
  const code = await main(['check', '--registry', 'myregistry', ...noDns], io, async () => backend);
  assert.equal(code, 1);
  assert.match(io.out, /myregistry\.eastus\.data\.azurecr\.io\s+myVNet\s+10\.0\.0\.8\s+-\s+NXDOMAIN\s+-\s+missing/);
  assert.match(io.out, /ERROR dns\.record\.missing {2}myregistry\.eastus\.data\.azurecr\.io/);
  assert.match(io.out, /fix \(applied by --fix --yes\): Create A record myregistry\.eastus\.data → 10\.0\.0\.8/);
  assert.match(io.out, /Errors found: 1 error\(s\)/);
});

void test('--json carries the findings and the per-FQDN table', async () => {
  const { backend } = memoryBackend();
  const io = capture();
  const code = await main(['check', '--registry', 'myregistry', '--json', ...noDns], io, async () => backend);
  assert.equal(code, 1);
  const report = JSON.parse(io.out) as { findings: { id: string; subject: string }[]; table: { fqdn: string; verdict: string }[] };
  assert.ok(report.findings.some((f) => f.id === 'dns.record.missing' && f.subject === 'myregistry.eastus.data.azurecr.io'));
  assert.equal(report.table.find((r) => r.fqdn === 'myregistry.eastus.data.azurecr.io')?.verdict, 'missing');
});

void test('--fix --yes writes only the missing record, re-checks, and exits 0', async () => {
  const { backend, writes, topology } = memoryBackend();
  const io = capture();
  const code = await main(['check', '--registry', 'myregistry', '--fix', '--yes', ...noDns], io, async () => backend);
  assert.equal(code, 0);
  assert.deepEqual(writes, ['createARecordSet']);
  assert.deepEqual(topology.snapshot.aRecordSets.find((r) => r.name === 'myregistry.eastus.data')?.ipv4Addresses, ['10.0.0.8']);
  assert.match(io.out, /applied {4}create A myregistry\.eastus\.data → 10\.0\.0\.8 in privatelink\.azurecr\.io/);
  assert.match(io.out, /After the fixes:[\s\S]*Healthy: 0 error\(s\)/);
});

void test('a backend failure is "could not check": exit 2 with the reason', async () => {
  const io = capture();
  const code = await main(['check', '--registry', 'nosuchregistry', ...noDns], io, async () => memoryBackend().backend);
  assert.equal(code, 2);
  assert.match(io.err, /Could not check: no registry nosuchregistry/);
});

void test('in zh-TW the finding levels are words of the glossary, and the ids still line up', async () => {
  const { backend } = memoryBackend();
  const io = capture();
  try {
    assert.equal(await main(['check', '--registry', 'myregistry', ...noDns, '--lang', 'zh-tw'], io, async () => backend), 1);
  } finally {
    useLanguage('en');
  }
  assert.match(io.out, /^錯誤 dns\.record\.missing {2}myregistry\.eastus\.data\.azurecr\.io$/m);
  assert.doesNotMatch(io.out, /^(ERROR|WARN|INFO)\b/m);
  // Every level takes the same columns, so each id starts where the others do.
  const idColumns = [...io.out.matchAll(/^(錯誤|警告|資訊) +(?=[a-z]+\.)/gm)].map((m) => m[0].length);
  assert.ok(idColumns.length > 0);
  assert.equal(new Set(idColumns).size, 1);
});
