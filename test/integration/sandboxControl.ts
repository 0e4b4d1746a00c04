// The sandbox's control API (reset, faults), reached with the CA the extension is configured with.
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as https from 'https';

function settings(): { armEndpoint: string; caCertFile: string } {
  const c = vscode.workspace.getConfiguration('acrPrivateLink.sandbox');
  return { armEndpoint: c.get<string>('armEndpoint', ''), caCertFile: c.get<string>('caCertFile', '') };
}

const fakeJwt = [{ alg: 'none', typ: 'JWT' }, { aud: 'sandbox', tid: 'tests' }]
  .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('signature')
  .join('.');

export function sandboxRequest(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const { armEndpoint, caCertFile } = settings();
  if (!armEndpoint) throw new Error('acrPrivateLink.sandbox.armEndpoint is not set: the harness did not start a sandbox');
  const url = new URL(path, armEndpoint);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: fs.readFileSync(caCertFile),
        // The sandbox accepts any well-formed bearer token on ARM paths; the control API needs none.
        headers: { authorization: `Bearer ${fakeJwt}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? safeJson(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function resetSandbox(scenario = 'seed'): Promise<void> {
  const r = await sandboxRequest('POST', '/_sandbox/reset', { scenario });
  if (r.status >= 300) throw new Error(`sandbox reset failed: ${r.status}`);
  await sandboxRequest('DELETE', '/_sandbox/faults');
}
