#!/usr/bin/env node
// `npm test`: installs what is missing, builds, then runs every suite and closes with
// "N passed, N failed, N skipped" over all of them (skipped counts todo tests too). Suites:
//   unit        plain Node (node:test): pure modules
//   sandbox     plain Node (node:test): the local Azure on loopback, driven by the real SDKs
//   integration mocha inside a real VS Code extension host (code-server), against a sandbox
//   e2e         Chromium clicking the real workbench, against a sandbox
//   lint        ESLint with type-aware rules over src and test, zero warnings (its own line, not a test)
// The run fails (exit 1) on a failed test, on lint, on a suite that ran no tests, and in CI (CI set)
// when the test input beside the repository (../shared) is missing; each of these counts as failed.
// Flags: --only unit,sandbox,…   --skip-install
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
// Compiled tests go to out/ unless ACR_PL_OUT_DIR names another folder (so two runs can share a tree).
const outName = process.env.ACR_PL_OUT_DIR || 'out';
const outDir = path.join(root, outName);
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1].split(',') : undefined;
const wants = (name) => !only || only.includes(name);

function run(cmd, cmdArgs) {
  return spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
}

function step(title, cmd, cmdArgs) {
  console.log(`\n=== ${title}`);
  const r = run(cmd, cmdArgs);
  if (r.status !== 0) {
    console.error(`${title} failed (exit ${r.status})`);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

/** The counting helpers, compiled from test/harness/results.ts (after the compile step). */
function results() {
  return require(path.join(outDir, 'test', 'harness', 'results.js'));
}

/** Runs node:test over the compiled files of a folder and reads its TAP report. */
function nodeTestSuite(name, folder) {
  const dir = path.join(outDir, 'test', folder);
  const files = fs.existsSync(dir) ? listFiles(dir).filter((f) => f.endsWith('.test.js')) : [];
  if (files.length === 0) return { name, ...results().noCounts() };
  console.log(`\n=== ${name} (${files.length} files)`);
  const tap = path.join(outDir, `${name}.tap`);
  const r = run(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files]);
  const counts = results().countsFromTap(fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '');
  if (r.status !== 0 && counts.failed === 0) counts.failed = 1; // the runner itself broke
  return { name, ...counts };
}

/** Runs a suite runner that prints its own counts line; its output is streamed, not buffered. */
function countedSuite(name, script) {
  const file = path.join(root, script);
  if (!fs.existsSync(file)) return Promise.resolve({ name, ...results().noCounts() });
  const { noCounts, parseCountsLine, parseReasonLine } = results();
  console.log(`\n=== ${name}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let last; // the last counts line seen, and the reason lines above it
    let reasons = {};
    let pending = '';
    const read = (line) => {
      const reason = parseReasonLine(line);
      if (reason) reasons[reason[0]] = reason[1];
      const counts = parseCountsLine(line);
      if (counts) {
        last = { ...counts, reasons };
        reasons = {};
      }
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(read);
    });
    child.on('close', (code) => {
      read(pending);
      const counts = last ?? noCounts();
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      resolve({ name, ...counts });
    });
  });
}

/**
 * Folders of test input that live beside the repository, not in it. Without them the tests that
 * read them are skipped (with the reason); in CI that makes the run fail.
 */
function missingInputs() {
  const shared = path.resolve(root, '..', 'shared');
  const examples = process.env.ARM_EXAMPLES_DIR ?? path.join(shared, 'arm-examples');
  return [shared, examples].filter((dir, i, all) => all.indexOf(dir) === i && !fs.existsSync(dir));
}

const inCi = () => !!process.env.CI && !/^(false|0)$/i.test(process.env.CI);

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

if (!args.includes('--skip-install') && (wants('integration') || wants('e2e'))) {
  step('tools (Chromium, code-server, Azure CLI)', 'bash', ['scripts/ensure-tools.sh']);
} else if (!args.includes('--skip-install') && wants('sandbox')) {
  step('tools (Azure CLI)', 'bash', ['scripts/ensure-tools.sh', 'azure-cli']);
}
fs.rmSync(outDir, { recursive: true, force: true });
step('build', process.execPath, ['esbuild.js']);
step('compile tests', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.test.json', '--outDir', outName]);

async function main() {
  const suites = [];
  if (wants('unit')) suites.push(nodeTestSuite('unit', 'unit'));
  if (wants('sandbox')) suites.push(nodeTestSuite('sandbox', 'sandbox'));
  if (wants('integration')) suites.push(await countedSuite('integration', `${outName}/test/harness/runIntegration.js`));
  if (wants('e2e')) suites.push(await countedSuite('e2e', `${outName}/test/harness/runE2e.js`));
  let lint;
  if (wants('lint')) {
    console.log('\n=== lint');
    const r = run(process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src', 'test', '--max-warnings', '0']);
    lint = r.status;
  }
  return { suites, lint };
}

main().then(({ suites, lint }) => {
  const problems = [];
  const missing = missingInputs();
  if (missing.length > 0 && suites.some((s) => s.name === 'sandbox')) {
    const what = `test input not found: ${missing.join(', ')}`;
    if (inCi()) problems.push(`${what} (CI is set: the tests that read it must run)`);
    else console.log(`\nnote: ${what}; the tests that read it were skipped`);
  }
  // The closing counts line is the last line printed.
  const { lines, exitCode } = results().summary(suites, lint, problems);
  console.log('\n=== summary');
  for (const line of lines) console.log(line);
  process.exit(exitCode);
});
