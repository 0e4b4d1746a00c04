import * as vscode from 'vscode';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { READY_FILE_MAX_BYTES, readLimitedTextFile } from '../common/limitedFile';
import { updateWhereEffective } from './settings';

interface ReadyFile {
  armEndpoint: string;
  dnsServer: string;
  caCertFile: string;
  tenantId: string;
  subscriptionIds: string[];
}

/** Starts the bundled sandbox (dist/sandbox.js) as a child process; it stops with the extension. */
export class SandboxLauncher implements vscode.Disposable {
  private child: cp.ChildProcess | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async start(scenario = 'seed'): Promise<ReadyFile> {
    this.dispose();
    const dir = this.context.globalStorageUri.fsPath;
    fs.mkdirSync(dir, { recursive: true });
    const readyFile = path.join(dir, 'sandbox-ready.json');
    fs.rmSync(readyFile, { force: true });
    const script = this.context.asAbsolutePath(path.join('dist', 'sandbox.js'));
    const args = [script, '--scenario', scenario, '--state', path.join(dir, 'sandbox-state.json'), '--ready-file', readyFile];
    // In desktop VS Code the host runs in Electron; ELECTRON_RUN_AS_NODE makes it a plain Node.
    const child = cp.spawn(process.execPath, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => this.log.info(`[sandbox] ${d.toString().trimEnd()}`));
    child.stderr?.on('data', (d: Buffer) => this.log.warn(`[sandbox] ${d.toString().trimEnd()}`));
    return new Promise<ReadyFile>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error('The sandbox did not start within 30 seconds; see the log.')), 30_000);
      const watcher = setInterval(() => {
        if (fs.existsSync(readyFile)) {
          try {
            finish(undefined, JSON.parse(readLimitedTextFile(readyFile, { what: 'the sandbox ready file', maxBytes: READY_FILE_MAX_BYTES })) as ReadyFile);
          } catch {
            // written but not complete yet; the next tick reads it again
          }
        }
      }, 100);
      child.once('exit', (code) => finish(new Error(`The sandbox exited (code ${code}) before it was ready; see the log.`)));
      function finish(error?: Error, ready?: ReadyFile): void {
        clearTimeout(timer);
        clearInterval(watcher);
        if (error) reject(error);
        else resolve(ready!);
      }
    });
  }

  dispose(): void {
    this.child?.kill('SIGTERM');
    this.child = undefined;
  }
}

/** Points the extension at a sandbox that is ready (machine-scoped settings: the user's, never a workspace's). */
export async function useSandboxSettings(ready: ReadyFile): Promise<void> {
  await updateWhereEffective('sandbox.armEndpoint', ready.armEndpoint);
  await updateWhereEffective('sandbox.caCertFile', ready.caCertFile);
  await updateWhereEffective('sandbox.dnsServer', ready.dnsServer);
  await updateWhereEffective('sandbox.tenantId', ready.tenantId);
  await updateWhereEffective('environment', 'Sandbox');
}
