// The extension host's heap for the scale world, measured in a real extension host: code-server's,
// started by runTests through scripts/code-server-shim as the integration suite starts it, with the
// sandbox (in this process, on loopback) serving 20 × 25 × 2 and the extension's settings pointing at
// it. The probe in ./heapProbe measures the host's heap before our extension is activated, activates
// it, expands every node of the tree and measures again with the tree loaded. One fresh workbench per
// run; figures are medians with their range. Flag: --heap-runs N (default 2).
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { writeUserSettings } from '../harness/codeServer';
import { codeServerEntry, makeTempDir, repoRoot } from '../harness/paths';
import { BASE_SETTINGS, sandboxSettings } from '../harness/sandbox';
import type { SandboxInfo } from '../harness/sandbox';
import { benchOptions, mb, ms, outRoot, printTable, report, runBench, verdict, type SummaryRow } from './common';
import { HEAP_RESULT_ENV, type HeapResult } from './heapProbe/shared';

const TARGET_MB = 60;

function heapRuns(argv: string[] = process.argv.slice(2)): number {
  const { values } = parseArgs({ args: argv, options: { 'heap-runs': { type: 'string', default: '2' } }, strict: false });
  const n = Number(values['heap-runs']);
  if (!Number.isInteger(n) || n < 1) throw new Error('--heap-runs must be a positive integer');
  return n;
}

interface SandboxModule {
  startSandbox(opts: { scenario: 'scale'; scale: { subscriptions: number; registries: number; endpoints: number } }): Promise<SandboxInfo>;
}

/** One fresh workbench: code-server + Chromium, the probe as its extension tests. */
async function runOnce(root: string, sandbox: SandboxInfo): Promise<HeapResult> {
  const tmp = makeTempDir('bench-heap');
  const userDataDir = path.join(tmp, 'user-data');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const resultFile = path.join(tmp, 'heap.json');
  writeUserSettings(userDataDir, { ...BASE_SETTINGS, ...sandboxSettings(sandbox) });
  try {
    await runTests({
      vscodeExecutablePath: path.join(root, 'scripts', 'code-server-shim'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(outRoot, 'test', 'bench', 'heapProbe', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      extensionTestsEnv: { [HEAP_RESULT_ENV]: resultFile },
    });
    if (!fs.existsSync(resultFile)) throw new Error('the probe wrote no result');
    return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as HeapResult;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** "12.3 MB (11.0–14.1)": the median and the range over the runs. */
function spread(values: number[], unit: (n: number) => string = mb): string {
  if (values.length === 1) return unit(values[0]!);
  return `${unit(median(values))} (${unit(Math.min(...values))}–${unit(Math.max(...values))})`;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const o = benchOptions();
  const target = `≤ ${TARGET_MB} MB above the idle host`;
  try {
    codeServerEntry(root);
  } catch {
    console.log('extension host heap: skipped (code-server not installed)');
    report([{ benchmark: 'extension host heap', figure: 'skipped (code-server not installed)', target, result: 'n/a' }]);
    return;
  }
  // The shim finds the compiled harness through this variable.
  process.env['ACR_PL_OUT_DIR'] = path.relative(root, outRoot);
  const scale = { subscriptions: o.subscriptions, registries: o.registries, endpoints: o.endpoints };
  console.log(`extension host heap: scale ${scale.subscriptions} × ${scale.registries} × ${scale.endpoints}, every node of the tree expanded in code-server's extension host`);
  const sandboxModule = require(path.join(outRoot, 'src', 'sandbox', 'index.js')) as SandboxModule;
  const runs = heapRuns();
  const results: HeapResult[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh sandbox per run: nothing a previous run cached on either side.
    const sandbox = await sandboxModule.startSandbox({ scenario: 'scale', scale });
    try {
      const r = await runOnce(root, sandbox);
      if (r.error) throw new Error(`expanding the tree failed: ${r.error}`);
      results.push(r);
      console.log(
        `run ${i + 1}/${runs}: heap idle ${mb(r.idle.heapUsedMb)}, activated ${mb(r.activated.heapUsedMb)}, tree loaded ${mb(r.loaded.heapUsedMb)} ` +
          `(${r.registries} registries, ${r.badges} badges, ${r.nodes} nodes in ${ms(r.loadMs)}); RSS ${mb(r.idle.rssMb)} → ${mb(r.loaded.rssMb)}`,
      );
    } catch (e) {
      console.log(`run ${i + 1}/${runs}: not measured (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      await sandbox.close();
    }
  }
  if (results.length === 0) {
    report([{ benchmark: 'extension host heap', figure: 'not measured (the extension host runs failed)', target, result: 'n/a' }]);
    return;
  }
  const above = results.map((r) => r.loaded.heapUsedMb - r.idle.heapUsedMb);
  const world = results.map((r) => r.loaded.heapUsedMb - r.activated.heapUsedMb);
  console.log(`\nextension host heap, ${results.length} run${results.length === 1 ? '' : 's'}: median (min–max), after full GCs`);
  printTable([
    { 'heap in use': 'idle host (ours not activated)', MB: spread(results.map((r) => r.idle.heapUsedMb)) },
    { 'heap in use': 'after activate()', MB: spread(results.map((r) => r.activated.heapUsedMb)) },
    { 'heap in use': 'whole tree loaded', MB: spread(results.map((r) => r.loaded.heapUsedMb)) },
    { 'heap in use': 'loaded − idle (code loaded on first use + the world)', MB: spread(above) },
    { 'heap in use': 'loaded − activated', MB: spread(world) },
    { 'heap in use': 'host RSS, loaded', MB: spread(results.map((r) => r.loaded.rssMb)) },
  ]);
  console.log(`the host's heap limit: ${mb(results[0]!.heapLimitMb)}; expanding every node took ${spread(results.map((r) => r.loadMs), ms)}.`);
  const rows: SummaryRow[] = [
    {
      benchmark: `extension host heap, ${results[0]!.registries} registries loaded`,
      figure: `${spread(above)} above the idle host (${spread(results.map((r) => r.loaded.heapUsedMb))} in all; idle ${spread(results.map((r) => r.idle.heapUsedMb))})`,
      target,
      result: verdict(median(above) <= TARGET_MB),
    },
  ];
  report(rows);
}

runBench(main);
