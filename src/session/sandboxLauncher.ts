import * as vscode from 'vscode';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CA_FILE_MAX_BYTES, READY_FILE_MAX_BYTES, readLimitedTextFile } from '../common/limitedFile';
import { updateWhereEffective } from './settings';

export interface ReadyFile {
  armEndpoint: string;
  dnsServer: string;
  caCertFile: string;
  tenantId: string;
  subscriptionIds: string[];
  /** The sandbox's process. */
  pid?: number;
}

/** What the extension remembers of the sandbox it started, across window reloads. */
interface LaunchRecord extends ReadyFile {
  pid: number;
  scenario: string;
}

const launchKey = 'acrPrivateLink.sandboxLaunch';

/** The sandbox the settings name cannot answer; the message says what to do. */
export class SandboxUnavailableError extends Error {
  constructor(
    message: string,
    /** What the tree offers: start the local sandbox, or try starting it again. */
    readonly action: 'useSandbox' | 'retry',
  ) {
    super(message);
  }
}

/**
 * Starts the bundled sandbox (dist/sandbox.js) as a child process with its state in the extension's
 * global storage (`--state`), so what the person changed survives a restart. The child stops with
 * the window; when the extension activates again with the settings still naming that sandbox,
 * `ensureRunning` reconnects to it if it still answers, or starts it again from the saved state.
 */
export class SandboxLauncher implements vscode.Disposable {
  private child: cp.ChildProcess | undefined;
  private pending: Promise<void> | undefined;
  /** A sandbox started before a reload that still answered: ours to stop, though not our child. */
  private adopted: number | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  private get storageDir(): string {
    return this.context.globalStorageUri.fsPath;
  }

  /** The file the sandbox keeps its state in: every write is saved there. */
  get stateFile(): string {
    return path.join(this.storageDir, 'sandbox-state.json');
  }

  /** The sandbox this extension started last, if the settings still name it. */
  launched(armEndpoint?: string): LaunchRecord | undefined {
    const record = this.context.globalState.get<LaunchRecord>(launchKey);
    if (!record || (armEndpoint !== undefined && !sameEndpoint(record.armEndpoint, armEndpoint))) return undefined;
    return record;
  }

  /** The process id of the sandbox this extension started or reconnected to last. */
  get pid(): number | undefined {
    return this.launched()?.pid;
  }

  async start(scenario = 'seed'): Promise<ReadyFile> {
    this.dispose();
    const dir = this.storageDir;
    fs.mkdirSync(dir, { recursive: true });
    const readyFile = path.join(dir, 'sandbox-ready.json');
    fs.rmSync(readyFile, { force: true });
    const script = this.context.asAbsolutePath(path.join('dist', 'sandbox.js'));
    const args = [script, '--scenario', scenario, '--state', this.stateFile, '--ready-file', readyFile];
    // In desktop VS Code the host runs in Electron; ELECTRON_RUN_AS_NODE makes it a plain Node.
    const child = cp.spawn(process.execPath, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => this.log.info(`[sandbox] ${d.toString().trimEnd()}`));
    child.stderr?.on('data', (d: Buffer) => this.log.warn(`[sandbox] ${d.toString().trimEnd()}`));
    child.once('error', (e) => this.log.error(vscode.l10n.t('The sandbox process failed: {0}', e.message)));
    const ready = await new Promise<ReadyFile>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(vscode.l10n.t('The sandbox did not start within 30 seconds; see the log.'))), 30_000);
      const watcher = setInterval(() => {
        if (fs.existsSync(readyFile)) {
          try {
            finish(undefined, JSON.parse(readLimitedTextFile(readyFile, { what: vscode.l10n.t('the sandbox ready file'), maxBytes: READY_FILE_MAX_BYTES })) as ReadyFile);
          } catch {
            // written but not complete yet; the next tick reads it again
          }
        }
      }, 100);
      child.once('exit', (code) => finish(new Error(vscode.l10n.t('The sandbox exited (code {0}) before it was ready; see the log.', String(code)))));
      function finish(error?: Error, value?: ReadyFile): void {
        clearTimeout(timer);
        clearInterval(watcher);
        if (error) reject(error);
        else resolve(value!);
      }
    });
    await this.context.globalState.update(launchKey, { ...ready, pid: ready.pid ?? child.pid ?? 0, scenario } satisfies LaunchRecord);
    return ready;
  }

  /**
   * When `armEndpoint` is the sandbox this extension started: makes sure it answers, reconnecting
   * to it if it is still running, otherwise starting it again with its saved state and pointing the
   * settings at it. Returns false for any other sandbox (one the person runs themselves).
   */
  async ensureRunning(armEndpoint: string): Promise<boolean> {
    const record = this.launched(armEndpoint);
    if (!record) return false;
    this.pending ??= this.revive(record).finally(() => (this.pending = undefined));
    await this.pending;
    return true;
  }

  private async revive(record: LaunchRecord): Promise<void> {
    if (this.child && this.child.pid === record.pid && this.child.exitCode === null && this.child.signalCode === null) return;
    if (this.adopted === record.pid && processExists(record.pid)) return;
    if (!this.child && processExists(record.pid) && (await answers(record))) {
      this.adopted = record.pid;
      this.log.info(vscode.l10n.t('Reconnected to the local sandbox at {0} (process {1}).', record.armEndpoint, record.pid));
      return;
    }
    this.log.info(vscode.l10n.t('The local sandbox at {0} is not running; starting it again with its saved state.', record.armEndpoint));
    let ready: ReadyFile;
    try {
      ready = await this.start(record.scenario);
    } catch (e) {
      throw new SandboxUnavailableError(vscode.l10n.t('The local sandbox could not be started: {0}', e instanceof Error ? e.message : String(e)), 'retry');
    }
    await useSandboxSettings(ready);
    this.log.info(vscode.l10n.t('The local sandbox is running again at {0}, with the state saved in {1}.', ready.armEndpoint, this.stateFile));
  }

  dispose(): void {
    this.child?.kill('SIGTERM');
    this.child = undefined;
    // A sandbox reconnected to after a reload is not our child: stop it by its id, as a child would be.
    if (this.adopted !== undefined && processExists(this.adopted)) {
      try {
        process.kill(this.adopted, 'SIGTERM');
      } catch {
        // gone meanwhile
      }
    }
    this.adopted = undefined;
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

/**
 * Why a sandbox the person runs themselves cannot be reached, in words that say what to do; undefined
 * when the error is not about reaching it.
 */
export function sandboxProblem(armEndpoint: string, e: unknown): SandboxUnavailableError | undefined {
  if (e instanceof SandboxUnavailableError) return e;
  const code = unreachableCode(e);
  if (!code) return undefined;
  return new SandboxUnavailableError(
    vscode.l10n.t('The sandbox at {0} is not running ({1}). Start it again, or run "ACR Private Link: Use the Local Sandbox".', armEndpoint || vscode.l10n.t('(no address)'), code),
    'useSandbox',
  );
}

/** ENOENT (its CA file is gone) or ECONNREFUSED (nothing listens at its address), wherever the SDK put it. */
function unreachableCode(e: unknown): 'ENOENT' | 'ECONNREFUSED' | undefined {
  const x = e as { code?: unknown; cause?: { code?: unknown }; loadError?: { code?: unknown }; message?: unknown } | undefined;
  for (const code of [x?.code, x?.cause?.code, x?.loadError?.code]) if (code === 'ENOENT' || code === 'ECONNREFUSED') return code;
  // The SDK reports a refused connection as REQUEST_SEND_ERROR with Node's message.
  return /\bconnect ECONNREFUSED\b/.test(String(x?.message)) ? 'ECONNREFUSED' : undefined;
}

function sameEndpoint(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

function processExists(pid: number): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Whether the sandbox of this record answers over HTTPS with the CA it wrote (not another process that took its id). */
function answers(record: LaunchRecord): Promise<boolean> {
  let ca: string;
  try {
    ca = readLimitedTextFile(record.caCertFile, { what: vscode.l10n.t('the sandbox CA file'), maxBytes: CA_FILE_MAX_BYTES });
  } catch {
    return Promise.resolve(false);
  }
  // Required here, not at activation: only a reload with the sandbox selected needs it.
  const https = require('https') as typeof import('https');
  return new Promise((resolve) => {
    const req = https.get(new URL('/_sandbox/dns', record.armEndpoint), { ca, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}
