#!/usr/bin/env node
// `npm test`: installs what is missing, builds, then runs every suite and closes with
// "N passed, N failed" over all of them. Suites:
//   unit        plain Node (node:test): pure modules
//   sandbox     plain Node (node:test): the local Azure on loopback, driven by the real SDKs
//   integration mocha inside a real VS Code extension host (code-server), against a sandbox
//   e2e         Chromium clicking the real workbench, against a sandbox
//   lint        ESLint with type-aware rules over src and test, zero warnings (one check)
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

/** Runs node:test over the compiled files of a folder and reads its TAP summary. */
function nodeTestSuite(name, folder) {
  const dir = path.join(outDir, 'test', folder);
  const files = fs.existsSync(dir) ? listFiles(dir).filter((f) => f.endsWith('.test.js')) : [];
  if (files.length === 0) return { name, passed: 0, failed: 0 };
  console.log(`\n=== ${name} (${files.length} files)`);
  const tap = path.join(outDir, `${name}.tap`);
  const r = run(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files]);
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const passed = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  let failed = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
  if (r.status !== 0 && failed === 0) failed = 1; // the runner itself broke
  return { name, passed, failed };
}

/** Runs a script that prints its own "N passed, N failed" line; its output is streamed, not buffered. */
function countedSuite(name, script) {
  const file = path.join(root, script);
  if (!fs.existsSync(file)) return Promise.resolve({ name, passed: 0, failed: 0 });
  console.log(`\n=== ${name}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let last; // the last counts line seen
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^(?:\w+: )?(\d+) passed, (\d+) failed/.exec(line);
        if (m) last = m;
      }
    });
    child.on('close', (code) => {
      const m = /^(?:\w+: )?(\d+) passed, (\d+) failed/.exec(pending) ?? last;
      const passed = m ? Number(m[1]) : 0;
      let failed = m ? Number(m[2]) : 0;
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ name, passed, failed });
    });
  });
}

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

if (!args.includes('--skip-install') && (wants('integration') || wants('e2e'))) {
  step('tools (Chromium, code-server)', 'bash', ['scripts/ensure-tools.sh']);
}
fs.rmSync(outDir, { recursive: true, force: true });
step('build', process.execPath, ['esbuild.js']);
step('compile tests', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.test.json', '--outDir', outName]);

async function main() {
  const results = [];
  if (wants('unit')) results.push(nodeTestSuite('unit', 'unit'));
  if (wants('sandbox')) results.push(nodeTestSuite('sandbox', 'sandbox'));
  if (wants('integration')) results.push(await countedSuite('integration', `${outName}/test/harness/runIntegration.js`));
  if (wants('e2e')) results.push(await countedSuite('e2e', `${outName}/test/harness/runE2e.js`));
  if (wants('lint')) {
    console.log('\n=== lint');
    const r = run(process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src', 'test', '--max-warnings', '0']);
    results.push({ name: 'lint', passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1 });
  }
  return results;
}

main().then((results) => {
  console.log('\n=== summary');
  for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
});
