// Runs the built checker (dist/cli.js) as a pipeline would, without blocking this process: the
// sandbox it talks to lives in this same process.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunningSandbox } from '../../../src/sandbox';

const root = path.resolve(__dirname, '../../../..');
export const cliPath = path.join(root, 'dist', 'cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { cwd: root, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON file a started sandbox is described by, as `--sandbox-ready-file` reads it. */
export function writeReadyFile(sandbox: RunningSandbox): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-cli-test-'));
  const file = path.join(dir, 'ready.json');
  const { armEndpoint, dnsServer, caCertFile, tenantId, subscriptionIds } = sandbox;
  fs.writeFileSync(file, JSON.stringify({ armEndpoint, dnsServer, caCertFile, tenantId, subscriptionIds }));
  return file;
}
