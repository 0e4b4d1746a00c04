// Where things live: the repository (found by walking up, so the same code works compiled into
// out/ by tsc or bundled elsewhere by esbuild) and the tools that scripts/ensure-tools.sh installs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const PACKAGE_NAME = 'acr-private-link';

/** The repository root: the nearest parent folder whose package.json is this extension's. */
export function repoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && readJson<{ name?: string }>(pkg).name === PACKAGE_NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no ${PACKAGE_NAME} package.json above ${from}`);
    dir = parent;
  }
}

/** The compiled output this file runs from (out/, or the folder ACR_PL_OUT_DIR names). */
export function outRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

/** Same rule as scripts/ensure-tools.sh: ACR_PL_TOOLS_DIR or ~/.cache/acr-private-link. */
export function toolsDir(): string {
  return process.env['ACR_PL_TOOLS_DIR'] ?? path.join(os.homedir(), '.cache', 'acr-private-link');
}

/**
 * code-server's entry script. The version is read from ensure-tools.sh so that the installer
 * stays the only place that names it.
 */
export function codeServerEntry(root: string = repoRoot()): string {
  const script = fs.readFileSync(path.join(root, 'scripts', 'ensure-tools.sh'), 'utf8');
  const version = /^CODE_SERVER_VERSION="([^"]+)"/m.exec(script)?.[1];
  if (!version) throw new Error('CODE_SERVER_VERSION not found in scripts/ensure-tools.sh');
  const entry = path.join(toolsDir(), `code-server-${version}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) throw new Error(`code-server ${version} is not installed; run: bash scripts/ensure-tools.sh`);
  return entry;
}

/** Debian's Chromium unless ACR_PL_CHROMIUM names another build. */
export function chromiumPath(): string {
  const exe = process.env['ACR_PL_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!fs.existsSync(exe)) throw new Error(`Chromium not found at ${exe}; run: bash scripts/ensure-tools.sh`);
  return exe;
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** A fresh temp folder; the caller removes it. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `acr-pl-${prefix}-`));
}
