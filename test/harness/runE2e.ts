// E2E suite entry (run by `npm test`): packs the .vsix from the current build the way
// `npm run package` does, installs it into code-server as `code --install-extension` would, starts a
// sandbox, then runs the node:test files in out/test/e2e, which drive the workbench with Chromium.
// Every e2e test uses the installed package, so a package that is broken fails them. Prints the
// counts (skipped and todo tests among them).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { startCodeServer } from './codeServer';
import { makeTempDir, outRoot, repoRoot } from './paths';
import { BASE_SETTINGS, startTestSandbox } from './sandbox';
import { E2E_ENV, localeWorkbenchEnv, SANDBOX_ENV, USER_DATA_ENV } from './workbench';
import { languagePackVsix, recordLanguagePack } from './languagePack';
import { countsFromTap, reportSuite, runSuiteMain } from './results';

interface PackageScript {
  packageVsix(options: { build: boolean; out: string }): { file: string; size: number; files: { name: string }[] };
}

/**
 * The display languages a workbench of its own is started in, besides English, and the test file
 * that opens it (test/e2e/zhTw.test.ts, pseudo.test.ts): started only when that file runs.
 */
const LOCALES = { 'zh-tw': 'zhTw.test.js', 'qps-ploc': 'pseudo.test.js' } as const;

interface LocaleWorkbench {
  locale: string;
  server: Awaited<ReturnType<typeof startCodeServer>>;
  sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
}

/**
 * A workbench in `locale` (code-server --locale): the same .vsix, a language pack for the locale
 * listed in languagepacks.json (test/harness/languagePack.ts), its own sandbox (seed). For qps-ploc
 * the pseudo-localised bundle and package.nls are generated into the installed extension
 * (scripts/l10n.js pseudo); zh-TW uses the package's own translations.
 */
async function startLocaleWorkbench(locale: string, vsix: string, tmp: string): Promise<LocaleWorkbench> {
  const folder = path.join(tmp, `workspace-${locale}`);
  fs.mkdirSync(folder, { recursive: true });
  const pack = languagePackVsix(locale, tmp);
  const sandbox = await startTestSandbox('seed');
  const afterInstall = async ({ extensionsDir, userDataDir }: { extensionsDir: string; userDataDir: string }): Promise<void> => {
    recordLanguagePack(locale, extensionsDir, userDataDir);
    if (locale !== 'qps-ploc') return;
    const installed = fs.readdirSync(extensionsDir).find((d) => d.startsWith('acr-private-link.acr-private-link-'));
    if (!installed) throw new Error(`the extension is not in ${extensionsDir}`);
    await (require(path.join(repoRoot(), 'scripts', 'l10n.js')) as { writePseudo(dir: string): Promise<void> }).writePseudo(path.join(extensionsDir, installed));
  };
  const server = await startCodeServer({ folder, settings: { ...BASE_SETTINGS, ...(sandbox?.settings ?? {}) }, installExtensions: [vsix, pack], locale, afterInstall }).catch(async (e: unknown) => {
    await sandbox?.info.close();
    throw e;
  });
  return { locale, server, sandbox };
}

/** scripts/package.js: the same packing `npm run package` does, from what dist/ holds now. */
function packageVsix(options: { build: boolean; out: string }): ReturnType<PackageScript['packageVsix']> {
  return (require(path.join(repoRoot(), 'scripts', 'package.js')) as PackageScript).packageVsix(options);
}

async function main(): Promise<number> {
  const started = Date.now();
  const root = repoRoot();
  const dir = path.join(outRoot(), 'test', 'e2e');
  // ACR_PL_E2E_ONLY=layout,tree runs those files alone (while working on them); never set in CI.
  const only = process.env.ACR_PL_E2E_ONLY?.split(',').map((n) => `${n.trim()}.test.js`);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.test.js') && (!only || only.includes(f))).sort().map((f) => path.join(dir, f)) : [];
  if (files.length === 0) {
    console.log('no e2e tests compiled');
    return 0;
  }

  const tmp = makeTempDir('e2e');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const vsix = packageVsix({ build: false, out: path.join(tmp, 'acr-private-link.vsix') });
  console.log(`packed ${path.basename(vsix.file)} (${(vsix.size / 1024 / 1024).toFixed(2)} MiB, ${vsix.files.length} entries) from the current build; installing it`);
  const sandbox = await startTestSandbox('seed');
  if (sandbox) console.log(`sandbox (seed) at ${sandbox.info.armEndpoint}, DNS ${sandbox.info.dnsServer}`);
  else console.log('sandbox not built (out/src/sandbox/index.js missing): tests that need Azure will fail');
  const server = await startCodeServer({ folder: workspace, settings: { ...BASE_SETTINGS, ...(sandbox?.settings ?? {}) }, installExtensions: [vsix.file] }).catch(async (e: unknown) => {
    await sandbox?.info.close();
    throw e;
  });

  const localized: LocaleWorkbench[] = [];
  const tap = path.join(tmp, 'e2e.tap');
  let status: number | null;
  try {
    for (const [locale, file] of Object.entries(LOCALES)) {
      if (files.some((f) => path.basename(f) === file)) localized.push(await startLocaleWorkbench(locale, vsix.file, tmp));
    }
    // A child process: node:test runs files in their own processes anyway, and this keeps the
    // browser-driving tests apart from the servers they talk to.
    // Asynchronous on purpose: the sandbox runs in this process and must keep answering.
    status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
        { cwd: root, stdio: 'inherit', env: {
          ...process.env,
          [E2E_ENV]: server.workbenchUrl(),
          [USER_DATA_ENV]: server.userDataDir,
          ...Object.fromEntries(localized.map((l) => [localeWorkbenchEnv(l.locale), l.server.workbenchUrl()])),
          // Tests that change Azure state put it back through the sandbox's control API.
          ...(sandbox ? { [SANDBOX_ENV]: JSON.stringify({ armEndpoint: sandbox.info.armEndpoint, caCertFile: sandbox.info.caCertFile }) } : {}),
        } },
      );
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
    });
  } finally {
    for (const l of localized) {
      await l.server.stop();
      await l.sandbox?.info.close();
    }
    await server.stop();
    await sandbox?.info.close();
  }

  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  fs.rmSync(tmp, { recursive: true, force: true });
  return reportSuite('e2e', started, countsFromTap(text), status);
}

runSuiteMain(main);
