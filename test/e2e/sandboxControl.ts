// The sandbox's control API for e2e tests that change Azure state and must put it back, inject
// faults, or check what a run left in Azure; the sandbox is the one the runner started (SANDBOX_ENV).
import { requestSandbox, resetSandboxWith, type SandboxAddress, type SandboxResponse } from '../harness/sandboxControl';
import { SANDBOX_ENV } from '../harness/workbench';

export type { SandboxResponse };

/** One request to the sandbox (control API or ARM path); the body is parsed as JSON when it is JSON. */
export function sandboxRequest(method: string, path: string, body?: unknown): Promise<SandboxResponse> {
  const raw = process.env[SANDBOX_ENV];
  if (!raw) throw new Error(`${SANDBOX_ENV} is not set: run e2e tests through out/test/harness/runE2e.js`);
  return requestSandbox(JSON.parse(raw) as SandboxAddress, method, path, body);
}

/** Puts the sandbox back to a named scenario, with no fault left armed. */
export function resetSandbox(scenario = 'seed'): Promise<void> {
  return resetSandboxWith(sandboxRequest, scenario);
}
