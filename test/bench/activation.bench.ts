// Bundle sizes, and activation in the real extension host: the probe in ./activationProbe runs as
// the extension tests of a code-server workbench (through runTests and scripts/code-server-shim,
// as the integration suite does), next to an empty extension, and writes back how long activate()
// took, the host's own activation figures for both extensions and which bundles activation loaded.
// Several runs, each in a fresh workbench; the figures are medians with their range.
// Flag: --activation-runs N (default 5).
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { gzipSync } from 'zlib';
import { writeUserSettings } from '../harness/codeServer';
import { codeServerEntry, makeTempDir, repoRoot } from '../harness/paths';
import { BASE_SETTINGS, startTestSandbox } from '../harness/sandbox';
import { emptyExtensionId, PROBE_ORDER_ENV, PROBE_RESULT_ENV, type ActivationResult } from './activationProbe/shared';
import { outRoot, printTable, report, runBench, verdict, type SummaryRow } from './common';

const TARGET_MS = 50;
/** Bundles that activation must not load: the Azure SDKs and the code required on first use. */
const LAZY_BUNDLES = ['dist/azure.js', 'dist/diagnosis.js', 'dist/panels.js'];

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

function activationRuns(argv: string[] = process.argv.slice(2)): number {
  const { values } = parseArgs({ args: argv, options: { 'activation-runs': { type: 'string', default: '5' } }, strict: false });
  const n = Number(values['activation-runs']);
  if (!Number.isInteger(n) || n < 1) throw new Error('--activation-runs must be a positive integer');
  return n;
}

function bundleSizes(root: string): SummaryRow[] {
  const dist = path.join(root, 'dist');
  // A bundle is a .js file of dist/, or a folder of them (the webview pages and their chunks).
  const filesOf = (p: string): string[] =>
    fs.statSync(p).isDirectory() ? (fs.readdirSync(p, { recursive: true }) as string[]).map((f) => path.join(p, f)).filter((f) => /\.(js|css)$/.test(f)) : [p];
  const entries = fs.readdirSync(dist).filter((f) => f.endsWith('.js') || fs.statSync(path.join(dist, f)).isDirectory()).sort();
  const rows = entries.map((f) => {
    const contents = filesOf(path.join(dist, f)).map((file) => fs.readFileSync(file));
    const size = contents.reduce((n, c) => n + c.length, 0);
    const gzip = contents.reduce((n, c) => n + gzipSync(c).length, 0);
    const folder = fs.statSync(path.join(dist, f)).isDirectory();
    return { bundle: folder ? `dist/${f}/ (${contents.length} files)` : `dist/${f}`, size: kib(size), gzip: kib(gzip) };
  });
  console.log('bundles (development build: not minified, source maps beside them)');
  printTable(rows);
  return rows.map((r) => ({ benchmark: `bundle ${r.bundle}`, figure: `${r.size} (gzip ${r.gzip})`, target: '', result: 'info' }));
}

/**
 * Installs an extension that does nothing into an extensions folder: what any extension's activation
 * costs in this host. Installed rather than passed as a second extensionDevelopmentPath, because the
 * web workbench keeps only the last of several extensionDevelopmentPath entries of its payload.
 */
function installEmptyExtension(extensionsDir: string): void {
  const [publisher, name] = emptyExtensionId.split('.');
  const version = '0.0.1';
  const folder = `${emptyExtensionId}-${version}`;
  const dir = path.join(extensionsDir, folder);
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name, publisher, version, engines: { vscode: '^1.100.0' }, main: './extension.js', activationEvents: [] };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = function () {};\nexports.deactivate = function () {};\n');
  // The list of installed extensions that VS Code reads from an extensions folder.
  const installed = [{ identifier: { id: emptyExtensionId }, version, location: { $mid: 1, scheme: 'file', path: dir }, relativeLocation: folder }];
  fs.writeFileSync(path.join(extensionsDir, 'extensions.json'), JSON.stringify(installed));
}

/** One fresh workbench: code-server + Chromium, the probe as its extension tests. */
async function runOnce(root: string, order: ActivationResult['order']): Promise<ActivationResult> {
  const tmp = makeTempDir('bench-activation');
  const userDataDir = path.join(tmp, 'user-data');
  const workspace = path.join(tmp, 'workspace');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(workspace, { recursive: true });
  installEmptyExtension(extensionsDir);
  const resultFile = path.join(tmp, 'activation.json');
  const sandbox = await startTestSandbox('seed');
  writeUserSettings(userDataDir, { ...BASE_SETTINGS, ...(sandbox?.settings ?? {}) });
  try {
    await runTests({
      vscodeExecutablePath: path.join(root, 'scripts', 'code-server-shim'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(outRoot, 'test', 'bench', 'activationProbe', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`],
      extensionTestsEnv: { [PROBE_RESULT_ENV]: resultFile, [PROBE_ORDER_ENV]: order },
    });
    if (!fs.existsSync(resultFile)) throw new Error('the probe wrote no result');
    return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ActivationResult;
  } finally {
    await sandbox?.info.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** "12 ms (9–30)": the median and the range over the runs; "–" when no run has the figure. */
function spread(values: (number | undefined)[]): string {
  const v = values.filter((x): x is number => x !== undefined);
  if (v.length === 0) return '–';
  const r = (n: number): string => `${Math.round(n)}`;
  return v.length === 1 ? `${r(v[0]!)} ms` : `${r(median(v))} ms (${r(Math.min(...v))}–${r(Math.max(...v))})`;
}

async function activation(root: string): Promise<SummaryRow[]> {
  const target = `< ${TARGET_MS} ms, no lazy bundle loaded`;
  try {
    codeServerEntry(root);
  } catch {
    console.log('activation: skipped (code-server not installed)');
    return [{ benchmark: 'activation', figure: 'skipped (code-server not installed)', target, result: 'n/a' }];
  }
  // The shim finds the compiled harness through this variable.
  process.env['ACR_PL_OUT_DIR'] = path.relative(root, outRoot);
  const runs = activationRuns();
  const results: ActivationResult[] = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? 'empty-first' : 'ours-first';
    try {
      const r = await runOnce(root, order);
      results.push(r);
      const h = r.ours.host;
      console.log(
        `run ${i + 1}/${runs} (${order}): ours ${h ? `load ${h.codeLoadingTime} + call ${h.activateCallTime} ms, resolved ${h.activateResolvedTime} ms` : `host figures missing (${r.hostError ?? '?'})`}` +
          `; empty ${r.empty.host ? `load ${r.empty.host.codeLoadingTime} + call ${r.empty.host.activateCallTime} ms` : '–'}` +
          `; around activate() ${Math.round(r.ours.activationMs)} / ${Math.round(r.empty.activationMs)} ms`,
      );
    } catch (e) {
      console.log(`run ${i + 1}/${runs}: not measured (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (results.length === 0) return [{ benchmark: 'activation', figure: 'not measured (the extension host runs failed)', target, result: 'n/a' }];

  const hostActivation = (a: ActivationResult['ours']): number | undefined => (a.host ? a.host.codeLoadingTime + a.host.activateCallTime : undefined);
  const row = (name: string, pick: (r: ActivationResult) => ActivationResult['ours']): Record<string, string> => ({
    extension: name,
    'activation (host: load + call)': spread(results.map((r) => hostActivation(pick(r)))),
    'load code': spread(results.map((r) => pick(r).host?.codeLoadingTime)),
    'call activate': spread(results.map((r) => pick(r).host?.activateCallTime)),
    'finish activate': spread(results.map((r) => pick(r).host?.activateResolvedTime)),
    'around activate() (probe)': spread(results.map((r) => pick(r).activationMs)),
  });
  console.log(`\nactivation in code-server's extension host, ${results.length} run${results.length === 1 ? '' : 's'}: median (min–max)`);
  printTable([row('ACR Private Link', (r) => r.ours), row('empty extension', (r) => r.empty)]);

  const loadedEarly = [...new Set(results.flatMap((r) => r.bundlesLoaded))];
  const loadedLater = [...new Set(results.flatMap((r) => r.bundlesLoadedLater))];
  const lazyLoaded = LAZY_BUNDLES.filter((b) => loadedEarly.includes(b));
  const lazyLoadedLater = LAZY_BUNDLES.filter((b) => loadedLater.includes(b));
  const sdkModules = Math.max(...results.map((r) => r.sdkModulesLoaded));
  console.log(`bundles loaded by activation: ${loadedEarly.join(', ') || 'none'}; 1 s later: ${loadedLater.join(', ') || 'none'}; @azure modules: ${sdkModules}`);
  const errors = [...new Set(results.flatMap((r) => (r.hostError ? [r.hostError] : [])))];
  if (errors.length) console.log(`host figures missing in some runs: ${errors.join('; ')}`);

  const ours = results.map((r) => hostActivation(r.ours)).filter((x): x is number => x !== undefined);
  const empty = results.map((r) => hostActivation(r.empty)).filter((x): x is number => x !== undefined);
  const rows: SummaryRow[] = [];
  if (ours.length > 0) {
    const m = median(ours);
    rows.push({ benchmark: 'activation', figure: `host: ${spread(ours)} (load + call; empty extension ${spread(empty)})`, target: `< ${TARGET_MS} ms`, result: verdict(m < TARGET_MS) });
  } else {
    rows.push({ benchmark: 'activation', figure: `host figures not read (${errors.join('; ') || '?'})`, target: `< ${TARGET_MS} ms`, result: 'n/a' });
  }
  rows.push({
    benchmark: 'activation',
    figure: `around activate(): ${spread(results.map((r) => r.ours.activationMs))} (empty extension ${spread(results.map((r) => r.empty.activationMs))})`,
    target: '',
    result: 'info',
  });
  rows.push({
    benchmark: 'activation',
    figure: `lazy bundles loaded: ${lazyLoaded.join(', ') || 'none'} (1 s later: ${lazyLoadedLater.join(', ') || 'none'}); @azure modules: ${sdkModules}`,
    target: 'none',
    result: verdict(lazyLoaded.length === 0 && sdkModules === 0),
  });
  return rows;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const rows = [...bundleSizes(root)];
  console.log('');
  rows.push(...(await activation(root)));
  report(rows);
}

runBench(main);
