// The sandbox's control API for e2e tests that change Azure state and must put it back.
import * as fs from 'fs';
import * as https from 'https';
import { SANDBOX_ENV } from '../harness/workbench';

export async function resetSandbox(scenario = 'seed'): Promise<void> {
  const raw = process.env[SANDBOX_ENV];
  if (!raw) throw new Error(`${SANDBOX_ENV} is not set: run e2e tests through out/test/harness/runE2e.js`);
  const { armEndpoint, caCertFile } = JSON.parse(raw) as { armEndpoint: string; caCertFile: string };
  const status = await new Promise<number>((resolve, reject) => {
    const req = https.request(new URL('/_sandbox/reset', armEndpoint), { method: 'POST', ca: fs.readFileSync(caCertFile), headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ scenario }));
  });
  if (status >= 300) throw new Error(`sandbox reset answered ${status}`);
}
