// What `npm test` reports: a node:test run's TAP read back into counts (skipped, todo and skipped
// describe blocks included), and the summary it closes with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countsFromTap, formatCounts, parseCountsLine, summary, type SuiteCounts } from '../../harness/results';

const FIXTURE = `
const { describe, it } = require('node:test');
describe('needs a folder', { skip: 'examples not found at /nowhere' }, () => { it('a', () => {}); it('b', () => {}); });
it('passes', () => {});
it('fails', () => { throw new Error('no'); });
it('is skipped', { skip: 'examples not found at /nowhere' }, () => {});
it('is todo', { todo: 'not written yet' }, () => {});
`;

function tapOf(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-results-test-'));
  try {
    const file = path.join(dir, 'fixture.test.js');
    fs.writeFileSync(file, source);
    // Without the variable node:test sets for the files it runs, so the child reports as a top-level run.
    const env = { ...process.env, NODE_TEST_CONTEXT: undefined };
    return spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', env }).stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void test('a real node:test run: skipped tests, a skipped describe and todo tests are counted, with their reasons', () => {
  const counts = countsFromTap(tapOf(FIXTURE));
  assert.deepEqual(
    { ...counts, reasons: undefined },
    { passed: 1, failed: 1, skipped: 2, todo: 1, reasons: undefined },
  );
  assert.deepEqual(counts.reasons, { 'skipped: examples not found at /nowhere': 2, 'todo: not written yet': 1 });
});

void test('a suite runner\'s counts line reads back the same, and an older "N passed, N failed" still reads', () => {
  const c = { passed: 12, failed: 1, skipped: 3, todo: 2 };
  assert.equal(formatCounts(c), '12 passed, 1 failed, 3 skipped, 2 todo');
  assert.deepEqual(parseCountsLine(`e2e: ${formatCounts(c)}`), c);
  assert.deepEqual(parseCountsLine('7 passed, 0 failed'), { passed: 7, failed: 0, skipped: 0, todo: 0 });
  assert.equal(parseCountsLine('lint: clean'), undefined);
});

const suite = (name: string, passed: number, failed = 0, skipped = 0, todo = 0): SuiteCounts => ({ name, passed, failed, skipped, todo });

void test('the summary: a line per suite, lint on its own line and not among the passed, the closing line last', () => {
  const { lines, exitCode } = summary([suite('unit', 10, 0, 0, 1), suite('sandbox', 5, 0, 2)], 0);
  assert.deepEqual(lines, ['unit: 10 passed, 0 failed, 0 skipped, 1 todo', 'sandbox: 5 passed, 0 failed, 2 skipped, 0 todo', 'lint: clean', '15 passed, 0 failed, 3 skipped']);
  assert.equal(exitCode, 0);
});

void test('the run fails on a suite that ran no tests (even if all were skipped), on lint and on a problem found outside the tests', () => {
  const { lines, exitCode } = summary([suite('unit', 10), suite('integration', 0), suite('e2e', 0, 0, 4)], 1, ['test input not found: ../shared']);
  assert.equal(exitCode, 1);
  assert.deepEqual(lines.filter((l) => l.startsWith('FAILED: ')), [
    'FAILED: e2e ran no tests (4 skipped or todo)',
    'FAILED: integration ran no tests',
    'FAILED: test input not found: ../shared',
    'FAILED: lint failed',
  ]);
  assert.equal(lines.at(-1), '10 passed, 4 failed, 4 skipped');
  assert.equal(lines.filter((l) => parseCountsLine(l) && !/^\w+: /.test(l)).length, 1);
});

void test('a failed test fails the run', () => {
  assert.equal(summary([suite('unit', 10, 1)], undefined).exitCode, 1);
  assert.equal(summary([suite('unit', 10, 1)], undefined).lines.at(-1), '10 passed, 1 failed, 0 skipped');
});
