// Mocha bootstrap that VS Code loads in the extension host (extensionTestsPath): runs every
// compiled *.test.js in this folder tree and reports its counts, skipped tests included.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { formatCounts, formatReasons, noCounts, writeCounts, type Counts } from '../harness/results';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000 });
  // ACR_PL_INTEGRATION_FILES=<regular expression> runs only the test files whose names match it.
  const pattern = process.env['ACR_PL_INTEGRATION_FILES'];
  const only = pattern ? new RegExp(pattern) : undefined;
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !only || only.test(f))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const counts: Counts = { ...noCounts(), reasons: {} };
      const reason = (text: string): void => void (counts.reasons![text] = (counts.reasons![text] ?? 0) + 1);
      let failedTests = 0;
      const runner = mocha.run(() => {
        // Tests a failed hook kept from running are neither passed nor skipped: say so.
        const notRun = runner.total - counts.passed - counts.skipped - failedTests;
        if (notRun > 0) {
          counts.skipped += notRun;
          reason('not run: tests after a failed hook');
        }
        for (const line of formatReasons(counts)) console.log(line);
        console.log(formatCounts(counts));
        writeCounts(counts);
        if (counts.failed > 0) reject(new Error(`${counts.failed} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => void (counts.passed += 1));
      runner.on('fail', (runnable) => {
        counts.failed += 1; // a failed hook counts too
        if (runnable.type === 'test') failedTests += 1;
      });
      runner.on('pending', (test) => {
        // mocha's "pending": test.skip, this.skip() or a test without a body. None of them ran.
        counts.skipped += 1;
        reason(`skipped: ${test.fullTitle()}`);
      });
    } catch (e) {
      writeCounts({ ...noCounts(), failed: 1 });
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
