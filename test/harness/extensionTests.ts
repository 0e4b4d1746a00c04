// Runs an extension's test entry (extensionTestsPath) inside the real extension host of
// code-server, with Chromium as the window, and returns the runner's exit code. This is what
// desktop VS Code does for `code --extensionDevelopmentPath=… --extensionTestsPath=…`.
import { format } from 'util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';

export interface ExtensionTestRun {
  extensionDevelopmentPath: string[];
  extensionTestsPath: string;
  /** The folder to open; defaults to the first extension development path. */
  folder?: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** The whole run, from server start to the runner's exit. */
  timeoutMs?: number;
  /** The test runner's console output, line by line. */
  log?: (level: string, text: string) => void;
}

export async function runExtensionTests(run: ExtensionTestRun): Promise<number> {
  const log = run.log ?? ((level, text) => (level === 'error' ? process.stderr : process.stdout).write(`${text}\n`));
  const timeoutMs = run.timeoutMs ?? 5 * 60_000;
  const folder = run.folder ?? run.extensionDevelopmentPath[0];
  if (!folder) throw new Error('no extensionDevelopmentPath given');

  const server = await startCodeServer({ folder, userDataDir: run.userDataDir, extensionsDir: run.extensionsDir });
  const browser = await launchBrowser().catch(async (e: unknown) => {
    await server.stop();
    throw e;
  });
  try {
    let finish: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (finish = resolve));
    // The workbench calls these two window functions when it runs extension tests: the runner's
    // console output, then its exit code. They must exist before the page loads.
    await browser.page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => log(String(level), formatLog(args)));
    await browser.page.exposeFunction('codeAutomationExit', (code: unknown) => finish(Number(code)));
    browser.page.on('crash', () => {
      log('error', 'the workbench page crashed');
      finish(1);
    });
    await browser.page.goto(server.workbenchUrl({ extensionDevelopmentPath: run.extensionDevelopmentPath, extensionTestsPath: run.extensionTestsPath }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        log('error', `extension tests did not finish within ${timeoutMs} ms`);
        resolve(1);
      }, timeoutMs);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The runner's console calls arrive as their argument lists, printf-style format first. */
function formatLog(args: unknown): string {
  if (Array.isArray(args)) return format(...(args as unknown[]));
  return typeof args === 'string' ? args : format(args);
}
