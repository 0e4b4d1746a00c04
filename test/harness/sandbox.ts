// Starts the local Azure (src/sandbox) in this process for a test run and gives the extension
// settings that point at it. The module is loaded from the tsc output at run time so that the
// harness compiles and runs (without Azure) before the sandbox exists.
import * as fs from 'fs';
import * as path from 'path';
import { outRoot } from './paths';

export type Scenario = 'seed' | 'empty' | 'scale' | 'registry-network';

export interface SandboxInfo {
  armEndpoint: string;
  dnsServer: string;
  caCertPem: string;
  caCertFile: string;
  tenantId: string;
  subscriptionIds: string[];
  close(): Promise<void>;
}

interface SandboxModule {
  startSandbox(opts: { scenario?: Scenario; port?: number; dnsPort?: number; stateFile?: string }): Promise<SandboxInfo>;
}

export interface TestSandbox {
  info: SandboxInfo;
  /** The user settings that make the extension talk to this sandbox. */
  settings: Record<string, unknown>;
}

/** undefined when the sandbox has not been built into out/src/sandbox yet. */
export async function startTestSandbox(scenario: Scenario = 'seed'): Promise<TestSandbox | undefined> {
  const file = path.join(outRoot(), 'src', 'sandbox', 'index.js');
  if (!fs.existsSync(file)) return undefined;
  const mod = require(file) as SandboxModule;
  const info = await mod.startSandbox({ scenario });
  return { info, settings: sandboxSettings(info) };
}

export function sandboxSettings(info: Pick<SandboxInfo, 'armEndpoint' | 'caCertFile' | 'dnsServer' | 'tenantId'>): Record<string, unknown> {
  return {
    'acrPrivateLink.environment': 'Sandbox',
    'acrPrivateLink.sandbox.armEndpoint': info.armEndpoint,
    'acrPrivateLink.sandbox.caCertFile': info.caCertFile,
    'acrPrivateLink.sandbox.dnsServer': info.dnsServer,
    'acrPrivateLink.sandbox.tenantId': info.tenantId,
  };
}

/** Settings every harness-started workbench gets: no welcome page in the way of the tests. */
export const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'git.openRepositoryInParentFolders': 'never',
  // The test machines may have no route to the extension gallery; asking it only adds noise.
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
};
