#!/usr/bin/env node
// `npm run bench`: builds the bundles, compiles the benchmarks, runs each one in a process of its own
// and ends with a summary of every figure next to its target. Speed never fails the run; only a
// benchmark that breaks does.
// Flags (with their defaults): --subscriptions 20 --registries 25 --endpoints 2 --latency 50
//   --naive-subscriptions 1 (how many subscriptions the naive sequential loader reads; scaled up)
//   --only tree,heap,diagnosis,pickers,activation,webview,az,package
// `heap` measures the extension host's heap for the scale world in code-server (--heap-runs 2);
// `az` times our headless check of one registry next to `az acr check-health` (when az is installed).
// `package` packs the .vsix as `npm run package` does (production build, in a staging folder) and
// prints its size and the files in it.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outName = process.env.ACR_PL_OUT_DIR || 'out';
const outDir = path.join(root, outName);
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1].split(',') : undefined;
const benchArgs = args.filter((_, i) => i !== onlyIndex && i !== onlyIndex + 1);

const benchmarks = [
  { name: 'tree', file: 'treeLoad.bench.js' },
  { name: 'heap', file: 'extensionHostHeap.bench.js' },
  { name: 'diagnosis', file: 'diagnosis.bench.js' },
  { name: 'az', file: 'azCheckHealth.bench.js' },
  { name: 'pickers', file: 'pickers.bench.js' },
  { name: 'activation', file: 'activation.bench.js' },
  { name: 'webview', file: 'webview.bench.js' },
];

function step(title, cmd, cmdArgs) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ACR_PL_OUT_DIR: outName } });
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return r.status === 0;
}

/** The .vsix as `npm run package` makes it: its size and files, printed; a summary row. */
function packageFigures() {
  console.log('\n=== package (.vsix, production build)');
  const { packageVsix, describeVsix } = require('./package');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-pl-bench-vsix-'));
  try {
    const result = packageVsix({ build: true, out: path.join(dir, 'acr-private-link.vsix') });
    console.log(describeVsix(result));
    const files = result.files.filter((f) => f.name.startsWith('extension/')).length;
    return { benchmark: 'package .vsix', figure: `${(result.size / 1024 / 1024).toFixed(2)} MiB, ${files} files`, target: '', result: 'info' };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(rows) {
  const columns = ['benchmark', 'figure', 'target', 'result'];
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(width[i])).join('  ').trimEnd();
  console.log(line(columns));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => r[c] ?? '')));
}

function main() {
  const started = Date.now();
  if (!step('build', process.execPath, ['esbuild.js'])) return 1;
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  if (!step(`compile (${outName}/)`, npx, ['tsc', '-p', 'tsconfig.test.json', '--outDir', outName])) return 1;

  const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'acr-pl-bench-')), 'summary.json');
  process.env.ACR_PL_BENCH_SUMMARY = summaryFile;
  const broken = [];
  for (const b of benchmarks.filter((x) => !only || only.includes(x.name))) {
    const file = path.join(outDir, 'test', 'bench', b.file);
    if (!step(`bench: ${b.name}`, process.execPath, ['--expose-gc', file, ...benchArgs])) broken.push(b.name);
  }

  let packageRow;
  if (!only || only.includes('package')) {
    try {
      packageRow = packageFigures();
    } catch (e) {
      console.error(e.message);
      broken.push('package');
    }
  }

  console.log('\n=== summary');
  const rows = fs.existsSync(summaryFile) ? JSON.parse(fs.readFileSync(summaryFile, 'utf8')) : [];
  if (packageRow) rows.push(packageRow);
  printTable(rows);
  fs.rmSync(path.dirname(summaryFile), { recursive: true, force: true });
  console.log(`\nbench: ${((Date.now() - started) / 1000).toFixed(1)} s${broken.length ? `; broken: ${broken.join(', ')}` : ''}`);
  return broken.length ? 1 : 0;
}

process.exit(main());
