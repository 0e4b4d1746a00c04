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
