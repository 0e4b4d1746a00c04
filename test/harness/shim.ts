// The body of scripts/code-server-shim: reads the command line that @vscode/test-electron's
// runTests gives a VS Code executable and runs those extension tests in code-server + Chromium.
import * as path from 'path';
import { runExtensionTests } from './extensionTests';

interface ShimArgs {
  extensionDevelopmentPath: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  folders: string[];
}

/** VS Code's CLI syntax: `--name=value` or `--name value`; bare words are folders to open. */
export function parseArgs(argv: string[]): ShimArgs {
  const out: ShimArgs = { extensionDevelopmentPath: [], folders: [] };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      out.folders.push(path.resolve(arg));
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    // Flags meant for desktop Electron (--no-sandbox, --disable-updates, …) mean nothing here.
    if (!valued.has(name)) continue;
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (name === 'extensionDevelopmentPath') out.extensionDevelopmentPath.push(path.resolve(value));
    else if (name === 'extensionTestsPath') out.extensionTestsPath = path.resolve(value);
    else if (name === 'user-data-dir') out.userDataDir = path.resolve(value);
    else out.extensionsDir = path.resolve(value);
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.extensionTestsPath || args.extensionDevelopmentPath.length === 0) {
    process.stderr.write('usage: code-server-shim --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER]\n');
    return 2;
  }
  return runExtensionTests({
    extensionDevelopmentPath: args.extensionDevelopmentPath,
    extensionTestsPath: args.extensionTestsPath,
    folder: args.folders[0],
    userDataDir: args.userDataDir,
    extensionsDir: args.extensionsDir,
  });
}
