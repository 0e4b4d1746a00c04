// The sandbox's control API for e2e tests that change Azure state and must put it back, inject
// faults, or check what a run left in Azure.
import * as fs from 'fs';
import * as https from 'https';
import { SANDBOX_ENV } from '../harness/workbench';

export interface SandboxResponse {
  status: number;
  body: unknown;
}

// The sandbox takes any well-formed bearer token on ARM paths; the control API needs none.
const fakeJwt = [{ alg: 'none', typ: 'JWT' }, { aud: 'sandbox', tid: 'tests' }]
  .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('signature')
  .join('.');

/** One request to the sandbox (control API or ARM path); the body is parsed as JSON when it is JSON. */
export function sandboxRequest(method: string, path: string, body?: unknown): Promise<SandboxResponse> {
  const raw = process.env[SANDBOX_ENV];
  if (!raw) throw new Error(`${SANDBOX_ENV} is not set: run e2e tests through out/test/harness/runE2e.js`);
  const { armEndpoint, caCertFile } = JSON.parse(raw) as { armEndpoint: string; caCertFile: string };
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<SandboxResponse>((resolve, reject) => {
    const req = https.request(new URL(path, armEndpoint), { method, ca: fs.readFileSync(caCertFile), headers: { authorization: `Bearer ${fakeJwt}`, ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? parseJson(text) : undefined }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Puts the sandbox back to a named scenario, with no fault left armed. */
export async function resetSandbox(scenario = 'seed'): Promise<void> {
  const reset = await sandboxRequest('POST', '/_sandbox/reset', { scenario });
  if (reset.status >= 300) throw new Error(`sandbox reset answered ${reset.status}`);
  const faults = await sandboxRequest('DELETE', '/_sandbox/faults');
  if (faults.status >= 300) throw new Error(`clearing the sandbox's faults answered ${faults.status}`);
}
