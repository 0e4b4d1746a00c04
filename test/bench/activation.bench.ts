// Bundle sizes, and activation in the real extension host: the probe in ./activationProbe runs as
// the extension tests of a code-server workbench (through runTests and scripts/code-server-shim,
// as the integration suite does) and writes back how long activate() took and what it loaded.
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { writeUserSettings } from '../harness/codeServer';
import { codeServerEntry, makeTempDir, repoRoot } from '../harness/paths';
import { BASE_SETTINGS, startTestSandbox } from '../harness/sandbox';
import type { ActivationResult } from './activationProbe';
import { ms, outRoot, printTable, report, runBench, verdict, type SummaryRow } from './common';

const PROBE_RESULT_ENV = 'ACR_PL_ACTIVATION_RESULT';
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

function bundleSizes(root: string): SummaryRow[] {
  const dist = path.join(root, 'dist');
  const files = fs.readdirSync(dist).filter((f) => f.endsWith('.js')).sort();
  const rows = files.map((f) => {
    const content = fs.readFileSync(path.join(dist, f));
    return { bundle: `dist/${f}`, size: kib(content.length), gzip: kib(gzipSync(content).length) };
  });
  console.log('bundles (development build: not minified, source maps beside them)');
  printTable(rows);
  return rows.map((r) => ({ benchmark: `bundle ${r.bundle}`, figure: `${r.size} (gzip ${r.gzip})`, target: '', result: 'info' }));
}

async function activation(root: string): Promise<SummaryRow[]> {
  try {
    codeServerEntry(root);
  } catch {
    console.log('activation: skipped (code-server not installed)');
    return [{ benchmark: 'activation', figure: 'skipped (code-server not installed)', target: '< 50 ms, SDKs not loaded', result: 'n/a' }];
  }
  const tmp = makeTempDir('bench-activation');
  const userDataDir = path.join(tmp, 'user-data');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const resultFile = path.join(tmp, 'activation.json');
  const sandbox = await startTestSandbox('seed');
  writeUserSettings(userDataDir, { ...BASE_SETTINGS, ...(sandbox?.settings ?? {}) });
  // The shim finds the compiled harness through this variable.
  process.env['ACR_PL_OUT_DIR'] = path.relative(root, outRoot);
  try {
    await runTests({
      vscodeExecutablePath: path.join(root, 'scripts', 'code-server-shim'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(outRoot, 'test', 'bench', 'activationProbe', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      extensionTestsEnv: { [PROBE_RESULT_ENV]: resultFile },
    });
    if (!fs.existsSync(resultFile)) throw new Error('the probe wrote no result');
    const r = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ActivationResult;
    printTable([
      {
        'activate()': r.wasActive ? `${ms(r.activationMs)} (already active before the probe)` : ms(r.activationMs),
        'dist/azure.js loaded': `${r.azureBundleLoaded ? 'yes' : 'no'} (1 s later: ${r.azureBundleLoadedLater ? 'yes' : 'no'})`,
        '@azure modules loaded': `${r.sdkModulesLoaded} (1 s later: ${r.sdkModulesLoadedLater})`,
      },
    ]);
    const sdkFree = !r.azureBundleLoaded && r.sdkModulesLoaded === 0;
    return [
      { benchmark: 'activation', figure: `activate() ${ms(r.activationMs)}${r.wasActive ? ' (was already active)' : ''}`, target: '< 50 ms', result: r.wasActive ? 'n/a' : verdict(r.activationMs < 50) },
      { benchmark: 'activation', figure: `Azure SDKs loaded: ${sdkFree ? 'no' : 'yes'} (1 s later: ${r.azureBundleLoadedLater || r.sdkModulesLoadedLater > 0 ? 'yes' : 'no'})`, target: 'not loaded', result: verdict(sdkFree) },
    ];
  } catch (e) {
    console.log(`activation: not measured (${e instanceof Error ? e.message : String(e)})`);
    return [{ benchmark: 'activation', figure: 'not measured (the extension host run failed)', target: '< 50 ms, SDKs not loaded', result: 'n/a' }];
  } finally {
    await sandbox?.info.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const root = repoRoot();
  const rows = [...bundleSizes(root)];
  console.log('');
  rows.push(...(await activation(root)));
  report(rows);
}

runBench(main);
