// The map a sandbox publishes from each address of its world to the loopback listener that stands
// for it (`GET /_sandbox/listeners` on its ARM endpoint). Asked of a loopback endpoint only.
import * as https from 'node:https';
import { isLoopbackHost } from '../../common/loopback';
import type { SandboxListener } from './dialer';

export async function fetchSandboxListeners(armEndpoint: string, caCertPem: string | undefined, timeoutMs = 10_000): Promise<SandboxListener[]> {
  const url = new URL('/_sandbox/listeners', armEndpoint);
  if (url.protocol !== 'https:' || !isLoopbackHost(url.hostname)) throw new Error(`The sandbox's listeners are read from a loopback https endpoint only, not ${armEndpoint}.`);
  const text = await new Promise<string>((resolve, reject) => {
    const request = https.get(url, { ...(caCertPem !== undefined ? { ca: caCertPem } : {}), timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`The sandbox answered ${response.statusCode ?? '?'} to GET /_sandbox/listeners; is it a sandbox that serves registry endpoints?`))));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`The sandbox did not list its listeners within ${timeoutMs / 1000} s.`)));
    request.on('error', reject);
  });
  const body = JSON.parse(text) as { value?: unknown };
  if (!Array.isArray(body.value)) throw new Error('The sandbox listed no listeners.');
  return body.value.flatMap((v: unknown) => {
    const l = v as Partial<SandboxListener>;
    return typeof l.address === 'string' && typeof l.listener === 'string' ? [{ address: l.address, listener: l.listener }] : [];
  });
}
