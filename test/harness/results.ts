// How a suite that runs in another process (the extension host) hands its counts back to the
// harness: a JSON file named by an environment variable the harness sets.
import * as fs from 'fs';

export const RESULTS_ENV = 'ACR_PL_TEST_RESULTS';

export interface Counts {
  passed: number;
  failed: number;
}

export function writeCounts(counts: Counts): void {
  const file = process.env[RESULTS_ENV];
  if (file) fs.writeFileSync(file, JSON.stringify(counts));
}

/** undefined when the suite never got to write them (the host or the runner broke). */
export function readCounts(file: string): Counts | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Counts;
}

/**
 * Closes a suite runner: its wall time, then the "N passed, N failed" line the test runner reads.
 * A non-zero exit without a counted failure still counts as one. Returns the process exit code.
 */
export function reportSuite(name: string, startedAt: number, counts: Counts, exitCode: number | null): number {
  const failed = exitCode !== 0 && counts.failed === 0 ? 1 : counts.failed;
  console.log(`${name}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  console.log(`${counts.passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/** Runs a suite runner's main; a crash is one failure, reported in the same closing line. */
export function runSuiteMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
