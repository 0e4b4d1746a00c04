// The sandbox's control API (reset, faults), reached with the CA the extension is configured with.
import * as vscode from 'vscode';
import { requestSandbox, resetSandboxWith, type SandboxResponse } from '../harness/sandboxControl';

export function sandboxRequest(method: string, path: string, body?: unknown): Promise<SandboxResponse> {
  const c = vscode.workspace.getConfiguration('acrPrivateLink.sandbox');
  const armEndpoint = c.get<string>('armEndpoint', '');
  if (!armEndpoint) throw new Error('acrPrivateLink.sandbox.armEndpoint is not set: the harness did not start a sandbox');
  return requestSandbox({ armEndpoint, caCertFile: c.get<string>('caCertFile', '') }, method, path, body);
}

/** Puts the sandbox back to a named scenario, with no fault left armed. */
export function resetSandbox(scenario = 'seed'): Promise<void> {
  return resetSandboxWith(sandboxRequest, scenario);
}
