// Integration suite entry (run by `npm test`): the mocha suites in test/integration run inside a
// real VS Code extension host, launched by @vscode/test-electron's runTests. There is no desktop
// VS Code download on machines without internet, so runTests is given scripts/code-server-shim as
// the "VS Code executable": it receives the same command line and runs the tests in code-server.
// On a machine that can download desktop VS Code, ACR_PL_DESKTOP_VSCODE=<version|stable> drops the
// shim and runs the same suites in desktop VS Code.
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as path from 'path';
import { writeUserSettings } from './codeServer';
import { makeTempDir, outRoot, repoRoot } from './paths';
import { noCounts, readCounts, reportSuite, RESULTS_ENV, runSuiteMain } from './results';
import { BASE_SETTINGS, startTestSandbox } from './sandbox';

async function main(): Promise<number> {
  const started = Date.now();
  const root = repoRoot();
  const tmp = makeTempDir('integration');
  const userDataDir = path.join(tmp, 'user-data');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const resultsFile = path.join(tmp, 'results.json');

  const sandbox = await startTestSandbox('seed');
  if (sandbox) console.log(`sandbox (seed) at ${sandbox.info.armEndpoint}, DNS ${sandbox.info.dnsServer}`);
  else console.log('sandbox not built (out/src/sandbox/index.js missing): tests that need Azure will fail');
  writeUserSettings(userDataDir, { ...BASE_SETTINGS, ...(sandbox?.settings ?? {}) });

  let exitCode: number;
  try {
    const desktop = process.env['ACR_PL_DESKTOP_VSCODE'];
    exitCode = await runTests({
      ...(desktop ? { version: desktop } : { vscodeExecutablePath: path.join(root, 'scripts', 'code-server-shim') }),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(outRoot(), 'test', 'integration', 'index.js'),
      // An empty workspace: opening the repository would make the server watch node_modules.
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      extensionTestsEnv: { [RESULTS_ENV]: resultsFile },
    });
  } catch (e) {
    // runTests rejects on a non-zero exit; the count below says what failed.
    exitCode = typeof (e as { code?: unknown }).code === 'number' ? ((e as { code: number }).code) : 1;
    if (exitCode === 0) exitCode = 1;
    console.error(String(e));
  } finally {
    await sandbox?.info.close();
  }

  // The mocha bootstrap writes its counts; without them the host or the runner broke.
  const counts = readCounts(resultsFile) ?? { ...noCounts(), failed: 1 };
  fs.rmSync(tmp, { recursive: true, force: true });
  return reportSuite('integration', started, counts, exitCode);
}

runSuiteMain(main);
