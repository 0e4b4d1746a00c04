#!/usr/bin/env node
// `npm start`: the extension against the sandbox's seed scenario, no Azure account needed.
// Builds, starts the sandbox (a local Azure on loopback), then opens the extension in desktop
// VS Code when `code` is on PATH, otherwise in code-server on 127.0.0.1 (open the printed URL in
// a browser). State lives in .vscode-test/start/ so the sandbox's changes survive a restart;
// delete that folder to start over. Ctrl-C stops everything.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const stateDir = path.join(root, '.vscode-test', 'start');
const userDataDir = path.join(stateDir, 'user-data');
const extensionsDir = path.join(stateDir, 'extensions');
const workspace = path.join(stateDir, 'workspace');

function step(title, cmd, args) {
  console.log(`[start] ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] ${title} failed (exit ${r.status})`);
    process.exit(1);
  }
}

function onPath(command) {
  return (process.env.PATH || '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

/** Resolves once `check()` is true; rejects after `timeoutMs` or when `failed()` says it never will be. */
function waitFor(what, check, failed, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const why = failed();
      if (why) return reject(new Error(`${what}: ${why}`));
      if (check()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`${what}: no answer within ${timeoutMs} ms`));
      setTimeout(tick, 100);
    };
    tick();
  });
}

/** The sandbox CLI in its own process: it outlives nothing, Ctrl-C reaches it with us. */
async function startSandbox() {
  const cli = path.join(root, 'dist', 'sandbox.js');
  if (!fs.existsSync(cli)) throw new Error('dist/sandbox.js was not built (src/sandbox/main.ts missing?)');
  const readyFile = path.join(stateDir, 'sandbox-ready.json');
  fs.rmSync(readyFile, { force: true });
  const child = spawn(process.execPath, [cli, '--scenario', 'seed', '--state', path.join(stateDir, 'sandbox-state.json'), '--ready-file', readyFile], { cwd: root, stdio: 'inherit' });
  await waitFor('sandbox', () => fs.existsSync(readyFile), () => (child.exitCode !== null ? `exited with ${child.exitCode}` : undefined), 30_000);
  // The ready file can be seen before its writer has finished; read it once it parses.
  let info;
  await waitFor('sandbox ready file', () => {
    try {
      info = JSON.parse(fs.readFileSync(readyFile, 'utf8'));
      return true;
    } catch {
      return false;
    }
  }, () => undefined, 5_000);
  return { info, stop: () => child.exitCode === null && child.kill('SIGTERM') };
}

/** The extension's settings for the sandbox (machine-scoped: code-server also needs them in Machine/settings.json). */
function writeSettings(launcher, info) {
  launcher.writeUserSettings(userDataDir, {
    'workbench.startupEditor': 'none',
    // The demo workspace sits inside this repository; don't offer to open it in Source Control.
    'git.openRepositoryInParentFolders': 'never',
    'acrPrivateLink.environment': 'Sandbox',
    'acrPrivateLink.sandbox.armEndpoint': info.armEndpoint,
    'acrPrivateLink.sandbox.caCertFile': info.caCertFile,
    'acrPrivateLink.sandbox.dnsServer': info.dnsServer,
    'acrPrivateLink.sandbox.tenantId': info.tenantId,
  });
}

/** The harness's code-server launcher and settings writer (TypeScript), bundled on the fly so start needs no tsc run. */
function loadCodeServerLauncher() {
  const outfile = path.join(stateDir, 'codeServer.js');
  require('esbuild').buildSync({
    entryPoints: [path.join(root, 'test', 'harness', 'codeServer.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  });
  return require(outfile);
}

async function main() {
  const desktop = onPath('code') && !process.argv.includes('--browser');
  step('build', process.execPath, ['esbuild.js']);
  if (!desktop) step('tools (code-server)', 'bash', ['scripts/ensure-tools.sh', 'code-server']);
  for (const dir of [userDataDir, extensionsDir, workspace]) fs.mkdirSync(dir, { recursive: true });

  const sandbox = await startSandbox();
  console.log(`[start] sandbox (seed): ARM ${sandbox.info.armEndpoint}, DNS ${sandbox.info.dnsServer}`);
  const launcher = loadCodeServerLauncher();
  writeSettings(launcher, sandbox.info);

  let stopEditor = async () => undefined;
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping');
    await stopEditor();
    sandbox.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  if (desktop) {
    // --wait keeps the launcher running until the window closes, which is when we clean up.
    const code = spawn('code', ['--wait', '--new-window', `--extensionDevelopmentPath=${root}`, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`, workspace], { stdio: 'inherit' });
    stopEditor = async () => void (code.exitCode === null && code.kill('SIGTERM'));
    console.log('[start] VS Code is opening with the extension; close its window or press Ctrl-C to stop');
    code.on('exit', () => void stopAll(0));
    return;
  }

  const server = await launcher.startCodeServer({ folder: workspace, userDataDir, extensionsDir, port: 8080, gallery: true });
  stopEditor = () => server.stop();
  console.log('\n[start] open this URL in a browser (Ctrl-C here stops everything):');
  console.log(`\n  ${server.workbenchUrl({ extensionDevelopmentPath: [root] })}\n`);
}

main().catch((e) => {
  console.error(`[start] ${e.message}`);
  process.exit(1);
});
