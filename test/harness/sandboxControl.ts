// One request to a running sandbox (its control API or an ARM path), as the e2e and integration tests
// make them; each suite finds the sandbox its own way (test/e2e/sandboxControl.ts from the runner's
// environment, test/integration/sandboxControl.ts from the extension's settings).
import * as fs from 'fs';
import * as https from 'https';

export interface SandboxResponse {
  status: number;
  body: unknown;
}

/** Where the sandbox answers, and the CA its certificate is signed with. */
export interface SandboxAddress {
  armEndpoint: string;
  caCertFile: string;
}

export type SandboxRequest = (method: string, path: string, body?: unknown) => Promise<SandboxResponse>;

// The sandbox takes any well-formed bearer token on ARM paths; the control API needs none.
const fakeJwt = [{ alg: 'none', typ: 'JWT' }, { aud: 'sandbox', tid: 'tests' }]
  .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('signature')
  .join('.');

/** One request to the sandbox at `at`; the body is parsed as JSON when it is JSON. */
export function requestSandbox(at: SandboxAddress, method: string, path: string, body?: unknown): Promise<SandboxResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<SandboxResponse>((resolve, reject) => {
    const req = https.request(new URL(path, at.armEndpoint), { method, ca: fs.readFileSync(at.caCertFile), headers: { authorization: `Bearer ${fakeJwt}`, ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
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
export async function resetSandboxWith(request: SandboxRequest, scenario: string): Promise<void> {
  const reset = await request('POST', '/_sandbox/reset', { scenario });
  if (reset.status >= 300) throw new Error(`sandbox reset answered ${reset.status}`);
  const faults = await request('DELETE', '/_sandbox/faults');
  if (faults.status >= 300) throw new Error(`clearing the sandbox's faults answered ${faults.status}`);
}
