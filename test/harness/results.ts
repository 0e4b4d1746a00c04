// The counts every suite reports, and how they travel: node:test suites leave a TAP file, a suite
// that runs in another process (the extension host) writes a JSON file named by an environment
// variable the harness sets, and each suite runner closes with a counts line that scripts/test.js
// reads (it loads this file compiled, so the format lives in one place).
import * as fs from 'fs';

export const RESULTS_ENV = 'ACR_PL_TEST_RESULTS';

export interface Counts {
  passed: number;
  failed: number;
  /** Tests that did not run: skipped (node:test `skip`, mocha `this.skip()` / `test.skip`). */
  skipped: number;
  /** Tests marked todo (node:test) or pending without a body (mocha): their result is not counted. */
  todo: number;
  /** Why tests were skipped or left todo: reason → how many. */
  reasons?: Record<string, number>;
}

export const noCounts = (): Counts => ({ passed: 0, failed: 0, skipped: 0, todo: 0 });

export function writeCounts(counts: Counts): void {
  const file = process.env[RESULTS_ENV];
  if (file) fs.writeFileSync(file, JSON.stringify(counts));
}

/** undefined when the suite never got to write them (the host or the runner broke). */
export function readCounts(file: string): Counts | undefined {
  if (!fs.existsSync(file)) return undefined;
  return { ...noCounts(), ...(JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Counts>) };
}

/** "N passed, N failed, N skipped, N todo": the line a suite runner closes with. */
export function formatCounts(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c.todo} todo`;
}

const COUNTS_LINE = /^(?:[\w-]+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?(?:, (\d+) todo)?/;

/** The counts of a line formatCounts wrote (or an older "N passed, N failed"); undefined otherwise. */
export function parseCountsLine(line: string): Counts | undefined {
  const m = COUNTS_LINE.exec(line);
  if (!m) return undefined;
  return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0), todo: Number(m[4] ?? 0) };
}

/**
 * The counts of a node:test TAP report. Cancelled tests (a hook or the file failed) count as failed.
 * A skipped `describe` is not among node's skipped tests; it counts here as one skipped, so that the
 * tests inside it are not silently absent.
 */
export function countsFromTap(text: string): Counts {
  const total = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const counts: Counts = { passed: total('pass'), failed: total('fail') + total('cancelled'), skipped: total('skipped'), todo: total('todo'), reasons: {} };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = /^\s*(?:not )?ok \d+ - .*? # (SKIP|TODO)(?: (.*))?$/.exec(line);
    if (!m) return;
    const reason = `${m[1] === 'SKIP' ? 'skipped' : 'todo'}: ${m[2]?.trim() || 'no reason given'}`;
    counts.reasons![reason] = (counts.reasons![reason] ?? 0) + 1;
    if (m[1] === 'SKIP' && isSuite(lines, i)) counts.skipped += 1;
  });
  return counts;
}

/** Whether the TAP entry at this line is a describe block (its YAML says type: 'suite'). */
function isSuite(lines: string[], at: number): boolean {
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '...') return false;
    if (/^type: '?suite'?$/.test(line)) return true;
  }
  return false;
}

/** "  N skipped: reason": one line per reason, printed above a counts line. */
export function formatReasons(c: Counts): string[] {
  return Object.entries(c.reasons ?? {}).map(([reason, n]) => `  ${n} ${reason}`);
}

/** A reason line formatReasons wrote: [reason, how many]; undefined otherwise. */
export function parseReasonLine(line: string): [string, number] | undefined {
  const m = /^ {2}(\d+) ((?:skipped|todo|not run): .*)$/.exec(line);
  return m ? [m[2]!, Number(m[1])] : undefined;
}

/**
 * Closes a suite runner: its wall time, then the counts line the test runner reads.
 * A non-zero exit without a counted failure still counts as one. Returns the process exit code.
 */
export function reportSuite(name: string, startedAt: number, counts: Counts, exitCode: number | null): number {
  const failed = exitCode !== 0 && counts.failed === 0 ? 1 : counts.failed;
  console.log(`${name}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  for (const line of formatReasons(counts)) console.log(line);
  console.log(formatCounts({ ...counts, failed }));
  return failed > 0 ? 1 : 0;
}

export interface SuiteCounts extends Counts {
  name: string;
}

/**
 * What `npm test` closes with: a line per suite (with why tests were skipped), lint on its own line,
 * each thing besides a test that fails the run (a suite that ran no tests, lint, the problems the
 * caller found), and last the closing "N passed, N failed, N skipped" line, where failed counts those
 * things too and skipped counts todo tests as well. lint: eslint's exit status, undefined if not run.
 */
export function summary(suites: SuiteCounts[], lint: number | null | undefined, problems: string[] = []): { lines: string[]; exitCode: number } {
  const lines: string[] = [];
  const failures = [...problems];
  for (const s of suites) {
    lines.push(`${s.name}: ${formatCounts(s)}`, ...formatReasons(s));
    if (s.passed + s.failed === 0) failures.unshift(`${s.name} ran no tests${s.skipped + s.todo > 0 ? ` (${s.skipped + s.todo} skipped or todo)` : ''}`);
  }
  if (lint !== undefined) {
    lines.push(`lint: ${lint === 0 ? 'clean' : `failed (eslint exit ${lint})`}`);
    if (lint !== 0) failures.push('lint failed');
  }
  lines.push(...failures.map((f) => `FAILED: ${f}`));
  const sum = (key: 'passed' | 'failed' | 'skipped' | 'todo'): number => suites.reduce((n, s) => n + s[key], 0);
  const failed = sum('failed') + failures.length;
  lines.push(`${sum('passed')} passed, ${failed} failed, ${sum('skipped') + sum('todo')} skipped`);
  return { lines, exitCode: failed > 0 ? 1 : 0 };
}

/** Runs a suite runner's main; a crash is one failure, reported in the same closing line. */
export function runSuiteMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      console.log(formatCounts({ ...noCounts(), failed: 1 }));
      process.exit(1);
    },
  );
}
