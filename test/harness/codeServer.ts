// Starts code-server (VS Code's own web server: the real workbench and a real Node extension host)
// on loopback, isolated from the user's own VS Code state, and stops it with everything it spawned.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { codeServerEntry, makeTempDir, readJson, repoRoot } from './paths';
import { freePort } from './ports';
import { GiveUp, waitFor } from './wait';

export interface CodeServerOptions {
  /** The folder the workbench opens. */
  folder: string;
  /** Merged into <userDataDir>/User/settings.json before start. */
  settings?: Record<string, unknown>;
  /** Defaults to a temp folder removed on stop. */
  userDataDir?: string;
  /** Defaults to a temp folder removed on stop. */
  extensionsDir?: string;
  /** Tried first; the next free port is used when it is taken. Default: any free port. */
  port?: number;
  /** Extra environment for the server and so for the extension host it forks. */
  env?: NodeJS.ProcessEnv;
  /**
   * Leave the extension gallery configured. Tests turn it off: it is unreachable on machines
   * without internet and its failures only add noise to the test log.
   */
  gallery?: boolean;
  /** Receives the server's output; by default it is kept and shown only when start fails. */
  onOutput?: (text: string) => void;
  /**
   * .vsix files installed into the extensions folder before start, as `code --install-extension`
   * installs them (code-server's own --install-extension, which unpacks and validates the package).
   */
  installExtensions?: string[];
  /**
   * The display language (`--locale`). code-server uses it only when languagepacks.json lists a
   * language pack for it (test/harness/languagePack.ts); otherwise everything stays English.
   */
  locale?: string;
  /**
   * Runs after the installs, before the server starts: to list an installed language pack in
   * languagepacks.json, or add files to an installed extension.
   */
  afterInstall?: (dirs: { extensionsDir: string; userDataDir: string }) => Promise<void>;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** 127.0.0.1:PORT — the authority of vscode-remote:// URIs. */
  readonly authority: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** The workbench URL for a folder, with VS Code's launch settings in `payload`. */
  workbenchUrl(payload?: WorkbenchPayload): string;
  stop(): Promise<void>;
}

export interface WorkbenchPayload {
  extensionDevelopmentPath?: string[];
  extensionTestsPath?: string;
}

const running = new Set<ChildProcess>();
// A harness that dies (uncaught error, Ctrl-C) must not leave servers behind.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const entry = codeServerEntry();
  const home = makeTempDir('code-server');
  const userDataDir = options.userDataDir ?? path.join(home, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(home, 'extensions');
  for (const dir of [userDataDir, extensionsDir, path.join(home, 'config'), path.join(home, 'data'), path.join(home, 'cache')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  if (options.settings) writeUserSettings(userDataDir, options.settings);
  // code-server writes under ~/.config and ~/.local/share; give it its own so runs never share state.
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    // A gallery without a serviceUrl counts as disabled in VS Code.
    ...(options.gallery ? {} : { EXTENSIONS_GALLERY: '{}' }),
    ...options.env,
  };

  try {
    for (const vsix of options.installExtensions ?? []) installExtension(entry, vsix, userDataDir, extensionsDir, env);
    await options.afterInstall?.({ extensionsDir, userDataDir });
  } catch (e) {
    fs.rmSync(home, { recursive: true, force: true });
    throw e;
  }

  const port = await freePort(options.port);
  const authority = `127.0.0.1:${port}`;
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', authority,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.locale ? ['--locale', options.locale] : []),
    options.folder,
  ];
  // detached: its own process group, so stop() reaches the extension host and watchers too.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const onData = (d: Buffer): void => {
    const text = d.toString();
    if (options.onOutput) options.onOutput(text);
    else output = (output + text).slice(-20_000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const removeOwnDirs = (): void => fs.rmSync(home, { recursive: true, force: true });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, 'SIGTERM');
      const done = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
      if (!done) killGroup(child, 'SIGKILL');
      await exited;
    }
    // The extension host can outlive the server by a moment; the group kill above covers it.
    killGroup(child, 'SIGKILL');
    running.delete(child);
    removeOwnDirs();
  };

  const url = `http://${authority}`;
  try {
    await waitFor(`code-server on ${url}`, async () => {
      if (child.exitCode !== null) throw new GiveUp(`code-server exited with ${child.exitCode}`);
      return (await httpStatus(`${url}/healthz`)) === 200;
    }, { timeoutMs: 60_000, intervalMs: 100 });
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- code-server output ---\n${output}`);
  }

  return {
    url,
    authority,
    userDataDir,
    extensionsDir,
    workbenchUrl: (payload) => workbenchUrl(url, authority, options.folder, payload),
    stop,
  };
}

/** Runs code-server's --install-extension for a .vsix; throws with its output when it fails. */
function installExtension(entry: string, vsix: string, userDataDir: string, extensionsDir: string, env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  // It exits 0 even when the package is refused; the message says whether it was installed.
  if (r.status !== 0 || !/was successfully installed/.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${output}`);
  }
}

/**
 * Merges settings into <userDataDir>/User/settings.json (the same place desktop VS Code uses). The
 * machine-scoped ones go into <userDataDir>/Machine/settings.json as well: code-server's window is a
 * remote one, and a remote window takes machine-scoped settings only from the remote machine's
 * settings (as a Remote-SSH window does), where VS Code's own "user settings" writes put them.
 */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  mergeSettingsFile(path.join(userDataDir, 'User', 'settings.json'), settings);
  const machine = Object.entries(settings).filter(([key]) => machineScoped(key));
  if (machine.length > 0) mergeSettingsFile(path.join(userDataDir, 'Machine', 'settings.json'), Object.fromEntries(machine));
}

function mergeSettingsFile(file: string, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      // settings.json may hold comments (JSONC); ours are generated, so start over.
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

/** Whether this extension's manifest gives the setting the `machine` (or `machine-overridable`) scope. */
function machineScoped(key: string): boolean {
  const manifest = readJson<{ contributes?: { configuration?: { properties?: Record<string, { scope?: string }> } } }>(path.join(repoRoot(), 'package.json'));
  const scope = manifest.contributes?.configuration?.properties?.[key]?.scope;
  return scope === 'machine' || scope === 'machine-overridable';
}

/**
 * code-server's CLI rejects --extensionDevelopmentPath / --extensionTestsPath; the web workbench
 * takes the same launch settings from the `payload` query parameter, as vscode-remote:// URIs
 * that point into the server's file system.
 */
function workbenchUrl(base: string, authority: string, folder: string, payload: WorkbenchPayload = {}): string {
  const remote = (p: string): string => `vscode-remote://${authority}${path.resolve(p)}`;
  const entries: [string, string][] = [];
  for (const dev of payload.extensionDevelopmentPath ?? []) entries.push(['extensionDevelopmentPath', remote(dev)]);
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  entries.push(['skipWelcome', 'true']);
  const query = new URLSearchParams({ folder: path.resolve(folder), payload: JSON.stringify(entries) });
  return `${base}/?${query.toString()}`;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
